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


def _open_in_story(
    bench: Workbench, story_id: str, coder: str, mode: QueueMode, after: int | None
) -> QueueItem | None:
    """The story's next undecided fragment after ``after`` (else its first), or its most uncertain one."""
    decided = {c.fragment_id for c in bench.repo.codings(story_id=story_id, coder=coder)}
    everything = bench.repo.fragments(story_id)
    fragments = [f for f in everything if f.codable and f.id not in decided]
    if not fragments:
        return None
    if mode == "uncertain":
        suggestions = bench.repo.suggestions(story_id)
        items = [
            QueueItem(story_id, f.id, uncertainty([s.score for s in suggestions.get(f.id, [])]))
            for f in fragments
        ]
        return max(items, key=lambda item: item.uncertainty)
    position = {f.id: i for i, f in enumerate(everything)}
    at = position.get(after, -1) if after is not None else -1
    later = [f for f in fragments if position[f.id] > at]
    return QueueItem(story_id, (later or fragments)[0].id, 0.0)


def next_in_queue(
    bench: Workbench,
    coder: str,
    mode: QueueMode = "undecided",
    story_id: str | None = None,
    after: int | None = None,
) -> QueueItem | None:
    """The next fragment the coder has not decided, in the open story first: the next one after the
    focused fragment ``after`` in reading order, or the story's most uncertain one. When the story is
    fully decided, the same in the next story (in the picker's order, round to the start) that still has
    an undecided fragment. Counts per story come from SQL, so only the story that answers is read."""
    progress = bench.progress(coder)
    ids = [p.story_id for p in progress]
    start = ids.index(story_id) if story_id in ids else 0
    for p in progress[start:] + progress[:start]:
        if p.decided < p.total:
            item = _open_in_story(bench, p.story_id, coder, mode, after if p.story_id == story_id else None)
            if item is not None:
                return item
    return None


def _story_fragments(bench: Workbench, fragment_id: int) -> tuple[list[Fragment], int]:
    story_id = bench.repo.fragment(fragment_id).story_id
    fragments = bench.repo.fragments(story_id)
    return fragments, [f.id for f in fragments].index(fragment_id)


def _refuse_if_decided(bench: Workbench, fragments: list[Fragment]) -> None:
    ids = {f.id for f in fragments}
    story = fragments[0].story_id  # the story's codings only, not the whole project's
    decided = {c.fragment_id for c in bench.repo.codings(story_id=story) if c.fragment_id in ids}
    if not decided:
        return
    if len(fragments) > 2:  # a run: say which one
        at = next(n for n, f in enumerate(fragments, start=1) if f.id in decided)
        raise ValidationError("run_fragment_decided", at=at, total=len(fragments))
    raise ValidationError("fragment_decided")


MERGE_RUN_MAX = 10  # fragments after the first that one merge may take


def merge_with_next(bench: Workbench, fragment_id: int, coder: str) -> int:
    """Merge a fragment with the one after it; returns the new fragment id."""
    return merge_run(bench, fragment_id, 1, coder)


def merge_run(bench: Workbench, fragment_id: int, count: int, coder: str) -> int:
    """Merge a fragment with the ``count`` fragments after it in its story (1 to MERGE_RUN_MAX) into one
    fragment: one ``replace_fragments`` call, so one transaction and one ``merge`` event (all or nothing).
    Refused when a fragment of the run has decisions or the run runs past the end of the story. As with
    a single merge, an interviewer turn inside the run is taken along (the merged fragment is codable
    when any part of it was, with the first fragment's speaker). Returns the new fragment id."""
    if not 1 <= count <= MERGE_RUN_MAX:
        raise ValidationError("merge_count", max=MERGE_RUN_MAX, count=count)
    fragments, i = _story_fragments(bench, fragment_id)
    left = len(fragments) - i - 1
    if left == 0:
        raise ValidationError("merge_last_fragment")
    if count > left:
        raise ValidationError("merge_past_end", left=left, count=count)
    run = fragments[i : i + count + 1]
    _refuse_if_decided(bench, run)
    merged = merge(bench.repo.story(run[0].story_id).text, run)
    event = {
        "kind": "merge",
        "coder": coder,
        "removed": [f.id for f in run],
        "start": merged.start,
        "end": merged.end,
    }
    (new_id,) = bench.repo.replace_fragments(merged.story_id, [f.id for f in run], [merged], event)
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
        raise ValidationError("split_outside")
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
