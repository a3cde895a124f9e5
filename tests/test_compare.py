"""Tests for verhalen.analysis.compare: against scipy and hand-worked examples."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from verhalen.analysis.compare import (
    Table,
    Unit,
    chi_square,
    co_occurrence,
    count_table,
    fisher_exact_2x2,
    permutation_test,
    wilson_interval,
)
from verhalen.analysis.summary_text import describe, effect_size_label

CODES = ("professional", "structuur", "groepsgevoel", "netwerk", "leren", "ontspannen")

# Worked 2×3 example: rows A, B; columns x, y, z.
#        x   y   z | row
#   A   10  20  30 |  60
#   B   20  20  20 |  60
#  col  30  40  50 | N = 120
WORKED = Table.from_mapping({"A": {"x": 10, "y": 20, "z": 30}, "B": {"x": 20, "y": 20, "z": 20}})


def _units(spec: list[tuple[str, str, set[str]]], words: int = 10) -> list[Unit]:
    return [Unit(story, group, frozenset(codes), words) for story, group, codes in spec]


def test_worked_example_expected_residuals_and_v() -> None:
    r = chi_square(WORKED)
    # E = row * col / N: x: 60*30/120 = 15, y: 60*40/120 = 20, z: 60*50/120 = 25 (both rows).
    assert np.allclose(r.expected, [[15, 20, 25], [15, 20, 25]], atol=1e-9)
    # chi2 = 25/15 + 0 + 25/25 + 25/15 + 0 + 25/25 = 16/3; dof = (2-1)(3-1) = 2; p = exp(-chi2/2) for dof 2.
    assert r.chi2 == pytest.approx(16 / 3, abs=1e-9)
    assert r.dof == 2
    assert r.p == pytest.approx(math.exp(-8 / 3), abs=1e-9)
    # Adjusted residual (O-E)/sqrt(E(1-row/N)(1-col/N)):
    #   A,x: -5 / sqrt(15 * 0.5 * 0.75)      = -5 / sqrt(5.625)
    #   A,y:  0
    #   A,z:  5 / sqrt(25 * 0.5 * (70/120))   =  5 / sqrt(7.291666...)
    ax, az = -5 / math.sqrt(5.625), 5 / math.sqrt(25 * 0.5 * 70 / 120)
    assert ax == pytest.approx(-2.1081851067789197, abs=1e-9)
    assert az == pytest.approx(1.851640199545103, abs=1e-9)
    assert np.allclose(r.residuals, [[ax, 0, az], [-ax, 0, -az]], atol=1e-9, rtol=0)
    # Cramér's V = sqrt(chi2 / (N * (min(2, 3) - 1))) = sqrt((16/3) / 120).
    assert r.cramers_v == pytest.approx(math.sqrt(16 / 3 / 120), abs=1e-9)
    assert r.min_expected == 15 and not r.small_expected


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda r: st.integers(2, 4).flatmap(
            lambda c: st.lists(st.lists(st.integers(1, 60), min_size=c, max_size=c), min_size=r, max_size=r)
        )
    )
)
def test_chi_square_equals_scipy(rows: list[list[int]]) -> None:
    table = Table.from_mapping(
        {f"c{i}": {f"g{j}": v for j, v in enumerate(row)} for i, row in enumerate(rows)}
    )
    ref = stats.chi2_contingency(np.array(rows), correction=False)
    r = chi_square(table)
    assert r.chi2 == pytest.approx(ref.statistic, abs=1e-9)
    assert r.p == pytest.approx(ref.pvalue, abs=1e-9)
    assert r.dof == ref.dof
    assert np.allclose(r.expected, ref.expected_freq, atol=1e-9, rtol=0)


def test_zero_rows_dropped_and_reported() -> None:
    table = Table.from_mapping({"A": {"x": 10, "y": 20}, "leeg": {"x": 0, "y": 0}, "B": {"x": 20, "y": 5}})
    r = chi_square(table)
    assert r.rows == ("A", "B") and r.dropped_rows == ("leeg",)
    ref = stats.chi2_contingency(np.array([[10, 20], [20, 5]]), correction=False)
    assert r.chi2 == pytest.approx(ref.statistic, abs=1e-9)


def test_degenerate_tables() -> None:
    one_col = chi_square(Table.from_mapping({"A": {"x": 3}, "B": {"x": 4}}))
    assert math.isnan(one_col.chi2) and math.isnan(one_col.p) and one_col.dof == 0
    empty = chi_square(Table.from_mapping({"A": {"x": 0, "y": 0}}))
    assert empty.rows == () and empty.dropped_rows == ("A",) and math.isnan(empty.cramers_v)
    assert "Te weinig gegevens" in describe(empty, Table.from_mapping({"A": {"x": 0}}), "praktijken")
    with pytest.raises(ValueError, match="counts"):
        chi_square(Table.from_mapping({"A": {"x": 1.5, "y": 2}, "B": {"x": 1, "y": 1}}))


def test_small_expected_flag() -> None:
    r = chi_square(Table.from_mapping({"A": {"x": 3, "y": 1}, "B": {"x": 1, "y": 3}}))
    assert r.small_expected and r.min_expected == pytest.approx(2.0)


def test_table_mapping_roundtrip_and_validation() -> None:
    m = {"netwerk": {"beijum": 2.0, "veendam": 5.0}, "leren": {"beijum": 1.0}}
    t = Table.from_mapping(m, {"beijum": 10, "veendam": 8, "hoogeveen": 3})
    assert t.cols == ("beijum", "veendam", "hoogeveen")
    assert t.to_mapping()["leren"] == {"beijum": 1.0, "veendam": 0.0, "hoogeveen": 0.0}
    assert t.totals == (10.0, 8.0, 3.0)
    assert Table.from_mapping(m).totals == (3.0, 5.0)
    with pytest.raises(ValueError):
        Table(("a",), ("x", "y"), ((1.0,),), (1.0, 1.0))


UNITS = _units(
    [
        ("s1", "beijum", {"netwerk", "leren"}),
        ("s1", "beijum", {"netwerk"}),
        ("s2", "beijum", set()),
        ("s3", "veendam", {"structuur"}),
        ("s3", "veendam", {"netwerk", "structuur"}),
    ]
)


def test_count_table_units() -> None:
    frag = count_table(UNITS, "practice", CODES, "fragment").to_mapping()
    assert frag["netwerk"] == {"beijum": 2, "veendam": 1}
    assert frag["structuur"] == {"beijum": 0, "veendam": 2}
    assert count_table(UNITS, "practice", CODES, "fragment").totals == (3, 2)
    story = count_table(UNITS, "practice", CODES, "story")
    assert story.to_mapping()["netwerk"] == {"beijum": 1, "veendam": 1}
    assert story.to_mapping()["structuur"] == {"beijum": 0, "veendam": 1}
    assert story.totals == (2, 1)
    per = count_table(UNITS, "practice", CODES, "per1000")
    assert per.totals == (30, 20)  # 10 words per fragment
    assert per.to_mapping()["netwerk"]["beijum"] == pytest.approx(2 * 1000 / 30)
    assert per.to_mapping()["structuur"]["veendam"] == pytest.approx(2 * 1000 / 20)


def test_count_table_role_order_and_inconsistent_story() -> None:
    units = _units([("a", "professional", set()), ("b", "ouder", set()), ("c", "vrijwilliger", set())])
    assert count_table(units, "role", CODES).cols == ("ouder", "vrijwilliger", "professional")
    with pytest.raises(ValueError, match="groups"):
        count_table(_units([("a", "beijum", set()), ("a", "veendam", set())]), "practice", CODES, "story")


def _stories(groups: dict[str, list[set[str]]]) -> list[Unit]:
    """One story per code set, each story with two fragments splitting its codes."""
    spec: list[tuple[str, str, set[str]]] = []
    for g, sets in groups.items():
        for i, codes in enumerate(sets):
            spec += [(f"{g}{i}", g, set(list(codes)[:1])), (f"{g}{i}", g, set(list(codes)[1:]))]
    return _units(spec)


def test_permutation_identical_groups_large_p() -> None:
    pattern = [{"netwerk"}, {"structuur"}, {"netwerk", "leren"}, {"leren"}] * 3
    units = _stories({"beijum": pattern, "veendam": pattern, "hoogeveen": pattern})
    assert permutation_test(units, "practice", CODES, n_permutations=300) > 0.5


def test_permutation_strong_difference_small_p() -> None:
    units = _stories({"beijum": [{"netwerk"}] * 15, "veendam": [{"structuur", "leren"}] * 15})
    p = permutation_test(units, "practice", CODES, n_permutations=300, seed=1)
    assert p == pytest.approx(1 / 301)
    assert p == permutation_test(units, "practice", CODES, n_permutations=300, seed=1)


def _relabelled(units: list[Unit], group_of: dict[str, str]) -> list[Unit]:
    return [Unit(u.story_id, group_of[u.story_id], u.codes, u.words) for u in units]


def _story_units(n_stories: int, seed: int) -> list[Unit]:
    rng = np.random.default_rng(seed)
    practices = ["beijum", "veendam", "hoogeveen"]
    return _units(
        [
            (f"s{i}", practices[i % 3], {c for c in CODES if rng.random() < 0.3})
            for i in range(n_stories)
            for _ in range(2)
        ]
    )


def _chi2_of(units: list[Unit]) -> float:
    return chi_square(count_table(units, "practice", CODES, "story")).chi2


def test_permutation_is_exact_when_every_assignment_fits() -> None:
    """Six stories in three groups of two: 90 distinct assignments, all counted by a slow reference that
    relabels whole stories and rebuilds the table; 720 orderings fit in 2,000 permutations, so the test
    counts them all and its p is exact."""
    units = _story_units(6, seed=5)
    stories = {u.story_id: u.group for u in units}
    observed = _chi2_of(units)
    assignments = set(itertools.permutations(stories.values()))
    hits = sum(
        _chi2_of(_relabelled(units, dict(zip(stories, a, strict=True)))) >= observed - 1e-9
        for a in assignments
    )
    assert len(assignments) == 90 and 0 < hits < len(assignments)
    assert permutation_test(units, "practice", CODES, n_permutations=2000) == pytest.approx(hits / 90)


def test_permutation_matches_slow_reference() -> None:
    """24 stories: too many assignments to count, so both draw 1,000 and must agree within Monte Carlo noise
    (the standard error of the difference is about 0.013 here)."""
    units = _story_units(24, seed=5)
    stories = {u.story_id: u.group for u in units}
    observed, rng, hits = _chi2_of(units), np.random.default_rng(7), 0
    for _ in range(1000):
        shuffled = dict(zip(stories, rng.permutation(list(stories.values())), strict=True))
        hits += _chi2_of(_relabelled(units, shuffled)) >= observed - 1e-9
    reference = (1 + hits) / 1001
    assert 0.02 < reference < 0.5
    assert permutation_test(units, "practice", CODES, n_permutations=1000, seed=7) == pytest.approx(
        reference, abs=0.05
    )


def test_permutation_degenerate_is_nan() -> None:
    assert math.isnan(permutation_test(_units([("a", "x", {"netwerk"})]), "practice", CODES))
    assert math.isnan(permutation_test(_units([("a", "x", set()), ("b", "y", set())]), "practice", CODES))


def test_wilson_worked_example_and_edges() -> None:
    low, high = wilson_interval(81, 263)
    assert low == pytest.approx(0.2553, abs=1e-4) and high == pytest.approx(0.3662, abs=1e-4)
    z2 = stats.norm.ppf(0.975) ** 2
    assert wilson_interval(0, 20) == (0.0, pytest.approx(z2 / (20 + z2)))
    assert wilson_interval(20, 20) == (pytest.approx(20 / (20 + z2)), 1.0)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    assert wilson_interval(5, 10, 0.99)[0] < wilson_interval(5, 10, 0.9)[0]
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


def test_fisher_exact_2x2() -> None:
    t = Table.from_mapping({"A": {"x": 3, "y": 1}, "B": {"x": 1, "y": 3}})
    ref = stats.fisher_exact([[3, 1], [1, 3]])
    f = fisher_exact_2x2(t)
    assert f.p == pytest.approx(ref.pvalue) and f.odds_ratio == pytest.approx(ref.statistic)
    with pytest.raises(ValueError, match="2×2"):
        fisher_exact_2x2(WORKED)
    text = describe(chi_square(t), t, "rollen")
    assert "Fishers exacte toets" in text and f"p = {f.p:.3f}".replace(".", ",") in text


def test_co_occurrence() -> None:
    frag = co_occurrence(UNITS, ["netwerk", "leren", "structuur"], "fragment")
    assert frag.to_mapping()["netwerk"] == {"netwerk": 3, "leren": 1, "structuur": 1}
    assert frag.totals == (3, 1, 2)
    story = co_occurrence(UNITS, ["netwerk", "leren", "structuur"], "story")
    assert story.to_mapping()["netwerk"] == {"netwerk": 2, "leren": 1, "structuur": 1}


SIG = Table.from_mapping(
    {
        "netwerk": {"beijum": 10, "hoogeveen": 12, "veendam": 40},
        "structuur": {"beijum": 20, "hoogeveen": 30, "veendam": 15},
        "leren": {"beijum": 10, "hoogeveen": 10, "veendam": 10},
        "ontspannen": {},
    }
)


def test_describe_dutch_mentions_significant_cell() -> None:
    r = chi_square(SIG)
    text = describe(r, SIG, "praktijken")
    assert text.startswith("Het verschil tussen de praktijken is statistisch significant (χ²(4) = ")
    assert f"{r.chi2:.1f}".replace(".", ",") in text
    assert "Netwerk komt in Veendam vaker voor dan verwacht (gecorrigeerd residu 4,8)" in text
    assert "een middelgroot effect" in text and "df* = 2" in text
    assert "niet significant af" in text and "Weggelaten (komt niet voor): ontspannen." in text
    assert "Let op" not in text


def test_describe_english_and_not_significant() -> None:
    r = chi_square(SIG)
    en = describe(r, SIG, "practices", "en", permutation_p=0.0004)
    assert "Netwerk occurs more often than expected in Veendam (adjusted residual 4.8)" in en
    assert "p < 0.001" in en and "," not in en.split("(")[1].split(";")[0]
    worked = describe(chi_square(WORKED), WORKED, "rollen")
    assert "is niet statistisch significant" in worked and "p = 0,069" in worked
    assert "vaker voor" not in worked


def test_describe_roles_and_small_expected_warning() -> None:
    t = Table.from_mapping(
        {
            "netwerk": {"ouder": 9, "vrijwilliger": 1, "professional": 1},
            "leren": {"ouder": 1, "vrijwilliger": 6},
        }
    )
    text = describe(chi_square(t), t, "rollen", permutation_p=0.02)
    assert "bij ouders" in text
    assert "Let op" in text and "permutatietoets" in text and "(p = 0,020)" in text


def test_effect_size_label_thresholds() -> None:
    assert effect_size_label(0.09, 1) == "een verwaarloosbaar effect"
    assert effect_size_label(0.25, 1, "en") == "a small effect"
    assert effect_size_label(0.25, 2) == "een middelgroot effect"  # 0.3 / sqrt(2) = 0.212
    assert effect_size_label(0.36, 2) == "een groot effect"  # 0.5 / sqrt(2) = 0.354


def test_describe_rests_its_verdict_on_the_exact_test_when_expected_counts_are_small() -> None:
    from verhalen.analysis import compare

    table = compare.Table.from_mapping({"a": {"x": 3, "y": 0, "z": 1}, "b": {"x": 0, "y": 3, "z": 1}})
    result = compare.chi_square(table)
    assert result.small_expected
    significant = describe(result, table, "praktijken", permutation_p=0.01)
    assert "is statistisch significant volgens de permutatietoets over verhalen (p = 0,010)" in significant
    not_significant = describe(result, table, "praktijken", permutation_p=0.4)
    assert "niet statistisch significant volgens de permutatietoets" in not_significant


def test_describe_at_fragment_level_rests_its_verdict_on_the_permutation_over_stories() -> None:
    r = chi_square(SIG)  # χ² alone: p < 0.001, fragments taken as independent
    text = describe(r, SIG, "praktijken", permutation_p=0.17, clustered=True)
    assert "is niet statistisch significant volgens de permutatietoets over verhalen (p = 0,170)" in text
    assert "hele verhalen" in text and "vaker voor" not in text  # no cell is named without a verdict
    en = describe(r, SIG, "practices", "en", permutation_p=0.01, clustered=True)
    assert "is statistically significant by the permutation test over stories (p = 0.010)" in en
    assert "whole stories" in en
    assert describe(r, SIG, "praktijken", clustered=True).startswith(  # no permutation p: χ² as before
        "Het verschil tussen de praktijken is statistisch significant (χ²"
    )


def test_describe_names_codes_by_their_names() -> None:
    names = {"netwerk": "Sociaal netwerk", "structuur": "Structuur", "ontspannen": "Ontspanning"}
    text = describe(chi_square(SIG), SIG, "praktijken", names=names)
    assert (
        "Sociaal netwerk komt in Veendam vaker voor" in text
        and "Weggelaten (komt niet voor): Ontspanning." in text
    )
