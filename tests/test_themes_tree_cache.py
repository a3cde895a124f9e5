"""Thema's: the Ward tree (the n × n part of a search) is built once per set of vectors, so another
minimum size or number of themes, or a search again after some decisions, only cuts it again."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.cluster.hierarchy

from verhalen.analysis import themes


def _vectors(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, 16))
    rows = centres[rng.integers(0, 4, n)] + 0.3 * rng.normal(size=(n, 16))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(themes, "_trees", themes.OrderedDict())
    built: list[int] = []
    linkage = scipy.cluster.hierarchy.linkage

    def counted(rows, *args, **kwargs):  # type: ignore[no-untyped-def]
        from scipy.spatial.distance import num_obs_y

        built.append(num_obs_y(rows) if np.ndim(rows) == 1 else len(rows))  # condensed distances or rows
        return linkage(rows, *args, **kwargs)

    monkeypatch.setattr(scipy.cluster.hierarchy, "linkage", counted)
    return built


def test_the_tree_is_built_once_for_the_same_vectors(builds: list[int]) -> None:
    vectors = _vectors(200, 1)
    first = themes.cut(vectors, 10, None)
    again = [themes.cut(vectors.copy(), size, n) for size, n in ((10, None), (5, 3), (20, 4))]
    assert builds == [200]
    assert np.array_equal(again[0], first)
    themes._trees.clear()  # the same cuts from a tree built afresh
    fresh = [themes.cut(vectors, size, n) for size, n in ((5, 3), (20, 4))]
    assert all(np.array_equal(a, b) for a, b in zip(again[1:], fresh, strict=True))
    assert builds == [200, 200]


def test_other_vectors_get_their_own_tree(builds: list[int]) -> None:
    vectors = _vectors(120, 2)
    themes.cut(vectors, 10, None)
    changed = vectors.copy()
    changed[7] = _vectors(1, 3)[0]  # one fragment re-embedded (or merged, split, left out by a filter)
    themes.cut(changed, 10, None)
    themes.cut(vectors[:-1], 10, None)
    assert builds == [120, 120, 119]
    for i in range(themes.TREES_KEPT + 2):  # at most TREES_KEPT trees stay in memory
        themes.cut(_vectors(40, 10 + i), 5, None)
    assert len(themes._trees) == themes.TREES_KEPT


def test_condensed_distances_are_pdists_in_pdists_order() -> None:
    """The matrix-product distances equal scipy's pdist pair for pair, across block edges and for
    duplicate rows (distance 0), so the Ward tree over them is the same."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import pdist

    from verhalen.analysis.themes import _labels_at, euclidean_condensed

    rng = np.random.default_rng(3)
    rows = rng.normal(size=(53, 12))
    rows[40] = rows[3]  # a text twice
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    for block in (1, 7, 53, 1024):
        np.testing.assert_allclose(euclidean_condensed(rows, block), pdist(rows), atol=1e-6)
    ours, theirs = linkage(euclidean_condensed(rows, 7), "ward"), linkage(pdist(rows), "ward")
    for k in (3, 8):
        assert list(_labels_at(ours, k, 1)) == list(_labels_at(theirs, k, 1))
    assert len(euclidean_condensed(rows[:1])) == 0
