"""The real-quote benchmark's splits: a source is never on both sides (synthetic rows, no quotes)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_real_quotes import splits


def test_splits_keep_every_source_on_one_side() -> None:
    rows = [{"text": f"t{i}", "code": "leren", "source": f"https://bron{i % 17}.example"} for i in range(60)]
    seen_train = set()
    for train, test in splits(rows, 10, 8):
        assert len(train) == 10
        train_sources = {r["source"] for r in train}
        assert train_sources.isdisjoint({r["source"] for r in test})
        assert len(train) + len(test) <= len(rows)
        seen_train |= train_sources
    assert len(seen_train) > 4  # different splits learn from different sources
