"""Backup and restore of a whole project (the CLI's ``backup`` and ``restore``; the work is in store/).

An erasure outlives a restore: the stories the project's log says were erased are erased again in the
restored project (a backup made before an AVG request must not bring the story back)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verhalen.store import Repository, connect, migrate
from verhalen.store import backup as _store
from verhalen.store.audit import erase_again, erasures_at


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # where a SQLite project's old file was kept
    erased_again: tuple[str, ...]  # restored stories that had been erased, erased once more


def backup(database_url: str, out: Path) -> Path:
    """A consistent copy of the project in ``out`` (SQLite: online backup API; PostgreSQL: pg_dump)."""
    return _store.backup(database_url, out)


def restore(database_url: str, source: Path, by: str) -> Restored:
    """Replace the project's content with ``source`` (brought to the newest schema), then erase again what
    had been erased."""
    erased = erasures_at(database_url)
    kept = _store.restore(database_url, source)
    engine = connect(database_url)
    try:
        migrate(engine)
        again = erase_again(Repository(engine), erased, by)
    finally:
        engine.dispose()
    return Restored(kept, tuple(again))
