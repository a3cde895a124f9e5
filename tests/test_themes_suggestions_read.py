"""Thema's reads the first suggestion of each fragment without the rationales (seconds on 100k rows) and
covers the themes exactly as the full rows would."""

from __future__ import annotations

import pytest

from verhalen.analysis.coverage import code_evidence, overlap
from verhalen.app.explore import project_themes
from verhalen.app.workbench import Workbench
from verhalen.store.suggestions import SuggestionStore


def test_themes_cover_as_the_full_suggestions_would(
    demo_bench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = demo_bench.repo.suggestions()
    codings = demo_bench.repo.codings()
    book = demo_bench.codebook()

    def refused(*_: object, **__: object) -> object:
        raise AssertionError("Thema's read every suggestion with its rationale")

    monkeypatch.setattr(SuggestionStore, "suggestions", refused)
    result = project_themes(demo_bench, min_size=10)
    expected = code_evidence(codings, demo_bench.repo.resolutions(), full, book)
    assert expected.first and len(result.themes) >= 2
    assert list(result.overlaps) == [overlap(theme, expected) for theme in result.themes]
