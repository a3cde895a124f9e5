"""A fragment read in its story: neighbours, weights and the blended vector."""

from __future__ import annotations

import numpy as np
import pytest

from verhalen.app.workbench import Workbench
from verhalen.domain import Fragment
from verhalen.suggest import context


def _story(n: int, words: int = 3) -> list[Fragment]:
    text = " ".join(["woord"] * words)
    return [Fragment("s", i, i * 10, i * 10 + 5, text, id=100 + i) for i in range(n)]


def test_neighbours_are_the_fragments_before_and_after_in_reading_order() -> None:
    story = _story(4)
    around = context.neighbours(list(reversed(story)))  # input order does not matter
    assert around == {100: (101,), 101: (100, 102), 102: (101, 103), 103: (102,)}
    assert context.neighbours(story[:1]) == {100: ()}


def test_short_fragments_lean_on_their_context_more() -> None:
    assert context.weight("kort") == pytest.approx(context.WEIGHT)
    assert context.weight(" ".join(["lang"] * 40)) == pytest.approx(context.WEIGHT / 2)


def test_in_context_blends_unit_vectors_and_leaves_a_lonely_fragment_alone() -> None:
    story = _story(3)
    vectors = {
        100: np.array([1.0, 0.0], dtype=np.float32),
        101: np.array([0.0, 1.0], dtype=np.float32),
        102: np.array([0.0, 1.0], dtype=np.float32),
    }
    blended = context.in_context(story, vectors, context.neighbours(story))
    np.testing.assert_allclose(np.linalg.norm(blended, axis=1), 1.0, atol=1e-6)
    expected = np.array([1.0, context.WEIGHT]) / np.hypot(1.0, context.WEIGHT)
    np.testing.assert_allclose(blended[0], expected, atol=1e-6)  # pulled towards its neighbour
    alone = context.in_context(story[:1], vectors, {})
    np.testing.assert_allclose(alone[0], vectors[100], atol=1e-6)


def test_after_a_merge_the_fragment_before_sees_its_new_neighbour(demo_bench: Workbench) -> None:
    from verhalen.app.review import merge_with_next

    decided = {c.fragment_id for c in demo_bench.repo.codings()}
    story, before, first = next(
        (s.id, p, f)
        for s in demo_bench.repo.stories()
        for p, f, g in zip(*(demo_bench.repo.fragments(s.id)[i:] for i in range(3)), strict=False)
        if p.codable and not {f.id, g.id} & decided and f.codable and g.codable
    )
    demo_bench.index()  # every fragment's features cached
    merge_with_next(demo_bench, first.id, "tester")
    fragments = demo_bench.repo.fragments(story)
    vectors = demo_bench.stored_vectors([f.id for f in fragments])
    expected = context.in_context([before], vectors, context.neighbours(fragments))
    _, prepared = demo_bench.suggestion_index.prepare([before])
    assert prepared is not None
    np.testing.assert_allclose(prepared.vectors[0], expected[0], atol=1e-6)
