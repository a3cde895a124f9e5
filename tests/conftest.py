"""Shared fixtures: SQLite and PostgreSQL projects, a fake embedder, the demo project.

CI sets VERHALEN_REQUIRE_POSTGRES=1 and VERHALEN_REQUIRE_BROWSER=1: there a missing server or browser
fails the test instead of skipping it.
"""

from __future__ import annotations

import copy
import fcntl
import functools
import os
import shutil
import socket
import sys
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("VERHALEN_EMBEDDER", "fake")
os.environ.setdefault("VERHALEN_DEBUG", "1")  # pages raise unexpected errors instead of showing a message
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from verhalen.app.workbench import Workbench
from verhalen.config import Settings, load_settings
from verhalen.domain import Codebook

# No per-example deadline: on a loaded 2-core CI machine a slow example is not a failure.
hypothesis_settings.register_profile("verhalen", deadline=None)
hypothesis_settings.load_profile("verhalen")


# -- shared expensive setup (speed only: what each test sees is what it saw before) ---------------------
_ENGINES: OrderedDict[tuple[object, ...], dict[str, object]] = OrderedDict()
_ENGINES_LOCK = threading.Lock()
_ENGINES_KEPT = 8  # a codebook with an added code is another key; each state is a few MB


def _share_engine_construction() -> None:
    """An Engine built from the fake encoder depends only on (codebook, encoder size, config) and takes a
    second or more of CPU (encoding the codebook, the first fit); every Workbench of every test built one.
    The first construction of a key runs for real; later ones get a deep copy of its state (a new object
    equal to a fresh construction, sharing nothing mutable; the caller's codebook and encoder objects are the
    ones it holds). Any other encoder (a counting spy, the real ones) or an Engine subclass builds as always.
    Installed once the engine module is loaded (a test may check that a page does not load it)."""
    module = sys.modules.get("verhalen.suggest.engine")
    if module is None:
        return
    from verhalen.suggest.embeddings import FakeEmbedder
    from verhalen.suggest.model import EngineConfig

    Engine = module.Engine
    build = Engine.__init__
    if getattr(build, "shared_for_tests", False):
        return

    def init(self: Engine, codebook: Any, embedder: Any, config: EngineConfig | None = None) -> None:
        if type(self) is not Engine or type(embedder) is not FakeEmbedder:
            build(self, codebook, embedder, config)
            return
        key = (embedder.dim, config or EngineConfig(), codebook)
        try:
            with _ENGINES_LOCK:
                state = _ENGINES.get(key)
                if state is not None:
                    _ENGINES.move_to_end(key)
        except TypeError:  # something unhashable in the codebook: no sharing
            build(self, codebook, embedder, config)
            return
        if state is None:
            build(self, codebook, embedder, config)
            kept = copy.deepcopy(self.__dict__, {id(embedder): embedder, id(codebook): codebook})
            with _ENGINES_LOCK:
                _ENGINES[key] = kept
                while len(_ENGINES) > _ENGINES_KEPT:
                    _ENGINES.popitem(last=False)
            return
        memo = {id(state["embedder"]): embedder, id(state["codebook"]): codebook}
        self.__dict__.update(copy.deepcopy(state, memo))

    init.shared_for_tests = True  # type: ignore[attr-defined]
    Engine.__init__ = init  # type: ignore[method-assign]


def _share_component_scan() -> None:
    """Every AppTest run scanned all installed distributions for Streamlit components (importlib.metadata
    of ~160 packages, 0.2-0.9 s a page open); the installed packages do not change during a test run."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    if getattr(scan, "shared_for_tests", False):
        return
    found: list[Any] = []

    def scan_once(max_workers: int | None = None) -> list[Any]:
        if not found:
            found.append(scan(max_workers))
        return list(found[0])

    scan_once.shared_for_tests = True  # type: ignore[attr-defined]
    manifest_scanner.scan_component_manifests = scan_once  # type: ignore[assignment]


def _share_codebook_parsing() -> None:
    """Every Workbench parsed codebook/*.yaml again (0.1 s of YAML each, thousands of Workbenches in the
    suite). The file is still read each time; the same text gives the same (frozen, immutable) Codebook."""
    import verhalen.app.project as project
    from verhalen.codebook import parse_codebook

    load = project.load_codebook
    if getattr(load, "shared_for_tests", False):
        return
    parsed = functools.lru_cache(maxsize=16)(parse_codebook)

    def load_once(path: Path) -> Codebook:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return load(path)  # its own message
        return parsed(text, where=str(path.name))

    load_once.shared_for_tests = True  # type: ignore[attr-defined]
    project.load_codebook = load_once  # type: ignore[assignment]


_share_component_scan()
_share_codebook_parsing()


def pytest_runtest_setup(item: pytest.Item) -> None:
    _share_engine_construction()


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
    """The demo project built once per run (fake embedder); tests get a copy via ``demo_url``. Under
    pytest-xdist the workers share one build (the run's base folder, a file lock): the first builds it."""
    from verhalen.app.demo import build_demo

    def build(path: Path) -> None:
        wb = Workbench(make_settings(f"sqlite:///{path}", path.parent))
        build_demo(wb)
        wb.repo.engine.dispose()

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        path = tmp_path_factory.mktemp("demo") / "demo.db"
        build(path)
        return path
    folder = tmp_path_factory.getbasetemp().parent / "demo"  # this run's folder, shared by its workers
    folder.mkdir(exist_ok=True)
    path = folder / "demo.db"
    with (folder / "lock").open("wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            scratch = folder / f"build-{os.getpid()}"
            scratch.mkdir()
            build(scratch / "demo.db")
            (scratch / "demo.db").rename(path)  # complete or absent: a half-built file is never found
            shutil.rmtree(scratch)
    return path


@pytest.fixture
def demo_url(demo_db: Path, tmp_path: Path) -> str:
    target = tmp_path / "demo.db"
    shutil.copy(demo_db, target)
    return f"sqlite:///{target}"


@pytest.fixture
def demo_bench(demo_url: str, tmp_path: Path) -> Workbench:
    return Workbench(make_settings(demo_url, tmp_path))
