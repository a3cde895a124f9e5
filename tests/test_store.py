"""Repository tests on SQLite and PostgreSQL (the db_url fixture runs each test on both)."""

from __future__ import annotations

import json

import pytest

from verhalen.codebook import load_codebook
from verhalen.config import DEFAULT_CODEBOOK
from verhalen.domain import Attribute, Coding, Memo, Practice, Rationale, Story, Suggestion, VerhalenError
from verhalen.ingest.segment import segment
from verhalen.store import Repository, connect, migrate
from verhalen.store.db import current_revision, head_revision

TEXT = "Ik vond het fijn in de groep. We dronken samen koffie en praatten veel. Daarna ging ik naar huis."


@pytest.fixture
def repo(db_url: str) -> Repository:
    engine = connect(db_url)
    migrate(engine)
    repo = Repository(engine)
    repo.save_codebook(load_codebook(DEFAULT_CODEBOOK))
    repo.ensure_practice(Practice("beijum", "Huiskamer Beijum"))
    return repo


def _story(story_id: str = "S1", text: str = TEXT) -> Story:
    return Story(story_id, "beijum", "ouder", text, attributes=(Attribute("leeftijd_kind", "4", "number"),))


def test_migration_reaches_head(repo: Repository) -> None:
    assert current_revision(repo.engine) == head_revision(repo.engine)


def test_story_round_trip_keeps_offsets_and_attributes(repo: Repository) -> None:
    story = _story()
    ids = repo.add_story(story, segment(story.id, story.text), {"coder": "a"})
    assert len(ids) == 3
    assert repo.story("S1") == story
    for fragment in repo.fragments("S1"):
        assert story.text[fragment.start : fragment.end] == fragment.text


def test_duplicate_story_is_refused_and_nothing_half_stored(repo: Repository) -> None:
    story = _story()
    repo.add_story(story, segment(story.id, story.text), {})
    with pytest.raises(VerhalenError, match="bestaat al"):
        repo.add_story(story, segment(story.id, story.text), {})
    assert repo.counts()["stories"] == 1
    assert len(repo.fragments()) == 3


def test_unknown_practice_stores_nothing(repo: Repository) -> None:
    story = Story("S2", "nergens", "ouder", TEXT)
    with pytest.raises(VerhalenError):
        repo.add_story(story, segment(story.id, story.text), {})
    assert repo.counts()["stories"] == 0
    assert repo.fragments() == []


def test_decide_is_idempotent_and_logged(repo: Repository) -> None:
    story = _story()
    first = repo.add_story(story, segment(story.id, story.text), {})[0]
    coding = Coding(first, "groepsgevoel", "onderzoeker-a", "confirmed")
    assert repo.decide(coding) is True
    assert repo.decide(coding) is False  # a double click stores one decision
    decisions = [e for e in repo.events() if e.kind == "decide"]
    assert len(decisions) == 1
    assert json.loads(decisions[0].payload)["after"]["status"] == "confirmed"
    assert [c.code for c in repo.codings()] == ["groepsgevoel"]


def test_undo_restores_previous_state(repo: Repository) -> None:
    story = _story()
    first = repo.add_story(story, segment(story.id, story.text), {})[0]
    repo.decide(Coding(first, "netwerk", "a", "confirmed"))
    repo.decide(Coding(first, "netwerk", "a", "rejected"))
    assert repo.undo_last("a") is not None
    assert [c.status for c in repo.codings()] == ["confirmed"]
    assert repo.undo_last("a") is not None
    assert repo.codings() == []
    assert repo.undo_last("a") is None
    kinds = [e.kind for e in repo.events()]
    assert kinds.count("undo") == 2 and kinds.count("decide") == 2  # the log only grows


def test_suggestions_replace_and_rationale_round_trip(repo: Repository) -> None:
    story = _story()
    first = repo.add_story(story, segment(story.id, story.text), {})[0]
    rationale = Rationale(("Een voorbeeld.",), ("koffie",), 0.42, (("sim", 0.5),))
    repo.replace_suggestions([Suggestion(first, "ontspannen", 0.8, rationale, "v1")])
    repo.replace_suggestions([Suggestion(first, "ontspannen", 0.7, rationale, "v2")])
    stored = repo.suggestions("S1")[first]
    assert [(s.score, s.suggester) for s in stored] == [(0.7, "v2")]
    assert stored[0].rationale == rationale


def test_embeddings_memos_resolutions(repo: Repository) -> None:
    story = _story()
    ids = repo.add_story(story, segment(story.id, story.text), {})
    repo.save_embeddings("fake", {ids[0]: b"\x00\x01"})
    assert repo.embeddings("fake") == {ids[0]: b"\x00\x01"}
    assert {f.id for f in repo.fragments_without_embedding("fake")} == set(ids[1:])
    repo.set_memo(Memo(ids[1], "a", "Mooie uitspraak"))
    assert [m.text for m in repo.memos()] == ["Mooie uitspraak"]
    repo.resolve(ids[1], "leren", "confirmed", "lead")
    assert repo.resolutions() == {(ids[1], "leren"): "confirmed"}


def test_deleting_a_story_cascades(repo: Repository) -> None:
    story = _story()
    first = repo.add_story(story, segment(story.id, story.text), {})[0]
    repo.decide(Coding(first, "leren", "a", "confirmed"))
    repo.delete_story("S1", "a")
    assert repo.counts() == {"stories": 0, "fragments": 0, "codings": 0, "practices": {}, "roles": {}}


def test_sqlite_uses_wal_and_foreign_keys(sqlite_url: str) -> None:
    engine = connect(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_migrate_backs_up_an_existing_sqlite_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = connect(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE legacy (x INTEGER)"))
    migrate(engine)
    assert list(tmp_path.glob("old.db.*.bak"))


def test_given_times_are_kept_and_codebooks_can_be_reactivated(repo: Repository) -> None:
    from datetime import datetime

    story = _story()
    first = repo.add_story(story, segment(story.id, story.text), {})[0]
    when = datetime(2024, 5, 1, 12, 0)
    repo.decide(Coding(first, "leren", "a", "confirmed", when))
    repo.set_memo(Memo(first, "a", "uit NVivo", None, when))
    assert [c.time for c in repo.codings()] == [when]
    assert [m.time for m in repo.memos()] == [when]
    original = repo.codebook_versions()[0]
    book = repo.active_codebook()
    assert book is not None
    from dataclasses import replace

    repo.save_codebook(replace(book, version="2.0"))
    repo.activate_codebook(original)
    active = repo.active_codebook()
    assert active is not None and active.version == original
    with pytest.raises(VerhalenError):
        repo.activate_codebook("bestaat-niet")


def test_fragments_without_suggestions(repo: Repository) -> None:
    story = _story()
    ids = repo.add_story(story, segment(story.id, story.text), {})
    repo.replace_suggestions([Suggestion(ids[0], "leren", 0.5)])
    assert sorted(repo.fragments_without_suggestions()) == sorted(ids[1:])
    assert [f.id for f in repo.fragments_by_id(ids[1:])] == ids[1:]


# -- decisions in one transaction, upserts, database errors as Dutch lines (issue 14) ----------------
def test_decide_many_is_one_transaction(repo: Repository) -> None:
    story = _story()
    ids = repo.add_story(story, segment(story.id, story.text), {})
    good = [Coding(i, "leren", "a", "confirmed") for i in ids]
    with pytest.raises(VerhalenError, match="999999 bestaat niet; niets opgeslagen"):
        repo.decide_many([*good[:2], Coding(999_999, "leren", "a", "confirmed"), good[2]])
    assert repo.codings() == [] and not [e for e in repo.events() if e.kind == "decide"]
    assert repo.decide_many([*good, good[0]]) == [True, True, True, False]
    changed = repo.decide_many([Coding(ids[0], "leren", "a", "rejected"), good[1]], kind="bulk")
    assert changed == [True, False]
    bulk = [json.loads(e.payload) for e in repo.events() if e.kind == "bulk"]
    assert bulk == [
        {"before": {"memo": "", "status": "confirmed"}, "after": {"memo": "", "status": "rejected"}}
    ]
    assert repo.decide_many([]) == []


def test_withdraw_resolve_and_memo_are_idempotent(repo: Repository) -> None:
    story = _story()
    first = repo.add_story(story, segment(story.id, story.text), {})[0]
    repo.decide(Coding(first, "leren", "a", "confirmed", None, "notitie"))
    assert repo.withdraw(first, "leren", "a") is True
    assert repo.withdraw(first, "leren", "a") is False
    withdrawn = [json.loads(e.payload) for e in repo.events() if e.kind == "withdraw"]
    assert withdrawn == [{"before": {"status": "confirmed", "memo": "notitie"}, "after": None}]
    repo.resolve(first, "leren", "confirmed", "lead")
    repo.resolve(first, "leren", "rejected", "lead-2")
    assert repo.resolutions() == {(first, "leren"): "rejected"}
    repo.set_memo(Memo(first, "a", "een"))
    repo.set_memo(Memo(first, "a", "een"))
    repo.set_memo(Memo(first, "a", "twee"))
    assert [m.text for m in repo.memos()] == ["twee"]
    assert len([e for e in repo.events() if e.kind == "memo"]) == 2


def test_a_database_error_is_one_dutch_line_without_sql(repo: Repository) -> None:
    from sqlalchemy import text

    from verhalen.store.errors import StoreError

    with pytest.raises(StoreError) as caught, repo.session() as s:
        s.execute(text("SELECT nothing FROM no_such_table"))
    message = str(caught.value)
    assert "database" in message and message.endswith("niets opgeslagen.")
    assert "SELECT" not in message and "no_such_table" not in message and "\n" not in message
    story = _story()
    repo.add_story(story, segment(story.id, story.text), {})
    with pytest.raises(VerhalenError, match="bestaat al; niets opgeslagen"):  # IntegrityError inside
        repo.add_story(story, segment(story.id, story.text), {})
