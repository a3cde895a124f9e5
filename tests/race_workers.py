"""Workers for tests/test_races.py, in their own module so that a spawned process imports only the store
(not the test module with its fixtures and the whole workbench)."""

from __future__ import annotations

import contextlib
import io
import os
from typing import Any

from verhalen.domain import Coding, Suggestion
from verhalen.store import Repository, connect


def cli_worker(barrier: Any, queue: Any, index: int, url: str, batch: str) -> None:
    from verhalen.cli import main

    out, err = io.StringIO(), io.StringIO()
    barrier.wait()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["code", "--batch", batch, "--database", url])
    except Exception as exc:  # VERHALEN_DEBUG lets an unexpected error through: report it to the test
        code, err = -1, io.StringIO(f"{type(exc).__name__}: {exc}")
    queue.put((index, (code, out.getvalue(), err.getvalue())))


def decide_worker(
    barrier: Any, queue: Any, index: int, url: str, rows: list[tuple[int, str, str, str]]
) -> None:
    repo = Repository(connect(url))
    barrier.wait()
    try:
        changed = [repo.decide(Coding(f, c, who, st)) for f, c, who, st in rows]  # type: ignore[arg-type]
        queue.put((index, ("ok", sum(changed))))
    except Exception as exc:  # reported to the test, which fails on it
        queue.put((index, ("error", f"{type(exc).__name__}: {exc}")))


def batch_worker(
    barrier: Any, queue: Any, index: int, url: str, rows: list[tuple[int, str, str, str]]
) -> None:
    repo = Repository(connect(url))
    barrier.wait()
    try:
        changed = repo.decide_many([Coding(f, c, who, st) for f, c, who, st in rows])  # type: ignore[arg-type]
        queue.put((index, ("ok", sum(changed))))
    except Exception as exc:  # reported to the test, which fails on it
        queue.put((index, ("error", f"{type(exc).__name__}: {exc}")))


def suggest_worker(barrier: Any, queue: Any, index: int, url: str, ids: list[int], codes: list[str]) -> None:
    repo = Repository(connect(url))
    barrier.wait()
    errors = []
    for round_ in range(6):
        mine = codes[: 2 + (index + round_) % (len(codes) - 1)]  # each writer its own set of codes
        rows = [Suggestion(f, c, 0.5, suggester=f"p{index}-r{round_}") for f in ids for c in mine]
        try:
            repo.replace_suggestions(rows)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    queue.put((index, errors))


def killed_batch_worker(barrier: Any, queue: Any, index: int, url: str, rows: list[tuple[int, str]]) -> None:
    """Applies a batch and dies (os._exit, like a kill) while writing its 50th row."""
    from verhalen.store import decisions

    original = decisions._decide
    calls = [0]

    def dying(*args: Any) -> Any:
        calls[0] += 1
        if calls[0] == 50:
            queue.put((index, "killed"))
            queue.close()
            queue.join_thread()  # the message must leave before the process dies
            os._exit(9)
        return original(*args)

    decisions._decide = dying  # type: ignore[assignment]
    repo = Repository(connect(url))
    barrier.wait()
    repo.decide_many([Coding(f, c, "kill", "confirmed") for f, c in rows])
    queue.put((index, "not killed"))
