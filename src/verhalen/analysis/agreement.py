"""Inter-coder agreement: percent agreement, Cohen's κ and Krippendorff's α (nominal).

A coder's side is their decisions (``Decisions``): fragment id → code → confirmed (True) or rejected (False).
A fragment the coder *decided* is one with at least one decision of theirs on it (a confirmed, rejected or
added code; :func:`decided` is the one definition). A fragment a coder did not decide is not "no code": it
is not judged yet, so it is no unit for that coder.

Between two coders (:func:`report_pair`) the units are the fragments BOTH decided, as in MAXQDA's or
ATLAS.ti's intercoder agreement over the segments both coded: on such a fragment a factor the coder did not
confirm counts as not given. Across several coders (:func:`report_group`) α takes every fragment some coder
decided, with NaN (missing) for a coder who did not decide it; only fragments at least two coders decided
are pairable and count in n. The plain functions (:func:`per_code`, :func:`overall`, :func:`primary_code`)
take fragment id → confirmed codes over the same fragment ids: the units chosen by the caller.

Only codes that occur count: a code nobody gave on the units (no coder confirmed it, the model did not
suggest it) is no evidence of agreement, so the pooled row ("*") and the primary code leave it out
(:func:`given`). Its per-code row is left out too, unless the caller lists it in ``always`` (the codebook's
own factors): then it stands with n and no figures, ``given=False``.

Undefined statistics are NaN, never a warning:
- κ is NaN when chance agreement is 1 (both coders used one and the same value throughout);
- α is NaN when only one value occurs in the data (no variation to disagree on);
- with no units at all, percent is NaN too.
Below :data:`FEW_UNITS` units a figure is computed but uncertain (one unit moves the percentage by more
than ten points); the page says so.

Against the model (``*_decided``) the coder's side is their decisions, fragment id → code → confirmed
(True) or rejected (False). A fragment the coder did not decide a code on is no unit for that code: it is
not "no code", it is not yet judged. So per code n = fragments where the coder confirmed or rejected that
code; pooled n = those fragment × code pairs; the primary code counts fragments with at least one decision.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace

import krippendorff
import numpy as np

from verhalen.domain import NO_CODE

Codings = Mapping[int, frozenset[str]]
Decisions = Mapping[int, Mapping[str, bool]]  # fragment id -> code -> confirmed (True) / rejected (False)
ALL_CODES = "*"
PRIMARY = "primair"
FEW_UNITS = 10
"""Fewer units than this: the figure is shown, with the remark that it rests on too few fragments."""


@dataclass(frozen=True)
class Agreement:
    """Agreement on ``code`` ("*" pooled, "primair" primary code) over ``n`` units."""

    code: str
    n: int
    percent: float
    kappa: float
    alpha: float
    given: bool = True
    """False: nobody gave the code on these units; no figures (NaN), and not counted in the pooled row."""


@dataclass(frozen=True)
class Disagreement:
    fragment_id: int
    only_a: frozenset[str]
    only_b: frozenset[str]


def _ids(a: Codings, b: Codings) -> list[int]:
    if a.keys() != b.keys():
        raise ValueError("both coders must cover the same fragment ids")
    return sorted(a)


def cohen_kappa(x: Sequence[Hashable], y: Sequence[Hashable]) -> float:
    """Cohen's κ = (po - pe) / (1 - pe); NaN when pe = 1 or there are no units."""
    if len(x) != len(y):
        raise ValueError("both sequences must have the same length")
    n = len(x)
    if n == 0:
        return math.nan
    cx, cy = Counter(x), Counter(y)
    po = sum(1 for i, j in zip(x, y, strict=True) if i == j) / n
    pe = sum(cx[v] * cy[v] for v in cx) / (n * n)
    if math.isclose(pe, 1.0):
        return math.nan
    return (po - pe) / (1 - pe)


def krippendorff_alpha(x: Sequence[int], y: Sequence[int]) -> float:
    """Krippendorff's α (nominal) via the ``krippendorff`` package; NaN without variation in the data."""
    if len(set(x) | set(y)) < 2:
        return math.nan
    data = np.array([x, y], dtype=np.float64)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _agreement(code: str, x: list[int], y: list[int]) -> Agreement:
    n = len(x)
    percent = sum(1 for i, j in zip(x, y, strict=True) if i == j) / n if n else math.nan
    return Agreement(code, n, percent, cohen_kappa(x, y), krippendorff_alpha(x, y))


def per_code(a: Codings, b: Codings, code: str) -> Agreement:
    """Agreement on one code: each fragment is a unit with binary presence of the code."""
    ids = _ids(a, b)
    return _agreement(code, [int(code in a[i]) for i in ids], [int(code in b[i]) for i in ids])


def overall(a: Codings, b: Codings, codes: Sequence[str]) -> Agreement:
    """Pooled agreement: every fragment × code pair is a binary unit (code "*", n = fragments × codes)."""
    ids = _ids(a, b)
    x = [int(c in a[i]) for i in ids for c in codes]
    y = [int(c in b[i]) for i in ids for c in codes]
    return _agreement(ALL_CODES, x, y)


def primary_label(codes_of_fragment: frozenset[str], codes: Sequence[str]) -> str:
    """The first code of ``codes`` the fragment carries, or "geen"."""
    return next((c for c in codes if c in codes_of_fragment), NO_CODE)


def primary_code(a: Codings, b: Codings, codes: Sequence[str]) -> Agreement:
    """Nominal agreement on each fragment's primary code (first in ``codes`` order, else "geen")."""
    ids = _ids(a, b)
    labels = [*codes, NO_CODE]
    x = [labels.index(primary_label(a[i], codes)) for i in ids]
    y = [labels.index(primary_label(b[i], codes)) for i in ids]
    return _agreement(PRIMARY, x, y)


def disagreements(a: Codings, b: Codings) -> list[Disagreement]:
    """Fragments on which the coders differ, by fragment id, with the codes only one of them gave."""
    return [Disagreement(i, a[i] - b[i], b[i] - a[i]) for i in _ids(a, b) if a[i] != b[i]]


def decided(decisions: Decisions) -> frozenset[int]:
    """The fragments a coder decided: at least one confirmed, rejected or added code of theirs on it."""
    return frozenset(i for i, codes in decisions.items() if codes)


def confirmed(decisions: Decisions) -> dict[int, frozenset[str]]:
    """Fragment id → the codes confirmed in ``decisions`` (every decided fragment, perhaps empty)."""
    return {i: frozenset(c for c, yes in codes.items() if yes) for i, codes in decisions.items()}


def given(*sides: Codings) -> frozenset[str]:
    """The codes at least one side gave on at least one of its units."""
    return frozenset(code for side in sides for codes in side.values() for code in codes)


def _not_given(code: str, n: int) -> Agreement:
    return Agreement(code, n, math.nan, math.nan, math.nan, given=False)


def per_code_decided(model: Codings, decisions: Decisions, code: str) -> Agreement:
    """Agreement on one code over the fragments where the coder decided that code (confirmed or rejected)."""
    ids = sorted(i for i, codes in decisions.items() if code in codes)
    x = [int(code in model.get(i, frozenset())) for i in ids]
    return _agreement(code, x, [int(decisions[i][code]) for i in ids])


def overall_decided(model: Codings, decisions: Decisions, codes: Sequence[str]) -> Agreement:
    """Pooled over every fragment × code pair the coder decided (n = those pairs)."""
    pairs = [(i, c) for i in sorted(decisions) for c in codes if c in decisions[i]]
    x = [int(c in model.get(i, frozenset())) for i, c in pairs]
    return _agreement(ALL_CODES, x, [int(decisions[i][c]) for i, c in pairs])


def primary_decided(model: Codings, decisions: Decisions, codes: Sequence[str]) -> Agreement:
    """The primary code over the fragments the coder decided at least one code on."""
    ids = decided(decisions)
    human = {i: v for i, v in confirmed(decisions).items() if i in ids}
    return primary_code({i: model.get(i, frozenset()) for i in human}, human, codes)


def report_decided(
    model: Codings, decisions: Decisions, codes: Sequence[str], always: Collection[str] = ()
) -> list[Agreement]:
    """Pooled, primary code, then one row per code: the model against one coder's decisions. Codes neither
    gave on the coder's decided fragments count nowhere; those in ``always`` keep a row without figures."""
    ids = decided(decisions)
    used = {c for i in ids for c, yes in decisions[i].items() if yes or c in model.get(i, frozenset())}
    counted = [c for c in codes if c in used]
    pooled = replace(overall_decided(model, decisions, counted), given=bool(counted))
    rows = [pooled, primary_decided(model, decisions, counted)]
    for code in codes:
        if code in used:
            rows.append(per_code_decided(model, decisions, code))
        elif code in always:
            rows.append(_not_given(code, sum(1 for i in ids if code in decisions[i])))
    return rows


def shared(a: Decisions, b: Decisions) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """Both coders' confirmed codes on the fragments both decided (the units between two coders)."""
    ids = sorted(decided(a) & decided(b))
    codes_a, codes_b = confirmed(a), confirmed(b)
    return {i: codes_a[i] for i in ids}, {i: codes_b[i] for i in ids}


def report_pair(
    a: Decisions, b: Decisions, codes: Sequence[str], always: Collection[str] = ()
) -> list[Agreement]:
    """Pooled, primary code, then one row per code: two coders over the fragments both decided. A code
    neither gave there counts nowhere; one in ``always`` keeps a row without figures."""
    x, y = shared(a, b)
    used = given(x, y)
    counted = [c for c in codes if c in used]
    rows = [replace(overall(x, y, counted), given=bool(counted)), primary_code(x, y, counted)]
    for code in codes:
        if code in used:
            rows.append(per_code(x, y, code))
        elif code in always:
            rows.append(_not_given(code, len(x)))
    return rows


@dataclass(frozen=True)
class GroupAlpha:
    """α on ``code`` across ``coders`` coders over ``n`` pairable units (decided by at least two of them)."""

    code: str
    n: int
    coders: int
    alpha: float
    given: bool = True


def group_alpha(data: Sequence[Sequence[float]]) -> tuple[int, float]:
    """(pairable units, Krippendorff's α nominal) of a coders × units matrix with NaN for missing values.
    α is NaN when the pairable units hold fewer than two different values."""
    matrix = np.array(data, dtype=np.float64)
    if len(data) < 2 or matrix.size == 0:
        return 0, math.nan
    pairable = matrix[:, (~np.isnan(matrix)).sum(axis=0) >= 2]
    values = pairable[~np.isnan(pairable)]
    if len(np.unique(values)) < 2:
        return pairable.shape[1], math.nan
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return pairable.shape[1], float(
            krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        )


def _group_row(code: str, rows: list[list[float]]) -> GroupAlpha:
    n, alpha = group_alpha(rows)
    return GroupAlpha(code, n, len(rows), alpha)


def report_group(
    coders: Mapping[str, Decisions], codes: Sequence[str], always: Collection[str] = ()
) -> list[GroupAlpha]:
    """Pooled, primary code, then one row per code: α across every coder in ``coders``, each unit a fragment
    some coder decided; a coder who did not decide it is missing (NaN) there, not "no code". A code no coder
    gave on a fragment at least two of them decided counts nowhere; one in ``always`` keeps an empty row."""
    sides = [(decided(d), confirmed(d)) for d in coders.values()]
    ids = sorted(set().union(*(ids for ids, _ in sides)))
    pairable = [i for i in ids if sum(i in done for done, _ in sides) >= 2]
    used = given(*({i: side[i] for i in pairable if i in done} for done, side in sides))
    counted = [c for c in codes if c in used]
    labels = [*counted, NO_CODE]

    def value(side: tuple[frozenset[int], dict[int, frozenset[str]]], i: int, code: str) -> float:
        return float(code in side[1][i]) if i in side[0] else math.nan

    def primary(side: tuple[frozenset[int], dict[int, frozenset[str]]], i: int) -> float:
        return float(labels.index(primary_label(side[1][i], counted))) if i in side[0] else math.nan

    rows = [
        replace(
            _group_row(ALL_CODES, [[value(s, i, c) for i in ids for c in counted] for s in sides]),
            given=bool(counted),
        ),
        _group_row(PRIMARY, [[primary(s, i) for i in ids] for s in sides]),
    ]
    for code in codes:
        if code in used:
            rows.append(_group_row(code, [[value(s, i, code) for i in ids] for s in sides]))
        elif code in always:
            rows.append(GroupAlpha(code, len(pairable), len(sides), math.nan, given=False))
    return rows
