"""AppTest of the chosen story's card on the Verhalen page: its caption and where the way to code it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, shown
from tests.conftest import make_settings
from verhalen.app.workbench import Workbench
from verhalen.domain import Story

TEXT = " ".join(f"Zin nummer {i} over de koffieochtend en de kinderen." for i in range(60))


def _choose_first_row(at: AppTest) -> None:
    at.session_state["stories_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception


def _open_with(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path, story: Story) -> AppTest:
    bench = Workbench(make_settings(sqlite_url, tmp_path))
    bench.ensure_practices()
    bench.import_story(story)
    bench.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    _choose_first_row(at)
    return at


def test_a_story_without_a_date_has_no_dangling_separator(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    at = _open_with(monkeypatch, sqlite_url, tmp_path, Story("ZONDER-DATUM", "beijum", "ouder", TEXT))
    about = [shown(c) for c in at.caption if "ouder" in shown(c)]
    assert about == ["Huiskamer Beijum (WIJ Groningen) · ouder"]


def test_a_dated_story_shows_its_date(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    story = Story("MET-DATUM", "veendam", "vrijwilliger", TEXT, date="2025-05-01")
    at = _open_with(monkeypatch, sqlite_url, tmp_path, story)
    assert any(shown(c).endswith("vrijwilliger · 2025-05-01") for c in at.caption)


def test_the_way_to_code_it_comes_before_the_long_text(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    at = _open_with(monkeypatch, sqlite_url, tmp_path, Story("LANG-01", "beijum", "ouder", TEXT))
    order = [
        "link" if node.type == "page_link" else "text"
        for node in at.main
        if (node.type == "page_link" and "Coderen" in node.proto.label)
        or (node.type == "markdown" and "Zin nummer 59" in shown(node))
    ]
    assert order == ["link", "text"]
