"""Vergelijken "ook suggesties", Overeenstemming's model and the exports read only the suggestions' scores,
not every suggestion row with its rationale JSON (12 s, 8 s and 5 s on a 15,450-fragment project)."""

from __future__ import annotations

import pytest

from verhalen.app import units as analysis
from verhalen.app.workbench import Workbench


def _no_full_rows(*_: object, **__: object) -> None:
    raise AssertionError("repo.suggestions() loads every row with its rationale; use suggestion_scores")


def test_scores_match_the_full_suggestions(demo_bench: Workbench) -> None:
    full = demo_bench.repo.suggestions()
    scores = demo_bench.repo.suggestion_scores()
    assert {i: sorted((s.code, s.score) for s in ss) for i, ss in full.items()} == {
        i: sorted(ss) for i, ss in scores.items()
    }
    some = sorted(full)[:3]
    assert set(demo_bench.repo.suggestion_scores(some)) == set(some)
    assert demo_bench.repo.suggestion_scores([]) == {}


def test_compare_with_suggestions_reads_scores_only(
    demo_bench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    selection = analysis.Selection("suggested", None, 0.5)
    expected = analysis.coded_fragments(demo_bench, selection)
    monkeypatch.setattr(demo_bench.repo, "suggestions", _no_full_rows)
    assert analysis.coded_fragments(demo_bench, selection) == expected
    decided = {c.fragment_id for c in demo_bench.repo.codings()}
    model = analysis.model_codes(demo_bench, decided, 0.5)
    assert set(model) == decided and any(model.values())


def test_an_export_reads_suggestions_without_their_reasons(
    demo_bench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = [s for ss in demo_bench.repo.suggestions().values() for s in ss]
    light = demo_bench.repo.suggestions_without_reasons()
    assert [(s.fragment_id, s.code, s.score, s.suggester) for s in full] == [
        (s.fragment_id, s.code, s.score, s.suggester) for s in light
    ]
    monkeypatch.setattr(type(demo_bench.repo), "suggestions", _no_full_rows)
    assert len(demo_bench.snapshot().suggestions) == len(full)  # no export needs the reasons
