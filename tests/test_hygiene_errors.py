"""Errors reach a user as one Dutch line without SQL or user data; the detail goes to the log (issue #17)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tests.conftest import make_settings
from verhalen import cli
from verhalen.app.workbench import Workbench
from verhalen.domain import Practice, VerhalenError
from verhalen.store.errors import StoreError
from verhalen.store.models import StoryRow

SECRET = "Mijn buurvrouw Sanne van der Berg belde de politie"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


def _assert_clean(message: str) -> None:
    assert "\n" not in message
    for leak in ("INSERT", "SELECT", "UPDATE", "story_id", "VALUES", "[SQL", "parameters", SECRET, "Sanne"):
        assert leak not in message, (leak, message)


def test_a_database_error_is_one_line_without_sql_or_values(
    url: str, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    repo = Workbench(make_settings(url, tmp_path)).repo
    repo.ensure_practice(Practice("p", "Praktijk"))
    row = {"story_id": "dubbel", "practice_id": "p", "role": "ouder", "title": SECRET, "text": SECRET}
    with repo.session() as s:
        s.add(StoryRow(**row, word_count=8))
    caplog.set_level(logging.INFO, logger="verhalen.store")
    with pytest.raises(StoreError) as refused, repo.session() as s:
        s.add(StoryRow(**row, word_count=8))  # the same id again: the database refuses it
    _assert_clean(str(refused.value))
    assert "niets opgeslagen" in str(refused.value)
    assert isinstance(refused.value.__cause__, IntegrityError)  # the detail stays with the error...
    assert any("database error IntegrityError" in r.getMessage() for r in caplog.records)  # ...and in the log
    with pytest.raises(StoreError) as nul, repo.session() as s:  # a NUL: PostgreSQL refuses, SQLite not
        s.add(StoryRow(**{**row, "story_id": "nul", "text": SECRET + "\x00"}, word_count=8))
        s.flush()
        raise IntegrityError("INSERT INTO story (text) VALUES (?)", (SECRET,), Exception("NUL"))
    _assert_clean(str(nul.value))


def _run(handler: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    parser = argparse.ArgumentParser()
    parser.set_defaults(handler=handler, debug=False)
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    monkeypatch.delenv("VERHALEN_DEBUG", raising=False)
    assert cli.main([]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    return out.err


def test_the_cli_prints_one_line_without_sql(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def raw(_: object) -> int:
        statement = "INSERT INTO story (story_id, text) VALUES (?, ?)"
        raise IntegrityError(
            statement, ("v-1", SECRET), Exception("UNIQUE constraint failed:\nstory.story_id")
        )

    err = _run(raw, capsys, monkeypatch)
    assert err == "fout: onverwacht probleem (IntegrityError); gebruik --debug voor details\n"

    def dutch(_: object) -> int:
        raise VerhalenError("Regel 3: kolom ontbreekt.\nRegel 4: leeg.")

    assert _run(dutch, capsys, monkeypatch) == "fout: Regel 3: kolom ontbreekt. Regel 4: leeg.\n"
