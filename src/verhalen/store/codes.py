"""Changes to the codes of a codebook version: rename, recolour, move and merge (part of the repository).

Each change is one transaction with its events. A merge moves the codings and lead resolutions of one code
onto another; where a coder (or the lead) had decided both on a fragment, one decision is kept: confirmed if
either was confirmed, with both memos. Suggestions of the merged code are dropped (the next refresh scores
the target). The rules about which codes may change (inductive codes only, two levels) live in
``verhalen.app.codes``; here only what keeps the data consistent is checked again inside the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from verhalen.domain import ValidationError
from verhalen.store.convert import dump as _dump
from verhalen.store.models import CodeRow, CodingRow, EventRow, ResolutionRow, SuggestionRow, utcnow

T = TypeVar("T")
KEEP: Any = object()  # ``parent=KEEP``: leave the parent as it is


@dataclass(frozen=True)
class MergeCount:
    """What a merge did: decisions moved as they were, decisions combined with one on the target (a coder
    who had both keeps one), lead resolutions moved or combined, sub-codes that moved to the target."""

    moved: int
    combined: int
    resolutions: int
    subcodes: int


def _combined_status(a: str, b: str) -> str:
    return "confirmed" if "confirmed" in (a, b) else b


def _combined_memo(a: str, b: str) -> str:
    parts = [m.strip() for m in (b, a) if m.strip()]
    return "\n".join(dict.fromkeys(parts))


class CodeStore:
    """Rename, recolour, move and merge codes of a codebook version, each with its events."""

    def transaction(self, work: Callable[[Session], T]) -> T:
        raise NotImplementedError

    @staticmethod
    def _code_rows(s: Session, version: str, code_ids: Sequence[str]) -> dict[str, CodeRow]:
        query = (
            select(CodeRow)
            .where(CodeRow.codebook_version == version, CodeRow.code_id.in_(list(code_ids)))
            .with_for_update()
        )
        rows = {r.code_id: r for r in s.scalars(query)}
        missing = [c for c in code_ids if c not in rows]
        if missing:
            raise ValidationError("code_not_in_version", code=missing[0], version=version)
        return rows

    def change_code(
        self,
        version: str,
        code_id: str,
        coder: str,
        *,
        name: str | None = None,
        short: str | None = None,
        colour: str | None = None,
        parent: str | None = KEEP,
    ) -> bool:
        """Change the name, short label, colour and/or parent of one code, with one event per changed
        property ('rename_code', 'recolour_code', 'move_code'). Returns False when nothing changed."""

        def work(s: Session) -> bool:
            wanted = [code_id] + ([parent] if parent is not KEEP and parent is not None else [])
            rows = self._code_rows(s, version, wanted)
            row = rows[code_id]
            events: list[tuple[str, dict[str, Any]]] = []
            if name is not None and (name, short if short is not None else row.short) != (
                row.name,
                row.short,
            ):
                new_short = row.short if short is None else short
                events.append(("rename_code", {"before": [row.name, row.short], "after": [name, new_short]}))
                row.name, row.short = name, new_short
            if colour is not None and colour.lower() != row.colour.lower():
                events.append(("recolour_code", {"before": row.colour, "after": colour}))
                row.colour = colour
            if parent is not KEEP and parent != row.parent_id:
                if parent == code_id:
                    raise ValidationError("code_under_itself")
                events.append(("move_code", {"before": row.parent_id, "after": parent}))
                row.parent_id = parent
            for kind, payload in events:
                s.add(
                    EventRow(
                        kind=kind,
                        coder=coder,
                        code_id=code_id,
                        payload=_dump({"version": version, **payload}),
                    )
                )
            return bool(events)

        return self.transaction(work)

    def merge_code(self, version: str, source: str, target: str, coder: str) -> MergeCount:
        """Merge ``source`` into ``target``: its codings and resolutions move to the target, its sub-codes
        move under the target, its suggestions go and the code leaves the codebook version. One
        transaction: a 'merge_coding' event per decision that moved or was combined, a 'merge_code' event
        for the whole."""
        if source == target:
            raise ValidationError("merge_with_itself")

        def work(s: Session) -> MergeCount:
            rows = self._code_rows(s, version, [source, target])
            children = _move_children(s, version, source, target)
            now = utcnow()
            moved, combined, events = _merge_codings(s, source, target, now)
            resolutions = _merge_resolutions(s, source, target, now)
            s.flush()
            s.execute(delete(ResolutionRow).where(ResolutionRow.code_id == source))
            s.execute(delete(SuggestionRow).where(SuggestionRow.code_id == source))
            s.delete(rows[source])
            if events:
                s.execute(insert(EventRow), events)
            summary = {
                "version": version,
                "source": source,
                "source_name": rows[source].name,
                "target": target,
                "moved": moved,
                "combined": combined,
                "resolutions": resolutions,
                "subcodes": children,
            }
            s.add(EventRow(kind="merge_code", coder=coder, code_id=target, payload=_dump(summary)))
            return MergeCount(moved, combined, resolutions, len(children))

        return self.transaction(work)


def _move_children(s: Session, version: str, source: str, target: str) -> list[str]:
    """The sub-codes of ``source`` move under ``target``; returns their ids."""
    children = list(
        s.scalars(select(CodeRow).where(CodeRow.codebook_version == version, CodeRow.parent_id == source))
    )
    for child in children:
        if child.code_id == target:
            raise ValidationError("merge_with_own_subcode")
        child.parent_id = target
    return [c.code_id for c in children]


def _merge_codings(
    s: Session, source: str, target: str, now: datetime
) -> tuple[int, int, list[dict[str, Any]]]:
    """Move every coding of ``source`` to ``target`` (combined where the coder decided both); returns
    (moved, combined, the 'merge_coding' events). Rows are moved one at a time and then deleted one at a
    time; the source is read again until none is left, so a decision another process stored on it
    meanwhile (PostgreSQL, read committed) moves too instead of being deleted unseen."""
    moved = combined = 0
    events: list[dict[str, Any]] = []
    while True:
        codings = s.scalars(
            select(CodingRow)
            .where(CodingRow.code_id == source)
            .order_by(CodingRow.fragment_id, CodingRow.coder)
            .with_for_update()
        ).all()
        if not codings:
            return moved, combined, events
        for c in codings:
            key = (CodingRow.fragment_id == c.fragment_id, CodingRow.coder == c.coder)
            before, after = _merge_one_coding(s, c, key, target, now)
            moved += before["target"] is None
            combined += before["target"] is not None
            events.append(
                {
                    "kind": "merge_coding",
                    "coder": c.coder,
                    "fragment_id": c.fragment_id,
                    "code_id": target,
                    "payload": _dump({"from": source, "before": before, "after": after}),
                    "time": now,
                }
            )
            s.execute(delete(CodingRow).where(*key, CodingRow.code_id == source))


def _merge_one_coding(
    s: Session, c: CodingRow, key: tuple[Any, Any], target: str, now: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Put one coding of the source on the target; returns the event's (before, after)."""
    there = s.execute(
        select(CodingRow.status, CodingRow.memo).where(*key, CodingRow.code_id == target).with_for_update()
    ).first()
    before: dict[str, Any] = {"source": {"status": c.status, "memo": c.memo}, "target": None}
    if there is None:
        after = {"status": c.status, "memo": c.memo}
        s.execute(
            insert(CodingRow).values(
                fragment_id=c.fragment_id,
                code_id=target,
                coder=c.coder,
                status=c.status,
                memo=c.memo,
                updated_at=c.updated_at,
            )
        )
        return before, after
    before["target"] = {"status": there[0], "memo": there[1]}
    after = {"status": _combined_status(c.status, there[0]), "memo": _combined_memo(c.memo, there[1])}
    s.execute(
        update(CodingRow)
        .where(*key, CodingRow.code_id == target)
        .values(status=after["status"], memo=after["memo"], updated_at=now)
    )
    return before, after


def _merge_resolutions(s: Session, source: str, target: str, now: datetime) -> int:
    """Move the lead's resolutions of ``source`` to ``target`` (combined where both were settled)."""
    count = 0
    for r in s.scalars(select(ResolutionRow).where(ResolutionRow.code_id == source)).all():
        where = (ResolutionRow.fragment_id == r.fragment_id, ResolutionRow.code_id == target)
        status = s.scalar(select(ResolutionRow.status).where(*where))
        if status is None:
            s.add(
                ResolutionRow(
                    fragment_id=r.fragment_id, code_id=target, status=r.status, lead=r.lead, updated_at=now
                )
            )
        else:
            s.execute(update(ResolutionRow).where(*where).values(status=_combined_status(r.status, status)))
        count += 1
    return count
