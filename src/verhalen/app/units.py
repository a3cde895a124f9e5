"""Stored decisions as comparison units and results: the read model behind Vergelijken and Overeenstemming."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from verhalen.analysis import agreement, compare
from verhalen.app.workbench import Workbench
from verhalen.domain import Codebook

By = Literal["practice", "role"]
Source = Literal["confirmed", "coder", "suggested"]
UnitKind = Literal["fragment", "story", "per1000"]


@dataclass(frozen=True)
class Selection:
    """Which decisions count: confirmed by anyone, by one coder, or also suggestions >= threshold."""

    source: Source = "confirmed"
    coder: str | None = None
    threshold: float = 0.5


@dataclass(frozen=True)
class Quote:
    story_id: str
    practice: str
    role: str
    fragment_id: int
    text: str
    codes: frozenset[str]


def _factor_codes(book: Codebook, codes: set[str]) -> frozenset[str]:
    known = {c.id for c in book.codes}
    return frozenset(book.factor_of(c) for c in codes if c in known)


def framework_factors(book: Codebook) -> frozenset[str]:
    """The codebook's own factors (not inductive): always listed, even where nobody gave one, as that they
    do not occur is a finding about the framework."""
    return frozenset(c.id for c in book.factors if not c.inductive)


def compared_codes(book: Codebook, quotes: Sequence[Quote]) -> tuple[str, ...]:
    """The factor codes a comparison lists: the framework's factors always, an inductive factor only when it
    occurs in ``quotes`` (the units compared); one made and then left unused is no row of zeros."""
    occurring = {code for q in quotes for code in q.codes}
    fixed = framework_factors(book)
    return tuple(c.id for c in book.factors if c.id in fixed or c.id in occurring)


def coded_fragments(bench: Workbench, selection: Selection) -> list[Quote]:
    """Every codable fragment with the factor codes that count under ``selection``."""
    book = bench.codebook()
    repo = bench.repo
    practices = {p.id: p.name for p in repo.practices()}
    stories = {s.id: s for s in repo.stories()}
    codes: dict[int, set[str]] = defaultdict(set)
    decided: set[int] = set()
    resolved = repo.resolutions()
    for coding in repo.codings(coder=selection.coder if selection.source == "coder" else None):
        decided.add(coding.fragment_id)
        status = resolved.get((coding.fragment_id, coding.code), coding.status)
        if status == "confirmed":
            codes[coding.fragment_id].add(coding.code)
    if selection.source == "suggested":
        for fragment_id, scores in repo.suggestion_scores().items():
            if fragment_id not in decided:
                codes[fragment_id] |= {code for code, score in scores if score >= selection.threshold}
    quotes = []
    for f in repo.fragments(codable_only=True):
        story = stories[f.story_id]
        quotes.append(
            Quote(
                f.story_id,
                practices.get(story.practice, story.practice),
                story.role,
                f.id,
                f.text,
                _factor_codes(book, codes.get(f.id, set())),
            )
        )
    return quotes


def units(quotes: list[Quote], by: By) -> list[compare.Unit]:
    return [
        compare.Unit(q.story_id, q.practice if by == "practice" else q.role, q.codes, len(q.text.split()))
        for q in quotes
    ]


def _clean(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def compare_json(
    bench: Workbench, by: By, unit: UnitKind = "fragment", selection: Selection | None = None
) -> dict[str, Any]:
    """The ``verhalen compare --json`` result."""
    quotes = coded_fragments(bench, selection or Selection())
    codes = list(compared_codes(bench.codebook(), quotes))
    found = units(quotes, by)
    table = compare.count_table(found, by, codes, unit)
    result: dict[str, Any] = {
        "by": by,
        "unit": unit,
        "table": table.to_mapping(),
        "totals": dict(zip(table.cols, table.totals, strict=True)),
    }
    if unit == "per1000":
        return result
    chi = compare.chi_square(table)
    cells = compare.cell_tests(table)
    # The page's verdict and markers: the permutation test over whole stories on this table (fragments of one
    # story are not independent), and per cell its share against the pooled share (Holm over the cells).
    permutation = compare.permutation_test(found, by, codes, unit=unit)
    result.update(
        {
            "chi2": _clean(chi.chi2),
            "p": _clean(chi.p),
            "dof": int(chi.dof),
            "cramers_v": _clean(chi.cramers_v),
            "residuals": {
                r: {c: _clean(chi.residuals[i][j]) for j, c in enumerate(chi.cols)}
                for i, r in enumerate(chi.rows)
            },
            "small_expected": chi.small_expected,
            "permutation_p": _clean(permutation),
            "cells": {
                r: {
                    g: {
                        "share_residual": _clean(cells.residuals[i][j]),
                        "p_holm": _clean(cells.p_holm[i][j]),
                        "marker": compare.marker(cells.residuals[i][j], cells.p_holm[i][j]),
                    }
                    for j, g in enumerate(cells.cols)
                }
                for i, r in enumerate(cells.rows)
            },
        }
    )
    return result


def _codable(bench: Workbench) -> set[int]:
    return bench.repo.codable_fragment_ids()


def coder_decisions(
    bench: Workbench, coder: str, codable: set[int] | None = None
) -> dict[int, dict[str, bool]]:
    """Codable fragment -> factor code -> confirmed (True) / rejected (False), from one coder's decisions;
    a factor counts as confirmed when any of its codes is. Fragments the coder left alone are not in it
    (agreement.decided). ``codable``: the codable fragment ids, when the caller has them already."""
    book = bench.codebook()
    known = {c.id for c in book.codes}
    codable = _codable(bench) if codable is None else codable
    out: dict[int, dict[str, bool]] = {}
    for coding in bench.repo.codings(coder=coder):
        if coding.code in known and coding.fragment_id in codable:
            codes = out.setdefault(coding.fragment_id, {})
            factor = book.factor_of(coding.code)
            codes[factor] = codes.get(factor, False) or coding.status == "confirmed"
    return out


def coders_decisions(bench: Workbench, coders: list[str]) -> dict[str, dict[int, dict[str, bool]]]:
    """Each coder's decisions (see coder_decisions), for agreement across several coders."""
    codable = _codable(bench)
    return {coder: coder_decisions(bench, coder, codable) for coder in coders}


def model_threshold(bench: Workbench) -> float:
    """The engine's own cut-off between a code and "geen code" (chosen on its leave-one-out), put on
    the 5 % grid of the agreement page's slider."""
    return min(0.9, max(0.1, round(bench.engine().threshold * 20) / 20))


def model_codes(bench: Workbench, fragment_ids: set[int], threshold: float) -> dict[int, frozenset[str]]:
    scores = bench.repo.suggestion_scores(fragment_ids)
    return {
        i: frozenset(code for code, score in scores.get(i, []) if score >= threshold)
        for i in sorted(fragment_ids)
    }


def pair(bench: Workbench, a: str, b: str) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """Both coders' confirmed factor codes on the fragments both decided (agreement.shared): a fragment
    one of them never decided is no unit, not "no code"."""
    both = coders_decisions(bench, [a, b])
    return agreement.shared(both[a], both[b])
