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


def _row(name: str, gains: tuple[float, float, float], top2_drop: float = 0.0, prior: float = 0.0) -> dict:
    curve = [
        {"n_learned": n, "gain_top1": g, "top2_codebook_only": 0.8, "top2_after": 0.8 - top2_drop}
        for n, g in zip((10, 20, 40), gains, strict=True)
    ]
    return {"candidate": name, "project_prior": prior, "curve": curve}


def test_learner_rule_skips_candidates_that_hurt_early_and_breaks_ties_by_the_gain_at_20() -> None:
    from bench_real_quotes import pick_learner

    rows = [
        _row("hurts early", (-0.05, 0.0, 0.09)),
        _row("costs top-2", (0.0, 0.0, 0.09), top2_drop=0.02),
        _row("a", (0.0, 0.01, 0.05)),
        _row("b", (0.0, 0.03, 0.047)),
        _row("c", (0.0, 0.00, 0.02)),
    ]
    assert pick_learner(rows)["candidate"] == "b"


def test_prior_rule_takes_the_largest_start_within_0_01_of_the_best() -> None:
    from bench_real_quotes import pick_prior

    rows = [
        _row("0", (0.0, 0.0, 0.00), prior=0.0),
        _row("1", (0.0, 0.0, 0.004), prior=1.0),
        _row("2", (0.0, 0.0, -0.005), prior=2.0),
        _row("4", (0.0, 0.0, -0.02), prior=4.0),
    ]
    assert pick_prior(rows)["project_prior"] == 2.0
