"""Streamlit's file uploader speaks the page's language: its button, its limit line and its drop text are
replaced by CSS (ui/uploads.py), checked in AppTest (the styles sent) and in Chromium (what shows)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.test_browser import ARGS, CHROMIUM, ROOT, serve_app
from verhalen.ui import uploads

UI = ROOT / "src" / "verhalen" / "ui"


def test_every_uploader_goes_through_ui_uploads() -> None:
    direct = [
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if path.name != "uploads.py" and re.search(r"\bst\.file_uploader\(", path.read_text(encoding="utf-8"))
    ]
    assert direct == []


def test_css_strings_escape_everything_but_plain_text() -> None:
    assert uploads.css_string("max. 10 MB per bestand • TXT") == '"max. 10 MB per bestand • TXT"'
    hostile = uploads.css_string('a"; } body { display: none } </style>\\')
    assert '"' not in hostile[1:-1] and "}" not in hostile and "<" not in hostile and "\\\\" not in hostile
    assert uploads.widget_class("import-qdpx") == "st-key-import-qdpx"
    assert uploads.widget_class(" a b.c ") == "st-key-a-b-c"


def _styles(at: object) -> str:
    return "\n".join(h.proto.body for h in at.html if h.proto.body.startswith("<style>"))  # type: ignore[attr-defined]


def test_the_import_uploaders_get_texts_in_the_pages_language(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    from tests.apptest import open_page

    at = open_page(monkeypatch, sqlite_url, "verhalen")
    styles = _styles(at)
    assert 'content: "Bestanden kiezen"' in styles and 'content: "Bestand kiezen"' in styles
    assert 'content: "Sleep de bestanden hierheen"' in styles
    files = '.st-key-uploads [data-testid="stFileUploaderDropzoneInstructions"] span::after'
    assert f'{files} {{ content: "max. 10 MB per bestand • TXT, DOCX, ODT, PDF"' in styles
    table = '.st-key-table-upload [data-testid="stFileUploaderDropzoneInstructions"] span::after'
    assert f'{table} {{ content: "max. 10 MB per bestand • CSV, XLSX"' in styles
    assert "Choose" not in styles
    at.sidebar.selectbox[0].select("en").run()
    styles = _styles(at)
    assert 'content: "Choose files"' in styles and 'content: "10 MB per file • CSV, XLSX"' in styles
    assert "Bestand" not in styles


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp_path = tmp_path_factory.mktemp("uploads")
    with serve_app(f"sqlite:///{tmp_path / 'x.db'}", tmp_path) as address:
        yield address


SHOWN = """zone => [...zone.querySelectorAll(
    'button[data-testid="stBaseButton-secondary"] p, [data-testid="stFileUploaderDropzoneInstructions"] span'
)].map(e => getComputedStyle(e, '::after').content + '|' + getComputedStyle(e).fontSize)"""
DROP = """zone => getComputedStyle(
    zone.querySelector(':scope > div:not([data-testid]) > span'), '::after'
).content"""


@pytest.mark.browser
def test_chromium_shows_the_uploader_in_dutch_and_after_a_switch_in_english(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server, timeout=60_000)
        zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
        zone.wait_for(timeout=60_000)
        page.wait_for_function(
            """() => { const p = document.querySelector('[data-testid="stFileUploaderDropzone"] button p');
                       return p && getComputedStyle(p, '::after').content.includes('kiezen'); }""",
            timeout=30_000,
        )
        assert zone.evaluate(SHOWN) == [
            '"Bestanden kiezen"|0px',  # the English text takes no room; the Dutch one shows in its place
            '"max. 10 MB per bestand • TXT, DOCX, ODT, PDF"|0px',
        ]
        assert zone.locator("button").bounding_box()["width"] > 100  # type: ignore[index]
        transfer = page.evaluate_handle(
            "() => { const t = new DataTransfer(); t.items.add(new File(['x'], 'a.txt')); return t; }"
        )
        zone.dispatch_event("dragenter", {"dataTransfer": transfer})
        page.wait_for_timeout(300)
        assert zone.evaluate(DROP) == '"Sleep de bestanden hierheen"'
        zone.dispatch_event("dragleave", {"dataTransfer": transfer})

        page.get_by_role("combobox", name="Taal").click()
        page.get_by_role("option", name="English").click()
        page.get_by_text("Import stories").wait_for(timeout=60_000)
        page.wait_for_function(
            """() => { const p = document.querySelector('[data-testid="stFileUploaderDropzone"] button p');
                       return p && getComputedStyle(p, '::after').content.includes('Choose'); }""",
            timeout=30_000,
        )
        zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
        assert zone.evaluate(SHOWN) == ['"Choose files"|0px', '"10 MB per file • TXT, DOCX, ODT, PDF"|0px']
        browser.close()
