"""The Workbench's background refresh: one worker, bursts coalesced, the CLI path stays synchronous."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from verhalen.app.workbench import Workbench


def _stale(bench: Workbench) -> dict[int, list[tuple[str, float]]]:
    return {fid: [(s.code, s.score) for s in ss] for fid, ss in bench.repo.suggestions().items()}


def test_a_background_decision_is_stored_at_once_and_rescored_later(demo_bench: Workbench) -> None:
    fragments = demo_bench.repo.fragments(codable_only=True)
    before = _stale(demo_bench)
    generation = demo_bench.refresh_generation
    assert demo_bench.decide(fragments[0].id, "leren", "bg", "confirmed", refresh="background")
    assert [c.fragment_id for c in demo_bench.repo.codings(coder="bg")] == [fragments[0].id]
    assert demo_bench.wait_for_refresh(timeout=120)
    assert demo_bench.refresh_generation == generation + 2  # the story's suggestions, then the rest
    assert demo_bench.refresh_error is None and not demo_bench.refresh_pending()
    assert _stale(demo_bench) != before  # the refit on the new decision changed undecided fragments' scores


def test_a_burst_of_decisions_costs_at_most_two_refreshes(
    demo_bench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[float] = []
    release = threading.Event()
    real = demo_bench.refresh_after_decision

    def slow_refresh(*args: Any, **kwargs: Any) -> float:
        calls.append(time.monotonic())
        release.wait(timeout=30)  # the first refresh is still running while the burst arrives
        return real(*args, **kwargs)

    monkeypatch.setattr(demo_bench, "refresh_after_decision", slow_refresh)
    fragments = demo_bench.repo.fragments(codable_only=True)[:8]
    started = time.perf_counter()
    for fragment in fragments:
        demo_bench.decide(fragment.id, "leren", "burst", "rejected", refresh="background")
    assert time.perf_counter() - started < 5  # no click waited for a refit
    release.set()
    assert demo_bench.wait_for_refresh(timeout=120)
    assert 1 <= len(calls) <= 2  # eight decisions, at most one refresh running plus one after it
    assert len(demo_bench.repo.codings(coder="burst")) == 8
    assert [t.name for t in threading.enumerate()].count(f"verhalen-refresh-{id(demo_bench):x}") <= 1


def test_a_failing_refresh_keeps_the_decision_and_the_worker(
    demo_bench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> float:
        raise RuntimeError("database weg")

    monkeypatch.setattr(demo_bench, "refresh_after_decision", broken)
    fragment = demo_bench.repo.fragments(codable_only=True)[0]
    demo_bench.decide(fragment.id, "leren", "kapot", "confirmed", refresh="background")
    assert demo_bench.wait_for_refresh(timeout=60)
    assert demo_bench.refresh_error == "RuntimeError"
    assert len(demo_bench.repo.codings(coder="kapot")) == 1
    monkeypatch.undo()
    demo_bench.undo("kapot", refresh="background")
    assert demo_bench.wait_for_refresh(timeout=120)
    assert demo_bench.refresh_error is None and demo_bench.repo.codings(coder="kapot") == []


def test_the_default_stays_synchronous(demo_bench: Workbench) -> None:
    fragment = demo_bench.repo.fragments(codable_only=True)[0]
    generation = demo_bench.refresh_generation
    before = _stale(demo_bench)
    demo_bench.decide(fragment.id, "leren", "cli", "confirmed")  # what the CLI calls
    assert not demo_bench.refresh_pending() and demo_bench.refresh_generation == generation
    assert _stale(demo_bench) != before  # rescored before decide returned


def test_the_decided_story_is_rescored_first_and_tells_the_page(
    demo_bench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verhalen.app.suggestion_index as suggestion_index

    monkeypatch.setattr(suggestion_index, "RESCORE_CHUNK", 50)  # the demo is small: several chunks
    stories = [s.id for s in demo_bench.repo.stories()]
    story = stories[3]
    calls: list[tuple[set[str], int]] = []
    real = demo_bench.suggestion_index.rescore

    def spy(fragments: Any) -> int:
        calls.append(({f.story_id for f in fragments}, demo_bench.refresh_generation))
        return real(fragments)

    monkeypatch.setattr(demo_bench.suggestion_index, "rescore", spy)
    fragment = demo_bench.repo.fragments(story, codable_only=True)[0]
    generation = demo_bench.refresh_generation
    demo_bench.decide(fragment.id, "leren", "eerst", "confirmed", refresh="background")
    assert demo_bench.wait_for_refresh(timeout=120)
    assert calls[0] == ({story}, generation)  # the open story alone, before anything else
    assert len(calls) > 2 and all(story not in stories_ for stories_, _ in calls[1:])
    assert all(g == generation + 1 for _, g in calls[1:])  # the page heard of the story before the rest
    assert demo_bench.refresh_generation == generation + 2
    rescored = set().union(*(s for s, _ in calls))
    assert rescored == {s for s in stories if demo_bench.repo.fragments(s, codable_only=True)}


def test_the_rest_of_the_project_waits_for_a_pause_in_the_clicking(monkeypatch: pytest.MonkeyPatch) -> None:
    """While decisions keep coming, a pass rescores only the stories decided in; the rest of the project
    follows after a pause without decisions (or at once for someone who waits for the whole refresh)."""
    from verhalen.app import refresh

    monkeypatch.setattr(refresh, "REST_AFTER_QUIET_SECONDS", 30.0)
    first_done = threading.Event()
    rest: list[set[str]] = []

    def run(first: Any, on_first: Any, stop: Any) -> float:
        on_first()
        first_done.set()
        if not stop():
            rest.append(set(first))
        return 0.0

    worker = refresh.RefreshWorker(run, "test-refresh")
    worker.schedule({"A"})
    assert first_done.wait(10)
    first_done.clear()
    worker.schedule({"B"})  # a click during the pause: the first pass ends without the rest
    assert first_done.wait(10)
    time.sleep(0.2)
    assert rest == []  # the second pass waits for a pause too
    started = time.monotonic()
    assert worker.wait(timeout=10)  # waiting for the whole refresh ends the pause
    assert time.monotonic() - started < 10
    assert rest == [{"B"}]
