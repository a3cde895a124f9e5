"""Long texts (issue #17): a one-line text no longer reaches spaCy whole, and an over-long story is refused
before any scan.

Measures, with the project's own pipeline (``segment.pipeline_name()`` in the JSON):
1. ``segment`` of a text just under the story limit (``limits.MAX_STORY_CHARS``) as one line without a
   full stop, as one line of short sentences, and as one word without spaces (spaCy gets at most
   ``segment.CHUNK`` characters per call; before, a text over 1,000,000 characters was refused by spaCy);
2. the refusal of a one-line 5 MB text file through ``importing.read_text_candidate`` (limits before the
   privacy scan and segmentation).
Writes benchmarks/results/long_text.json and prints it.
Run: .venv/bin/python benchmarks/bench_long_text.py
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from verhalen.app import limits
from verhalen.app.importing import ImportOptions, read_text_candidate
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import VerhalenError
from verhalen.ingest import segment

RESULTS = Path(__file__).parent / "results" / "long_text.json"


def _timed_segment(text: str) -> dict[str, float | int]:
    start = time.perf_counter()
    fragments = segment.segment("lang", text)
    return {
        "characters": len(text),
        "seconds": round(time.perf_counter() - start, 2),
        "fragments": len(fragments),
        "longest_fragment": max(len(f.text) for f in fragments),
    }


def main() -> None:
    segment.nlp()  # loaded once, not timed
    words = "De juf zei dat het goed ging met haar en wij waren blij "
    under = limits.MAX_STORY_CHARS - 10_000
    texts = {
        "one_line_no_full_stop": (words * (under // len(words)))[:under],
        "one_line_short_sentences": ("De juf zei dat het goed ging. " * (under // 30))[:under],
        "one_word_no_spaces": "a" * under,
    }
    results: dict[str, object] = {
        "pipeline": segment.pipeline_name(),
        "chunk": segment.CHUNK,
        "max_story_chars": limits.MAX_STORY_CHARS,
    }
    results["segment"] = {name: _timed_segment(text) for name, text in texts.items()}
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(f"sqlite:///{folder}/lang.db")
        settings = type(settings)(**{**settings.__dict__, "embedder": "fake", "max_upload_bytes": 10 * 2**20})
        bench = Workbench(settings)
        data = (words * (5 * 2**20 // len(words))).encode()
        start = time.perf_counter()
        try:
            read_text_candidate(bench, "lang.txt", data, ImportOptions("beijum", "ouder"))
            message = "accepted"
        except VerhalenError as exc:
            message = str(exc)
        results["refuse_5mb_one_line"] = {
            "bytes": len(data),
            "seconds": round(time.perf_counter() - start, 2),
            "message": message,
        }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
