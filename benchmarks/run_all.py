"""Run every benchmark in turn (each writes benchmarks/results/<name>.json). `make bench` calls this."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_real_quotes.py",
    "bench_suggest_quality.py",
    "bench_demo_as_test.py",
    "bench_learning_curve.py",
    "bench_learning_in_project.py",
    "bench_in_app.py",
    "bench_suggest_speed.py",
    "bench_import.py",
    "bench_coderen.py",
    "bench_topics.py",
    "bench_privacy.py",
    "bench_search_words.py",
    "bench_races.py",
    "bench_browser_coding.py",
]


def main() -> int:
    failed = []
    for script in SCRIPTS:
        started = time.perf_counter()
        print(f"== {script}", flush=True)
        if subprocess.call([sys.executable, str(HERE / script)]) != 0:
            failed.append(script)
        print(f"== {script}: {time.perf_counter() - started:.0f} s", flush=True)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
