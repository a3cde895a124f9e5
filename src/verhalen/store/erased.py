"""Which events are about fragments that no longer exist. SQLite hands a deleted fragment's id to the next
new fragment, so an event about fragment 4 written before fragment 4 was erased, merged, split or reset is
about another text than today's fragment 4: undo and history must pass over it."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from verhalen.store.models import EventRow

REMOVING = ("erase", "merge", "split", "reset")


class Gone:
    """The last reset, and per fragment id the last event that removed that fragment."""

    def __init__(self, s: Session) -> None:
        self.floor = 0
        self.removed: dict[int, int] = {}
        rows = s.execute(
            select(EventRow.id, EventRow.kind, EventRow.payload).where(EventRow.kind.in_(REMOVING))
        )
        for event_id, kind, payload in rows:
            if kind == "reset":
                self.floor = max(self.floor, int(event_id))
                continue
            data = json.loads(payload or "{}")
            for fragment_id in data.get("fragment_ids" if kind == "erase" else "removed", []) or []:
                self.removed[int(fragment_id)] = max(self.removed.get(int(fragment_id), 0), int(event_id))

    def current(self, event_id: int, fragment_id: int | None) -> bool:
        """True when the event is about the fragment that has this id now (or about no fragment)."""
        if event_id <= self.floor:
            return False
        return fragment_id is None or event_id > self.removed.get(fragment_id, 0)
