"""Pure comparison statistics: code × group tables, chi-square, residuals, effect sizes, exact tests.

No database and no UI: the caller builds ``Unit`` values (one per fragment) and gets frozen results back.

Two different questions, two different tables:

- the whole table (``chi_square``, ``permutation_chi2``): do the groups differ in their mix of codes? Both
  tests get the same code × group counts (``count_table`` of one unit); the permutation test reshuffles
  groups over whole stories, so it stays valid where fragments of one story, or codes of one unit, are
  not independent;
- one cell (``cell_tests``): is the share shown in the cell (units with the code / units in the group)
  above or below the share over all groups? That is the code's own with/without × group table, where
  every unit counts once; the residual of that table has the sign of (share − pooled share), so a marker
  can never point against the share beside it. The code × group residuals of ``chi_square`` compare a
  code's part of all code assignments instead, which can point the other way, and are not markers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from verhalen.domain import ROLES

CountUnit = Literal["fragment", "story", "per1000"]
Level = Literal["fragment", "story"]
Lang = Literal["nl", "en"]
FloatArray = NDArray[np.float64]
ALPHA = 0.05
RESIDUAL_CUTOFF = 1.96
_ROLE_BY = {"role", "rol", "roles", "rollen"}


@dataclass(frozen=True)
class Unit:
    """One coded fragment: its story, the group of that story, its codes and its length in words."""

    story_id: str
    group: str
    codes: frozenset[str]
    words: int


@dataclass(frozen=True)
class Table:
    """Code (rows) × group (columns) counts; ``totals``: units per column, the denominator of proportions."""

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    counts: tuple[tuple[float, ...], ...]
    totals: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.counts) != len(self.rows) or any(len(r) != len(self.cols) for r in self.counts):
            raise ValueError("counts must have one row per code and one value per column")
        if len(self.totals) != len(self.cols):
            raise ValueError("totals must have one value per column")

    @classmethod
    def from_mapping(
        cls, table: Mapping[str, Mapping[str, float]], totals: Mapping[str, float] | None = None
    ) -> Table:
        """Build from ``{code: {group: count}}``; missing cells are 0, missing totals are column sums."""
        rows = tuple(table)
        cols = tuple(dict.fromkeys(g for row in table.values() for g in row))
        if totals is not None:
            cols += tuple(g for g in totals if g not in cols)
        counts = tuple(tuple(float(table[r].get(c, 0.0)) for c in cols) for r in rows)
        if totals is None:
            tot = tuple(float(sum(row[j] for row in counts)) for j in range(len(cols)))
        else:
            tot = tuple(float(totals.get(c, 0.0)) for c in cols)
        return cls(rows, cols, counts, tot)

    def to_mapping(self) -> dict[str, dict[str, float]]:
        """Return ``{code: {group: count}}``."""
        return {
            r: dict(zip(self.cols, row, strict=True)) for r, row in zip(self.rows, self.counts, strict=True)
        }

    def array(self) -> FloatArray:
        """Counts as a float array (rows × cols)."""
        return np.array(self.counts, dtype=np.float64).reshape(len(self.rows), len(self.cols))


@dataclass(frozen=True)
class ChiSquare:
    """Pearson chi-square test of independence; ``rows``/``cols`` are those kept after dropping zero lines."""

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    chi2: float
    p: float
    dof: int
    n: float
    expected: tuple[tuple[float, ...], ...]
    residuals: tuple[tuple[float, ...], ...]
    cramers_v: float
    min_expected: float
    small_expected: bool
    dropped_rows: tuple[str, ...] = ()
    dropped_cols: tuple[str, ...] = ()


@dataclass(frozen=True)
class CellTests:
    """Per cell of a code × group table of units: is the share k/n above or below the pooled share K/N?

    Each code (row) is tested on its own groups × (with, without) table, every unit counted once.
    ``expected`` is n·K/N (units with the code in the group if every group had the pooled share),
    ``residuals`` the adjusted standardised residual of the "with" cell (sign = sign of k/n − K/N),
    ``p`` its two-sided normal p-value, ``p_holm`` Holm's adjustment over every tested cell of the table.
    Cells of a code no unit or every unit has, or of an empty group, are not tested (NaN)."""

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    expected: tuple[tuple[float, ...], ...]
    residuals: tuple[tuple[float, ...], ...]
    p: tuple[tuple[float, ...], ...]
    p_holm: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class Permutation:
    """Permutation test of the χ² statistic: ``statistic`` is the observed one (the χ² of the table shown)."""

    statistic: float
    p: float


@dataclass(frozen=True)
class Fisher:
    odds_ratio: float
    p: float


def _group_order(groups: set[str], by: str) -> tuple[str, ...]:
    known = ROLES if by.lower() in _ROLE_BY else ()
    return tuple(g for g in known if g in groups) + tuple(sorted(groups - set(known)))


def _stories(units: Sequence[Unit]) -> dict[str, tuple[str, frozenset[str]]]:
    """Collapse fragments by story: ``{story_id: (group, union of codes)}``; a story has one group."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for u in units:
        group, codes = out.get(u.story_id, (u.group, frozenset()))
        if group != u.group:
            raise ValueError(f"story {u.story_id!r} has fragments in groups {group!r} and {u.group!r}")
        out[u.story_id] = (group, codes | u.codes)
    return out


def count_table(units: Sequence[Unit], by: str, codes: Sequence[str], unit: CountUnit = "fragment") -> Table:
    """Count codes per group: fragments with the code, stories with the code, or occurrences per 1,000 words.

    ``by`` names the grouping ("practice"/"role"); it only fixes the column order (roles in the usual order,
    otherwise alphabetical). Totals are fragments, stories or words per group.
    """
    cols = _group_order({u.group for u in units}, by)
    items: list[tuple[str, frozenset[str], float]]
    if unit == "story":
        items = [(g, c, 1.0) for g, c in _stories(units).values()]
    else:
        items = [(u.group, u.codes, float(u.words) if unit == "per1000" else 1.0) for u in units]
    counts = {c: dict.fromkeys(cols, 0.0) for c in codes}
    totals = dict.fromkeys(cols, 0.0)
    for group, unit_codes, weight in items:
        totals[group] += weight
        for c in unit_codes:
            if c in counts:
                counts[c][group] += 1.0
    if unit == "per1000":
        counts = {
            c: {g: (v * 1000.0 / totals[g] if totals[g] else 0.0) for g, v in row.items()}
            for c, row in counts.items()
        }
    return Table.from_mapping(counts, totals)


def _tuples(a: FloatArray) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(x) for x in row) for row in a)


def _chi2_stats(obs: FloatArray) -> FloatArray:
    """Pearson statistic of each table in the last two axes; zero rows/columns contribute nothing (same as
    dropping them)."""
    n = obs.sum(axis=(-2, -1), keepdims=True)
    expected = obs.sum(axis=-1, keepdims=True) * obs.sum(axis=-2, keepdims=True) / np.where(n > 0, n, 1.0)
    terms = np.divide((obs - expected) ** 2, expected, out=np.zeros_like(obs), where=expected > 0)
    result: FloatArray = terms.sum(axis=(-2, -1))
    return result


def adjusted_residuals(obs: FloatArray, expected: FloatArray) -> FloatArray:
    """Agresti's adjusted standardised residuals (O-E)/sqrt(E(1-row/N)(1-col/N))."""
    n = obs.sum()
    rows = obs.sum(axis=1, keepdims=True) / n
    cols = obs.sum(axis=0, keepdims=True) / n
    result: FloatArray = (obs - expected) / np.sqrt(expected * (1 - rows) * (1 - cols))
    return result


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values (NaN stays NaN and is not counted among the tests)."""
    indexed = sorted((p, i) for i, p in enumerate(pvalues) if not math.isnan(p))
    m = len(indexed)
    adjusted = [math.nan] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(indexed):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def cell_tests(table: Table) -> CellTests:
    """Per code, its groups × (with, without) table: expected counts, adjusted residuals, p and Holm's p.

    ``table`` holds counts of units (fragments or stories) with the code and ``totals`` the units per
    group, as ``count_table`` gives them; a rate per 1,000 words has no such table (ValueError)."""
    obs = table.array()
    totals = np.asarray(table.totals, dtype=np.float64)
    if not np.allclose(obs, np.round(obs)) or (obs > totals + 1e-9).any() or (obs < 0).any():
        raise ValueError("cell tests need counts of units with the code, at most the group's total")
    shape = (len(table.rows), len(table.cols))
    expected, resid, p = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    keep = totals > 0
    for i in range(shape[0]):
        with_code = obs[i, keep]
        two = np.vstack([with_code, totals[keep] - with_code])
        if keep.sum() < 2 or (two.sum(axis=1) == 0).any():
            continue
        e = stats.contingency.expected_freq(two)
        z = adjusted_residuals(two, e)[0]
        expected[i, keep], resid[i, keep] = e[0], z
        p[i, keep] = 2.0 * stats.norm.sf(np.abs(z))
    adjusted = np.array(holm(p.ravel().tolist()), dtype=np.float64).reshape(shape)
    return CellTests(table.rows, table.cols, _tuples(expected), _tuples(resid), _tuples(p), _tuples(adjusted))


def marker(residual: float, p_holm: float) -> str:
    """▲ / ▼ for a cell whose share is significantly above / below the pooled share (Holm, ``ALPHA``)."""
    if math.isnan(residual) or math.isnan(p_holm) or p_holm >= ALPHA or residual == 0:
        return ""
    return "▲" if residual > 0 else "▼"


def _drop_empty(table: Table) -> tuple[FloatArray, list[tuple[str, ...]]]:
    """Counts without all-zero rows/columns, and (rows kept, cols kept, rows dropped, cols dropped)."""
    obs = table.array()
    keep_r, keep_c = obs.sum(axis=1) > 0, obs.sum(axis=0) > 0
    names = []
    for labels, keep in ((table.rows, keep_r), (table.cols, keep_c)):
        names.append(tuple(x for x, k in zip(labels, keep, strict=True) if k))
    for labels, keep in ((table.rows, keep_r), (table.cols, keep_c)):
        names.append(tuple(x for x, k in zip(labels, keep, strict=True) if not k))
    return obs[keep_r][:, keep_c], names


def chi_square(table: Table) -> ChiSquare:
    """Test of independence on a table of counts (fragment or story units, not per-1,000 rates).

    All-zero rows and columns are dropped and reported. With fewer than two rows or columns left the
    statistics are NaN. ``small_expected`` flags any expected count below 5.
    """
    if not np.allclose(table.array(), np.round(table.array())):
        raise ValueError("chi-square needs counts, not rates")
    obs, (rows, cols, dropped_r, dropped_c) = _drop_empty(table)
    n = float(obs.sum())
    expected = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / n if n else obs
    chi2, p, dof, v, resid = math.nan, math.nan, 0, math.nan, np.full_like(obs, math.nan)
    if min(obs.shape) >= 2:
        res = stats.chi2_contingency(obs, correction=False)
        chi2, p, dof = float(res.statistic), float(res.pvalue), int(res.dof)
        expected = np.asarray(res.expected_freq, dtype=np.float64)
        resid = adjusted_residuals(obs, expected)
        v = math.sqrt(chi2 / (n * (min(obs.shape) - 1)))
    min_e = float(expected.min()) if expected.size else math.nan
    exp_t, small = _tuples(expected), not min_e >= 5.0
    return ChiSquare(
        rows, cols, chi2, p, dof, n, exp_t, _tuples(resid), v, min_e, small, dropped_r, dropped_c
    )


def fisher_exact_2x2(table: Table) -> Fisher:
    """Fisher's exact test (two-sided) for a 2×2 table of counts, for when expected counts are small."""
    obs = table.array()
    if obs.shape != (2, 2):
        raise ValueError(f"Fisher's exact test needs a 2×2 table, got {obs.shape[0]}×{obs.shape[1]}")
    res = stats.fisher_exact(np.round(obs).astype(np.int64))
    return Fisher(float(res.statistic), float(res.pvalue))


def _story_arrays(
    units: Sequence[Unit], codes: Sequence[str], unit: Level
) -> tuple[list[str], FloatArray, NDArray[np.intp]]:
    """Groups, per story its count per code (fragments with the code, or 1/0 at story level), its group."""
    stories = _stories(units)
    ids = list(stories)
    index = {s: i for i, s in enumerate(ids)}
    groups = sorted({g for g, _ in stories.values()})
    x = np.zeros((len(ids), len(codes)), dtype=np.float64)
    if unit == "story":
        x[:] = [[c in stories[s][1] for c in codes] for s in ids]
    else:
        for u in units:
            x[index[u.story_id]] += [c in u.codes for c in codes]
    g = np.array([groups.index(stories[s][0]) for s in ids], dtype=np.intp)
    return groups, x, g


def permutation_chi2(
    units: Sequence[Unit],
    by: str,
    codes: Sequence[str],
    unit: Level = "story",
    n_permutations: int = 2000,
    seed: int = 0,
) -> Permutation:
    """Permutation test of the χ² statistic of ``count_table(units, by, codes, unit)``, the table shown.

    Group labels are reshuffled over whole stories (a story's fragments move together), so the test holds
    where fragments of one story or codes of one unit are not independent. ``scipy.stats.permutation_test``
    reshuffles the labels: every ordering when there are at most ``n_permutations`` of them (an exact p;
    up to six stories), else p = (1 + #{perm stat >= observed}) / (1 + n_permutations). NaN when the
    table has no variation. ``by`` only affects column order and therefore not the p-value.
    """
    groups, x, g = _story_arrays(units, codes, unit)

    def statistic(labels: NDArray[np.intp], axis: int = -1) -> FloatArray:
        # labels: the stories' groups, shape (..., stories); per resample the codes x groups table
        return _chi2_stats(np.stack([(labels == k) @ x for k in range(len(groups))], axis=-1))

    observed = float(statistic(g))
    if len(groups) < 2 or not np.isfinite(observed) or x.sum() == 0:
        return Permutation(observed, math.nan)
    result = stats.permutation_test(
        (g,),
        statistic,
        permutation_type="pairings",  # one sample: its order is shuffled, so labels move over stories
        vectorized=True,
        n_resamples=n_permutations,
        batch=max(1, 4_000_000 // max(1, g.size * len(groups))),  # memory: a few MB per batch
        alternative="greater",
        rng=np.random.default_rng(seed),
    )
    return Permutation(observed, float(result.pvalue))


def permutation_test(
    units: Sequence[Unit],
    by: str,
    codes: Sequence[str],
    n_permutations: int = 2000,
    seed: int = 0,
    unit: Level = "story",
) -> float:
    """The p-value of :func:`permutation_chi2` (story-unit table unless ``unit`` says otherwise)."""
    return permutation_chi2(units, by, codes, unit, n_permutations, seed).p


def wilson_interval(k: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for the proportion k/n; (0.0, 1.0) when n = 0 (nothing known)."""
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return (0.0, 1.0)
    z = float(stats.norm.ppf(1 - (1 - confidence) / 2))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return (low, high)


def co_occurrence(units: Sequence[Unit], codes: Sequence[str], level: Level = "fragment") -> Table:
    """Code × code: units (fragments or stories) carrying both codes. Totals are the diagonal, so
    ``counts[i][j] / totals[j]`` is the share of units with code j that also carry code i."""
    sets = [c for _, c in _stories(units).values()] if level == "story" else [u.codes for u in units]
    counts = tuple(tuple(float(sum(1 for s in sets if a in s and b in s)) for b in codes) for a in codes)
    return Table(tuple(codes), tuple(codes), counts, tuple(counts[i][i] for i in range(len(codes))))
