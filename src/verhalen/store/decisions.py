"""Decisions and the append-only event log: codings, undo, memos, resolutions (part of the repository)."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verhalen.domain import Coding, Event, Memo, VerhalenError
from verhalen.store.convert import dump as _dump
from verhalen.store.convert import event as _event
from verhalen.store.models import CodingRow, EventRow, FragmentRow, MemoRow, ResolutionRow, StoryRow, utcnow


class DecisionStore:
    """Writes every decision at once, idempotently, with an event; never updates or deletes an event."""

    def session(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    # -- codings and the event log --------------------------------------------------------------
    def decide(self, coding: Coding, kind: str = "decide") -> bool:
        """Record a decision idempotently. Returns False when it changed nothing (double click)."""
        with self.session() as s:
            row = s.get(CodingRow, (coding.fragment_id, coding.code, coding.coder))
            before = None if row is None else {"status": row.status, "memo": row.memo}
            if before == {"status": coding.status, "memo": coding.memo}:
                return False
            if s.get(FragmentRow, coding.fragment_id) is None:
                raise VerhalenError(f"Fragment {coding.fragment_id} bestaat niet.")
            if row is None:
                s.add(
                    CodingRow(
                        fragment_id=coding.fragment_id,
                        code_id=coding.code,
                        coder=coding.coder,
                        status=coding.status,
                        memo=coding.memo,
                        updated_at=coding.time or utcnow(),
                    )
                )
            else:
                row.status, row.memo, row.updated_at = coding.status, coding.memo, coding.time or utcnow()
            after = {"status": coding.status, "memo": coding.memo}
            s.add(
                EventRow(
                    kind=kind,
                    coder=coding.coder,
                    fragment_id=coding.fragment_id,
                    code_id=coding.code,
                    payload=_dump({"before": before, "after": after}),
                )
            )
            return True

    def withdraw(self, fragment_id: int, code: str, coder: str, kind: str = "withdraw") -> bool:
        """Remove a coder's decision (the event log keeps what it was)."""
        with self.session() as s:
            row = s.get(CodingRow, (fragment_id, code, coder))
            if row is None:
                return False
            before = {"status": row.status, "memo": row.memo}
            s.delete(row)
            s.add(
                EventRow(
                    kind=kind,
                    coder=coder,
                    fragment_id=fragment_id,
                    code_id=code,
                    payload=_dump({"before": before, "after": None}),
                )
            )
            return True

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
            target = next((e for e in events if e.kind != "undo" and e.id not in undone), None)
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
            decided = dict(s.execute(decided_q).tuples().all())
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
        with self.session() as s:
            row = s.get(MemoRow, (memo.fragment_id, memo.coder))
            if row is not None and row.text == memo.text:
                return
            if row is None:
                s.add(
                    MemoRow(
                        fragment_id=memo.fragment_id,
                        coder=memo.coder,
                        text=memo.text,
                        updated_at=memo.time or utcnow(),
                    )
                )
            else:
                row.text, row.updated_at = memo.text, memo.time or utcnow()
            s.add(
                EventRow(
                    kind="memo",
                    coder=memo.coder,
                    fragment_id=memo.fragment_id,
                    payload=_dump({"length": len(memo.text)}),
                )
            )

    def memos(self) -> list[Memo]:
        with self.session() as s:
            rows = s.scalars(select(MemoRow).where(MemoRow.text != "").order_by(MemoRow.fragment_id))
            return [Memo(r.fragment_id, r.coder, r.text, None, r.updated_at) for r in rows]

    def resolve(self, fragment_id: int, code: str, status: str, lead: str) -> None:
        with self.session() as s:
            row = s.get(ResolutionRow, (fragment_id, code))
            if row is None:
                s.add(ResolutionRow(fragment_id=fragment_id, code_id=code, status=status, lead=lead))
            else:
                row.status, row.lead, row.updated_at = status, lead, utcnow()
            s.add(
                EventRow(
                    kind="resolve",
                    coder=lead,
                    fragment_id=fragment_id,
                    code_id=code,
                    payload=_dump({"status": status}),
                )
            )

    def resolutions(self) -> dict[tuple[int, str], str]:
        with self.session() as s:
            return {(r.fragment_id, r.code_id): r.status for r in s.scalars(select(ResolutionRow))}

    def log(self, kind: str, coder: str, payload: dict[str, Any]) -> None:
        with self.session() as s:
            s.add(EventRow(kind=kind, coder=coder, payload=_dump(payload)))

    def events(self, limit: int = 100) -> list[Event]:
        with self.session() as s:
            rows = s.scalars(select(EventRow).order_by(EventRow.id.desc()).limit(limit))
            return [_event(r) for r in rows]
