"""Backup and restore of a whole project (the CLI's ``backup`` and ``restore``; the work is in store/)."""

from __future__ import annotations

from pathlib import Path

from verhalen.store import backup as _store


def backup(database_url: str, out: Path) -> Path:
    """A consistent copy of the project in ``out`` (SQLite: online backup API; PostgreSQL: pg_dump)."""
    return _store.backup(database_url, out)


def restore(database_url: str, source: Path) -> Path | None:
    """Replace the project's content with ``source``; returns where a SQLite project's old file was kept."""
    return _store.restore(database_url, source)
