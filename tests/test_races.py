"""Decisions and suggestions written by several processes at once, on SQLite and PostgreSQL.

Every worker is a real process that opens its own engine; a barrier lets them start writing at the same
moment. Nothing may fail, nothing may be lost, nothing may be stored twice. The workers are forked by
multiprocessing's fork server, a fresh interpreter that has imported tests/race_workers.py (the store, not
the test process with its threads and connections): a worker starts in milliseconds instead of importing
SQLAlchemy and the store again, 0.3-1 s of CPU per process, eight at a time.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.race_workers import batch_worker, cli_worker, decide_worker, killed_batch_worker, suggest_worker
from verhalen.app.workbench import PRACTICES, Workbench
from verhalen.domain import Coding, Story
from verhalen.store import Repository, connect

# Tests that start several processes run on one xdist worker, one after the other (make test: --dist
# loadgroup): two of them at once on two cores made each several times slower.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("processes"),
]  # eight processes at a time; not in test-fast
SPAWN = multiprocessing.get_context("forkserver")
SPAWN.set_forkserver_preload(["tests.race_workers"])
BIG = 100  # fragments of big_project: decisions per process in the 8-process race
SQL_WORDS = ("INSERT", "SELECT", "UPDATE", "DELETE", "[SQL", "Traceback", "IntegrityError")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def race_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def project(race_url: str, tmp_path: Path) -> tuple[str, list[int], list[str]]:
    """A small project (fake embedder): 3 stories of 20 sentences; returns url, codable ids, code ids."""
    bench = Workbench(make_settings(race_url, tmp_path))
    bench.ensure_practices(PRACTICES)
    for n, practice in enumerate(("beijum", "hoogeveen", "veendam")):
        text = " ".join(f"In week {i} van verhaal {n} dronken we samen koffie." for i in range(20))
        bench.import_story(Story(f"R{n}", practice, "ouder", text))
    ids = [f.id for f in bench.repo.fragments(codable_only=True)]
    codes = [c.id for c in bench.codebook().codes]
    bench.repo.engine.dispose()
    return race_url, ids, codes


def _run(target: Callable[..., Any], jobs: list[tuple[Any, ...]], timeout: float = 120) -> list[Any]:
    """Run ``target(barrier, queue, index, *job)`` in one spawned process per job; returns their results."""
    barrier = SPAWN.Barrier(len(jobs))
    queue = SPAWN.Queue()
    procs = [SPAWN.Process(target=target, args=(barrier, queue, i, *job)) for i, job in enumerate(jobs)]
    for p in procs:
        p.start()
    results: dict[int, Any] = {}
    try:
        for _ in jobs:
            index, result = queue.get(timeout=timeout)
            results[index] = result
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    return [results[i] for i in range(len(jobs))]


# -- the races ----------------------------------------------------------------------------------------
def _write_batch(path: Path, rows: list[tuple[int, str, str, str]]) -> str:
    lines = ["fragment_id,code,status,coder"] + [f"{f},{c},{st},{who}" for f, c, who, st in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_eight_processes_applying_the_same_100_decisions_all_succeed_once(
    project: tuple[str, list[int], list[str]],
) -> None:
    """Each process applies the whole batch in one transaction, as ``verhalen code --batch`` does."""
    url, ids, codes = project
    rows = [(f, c, "a", "confirmed") for f in ids[:50] for c in codes[:2]]
    assert len(rows) == 100
    results = _run(batch_worker, [(url, rows)] * 8)
    assert all(kind == "ok" for kind, _ in results), results
    assert sum(applied for _, applied in results) == 100  # each decision once, a no-op for the others
    repo = Repository(connect(url))
    stored = repo.codings(coder="a")
    want = sorted((f, c, st) for f, c, _, st in rows)
    assert sorted((c.fragment_id, c.code, c.status) for c in stored) == want
    assert len([e for e in repo.events(limit=10_000) if e.kind == "decide"]) == 100


def test_cli_batches_of_the_same_decisions_at_once_all_succeed(
    project: tuple[str, list[int], list[str]], tmp_path: Path
) -> None:
    """The whole command (workbench, batch, one refit) in 2 processes at once: exit 0, no SQL printed.
    (Two, not eight: each command loads the codebook and builds the engine, seconds of CPU apiece.)"""
    url, ids, codes = project
    rows = [(f, c, "a", "confirmed") for f in ids[:50] for c in codes[:2]]
    batch = _write_batch(tmp_path / "same.csv", rows)
    results = _run(cli_worker, [(url, batch)] * 2)
    for code, out, err in results:
        assert code == 0, err
        assert not any(word in err for word in SQL_WORDS), err
        assert "beslissingen verwerkt" in out
    assert sum(int(out.split()[0]) for _, out, _ in results) == 100
    repo = Repository(connect(url))
    assert len(repo.codings(coder="a")) == 100
    assert len([e for e in repo.events(limit=10_000) if e.kind == "decide"]) == 100
    assert set(repo.suggestions()) == set(ids)  # the refit after the batch left every fragment suggested


def test_eight_processes_deciding_the_same_keys_differently_keep_a_consistent_log(
    project: tuple[str, list[int], list[str]],
) -> None:
    """One coder in 8 tabs: the same 100 keys, half the tabs confirm, half reject (the two-tab case)."""
    url, ids, codes = project
    keys = [(f, c) for f in ids[:50] for c in codes[:2]]
    jobs = [(url, [(f, c, "a", "confirmed" if i % 2 else "rejected") for f, c in keys]) for i in range(8)]
    results = _run(decide_worker, jobs)
    assert all(kind == "ok" for kind, _ in results), results
    repo = Repository(connect(url))
    assert sorted((c.fragment_id, c.code) for c in repo.codings()) == sorted(keys)  # each key stored once
    chains: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for event in sorted(repo.events(limit=100_000), key=lambda e: e.id):
        if event.kind == "decide":
            assert event.fragment_id is not None and event.code is not None
            chains[(event.fragment_id, event.code)].append(json.loads(event.payload))
    assert sum(changed for _, changed in results) == sum(len(chain) for chain in chains.values())
    final = {(c.fragment_id, c.code): c.status for c in repo.codings()}
    for key, chain in chains.items():  # every event's "before" is exactly the previous event's "after"
        assert chain[0]["before"] is None
        assert all(b["before"] == a["after"] for a, b in itertools.pairwise(chain))
        assert chain[-1]["after"]["status"] == final[key]


def test_eight_processes_deciding_different_decisions_lose_nothing(
    project: tuple[str, list[int], list[str]],
) -> None:
    url, ids, codes = project
    rows = [(f, codes[n % 3]) for n, f in enumerate(ids)]
    jobs = [(url, [(f, c, f"coder-{i}", "confirmed") for f, c in rows]) for i in range(8)]
    results = _run(decide_worker, jobs)
    assert results == [("ok", len(ids))] * 8
    repo = Repository(connect(url))
    assert len(repo.codings()) == 8 * len(ids)
    assert repo.coders() == [f"coder-{i}" for i in range(8)]
    assert len([e for e in repo.events(limit=100_000) if e.kind == "decide"]) == 8 * len(ids)


def test_four_processes_replacing_suggestions_of_the_same_fragments_all_succeed(
    project: tuple[str, list[int], list[str]],
) -> None:
    url, ids, codes = project
    results = _run(suggest_worker, [(url, ids, codes)] * 4)
    assert results == [[]] * 4
    stored = Repository(connect(url)).suggestions()
    assert sorted(stored) == sorted(ids)
    for rows in stored.values():  # one writer's whole set per fragment, never a mixture
        (suggester,) = {s.suggester for s in rows}
        index, round_ = (int(part[1:]) for part in suggester.split("-"))
        assert sorted(s.code for s in rows) == sorted(codes[: 2 + (index + round_) % (len(codes) - 1)])


def test_a_batch_failing_halfway_at_the_database_stores_nothing(
    project: tuple[str, list[int], list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Story R1 is deleted after the batch was validated: its rows, in the middle, break a foreign key."""
    from verhalen.cli import main

    url, ids, codes = project
    repo = Repository(connect(url))
    every = repo.fragment_ids()
    middle = {f.id for f in repo.fragments("R1")}
    rows = [(f, codes[0], "b", "confirmed") for f in ids]
    assert min(middle) > min(ids) and max(middle) < max(ids)
    batch = _write_batch(tmp_path / "b.csv", rows)
    repo.delete_story("R1", "test")
    monkeypatch.setattr(Repository, "fragment_ids", lambda self: every)  # validated before the delete
    assert main(["code", "--batch", batch, "--database", url]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "niets opgeslagen" in err
    assert not any(word in err for word in SQL_WORDS), err
    assert repo.codings(coder="b") == []
    assert not [e for e in repo.events(limit=10_000) if e.kind == "decide"]


def test_a_database_error_halfway_reaches_the_user_as_one_dutch_line(
    project: tuple[str, list[int], list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sqlalchemy.exc import OperationalError

    from verhalen.cli import main
    from verhalen.store import decisions

    url, ids, codes = project
    original = decisions._decide
    calls = [0]

    def failing(*args: Any) -> Any:
        calls[0] += 1
        if calls[0] == 30:
            raise OperationalError("INSERT INTO codings (x) VALUES (?)", (1,), Exception("disk I/O error"))
        return original(*args)

    monkeypatch.setattr(decisions, "_decide", failing)
    batch = _write_batch(tmp_path / "c.csv", [(f, codes[1], "c", "rejected") for f in ids])
    assert main(["code", "--batch", batch, "--database", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fout: De database") and len(err.strip().splitlines()) == 1
    assert not any(word in err for word in SQL_WORDS), err
    assert calls[0] == 30 and Repository(connect(url)).codings(coder="c") == []


def test_a_batch_killed_halfway_stores_nothing(project: tuple[str, list[int], list[str]]) -> None:
    url, ids, codes = project
    assert _run(killed_batch_worker, [(url, [(f, codes[0]) for f in ids])]) == ["killed"]
    repo = Repository(connect(url))
    assert repo.codings(coder="kill") == []
    repo.decide_many([Coding(ids[0], codes[0], "kill", "confirmed")])  # the database is usable afterwards
    assert len(repo.codings(coder="kill")) == 1


@pytest.fixture
def big_project(race_url: str) -> tuple[str, list[int]]:
    """BIG codable fragments, stored straight through the repository (no encoder: decisions need none)."""
    from verhalen.app.project import Project
    from verhalen.ingest.segment import segment

    project = Project(make_settings(race_url, Path("/tmp")))
    project.ensure_practices(PRACTICES)
    for n in range(BIG // 20):
        text = " ".join(f"Op dag {i} van verhaal {n} zaten we samen aan tafel." for i in range(20))
        story = Story(f"G{n}", "beijum", "ouder", text)
        project.repo.add_story(story, segment(story.id, story.text), {"story_id": story.id})
    ids = [f.id for f in project.repo.fragments(codable_only=True)]
    project.repo.engine.dispose()
    assert len(ids) == BIG
    return race_url, ids


@pytest.mark.parametrize("worker", [decide_worker, batch_worker], ids=["one-by-one", "one-transaction"])
def test_eight_processes_times_100_decisions_lose_and_double_nothing(
    big_project: tuple[str, list[int]], worker: Callable[..., None]
) -> None:
    """8 processes × 100 different decisions at once; issue #14's 8 × 500, and its time, are measured by
    benchmarks/bench_races.py (the suite keeps the race, not the size)."""
    url, ids = big_project
    codes = ("leren", "netwerk", "groepsgevoel")
    jobs = [(url, [(f, codes[n % 3], f"last-{i}", "confirmed") for n, f in enumerate(ids)]) for i in range(8)]
    assert _run(worker, jobs, timeout=300) == [("ok", BIG)] * 8
    repo = Repository(connect(url))
    stored = [(c.fragment_id, c.code, c.coder) for c in repo.codings()]
    assert len(stored) == len(set(stored)) == 8 * BIG  # none lost, none twice
    decided = [e for e in repo.events(limit=100_000) if e.kind in ("decide", "bulk")]
    assert len(decided) == 8 * BIG  # one event per decision
