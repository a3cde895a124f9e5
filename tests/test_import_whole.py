"""A table is imported whole or not at all (issue #17): a process killed (SIGKILL) in the middle of storing
its rows leaves no story of it; an import that returns has embedded and suggested every story it stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_settings
from verhalen.app import limits
from verhalen.app.importing import ImportOptions, import_paths
from verhalen.app.workbench import Workbench

ROWS = 20
CHILD = """
import sys, time
from verhalen.store import repository
original = repository.Repository.add_story
def add_story(self, *args, **kwargs):
    ids = original(self, *args, **kwargs)
    print("opgeslagen", flush=True)
    time.sleep(0.05)
    return ids
repository.Repository.add_story = add_story
from verhalen.cli import main
sys.exit(main(sys.argv[1:]))
"""
ACTIVITIES = ("koffie", "wandelen", "koken", "knutselen", "voorlezen")


def _table(path: Path, rows: int = ROWS) -> Path:
    lines = ["id;tekst"] + [
        f"V-{i:02d};We gingen samen {ACTIVITIES[i % 5]} en praatten over de kinderen. Het hielp mij echt."
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(url: str, table: Path) -> subprocess.Popen[str]:
    args = [
        "import",
        str(table),
        "--practice",
        "beijum",
        "--role",
        "ouder",
        "--database",
        url,
        "--pseudonymise",
    ]
    env = {**os.environ, "VERHALEN_EMBEDDER": "fake", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow  # four CLI processes, three of them killed: make test runs it, make test-fast does not
@pytest.mark.xdist_group("processes")  # with the other multi-process tests, one at a time
def test_a_table_import_killed_midway_stores_nothing(sqlite_url: str, tmp_path: Path) -> None:
    bench = Workbench(make_settings(sqlite_url, tmp_path))
    table = _table(tmp_path / "verhalen.csv")
    for kill_after in (1, ROWS // 2, ROWS - 1):
        process = _import(sqlite_url, table)
        assert process.stdout is not None
        for _ in range(kill_after):
            assert process.stdout.readline().strip() == "opgeslagen", (
                process.stderr.read() if process.stderr else ""
            )
        process.send_signal(signal.SIGKILL)  # in the middle: some rows are in the open transaction
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        assert int(bench.repo.counts()["stories"]) == 0, kill_after  # none, never some

    process = _import(sqlite_url, table)  # the same table again: not refused as 'bestaat al'
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert out.count("opgeslagen") >= ROWS
    assert int(bench.repo.counts()["stories"]) == ROWS
    codable = {f.id for f in bench.repo.fragments(codable_only=True)}
    assert codable and not bench.repo.fragments_without_suggestions()  # suggested before the command ended
    assert set(bench.repo.embeddings(bench.embedder.model_id, codable)) == codable  # and embedded


def test_a_table_over_the_bound_is_refused_with_a_clear_message(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 10)
    bench = Workbench(make_settings(sqlite_url, tmp_path))
    report = import_paths(bench, [_table(tmp_path / "groot.csv", 11)], ImportOptions("beijum", "ouder", True))
    assert report.failed_lines() == [
        "niet opgeslagen: groot.csv: 'groot.csv' heeft 11 rijen; hoogstens 10 per bestand: splits de tabel; "
        "niets opgeslagen."
    ]
    assert int(bench.repo.counts()["stories"]) == 0


def test_the_import_page_stores_a_table_whole_or_not_at_all(sqlite_url: str, tmp_path: Path) -> None:
    from verhalen.app.importing import store_batch, table_candidates
    from verhalen.ingest import files

    bench = Workbench(make_settings(sqlite_url, tmp_path))
    single = tmp_path / "V-03.txt"  # a story stored before, under the id of the table's fourth row
    single.write_text("We gingen samen koken en praatten over de kinderen. Het hielp.\n", encoding="utf-8")
    assert import_paths(bench, [single], ImportOptions("beijum", "ouder", True)).ok
    table = _table(tmp_path / "verhalen.csv", 6)
    read = files.read_table(table.name, table.read_bytes(), bench.settings.max_upload_bytes)
    options = ImportOptions("beijum", "ouder", True)
    candidates, errors = table_candidates(
        bench, table.name, read, files.guess_mapping(table.name, read), options
    )
    assert not errors and len(candidates) == 6
    report = store_batch(bench, candidates, [{} for _ in candidates], "lead")
    assert report.stored == [] and [name for name, _ in report.failed] == ["verhalen.csv"]
    assert "bestaat al" in str(report.failed[0][1])
    assert int(bench.repo.counts()["stories"]) == 1  # not the three rows before the clash

    report = store_batch(bench, candidates[:3] + candidates[4:], [{} for _ in range(5)], "lead")
    assert len(report.stored) == 5 and not report.failed
    assert int(bench.repo.counts()["stories"]) == 6
