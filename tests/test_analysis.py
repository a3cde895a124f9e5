"""units.compare_json on the demo project, against a count made here and scipy's chi-square."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from scipy import stats

from verhalen.app import units
from verhalen.app.workbench import Workbench


def _independent(wb: Workbench, by: str, unit: str) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Fragments (or stories) with a confirmed factor code per group, straight from the repository."""
    book = wb.codebook()
    names = {p.id: p.name for p in wb.repo.practices()}
    group = {s.id: names[s.practice] if by == "practice" else s.role for s in wb.repo.stories()}
    resolved = wb.repo.resolutions()
    confirmed: dict[int, set[str]] = defaultdict(set)
    for coding in wb.repo.codings():
        if resolved.get((coding.fragment_id, coding.code), coding.status) == "confirmed":
            confirmed[coding.fragment_id].add(book.factor_of(coding.code))
    items: dict[object, tuple[str, set[str]]] = {}
    for f in wb.repo.fragments(codable_only=True):
        key = f.story_id if unit == "story" else f.id
        _, codes = items.setdefault(key, (group[f.story_id], set()))
        codes |= confirmed.get(f.id, set())
    counts: dict[str, dict[str, float]] = {c.id: defaultdict(float) for c in book.factors}
    totals: dict[str, float] = defaultdict(float)
    for g, codes in items.values():
        totals[g] += 1
        for code in codes:
            counts[code][g] += 1
    return counts, totals


@pytest.mark.parametrize(("by", "unit"), [("practice", "fragment"), ("practice", "story"), ("role", "story")])
def test_compare_json_counts_and_chi_square(demo_bench: Workbench, by: units.By, unit: str) -> None:
    result = units.compare_json(demo_bench, by, unit)  # type: ignore[arg-type]
    counts, totals = _independent(demo_bench, by, unit)
    groups = list(result["totals"])
    assert result["totals"] == dict(totals)
    for code, row in result["table"].items():
        assert row == {g: counts[code][g] for g in groups}, code
    table = np.array([[counts[c][g] for g in groups] for c in result["table"]])
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    expected = stats.chi2_contingency(table, correction=False)
    assert result["chi2"] == pytest.approx(expected.statistic)
    assert result["p"] == pytest.approx(expected.pvalue)
    assert result["dof"] == expected.dof
    assert sum(sum(row.values()) for row in result["table"].values()) > 0
    # what the page shows: the permutation test over whole stories, and markers that follow the shares
    assert 0 < result["permutation_p"] <= 1
    pooled = {c: sum(row.values()) / sum(totals.values()) for c, row in result["table"].items()}
    for code, row in result["cells"].items():
        for group, cell in row.items():
            share = counts[code][group] / totals[group]
            assert cell["marker"] != "▲" or share > pooled[code], (code, group)
            assert cell["marker"] != "▼" or share < pooled[code], (code, group)


def test_compare_json_rates_have_no_test(demo_bench: Workbench) -> None:
    result = units.compare_json(demo_bench, "role", "per1000")
    assert "chi2" not in result
    assert set(result["totals"]) == {"ouder", "vrijwilliger", "professional"}
