"""Suggestion quality on the dev set with zero confirmed codings (codebook only).

Prints and writes benchmarks/results/suggest_quality.json:
- the hybrid engine: top-1, top-2, macro-F1 (incl. geen), Cohen's kappa, ECE;
- the plain-similarity baselines (fragment vs one-line factor description / full definition);
- ablations: each component alone and the engine without it;
- generalisation checks: per role and practice, leave-one-out over the codebook examples, and the
  dev set after removing the codebook examples that closely resemble a dev fragment.

Run: .venv/bin/python benchmarks/bench_suggest_quality.py
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from verhalen.codebook import load_codebook  # noqa: E402
from verhalen.domain import Codebook  # noqa: E402
from verhalen.suggest.embeddings import Matrix, UseEmbedder  # noqa: E402
from verhalen.suggest.engine import Engine  # noqa: E402
from verhalen.suggest.evaluate import Evaluation, evaluate, evaluate_scores  # noqa: E402
from verhalen.suggest.model import COMPONENTS, EngineConfig  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
DEVSET = ROOT / "benchmarks" / "data" / "devset.csv"
CODEBOOK = ROOT / "codebook" / "werkfactoren.yaml"
NEAR_DUPLICATE = 0.6  # cosine (USE) or word overlap above which a codebook example 'resembles' a dev text


class CachedEmbedder:
    """Wraps an embedder with an in-memory cache so ablations do not re-embed the codebook."""

    def __init__(self, inner: UseEmbedder | None = None) -> None:
        self.inner = inner or UseEmbedder()
        self.model_id = self.inner.model_id
        self.dim = self.inner.dim
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> Matrix:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._cache[t] for t in texts])


def load_devset() -> list[dict[str, str]]:
    with DEVSET.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def metrics(result: Evaluation) -> dict[str, Any]:
    return {
        "top1": round(result.top1, 3),
        "top2": round(result.top2, 3),
        "macro_f1": round(result.macro_f1, 3),
        "kappa": round(result.kappa, 3),
        "ece": round(result.ece, 3),
        "threshold": round(result.threshold, 3),
    }


def baselines(codebook: Codebook, embedder: CachedEmbedder, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Plain cosine similarity to a one-line description and to the full definition."""
    codes = [c.id for c in codebook.factors]
    gold = [r["code"] for r in rows]
    fragments = embedder.encode([r["text"] for r in rows])
    one_line = [c.name + ": " + re.split(r"(?<=[.])\s", c.definition)[0] for c in codebook.factors]
    full = [f"{c.definition} {c.when_to_use}" for c in codebook.factors]
    out = {}
    for name, texts in (("one_line_description", one_line), ("definition_and_when_to_use", full)):
        sims = fragments @ embedder.encode(texts).T
        result = evaluate_scores(codes, (sims + 1) / 2, gold, threshold=0.5)
        out[name] = {"top1": round(result.top1, 3), "top2": round(result.top2, 3)}
    return out


def ablations(codebook: Codebook, embedder: CachedEmbedder, gold: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for component in COMPONENTS:
        rest = tuple(c for c in COMPONENTS if c != component)
        out[f"only_{component}"] = metrics(
            evaluate(Engine(codebook, embedder, EngineConfig(components=(component,))), gold)
        )
        out[f"without_{component}"] = metrics(
            evaluate(Engine(codebook, embedder, EngineConfig(components=rest)), gold)
        )
    plain = EngineConfig(use_descriptions=False)
    out["without_description_documents"] = metrics(evaluate(Engine(codebook, embedder, plain), gold))
    return out


def by_group(engine: Engine, rows: list[dict[str, str]], key: str) -> dict[str, Any]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append((r["text"], r["code"]))
    return {
        name: {
            "n": len(g),
            "top1": round(evaluate(engine, g).top1, 3),
            "top2": round(evaluate(engine, g).top2, 3),
        }
        for name, g in sorted(groups.items())
    }


def codebook_leave_one_out(engine: Engine) -> dict[str, float]:
    """Top-k of each codebook example when it is left out (the stacker's own leave-one-out scores)."""
    labels = engine.loo_labels
    probs = engine.loo_probabilities
    single = np.nansum(labels, axis=1) == 1
    gold = np.argmax(np.nan_to_num(labels[single]), axis=1)
    order = np.argsort(-probs[single], axis=1)
    return {
        "n": int(single.sum()),
        "top1": round(float(np.mean(order[:, 0] == gold)), 3),
        "top2": round(float(np.mean((order[:, 0] == gold) | (order[:, 1] == gold))), 3),
    }


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


def without_look_alikes(
    codebook: Codebook, embedder: CachedEmbedder, texts: list[str]
) -> tuple[Codebook, int]:
    """The codebook minus every example that is the closest look-alike of some dev text."""
    dev = embedder.encode(texts)
    drop: set[str] = set()
    for code in codebook.factors:
        sims = dev @ embedder.encode(list(code.examples)).T
        for i, text in enumerate(texts):
            for j, example in enumerate(code.examples):
                words = _words(text)
                overlap = len(words & _words(example)) / max(1, len(words))
                if sims[i, j] >= NEAR_DUPLICATE or overlap >= 0.4:
                    drop.add(example)
    codes = tuple(
        dataclasses.replace(c, examples=tuple(e for e in c.examples if e not in drop)) for c in codebook.codes
    )
    none = tuple(e for e in codebook.none_examples if e not in drop)
    return dataclasses.replace(codebook, codes=codes, none_examples=none), len(drop)


def main() -> dict[str, Any]:
    start = time.perf_counter()
    codebook = load_codebook(CODEBOOK)
    embedder = CachedEmbedder()
    rows = load_devset()
    gold = [(r["text"], r["code"]) for r in rows]
    engine = Engine(codebook, embedder)
    pruned, dropped = without_look_alikes(codebook, embedder, [r["text"] for r in rows])
    report: dict[str, Any] = {
        "suggester": engine.version,
        "dev_set": {"n": len(rows), "n_coded": sum(r["code"] != "geen" for r in rows)},
        "confirmed_codings_used": 0,
        "engine": metrics(evaluate(engine, gold)),
        "baselines": baselines(codebook, embedder, rows),
        "ablations": ablations(codebook, embedder, gold),
        "by_role": by_group(engine, rows, "role"),
        "by_practice": by_group(engine, rows, "practice"),
        "codebook_leave_one_out": codebook_leave_one_out(engine),
        "without_look_alike_examples": {
            "examples_removed": dropped,
            **metrics(evaluate(Engine(pruned, embedder), gold)),
        },
    }
    report["seconds"] = round(time.perf_counter() - start, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "suggest_quality.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
