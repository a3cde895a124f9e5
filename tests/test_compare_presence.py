"""Per-code presence × group tests at story level: exact p, Holm, Cramér's V with interval; against scipy."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import stats
from scipy.special import gammaln
from scipy.stats.contingency import association

from verhalen.analysis.compare import Unit
from verhalen.analysis.presence import (
    cramers_v,
    exact_presence_p,
    holm,
    permutation_presence_p,
    presence_tests,
    v_interval,
)


def test_holm_by_hand() -> None:
    # sorted 0.005, 0.01, 0.03, 0.04 -> x4 = 0.02, x3 = 0.03, x2 = 0.06, x1 = 0.04 -> monotone 0.06
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    adjusted = holm([0.2, math.nan, 0.01])  # NaN is not a test: m = 2
    assert (
        adjusted[0] == pytest.approx(0.2) and math.isnan(adjusted[1]) and adjusted[2] == pytest.approx(0.02)
    )
    assert holm([0.6, 0.7]) == pytest.approx([1.0, 1.0])  # capped at 1, monotone


@pytest.mark.parametrize(("a", "b"), list(itertools.product(range(0, 7, 2), range(1, 8, 3))))
def test_two_groups_equals_scipys_fisher_exact(a: int, b: int) -> None:
    present, totals = [a, b], [6, 9]
    table = [[a, 6 - a], [b, 9 - b]]
    assert exact_presence_p(present, totals) == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9)


def test_three_groups_by_hand() -> None:
    # 2 stories per group, 2 with the code, both in the first group. The six tables with margins (2, 2, 2)
    # and 2 present: (2,0,0), (0,2,0), (0,0,2) each 1/15; (1,1,0), (1,0,1), (0,1,1) each 4/15.
    # The observed table is among the three least likely: p = 3/15.
    assert exact_presence_p([2, 0, 0], [2, 2, 2]) == pytest.approx(3 / 15)
    assert exact_presence_p([1, 1, 0], [2, 2, 2]) == pytest.approx(1.0)


def test_three_groups_against_scipys_permutation_test() -> None:
    present, totals = [8, 3, 2], [12, 12, 12]
    samples = [np.r_[np.ones(p), np.zeros(t - p)] for p, t in zip(present, totals, strict=True)]

    def unlikeliness(*groups: np.ndarray, axis: int = -1) -> np.ndarray:
        """Minus the log probability of the table (margins fixed): less likely tables are more extreme."""
        counts = np.stack([g.sum(axis=axis) for g in groups], axis=-1)
        log_comb = gammaln(13) - gammaln(counts + 1) - gammaln(13 - counts)  # log C(12, count)
        return -np.sum(log_comb, axis=-1)

    reference = stats.permutation_test(
        samples,
        unlikeliness,
        permutation_type="independent",
        alternative="greater",
        n_resamples=20_000,
        vectorized=True,
        random_state=np.random.default_rng(1),
    ).pvalue
    exact = exact_presence_p(present, totals)
    assert exact == pytest.approx(reference, abs=0.01)
    assert permutation_presence_p(present, totals, 20_000, seed=2) == pytest.approx(exact, abs=0.01)
    assert 0.01 < exact < 0.1


@pytest.mark.parametrize(
    ("present", "totals"), [([8, 3, 2], [12, 12, 12]), ([5, 1], [6, 9]), ([1, 2, 3, 4], [5, 5, 6, 6])]
)
def test_cramers_v_equals_scipys_association(present: list[int], totals: list[int]) -> None:
    table = np.column_stack([present, np.subtract(totals, present)])
    assert cramers_v(present, totals) == pytest.approx(association(table, method="cramer"), rel=1e-9)
    low, high = v_interval(present, totals, n_resamples=999)
    assert 0.0 <= low <= cramers_v(present, totals) <= high <= 1.0


def _units() -> list[Unit]:
    units: list[Unit] = []
    for group, with_a in (("beijum", 9), ("hoogeveen", 2), ("veendam", 1)):
        for i in range(10):
            story = f"{group}-{i}"
            codes = {"b"} | ({"a"} if i < with_a else set())
            # two fragments per story, the code on one of them: the story counts once
            units += [Unit(story, group, frozenset(codes), 20), Unit(story, group, frozenset(), 10)]
    return units


def test_presence_tests_per_code_with_holm() -> None:
    tests = {t.code: t for t in presence_tests(_units(), "practice", ["a", "b", "c"])}
    a, b, c = tests["a"], tests["b"], tests["c"]
    assert (
        a.groups == ("beijum", "hoogeveen", "veendam") and a.present == (9, 2, 1) and a.totals == (10, 10, 10)
    )
    assert a.method == "freeman-halton" and a.p == pytest.approx(exact_presence_p([9, 2, 1], [10, 10, 10]))
    assert a.p_holm == pytest.approx(a.p)  # b and c have no variation: no test, so m = 1
    assert a.significant and a.ci_low <= a.cramers_v <= a.ci_high
    assert b.method == c.method == "none" and math.isnan(b.p) and math.isnan(c.p_holm) and not b.significant
    two = presence_tests([u for u in _units() if u.group != "veendam"], "practice", ["a"])[0]
    table = [[9, 1], [2, 8]]
    assert two.method == "fisher" and two.p == pytest.approx(stats.fisher_exact(table).pvalue)


def test_presence_tests_holm_over_several_codes() -> None:
    units = [
        Unit(f"{g}-{i}", g, frozenset({"x"} if i < k else set()) | frozenset({"y"} if i % 2 else set()), 5)
        for g, k in (("ouder", 8), ("professional", 1))
        for i in range(9)
    ]
    tests = presence_tests(units, "role", ["x", "y"])
    raw = [t.p for t in tests]
    assert [t.p_holm for t in tests] == pytest.approx(holm(raw))
    assert tests[0].p_holm < 0.05 < tests[1].p_holm


def test_vectorised_v_equals_scipy_on_random_tables() -> None:
    from verhalen.analysis.presence import _v_rows

    rng = np.random.default_rng(3)
    totals = np.array([7.0, 12.0, 9.0, 4.0])
    present = np.floor(rng.random((50, 4)) * (totals + 1))
    expected = [
        association(np.column_stack([row, totals - row]).astype(int), method="cramer")
        if 0 < row.sum() < totals.sum()
        else 0.0
        for row in present
    ]
    assert _v_rows(present, totals) == pytest.approx(expected, rel=1e-9, abs=1e-12)
