"""Vergelijken writes counts in the project's number format: 1.318/15.450 (nl), 1,318/15,450 (en)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from verhalen.analysis.presence import PresenceTest
from verhalen.ui import compare_codes, compare_tables, compare_view, numbers

CELL = pd.Series(
    {"count": 1318.0, "total": 15450.0, "percent": 8.53, "ci_low": 8.1, "ci_high": 9.0, "residual": 0.5},
    dtype=float,
).reindex(["count", "total", "percent", "ci_low", "ci_high", "residual", "rate"])


@pytest.mark.parametrize(("language", "expected"), [("nl", "1.318/15.450 · 9%"), ("en", "1,318/15,450 · 9%")])
def test_cell_counts_are_grouped(monkeypatch: pytest.MonkeyPatch, language: str, expected: str) -> None:
    monkeypatch.setattr(numbers, "lang", lambda: language)
    assert compare_tables._cell_text(CELL).startswith(expected)


@pytest.mark.parametrize(("language", "expected"), [("nl", "1.204/2.000"), ("en", "1,204/2,000")])
def test_per_code_counts_are_grouped(monkeypatch: pytest.MonkeyPatch, language: str, expected: str) -> None:
    monkeypatch.setattr(numbers, "lang", lambda: language)
    monkeypatch.setattr(compare_view, "t", lambda key, **_: key)
    test = PresenceTest(
        "x", ("a", "b"), (1204, 3), (2000, 5), math.nan, "none", math.nan, 0.0, math.nan, math.nan
    )
    frame = compare_codes.per_code_frame([test], str)
    assert frame.loc[0, "a"] == expected and frame.loc[0, "b"] == "3/5"
