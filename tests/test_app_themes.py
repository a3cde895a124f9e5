"""AppTest of the Thema's page: nothing computed before the click, the theme table, chart, quotes and CSV, an
inductive code from a theme, a practice filter, a Dutch message for a small project, and English."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, shown
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings


def find(at: AppTest) -> AppTest:
    at.button(key="themes_run").click().run()
    assert not at.exception, at.exception
    return at


def test_themes_are_found_on_the_click_only(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "themas")
    assert at.title[0].value == "Thema's"
    assert any("Thema's zoeken" in i.value for i in at.info)
    assert not at.dataframe and not at.expander
    find(at)
    table = at.dataframe[0].value
    assert list(table.columns[:3]) == ["thema", "trefwoorden", "fragmenten"]
    codable = len(Workbench(load_settings(demo_url)).repo.fragments(codable_only=True))
    assert len(table) >= 2 and table["fragmenten"].sum() <= codable
    assert {"praktijken", "rollen", "bevestigde codes", "codeboek dekt", "naast het codeboek"} <= set(table)
    spread = " · ".join(table["rollen"])  # 'ouder 60% · vrijwilliger 40%', as numbers.percent writes it
    assert re.search(r"(ouder|vrijwilliger|professional) \d+%", spread) and not re.search(r"\d %", spread)
    assert len(at.expander) == len(table)
    assert any(f"{len(table)} thema's in {codable} fragmenten uit 36 verhalen" in c.value for c in at.caption)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Fragmenten met hun thema (CSV)"]
    assert at.get("vega_lite_chart")
    quotes = [m for m in at.markdown if m.value and m.value.strip()]
    assert quotes and not any(m.proto.allow_html for m in quotes)
    at.run()  # a rerun reuses the cached result and keeps showing it
    assert not at.exception and len(at.dataframe[0].value) == len(table)


def test_an_inductive_code_from_a_theme(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = find(open_page(monkeypatch, demo_url, "themas"))
    at.text_input(key="themes_code_name_0").set_value("Samen eten").run()
    at.button(key="themes_make_code_0").click().run()
    assert not at.exception
    code = Workbench(load_settings(demo_url)).codebook().get("samen-eten")
    assert code.inductive and code.name == "Samen eten"
    assert any("Samen eten" in toast.value for toast in at.toast)
    at.button(key="themes_make_code_0").click().run()  # the same name again: a message, not a crash
    assert not at.exception
    assert any("bestaat al" in toast.value for toast in at.toast)


def test_a_practice_filter_needs_a_new_click(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = find(open_page(monkeypatch, demo_url, "themas"))
    at.selectbox(key="themes_practice").set_value("veendam").run()
    assert any("Je keuzes zijn gewijzigd" in c.value for c in at.caption)
    at.number_input(key="themes_min_size").set_value(8).run()
    find(at)
    assert not any("Je keuzes zijn gewijzigd" in c.value for c in at.caption)
    practices = set(at.dataframe[0].value["praktijken"].str.replace(r" \d+%", "", regex=True))
    assert practices == {"Alleenstaande-moedergroepen Veendam"}


def test_without_a_coder_no_code_can_be_made(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = find(open_page(monkeypatch, demo_url, "themas", coder=""))
    assert at.button(key="themes_make_code_0").disabled
    assert any("naam als codeur" in i.value for i in at.info)


def test_a_small_project_gets_a_dutch_message(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = find(open_page(monkeypatch, sqlite_url, "themas"))
    assert any("Te weinig fragmenten voor thema's: 0" in shown(e) for e in at.error)
    assert not at.dataframe


def test_the_page_in_english(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "themas")
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Themes"
    assert at.button(key="themes_run").label == "Find themes"
    find(at)
    table = at.dataframe[0].value
    assert list(table.columns[:3]) == ["theme", "keywords", "fragments"]
    assert any("themes in" in c.value for c in at.caption)
    assert at.selectbox(key="themes_role").options == ["all", "parent", "volunteer", "professional"]
    roles = " · ".join(table["roles"])  # 'parent 60% · volunteer 40%': English roles, no space before %
    assert re.search(r"(parent|volunteer|professional) \d+%", roles), roles
    assert not re.search(r"ouder|vrijwilliger|\d %", roles), roles
