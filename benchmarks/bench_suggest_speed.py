"""Speed of the suggester on this machine.

1. 1,000 fragments (demo-story sentences): bare encoder time vs end-to-end suggest time
   (embed + lemmatise + score + rationale), same warm encoder, best of two runs each; the ratio must
   stay at or below 1.5.
2. After a decision: refit on codebook + N decisions and rescore 2,000 prepared fragments
   (must stay under 2 s), and the refit alone for codebook + 500 decisions (must stay under 1 s).

Writes benchmarks/results/suggest_speed.json.
Run: .venv/bin/python benchmarks/bench_suggest_speed.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_learning_curve import DEMO, demo_decisions  # noqa: E402
from bench_suggest_quality import CODEBOOK, RESULTS  # noqa: E402

from verhalen.codebook import load_codebook  # noqa: E402
from verhalen.ingest.segment import segment  # noqa: E402
from verhalen.suggest.embeddings import UseEmbedder  # noqa: E402
from verhalen.suggest.engine import Decision, Engine  # noqa: E402

N_FRAGMENTS = 1000
N_RESCORE = 2000
REPEATS = 3


def fragments(n: int) -> list[str]:
    """Sentences and turns of the demo stories, numbered copies when there are fewer than ``n``."""
    texts = []
    for path in sorted((DEMO / "stories").glob("*.txt")):
        texts += [f.text for f in segment(path.stem, path.read_text(encoding="utf-8")) if f.codable]
    return [texts[i % len(texts)] + ("" if i < len(texts) else f" ({i // len(texts)})") for i in range(n)]


def best_of(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def end_to_end(engine: Engine, embedder: UseEmbedder, texts: list[str]) -> dict[str, Any]:
    """Bare and end-to-end runs alternate (the machine is shared), best wall and CPU time of each."""
    embedder.encode(texts[:8])  # warm up: load the weights once for both measurements
    bare, full = [], []
    for _ in range(REPEATS):
        bare.append(timed(lambda: embedder.encode(texts)))
        full.append(timed(lambda: engine.score(engine.prepare(texts))))
    bare_wall, bare_cpu = min(b[0] for b in bare), min(b[1] for b in bare)
    full_wall, full_cpu = min(f[0] for f in full), min(f[1] for f in full)
    return {
        "fragments": len(texts),
        "bare_encoder_seconds": round(bare_wall, 2),
        "suggest_end_to_end_seconds": round(full_wall, 2),
        "ratio_wall": round(full_wall / bare_wall, 3),
        "bare_encoder_cpu_seconds": round(bare_cpu, 2),
        "suggest_end_to_end_cpu_seconds": round(full_cpu, 2),
        "ratio_cpu": round(full_cpu / bare_cpu, 3),
        "target_ratio": 1.5,
    }


def rescoring(engine: Engine, texts: list[str], decisions: list[Decision]) -> dict[str, Any]:
    many = (texts * (N_RESCORE // len(texts) + 1))[:N_RESCORE]
    vectors = engine.embedder.encode(texts)
    prepared = engine.prepare(
        [t + f" [{i}]" for i, t in enumerate(many)], [vectors[i % len(texts)] for i in range(N_RESCORE)]
    )
    synthetic = [
        Decision(f"{d.text} [{i}]", d.code, d.positive, d.vector) for i, d in enumerate(decisions * 3)
    ]
    out: dict[str, Any] = {"prepared_fragments": N_RESCORE}
    for label, batch in (("demo", decisions), ("500", synthetic[:500])):
        engine.fit(batch)  # first fit prepares (lemmatises) the decision texts once
        fit = best_of(lambda batch=batch: engine.fit(batch))
        total = best_of(lambda batch=batch: (engine.fit(batch), engine.score(prepared)))
        out[f"decisions_{label}"] = {
            "decisions": len(batch),
            "fit_seconds": round(fit, 3),
            "fit_plus_rescore_seconds": round(total, 3),
        }
    out["targets"] = {"fit_seconds": 1.0, "fit_plus_rescore_seconds": 2.0}
    return out


def main() -> dict[str, Any]:
    embedder = UseEmbedder(threads=2)
    engine = Engine(load_codebook(CODEBOOK), embedder)
    texts = fragments(N_FRAGMENTS)
    report: dict[str, Any] = {
        "suggester": engine.version,
        "cpu_count": os.cpu_count(),
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "end_to_end": end_to_end(engine, embedder, texts),
    }
    decisions = demo_decisions()
    vectors = embedder.encode([d.text for d in decisions])
    decisions = [Decision(d.text, d.code, d.positive, vectors[i]) for i, d in enumerate(decisions)]
    report["rescoring"] = rescoring(engine, texts, decisions)
    report["load_average_at_end"] = round(os.getloadavg()[0], 2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "suggest_speed.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
