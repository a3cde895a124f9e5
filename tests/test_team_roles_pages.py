"""AppTest of team mode's roles on the pages: a role sees only the forms and buttons it may use (with one
line saying who may), a refusal that still happens is a message in the page's language and never a
traceback, and the role names are in the UI's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, shown
from tests.conftest import make_settings
from verhalen.app.accounts import Accounts, Actor
from verhalen.app.workbench import Workbench
from verhalen.domain import Story
from verhalen.ui import login

PASSWORD = "een lang wachtwoord"


def _project(url: str, tmp_path: Path) -> Workbench:
    """One story on which anna and bram disagree about two fragments; accounts for every role."""
    wb = Workbench(make_settings(url, tmp_path))
    wb.ensure_practices()
    text = "\n\n".join(
        f"Alinea {i}. Ik werkte toen in de buurt en sprak er veel mensen." for i in range(1, 8)
    )
    wb.import_story(Story("S1", "beijum", "ouder", text))
    fragments = [f.id for f in wb.repo.fragments("S1") if f.codable]
    factors = [c.id for c in wb.codebook().factors]
    for i, fid in enumerate(fragments[:4]):
        wb.decide(fid, factors[0], "anna", "confirmed", refresh=False)
        wb.decide(fid, factors[0 if i >= 2 else 1], "bram", "confirmed", refresh=False)
    accounts = Accounts(wb.repo)
    for name, role in (("beheer", "beheerder"), ("bob", "codeur"), ("lea", "lezer")):
        accounts.add(name, role, PASSWORD, by="test")
    return wb


def _as(monkeypatch: pytest.MonkeyPatch, url: str, page: str, actor: Actor, lang: str = "nl") -> AppTest:
    monkeypatch.setenv("VERHALEN_TEAM", "1")
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120)
    monkeypatch.setenv("VERHALEN_DATABASE_URL", url)
    monkeypatch.setenv("VERHALEN_EMBEDDER", "fake")
    monkeypatch.setenv("VERHALEN_DEBUG", "1")
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    at.session_state[login.ACTOR] = actor
    at.session_state["lang"] = lang
    at.switch_page(f"src/verhalen/ui/app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _settle_buttons(at: AppTest) -> list[str]:
    return [str(b.key) for b in at.button if str(b.key).startswith("res-")]


def _texts(at: AppTest) -> str:
    return " ".join(
        shown(x) for group in (at.info, at.error, at.caption, at.text, at.markdown) for x in group
    )


def test_a_beheerder_settles_and_a_codeur_sees_the_list_without_buttons(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    wb = _project(sqlite_url, tmp_path)
    at = _as(monkeypatch, sqlite_url, "overeenstemming", Actor("beheer", "beheerder"))
    buttons = _settle_buttons(at)
    assert buttons
    at.button(key=buttons[0]).click().run()
    assert not at.exception, at.exception
    assert len(wb.repo.resolutions()) == 1
    assert not at.error

    at = _as(monkeypatch, sqlite_url, "overeenstemming", Actor("bob", "codeur"), lang="en")
    assert _settle_buttons(at) == []  # read-only: no Assign / Not
    assert "given" in _texts(at)  # the disagreements are still listed, with the final word so far
    assert "Only the role administrator may settle disagreements between coders; your role is coder." in (
        _texts(at)
    )


def test_a_refused_settle_is_a_message_in_the_pages_language_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    """The buttons were shown (beheerder) but the click comes from a codeur (the role changed in between):
    the refusal names settling, is English on the English page, and the sidebar (logout) stays."""
    wb = _project(sqlite_url, tmp_path)
    at = _as(monkeypatch, sqlite_url, "overeenstemming", Actor("beheer", "beheerder"), lang="en")
    button = _settle_buttons(at)[0]
    at.session_state[login.ACTOR] = Actor("bob", "codeur")
    at.button(key=button).click().run()
    assert not at.exception, at.exception
    errors = [shown(e) for e in at.error]
    assert errors == [
        "That did not work: As coder you may not settle disagreements between coders; nothing was changed."
    ]
    assert wb.repo.resolutions() == {}
    assert any(b.key == "team_logout" for b in at.sidebar.button)
    assert any("Logged in as bob (coder)" in x.value for x in at.sidebar.text)
    assert at.query_params.get("taal") in ("en", ["en"])  # the language stays in the URL


def test_a_codeur_gets_no_import_form_and_no_code_forms(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    _project(sqlite_url, tmp_path)
    at = _as(monkeypatch, sqlite_url, "verhalen", Actor("bob", "codeur"))
    assert not at.get("file_uploader") and not at.tabs  # no upload, no privacy check, no review
    assert "Alleen de rol beheerder mag verhalen importeren; jouw rol is codeur." in _texts(at)

    at = _as(monkeypatch, sqlite_url, "codes", Actor("bob", "codeur"), lang="en")
    assert not at.main.button and not at.get("color_picker") and not at.checkbox  # no forms to refuse
    assert "Only the role administrator may change the codebook; your role is coder." in _texts(at)
    assert at.dataframe  # the codebook itself is there to read

    at = _as(monkeypatch, sqlite_url, "codes", Actor("beheer", "beheerder"))
    assert {"codes_rename", "codes_recolour", "codes_move"} <= {str(b.key) for b in at.button}
    at = _as(monkeypatch, sqlite_url, "verhalen", Actor("beheer", "beheerder"))
    assert at.get("file_uploader")


def test_single_user_mode_keeps_every_form(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    _project(sqlite_url, tmp_path)
    at = open_page(monkeypatch, sqlite_url, "codes", coder="anna")
    assert {"codes_rename", "codes_recolour", "codes_move"} <= {str(b.key) for b in at.button}
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    assert _settle_buttons(at)


def test_role_names_in_the_english_sidebar(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    _project(sqlite_url, tmp_path)
    at = _as(monkeypatch, sqlite_url, "verhalen", Actor("lea", "lezer"), lang="en")
    assert any(x.value == "Logged in as lea (reader)" for x in at.sidebar.text)
    at = _as(monkeypatch, sqlite_url, "coderen", Actor("lea", "lezer"), lang="en")
    assert "Your role (reader) may read and export, not code." in _texts(at)
    at = _as(monkeypatch, sqlite_url, "verhalen", Actor("beheer", "beheerder"))
    assert any(x.value == "Ingelogd als beheer (beheerder)" for x in at.sidebar.text)  # Dutch stays Dutch
