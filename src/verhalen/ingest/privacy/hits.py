"""The hit and replacement types shared by every detector, and merging of overlapping hits."""

from __future__ import annotations

from dataclasses import dataclass

LABELS: tuple[str, ...] = (
    "persoon",
    "locatie",
    "instelling",
    "datum",
    "leeftijd",
    "telefoon",
    "email",
    "url",
    "id",
)


@dataclass(frozen=True)
class Hit:
    """A possible identifier: ``text == source[start:end]`` (Python str offsets)."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Replacement:
    """One replaced hit. ``original`` is for display only; do not log it (see the package docstring)."""

    original: str
    placeholder: str
    label: str


def merge(hits: list[Hit], text: str) -> list[Hit]:
    """Overlapping hits become one; the longest original hit gives the label (the first on a tie)."""
    merged: list[tuple[int, int, Hit]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if merged and hit.start < merged[-1][1]:
            start, end, longest = merged[-1]
            if hit.end - hit.start > longest.end - longest.start:
                longest = hit
            merged[-1] = (start, max(end, hit.end), longest)
        else:
            merged.append((hit.start, hit.end, hit))
    return [Hit(text[s:e], longest.label, s, e) for s, e, longest in merged]
