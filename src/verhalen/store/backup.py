"""``verhalen backup`` and ``verhalen restore``: SQLite through its online backup API (consistent while the
app keeps writing), PostgreSQL through pg_dump / pg_restore (custom format)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from verhalen.domain import VerhalenError
from verhalen.store.db import normalise_url

PAGES_PER_STEP = 1024  # the online backup copies this many pages at a time, letting writers in between


def _url(url: str) -> URL:
    return make_url(normalise_url(url))


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise VerhalenError("Een database in het geheugen kan niet worden geback-upt of teruggezet.")
    return Path(url.database)


def _libpq(url: URL) -> tuple[str, list[str]]:
    """A libpq connection string for pg_dump/pg_restore, and ``--schema`` when the URL sets a search_path."""
    options = url.query.get("options", "")
    text = options if isinstance(options, str) else " ".join(options)
    schemas = [
        name.strip()
        for part in text.split()
        if part.startswith("-csearch_path=")
        for name in part.split("=", 1)[1].split(",")
        if name.strip()
    ]
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return dsn, [f"--schema={schemas[0]}"] if schemas else []


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise VerhalenError(
            f"{name} is niet geïnstalleerd; installeer de PostgreSQL-clientprogramma's "
            "(Debian/Ubuntu: postgresql-client) of maak de back-up met de middelen van de databaseserver."
        )
    return path


def _run(command: list[str], what: str) -> None:
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["onbekende fout"])[0]
        raise VerhalenError(f"{what} mislukt: {first[:200]}")


def _check_sqlite(path: Path) -> None:
    """A readable SQLite file whose pages are intact and that holds a verhalen project."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise VerhalenError(f"{path.name} is geen bruikbaar SQLite-bestand.") from exc
    if not ok or ok[0] != "ok":
        raise VerhalenError(f"{path.name} is beschadigd (integrity_check); niets teruggezet.")
    if not {"stories", "events"} <= tables:
        raise VerhalenError(f"{path.name} is geen verhalen-project; niets teruggezet.")


def _copy_sqlite(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        dst.execute("PRAGMA busy_timeout=5000")
        src.backup(dst, pages=PAGES_PER_STEP)
    finally:
        dst.close()
        src.close()


def backup(database_url: str, out: Path) -> Path:
    """Write a consistent copy of the project to ``out`` (written next to it first, then renamed)."""
    url = _url(database_url)
    out = out.resolve()
    if out.exists() and out.is_dir():
        raise VerhalenError(f"{out} is een map; geef een bestandsnaam.")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".deel")
    try:
        if url.get_backend_name() == "sqlite":
            source = _sqlite_file(url)
            if not source.is_file():
                raise VerhalenError(f"Database {source} bestaat niet.")
            partial.unlink(missing_ok=True)
            _copy_sqlite(source, partial)
            _check_sqlite(partial)
        elif url.get_backend_name() == "postgresql":
            dsn, schema = _libpq(url)
            _run([_tool("pg_dump"), "--format=custom", f"--file={partial}", *schema, dsn], "pg_dump")
        else:
            raise VerhalenError(f"Back-up van {url.get_backend_name()} wordt niet ondersteund.")
        partial.replace(out)
    except OSError as exc:
        raise VerhalenError(f"Kan {out} niet schrijven: {exc.strerror}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return out


def restore(database_url: str, source: Path) -> Path | None:
    """Replace the project's content with the backup ``source``. A SQLite project is first copied aside
    (returned: nothing is lost); a PostgreSQL schema is dropped and recreated by pg_restore."""
    url = _url(database_url)
    source = source.resolve()
    if not source.is_file():
        raise VerhalenError(f"Back-upbestand {source} bestaat niet.")
    if url.get_backend_name() == "sqlite":
        _check_sqlite(source)
        target = _sqlite_file(url)
        kept: Path | None = None
        if target.is_file() and target.stat().st_size:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            kept = target.with_name(f"{target.name}.voor-terugzetten.{stamp}.bak")
            _copy_sqlite(target, kept)
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_sqlite(source, target)
        return kept
    if url.get_backend_name() == "postgresql":
        dsn, _schema = _libpq(url)
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={dsn}",
                str(source),
            ],
            "pg_restore",
        )
        return None
    raise VerhalenError(f"Terugzetten naar {url.get_backend_name()} wordt niet ondersteund.")
