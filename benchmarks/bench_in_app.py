"""Suggestions as the Coderen page shows them: demo fragments in their stories, with and without context.

Builds the demo project twice in a temporary SQLite file with the real encoder (USE multilingual): once
as the product does (each fragment read with its neighbours, see context.py) and once with the context
weight set to 0. The suggestions stored for a fragment before anyone decided (demo.py suggests first)
are compared with the codes onderzoeker-a confirmed on it: top-1 = the highest suggestion is one of
them, top-2 likewise. Transcript answers are whole speaker turns here, so the unit differs from
bench_demo_as_test.py (sentences). The fragments of the same stories on which she confirmed nothing
should get "geen code" (no suggestion at or above the engine's threshold): their share is reported too,
because context could also lend a neutral sentence its neighbours' codes.
"display" sweeps the Coderen page's "Toon suggesties vanaf" slider (at most 3 suggestions, each at or
above the value): how often a code she confirmed is among those shown, how many are shown, and how often
a fragment she left uncoded shows none.

Writes benchmarks/results/in_app.json.
Run: .venv/bin/python benchmarks/bench_in_app.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_suggest_quality import RESULTS  # noqa: E402

from verhalen.app.demo import build_demo  # noqa: E402
from verhalen.app.workbench import Workbench  # noqa: E402
from verhalen.config import load_settings  # noqa: E402
from verhalen.suggest import context  # noqa: E402

GOLD_CODER = "onderzoeker-a"
DISPLAY = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
SHOW_AT_MOST = 3  # as ui/coding.py


def display_sweep(
    suggestions: dict[int, list[Any]], gold: dict[int, set[str]], empty: list[int]
) -> list[dict[str, float]]:
    rows = []
    for cut in DISPLAY:
        shown = {
            fid: [s.code for s in suggestions[fid][:SHOW_AT_MOST] if s.score >= cut]
            for fid in [*gold, *empty]
            if suggestions.get(fid)
        }
        coded = [fid for fid in gold if fid in shown]
        rows.append(
            {
                "show_from": cut,
                "confirmed_code_shown": round(
                    sum(bool(set(shown[f]) & gold[f]) for f in coded) / len(coded), 3
                ),
                "mean_shown_on_coded": round(sum(len(shown[f]) for f in coded) / len(coded), 2),
                "uncoded_shows_none": round(sum(not shown[f] for f in empty) / len(empty), 3),
            }
        )
    return rows


def measure(weight: float) -> dict[str, Any]:
    context.WEIGHT = weight
    with tempfile.TemporaryDirectory() as tmp:
        bench = Workbench(load_settings(f"sqlite:///{tmp}/demo.db"))
        build_demo(bench, reset=True)
        book = bench.codebook()
        gold: dict[int, set[str]] = defaultdict(set)
        for coding in bench.repo.codings(coder=GOLD_CODER):
            if coding.status == "confirmed":
                gold[coding.fragment_id].add(book.factor_of(coding.code))
        suggestions = bench.repo.suggestions()
        ranked = {fid: [s.code for s in suggestions[fid]] for fid in gold if suggestions.get(fid)}
        n = len(ranked)
        # Fragments of the stories she coded on which she confirmed nothing: the right answer is "geen code".
        coded_stories = {f.story_id for f in bench.repo.fragments_by_id(list(gold))}
        threshold = bench.engine().threshold
        empty = [
            f.id
            for story in sorted(coded_stories)
            for f in bench.repo.fragments(story, codable_only=True)
            if f.id not in gold and suggestions.get(f.id)
        ]
        quiet = sum(max(s.score for s in suggestions[fid]) < threshold for fid in empty)
        return {
            "context_weight": weight,
            "fragments": n,
            "top1": round(sum(r[0] in gold[f] for f, r in ranked.items()) / n, 3),
            "top2": round(sum(bool(set(r[:2]) & gold[f]) for f, r in ranked.items()) / n, 3),
            "uncoded_fragments": len(empty),
            "uncoded_shown_geen_code": round(quiet / len(empty), 3) if empty else None,
            "threshold": threshold,
            "display": display_sweep(suggestions, gold, empty),
        }


def main() -> None:
    product = context.WEIGHT
    result = {"with_context": measure(product), "without_context": measure(0.0)}
    context.WEIGHT = product
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "in_app.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
