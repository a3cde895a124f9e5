"""AppTest of the Exporteren page: a file per format made only when asked for (from the project as it is
then), a .qdpx upload into an empty project, a .qdc proposal."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import streamlit
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

import verhalen.app.exporting
from tests.apptest import open_page, shown
from tests.test_project_import import foreign_project, qdc
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import Code, ValidationError

IMPORT = "Project importeren"
SAVE = "Nieuwe codeboekversie opslaan"
FORMATS = ("csv", "xlsx", "matrix", "qdpx", "qdc")


def project(url: str) -> Workbench:
    return Workbench(load_settings(url))


def button(at: AppTest, label: str) -> Button:
    return next(b for b in at.button if b.label == label)


def downloads(at: AppTest) -> list[str]:
    return [element.proto.label for element in at.get("download_button")]


def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the exports the page builds (the formats, in order)."""
    calls: list[str] = []
    original = verhalen.app.exporting.export

    def counted(snapshot: Any, fmt: str, *args: Any, **kwargs: Any) -> None:
        calls.append(fmt)
        original(snapshot, fmt, *args, **kwargs)

    monkeypatch.setattr(verhalen.app.exporting, "export", counted)
    return calls


def handed_over(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes each download button (by key) offers, as of the last run."""
    offered: dict[str, bytes] = {}
    original = streamlit.download_button

    def recorded(label: str, data: Any, *args: Any, **kwargs: Any) -> bool:
        offered[str(kwargs.get("key"))] = data
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", recorded)
    return offered


def test_a_download_per_format(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "exporteren")
    for fmt in FORMATS:
        at.button(key=f"build-{fmt}").click().run()
    assert not at.exception and not at.error
    labels = downloads(at)
    assert len(labels) == 5
    assert any(".qdpx" in label for label in labels)
    assert any("alleen in een leeg project" in info.value for info in at.info)
    assert not any(b.label == IMPORT for b in at.button)


def test_opening_the_page_builds_no_file(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    calls = built(monkeypatch)
    at = open_page(monkeypatch, demo_url, "exporteren")
    assert calls == [] and downloads(at) == []
    assert [b.label for b in at.button if b.key and b.key.startswith("build-")] == ["Maak bestand"] * 5
    at.radio[0].set_value("story").run()  # "Matrix per" builds nothing either
    at.run()
    assert calls == [] and downloads(at) == []
    at.button(key="build-qdpx").click().run()
    assert calls == ["qdpx"]
    assert downloads(at) == ["Download .qdpx"]
    at.run()  # the file is kept while the project is unchanged: not built again
    assert calls == ["qdpx"] and downloads(at) == ["Download .qdpx"]


def test_a_download_is_the_project_as_it_is_now(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    offered = handed_over(monkeypatch)
    at = open_page(monkeypatch, demo_url, "exporteren")
    at.button(key="build-csv").click().run()
    assert "nieuwe-codeur" not in offered["dl-csv"].decode()
    wb = project(demo_url)
    fragment = wb.repo.fragments(codable_only=True)[0]
    wb.decide(fragment.id, wb.codebook().codes[0].id, "nieuwe-codeur", "confirmed", refresh=False)
    offered.clear()
    at.run()  # a decision since the file was made: the old file is no longer offered
    assert downloads(at) == [] and "dl-csv" not in offered
    assert any("veranderd sinds het vorige bestand" in c.value for c in at.caption)
    at.button(key="build-csv").click().run()
    assert "nieuwe-codeur" in offered["dl-csv"].decode()


def test_a_failing_export_is_a_message_in_the_page_language(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    def broken(snapshot: Any, fmt: str, *args: Any, **kwargs: Any) -> None:
        if fmt == "xlsx":
            raise RuntimeError("kapot")
        raise ValidationError("export_format_unknown", fmt=fmt, formats="csv")

    monkeypatch.setattr(verhalen.app.exporting, "export", broken)
    at = open_page(monkeypatch, demo_url, "exporteren")
    at.button(key="build-xlsx").click().run()
    assert not at.exception and downloads(at) == []
    assert [e.value for e in at.error] == [
        "Dit bestand kon niet worden gemaakt (RuntimeError). De rest van de pagina werkt nog; de details "
        "staan in het serverlog."
    ]
    at.button(key="build-csv").click().run()
    assert not at.exception
    assert [shown(e) for e in at.error] == ["Dat ging niet: Onbekend exportformaat 'csv'; kies uit csv."]
    at.selectbox(key="lang").set_value("en").run()
    at.button(key="build-xlsx").click().run()
    assert not at.exception
    assert any(e.value.startswith("This file could not be made (RuntimeError).") for e in at.error)
    assert [b.label for b in at.button if b.key == "build-qdpx"] == ["Make file"]


def test_story_counts_are_singular_or_plural(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    stories = len(project(demo_url).repo.stories())
    at = open_page(monkeypatch, demo_url, "exporteren")
    assert any(f"bevat al {stories} verhalen." in info.value for info in at.info)
    at.selectbox(key="lang").set_value("en").run()
    assert any(f"already contains {stories} stories." in info.value for info in at.info)


def test_qdpx_upload_into_an_empty_project(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "exporteren")
    assert button(at, IMPORT).disabled
    data = foreign_project().getvalue()
    at.file_uploader(key="import-qdpx").set_value(("ander.qdpx", data, "application/zip")).run()
    button(at, IMPORT).click().run()
    assert not at.exception and not at.error
    assert any("Geïmporteerd: 1 verhaal, " in s.value for s in at.success)
    assert any("overlappende" in w.value for w in at.warning)
    assert project(sqlite_url).repo.story("Interview 3").practice == "geimporteerd"
    at.run()  # the project is no longer empty
    assert any("bevat al 1 verhaal. " in info.value for info in at.info)
    assert any("alleen in een leeg project" in info.value for info in at.info)
    at.selectbox(key="lang").set_value("en").run()
    assert any("already contains 1 story. " in info.value for info in at.info)


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
