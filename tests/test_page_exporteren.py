"""AppTest of the Exporteren page: downloads, a .qdpx upload into an empty project, a .qdc proposal."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from tests.apptest import open_page, shown
from tests.test_project_import import foreign_project, qdc
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import Code

IMPORT = "Project importeren"
SAVE = "Nieuwe codeboekversie opslaan"


def project(url: str) -> Workbench:
    return Workbench(load_settings(url))


def button(at: AppTest, label: str) -> Button:
    return next(b for b in at.button if b.label == label)


def test_a_download_per_format(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "exporteren")
    labels = [element.proto.label for element in at.get("download_button")]
    assert len(labels) == 5
    assert any(".qdpx" in label for label in labels)
    assert any("alleen in een leeg project" in info.value for info in at.info)
    assert not any(b.label == IMPORT for b in at.button)


def test_qdpx_upload_into_an_empty_project(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "exporteren")
    assert button(at, IMPORT).disabled
    data = foreign_project().getvalue()
    at.file_uploader(key="import-qdpx").set_value(("ander.qdpx", data, "application/zip")).run()
    button(at, IMPORT).click().run()
    assert not at.exception and not at.error
    assert any("Geïmporteerd: 1 verhalen" in s.value for s in at.success)
    assert any("overlappende" in w.value for w in at.warning)
    assert project(sqlite_url).repo.story("Interview 3").practice == "geimporteerd"
    at.run()  # the project is no longer empty
    assert any("alleen in een leeg project" in info.value for info in at.info)


def test_a_broken_qdpx_gives_a_message(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "exporteren")
    at.file_uploader(key="import-qdpx").set_value(("kapot.qdpx", b"geen zip", "application/zip")).run()
    button(at, IMPORT).click().run()
    assert not at.exception
    assert any("geen QDPX-bestand" in shown(e) for e in at.error)


def test_qdc_upload_shows_the_changes_and_saves_a_version(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    active = project(sqlite_url).codebook()
    edited = replace(active.get("leren"), definition="Anders *gezegd*.")
    codes = [edited if c.id == "leren" else c for c in active.codes if c.id != "ontspannen.rust"]
    data = qdc(replace(active, codes=(*codes, Code("eigen", "<b>Eigen</b>")))).getvalue()
    at = open_page(monkeypatch, sqlite_url, "exporteren")
    at.file_uploader(key="import-qdc").set_value(("boek.qdc", data, "application/xml")).run()
    assert not at.exception and not at.error
    tables = [frame.value for frame in at.dataframe]
    assert [list(t["code"]) for t in tables] == [["eigen"], ["leren"], ["ontspannen.rust"]]
    assert list(tables[0]["naam"]) == ["<b>Eigen</b>"]
    assert list(tables[1]["gewijzigd"]) == ["definitie"]
    button(at, SAVE).click().run()
    assert not at.exception and not at.error
    book = project(sqlite_url).codebook()
    assert book.version.startswith(f"{active.version}-qdc-")
    assert {"eigen", "ontspannen.rust"} <= {c.id for c in book.codes}
    assert any("verandert niets" in info.value for info in at.info)


def test_qdc_upload_needs_a_coder_to_save(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    book = project(sqlite_url).codebook()
    data = qdc(replace(book, codes=(*book.codes, Code("eigen", "Eigen")))).getvalue()
    at = open_page(monkeypatch, sqlite_url, "exporteren", coder="")
    at.file_uploader(key="import-qdc").set_value(("boek.qdc", data, "application/xml")).run()
    assert button(at, SAVE).disabled
