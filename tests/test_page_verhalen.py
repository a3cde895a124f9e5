"""AppTest of the Verhalen page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import TextInput

from tests.apptest import open_page, shown
from verhalen.domain import ROLES


def test_lists_and_filters_stories(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "verhalen")
    assert at.title[0].value == "Verhalen"
    assert "36 verhalen" in at.caption[0].value
    at.multiselect[1].select("professional").run()
    assert "12 verhalen" in at.caption[0].value
    _search(at).input("koffie").run()
    assert not at.exception
    assert at.caption[0].value != "36 verhalen"


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
    from tests.apptest import ROOT

    monkeypatch.setenv("VERHALEN_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.delenv("VERHALEN_DEBUG")
    import streamlit as st

    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("Database niet bereikbaar" in e.value for e in at.error)


def _search(at: AppTest) -> TextInput:
    return next(i for i in at.text_input if i.label == "Zoek in tekst")


def _click_row(at: AppTest, row: int) -> None:
    """What a click on a table row sends: the selection as row positions of the table as it was shown."""
    at.session_state["stories_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()


def _chosen(at: AppTest) -> list[str]:
    """The story ids the page shows a panel for (its subheaders, less the import section's)."""
    return [shown(h) for h in at.subheader if shown(h) != "Verhalen importeren"]


def test_a_search_without_hits_after_choosing_a_story_shows_an_empty_table(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "verhalen")
    _click_row(at, 4)
    assert not at.exception and len(_chosen(at)) == 1
    _search(at).input("xyzzy").run()
    assert not at.exception, at.exception
    assert at.caption[0].value == "0 verhalen"
    assert at.dataframe[0].value.empty
    assert _chosen(at) == []
    assert any(shown(h) == "Verhalen importeren" for h in at.subheader)


def _selected(at: AppTest) -> list[int]:
    return list(at.session_state["stories_table"]["selection"]["rows"])


def test_a_filter_keeps_the_chosen_story_by_id_not_by_row(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings

    at = open_page(monkeypatch, demo_url, "verhalen")
    _click_row(at, 4)
    (story_id,) = _chosen(at)
    repo = Workbench(load_settings(demo_url)).repo
    role = repo.story(story_id).role

    at.multiselect[1].set_value([role]).run()  # the story is still listed, in another row
    table = at.dataframe[0].value
    ids = list(table[table.columns[0]])
    assert story_id in ids and ids.index(story_id) != 4
    assert _chosen(at) == [story_id]
    assert _selected(at) == [ids.index(story_id)]
    link = next(p for p in at.get("page_link") if "Coderen" in p.proto.label)
    assert story_id in link.proto.label.replace("\\", "")
    assert at.session_state["story_id"] == story_id

    other = next(r for r in ROLES if r != role)
    at.multiselect[1].set_value([other]).run()  # the story is not listed: nothing is chosen
    assert not at.exception
    assert _chosen(at) == []
    assert _selected(at) == []
    assert not [p for p in at.get("page_link") if "Coderen" in p.proto.label]


def test_one_story_found_is_one_verhaal(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings

    story = Workbench(load_settings(demo_url)).repo.stories()[0]
    at = open_page(monkeypatch, demo_url, "verhalen")
    _search(at).input(story.text[:80]).run()
    assert at.caption[0].value == "1 verhaal"
    at.session_state["lang"] = "en"
    at.run()
    next(i for i in at.text_input if i.label == "Search text").input(story.text[:80]).run()
    assert at.caption[0].value == "1 story"


def test_the_filters_and_the_search_survive_a_language_switch(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "verhalen")
    at.multiselect[1].select("professional").run()
    _search(at).input("koffie").run()
    narrowed = at.caption[0].value
    assert narrowed != "12 verhalen"
    at.selectbox(key="lang").set_value("en").run()  # every label on the page changes language
    assert not at.exception
    assert at.title[0].value == "Stories"
    assert at.multiselect[1].value == ["professional"]
    assert next(i for i in at.text_input if i.label == "Search text").value == "koffie"
    assert at.caption[0].value.split()[0] == narrowed.split()[0]  # the same number of stories
