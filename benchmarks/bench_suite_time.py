"""How long `make test` takes on a fresh clone: what CI does, timed.

Clones the repository's committed HEAD into a new directory with ``../shared`` beside it (a symlink to the
``shared`` directory next to this checkout), runs ``bash .ci/run`` there (install, ruff, import contracts,
mypy, the whole suite with PostgreSQL and a browser required) and records the wall time of the whole run,
the pytest part's own time and counts from pytest's summary line, the commit, and the machine's load
before the start. Writes benchmarks/results/suite_time.json.

The time depends on what else the machine does (the multi-process tests swell when the cores are busy):
run it on an otherwise quiet machine and read ``load_before`` with the figures.
Run: .venv/bin/python benchmarks/bench_suite_time.py [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "suite_time.json"
# "1040 passed, 2 skipped in 512.34s (0:08:32)", with or without pytest's ===== around it (-q drops them)
SUMMARY = re.compile(
    r"^=*\s*(?P<counts>\d+ (?:passed|failed|errors?|skipped)[^\n]*?) in (?P<seconds>[\d.]+)s", re.M
)


def pytest_summary(output: str) -> dict[str, Any]:
    """Counts ("passed": 1040, ...) and seconds from pytest's last summary line ({} if none)."""
    found = list(SUMMARY.finditer(output))
    if not found:
        return {}
    last = found[-1]
    counts = {
        kind: int(number)
        for number, kind in re.findall(
            r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)", last["counts"]
        )
    }
    return {"counts": counts, "pytest_seconds": float(last["seconds"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone (its path is printed)")
    args = parser.parse_args()
    shared = ROOT.parent / "shared"
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    base = Path(tempfile.mkdtemp(prefix="verhalen-suite-"))
    clone = base / "main"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    if shared.exists():
        (base / "shared").symlink_to(shared.resolve())
    load_before = os.getloadavg()
    started = time.perf_counter()
    run = subprocess.run(["bash", ".ci/run"], cwd=clone, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    output = run.stdout + run.stderr
    (base / "ci.log").write_text(output, encoding="utf-8")
    result = {
        "what": "bash .ci/run on a fresh clone of HEAD (install, ruff, import contracts, mypy, whole suite)",
        "commit": commit,
        "exit_code": run.returncode,
        "wall_seconds": round(seconds, 1),
        **pytest_summary(output),
        "load_before": [round(x, 2) for x in load_before],
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    print(f"log: {base / 'ci.log'}")
    if not args.keep:
        shutil.rmtree(clone, ignore_errors=True)
    sys.exit(0 if run.returncode == 0 else 1)


if __name__ == "__main__":
    main()
