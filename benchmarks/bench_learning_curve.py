"""Dev-set quality after 0, 10, 25, 50, 100 (and all) confirmed codings from the demo corpus.

Decisions come from data/demo/codings.csv: each quote is anchored in its story
(data/demo/stories/*.txt) and the sentence(s) holding it become the decision text. Demo sentences
that (nearly) repeat a dev-set text are left out, so the curve never trains on the dev set.
Each point is the mean over several random orders of the decisions.

Writes benchmarks/results/learning_curve.json and learning_curve.png.
Run: .venv/bin/python benchmarks/bench_learning_curve.py
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_suggest_quality import CODEBOOK, RESULTS, CachedEmbedder, load_devset  # noqa: E402

from verhalen.codebook import load_codebook  # noqa: E402
from verhalen.ingest.segment import nlp  # noqa: E402
from verhalen.suggest.consensus import CoderDecision, training_labels  # noqa: E402
from verhalen.suggest.engine import Decision, Engine  # noqa: E402
from verhalen.suggest.evaluate import evaluate  # noqa: E402

DEMO = ROOT / "data" / "demo"
SIZES = (0, 10, 25, 50, 100)
SEEDS = 5
TOO_CLOSE = 0.85  # cosine to a dev text above which a demo sentence is dropped


def anchored_sentence(text: str, quote: str) -> str:
    """The sentence(s) of ``text`` that hold ``quote`` (the quote itself when it is not found)."""
    start = text.find(quote)
    if start < 0:
        return quote
    end = start + len(quote)
    spans = [
        (s.start_char, s.end_char) for s in nlp()(text).sents if s.end_char > start and s.start_char < end
    ]
    if not spans:
        return quote
    sentence = text[spans[0][0] : spans[-1][1]].strip()
    return sentence.split(":", 1)[1].strip() if sentence[:3].rstrip(":") in {"I", "R"} else sentence


def demo_decisions() -> list[Decision]:
    """The demo codings, anchored to their sentence, combined over coders as the product does."""
    stories = {}
    with (DEMO / "stories.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            stories[row["story_id"]] = (DEMO / row["file"]).read_text(encoding="utf-8")
    rows = []
    with (DEMO / "codings.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = anchored_sentence(stories[row["story_id"]], row["quote"])
            rows.append((text, row["code"], row["status"], row["coder"]))
    ids = {text: i for i, text in enumerate(dict.fromkeys(r[0] for r in rows))}
    labels = training_labels([CoderDecision(ids[t], t, c, st, who) for t, c, st, who in rows])
    return [Decision(label.text, label.code, label.positive) for label in labels]


def not_in_devset(
    decisions: list[Decision], embedder: CachedEmbedder, dev_texts: list[str]
) -> list[Decision]:
    vectors = embedder.encode([d.text for d in decisions])
    closest = (vectors @ embedder.encode(dev_texts).T).max(axis=1)
    dev = set(dev_texts)
    return [
        Decision(d.text, d.code, d.positive, vectors[i])
        for i, d in enumerate(decisions)
        if d.text not in dev and closest[i] < TOO_CLOSE
    ]


def curve(engine: Engine, decisions: list[Decision], gold: list[tuple[str, str]]) -> list[dict[str, Any]]:
    prepared = engine.prepare([t for t, _ in gold])
    sizes = [n for n in SIZES if n <= len(decisions)] + [len(decisions)]
    points = []
    for n in dict.fromkeys(sizes):
        runs = []
        for seed in range(SEEDS if 0 < n < len(decisions) else 1):
            order = np.random.default_rng(seed).permutation(len(decisions))[:n]
            start = time.perf_counter()
            engine.fit([decisions[i] for i in order])
            fit_seconds = time.perf_counter() - start
            result = evaluate(engine, gold, prepared)
            runs.append((result.top1, result.top2, result.macro_f1, result.ece, fit_seconds))
        mean = np.mean(runs, axis=0)
        points.append(
            {
                "decisions": n,
                "top1": round(float(mean[0]), 3),
                "top2": round(float(mean[1]), 3),
                "macro_f1": round(float(mean[2]), 3),
                "ece": round(float(mean[3]), 3),
                "fit_seconds": round(float(mean[4]), 3),
                "runs": len(runs),
            }
        )
        print(points[-1], flush=True)
    return points


def plot(points: list[dict[str, Any]], path: Path) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 4))
        for key in ("top1", "top2", "macro_f1"):
            ax.plot([p["decisions"] for p in points], [p[key] for p in points], marker="o", label=key)
        ax.set(xlabel="bevestigde coderingen (demo)", ylabel="score op dev-set", ylim=(0, 1))
        ax.legend()
        fig.savefig(path, dpi=120, bbox_inches="tight")
        return "matplotlib"
    except ImportError:
        import altair as alt
        import pandas as pd
        import vl_convert as vlc

        rows = [
            {"decisions": p["decisions"], "metric": k, "value": p[k]}
            for p in points
            for k in ("top1", "top2", "macro_f1")
        ]
        chart = (
            alt.Chart(pd.DataFrame(rows), title="Leercurve suggesties (dev-set)")
            .mark_line(point=True)
            .encode(
                x=alt.X("decisions:Q", title="bevestigde coderingen (demo)"),
                y=alt.Y("value:Q", title="score", scale=alt.Scale(domain=[0, 1])),
                color=alt.Color("metric:N", title=""),
            )
            .properties(width=420, height=260)
        )
        path.write_bytes(vlc.vegalite_to_png(chart.to_json(), scale=2))
        return "altair"


def main() -> dict[str, Any]:
    embedder = CachedEmbedder()
    codebook = load_codebook(CODEBOOK)
    rows = load_devset()
    gold = [(r["text"], r["code"]) for r in rows]
    raw = demo_decisions()
    decisions = not_in_devset(raw, embedder, [r["text"] for r in rows])
    engine = Engine(codebook, embedder)
    points = curve(engine, decisions, gold)
    RESULTS.mkdir(parents=True, exist_ok=True)
    backend = plot(points, RESULTS / "learning_curve.png")
    report = {
        "suggester": engine.version,
        "demo_decisions": len(raw),
        "used_decisions": len(decisions),
        "dropped_as_too_close_to_dev": len(raw) - len(decisions),
        "seeds": SEEDS,
        "points": points,
        "plot": backend,
    }
    (RESULTS / "learning_curve.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
