"""No Dutch left in the English UI: the kinds of identifying details in the import review, the story roles on
Verhalen, Zoeken and Ophalen (stored Dutch, shown in the page's language), the Verhalen search placeholder;
and every percentage written as numbers.percent writes it (``11%``, no space)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, shown
from verhalen.app.import_review import Candidate
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import ROLES, Story
from verhalen.ingest import privacy
from verhalen.ui.i18n import LANGS, TEXTS
from verhalen.ui.importer import batch_token

SRC = Path(__file__).resolve().parents[1] / "src" / "verhalen" / "ui"
TEXT = "Ik sprak Barbara Hendriksen na de groep. Bel me op 06-12345678 als het kan."
ENGLISH_ROLES = ["parent", "volunteer", "professional"]


def _review_in(at: AppTest, lang: str) -> str:
    """A batch with a person and a phone number under review, the page in ``lang``; the batch token."""
    name = "Barbara Hendriksen"
    phone = "06-12345678"
    hits = (
        privacy.Hit(name, "persoon", TEXT.index(name), TEXT.index(name) + len(name)),
        privacy.Hit(phone, "telefoon", TEXT.index(phone), TEXT.index(phone) + len(phone)),
    )
    at.session_state["lang"] = lang
    at.session_state["import_batch"] = [Candidate("v1.txt", Story("v1", "beijum", "ouder", TEXT), hits)]
    at.run()
    assert not at.exception, at.exception
    return batch_token(at.session_state["import_batch"])


def _kinds(at: AppTest) -> list[str]:
    """The kind shown before each hit (in backticks)."""
    return [m[1] for m in (re.match(r"`([^`]*)` ", shown(e)) for e in at.markdown) if m]


def test_the_import_review_names_the_kinds_in_english(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    Workbench(load_settings(sqlite_url)).ensure_practices()
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    token = _review_in(at, "en")
    assert sorted(_kinds(at)) == ["person", "phone"]
    kind = at.selectbox(key=f"span-label-{token}-0")
    assert kind.options[:2] == ["person", "place"] and "phone" in kind.options
    assert (
        at.session_state[f"span-label-{token}-0"] == "persoon"
    )  # the stored kind stays Dutch: it names the placeholder [PERSOON-1]
    intro = next(shown(m) for m in at.markdown if "For each hit" in shown(m))
    assert "[PERSOON-1] for a person" in intro


def test_the_import_review_names_the_kinds_in_dutch(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    Workbench(load_settings(sqlite_url)).ensure_practices()
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    token = _review_in(at, "nl")
    assert sorted(_kinds(at)) == ["persoon", "telefoon"]
    assert at.selectbox(key=f"span-label-{token}-0").options[:2] == ["persoon", "locatie"]


def test_the_check_of_stored_stories_names_the_kind_in_english(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    privacy.warm_up()
    wb = Workbench(load_settings(sqlite_url))
    wb.ensure_practices()
    text = "Mijn buurvrouw Tsehaye hielp mij met de brief van school."
    wb.import_story(Story("oud-1", "beijum", "ouder", text), privacy={"kept": []})
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.session_state["lang"] = "en"
    at.run()
    at.button(key="rescan").click().run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Kind" in d.value.columns)
    assert list(table["Kind"]) == ["person"]


def test_verhalen_shows_roles_and_the_placeholder_in_english(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "verhalen")
    assert at.multiselect(key="stories_roles").options == list(ROLES)
    assert set(at.dataframe[0].value["Rol"]) <= set(ROLES)
    at.selectbox(key="lang").set_value("en").run()
    roles = at.multiselect(key="stories_roles")
    assert roles.options == ENGLISH_ROLES
    assert at.text_input(key="stories_query").placeholder == "coffee, app group, teacher…"
    column = at.dataframe[0].value["Role"]
    assert set(column) <= set(ENGLISH_ROLES) and "parent" in set(column)
    roles.select("parent").run()  # as the browser sends it: the label shown
    assert set(at.dataframe[0].value["Role"]) == {"parent"}
    assert at.session_state["stories_roles"] == ["ouder"]  # the stored value filters


def test_zoeken_shows_roles_in_english(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "zoeken")
    at.selectbox(key="lang").set_value("en").run()
    assert at.selectbox(key="search_role").options == ["all", *ENGLISH_ROLES]
    at.text_input(key="search_query").input("koffie").run()
    assert not at.exception
    metas = [shown(c).split(" · ") for c in at.caption if shown(c).count(" · ") >= 3]
    assert metas and {m[2] for m in metas} <= set(ENGLISH_ROLES), metas
    at.selectbox(key="search_role").set_value("volunteer").run()
    assert at.session_state["search_role"] == "vrijwilliger"
    metas = [shown(c).split(" · ") for c in at.caption if shown(c).count(" · ") >= 3]
    assert metas and {m[2] for m in metas} == {"volunteer"}


def test_ophalen_shows_roles_in_english(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "ophalen")
    at.selectbox(key="lang").set_value("en").run()
    assert at.selectbox(key="ret_role").options == ["all", *ENGLISH_ROLES]
    metas = [shown(c).split(" · ") for c in at.caption if "coded by" in shown(c)]
    assert metas and {m[2] for m in metas} <= set(ENGLISH_ROLES), metas
    at.selectbox(key="ret_role").set_value("parent").run()
    assert at.session_state["ret_role"] == "ouder"
    metas = [shown(c).split(" · ") for c in at.caption if "coded by" in shown(c)]
    assert metas and {m[2] for m in metas} == {"parent"}


def test_no_text_puts_a_space_before_a_percent_sign() -> None:
    """numbers.percent writes ``11%`` in both languages; a text with ``95 %`` would differ from it."""
    spaced = [
        (key, lang)
        for key, entry in TEXTS.items()
        for lang in LANGS
        if re.search(r"\d %", entry.get(lang, ""))
    ]
    assert spaced == []


def test_themes_write_percentages_through_numbers_percent() -> None:
    source = (SRC / "themes_view.py").read_text(encoding="utf-8")
    assert not re.search(r"\} %", source), "a percentage on Thema's written by hand with a space"
