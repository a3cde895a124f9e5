"""Vergelijken's ▲/▼ markers agree with the shares beside them, and both tests see the same counts.

The share in a cell is (units with the code) / (units in the group). A marker may only say "more often"
where that share is above the share over all groups together, and "less often" where it is below."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy import stats

from verhalen.analysis import compare
from verhalen.app import units as analysis
from verhalen.app.workbench import Workbench
from verhalen.ui import compare_data, compare_tables

LABELS = {"lang": "nl", "by": "praktijken", "without": "zonder"}


def _contradiction() -> list[compare.Unit]:
    """Group a: 100 stories, 60 with x and every one with y; group b: 100 stories, 40 with x, none with y.

    x is more common in a (60 %) than in b (40 %), but a's stories carry many more codes, so in the
    code × group table of counts x's expected count in a is 80 and its residual there is strongly negative."""
    units = [
        compare.Unit(f"a{i}", "a", frozenset({"y"} | ({"x"} if i < 60 else set())), 10) for i in range(100)
    ]
    units += [compare.Unit(f"b{i}", "b", frozenset({"x"} if i < 40 else set()), 10) for i in range(100)]
    return units


def _marks(result: compare_data.Result) -> dict[tuple[str, str], str]:
    out = {}
    for _, row in result.cells.iterrows():
        text = compare_tables._cell_text(row)
        out[row["row_id"], row["group"]] = "▲" if text.endswith("▲") else "▼" if text.endswith("▼") else ""
    return out


@pytest.mark.parametrize("unit", ["fragment", "story"])
def test_hand_built_contradiction_is_gone(unit: compare_data.UnitKind) -> None:
    units = _contradiction()
    table = compare.count_table(units, "practice", ["x", "y"], unit)
    old = compare.chi_square(table)
    assert old.residuals[0][0] < -1.96  # the code × group residual points the other way than the share
    result = compare_data._tested(
        table,
        compare_data.Controls(unit=unit),
        LABELS,
        lambda: compare.permutation_test(units, "practice", ["x", "y"]),
    )
    marks = _marks(result)
    assert marks["x", "a"] == "▲" and marks["x", "b"] == "▼"  # 60 % vs 40 %, pooled 50 %
    assert marks["y", "a"] == "▲" and marks["y", "b"] == "▼"
    cells = result.cells.set_index(["row_id", "group"])
    assert cells.loc[("x", "a"), "expected"] == pytest.approx(50.0)  # 100 stories × pooled share 50 %
    assert "x komt in A vaker voor" in result.sentence  # the sentence names the marked cells, same way
    assert "x komt in B minder vaak voor" in result.sentence


def _table(counts: list[list[int]], totals: list[int]) -> compare.Table:
    rows = tuple(f"c{i}" for i in range(len(counts)))
    cols = tuple(f"g{j}" for j in range(len(totals)))
    return compare.Table(
        rows, cols, tuple(tuple(float(k) for k in r) for r in counts), tuple(map(float, totals))
    )


def test_cell_residuals_agree_with_scipy_on_the_with_without_table() -> None:
    table = _table([[60, 40, 10], [5, 30, 2]], [100, 100, 40])
    cells = compare.cell_tests(table)
    for i, row in enumerate(table.counts):
        for j, k in enumerate(row):
            n = table.totals[j]
            rest_k, rest_n = sum(row) - k, sum(table.totals) - n
            two = np.array([[k, n - k], [rest_k, rest_n - rest_k]])  # this group vs the others
            chi2 = stats.chi2_contingency(two, correction=False).statistic
            assert cells.residuals[i][j] ** 2 == pytest.approx(chi2)  # adjusted residual² = χ² of 2 × 2
            assert cells.p[i][j] == pytest.approx(stats.chi2_contingency(two, correction=False).pvalue)
            pooled = sum(row) / sum(table.totals)
            assert cells.expected[i][j] == pytest.approx(n * pooled)
    flat = [p for row in cells.p for p in row]
    holm = compare.holm(flat)
    assert [p for row in cells.p_holm for p in row] == pytest.approx(holm)


def test_cells_without_variation_or_group_are_not_tested() -> None:
    cells = compare.cell_tests(_table([[0, 0], [3, 4], [2, 0]], [3, 4, 0][:2]))
    assert all(math.isnan(z) for z in cells.residuals[0])  # nobody has the code
    assert all(math.isnan(z) for z in cells.residuals[1])  # everybody has it
    assert not math.isnan(cells.residuals[2][0])
    empty_group = compare.cell_tests(_table([[2, 0]], [4, 0]))
    assert all(math.isnan(z) for z in empty_group.residuals[0])  # one group left: nothing to compare
    with pytest.raises(ValueError, match="counts"):
        compare.cell_tests(_table([[5]], [4]))


@st.composite
def _tables(draw: st.DrawFn) -> compare.Table:
    n_groups = draw(st.integers(2, 4))
    totals = draw(st.lists(st.integers(0, 300), min_size=n_groups, max_size=n_groups))
    n_codes = draw(st.integers(1, 5))
    counts = [[draw(st.integers(0, n)) for n in totals] for _ in range(n_codes)]
    return _table(counts, totals)


@settings(max_examples=200, deadline=None)
@given(_tables())
def test_no_marker_points_against_the_share(table: compare.Table) -> None:
    cells = compare.cell_tests(table)
    for i, row in enumerate(table.counts):
        k_all, n_all = sum(row), sum(table.totals)
        for j, (k, n) in enumerate(zip(row, table.totals, strict=True)):
            mark = compare.marker(cells.residuals[i][j], cells.p_holm[i][j])
            if not mark:
                continue
            share, pooled = k / n, k_all / n_all
            others = (k_all - k) / (n_all - n)
            if mark == "▲":
                assert share > pooled and share > others, (share, pooled, others)
            else:
                assert share < pooled and share < others, (share, pooled, others)
            assert cells.p_holm[i][j] < compare.ALPHA


@settings(max_examples=60, deadline=None)
@given(_tables(), st.sampled_from(["fragment", "story"]))
@example(_table([[0, 0]], [0, 0]), "story")
@example(_table([[3, 0, 5], [4, 0, 0]], [4, 0, 7]), "fragment")  # old code: ▼ on 3/4 = 75 % > pooled 73 %
def test_page_cells_follow_the_shares(table: compare.Table, unit: compare_data.UnitKind) -> None:
    result = compare_data._tested(table, compare_data.Controls(unit=unit), LABELS, lambda: math.nan)
    _assert_marks_follow_shares(table, result)


def _assert_marks_follow_shares(table: compare.Table, result: compare_data.Result) -> None:
    """No ▲ on a percentage at or below the percentage of all groups together, no ▼ at or above it."""
    n_all = sum(table.totals)
    rows = zip(table.rows, table.counts, strict=True)
    pooled = {r: 100.0 * sum(row) / n_all if n_all else math.nan for r, row in rows}
    for (code, group), mark in _marks(result).items():
        if mark:
            row = result.cells.set_index(["row_id", "group"]).loc[(code, group)]
            assert (row["percent"] > pooled[code]) if mark == "▲" else (row["percent"] < pooled[code])


@pytest.mark.parametrize(
    "selection",
    [
        analysis.Selection(),
        analysis.Selection("suggested", None, 0.3),
        analysis.Selection("suggested", None, 0.5),
    ],
    ids=["confirmed", "suggestions-0.3", "suggestions-0.5"],
)
@pytest.mark.parametrize("unit", ["fragment", "story"])
def test_both_tests_see_the_same_table_with_and_without_suggestions(
    demo_bench: Workbench, selection: analysis.Selection, unit: compare.Level
) -> None:
    """The permutation test's observed statistic is the χ² of the very table the page shows, and the
    markers on that table follow its shares."""
    codes = [c.id for c in demo_bench.codebook().factors]
    quotes = analysis.coded_fragments(demo_bench, selection)
    for by in ("practice", "role"):
        units = analysis.units(quotes, by)
        table = compare.count_table(units, by, codes, unit)
        perm = compare.permutation_chi2(units, by, codes, unit, n_permutations=200)
        assert perm.statistic == pytest.approx(compare.chi_square(table).chi2)
        assert 0 < perm.p <= 1
        result = compare_data._tested(
            table, compare_data.Controls(mode=by, unit=unit), LABELS, lambda p=perm.p: p
        )
        _assert_marks_follow_shares(table, result)
