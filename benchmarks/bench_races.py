"""Decisions from several processes at once, on SQLite and PostgreSQL (issue 14, "Decisions race").

The project is the demo (36 stories) built with the fake embedder, so the figures are those of the store
and the command, not of an embedding model. Per database, three runs, all processes started together:

1. ``cli-different``: 8 × ``verhalen code --batch`` (real subprocesses), each with N decisions of its own
   coder: wall time from start to the last exit (Python start, workbench, one transaction, one refit),
   decisions per second, lost decisions (expected minus stored), errors (non-zero exits; stderr kept),
   and the CPU seconds of the 8 commands together (user + system: a figure that does not depend on what
   else the machine runs, unlike the wall time; the load averages at start and end are in the JSON);
2. ``batch-different``: the same through ``Repository.decide_many`` in 8 spawned processes (the batch's
   one transaction without Python start and refit; the clock starts once all are connected);
3. ``rows-different``: 8 processes × N single decisions through ``Repository.decide`` (one transaction
   per decision, as clicks in the app).

The same decisions arriving from several processes at once (stored once, logged once, no error) are
tested in tests/test_races.py, not measured here.
PostgreSQL is the server of tests/conftest.py (127.0.0.1:5432, database ``test``) in a fresh schema that
is dropped afterwards; it is skipped (and said so in the JSON) when the server is not reachable.
Writes benchmarks/results/races.json and prints it.
Run: .venv/bin/python benchmarks/bench_races.py [--decisions 500] [--processes 8]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["VERHALEN_EMBEDDER"] = "fake"
os.environ.pop("VERHALEN_DEBUG", None)

from verhalen.app.demo import build_demo  # noqa: E402
from verhalen.app.workbench import Workbench  # noqa: E402
from verhalen.config import Settings, load_settings  # noqa: E402
from verhalen.domain import Coding  # noqa: E402
from verhalen.store import Repository, connect  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PG_BASE = os.environ.get("VERHALEN_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _settings(url: str, data_dir: Path) -> Settings:
    base = load_settings(url)
    return Settings(
        database_url=url,
        data_dir=data_dir,
        codebook_path=base.codebook_path,
        embedder="fake",
        max_upload_bytes=base.max_upload_bytes,
        extra_names=(),
        team_mode=False,
    )


@contextmanager
def _postgres() -> Iterator[str | None]:
    try:
        import psycopg

        conn = psycopg.connect(PG_BASE.replace("postgresql+psycopg", "postgresql"), autocommit=True)
    except Exception:
        yield None
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.close()


def _keys(repo: Repository, codes: list[str]) -> list[tuple[int, str]]:
    """(fragment, code) pairs nobody decided yet, fragments first: enough for every process's N rows."""
    decided = {(c.fragment_id, c.code) for c in repo.codings()}
    ids = sorted(f.id for f in repo.fragments(codable_only=True))
    return [(f, c) for c in codes for f in ids if (f, c) not in decided]


def _write_batch(path: Path, rows: list[tuple[int, str, str]]) -> Path:
    lines = ["fragment_id,code,status,coder"] + [f"{f},{c},confirmed,{who}" for f, c, who in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cli_race(url: str, batches: list[Path]) -> dict[str, Any]:
    command = [sys.executable, "-m", "verhalen.cli", "code", "--database", url, "--batch"]
    cpu = _children_cpu()
    started = time.perf_counter()
    procs = [
        subprocess.Popen([*command, str(b)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for b in batches
    ]
    outputs = [p.communicate() for p in procs]
    seconds = time.perf_counter() - started
    errors = [err.strip() for p, (_, err) in zip(procs, outputs, strict=True) if p.returncode != 0]
    applied = sum(int(out.split()[0]) for out, _ in outputs if out.strip())
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(_children_cpu() - cpu, 1),
        "errors": len(errors),
        "error_lines": errors[:3],
        "applied": applied,
    }


def _repo_worker(url: str, rows: list[tuple[int, str, str]], batch: bool, barrier: Any, queue: Any) -> None:
    repo = Repository(connect(url))
    codings = [Coding(f, c, who, "confirmed") for f, c, who in rows]
    barrier.wait()
    errors = 0
    if batch:
        try:
            repo.decide_many(codings)
        except Exception:
            errors = len(codings)
    for coding in [] if batch else codings:
        try:
            repo.decide(coding)
        except Exception:
            errors += 1
    queue.put((time.perf_counter(), errors))


def _repo_race(url: str, jobs: list[list[tuple[int, str, str]]], batch: bool) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(len(jobs) + 1), ctx.Queue()
    procs = [ctx.Process(target=_repo_worker, args=(url, rows, batch, barrier, queue)) for rows in jobs]
    for p in procs:
        p.start()
    barrier.wait()  # the clock starts when every process is connected, not at Python start
    started = time.perf_counter()
    finished = [queue.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    seconds = max(t for t, _ in finished) - started
    return {"seconds": round(seconds, 2), "errors": sum(e for _, e in finished)}  # CPU: includes start-up


def _decide_events(repo: Repository) -> int:
    return sum(1 for e in repo.events(limit=10_000_000) if e.kind == "decide")


def bench_database(name: str, url: str, work: Path, processes: int, n: int) -> dict[str, Any]:
    started = time.perf_counter()
    bench = Workbench(_settings(url, work))
    build_demo(bench)
    repo = bench.repo
    codes = [c.id for c in bench.codebook().codes]
    keys = _keys(repo, codes)
    build_seconds = time.perf_counter() - started
    if len(keys) < 3 * processes * n:
        raise SystemExit(f"only {len(keys)} undecided (fragment, code) pairs for 3 × {processes} × {n}")
    runs: list[dict[str, Any]] = []

    # 1. different decisions per process through the command
    before_rows, before_events = len(repo.codings()), _decide_events(repo)
    batches = [
        _write_batch(work / f"{name}-{i}.csv", [(f, c, f"cli-{i}") for f, c in keys[i * n : (i + 1) * n]])
        for i in range(processes)
    ]
    result = _cli_race(url, batches)
    stored = len(repo.codings()) - before_rows
    expected = processes * n
    runs.append(
        {
            "run": "cli-different",
            "processes": processes,
            "decisions_per_process": n,
            **result,
            "decisions_per_second": round(expected / result["seconds"], 1),
            "stored": stored,
            "lost": expected - stored,
            "events": _decide_events(repo) - before_events,
        }
    )

    # 2. and 3. different decisions per process through the repository: one batch, or one by one
    for run, batch in (("batch-different", True), ("rows-different", False)):
        offset = processes * n * (1 if batch else 2)  # run 1 used the first processes × n keys
        jobs = [
            [(f, c, f"{run}-{i}") for f, c in keys[offset + i * n : offset + (i + 1) * n]]
            for i in range(processes)
        ]
        before_rows = len(repo.codings())
        result = _repo_race(url, jobs, batch)
        stored = len(repo.codings()) - before_rows
        runs.append(
            {
                "run": run,
                "processes": processes,
                "decisions_per_process": n,
                **result,
                "decisions_per_second": round(expected / max(result["seconds"], 1e-9), 1),
                "stored": stored,
                "lost": expected - stored,
            }
        )
    counts = repo.counts()
    repo.engine.dispose()
    return {
        "database": name,
        "project": {"stories": counts["stories"], "fragments": counts["fragments"]},
        "build_seconds": round(build_seconds, 1),
        "runs": runs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=500, help="different decisions per process")
    parser.add_argument("--processes", type=int, default=8)
    args = parser.parse_args()
    started = time.perf_counter()
    result: dict[str, Any] = {
        "command": "python benchmarks/bench_races.py " + " ".join(sys.argv[1:]),
        "embedder": "fake",
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "databases": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'races.db'}"
        result["databases"].append(bench_database("sqlite", url, work, args.processes, args.decisions))
        with _postgres() as pg_url:
            if pg_url is None:
                result["postgresql"] = "skipped: server not reachable"
            else:
                result["databases"].append(
                    bench_database("postgresql", pg_url, work, args.processes, args.decisions)
                )
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "races.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    failed = any(
        run.get("errors") or run.get("lost") or run.get("stored_once") is False
        for db in result["databases"]
        for run in db["runs"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
