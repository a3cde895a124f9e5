"""Does confirming codes in some stories improve the suggestions for the other stories of a project?

Leave one story out over the demo corpus: for every story that onderzoeker-a coded, the engine learns the
codebook plus the consensus decisions (both coders, as the product combines them) of all *other* stories,
and is tested on the held-out story's sentences (gold = the codes onderzoeker-a confirmed there). The
baseline is the same engine with the codebook only. This is the in-project view of the learning loop; the
dev-set learning curve (bench_learning_curve.py) is the out-of-project view.

Writes benchmarks/results/learning_in_project.json.
Run: .venv/bin/python benchmarks/bench_learning_in_project.py
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_learning_curve import DEMO, anchored_sentence  # noqa: E402
from bench_suggest_quality import CODEBOOK, RESULTS, CachedEmbedder  # noqa: E402

from verhalen.codebook import load_codebook  # noqa: E402
from verhalen.suggest.consensus import CoderDecision, Decision, training_labels  # noqa: E402
from verhalen.suggest.engine import Engine  # noqa: E402

GOLD_CODER = "onderzoeker-a"


def coded_rows() -> list[tuple[str, str, str, str, str]]:
    """(story, sentence, code, status, coder) for every demo coding row, anchored to its sentence."""
    stories = {}
    with (DEMO / "stories.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            stories[row["story_id"]] = (DEMO / row["file"]).read_text(encoding="utf-8")
    with (DEMO / "codings.csv").open(encoding="utf-8") as handle:
        return [
            (
                r["story_id"],
                anchored_sentence(stories[r["story_id"]], r["quote"]),
                r["code"],
                r["status"],
                r["coder"],
            )
            for r in csv.DictReader(handle)
        ]


def decisions_outside(rows: list[tuple[str, str, str, str, str]], story: str) -> list[Decision]:
    kept = [r for r in rows if r[0] != story]
    ids = {text: i for i, text in enumerate(dict.fromkeys(r[1] for r in kept))}
    labels = training_labels([CoderDecision(ids[t], t, c, st, who) for _, t, c, st, who in kept])
    return [Decision(label.text, label.code, label.positive) for label in labels]


def gold_of(rows: list[tuple[str, str, str, str, str]], story: str) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = defaultdict(set)
    for s, text, code, status, coder in rows:
        if s == story and coder == GOLD_CODER and status == "confirmed":
            gold[text].add(code)
    return gold


def hits(engine: Engine, gold: dict[str, set[str]]) -> tuple[int, int]:
    texts = list(gold)
    ranked = [[s.code for s in row] for row in engine.suggest(texts)]
    top1 = sum(r[0] in gold[t] for t, r in zip(texts, ranked, strict=True))
    top2 = sum(bool(set(r[:2]) & gold[t]) for t, r in zip(texts, ranked, strict=True))
    return top1, top2


def main() -> None:
    started = time.perf_counter()
    rows = coded_rows()
    engine = Engine(load_codebook(CODEBOOK), CachedEmbedder())
    stories = sorted({r[0] for r in rows if r[4] == GOLD_CODER})
    totals = {"codebook_only": [0, 0], "with_other_stories": [0, 0]}
    n = 0
    learned = []
    for story in stories:
        gold = gold_of(rows, story)
        if not gold:
            continue
        n += len(gold)
        engine.fit(())
        for i, value in enumerate(hits(engine, gold)):
            totals["codebook_only"][i] += value
        decisions = decisions_outside(rows, story)
        learned.append(len(decisions))
        engine.fit(decisions)
        for i, value in enumerate(hits(engine, gold)):
            totals["with_other_stories"][i] += value
    result = {
        "suggester": engine.version,
        "stories": len(stories),
        "sentences": n,
        "decisions_learned_per_fold": [min(learned), max(learned)],
        **{name: {"top1": round(t1 / n, 3), "top2": round(t2 / n, 3)} for name, (t1, t2) in totals.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "learning_in_project.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
