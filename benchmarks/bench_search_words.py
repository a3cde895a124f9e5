"""Zoeken: does a phrase from the demo corpus find its own fragment first? Words first versus meaning only.

Every distinct quote of data/demo/codings.csv is a query; the target is the fragment that holds it. For each
query: the target's rank with meaning only (the stored vectors, as Zoeken ranked before issue 18) and with
words first (exact phrase, near phrase, all words, then meaning: search.py). Also a misspelt variant of
each quote (one letter of its longest word doubled), which only the near-exact tier can find. Reports
recall@1, recall@10 and mean reciprocal rank, and the time per query (median, p95) on the demo project.

Embedder: VERHALEN_EMBEDDER (default: the app's default, USE multilingual); the demo is built in a temp dir.
Writes benchmarks/results/search_words.json.
Run: .venv/bin/python benchmarks/bench_search_words.py
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def _misspelt(quote: str) -> str:
    longest = max(quote.split(), key=len)
    i = len(longest) // 2
    return quote.replace(longest, longest[:i] + longest[i] + longest[i:], 1)


def _scores(ranks: list[int]) -> dict[str, float]:
    n = len(ranks)
    return {
        "recall_at_1": round(sum(r == 1 for r in ranks) / n, 3),
        "recall_at_10": round(sum(0 < r <= 10 for r in ranks) / n, 3),
        "mrr": round(sum(1 / r for r in ranks if r > 0) / n, 3),
    }


def main() -> None:
    from verhalen.app.demo import build_demo
    from verhalen.app.explore import search_fragments
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(f"sqlite:///{Path(tmp) / 'demo.db'}")
        embedder = os.environ.get("VERHALEN_EMBEDDER", settings.embedder)
        bench = Workbench(
            type(settings)(**{**settings.__dict__, "embedder": embedder, "data_dir": Path(tmp)})
        )
        build_demo(bench)
        fragments = bench.repo.fragments(codable_only=True)
        with (ROOT / "data" / "demo" / "codings.csv").open(encoding="utf-8") as handle:
            quotes = sorted({row["quote"] for row in csv.DictReader(handle)})
        limit = 100
        ids = [f.id for f in fragments]
        stored = bench.stored_vectors(ids)
        matrix = np.stack([stored[i] for i in ids])
        row = {fid: i for i, fid in enumerate(ids)}
        ranks: dict[str, list[int]] = {
            "meaning_only": [],
            "words_first": [],
            "misspelt_meaning": [],
            "misspelt_words_first": [],
        }
        times: list[float] = []
        for quote in quotes:
            target = next(f.id for f in fragments if quote in f.text)
            for kind, query in (("", quote), ("misspelt_", _misspelt(quote))):
                started = time.perf_counter()
                hits = search_fragments(bench, query, limit=limit)
                times.append(time.perf_counter() - started)
                order = [h.fragment.id for h in hits]
                words_rank = order.index(target) + 1 if target in order else 0
                cosine = matrix @ bench.embedder.encode([query])[0]
                meaning_rank = int((cosine > cosine[row[target]]).sum()) + 1  # over every fragment
                ranks[f"{kind}words_first" if kind else "words_first"].append(words_rank)
                ranks[f"{kind}meaning" if kind else "meaning_only"].append(meaning_rank)
        times.sort()
        result: dict[str, Any] = {
            "embedder": bench.embedder.model_id,
            "fragments": len(fragments),
            "queries": len(quotes),
            "limit": limit,
            "meaning_only": _scores(ranks["meaning_only"]),
            "words_first": _scores(ranks["words_first"]),
            "misspelt_meaning_only": _scores(ranks["misspelt_meaning"]),
            "misspelt_words_first": _scores(ranks["misspelt_words_first"]),
            "seconds_per_query_median": round(statistics.median(times), 4),
            "seconds_per_query_p95": round(times[int(0.95 * (len(times) - 1))], 4),
            "note": "meaning only: the target's rank by cosine over every codable fragment; words first: its "
            "rank in Zoeken's top 100 (0 = not in it)",
        }
        bench.repo.engine.dispose()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search_words.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
