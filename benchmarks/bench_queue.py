"""The Coderen queue on a large project: how long "Volgende onbesliste" and "Grootste twijfel" take.

Builds (or, with --keep DIR, reuses) the project of bench_browser_coding.py: at least 15,000 fragments in
generated stories, fake embedder (the figures are those of the store and the queue, not of a model). A
coder decides every other fragment of the first half of a story in the middle of the list; then, five times
each, the time of ``next_in_queue`` from a focused fragment in that story (undecided and most uncertain),
and once that story is fully decided, the move on to the next story. The tester's day in Chromium (this
session's closing note) timed the old, project-wide queue at 13.7–15.5 s and 11.5 s per click.

Writes benchmarks/results/queue.json and prints it.
Run: .venv/bin/python benchmarks/bench_queue.py [--fragments 15000] [--keep DIR]
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_browser_coding import build, environment  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
CODER = "wachtrij"


def timed(call: Any, runs: int = 5) -> tuple[float, Any]:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        found = call()
        seconds.append(time.perf_counter() - began)
    return round(1000 * statistics.median(seconds), 1), found


def main(fragments: int, keep: Path | None) -> dict[str, Any]:
    directory = keep or Path(tempfile.mkdtemp(prefix="verhalen-queue-"))
    built = build(directory, fragments, 40, "fake")
    os.environ.update(environment(directory, "fake"))
    from verhalen.app.review import next_in_queue
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings

    bench = Workbench(load_settings())
    stories = [p.story_id for p in bench.progress()]
    story = stories[len(stories) // 2]
    own = [f for f in bench.repo.fragments(story) if f.codable]
    for f in own[: len(own) // 2 : 2]:
        bench.decide(f.id, bench.codebook().codes[0].id, CODER, "rejected", refresh=False)
    focus = own[len(own) // 4].id
    undecided_ms, item = timed(lambda: next_in_queue(bench, CODER, "undecided", story, focus))
    uncertain_ms, other = timed(lambda: next_in_queue(bench, CODER, "uncertain", story, focus))
    for f in own:
        bench.decide(f.id, bench.codebook().codes[0].id, CODER, "rejected", refresh=False)
    next_story_ms, moved = timed(lambda: next_in_queue(bench, CODER, "undecided", story, own[-1].id))
    result = {
        "command": "python benchmarks/bench_queue.py",
        "project_fragments": bench.repo.counts()["fragments"],
        "stories": len(stories),
        "story": story,
        "story_fragments": len(own),
        **built,
        "next_undecided_ms_median": undecided_ms,
        "most_uncertain_ms_median": uncertain_ms,
        "next_story_ms_median": next_story_ms,
        "stays_in_story": bool(item and other and item.story_id == story and other.story_id == story),
        "moved_to": moved.story_id if moved else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "queue.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--fragments", type=int, default=15_000)
    parser.add_argument("--keep", type=Path, default=None)
    options = parser.parse_args()
    main(options.fragments, options.keep)
