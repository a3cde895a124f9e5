"""What storing one decision costs on SQLite: pooled connections (the product) against a new connection per
transaction (SQLAlchemy's NullPool, what the product used before).

The project is the demo built with the fake embedder (the figures are those of the store, not of a model).
One process decides N (fragment, code) pairs through ``Workbench.decide(..., refresh=False)``, the call a
click on ✓ makes before the background refit; the two pools take turns, 50 decisions at a time, on the same
project, so a load on the machine falls on both alike. Reported per pool: the median and 90th percentile of
the wall time of one decision, and the process's CPU time per decision.

Writes benchmarks/results/decision_store.json and prints it.
Run: .venv/bin/python benchmarks/bench_decision_store.py [--decisions 400]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["VERHALEN_EMBEDDER"] = "fake"

from sqlalchemy import create_engine, event  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from verhalen.app.demo import build_demo  # noqa: E402
from verhalen.app.workbench import Workbench  # noqa: E402
from verhalen.config import load_settings  # noqa: E402
from verhalen.store import Repository  # noqa: E402
from verhalen.store.db import _sqlite_pragmas  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
ROUND = 50


def _unpooled(url: str) -> Any:
    engine = create_engine(url, poolclass=NullPool)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def main(decisions: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        pooled = Workbench(load_settings(url))
        build_demo(pooled)
        unpooled = Workbench(load_settings(url))
        unpooled.project.repo = unpooled.coding.repo = Repository(_unpooled(url))
        codes = [c.id for c in pooled.codebook().codes]
        ids = sorted(f.id for f in pooled.repo.fragments(codable_only=True))
        pairs = [(f, c) for c in codes for f in ids][: 2 * decisions]
        benches = {"pooled": pooled, "new_connection_each": unpooled}
        wall: dict[str, list[float]] = {name: [] for name in benches}
        cpu: dict[str, float] = dict.fromkeys(benches, 0.0)
        for start in range(0, len(pairs), 2 * ROUND):
            for i, name in enumerate(benches):
                chunk = pairs[start + i * ROUND : start + (i + 1) * ROUND]
                began_cpu = time.process_time()
                for fragment_id, code in chunk:
                    began = time.perf_counter()
                    benches[name].decide(fragment_id, code, name, "confirmed", refresh=False)
                    wall[name].append(1000 * (time.perf_counter() - began))
                cpu[name] += time.process_time() - began_cpu
        stored = {name: len(pooled.repo.codings(coder=name)) for name in benches}
    result = {
        "command": "python benchmarks/bench_decision_store.py",
        "project": "demo (fake embedder), SQLite",
        "decisions_per_pool": {name: len(v) for name, v in wall.items()},
        "stored": stored,
        "ms_per_decision_median": {n: round(statistics.median(v), 2) for n, v in wall.items()},
        "ms_per_decision_p90": {n: round(statistics.quantiles(v, n=10)[-1], 2) for n, v in wall.items()},
        "cpu_ms_per_decision": {n: round(1000 * cpu[n] / max(len(wall[n]), 1), 2) for n in wall},
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "decision_store.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=400)
    main(parser.parse_args().decisions)
