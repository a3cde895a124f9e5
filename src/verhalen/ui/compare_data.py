"""Cached computations of the Vergelijken page: tables, tests and quotes per (data version, choices)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal, cast

import pandas as pd
import streamlit as st

from verhalen.analysis import compare, summary_text
from verhalen.app import pages
from verhalen.app import units as analysis
from verhalen.app.units import Quote, Selection, Source, UnitKind
from verhalen.domain import ROLES, Codebook
from verhalen.ui.resources import bench

Mode = Literal["practice", "role", "cross"]
MODES: tuple[Mode, ...] = ("practice", "role", "cross")
UNITS: tuple[UnitKind, ...] = ("fragment", "story", "per1000")
SOURCES: tuple[Source, ...] = ("confirmed", "coder", "suggested")
N_PERMUTATIONS = 2000
MAX_QUOTES = 40
NOT = "¬"  # row of the "without the code" counts in practice × role mode
DECIMAL_COMMA = str.maketrans(",.", ".,")
COLUMNS = (
    "row",
    "group",
    "count",
    "total",
    "percent",
    "ci_low",
    "ci_high",
    "expected",
    "residual",
    "p_holm",
    "rate",
)


@dataclass(frozen=True)
class Controls:
    mode: Mode = "practice"
    unit: UnitKind = "story"
    source: Source = "confirmed"
    coder: str | None = None
    threshold: float = 0.5
    code: str = ""
    coded_only: bool = True

    @property
    def selection(self) -> Selection:
        return Selection(self.source, self.coder if self.source == "coder" else None, self.threshold)


@dataclass(frozen=True)
class Result:
    """One comparison: ``cells`` has a row per shown cell (row_id, group, count, total, percent, ...)."""

    cells: pd.DataFrame
    rows: tuple[str, ...]
    groups: tuple[str, ...]
    chi: compare.ChiSquare | None
    perm_p: float | None
    fisher_p: float | None
    sentence: str


# -- cached computations ---------------------------------------------------------------------------------
def data_version() -> tuple[str, int]:
    """(database, id of the newest event): the key every cached result depends on."""
    return pages.data_version(bench())


@st.cache_data(show_spinner=False, max_entries=8)
def codebook(version: tuple[str, int]) -> Codebook:
    return bench().codebook()


@st.cache_data(show_spinner=False, max_entries=32)
def quotes(version: tuple[str, int], selection: Selection, coded_only: bool) -> list[Quote]:
    """Codable fragments with the codes that count; optionally only stories someone made a decision in."""
    wb = bench()
    found = analysis.coded_fragments(wb, selection)
    if coded_only and selection.source != "suggested":
        decided = {c.fragment_id for c in pages.codings(wb, selection.coder)}
        stories = {q.story_id for q in found if q.fragment_id in decided}
        found = [q for q in found if q.story_id in stories]
    return found


@st.cache_data(show_spinner=False, max_entries=64)
def compute(version: tuple[str, int], c: Controls, codes: tuple[str, ...], labels: dict[str, str]) -> Result:
    """The table, its test and the plain-language sentence; ``labels`` carries the translated words."""
    found = quotes(version, c.selection, c.coded_only)
    if c.mode == "cross":
        return _cross(found, c, labels)
    units = analysis.units(found, c.mode)
    table = compare.count_table(units, c.mode, codes, c.unit)
    unit = _level(c)
    return _tested(
        table, c, labels, lambda: compare.permutation_test(units, c.mode, codes, N_PERMUTATIONS, unit=unit)
    )


def _level(c: Controls) -> compare.Level:
    return "story" if c.unit == "story" else "fragment"


def _tested(
    table: compare.Table,
    c: Controls,
    labels: dict[str, str],
    permute: Callable[[], float],
    per_cell: compare.Table | None = None,
) -> Result:
    """χ² of ``table`` (the permutation test ``permute`` must reshuffle the same counts) for the whole;
    per cell the share against the pooled share (``compare.cell_tests`` of ``per_cell``, default ``table``),
    which gives the ▲/▼ markers and the cells the sentence names."""
    if c.unit == "per1000":
        return Result(_cells(table, None, rate=True), table.rows, table.cols, None, None, None, "")
    chi = compare.chi_square(table)
    cells = compare.cell_tests(per_cell or table)
    two_by_two = len(chi.rows) == 2 and len(chi.cols) == 2 and table.array().shape == (2, 2)
    # Fragments of one story are not independent: at the fragment unit the permutation test over whole
    # stories decides (always computed there); at the story unit χ², or Fisher / the permutation test for
    # small counts.
    clustered = c.unit == "fragment"
    wanted = clustered or (chi.small_expected and not two_by_two)
    perm = permute() if wanted and not math.isnan(chi.chi2) else None
    fisher = compare.fisher_exact_2x2(table).p if chi.small_expected and two_by_two else None
    spoken = replace(chi, residuals=_marked(chi, cells))
    lang_ = cast(compare.Lang, labels["lang"])
    names = {k.removeprefix("code:"): v for k, v in labels.items() if k.startswith("code:")}
    sentence = summary_text.describe(spoken, table, labels["by"], lang_, perm, clustered, names)
    return Result(_cells(table, cells, rate=False), table.rows, table.cols, chi, perm, fisher, sentence)


def _marked(chi: compare.ChiSquare, cells: compare.CellTests) -> tuple[tuple[float, ...], ...]:
    """For the sentence: the cell test's residual where the cell has a marker, 0 elsewhere, on ``chi``'s
    rows and columns, so the sentence names exactly the marked cells, in the direction of their shares."""
    where = {r: i for i, r in enumerate(cells.rows)}
    cols = {g: j for j, g in enumerate(cells.cols)}

    def z(row: str, col: str) -> float:
        i, j = where.get(row), cols.get(col)
        if i is None or j is None or not compare.marker(cells.residuals[i][j], cells.p_holm[i][j]):
            return 0.0
        return cells.residuals[i][j]

    return tuple(tuple(z(r, g) for g in chi.cols) for r in chi.rows)


def _cells(table: compare.Table, cells: compare.CellTests | None, rate: bool) -> pd.DataFrame:
    tested = {}
    if cells is not None:
        for i, r in enumerate(cells.rows):
            for j, g in enumerate(cells.cols):
                tested[r, g] = (cells.expected[i][j], cells.residuals[i][j], cells.p_holm[i][j])
    records = []
    for r, row in zip(table.rows, table.counts, strict=True):
        for g, k, n in zip(table.cols, row, table.totals, strict=True):
            expected, residual, p_holm = tested.get((r, g), (math.nan, math.nan, math.nan))
            count = k * n / 1000.0 if rate else k
            low, high = compare.wilson_interval(round(count), n) if n and not rate else (math.nan, math.nan)
            records.append(
                {
                    "row_id": r,
                    "group": g,
                    "count": count,
                    "total": n,
                    "percent": 100.0 * k / n if n and not rate else math.nan,
                    "ci_low": 100.0 * low,
                    "ci_high": 100.0 * high,
                    "expected": expected,
                    "residual": residual,
                    "p_holm": p_holm,
                    "rate": k if rate else math.nan,
                }
            )
    return pd.DataFrame.from_records(records, columns=["row_id", *COLUMNS[1:]])


def _cross(found: list[Quote], c: Controls, labels: dict[str, str]) -> Result:
    """One code: its share in every practice × role cell, tested as a 2 × k table (code / without)."""
    cell = {(q.practice, q.role): f"{q.practice} · {q.role}" for q in found}
    units = [
        compare.Unit(q.story_id, cell[q.practice, q.role], q.codes & {c.code}, len(q.text.split()))
        for q in found
    ]
    one = compare.count_table(units, "cross", [c.code], c.unit)
    table = one
    if c.unit != "per1000":
        rest = tuple(n - k for k, n in zip(one.counts[0], one.totals, strict=True))
        table = compare.Table((c.code, NOT), one.cols, (one.counts[0], rest), one.totals)
    unit = _level(c)
    rows = [c.code, NOT]
    per_unit = _with_without(units, c.code) if unit == "fragment" else _with_without_stories(units, c.code)
    result = _tested(
        table,
        c,
        labels,
        lambda: compare.permutation_test(per_unit, "cross", rows, N_PERMUTATIONS, unit=unit),
        per_cell=one,
    )
    where = {name: key for key, name in cell.items()}
    cells = result.cells[result.cells["row_id"] == c.code].copy()
    cells["row_id"] = [where[g][0] for g in cells["group"]]
    cells["group"] = [where[g][1] for g in cells["group"]]
    practices = tuple(sorted({p for p, _ in cell}))
    roles = tuple(r for r in ROLES if any(k[1] == r for k in cell))
    return replace(result, cells=cells, rows=practices, groups=roles)


def _with_without(units: list[compare.Unit], code: str) -> list[compare.Unit]:
    """Each fragment with ``code`` or with ``NOT``: its count table is the code / without table shown."""
    return [
        compare.Unit(u.story_id, u.group, frozenset({code} if code in u.codes else {NOT}), 0) for u in units
    ]


def _with_without_stories(units: list[compare.Unit], code: str) -> list[compare.Unit]:
    """One unit per story, with ``code`` when any of its fragments has it, else with ``NOT``."""
    having = {u.story_id for u in units if code in u.codes}
    group = {u.story_id: u.group for u in units}
    return [compare.Unit(s, g, frozenset({code} if s in having else {NOT}), 0) for s, g in group.items()]


@st.cache_data(show_spinner=False, max_entries=16)
def co_occurrence(
    version: tuple[str, int], selection: Selection, coded_only: bool, codes: tuple[str, ...], level: str
) -> pd.DataFrame:
    units = analysis.units(quotes(version, selection, coded_only), "practice")
    table = compare.co_occurrence(units, codes, cast(compare.Level, level))
    return pd.DataFrame.from_records(
        [
            {"row_id": a, "col_id": b, "count": k, "share": 100.0 * k / n if n else 0.0}
            for a, row in zip(table.rows, table.counts, strict=True)
            for b, k, n in zip(table.cols, row, table.totals, strict=True)
        ]
    )


# -- controls ----------------------------------------------------------------------------------------------
