"""Per code: is it present in a story, and does that differ between groups? One test a researcher can report.

At story level a story carries several codes, so the chi-square on the code × group table counts a story
more than once and is not a valid test. Instead every code gets its own presence × group table (stories
with / without the code, per practice or role), where each story counts exactly once:

- the test is exact: Fisher's exact test for two groups, its Freeman–Halton extension for more (every
  table with the same margins enumerated, p = the probability of the tables no more likely than the one
  observed); only when there are too many tables to enumerate, a permutation test of the same ordering;
- the p-values are Holm-corrected across the codes (family-wise error rate ``ALPHA``);
- the effect size is Cramér's V of that table (|φ| for two groups) with a 95 % bootstrap interval that
  resamples stories within each group (``scipy.stats.bootstrap``, percentile method, fixed seed); a group
  with fewer than ``MIN_PER_GROUP`` stories cannot be resampled, so then there is no interval (NaN and
  ``PresenceTest.too_few`` says why).

Pure: the caller gives ``compare.Unit`` values (one per fragment, as everywhere in compare.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy import stats
from scipy.special import gammaln

from verhalen.analysis.compare import ALPHA, Unit, _group_order, _stories
from verhalen.analysis.compare import holm as holm  # lives in compare (the cell tests use it too)

Method = Literal["fisher", "freeman-halton", "permutation", "none"]
MAX_TABLES = 200_000  # beyond this many tables with the same margins: a permutation test instead
REL_TOL = 1 + 1e-7  # tables as likely as the observed one (up to rounding) count as "no more likely"
MIN_PER_GROUP = 2  # stories a group needs before the bootstrap can resample it


@dataclass(frozen=True)
class PresenceTest:
    """One code: stories with it per group, the exact p-value, Holm's p-value and Cramér's V with interval."""

    code: str
    groups: tuple[str, ...]
    present: tuple[int, ...]
    totals: tuple[int, ...]
    p: float
    method: Method
    p_holm: float
    cramers_v: float
    ci_low: float
    ci_high: float

    @property
    def significant(self) -> bool:
        return not math.isnan(self.p_holm) and self.p_holm < ALPHA

    @property
    def too_few(self) -> bool:
        """Tested, but some group has fewer than ``MIN_PER_GROUP`` stories: no bootstrap interval."""
        return self.method != "none" and too_few_for_interval(self.totals)


def too_few_for_interval(totals: Sequence[int]) -> bool:
    """True when a group has fewer than ``MIN_PER_GROUP`` stories (the bootstrap cannot resample it)."""
    return any(t < MIN_PER_GROUP for t in totals)


def _log_choose(n: NDArray[np.float64] | float, k: NDArray[np.float64] | float) -> NDArray[np.float64]:
    return np.asarray(gammaln(np.add(n, 1)) - gammaln(np.add(k, 1)) - gammaln(np.subtract(n, k) + 1))


def _tables(totals: Sequence[int], k: int) -> Iterator[tuple[int, ...]]:
    """Every way to spread ``k`` present stories over the groups, at most ``totals[i]`` in group i."""
    if len(totals) == 1:
        if 0 <= k <= totals[0]:
            yield (k,)
        return
    rest = sum(totals[1:])
    for first in range(max(0, k - rest), min(totals[0], k) + 1):
        for tail in _tables(totals[1:], k - first):
            yield (first, *tail)


def _count_tables(totals: Sequence[int], k: int) -> int:
    """How many tables ``_tables`` would yield (a small dynamic programme, no enumeration)."""
    ways = np.zeros(k + 1, dtype=np.float64)
    ways[0] = 1.0
    for n in totals:
        nxt = np.zeros_like(ways)
        for x in range(min(n, k) + 1):
            nxt[x:] += ways[: k + 1 - x]
        ways = nxt
    return int(ways[k])


def exact_presence_p(present: Sequence[int], totals: Sequence[int]) -> float:
    """Fisher–Freeman–Halton exact p-value of a groups × (with, without) table, margins fixed."""
    k, n = sum(present), sum(totals)
    log_total = float(_log_choose(n, k))

    def log_p(table: Sequence[int]) -> float:
        return float(np.sum(_log_choose(np.asarray(totals, float), np.asarray(table, float)))) - log_total

    observed = log_p(present)
    p = sum(math.exp(lp) for t in _tables(totals, k) if (lp := log_p(t)) <= observed + math.log(REL_TOL))
    return min(1.0, p)


def permutation_presence_p(
    present: Sequence[int], totals: Sequence[int], n_permutations: int = 20_000, seed: int = 0
) -> float:
    """Monte Carlo version of :func:`exact_presence_p` (``scipy.stats.permutation_test``): presence is
    reshuffled over the stories, the groups' sizes stay; a table counts when it is no more likely than the
    observed one (lower log probability)."""
    member = np.repeat(np.eye(len(totals)), totals, axis=0)  # story x group
    has = np.concatenate([np.r_[np.ones(p), np.zeros(t - p)] for p, t in zip(present, totals, strict=True)])
    totals_f = np.asarray(totals, float)

    def log_p(values: NDArray[np.float64], axis: int = -1) -> NDArray[np.float64]:
        # values: presence per story, shape (..., stories); the table is stories with the code per group
        logs: NDArray[np.float64] = _log_choose(totals_f, values @ member).sum(axis=-1)
        return logs

    result = stats.permutation_test(
        (has,),
        log_p,
        permutation_type="pairings",  # one sample: its order is shuffled over the stories
        vectorized=True,
        n_resamples=n_permutations,
        batch=max(1, 4_000_000 // max(1, has.size * len(totals))),  # memory: a few MB per batch
        alternative="less",
        rng=np.random.default_rng(seed),
    )
    return float(result.pvalue)


def cramers_v(present: Sequence[int], totals: Sequence[int]) -> float:
    """Cramér's V of the groups × (with, without) table (= |φ| for two groups); 0 when a margin is empty."""
    with_code = np.asarray(present, float)
    table = np.column_stack([with_code, np.asarray(totals, float) - with_code])
    table = table[table.sum(axis=1) > 0]
    if table.shape[0] < 2 or (table.sum(axis=0) == 0).any():
        return 0.0
    chi2 = float(stats.chi2_contingency(table, correction=False).statistic)
    return math.sqrt(chi2 / (table.sum() * (min(table.shape) - 1)))


def _v_rows(present: NDArray[np.float64], totals: NDArray[np.float64]) -> NDArray[np.float64]:
    """Cramér's V of many groups × 2 tables at once (rows of ``present``; every total > 0), closed form:
    χ² = N · (Σ k²/(n·K) + Σ (n−k)²/(n·(N−K))) − N, and V = √(χ²/N) because min(r, 2) − 1 = 1."""
    n_all = totals.sum()
    k_all = present.sum(axis=-1)
    inside = (k_all > 0) & (k_all < n_all)
    safe_k = np.where(inside, k_all, 1.0)
    safe_rest = np.where(inside, n_all - k_all, 1.0)
    ratio = (present**2 / totals).sum(axis=-1) / safe_k + ((totals - present) ** 2 / totals).sum(
        axis=-1
    ) / safe_rest
    chi2 = np.clip(n_all * ratio - n_all, 0.0, None)
    return np.where(inside, np.sqrt(chi2 / n_all), 0.0)


def _v_of_samples(*samples: NDArray[np.float64], axis: int = -1) -> NDArray[np.float64]:
    present = np.stack([s.sum(axis=axis) for s in samples], axis=-1)
    totals = np.array([s.shape[axis] for s in samples], dtype=np.float64)
    return _v_rows(present, totals)


def v_interval(
    present: Sequence[int], totals: Sequence[int], n_resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """95 % percentile bootstrap interval of Cramér's V, stories resampled within each group; (NaN, NaN)
    when there is nothing to resample: fewer than two groups, no variation, or a group with fewer than
    ``MIN_PER_GROUP`` stories."""
    kept = [t for t in totals if t]
    if len(kept) < 2 or too_few_for_interval(kept) or sum(present) in (0, sum(totals)):
        return (math.nan, math.nan)
    samples = [np.r_[np.ones(p), np.zeros(t - p)] for p, t in zip(present, totals, strict=True) if t]
    result = stats.bootstrap(
        samples,
        _v_of_samples,
        n_resamples=n_resamples,
        method="percentile",
        vectorized=True,
        random_state=np.random.default_rng(seed),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def presence_tests(
    units: Sequence[Unit], by: str, codes: Sequence[str], seed: int = 0, n_resamples: int = 2000
) -> list[PresenceTest]:
    """Per code, stories with the code per group, its exact test, Holm's correction across ``codes`` and
    Cramér's V with a bootstrap interval. A code no story (or every story) has gets no test (NaN)."""
    stories = _stories(units)
    groups = _group_order({g for g, _ in stories.values()}, by)
    totals = [sum(1 for g, _ in stories.values() if g == group) for group in groups]
    rows: list[tuple[str, list[int], float, Method]] = []
    for code in codes:
        present = [sum(1 for g, cs in stories.values() if g == group and code in cs) for group in groups]
        k = sum(present)
        if len(groups) < 2 or k in (0, sum(totals)):
            rows.append((code, present, math.nan, "none"))
        elif len(groups) == 2:
            table = [[present[0], totals[0] - present[0]], [present[1], totals[1] - present[1]]]
            rows.append((code, present, float(stats.fisher_exact(table).pvalue), "fisher"))
        elif _count_tables(totals, k) <= MAX_TABLES:
            rows.append((code, present, exact_presence_p(present, totals), "freeman-halton"))
        else:
            rows.append((code, present, permutation_presence_p(present, totals, seed=seed), "permutation"))
    adjusted = holm([p for _, _, p, _ in rows])
    out = []
    for (code, present, p, method), p_holm in zip(rows, adjusted, strict=True):
        low, high = v_interval(present, totals, n_resamples, seed) if method != "none" else (math.nan,) * 2
        out.append(
            PresenceTest(
                code,
                groups,
                tuple(present),
                tuple(totals),
                p,
                method,
                p_holm,
                cramers_v(present, totals),
                low,
                high,
            )
        )
    return out
