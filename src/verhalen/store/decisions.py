"""Decisions and the append-only event log: codings, undo, memos, resolutions (part of the repository)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from verhalen.domain import Coding, Event, Memo, ValidationError
from verhalen.store.convert import dump as _dump
from verhalen.store.convert import event as _event
from verhalen.store.erased import Gone
from verhalen.store.errors import StoreError
from verhalen.store.models import (
    Base,
    CodingRow,
    EventRow,
    FragmentRow,
    MemoRow,
    ResolutionRow,
    StoryRow,
    utcnow,
)

T = TypeVar("T")


def dialect_insert(s: Session, model: type[Base]) -> Any:
    """``INSERT`` with ``ON CONFLICT`` support for the session's database (SQLite or PostgreSQL)."""
    name = s.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(model)
    if name == "sqlite":
        return sqlite.insert(model)
    raise StoreError("database_kind_unsupported", name=name)


class DecisionStore:
    """Writes every decision at once, idempotently, with an event; never updates or deletes an event.

    Safe with many processes at once: a decision is an ``INSERT … ON CONFLICT`` on its key followed, when
    the row existed, by a locked read and update, with its event in the same transaction."""

    def session(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def transaction(self, work: Callable[[Session], T]) -> T:
        raise NotImplementedError

    # -- codings and the event log --------------------------------------------------------------
    def decide(self, coding: Coding, kind: str = "decide") -> bool:
        """Record a decision idempotently. Returns False when it changed nothing (double click)."""
        return self.decide_many([coding], kind)[0]

    def decide_many(self, codings: Sequence[Coding], kind: str = "decide") -> list[bool]:
        """Record decisions in ONE transaction: all of them or, on any error, none. Per decision: did it
        change something (False for one that was stored like this already; it logs no event)."""
        # Rows are written in key order (a stable sort keeps repeats of a key in their order), so two
        # batches over the same keys lock them in the same order and cannot deadlock on PostgreSQL.
        order = sorted(range(len(codings)), key=lambda i: _key(codings[i]))

        def work(s: Session) -> list[bool]:
            changed = [False] * len(codings)
            events: list[dict[str, Any]] = []
            for i in order:
                event = _decide(s, codings[i], kind)
                changed[i] = event is not None
                if event is not None:
                    events.append(event)
            if events:  # one executemany at the end, in the order the decisions were written
                s.execute(insert(EventRow), events)
            return changed

        return self.transaction(work) if codings else []

    def withdraw(self, fragment_id: int, code: str, coder: str, kind: str = "withdraw") -> bool:
        """Remove a coder's decision (the event log keeps what it was)."""

        def work(s: Session) -> bool:
            gone = s.execute(
                delete(CodingRow)
                .where(
                    CodingRow.fragment_id == fragment_id,
                    CodingRow.code_id == code,
                    CodingRow.coder == coder,
                )
                .returning(CodingRow.status, CodingRow.memo)
            ).first()
            if gone is None:  # nothing to withdraw, or another process withdrew it just now
                return False
            s.add(
                EventRow(
                    kind=kind,
                    coder=coder,
                    fragment_id=fragment_id,
                    code_id=code,
                    payload=_dump({"before": {"status": gone[0], "memo": gone[1]}, "after": None}),
                )
            )
            return True

        return self.transaction(work)

    def undo_last(self, coder: str) -> Event | None:
        """Undo the coder's newest decision that is not undone yet; returns the undone event."""
        with self.session() as s:
            events = s.scalars(
                select(EventRow)
                .where(EventRow.coder == coder, EventRow.kind.in_(["decide", "withdraw", "undo", "bulk"]))
                .order_by(EventRow.id.desc())
                .limit(500)
            ).all()
            undone = {json.loads(e.payload).get("undoes") for e in events if e.kind == "undo"}
            gone = Gone(s)  # a decision on a fragment since erased, merged or split is not undone
            target = next(
                (
                    e
                    for e in events
                    if e.kind != "undo" and e.id not in undone and gone.current(e.id, e.fragment_id)
                ),
                None,
            )
            if target is None or target.fragment_id is None or target.code_id is None:
                return None
            before = json.loads(target.payload).get("before")
            row = s.get(CodingRow, (target.fragment_id, target.code_id, coder))
            if before is None and row is not None:
                s.delete(row)
            elif before is not None:
                if row is None:
                    row = CodingRow(fragment_id=target.fragment_id, code_id=target.code_id, coder=coder)
                    s.add(row)
                row.status, row.memo, row.updated_at = before["status"], before["memo"], utcnow()
            s.add(
                EventRow(
                    kind="undo",
                    coder=coder,
                    fragment_id=target.fragment_id,
                    code_id=target.code_id,
                    payload=_dump({"undoes": target.id, "restored": before}),
                )
            )
            return _event(target)

    def codings(self, story_id: str | None = None, coder: str | None = None) -> list[Coding]:
        with self.session() as s:
            query = select(CodingRow)
            if story_id is not None:
                query = query.join(FragmentRow).join(StoryRow).where(StoryRow.story_id == story_id)
            if coder is not None:
                query = query.where(CodingRow.coder == coder)
            rows = s.scalars(query.order_by(CodingRow.fragment_id, CodingRow.code_id, CodingRow.coder))
            return [
                Coding(r.fragment_id, r.code_id, r.coder, r.status, r.updated_at, r.memo)  # type: ignore[arg-type]
                for r in rows
            ]

    def progress(self, coder: str | None = None) -> dict[str, tuple[int, int]]:
        """story id -> (codable fragments with a decision [by coder], codable fragments), in SQL."""
        with self.session() as s:
            totals = s.execute(
                select(StoryRow.story_id, func.count(FragmentRow.id))
                .join(FragmentRow)
                .where(FragmentRow.codable.is_(True))
                .group_by(StoryRow.story_id)
            ).all()
            decided_q = (
                select(StoryRow.story_id, func.count(func.distinct(CodingRow.fragment_id)))
                .join(FragmentRow, FragmentRow.story_pk == StoryRow.pk)
                .join(CodingRow, CodingRow.fragment_id == FragmentRow.id)
                .where(FragmentRow.codable.is_(True))
                .group_by(StoryRow.story_id)
            )
            if coder is not None:
                decided_q = decided_q.where(CodingRow.coder == coder)
            decided = {sid: n for sid, n in s.execute(decided_q)}
            return {str(sid): (int(decided.get(sid, 0)), int(n)) for sid, n in totals}

    def coders(self) -> list[str]:
        with self.session() as s:
            return list(s.scalars(select(CodingRow.coder).distinct().order_by(CodingRow.coder)))

    def decided_texts(self) -> list[tuple[int, str, str, str, str]]:
        """(fragment_id, text, code, status, coder) of every decision, for training the suggester."""
        with self.session() as s:
            rows = s.execute(
                select(
                    CodingRow.fragment_id,
                    FragmentRow.text,
                    CodingRow.code_id,
                    CodingRow.status,
                    CodingRow.coder,
                )
                .join(FragmentRow)
                .order_by(CodingRow.fragment_id, CodingRow.code_id, CodingRow.coder)
            ).all()
            return [(int(i), str(t), str(c), str(st), str(who)) for i, t, c, st, who in rows]

    def set_memo(self, memo: Memo) -> None:
        def work(s: Session) -> None:
            when = memo.time or utcnow()
            stmt = dialect_insert(s, MemoRow).values(
                fragment_id=memo.fragment_id, coder=memo.coder, text=memo.text, updated_at=when
            )
            if s.execute(stmt.on_conflict_do_nothing().returning(MemoRow.fragment_id)).first() is None:
                where = (MemoRow.fragment_id == memo.fragment_id, MemoRow.coder == memo.coder)
                text = s.scalar(select(MemoRow.text).where(*where).with_for_update())
                if text == memo.text:
                    return
                s.execute(update(MemoRow).where(*where).values(text=memo.text, updated_at=when))
            s.add(
                EventRow(
                    kind="memo",
                    coder=memo.coder,
                    fragment_id=memo.fragment_id,
                    payload=_dump({"length": len(memo.text)}),
                )
            )

        self.transaction(work)

    def memos(self, story_id: str | None = None, coder: str | None = None) -> list[Memo]:
        """Memos on fragments (not on codes), of one story and one coder when given."""
        with self.session() as s:
            query = select(MemoRow).where(MemoRow.text != "")
            if story_id is not None:
                query = query.join(FragmentRow).join(StoryRow).where(StoryRow.story_id == story_id)
            if coder is not None:
                query = query.where(MemoRow.coder == coder)
            rows = s.scalars(query.order_by(MemoRow.fragment_id))
            return [Memo(r.fragment_id, r.coder, r.text, None, r.updated_at) for r in rows]

    def resolve(self, fragment_id: int, code: str, status: str, lead: str) -> None:
        def work(s: Session) -> None:
            stmt = dialect_insert(s, ResolutionRow).values(
                fragment_id=fragment_id, code_id=code, status=status, lead=lead, updated_at=utcnow()
            )
            s.execute(
                stmt.on_conflict_do_update(
                    index_elements=[ResolutionRow.fragment_id, ResolutionRow.code_id],
                    set_={n: stmt.excluded[n] for n in ("status", "lead", "updated_at")},
                )
            )
            s.add(
                EventRow(
                    kind="resolve",
                    coder=lead,
                    fragment_id=fragment_id,
                    code_id=code,
                    payload=_dump({"status": status}),
                )
            )

        self.transaction(work)

    def resolutions(self) -> dict[tuple[int, str], str]:
        with self.session() as s:
            return {(r.fragment_id, r.code_id): r.status for r in s.scalars(select(ResolutionRow))}

    def log(self, kind: str, coder: str, payload: dict[str, Any]) -> None:
        with self.session() as s:
            s.add(EventRow(kind=kind, coder=coder, payload=_dump(payload)))

    def last_event_id(self) -> int:
        """The newest event's id (0 without events): a change counter every process can read."""
        with self.session() as s:
            return int(s.scalar(select(func.max(EventRow.id))) or 0)

    def event_kinds_after(self, event_id: int) -> set[str]:
        """The kinds of the events newer than ``event_id``."""
        with self.session() as s:
            return set(s.scalars(select(EventRow.kind).where(EventRow.id > event_id).distinct()))

    def events(self, limit: int = 100) -> list[Event]:
        with self.session() as s:
            rows = s.scalars(select(EventRow).order_by(EventRow.id.desc()).limit(limit))
            return [_event(r) for r in rows]


def _key(coding: Coding) -> tuple[int, str, str]:
    return (coding.fragment_id, coding.code, coding.coder)


def _decide(s: Session, coding: Coding, kind: str) -> dict[str, Any] | None:
    """One decision inside an open transaction; the values of its event when it changed the stored
    state, None when it was stored like this already."""
    after = {"status": coding.status, "memo": coding.memo}
    values = {
        "fragment_id": coding.fragment_id,
        "code_id": coding.code,
        "coder": coding.coder,
        "status": coding.status,
        "memo": coding.memo,
        "updated_at": coding.time or utcnow(),
    }
    where = (
        CodingRow.fragment_id == coding.fragment_id,
        CodingRow.code_id == coding.code,
        CodingRow.coder == coding.coder,
    )
    for _ in range(5):  # more than one round only when another process withdraws it meanwhile
        # 1. Insert unless the key exists. This is a write: on SQLite it takes the file's write lock, on
        #    PostgreSQL it waits for a concurrent insert of the same key to commit or roll back.
        try:
            stmt = (
                dialect_insert(s, CodingRow)
                .values(**values)
                .on_conflict_do_nothing(
                    index_elements=[CodingRow.fragment_id, CodingRow.code_id, CodingRow.coder]
                )
                .returning(CodingRow.fragment_id)
            )
            inserted = s.execute(stmt).first() is not None
        except IntegrityError as exc:  # the only other constraint: the fragment must exist
            raise ValidationError("fragment_not_found_unsaved", fragment=coding.fragment_id) from exc
        before: dict[str, str] | None = None
        if not inserted:
            # 2. The key existed: read what it was under a row lock, update only when it differs.
            row = s.execute(select(CodingRow.status, CodingRow.memo).where(*where).with_for_update()).first()
            if row is None:
                continue
            before = {"status": row[0], "memo": row[1]}
            if before == after:
                return None
            s.execute(
                update(CodingRow)
                .where(*where)
                .values(status=coding.status, memo=coding.memo, updated_at=values["updated_at"])
            )
        return {
            "kind": kind,
            "coder": coding.coder,
            "fragment_id": coding.fragment_id,
            "code_id": coding.code,
            "payload": _dump({"before": before, "after": after}),
            "time": utcnow(),
        }
    raise StoreError("decision_withdrawn_meanwhile")
