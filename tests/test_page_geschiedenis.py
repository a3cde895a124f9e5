"""AppTest of the Geschiedenis page: events read as words in the page's language, not stored values."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.apptest import open_page
from tests.conftest import make_settings
from verhalen.app.workbench import Workbench
from verhalen.domain import Story

TEXT = "Ik sprak de juf na de groep. Later belde ze nog even. De koffie was goed."


def _history(monkeypatch: pytest.MonkeyPatch, url: str, tmp_path: object, lang: str) -> pd.DataFrame:
    bench = Workbench(make_settings(url, tmp_path))  # type: ignore[arg-type]
    bench.ensure_practices()
    bench.import_story(Story("S1", "beijum", "ouder", TEXT), coder="cli")
    fragment = bench.repo.fragments("S1")[0].id
    code = bench.codebook().codes[0].id
    bench.decide(fragment, code, "dirk", "rejected", refresh=False)
    bench.decide(fragment, code, "dirk", "confirmed", memo="klopt toch", refresh=False)
    bench.undo("dirk", refresh=False)
    at = open_page(monkeypatch, url, "geschiedenis")
    at.session_state["lang"] = lang
    at.run()
    next(s for s in at.selectbox if s.label in ("Verhaal", "Story")).select("S1").run()
    assert not at.exception
    return at.dataframe[0].value


def test_events_are_words_in_dutch(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: object
) -> None:
    table = _history(monkeypatch, sqlite_url, tmp_path, "nl")
    what, detail, fragment = "Wat", "Voor en na", "Fragment"
    assert list(table[what]) == ["ongedaan gemaakt", "besluit", "besluit", "geïmporteerd"]
    assert list(table[detail])[:3] == [
        "terug naar: afgewezen",
        "afgewezen → bevestigd · memo: klopt toch",
        "geen besluit → afgewezen",
    ]
    assert table[detail].iloc[3].endswith(" fragmenten")  # how many the import made, not its JSON
    assert table[fragment].iloc[3] is pd.NA  # the import has no fragment: an empty cell, not "None"
    assert not any(str(v) == "None" for v in table.to_numpy().ravel())


def test_events_are_words_in_english(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: object
) -> None:
    table = _history(monkeypatch, sqlite_url, tmp_path, "en")
    assert list(table["What"]) == ["undone", "decision", "decision", "imported"]
    assert list(table["Before and after"])[:3] == [
        "back to: rejected",
        "rejected → confirmed · memo: klopt toch",
        "no decision → rejected",
    ]


def _two_stories(url: str, tmp_path: object) -> Workbench:
    bench = Workbench(make_settings(url, tmp_path))  # type: ignore[arg-type]
    bench.ensure_practices()
    for story in ("S1", "S2"):
        bench.import_story(Story(story, "beijum", "ouder", TEXT), coder="cli")
    return bench


def test_history_opens_on_the_story_being_coded(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: object
) -> None:
    _two_stories(sqlite_url, tmp_path)
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.session_state["story_id"] = "S2"  # what Coderen keeps as the open story
    at.switch_page("src/verhalen/ui/app_pages/geschiedenis.py").run()
    assert at.selectbox(key="history_story").value == "S2"
    assert not at.exception and len(at.dataframe) == 1


def test_history_keeps_story_and_fragment_in_the_url(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: object
) -> None:
    """A reload (a new session with the same URL) shows the same history, not "Kies een verhaal"."""
    bench = _two_stories(sqlite_url, tmp_path)
    fragment = bench.repo.fragments("S2")[1].id
    at = open_page(monkeypatch, sqlite_url, "geschiedenis")
    at.selectbox(key="history_story").select("S2").run()
    at.number_input(key="history_fragment").set_value(fragment).run()
    assert at.query_params["verhaal"] in ("S2", ["S2"])
    assert at.query_params["fragment"] in (str(fragment), [str(fragment)])
    reload = open_page(monkeypatch, sqlite_url, "verhalen")
    reload.query_params["verhaal"] = "S2"
    reload.query_params["fragment"] = str(fragment)
    reload.switch_page("src/verhalen/ui/app_pages/geschiedenis.py").run()
    assert reload.selectbox(key="history_story").value == "S2"
    assert reload.number_input(key="history_fragment").value == fragment
    assert not reload.exception and len(reload.dataframe) == 1
    reload.selectbox(key="history_story").select(None).run()
    reload.number_input(key="history_fragment").set_value(0).run()
    assert "verhaal" not in reload.query_params and "fragment" not in reload.query_params


def test_history_keeps_its_story_when_she_comes_back_from_another_page(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: object
) -> None:
    """Streamlit drops a widget's state on a page that is not drawn: the story she chose here comes back
    from the session, not from the story being coded."""
    _two_stories(sqlite_url, tmp_path)
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.session_state["story_id"] = "S2"  # the story being coded
    at.switch_page("src/verhalen/ui/app_pages/geschiedenis.py").run()
    at.selectbox(key="history_story").select("S1").run()
    at.switch_page("src/verhalen/ui/app_pages/verhalen.py").run()
    if "history_story" in at.session_state:  # what the browser's page switch does to the widget's state
        del at.session_state["history_story"]
    at.query_params.clear()
    at.switch_page("src/verhalen/ui/app_pages/geschiedenis.py").run()
    assert at.selectbox(key="history_story").value == "S1"
    assert not at.exception
