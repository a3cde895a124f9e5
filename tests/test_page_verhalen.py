"""AppTest of the Verhalen page."""

from __future__ import annotations

import pytest

from tests.apptest import open_page


def test_lists_and_filters_stories(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "verhalen")
    assert at.title[0].value == "Verhalen"
    assert "36 verhalen" in at.caption[0].value
    at.multiselect[1].select("professional").run()
    assert "12 verhalen" in at.caption[0].value
    at.text_input[1].input("koffie").run()
    assert not at.exception


def test_empty_project_says_what_to_do(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    assert any("Nog geen verhalen" in i.value for i in at.info)


def test_an_unexpected_error_is_a_dutch_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    from verhalen.store import Repository

    def broken(self: Repository) -> list[object]:
        raise RuntimeError("disk on fire")

    at = open_page(monkeypatch, demo_url, "verhalen")
    monkeypatch.delenv("VERHALEN_DEBUG")
    monkeypatch.setattr(Repository, "stories", broken)
    at.run()
    assert not at.exception
    assert any("Er ging iets mis" in e.value and "RuntimeError" in e.value for e in at.error)
    assert not any("disk on fire" in e.value for e in at.error)


def test_an_unreachable_database_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.apptest import ROOT

    monkeypatch.setenv("VERHALEN_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.delenv("VERHALEN_DEBUG")
    import streamlit as st

    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("Database niet bereikbaar" in e.value for e in at.error)
