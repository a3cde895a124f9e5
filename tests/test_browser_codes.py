"""The Codes page in a real browser (headless Debian Chromium driven by Playwright).

A researcher renames an inductive code, then merges it into a sub-code of the handreiking; the database then
holds the new name, and the decisions moved to the sub-code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import ARGS, CHROMIUM, server  # noqa: F401  (the fixture)
from verhalen.domain import Code, Coding
from verhalen.store import Repository, connect

pytestmark = pytest.mark.browser


def settled(page: Any) -> None:
    """Wait until Streamlit's rerun is over (its 'Stop' button is gone), so a screenshot shows the page."""
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Stop")).to_have_count(0, timeout=60_000)


@pytest.fixture
def with_inductive_code(demo_url: str) -> str:
    repo = Repository(connect(demo_url))
    book = repo.active_codebook()
    assert book is not None
    repo.add_code(book.version, Code("lotgenoten", "Lotgenoten", inductive=True), "onderzoeker-a")
    first, second = repo.fragments("VEE-OUD-01", codable_only=True)[:2]
    repo.decide_many(
        [
            Coding(first.id, "lotgenoten", "onderzoeker-a", "confirmed", memo="moeders onder elkaar"),
            Coding(second.id, "lotgenoten", "onderzoeker-b", "confirmed"),
        ]
    )
    repo.engine.dispose()
    return demo_url


def test_rename_and_merge_a_code_in_chromium(
    with_inductive_code: str,
    server: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(f"{server}/codes?codeur=onderzoeker-a", timeout=60_000)
        expect(page.get_by_role("heading", name="Codes")).to_be_visible(timeout=60_000)
        settled(page)
        page.screenshot(path=str(tmp_path / "codes-1-open.png"))

        page.get_by_label("Code", exact=True).first.click()
        page.get_by_role("option", name="Lotgenoten", exact=True).click()
        expect(page.get_by_text("Inductieve code: naam, kleur en plaats")).to_be_visible(timeout=30_000)
        name = page.locator('input[aria-label="Naam"]:not([disabled])')  # not the factor's, leaving
        expect(name).to_have_value("Lotgenoten", timeout=30_000)
        name.fill("Lotgenoten en buren")
        name.press("Enter")
        page.get_by_role("button", name="Naam opslaan").click()
        expect(page.get_by_text("'Lotgenoten' heet nu 'Lotgenoten en buren'.")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Inductieve code: naam, kleur en plaats")).to_be_visible()  # still this code
        settled(page)
        page.screenshot(path=str(tmp_path / "codes-2-renamed.png"))

        page.get_by_label("Samenvoegen met").click()
        page.get_by_role("option", name="Groepsgevoel › Herkenning").click()
        page.get_by_text("Ja, samenvoegen").click()
        merge = page.get_by_role("button", name="Samenvoegen", exact=True)
        expect(merge).to_be_enabled(timeout=30_000)
        merge.click()
        expect(page.get_by_text("is samengevoegd met 'Groepsgevoel › Herkenning'")).to_be_visible(
            timeout=30_000
        )
        expect(page.get_by_text("2 coderingen verplaatst.")).to_be_visible()
        settled(page)
        page.screenshot(path=str(tmp_path / "codes-3-merged.png"), full_page=True)
        browser.close()

    repo = Repository(connect(with_inductive_code))
    book = repo.active_codebook()
    assert book is not None and "lotgenoten" not in {c.id for c in book.codes}
    codings = {(c.code, c.coder): c for c in repo.codings("VEE-OUD-01")}
    assert ("lotgenoten", "onderzoeker-a") not in codings
    assert codings[("groepsgevoel.herkenning", "onderzoeker-a")].memo == "moeders onder elkaar"
    assert codings[("groepsgevoel.herkenning", "onderzoeker-b")].status == "confirmed"
    merged = next(e for e in repo.events(10) if e.kind == "merge_code")
    assert '"source_name": "Lotgenoten en buren"' in merged.payload  # renamed first, through the page
    repo.engine.dispose()
