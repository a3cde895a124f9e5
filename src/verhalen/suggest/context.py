"""A fragment read in its story: its vector blended with the vectors of the fragments around it.

A short sentence such as "Nooit achter haar rug om." says little on its own; the sentence before it
(or the interviewer's question) says what it is about. For suggestions, a fragment's stored vector is
therefore blended with the mean of its neighbours' stored vectors (the fragment before and after it in
the story, interviewer turns included), and shorter fragments lean on their context more:

    v' = normalise(v + w * mean(before, after)),   w = WEIGHT * min(1, FULL_UNTIL_WORDS / words)

Nothing is embedded again. WEIGHT was chosen on the demo sentences with their neighbours (engine on
codebook 1.3 only): top-1 0.641 -> 0.699, top-2 0.816 -> 0.922 with 0.75 (0.5: 0.670/0.893; 1.0:
0.699/0.913). In the app (benchmarks/bench_in_app.py, codebook 1.4) the coded demo fragments go from
0.675/0.863 without context to 0.675/0.925 with it. Search and themes keep the fragment's own vector;
texts without a story (``verhalen suggest``, ``verhalen evaluate``) are scored as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from verhalen.domain import Fragment
from verhalen.suggest.embeddings import Matrix, normalise_rows

WEIGHT = 0.75
FULL_UNTIL_WORDS = 20


def weight(text: str) -> float:
    """How much of the context is mixed in: full for up to 20 words, less for longer fragments."""
    words = max(1, len(text.split()))
    return WEIGHT * min(1.0, FULL_UNTIL_WORDS / words)


def neighbours(story: Sequence[Fragment]) -> dict[int, tuple[int, ...]]:
    """Fragment id -> ids of the fragments right before and after it in ``story`` (in reading order)."""
    ordered = sorted(story, key=lambda f: (f.start, f.index))
    result: dict[int, tuple[int, ...]] = {}
    for i, fragment in enumerate(ordered):
        around = ordered[max(0, i - 1) : i] + ordered[i + 1 : i + 2]
        result[fragment.id] = tuple(f.id for f in around)
    return result


def in_context(
    fragments: Sequence[Fragment],
    vectors: Mapping[int, npt.NDArray[np.float32]],
    around: Mapping[int, tuple[int, ...]],
) -> Matrix:
    """The contextual vector of every fragment in ``fragments`` (each must have a vector)."""
    rows = []
    for fragment in fragments:
        own = vectors[fragment.id]
        context = [vectors[i] for i in around.get(fragment.id, ()) if i in vectors]
        if context:
            own = own + weight(fragment.text) * np.mean(context, axis=0)
        rows.append(own)
    dim = len(next(iter(vectors.values()))) if vectors else 0
    return normalise_rows(np.vstack(rows) if rows else np.zeros((0, dim), dtype=np.float32))
