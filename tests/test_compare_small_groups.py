"""Comparison statistics with groups of 0 or 1 observation: no exception, NaN where nothing can be said."""

from __future__ import annotations

import math

from verhalen.analysis import compare
from verhalen.analysis.compare import Unit
from verhalen.analysis.presence import cramers_v, presence_tests, v_interval


def _u(story: str, group: str, *codes: str) -> Unit:
    return Unit(story, group, frozenset(codes), 10)


def test_no_bootstrap_interval_when_a_group_has_one_story() -> None:
    assert all(math.isnan(x) for x in v_interval([1, 0], [1, 1]))
    assert all(math.isnan(x) for x in v_interval([1, 2], [1, 5]))
    low, high = v_interval([1, 4], [3, 5], n_resamples=200)
    assert 0.0 <= low <= high <= 1.0


def test_one_story_per_group_is_tested_but_gets_no_interval() -> None:
    tests = presence_tests([_u("S1", "a", "x"), _u("S2", "b", "y")], "practice", ["x", "y", "z"])
    x, y, z = tests
    assert x.method == "fisher" and x.p == 1.0 and x.too_few and math.isnan(x.ci_low)
    assert y.too_few and x.cramers_v == 1.0
    assert z.method == "none" and not z.too_few  # nobody has z: untested, not "too few"


def test_a_group_of_one_next_to_a_larger_group() -> None:
    units = [_u("S1", "a", "x"), _u("S2", "b", "x"), _u("S3", "b"), _u("S4", "c")]
    tests = presence_tests(units, "practice", ["x"])
    assert tests[0].method == "freeman-halton" and tests[0].too_few
    assert math.isnan(tests[0].ci_low) and 0.0 <= tests[0].p <= 1.0


def test_a_single_group_gets_no_test() -> None:
    units = [_u("S1", "a", "x"), _u("S2", "a")]
    (test,) = presence_tests(units, "practice", ["x"])
    assert test.method == "none" and math.isnan(test.p) and not test.too_few
    assert cramers_v([1], [2]) == 0.0
    assert math.isnan(compare.permutation_test(units, "practice", ["x"], n_permutations=10))


def test_chi_square_with_empty_cells_rows_and_columns() -> None:
    table = compare.Table(("x", "y"), ("a", "b"), ((1.0, 0.0), (0.0, 0.0)), (1.0, 1.0))
    chi = compare.chi_square(table)
    assert math.isnan(chi.chi2) and chi.dropped_rows == ("y",) and chi.dropped_cols == ("b",)
    empty = compare.chi_square(compare.Table(("x",), ("a",), ((0.0,),), (0.0,)))
    assert math.isnan(empty.p) and empty.n == 0.0
    one_each = compare.chi_square(compare.Table(("x", "y"), ("a", "b"), ((1.0, 0.0), (0.0, 1.0)), (1.0, 1.0)))
    assert one_each.small_expected and 0.0 <= one_each.p <= 1.0
    assert (
        compare.fisher_exact_2x2(
            compare.Table(("x", "y"), ("a", "b"), ((1.0, 0.0), (0.0, 1.0)), (1.0, 1.0))
        ).p
        == 1.0
    )


def test_intervals_and_permutations_with_one_story() -> None:
    assert compare.wilson_interval(0, 0) == (0.0, 1.0)
    low, high = compare.wilson_interval(1, 1)
    assert 0.0 < low < high == 1.0
    units = [_u("S1", "a", "x"), _u("S2", "b")]
    p = compare.permutation_test(units, "practice", ["x"], n_permutations=50)
    assert 0.0 < p <= 1.0
    assert compare.co_occurrence(units, ["x"], "story").counts == ((1.0,),)
