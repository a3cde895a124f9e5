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
