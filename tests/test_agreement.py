"""Tests for verhalen.analysis.agreement: against sklearn, krippendorff and hand-worked examples."""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from verhalen.analysis import agreement
from verhalen.analysis.agreement import (
    Disagreement,
    cohen_kappa,
    disagreements,
    krippendorff_alpha,
    overall,
    per_code,
    primary_code,
    primary_label,
)

CODES = ("professional", "structuur", "groepsgevoel", "netwerk", "leren", "ontspannen")

A = {1: frozenset({"netwerk"}), 2: frozenset(), 3: frozenset({"netwerk", "leren"}), 4: frozenset({"leren"})}
B = {1: frozenset({"netwerk"}), 2: frozenset({"netwerk"}), 3: frozenset({"leren"}), 4: frozenset({"leren"})}


def test_per_code_hand_example() -> None:
    # netwerk present: A = 1,0,1,0; B = 1,1,0,0 -> agree on fragments 1 and 4: percent 2/4.
    # po = 0.5; pe = P_A(1)P_B(1) + P_A(0)P_B(0) = 0.5*0.5 + 0.5*0.5 = 0.5 -> kappa = 0.
    r = per_code(A, B, "netwerk")
    assert (r.code, r.n, r.percent, r.kappa) == ("netwerk", 4, 0.5, 0.0)
    assert r.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=[[1, 0, 1, 0], [1, 1, 0, 0]], level_of_measurement="nominal")
    )
    # leren: A = 0,0,1,1; B = 0,0,1,1 -> perfect.
    leren = per_code(A, B, "leren")
    assert leren.percent == 1.0 and leren.kappa == 1.0 and leren.alpha == pytest.approx(1.0)


def test_kappa_hand_example_three_of_four() -> None:
    # A = 1,1,0,0; B = 1,0,0,0: po = 3/4; pe = (2/4)(1/4) + (2/4)(3/4) = 1/2 -> kappa = (3/4-1/2)/(1/2) = 1/2.
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60))
def test_binary_kappa_and_alpha_match_references(pairs: list[tuple[bool, bool]]) -> None:
    x = [int(p) for p, _ in pairs]
    y = [int(q) for _, q in pairs]
    assume(len(set(x) | set(y)) > 1)
    a = {i: frozenset({"netwerk"} if p else ()) for i, p in enumerate(x)}
    b = {i: frozenset({"netwerk"} if q else ()) for i, q in enumerate(y)}
    r = per_code(a, b, "netwerk")
    assert r.kappa == pytest.approx(cohen_kappa_score(x, y), abs=1e-9)
    ref = krippendorff.alpha(reliability_data=np.array([x, y], dtype=float), level_of_measurement="nominal")
    assert r.alpha == pytest.approx(ref, abs=1e-9, nan_ok=True)
    assert r.percent == pytest.approx(np.mean(np.array(x) == np.array(y)))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sets(st.sampled_from(CODES)), st.sets(st.sampled_from(CODES))), min_size=2, max_size=30
    )
)
def test_overall_and_primary_match_references(rows: list[tuple[set[str], set[str]]]) -> None:
    a = {i: frozenset(p) for i, (p, _) in enumerate(rows)}
    b = {i: frozenset(q) for i, (_, q) in enumerate(rows)}
    x = [int(c in a[i]) for i in sorted(a) for c in CODES]
    y = [int(c in b[i]) for i in sorted(b) for c in CODES]
    pooled = overall(a, b, CODES)
    assert pooled.code == "*" and pooled.n == len(rows) * len(CODES)
    if len(set(x) | set(y)) > 1:
        assert pooled.kappa == pytest.approx(cohen_kappa_score(x, y), abs=1e-9)
    la = [primary_label(a[i], CODES) for i in sorted(a)]
    lb = [primary_label(b[i], CODES) for i in sorted(b)]
    prim = primary_code(a, b, CODES)
    if len(set(la) | set(lb)) > 1:
        assert prim.kappa == pytest.approx(cohen_kappa_score(la, lb), abs=1e-9)
        labels = [*CODES, "geen"]
        data = np.array([[labels.index(v) for v in la], [labels.index(v) for v in lb]], dtype=float)
        ref = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert prim.alpha == pytest.approx(ref, abs=1e-9, nan_ok=True)
    else:
        assert math.isnan(prim.kappa) and prim.percent == 1.0


def test_primary_label() -> None:
    assert primary_label(frozenset({"leren", "structuur"}), CODES) == "structuur"
    assert primary_label(frozenset(), CODES) == "geen"
    assert primary_label(frozenset({"inductief"}), CODES) == "geen"


def test_degenerate_all_same_is_nan_without_warnings() -> None:
    same = {i: frozenset({"netwerk"}) for i in range(5)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = per_code(same, same, "netwerk")
        absent = per_code(same, same, "leren")
        empty = per_code({}, {}, "netwerk")
        prim = primary_code(same, same, CODES)
    assert r.percent == 1.0 and math.isnan(r.kappa) and math.isnan(r.alpha)
    assert absent.percent == 1.0 and math.isnan(absent.kappa)
    assert empty.n == 0 and math.isnan(empty.percent) and math.isnan(empty.kappa) and math.isnan(empty.alpha)
    assert prim.percent == 1.0 and math.isnan(prim.kappa)


def test_opposite_constant_coders_kappa_zero() -> None:
    a = {i: frozenset({"netwerk"}) for i in range(4)}
    b = {i: frozenset[str]() for i in range(4)}
    r = per_code(a, b, "netwerk")
    assert r.percent == 0.0 and r.kappa == pytest.approx(cohen_kappa_score([1] * 4, [0] * 4))


def test_disagreements_and_id_check() -> None:
    assert disagreements(A, B) == [
        Disagreement(2, frozenset(), frozenset({"netwerk"})),
        Disagreement(3, frozenset({"netwerk"}), frozenset()),
    ]
    with pytest.raises(ValueError, match="same fragment ids"):
        per_code(A, {1: frozenset()}, "netwerk")
    with pytest.raises(ValueError, match="same length"):
        cohen_kappa([1], [1, 0])
    assert math.isnan(krippendorff_alpha([0, 0], [0, 0]))


def test_against_the_model_only_decided_fragments_count() -> None:
    """By hand: the coder decided x on 1 (yes), 2 (no) and y on 3 (yes); fragments 4–9 are undecided."""
    decisions = {1: {"x": True}, 2: {"x": False}, 3: {"y": True}}
    model = {i: frozenset({"x"}) if i in (1, 2) else frozenset() for i in range(1, 10)}
    pooled, primary, x, y, z = agreement.report_decided(model, decisions, ["x", "y", "z"], always={"z"})
    assert (x.n, x.percent) == (2, 0.5)  # 1 agrees, 2 does not; 4–9 are no "no x" units
    assert (y.n, y.percent) == (1, 0.0)
    assert z.n == 0 and math.isnan(z.percent)
    assert (pooled.n, pooled.percent) == (3, 1 / 3)
    assert primary.n == 3


# -- between coders: only the fragments both decided -------------------------------------------------

FACTORS = ["x", "y", "z"]


def _ten_and_four() -> tuple[agreement.Decisions, agreement.Decisions]:
    """Coder A decided fragments 1–10 (x on the odd ones, y on 2 and 4, nothing confirmed on 6, 8, 10);
    coder B decided only 1–4, exactly as A did; B never looked at 5–10."""
    a: dict[int, dict[str, bool]] = {}
    for i in range(1, 11):
        a[i] = {"x": True} if i % 2 else ({"y": True} if i in (2, 4) else {"x": False})
    b = {i: dict(a[i]) for i in range(1, 5)}
    return a, b


def test_between_coders_only_fragments_both_decided_count() -> None:
    a, b = _ten_and_four()
    pooled, primary, x, y, z = agreement.report_pair(a, b, FACTORS, always=FACTORS)
    assert primary.n == 4 and x.n == 4 and y.n == 4 and z.n == 4  # not 10: 5–10 are no units
    assert pooled.n == 4 * 2  # x and y: z, which nobody gave, is no evidence of agreement
    for r in (pooled, primary, x, y):
        assert r.percent == 1.0 and r.kappa == pytest.approx(1.0) and r.alpha == pytest.approx(1.0)
    # z: neither gave it anywhere -> listed (always), but no figure: not 100 % agreement, not a low value
    assert not z.given and math.isnan(z.percent) and math.isnan(z.kappa) and math.isnan(z.alpha)
    # the old way (every fragment of the story, "not seen" read as "no code") dragged x down:
    everything = {i: frozenset(c for c, yes in b.get(i, {}).items() if yes) for i in a}
    assert per_code(agreement.confirmed(a), everything, "x").kappa < 0.6


def test_shared_keeps_fragments_both_decided_with_their_confirmed_codes() -> None:
    a = {1: {"x": True, "y": False}, 2: {"y": False}, 3: {"x": True}, 4: {}}
    b = {1: {"y": True}, 2: {"x": False}, 4: {"x": True}, 5: {"x": True}}
    left, right = agreement.shared(a, b)
    assert left == {1: frozenset({"x"}), 2: frozenset()}  # 4: A has no decision there (empty)
    assert right == {1: frozenset({"y"}), 2: frozenset()}
    assert agreement.decided(a) == {1, 2, 3}
    assert disagreements(left, right) == [Disagreement(1, frozenset({"x"}), frozenset({"y"}))]


def test_no_shared_fragment_gives_no_figures() -> None:
    rows = agreement.report_pair({1: {"x": True}}, {2: {"x": True}}, FACTORS)
    assert all(r.n == 0 and math.isnan(r.percent) and math.isnan(r.kappa) for r in rows)


# -- across several coders: a fragment a coder did not decide is missing --------------------------------


def _alpha(matrix: list[list[float]]) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))


def test_group_alpha_takes_undecided_as_missing() -> None:
    """Three coders, fragments 1–6; per code x, by hand: 1 = given, 0 = not given, NaN = not decided."""
    nan = math.nan
    coders = {
        "a": {1: {"x": True}, 2: {"x": False}, 3: {"x": True}, 4: {"y": True}, 5: {"x": True}},
        "b": {1: {"x": True}, 2: {"y": True}, 3: {"x": False}, 6: {"x": True}},
        "c": {2: {"x": False}, 3: {"x": True}, 4: {"x": True}, 5: {"x": True}, 6: {"x": True}},
    }
    x_matrix = [
        [1, 0, 1, 0, 1, nan],
        [1, 0, 0, nan, nan, 1],
        [nan, 0, 1, 1, 1, 1],
    ]
    pooled, primary, x, y = agreement.report_group(coders, ["x", "y"])
    assert (x.n, x.coders) == (6, 3)  # every fragment is decided by at least two coders
    assert x.alpha == pytest.approx(_alpha(x_matrix))
    # "not decided" read as "no code" gives another (lower) figure: the bug this guards against
    assert x.alpha != pytest.approx(_alpha([[0 if math.isnan(v) else v for v in row] for row in x_matrix]))
    y_matrix = [[0, 0, 0, 1, 0, nan], [0, 1, 0, nan, nan, 0], [nan, 0, 0, 0, 0, 0]]
    assert y.alpha == pytest.approx(_alpha(y_matrix))
    assert pooled.n == 12
    pooled_matrix = [
        [row[i] for i in range(6) for row in (xs, ys)] for xs, ys in zip(x_matrix, y_matrix, strict=True)
    ]
    assert pooled.alpha == pytest.approx(_alpha(pooled_matrix))
    assert primary.n == 6  # primary labels: x = 0, y = 1, geen = 2
    primary_matrix = [[0, 2, 0, 1, 0, nan], [0, 1, 2, nan, nan, 0], [nan, 2, 0, 0, 0, 0]]
    assert primary.alpha == pytest.approx(_alpha(primary_matrix))


def test_group_alpha_of_two_coders_is_the_pair_alpha() -> None:
    a, b = _ten_and_four()
    b[3] = {"x": False}  # one disagreement, so α is defined and below 1
    group = agreement.report_group({"a": a, "b": b}, FACTORS)
    pair = agreement.report_pair(a, b, FACTORS)
    for g, p in zip(group, pair, strict=True):
        assert g.n == p.n
        assert (math.isnan(g.alpha) and math.isnan(p.alpha)) or g.alpha == pytest.approx(p.alpha)


def test_group_alpha_without_pairable_units_or_variation() -> None:
    n, alpha = agreement.group_alpha([[1.0, math.nan], [math.nan, 0.0]])
    assert n == 0 and math.isnan(alpha)  # no fragment decided by both
    n, alpha = agreement.group_alpha([[1.0, 1.0, 0.0], [1.0, 1.0, math.nan]])
    assert n == 2 and math.isnan(alpha)  # the 0 is in an unpaired unit: no variation among pairable ones
    assert agreement.report_group({}, ["x"])[0].n == 0
