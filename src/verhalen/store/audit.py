"""The audit trail's other half: erasing a story with everything linked to it, and reading a story's or a
fragment's history. The ``events`` table itself is append-only (database triggers, migration 0003)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, inspect, or_, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from verhalen.domain import Event, VerhalenError
from verhalen.store.convert import chunks as _chunks
from verhalen.store.convert import dump as _dump
from verhalen.store.convert import event as _event
from verhalen.store.db import connect, normalise_url
from verhalen.store.erased import Gone
from verhalen.store.models import (
    AttributeRow,
    Base,
    CodingRow,
    EmbeddingRow,
    EventRow,
    FragmentRow,
    MemoRow,
    ResolutionRow,
    StoryRow,
    SuggestionRow,
)
from verhalen.store.repository import Repository

LINKED: tuple[tuple[str, type[Base]], ...] = (  # per fragment, deleted before the fragments themselves
    ("suggestions", SuggestionRow),
    ("embeddings", EmbeddingRow),
    ("codings", CodingRow),
    ("memos", MemoRow),
    ("resolutions", ResolutionRow),
)


@dataclass(frozen=True)
class Erasure:
    story_id: str
    removed: dict[str, int]  # table -> rows deleted
    event_id: int


def _deleted(s: Session, statement: Any) -> int:
    result: Any = s.execute(statement)
    return int(result.rowcount or 0)


def erase_story(repo: Repository, story_id: str, by: str) -> Erasure:
    """Delete a story, its fragments and every row that hangs on them, in one transaction, and log the
    erasure: who, when, which story id and how many rows, never the text. On SQLite the freed pages are
    zeroed (secure_delete) and the write-ahead log is checkpointed, so the text is gone from the file."""

    def work(s: Session) -> Erasure:
        if sqlite:  # deleted content is overwritten with zeros, not left in free pages of the file
            s.execute(text("PRAGMA secure_delete=ON"))
        pk = s.scalar(select(StoryRow.pk).where(StoryRow.story_id == story_id))
        if pk is None:
            raise VerhalenError(f"Verhaal '{story_id}' bestaat niet.")
        ids = [int(i) for i in s.scalars(select(FragmentRow.id).where(FragmentRow.story_pk == pk))]
        removed: dict[str, int] = {}
        for name, model in LINKED:
            column = model.__table__.c.fragment_id
            removed[name] = sum(_deleted(s, delete(model).where(column.in_(c))) for c in _chunks(ids, 500))
        removed["fragments"] = _deleted(s, delete(FragmentRow).where(FragmentRow.story_pk == pk))
        removed["attributes"] = _deleted(s, delete(AttributeRow).where(AttributeRow.story_pk == pk))
        removed["stories"] = _deleted(s, delete(StoryRow).where(StoryRow.pk == pk))
        row = EventRow(
            kind="erase",
            coder=by,
            payload=_dump({"story_id": story_id, "fragment_ids": ids, "removed": removed}),
        )
        s.add(row)
        s.flush()
        return Erasure(story_id, removed, int(row.id))

    sqlite = repo.dialect == "sqlite"
    erased = repo.transaction(work)
    if sqlite:  # and the write-ahead log, which held the zeroed pages, is folded in and emptied
        with repo.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return erased


def erasures(repo: Repository) -> dict[str, datetime]:
    """Every story id the log says was erased, with the time of its latest erasure."""
    found: dict[str, datetime] = {}
    with repo.session() as s:
        rows = s.execute(select(EventRow.payload, EventRow.time).where(EventRow.kind == "erase"))
        for payload, when in rows:
            story_id = json.loads(payload or "{}").get("story_id")
            if isinstance(story_id, str) and story_id:
                found[story_id] = max(found.get(story_id, when), when)
    return found


def erasures_at(database_url: str) -> dict[str, datetime]:
    """:func:`erasures` of the project at ``database_url`` as it is, without creating or migrating it
    (none when there is no project there yet, or when it cannot be read: the restore will say so)."""
    url = make_url(normalise_url(database_url))
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).is_file()):
        return {}
    engine = connect(database_url)
    try:
        if "events" not in inspect(engine).get_table_names():
            return {}
        return erasures(Repository(engine))
    except SQLAlchemyError:
        return {}
    finally:
        engine.dispose()


def erase_again(repo: Repository, erased: dict[str, datetime], by: str) -> list[str]:
    """After a restore: erase once more every story that ``erased`` (read from the project before it was
    replaced) says was erased after it was imported, so a backup never brings an erased story back. A
    story imported again under the same id after its erasure is a new story and stays."""
    if not erased:
        return []
    with repo.session() as s:
        stored = list(s.execute(select(StoryRow.story_id, StoryRow.created_at)))
    again = [story_id for story_id, created in stored if story_id in erased and created <= erased[story_id]]
    for story_id in again:
        erase_story(repo, story_id, by)
    return again


def history(
    repo: Repository, story_id: str | None = None, fragment_id: int | None = None, limit: int = 500
) -> list[Event]:
    """Events about one fragment, or about one story (its import, its fragments' decisions and memos, its
    erasure), newest first."""
    with repo.session() as s:
        conditions = []
        if fragment_id is not None:
            conditions.append(EventRow.fragment_id == fragment_id)
        if story_id is not None:
            fragments = select(FragmentRow.id).join(StoryRow).where(StoryRow.story_id == story_id)
            conditions.append(EventRow.fragment_id.in_(fragments))
            quoted = _dump({"story_id": story_id})[1:-1]  # '"story_id": "…"' as the payloads spell it
            conditions.append(EventRow.payload.contains(quoted, autoescape=True))
        if not conditions:
            return []
        rows = s.scalars(select(EventRow).where(or_(*conditions)).order_by(EventRow.id.desc()).limit(limit))
        if fragment_id is None:
            return [_event(r) for r in rows]
        gone = Gone(s)  # events about an earlier fragment that had this id belong to that one's history
        return [_event(r) for r in rows if r.fragment_id != fragment_id or gone.current(r.id, r.fragment_id)]


def table_rows(repo: Repository) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted (tests: a refused action writes nothing, not even a changed value)."""
    with repo.session() as s:
        return {
            str(table.name): sorted((tuple(row) for row in s.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }
