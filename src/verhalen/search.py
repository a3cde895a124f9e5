"""Search by meaning: rank stored fragments by cosine similarity to a query or to another fragment.

The corpus is never embedded again: the vectors stored at import (one per fragment and model) are
compared with the query's vector (one encoder call) or with the stored vector of a chosen fragment.
Every vector is unit length (see embeddings.py), so a dot product is the cosine similarity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from verhalen.domain import Fragment, Story, ValidationError

MAX_HITS = 100


@dataclass(frozen=True)
class SearchFilter:
    """What to search in: practice, role and a code confirmed by any coder (None = all)."""

    practice: str | None = None
    role: str | None = None
    code: str | None = None
    contains: str = ""

    def admits(self, fragment: Fragment, story: Story, codes: frozenset[str]) -> bool:
        if self.practice is not None and story.practice != self.practice:
            return False
        if self.role is not None and story.role != self.role:
            return False
        if self.code is not None and self.code not in codes:
            return False
        return self.contains.casefold() in fragment.text.casefold()


@dataclass(frozen=True)
class Hit:
    """One search result: the fragment, its story, the similarity and the codes confirmed on it."""

    fragment: Fragment
    story: Story
    score: float
    codes: frozenset[str]


def rank(
    query: npt.ArrayLike, vectors: npt.ArrayLike, limit: int, exclude: int | None = None
) -> list[tuple[int, float]]:
    """Row indices of ``vectors`` by descending similarity to ``query``: (row, cosine), at most ``limit``.

    Ties keep the original order, so the ranking is deterministic."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.size == 0 or limit <= 0:
        return []
    sims = matrix @ np.asarray(query, dtype=np.float32).ravel()
    if exclude is not None:
        sims[exclude] = -np.inf
    order = np.argsort(-sims, kind="stable")[:limit]
    return [(int(i), float(sims[i])) for i in order if np.isfinite(sims[i])]


def search(
    query: npt.ArrayLike,
    candidates: Sequence[Fragment],
    vectors: Mapping[int, npt.NDArray[np.float32]],
    stories: Mapping[str, Story],
    codes: Mapping[int, frozenset[str]],
    where: SearchFilter,
    limit: int = 20,
    exclude: int | None = None,
) -> list[Hit]:
    """The ``limit`` fragments most similar to ``query`` among ``candidates`` that pass ``where``."""
    if not 1 <= limit <= MAX_HITS:
        raise ValidationError(f"Aantal resultaten moet tussen 1 en {MAX_HITS} liggen.")
    kept = [
        f
        for f in candidates
        if f.id in vectors and where.admits(f, stories[f.story_id], codes.get(f.id, frozenset()))
    ]
    if not kept:
        return []
    matrix = np.vstack([vectors[f.id] for f in kept])
    skip = next((i for i, f in enumerate(kept) if f.id == exclude), None)
    return [
        Hit(kept[i], stories[kept[i].story_id], score, codes.get(kept[i].id, frozenset()))
        for i, score in rank(query, matrix, limit, skip)
    ]
