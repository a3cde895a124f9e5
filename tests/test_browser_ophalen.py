"""Ophalen and Zoeken in a real browser (headless Debian Chromium driven by Playwright).

A researcher opens all segments of a factor, narrows them to one practice, reads a memo; searches a
phrase and sees it first and highlighted; switches to English and keeps it after a reload.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_browser import ARGS, CHROMIUM, server  # noqa: F401  (the fixture)
from verhalen.domain import Memo
from verhalen.store import Repository, connect

pytestmark = pytest.mark.browser


@pytest.fixture
def with_memo(demo_url: str) -> str:
    repo = Repository(connect(demo_url))
    fragment = next(f for f in repo.fragments("BEI-OUD-01") if "uurtje voor mezelf" in f.text)
    repo.set_memo(Memo(fragment.id, "onderzoeker-a", "Sleutelcitaat voor het hoofdstuk over rust."))
    repo.engine.dispose()
    return demo_url


def test_segments_of_a_factor_memo_and_search_in_chromium(
    with_memo: str,
    server: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(f"{server}/ophalen?codeur=onderzoeker-a&code=ontspannen", timeout=60_000)
        expect(page.get_by_role("heading", name="Ophalen")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("uurtje voor mezelf").first).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Memo van onderzoeker-a (bij het fragment)").first).to_be_visible()
        expect(page.get_by_text("segmenten in").first).to_contain_text("verhalen")
        page.screenshot(path=str(tmp_path / "ophalen.png"))

        page.get_by_label("Praktijk").first.click()
        page.get_by_role("option", name="Alleenstaande-moedergroepen Veendam").click()
        expect(page.get_by_text("uurtje voor mezelf").filter(visible=True)).to_have_count(0, timeout=30_000)
        expect(page.get_by_text("VEE-OUD-01 ·").first).to_be_visible()

        page.goto(f"{server}/zoeken?codeur=onderzoeker-a", timeout=60_000)
        query = page.get_by_label("Zoekvraag")
        query.fill("even een uurtje voor mezelf")
        query.press("Enter")
        first = page.get_by_text("exacte woordgroep").first
        expect(first).to_be_visible(timeout=60_000)
        expect(page.locator("strong", has_text="even een uurtje voor mezelf").first).to_be_visible()

        page.get_by_label("Taal").first.click()
        page.get_by_role("option", name="English").click()
        expect(page.get_by_role("heading", name="Search")).to_be_visible(timeout=30_000)
        page.reload()
        expect(page.get_by_role("heading", name="Search")).to_be_visible(timeout=60_000)
        assert "taal=en" in page.url
        browser.close()
