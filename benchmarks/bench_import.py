"""Import speed and memory: N generated stories through ``importing.import_paths`` into a fresh SQLite
project, pseudonymising every hit (as ``verhalen import --pseudonymise``), with the real default
embedder (USE multilingual v3).

The stories are the 36 demo stories (data/demo/stories/*.txt) written to a temporary directory under
new ids (``BEI-OUD-01-007.txt`` …) until there are N of them. Models are loaded first and the
suggester is fitted on the codebook before the clock starts, each timed apart ("warm-up"), so the
import figures are those of a running app. Two passes, each into its own
fresh database:

1. timing pass: wall time, time per story and the share of the time in read (files → text) / scan
   (deduce + names) / segment (spaCy) / embed (USE) / store (one transaction per story) / suggest
   (scoring the new fragments; the rest of ``Workbench.index``) / other;
2. memory pass: the same import under ``tracemalloc`` (peak of Python allocations, numpy included)
   — a separate pass because tracing slows Python-heavy steps down. ``resource.getrusage`` gives the
   peak resident set size of the whole process (models included).

Writes benchmarks/results/import.json and prints it.
Run: .venv/bin/python benchmarks/bench_import.py [--stories 200] [--no-memory-pass]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from verhalen.app import importing  # noqa: E402
from verhalen.app.workbench import Workbench  # noqa: E402
from verhalen.config import load_settings  # noqa: E402
from verhalen.ingest import privacy, segment  # noqa: E402
from verhalen.suggest.embeddings import DEFAULT_EMBEDDER, UseEmbedder  # noqa: E402

DEMO = ROOT / "data" / "demo" / "stories"
RESULTS = ROOT / "benchmarks" / "results"
STEPS = ("read", "scan", "segment", "embed", "store", "suggest", "other")


class Timer:
    """Accumulated seconds per step; ``wrap`` times every call of a function under a step name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, step: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[step] += time.perf_counter() - start

        return timed


def write_stories(directory: Path, n: int) -> list[Path]:
    """``n`` story files: the demo stories in turn, each under a new id."""
    sources = sorted(DEMO.glob("*.txt"))
    paths = []
    for i in range(n):
        source = sources[i % len(sources)]
        path = directory / f"{source.stem}-{i:03d}.txt"
        path.write_bytes(source.read_bytes())
        paths.append(path)
    return paths


def warm_up(embedder: UseEmbedder) -> dict[str, float]:
    """Load deduce, spaCy and USE once, each timed (what the first import after a start pays)."""
    out = {}
    start = time.perf_counter()
    privacy.warm_up()
    out["deduce"] = time.perf_counter() - start
    start = time.perf_counter()
    segment.segment("warm", "Een zin om het model te laden. En nog een zin erbij.")
    out["spacy"] = time.perf_counter() - start
    start = time.perf_counter()
    embedder.encode(["Een zin om het model te laden."])
    out["embedder"] = time.perf_counter() - start
    return {k: round(v, 2) for k, v in out.items()}


def fresh_bench(directory: Path, embedder: UseEmbedder) -> Workbench:
    settings = load_settings(f"sqlite:///{directory / 'verhalen.db'}")
    return Workbench(settings, embedder=embedder)


def instrument(bench: Workbench, timer: Timer) -> Callable[[], None]:
    """Time the steps of one import; returns a function that undoes the patches."""
    originals = (privacy.scan, segment.segment, importing.read_file)
    privacy.scan = timer.wrap("scan", privacy.scan)  # type: ignore[method-assign]
    segment.segment = timer.wrap("segment", segment.segment)  # type: ignore[method-assign]
    importing.read_file = timer.wrap("read+scan", importing.read_file)  # type: ignore[method-assign]
    bench.embedder.encode = timer.wrap("embed", bench.embedder.encode)  # type: ignore[method-assign]
    bench.repo.add_story = timer.wrap("store", bench.repo.add_story)  # type: ignore[method-assign]
    bench.index = timer.wrap("index", bench.index)  # type: ignore[method-assign]

    def undo() -> None:
        privacy.scan, segment.segment, importing.read_file = originals
        del bench.embedder.encode  # type: ignore[attr-defined]

    return undo


def run_import(directory: Path, paths: list[Path], embedder: UseEmbedder) -> tuple[float, Timer, Workbench]:
    bench = fresh_bench(directory, embedder)
    start = time.perf_counter()
    bench.engine()  # codebook stored and the suggester fitted (encodes its examples) once per project
    timer = Timer()
    timer.seconds["engine_setup"] = time.perf_counter() - start
    undo = instrument(bench, timer)
    options = importing.ImportOptions(practice="beijum", role="ouder", pseudonymise=True, coder="bench")
    try:
        start = time.perf_counter()
        report = importing.import_paths(bench, paths, options)
        wall = time.perf_counter() - start
    finally:
        undo()
    if not report.ok:
        raise SystemExit(f"import failed: {report.failed[:3]}")
    return wall, timer, bench


def shares(wall: float, timer: Timer) -> tuple[dict[str, float], dict[str, float]]:
    seconds = {step: timer.seconds.get(step, 0.0) for step in STEPS if step not in ("suggest", "other")}
    seconds["read"] = timer.seconds["read+scan"] - seconds["scan"]  # read_file scans what it reads
    seconds["suggest"] = timer.seconds["index"] - seconds["embed"]  # index = embed + score
    seconds["other"] = wall - sum(seconds.values())
    return (
        {k: round(v, 2) for k, v in seconds.items()},
        {k: round(v / wall, 3) for k, v in seconds.items()},
    )


def memory_pass(directory: Path, paths: list[Path], embedder: UseEmbedder) -> dict[str, Any]:
    tracemalloc.start()
    try:
        wall, _, _ = run_import(directory, paths, embedder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"tracemalloc_peak_mb": round(peak / 2**20, 1), "wall_seconds_under_tracemalloc": round(wall, 2)}


def main(n: int, memory: bool) -> dict[str, Any]:
    embedder = UseEmbedder(threads=2)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        base = Path(tmp)
        (base / "files").mkdir()
        paths = write_stories(base / "files", n)
        report: dict[str, Any] = {
            "command": f".venv/bin/python benchmarks/bench_import.py --stories {n}",
            "stories": n,
            "bytes": sum(p.stat().st_size for p in paths),
            "embedder": DEFAULT_EMBEDDER,
            "cpu_count": os.cpu_count(),
            "load_average_at_start": round(os.getloadavg()[0], 2),
            "warm_up_seconds": warm_up(embedder),
            "segmenter": segment.pipeline_name(),
        }
        (base / "timing").mkdir()
        wall, timer, bench = run_import(base / "timing", paths, embedder)
        counts = bench.repo.counts()
        seconds, share = shares(wall, timer)
        report["warm_up_seconds"]["suggester_fit_on_codebook"] = round(timer.seconds["engine_setup"], 2)
        report |= {
            "fragments": counts["fragments"],
            "import_wall_seconds": round(wall, 2),
            "seconds_per_story": round(wall / n, 3),
            "seconds_per_step": seconds,
            "share_per_step": share,
        }
        if memory:
            (base / "memory").mkdir()
            report["memory"] = memory_pass(base / "memory", paths, embedder)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    report.setdefault("memory", {})["maxrss_mb"] = round(rss_kb / 1024, 1)
    report["load_average_at_end"] = round(os.getloadavg()[0], 2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--no-memory-pass", action="store_true")
    arguments = parser.parse_args()
    main(arguments.stories, not arguments.no_memory_pass)
