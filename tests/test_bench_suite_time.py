"""The suite-time benchmark reads pytest's summary line (synthetic output, nothing is run)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_suite_time import pytest_summary


def test_reads_the_last_summary_line() -> None:
    output = (
        "ruff ... ok\n"
        "==== 3 passed in 1.00s ====\n"
        "......\n"
        "1040 passed, 2 skipped, 1 xfailed in 512.34s (0:08:32)\n"
    )
    assert pytest_summary(output) == {
        "counts": {"passed": 1040, "skipped": 2, "xfailed": 1},
        "pytest_seconds": 512.34,
    }


def test_a_failed_run_keeps_its_failures_and_no_summary_is_empty() -> None:
    found = pytest_summary("== 2 failed, 7 passed, 1 error in 3.5s ==")
    assert found["counts"] == {"failed": 2, "passed": 7, "error": 1}
    assert pytest_summary("make: *** [Makefile:40: lint] Error 1\n") == {}
    assert pytest_summary("===== 5 passed in 2.25s =====")["pytest_seconds"] == 2.25
