"""Coding decisions: confirm, reject, withdraw, undo, confirm above a threshold, memos. Each is stored at
once (one transaction with its event); its effect on the suggestions follows (see refresh.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from verhalen.app import limits
from verhalen.app.project import Project
from verhalen.app.refresh import Refresh
from verhalen.domain import STATUSES, Coding, Memo, ValidationError

AfterChange = Callable[[Refresh, Sequence[int], Sequence[str]], None]


class CodingService:
    """Writes decisions through the repository; ``after_change(refresh, fragment_ids, stories)`` refits."""

    def __init__(self, project: Project, after_change: AfterChange) -> None:
        self.project = project
        self.repo = project.repo
        self._after_change = after_change

    def decide(
        self, fragment_id: int, code: str, coder: str, status: str, memo: str = "", refresh: Refresh = True
    ) -> bool:
        coder = coder.strip()
        if not coder:
            raise ValidationError("coder_missing")
        if status not in STATUSES:
            raise ValidationError("status_unknown", status=status)
        if code not in {c.id for c in self.project.codebook().codes}:
            raise ValidationError("code_unknown", code=code)
        coding = limits.coding(Coding(fragment_id, code, coder, status, None, memo))  # type: ignore[arg-type]
        changed = self.repo.decide(coding)
        if changed:
            self._after_change(refresh, [fragment_id], ())
        return changed

    def withdraw(self, fragment_id: int, code: str, coder: str, refresh: Refresh = True) -> bool:
        coder = limits.coder(coder)
        changed = self.repo.withdraw(fragment_id, code, coder)
        if changed:
            self._after_change(refresh, [fragment_id], ())
        return changed

    def undo(self, coder: str, refresh: Refresh = True) -> bool:
        coder = limits.coder(coder)
        undone = self.repo.undo_last(coder)
        if undone is not None:
            fragment = undone.fragment_id
            self._after_change(refresh, [fragment] if fragment is not None else [], ())
        return undone is not None

    def confirm_above(self, story_id: str, coder: str, threshold: float, refresh: Refresh = True) -> int:
        """Confirm every suggestion >= threshold of the story's undecided fragments."""
        coder = limits.coder(coder)
        mine = {(c.fragment_id, c.code) for c in self.repo.codings(story_id=story_id, coder=coder)}
        todo = [
            Coding(fragment_id, s.code, coder, "confirmed")
            for fragment_id, suggestions in self.repo.suggestions(story_id).items()
            for s in suggestions
            if s.score >= threshold and (fragment_id, s.code) not in mine
        ]
        count = sum(self.repo.decide_many(todo, kind="bulk"))  # one transaction: all or none
        if count:
            self._after_change(refresh, (), [story_id])
        return count

    def set_memo(self, fragment_id: int, coder: str, text: str) -> None:
        self.repo.set_memo(limits.memo(Memo(fragment_id, coder, text)))
