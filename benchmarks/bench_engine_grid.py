"""How the engine's settings were chosen: a grid over the sentence kernel, ridge lambda and lexical weight.

Selection rule (fixed before looking at the grid's other columns): the highest top-1 of the codebook's
own leave-one-out (563 examples, each scored by a model that did not see it), ties broken by its top-2.
The development set, the development set with the demo codings learned, and the demo sentences are
printed beside it for information only: choosing on them would tune the engine to our own test sets.

kernel_power p: the sentence part of the kernel is ((1 + cos) / 2) ** p; p = 1 is linear in cos, higher
p weighs close neighbours more.

Writes benchmarks/results/engine_grid.json.
Run: .venv/bin/python benchmarks/bench_engine_grid.py   (about 3 minutes)
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_demo_as_test import gold_sentences  # noqa: E402
from bench_learning_in_project import hits  # noqa: E402
from bench_suggest_quality import CODEBOOK, RESULTS, CachedEmbedder, codebook_leave_one_out, load_devset  # noqa: E402

from verhalen.app.demo import build_demo  # noqa: E402
from verhalen.app.workbench import Workbench  # noqa: E402
from verhalen.codebook import load_codebook  # noqa: E402
from verhalen.config import load_settings  # noqa: E402
from verhalen.suggest.consensus import Decision  # noqa: E402
from verhalen.suggest.engine import Engine  # noqa: E402
from verhalen.suggest.model import EngineConfig  # noqa: E402

POWERS = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
LAMBDAS = (0.5, 1.0, 2.0, 4.0)
LEXICAL = (0.5, 1.0, 2.0)


def demo_decisions() -> list[Decision]:
    """What the engine learns from in the demo project (consensus of the two demo coders)."""
    with tempfile.TemporaryDirectory() as tmp:
        bench = Workbench(load_settings(f"sqlite:///{tmp}/demo.db"))
        build_demo(bench, reset=True)
        return bench.suggestion_index.decisions()  # the same labels the product trains on


def share(pair: tuple[int, int], n: int) -> list[float]:
    return [round(pair[0] / n, 3), round(pair[1] / n, 3)]


def main() -> dict[str, Any]:
    embedder = CachedEmbedder()
    book = load_codebook(CODEBOOK)
    decisions = demo_decisions()
    rows = []
    for power, lam, lexical in itertools.product(POWERS, LAMBDAS, LEXICAL):
        config = EngineConfig(ridge_lambda=lam, lexical_weight=lexical, kernel_power=power)
        engine = Engine(book, embedder, config)
        dev = {r["text"]: {r["code"].strip()} for r in load_devset() if r["code"].strip() in engine.codes}
        demo = gold_sentences()
        loo = codebook_leave_one_out(engine)
        row: dict[str, Any] = {
            "kernel_power": power,
            "ridge_lambda": lam,
            "lexical_weight": lexical,
            "codebook_loo": [loo["top1"], loo["top2"]],
            "dev": share(hits(engine, dev), len(dev)),
            "demo_sentences": share(hits(engine, demo), len(demo)),
        }
        engine.fit(decisions)
        row["dev_with_demo_codings"] = share(hits(engine, dev), len(dev))
        rows.append(row)
        print(json.dumps(row), flush=True)
    best = max(rows, key=lambda r: (r["codebook_loo"][0], r["codebook_loo"][1]))
    default = EngineConfig()
    result = {
        "rule": "max codebook leave-one-out top-1, then top-2",
        "chosen": best,
        "product_default": {k: v for k, v in asdict(default).items() if k != "components"},
        "grid": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "engine_grid.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"chosen": best}, indent=2))
    return result


if __name__ == "__main__":
    main()
