"""Rerun time of the Coderen page (Streamlit AppTest, warm caches).

Targets (issue 5): a 40-fragment story <= 300 ms; a project of 2,000 fragments <= 1 s. Also the time of a
click on ✓ (store, refit, rescore the undecided fragments of the project, rerun; issue 4: within 2 s).
Run: .venv/bin/python benchmarks/bench_coderen.py
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def _project(path: Path, copies: int) -> tuple[str, str]:
    """The demo project plus ``copies`` renamed copies of every demo story, and one 40-fragment story."""
    from verhalen.app.demo import build_demo, demo_stories
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings
    from verhalen.domain import Story

    url = f"sqlite:///{path}"
    bench = Workbench(load_settings(url))
    build_demo(bench)
    for n in range(copies):
        for story in demo_stories():
            bench.import_story(Story(f"{story.id}-K{n}", story.practice, story.role, story.text))
    sentences = " ".join(f"Dit is zin {i} en we dronken samen koffie met de kinderen." for i in range(40))
    bench.import_story(Story("VEERTIG", "veendam", "ouder", sentences))
    return url, "VEERTIG"


SCRIPT_MS: list[float] = []


def _time_script_runs() -> None:
    """Record how long each run of the app script takes (the server's rerun, without AppTest's overhead)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    original = ScriptRunner._run_script

    def timed(self: ScriptRunner, rerun_data: object) -> None:
        started = time.perf_counter()
        try:
            original(self, rerun_data)  # type: ignore[arg-type]
        finally:
            SCRIPT_MS.append((time.perf_counter() - started) * 1000)

    ScriptRunner._run_script = timed  # type: ignore[method-assign]


def _rerun_ms(url: str, story_id: str, runs: int = 7) -> tuple[list[float], list[float], list[float]]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _time_script_runs()

    os.environ["VERHALEN_DATABASE_URL"] = url
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["coder"] = "bench"
    at.session_state["story_id"] = story_id
    at.switch_page("src/verhalen/ui/app_pages/coderen.py")
    at.run()  # warm-up: opens the project and fits the engine once
    assert not at.exception, at.exception
    times = []
    SCRIPT_MS.clear()
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    return list(SCRIPT_MS), times, _click_ms(at)


def _click_ms(at: object, clicks: int = 5) -> list[float]:
    """A click on ✓: the decision is stored, the engine refits on every decision and rescores every
    undecided fragment of the project, and the page reruns - what the researcher waits for. Measured once
    the background warm-up that starts when the project opens has finished (a few seconds)."""
    import threading

    for thread in threading.enumerate():  # the app prepares the engine in the background on opening
        if thread.name == "verhalen-warm-up":
            thread.join()
    times = []
    for _ in range(clicks):
        button = next(b for b in at.button if str(b.key or "").startswith("ok-"))  # type: ignore[attr-defined]
        started = time.perf_counter()
        button.click().run()
        times.append((time.perf_counter() - started) * 1000)
        assert not at.exception, at.exception  # type: ignore[attr-defined]
    return times


def main() -> None:
    os.environ.setdefault("VERHALEN_EMBEDDER", "use-multilingual-v3")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        url, story = _project(Path(tmp) / "bench.db", copies=2)
        from verhalen.store import Repository, connect

        fragments = len(Repository(connect(url)).fragments())
        script, apptest, clicks = _rerun_ms(url, story)
        results = {
            "project_fragments": fragments,
            "story_fragments": 40,
            "script_rerun_ms_median": round(statistics.median(script), 1),
            "script_rerun_ms_max": round(max(script), 1),
            "apptest_rerun_ms_median": round(statistics.median(apptest), 1),
            "confirm_click_ms_median": round(statistics.median(clicks), 1),
            "confirm_click_ms_max": round(max(clicks), 1),
            "embedder": os.environ["VERHALEN_EMBEDDER"],
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "coderen.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
