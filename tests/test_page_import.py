"""AppTest of the import flow on the Verhalen page: upload, identifier review, store.

streamlit 1.67's AppTest can set ``st.file_uploader`` values, so the whole flow is driven from an
upload; the review step is also tested on a batch of ``import_review.Candidate`` put straight into
``session_state["import_batch"]``.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from tests.apptest import open_page
from verhalen.app.import_review import Candidate
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import Story
from verhalen.ingest import privacy
from verhalen.ui.importer import batch_token

NAME = "Barbara Hendriksen"
TEXT = f"Ik sprak {NAME} na de groep. Later belde {NAME} nog even. De koffie was goed."
CHECK = "Controleren op herleidbare gegevens"


def _shown(element: object) -> str:
    """A message as the researcher reads it: user text in it is escaped markdown (issue #17)."""
    return re.sub(r"\\(.)", r"\1", str(getattr(element, "value", "")))


@pytest.fixture(scope="module", autouse=True)
def deduce_loaded() -> None:
    privacy.warm_up()


def project(url: str) -> Workbench:
    return Workbench(load_settings(url))


def button(at: AppTest, label: str) -> Button:
    return next(b for b in at.button if b.label == label)


def test_upload_review_pseudonymise_all_and_store(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.file_uploader(key="uploads").set_value(("gesprek.txt", TEXT.encode("utf-8"), "text/plain")).run()
    at.text_input(key="import-date").input("12-3-2024")
    at.text_area(key="import-attributes").input("groep = ochtend\nkinderen = 2")
    button(at, CHECK).click().run()
    assert not at.exception and not at.error
    assert len(at.radio) == 1  # one row for both mentions of the name
    assert any("2× in de tekst" in m.value for m in at.markdown)
    at.radio[0].set_value("behouden").run()
    button(at, "Alles pseudonimiseren").click().run()
    assert [r.value for r in at.radio] == ["pseudonimiseren"]
    button(at, "Opslaan").click().run()
    assert not at.exception and not at.error
    assert any("gesprek" in _shown(s) for s in at.success)
    story = project(sqlite_url).repo.story("gesprek")
    assert story.text.count("[PERSOON-1]") == 2 and "Barbara" not in story.text
    assert story.date == "2024-03-12"
    assert {(a.name, a.value, a.type) for a in story.attributes} == {
        ("groep", "ochtend", "text"),
        ("kinderen", "2", "number"),
    }
    assert at.session_state["import_batch"] is None


def _put_batch(at: AppTest) -> None:
    start = TEXT.index(NAME)
    second = TEXT.index(NAME, start + 1)
    hits = (
        privacy.Hit(NAME, "persoon", start, start + len(NAME)),
        privacy.Hit(NAME, "persoon", second, second + len(NAME)),
    )
    at.session_state["import_batch"] = [Candidate("v1.txt", Story("v1", "beijum", "ouder", TEXT), hits)]
    at.run()


def test_kept_name_without_reason_stores_nothing(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    project(sqlite_url).ensure_practices()
    _put_batch(at)
    at.radio[0].set_value("behouden").run()
    button(at, "Opslaan").click().run()
    assert any("reden" in _shown(e) for e in at.error)
    assert len([e for e in at.error if NAME in _shown(e)]) == 1  # one message per name, not per mention
    assert project(sqlite_url).repo.counts()["stories"] == 0

    batch = at.session_state["import_batch"]
    at.text_input(key=f"why-{batch_token(batch)}-0-0").input("naam van de trainer, met toestemming").run()
    button(at, "Opslaan").click().run()
    assert not at.exception and not at.error
    wb = project(sqlite_url)
    assert wb.repo.story("v1").text == TEXT
    event = next(e for e in wb.repo.events() if e.kind == "import")
    privacy_log = json.loads(event.payload)["privacy"]
    assert (
        privacy_log["kept"]
        == [{"label": "persoon", "text": NAME, "reason": "naam van de trainer, met toestemming"}] * 2
    )
    assert privacy_log["pseudonymised"] == []


def test_story_id_preview_span_and_names_list(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    wb = project(sqlite_url)
    wb.ensure_practices()
    _put_batch(at)
    token = batch_token(at.session_state["import_batch"])
    assert at.text_input(key=f"sid-{token}-0").value == "v1"  # proposed from the file name

    at.toggle(key=f"preview-{token}-0").set_value(True).run()
    shown = "\n".join(c.value for c in at.code)
    assert "Ik sprak [PERSOON-1] na de groep" in shown and NAME not in shown

    at.text_input(key=f"span-{token}-0").input("de koffie")
    at.selectbox(key=f"span-label-{token}-0").set_value("instelling")
    at.button(key=f"span-add-{token}-0").click().run()
    assert not at.exception and not at.error
    batch = at.session_state["import_batch"]
    assert [h.text for h in batch[0].hits if h.label == "instelling"] == ["De koffie"]
    token = batch_token(batch)

    at.button(key=f"list-{token}-0-0").click().run()
    from verhalen.app import names_list

    assert names_list.project_names(project(sqlite_url)) == (NAME,)

    at.text_input(key=f"sid-{token}-0").input("   ").run()
    button(at, "Opslaan").click().run()
    assert any("verhaal-id" in _shown(e) for e in at.error)
    assert project(sqlite_url).repo.counts()["stories"] == 0
    at.text_input(key=f"sid-{token}-0").input("gesprek-7").run()
    button(at, "Opslaan").click().run()
    assert not at.exception and not at.error
    story = project(sqlite_url).repo.story("gesprek-7")
    assert story.text == (
        "Ik sprak [PERSOON-1] na de groep. Later belde [PERSOON-1] nog even. [INSTELLING-1] was goed."
    )


def test_span_not_in_the_text_gives_a_dutch_error(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    project(sqlite_url).ensure_practices()
    _put_batch(at)
    token = batch_token(at.session_state["import_batch"])
    at.text_input(key=f"span-{token}-0").input("Veendam")
    at.button(key=f"span-add-{token}-0").click().run()
    assert not at.exception
    assert any("komt niet voor" in _shown(e) for e in at.error)
    assert len(at.session_state["import_batch"][0].hits) == 2


def test_names_list_editor_saves_all_or_nothing(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    from verhalen.app import names_list

    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.text_area(key="names-list").input("Kwebbel\nlokatie:Beijum").run()
    at.button(key="names-save").click().run()
    assert any("Onbekend soort" in _shown(e) for e in at.error)
    assert names_list.project_names(project(sqlite_url)) == ()
    at.text_area(key="names-list").input("Kwebbel\nlocatie:Beijum-Oost\n").run()
    at.button(key="names-save").click().run()
    assert any("2 namen" in m.value for m in at.success)
    assert names_list.project_names(project(sqlite_url)) == ("Kwebbel", "locatie:Beijum-Oost")


@pytest.mark.parametrize(
    ("name", "data", "keyword"),
    [
        ("leeg.txt", b"", "is leeg"),
        ("nep.docx", b"MZ\x90\x00 programma", "geen geldig Word-bestand"),
        ("groot.txt", b"koffie " * 200_000, "groter dan de limiet van 1 MB"),
    ],
)
def test_bad_upload_shows_a_dutch_message_and_stores_nothing(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, name: str, data: bytes, keyword: str
) -> None:
    monkeypatch.setenv("VERHALEN_MAX_UPLOAD_MB", "1")
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.file_uploader(key="uploads").set_value((name, data, "application/octet-stream")).run()
    button(at, CHECK).click().run()
    assert not at.exception
    assert any(keyword in _shown(e) and name in _shown(e) for e in at.error)
    assert not at.session_state["import_batch"]
    assert project(sqlite_url).repo.counts()["stories"] == 0


def test_a_bad_upload_in_english_is_an_english_message(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.selectbox(key="lang").set_value("en").run()
    at.file_uploader(key="uploads").set_value(("nep.docx", b"MZ\x90\x00 programma", "application/pdf")).run()
    next(b for b in at.button if b.label == "Check for identifying details").click().run()
    assert not at.exception
    assert [_shown(e) for e in at.error] == ["'nep.docx' is not a valid Word file (not a zip archive)."]


def test_a_bad_table_row_in_english(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.selectbox(key="lang").set_value("en").run()
    data = b"id;tekst;rol\nT1;De koffie stond klaar.;ouder\nT1;Daarna gingen we wandelen.;ouder\n"
    at.file_uploader(key="table-upload").set_value(("lijst.csv", data, "text/csv")).run()
    at.button(key="table-check").click().run()
    assert not at.exception
    shown = [_shown(w) for w in at.warning] + [_shown(e) for e in at.error]
    assert "Line 3: id 'T1' already occurs on line 2." in shown, shown


def test_table_without_text_column_then_mapped(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    data = b"nummer;beschrijving;rol\nN1;De koffie stond klaar en de juf was aardig.;vrijwilliger\n"
    at.file_uploader(key="table-upload").set_value(("lijst.csv", data, "text/csv")).run()
    assert any("geen tekstkolom" in _shown(w) for w in at.warning)
    assert at.button(key="table-check").disabled
    text_box = next(s for s in at.selectbox if s.label == "Tekst")
    text_box.set_value("beschrijving").run()
    next(s for s in at.selectbox if s.label == "Verhaal-id").set_value("nummer").run()
    at.button(key="table-check").click().run()
    assert not at.exception
    button(at, "Opslaan").click().run()
    story = project(sqlite_url).repo.story("N1")
    assert story.role == "vrijwilliger" and story.text.startswith("De koffie")


def test_stored_stories_checked_again_on_the_page(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    wb = project(sqlite_url)
    wb.ensure_practices()
    at.button(key="rescan").click().run()
    assert any("Geen nieuwe treffers" in _shown(s) for s in at.success)
    text = "Mijn buurvrouw Tsehaye hielp mij met de brief van school."
    wb.import_story(Story("oud-1", "beijum", "ouder", text), privacy={"kept": []})
    at.button(key="rescan").click().run()
    assert not at.exception
    assert any("1 mogelijk herleidbaar gegeven in 1 verhaal die" in _shown(w) for w in at.warning)
    table = next(d.value for d in at.dataframe if "Soort" in d.value.columns)
    assert [list(row) for _, row in table.iterrows()] == [["oud-1", "persoon", "Tsehaye"]]


def _one_hit_batch(at: AppTest) -> None:
    start = TEXT.index(NAME)
    hit = privacy.Hit(NAME, "persoon", start, start + len(NAME))
    at.session_state["import_batch"] = [Candidate("v1.txt", Story("v1", "beijum", "ouder", TEXT), (hit,))]
    at.run()


def test_counts_in_the_review_are_singular_for_one(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    project(sqlite_url).ensure_practices()
    _put_batch(at)  # one story, two hits
    texts = [_shown(m) for m in at.markdown]
    assert any(m.startswith("1 verhaal, 2 mogelijk herleidbare gegevens.") for m in texts), texts
    assert any(e.label.endswith("— 2 treffers") for e in at.expander)
    _one_hit_batch(at)
    texts = [_shown(m) for m in at.markdown]
    assert any(m.startswith("1 verhaal, 1 mogelijk herleidbaar gegeven.") for m in texts), texts
    assert any(e.label.endswith("— 1 treffer") for e in at.expander)
    at.session_state["lang"] = "en"
    at.run()
    texts = [_shown(m) for m in at.markdown]
    assert any(m.startswith("1 story, 1 potentially identifying detail.") for m in texts), texts
    assert any(e.label.endswith("— 1 hit") for e in at.expander)


def test_storing_one_story_says_verhaal(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    project(sqlite_url).ensure_practices()
    _one_hit_batch(at)
    button(at, "Opslaan").click().run()
    assert not at.exception and not at.error
    notices = [_shown(x) for x in [*at.toast, *at.success]]
    assert any("1 verhaal opgeslagen." in n for n in notices), notices
    assert not any("verhalen opgeslagen" in n for n in notices)
