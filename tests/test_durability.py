"""A writer killed with SIGKILL at random moments, 50 times, on SQLite: the file stays sound and every
decision the writer acknowledged (printed after its transaction returned) is in the database, each with its
event; nothing is half-written."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from verhalen.store import Repository, connect

# Tests that start several processes run on one xdist worker, one after the other (make test: --dist
# loadgroup): two of them at once on two cores made each several times slower.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("processes")]

KILLS = 50
WRITER = """
import sys
from verhalen.domain import Coding
from verhalen.store import Repository, connect

print("ready", flush=True)  # started and imported: it waits for "go" (the writer before it is still writing)
assert sys.stdin.readline().strip() == "go"
repo = Repository(connect(sys.argv[1]))
coder, codes = sys.argv[2], sys.argv[3].split(",")
ids = [int(i) for i in sys.argv[4].split(",")]
for n, fragment_id in enumerate(ids):
    code = codes[n % len(codes)]
    repo.decide(Coding(fragment_id, code, coder, "confirmed"))
    print(fragment_id, code, flush=True)  # acknowledged: the transaction has returned
"""


def test_a_writer_killed_50_times_loses_no_acknowledged_decision(demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    fragments = [f.id for f in repo.fragments(codable_only=True)][:300]
    codes = "leren,netwerk,groepsgevoel"
    rng = random.Random(7)
    acknowledged: set[tuple[int, str, str]] = set()

    def start(round_: int) -> subprocess.Popen[str]:
        coder = f"killed-{round_}"
        return subprocess.Popen(
            [sys.executable, "-c", WRITER, demo_url, coder, codes, ",".join(map(str, fragments))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    following = start(0)
    for round_ in range(KILLS):
        coder = f"killed-{round_}"
        writer = following
        assert writer is not None and writer.stdin is not None and writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        writer.stdin.write("go\n")
        writer.stdin.flush()
        # the next writer starts up (Python and its imports, ~0.4 s) while this one writes; it does not
        # touch the database before its "go"
        following = start(round_ + 1) if round_ + 1 < KILLS else None
        time.sleep(rng.uniform(0.0, 0.4))  # somewhere in the middle of a write, or between two
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=30)
        for line in out.splitlines(keepends=True):
            parts = line.split()
            if line.endswith("\n") and len(parts) == 2:  # a line the kill cut short acknowledges nothing
                acknowledged.add((int(parts[0]), parts[1], coder))
    path = demo_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {(c.fragment_id, c.code, c.coder) for c in repo.codings() if c.coder.startswith("killed-")}
    assert len(acknowledged) > KILLS  # the writers did get work done between the kills
    assert acknowledged <= stored  # every acknowledged decision survived
    events = Counter(e.coder for e in repo.events(limit=100_000) if e.coder.startswith("killed-"))
    assert events == Counter(coder for _, _, coder in stored)  # each stored decision has its one event
