"""The audit trail: the events table refuses UPDATE, DELETE (and TRUNCATE) on SQLite and PostgreSQL;
erasure removes every row linked to a story and logs it without its content; backup and restore."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import make_settings
from verhalen.app.accounts import Accounts, Actor
from verhalen.app.team import TeamBench
from verhalen.app.workbench import Workbench
from verhalen.domain import Story
from verhalen.store.audit import LINKED, table_rows
from verhalen.store.errors import StoreError

TEXT = "Ik kwam binnen met mijn zoon. De koffie stond al klaar. We praatten over Kwabbernoot."
SECRET = "Kwabbernoot"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


@pytest.fixture
def bench(any_url: str, tmp_path: Path) -> Workbench:
    bench = Workbench(make_settings(any_url, tmp_path))
    bench.ensure_practices()
    bench.import_story(Story("S1", "beijum", "ouder", TEXT))
    bench.import_story(Story("S2", "hoogeveen", "professional", "Een ander verhaal. Met twee zinnen."))
    codes = [c.id for c in bench.codebook().codes]
    for story in ("S1", "S2"):
        for fragment in bench.repo.fragments(story)[:2]:
            bench.decide(fragment.id, codes[0], "anna", "confirmed", refresh=False)
            bench.decide(fragment.id, codes[1], "bert", "rejected", refresh=False)
            bench.set_memo(fragment.id, "anna", "een memo")
            bench.repo.resolve(fragment.id, codes[0], "confirmed", "carla")
    return bench


def test_the_event_log_refuses_update_and_delete(bench: Workbench) -> None:
    before = table_rows(bench.repo)["events"]
    assert len(before) >= 10
    statements = [
        "UPDATE events SET coder = 'iemand anders'",
        "DELETE FROM events",
        "DELETE FROM events WHERE id = 1",
    ]
    if bench.repo.dialect == "postgresql":
        statements.append("TRUNCATE events")
    for statement in statements:
        with pytest.raises(StoreError), bench.repo.session() as s:
            s.execute(text(statement))
    assert table_rows(bench.repo)["events"] == before
    bench.repo.log("note", "anna", {})  # appending still works
    assert len(table_rows(bench.repo)["events"]) == len(before) + 1


def test_the_sqlite_triggers_hold_outside_verhalen(sqlite_url: str, tmp_path: Path) -> None:
    Workbench(make_settings(sqlite_url, tmp_path)).repo.log("note", "anna", {})
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        for statement in ("UPDATE events SET coder = 'x'", "DELETE FROM events"):
            with pytest.raises(sqlite3.DatabaseError, match="logboek"):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM events WHERE coder = 'anna'").fetchone() == (1,)


def test_erasure_removes_every_linked_row_and_logs_no_content(bench: Workbench) -> None:
    fragments = {f.id for f in bench.repo.fragments("S1")}
    others = table_rows(bench.repo)
    events_before = len(others["events"])
    team = TeamBench(bench, Actor("beheer", "beheerder"))
    erased = team.erase_story("S1")
    after = table_rows(bench.repo)
    assert erased.removed["stories"] == 1 and erased.removed["fragments"] == len(fragments)
    assert (
        erased.removed["codings"] == 4 and erased.removed["memos"] == 2 and erased.removed["resolutions"] == 2
    )
    assert erased.removed["suggestions"] > 0 and erased.removed["embeddings"] == len(fragments)
    for name, model in LINKED:  # nothing of S1 is left in any table that hangs on a fragment
        table = str(model.__tablename__)
        assert not [r for r in after[table] if r[0] in fragments], name
        assert len(after[table]) == len(others[table]) - erased.removed[name]
    assert [r for r in after["stories"] if r[1] == "S1"] == []
    assert all(SECRET not in repr(r) for name, rows in after.items() if name != "events" for r in rows)
    assert len(after["events"]) == events_before + 1  # one new event, none deleted
    event = bench.repo.events(limit=1)[0]
    assert (event.kind, event.coder) == ("erase", "beheer")
    payload = json.loads(event.payload)
    assert payload["story_id"] == "S1" and SECRET not in event.payload
    assert sorted(payload["fragment_ids"]) == sorted(fragments)
    assert {"S2"} == {s.id for s in bench.repo.stories()}
    assert len(bench.repo.codings(story_id="S2")) == 4
    history = [e.kind for e in team.history(story_id="S1")]
    assert history[0] == "erase" and "import" in history


def test_a_reset_keeps_the_log_and_records_itself(bench: Workbench) -> None:
    events = table_rows(bench.repo)["events"]
    Accounts(bench.repo).add("beheer", "beheerder", None, by="test")
    bench.repo.reset()
    after = table_rows(bench.repo)
    assert after["stories"] == [] and after["fragments"] == [] and after["codings"] == []
    assert len(after["events"]) == len(events) + 2  # the account and the reset
    assert bench.repo.events(limit=1)[0].kind == "reset"
    assert [u.name for u in Accounts(bench.repo).users()] == ["beheer"]


def test_an_erased_text_is_gone_from_the_sqlite_file(sqlite_url: str, tmp_path: Path) -> None:
    bench = Workbench(make_settings(sqlite_url, tmp_path))
    bench.ensure_practices()
    bench.import_story(Story("S1", "beijum", "ouder", TEXT))
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    with bench.repo.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert SECRET.encode() in database.read_bytes()  # the check below can fail
    TeamBench(bench, Actor("beheer", "beheerder")).erase_story("S1")
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name) and p.is_file()]
    assert all(SECRET.encode() not in p.read_bytes() for p in files), [p.name for p in files]


def _cli(*args: str) -> int:
    from verhalen.cli import main

    return main(list(args))


def test_backup_and_restore(
    bench: Workbench, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A restore brings back the backup's content, except a story erased after the backup was made: the
    erasure (an AVG request) outlives the restore."""
    before = table_rows(bench.repo)
    out = tmp_path / "kopie" / "project.backup"
    assert _cli("backup", "--out", str(out), "--database", any_url) == 0
    assert out.is_file() and out.stat().st_size > 0
    assert _cli("erase", "S1", "--database", any_url) == 1  # without --yes: nothing
    assert "bevestig met --yes" in capsys.readouterr().err
    assert _cli("erase", "S1", "--yes", "--database", any_url) == 0
    erased = table_rows(bench.repo)
    assert {s.id for s in bench.repo.stories()} == {"S2"}
    bench.decide(
        bench.repo.fragments("S2")[0].id, bench.codebook().codes[2].id, "anna", "confirmed", refresh=False
    )
    assert _cli("restore", str(out), "--database", any_url) == 1  # without --yes: nothing
    capsys.readouterr()
    assert _cli("restore", str(out), "--yes", "--database", any_url) == 0
    assert "1 verhaal uit de back-up opnieuw gewist" in capsys.readouterr().out
    restored = table_rows(bench.repo)
    for table, rows in erased.items():
        if table != "events":  # the backup's S2 (without the later decision), S1 erased again
            assert restored[table] == rows, table
    assert {s.id for s in bench.repo.stories()} == {"S2"}
    assert set(before["events"]) < set(restored["events"])
    assert SECRET not in json.dumps(restored, default=str)
    # the log goes on from the copy: the erasure once more, then the restore
    assert [e.kind for e in bench.repo.events(limit=3)] == ["restore", "erase", "resolve"]


def test_a_story_imported_again_after_its_erasure_survives_a_restore(
    bench: Workbench, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same id imported after the erasure is a new story: a backup holding it restores it."""
    assert _cli("erase", "S1", "--yes", "--database", any_url) == 0
    bench.import_story(Story("S1", "beijum", "ouder", "Een nieuw verhaal onder hetzelfde nummer."))
    out = tmp_path / "na-wissen.backup"
    assert _cli("backup", "--out", str(out), "--database", any_url) == 0
    capsys.readouterr()
    assert _cli("restore", str(out), "--yes", "--database", any_url) == 0
    assert "opnieuw gewist" not in capsys.readouterr().out
    assert {s.id for s in bench.repo.stories()} == {"S1", "S2"}
    assert "hetzelfde nummer" in bench.repo.story("S1").text


def test_restore_refuses_what_is_not_a_project(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = Workbench(make_settings(sqlite_url, tmp_path))
    bench.ensure_practices()
    bench.import_story(Story("S1", "beijum", "ouder", TEXT))
    junk = tmp_path / "rommel.db"
    junk.write_bytes(b"dit is geen database" * 100)
    assert _cli("restore", str(junk), "--yes", "--database", sqlite_url) == 1
    other = tmp_path / "ander.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    assert _cli("restore", str(other), "--yes", "--database", sqlite_url) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "fout: rommel.db is geen bruikbaar SQLite-bestand.",
        "fout: ander.db is geen verhalen-project; niets teruggezet.",
    ]
    assert {s.id for s in bench.repo.stories()} == {"S1"}


@pytest.mark.postgres
def test_backup_without_pg_dump_says_so(pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from verhalen.domain import VerhalenError
    from verhalen.store import backup as backup_module

    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    with pytest.raises(VerhalenError, match="pg_dump is niet geïnstalleerd"):
        backup_module.backup(pg_url, tmp_path / "x.dump")
    assert not list(tmp_path.iterdir())


def test_undo_and_history_pass_over_erased_fragments(bench: Workbench) -> None:
    """SQLite gives an erased fragment's id to the next new fragment: an old decision must not come back
    on the new text through undo, nor show in its history."""
    code = bench.codebook().codes[2].id
    last = bench.repo.fragments("S2")[-1]
    bench.decide(last.id, code, "dirk", "confirmed", refresh=False)
    TeamBench(bench, Actor("beheer", "beheerder")).erase_story("S2")
    bench.import_story(Story("S3", "beijum", "ouder", "Derde verhaal komt binnen. En eindigt hier."))
    if bench.repo.dialect == "sqlite":
        assert last.id in {f.id for f in bench.repo.fragments("S3")}  # the id came back
    assert bench.undo("dirk", refresh=False) is False
    assert bench.repo.codings(story_id="S3") == []
    for fragment in bench.repo.fragments("S3"):
        assert [e.kind for e in TeamBench(bench, Actor("x", "lezer")).history(fragment_id=fragment.id)] == []


def test_the_history_page_shows_a_story_and_a_fragment(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    from tests.apptest import open_page

    bench = Workbench(make_settings(demo_url, Path(demo_url.removeprefix("sqlite:///")).parent))
    story = bench.repo.stories()[0].id
    fragment = bench.repo.fragments(story)[0].id
    bench.set_memo(fragment, "![x](http://127.0.0.1:9/t.png)", "memo")
    at = open_page(monkeypatch, demo_url, "geschiedenis")
    assert any("Kies een verhaal" in info.value for info in at.info)
    at.selectbox[0].select(story).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert {"besluit", "memo"} <= set(table["Wat"])  # (the demo's stories are stored without import events)
    at.selectbox[0].select(None).run()
    at.number_input[0].set_value(fragment).run()
    table = at.dataframe[0].value
    assert set(table["Fragment"]) == {fragment}
    assert "![x](http://127.0.0.1:9/t.png)" in set(table["Wie"])  # a cell, not markdown
