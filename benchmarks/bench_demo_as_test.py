"""A second test set: the demo corpus's codings (another author than the dev set and the codebook).

The engine is trained on the codebook only. Each coded demo sentence counts once; its gold codes are the
codes onderzoeker-a confirmed on it. top-1 = the highest suggestion is one of them; top-2 likewise.
Writes benchmarks/results/demo_as_test.json.

Run: .venv/bin/python benchmarks/bench_demo_as_test.py
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_learning_curve import DEMO, anchored_sentence  # noqa: E402
from bench_learning_in_project import hits  # noqa: E402
from bench_suggest_quality import CODEBOOK, RESULTS  # noqa: E402

from verhalen.codebook import load_codebook  # noqa: E402
from verhalen.suggest.embeddings import get_embedder  # noqa: E402
from verhalen.suggest.engine import Engine  # noqa: E402


def gold_sentences(coder: str = "onderzoeker-a") -> dict[str, set[str]]:
    stories = {}
    with (DEMO / "stories.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            stories[row["story_id"]] = (DEMO / row["file"]).read_text(encoding="utf-8")
    gold: dict[str, set[str]] = defaultdict(set)
    with (DEMO / "codings.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["coder"] == coder and row["status"] == "confirmed":
                gold[anchored_sentence(stories[row["story_id"]], row["quote"])].add(row["code"])
    return dict(gold)


def main() -> None:
    gold = gold_sentences()
    engine = Engine(load_codebook(CODEBOOK), get_embedder("use-multilingual-v3"))
    top1, top2 = hits(engine, gold)
    result = {
        "sentences": len(gold),
        "top1": round(top1 / len(gold), 3),
        "top2": round(top2 / len(gold), 3),
        "suggester": engine.version,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "demo_as_test.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
