"""Coding workflow beyond single decisions: the queue across stories, merging and splitting fragments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from verhalen.app.workbench import Workbench
from verhalen.domain import Fragment, ValidationError
from verhalen.ingest.segment import merge, split_points

QueueMode = Literal["undecided", "uncertain"]


@dataclass(frozen=True)
class QueueItem:
    story_id: str
    fragment_id: int
    uncertainty: float


def uncertainty(scores: list[float]) -> float:
    """1 when some score sits at 0.5 (a coin flip), 0 when every score is 0 or 1."""
    return max((1 - abs(2 * s - 1) for s in scores), default=0.0)


def next_in_queue(bench: Workbench, coder: str, mode: QueueMode = "undecided") -> QueueItem | None:
    """The next fragment the coder has not decided: in reading order, or the most uncertain first."""
    decided = {c.fragment_id for c in bench.repo.codings(coder=coder)}
    suggestions = bench.repo.suggestions()
    open_items = [
        QueueItem(f.story_id, f.id, uncertainty([s.score for s in suggestions.get(f.id, [])]))
        for f in bench.repo.fragments(codable_only=True)
        if f.id not in decided
    ]
    if not open_items:
        return None
    if mode == "uncertain":
        return max(open_items, key=lambda item: item.uncertainty)
    return open_items[0]


def _story_fragments(bench: Workbench, fragment_id: int) -> tuple[list[Fragment], int]:
    story_id = bench.repo.fragment(fragment_id).story_id
    fragments = bench.repo.fragments(story_id)
    return fragments, [f.id for f in fragments].index(fragment_id)


def _refuse_if_decided(bench: Workbench, fragments: list[Fragment]) -> None:
    ids = {f.id for f in fragments}
    if any(c.fragment_id in ids for c in bench.repo.codings()):
        raise ValidationError(
            "Dit fragment heeft al beslissingen; trek die eerst in, dan gaat er niets verloren "
            "bij samenvoegen of splitsen."
        )


def merge_with_next(bench: Workbench, fragment_id: int, coder: str) -> int:
    """Merge a fragment with the one after it; returns the new fragment id."""
    fragments, i = _story_fragments(bench, fragment_id)
    if i + 1 >= len(fragments):
        raise ValidationError(
            "Dit is het laatste fragment van het verhaal; er is niets om mee samen te voegen."
        )
    first, second = fragments[i], fragments[i + 1]
    _refuse_if_decided(bench, [first, second])
    text = bench.repo.story(first.story_id).text
    merged = merge(text, first, second)
    event = {
        "kind": "merge",
        "coder": coder,
        "removed": [first.id, second.id],
        "start": merged.start,
        "end": merged.end,
    }
    (new_id,) = bench.repo.replace_fragments(first.story_id, [first.id, second.id], [merged], event)
    bench.index([new_id])
    return new_id


def split_options(fragment: Fragment) -> list[int]:
    """Where ``fragment`` may be split: the story offsets of the sentence starts inside it (from the
    fragment's own text: no story is read)."""
    alone = Fragment(
        fragment.story_id, 0, 0, len(fragment.text), fragment.text, fragment.kind, fragment.speaker
    )
    return [fragment.start + p for p in split_points(fragment.text, alone)]


def split_at(bench: Workbench, fragment_id: int, at: int, coder: str) -> list[int]:
    """Split a fragment at absolute offset ``at`` (a sentence start inside it); returns the two new ids."""
    fragments, i = _story_fragments(bench, fragment_id)
    fragment = fragments[i]
    if not fragment.start < at < fragment.end:
        raise ValidationError("Het splitspunt ligt niet binnen het fragment.")
    _refuse_if_decided(bench, [fragment])
    text = bench.repo.story(fragment.story_id).text
    left_end = len(text[:at].rstrip())
    parts = [
        Fragment(
            fragment.story_id,
            0,
            fragment.start,
            left_end,
            text[fragment.start : left_end],
            fragment.kind,
            fragment.speaker,
            fragment.codable,
        ),
        Fragment(
            fragment.story_id,
            0,
            at,
            fragment.end,
            text[at : fragment.end],
            fragment.kind,
            fragment.speaker,
            fragment.codable,
        ),
    ]
    event = {"kind": "split", "coder": coder, "removed": [fragment.id], "at": at}
    ids = bench.repo.replace_fragments(fragment.story_id, [fragment.id], parts, event)
    bench.index(ids)
    return ids
