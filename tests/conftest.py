"""Shared fixtures: SQLite and PostgreSQL projects, a fake embedder, the demo project.

CI sets VERHALEN_REQUIRE_POSTGRES=1 and VERHALEN_REQUIRE_BROWSER=1: there a missing server or browser
fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("VERHALEN_EMBEDDER", "fake")
os.environ.setdefault("VERHALEN_DEBUG", "1")  # pages raise unexpected errors instead of showing a message
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from verhalen.app.workbench import Workbench
from verhalen.config import Settings, load_settings

# No per-example deadline: on a loaded 2-core CI machine a slow example is not a failure.
hypothesis_settings.register_profile("verhalen", deadline=None)
hypothesis_settings.load_profile("verhalen")

PG_BASE = os.environ.get("VERHALEN_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost", "0.0.0.0"})
_connect = socket.socket.connect


def _local_only(self: socket.socket, address: object) -> None:
    """The suite opens no connection outside this machine (issue #17): a network address that is not
    127.0.0.1 / ::1 / localhost fails the test that tried it. Unix sockets (PostgreSQL's, the browser's)
    are left alone. Subprocesses (the app server, Chromium) are not watched by this."""
    if self.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        host = str(address[0])
        if host not in LOCAL_HOSTS:
            raise AssertionError(f"the tests may not connect to {host}: only 127.0.0.1")
    _connect(self, address)  # type: ignore[arg-type]


socket.socket.connect = _local_only  # type: ignore[method-assign]


def _require(flag: str, reason: str) -> None:
    if os.environ.get(flag):
        pytest.fail(f"{reason} (required because {flag} is set)")
    pytest.skip(reason)


def make_settings(url: str, data_dir: Path) -> Settings:
    base = load_settings(url)
    return Settings(
        database_url=url,
        data_dir=data_dir,
        codebook_path=base.codebook_path,
        embedder="fake",
        max_upload_bytes=base.max_upload_bytes,
        extra_names=(),
        team_mode=False,
    )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'verhalen.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema per test, dropped afterwards."""
    try:
        import psycopg

        conn = psycopg.connect(
            PG_BASE.replace("postgresql+psycopg", "postgresql"), autocommit=True, connect_timeout=3
        )
    except Exception as exc:
        _require("VERHALEN_REQUIRE_POSTGRES", f"PostgreSQL not reachable: {exc}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run a test on both databases."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def bench(sqlite_url: str, tmp_path: Path) -> Workbench:
    return Workbench(make_settings(sqlite_url, tmp_path))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project built once (fake embedder); tests get a copy via ``demo_bench``."""
    from verhalen.app.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    wb = Workbench(make_settings(f"sqlite:///{path}", path.parent))
    build_demo(wb)
    wb.repo.engine.dispose()
    return path


@pytest.fixture
def demo_url(demo_db: Path, tmp_path: Path) -> str:
    target = tmp_path / "demo.db"
    shutil.copy(demo_db, target)
    return f"sqlite:///{target}"


@pytest.fixture
def demo_bench(demo_url: str, tmp_path: Path) -> Workbench:
    return Workbench(make_settings(demo_url, tmp_path))
