"""The Coderen page in headless Chromium: the chosen story stays chosen while coding.

Codes five fragments of a story that is not first in the list and checks the picker, the URL and the
database after each click; then another page and back, a reload, and the keyboard.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.test_browser import ARGS, CHROMIUM, server  # noqa: F401  (the fixture)
from verhalen.domain import Coding
from verhalen.store import Repository, connect

pytestmark = pytest.mark.browser

CODER = "browser-codeur"


def _picked(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.get_by_role("combobox", name="Verhaal").input_value())


def _shows(story: str, decided: int | None = None) -> re.Pattern[str]:
    """The picker's text for ``story`` (with ``decided`` fragments decided: its label changes)."""
    return re.compile(f"^{re.escape(story)} \\(" + ("" if decided is None else f"{decided}/"))


def _first_confirm(page, own: set[int]):  # type: ignore[no-untyped-def]
    """The first ✓ on the page once the page shows the chosen story (its rerun may still be on its way)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        holder = page.locator("[class*='st-key-ok-']").first
        if holder.count():
            key = next(c for c in str(holder.get_attribute("class")).split() if c.startswith("st-key-ok-"))
            fragment_id, code = key.removeprefix("st-key-ok-").split("-", 1)
            if int(fragment_id) in own:
                return fragment_id, code, page.locator(f".{key} button").first  # by its key, not its place
        time.sleep(0.2)
    raise AssertionError("the chosen story's fragments did not appear")


def _stored(repo: Repository, expected: int, wait: float = 10.0) -> list[Coding]:
    """The browser coder's decisions, waiting up to ``wait`` seconds for ``expected`` of them."""
    deadline = time.monotonic() + wait
    while True:
        stored = repo.codings(coder=CODER)
        if len(stored) >= expected or time.monotonic() > deadline:
            return stored
        time.sleep(0.2)


def test_five_decisions_keep_the_chosen_story(server: str, demo_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    repo = Repository(connect(demo_url))
    stories = [s.id for s in repo.stories()]
    story = stories[2]
    own = {f.id for f in repo.fragments(story)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server}/coderen?codeur={CODER}", timeout=60_000)
        picker = page.get_by_role("combobox", name="Verhaal")
        expect(picker).to_have_value(_shows(stories[0]), timeout=60_000)
        picker.click()  # choose the third story in the picker, as a researcher would
        page.get_by_role("option", name=_shows(story)).click()
        expect(picker).to_have_value(_shows(story), timeout=30_000)
        lost = 0
        for n in range(1, 6):
            fragment_id, code, confirm = _first_confirm(page, own)
            confirm.click()
            expect(page.locator(f".st-key-wd-{fragment_id}-{code}")).to_be_visible(timeout=30_000)
            assert f"verhaal={story}" in page.url
            stored = _stored(repo, n - lost)
            lost = n - len(stored)
            assert {c.fragment_id for c in stored} <= own  # every decision went to the chosen story
            decided = len({c.fragment_id for c in stored})
            expect(picker).to_have_value(_shows(story, decided))  # the label changed, the story did not
        # Known open bug (README, "Coderen in the browser"): now and then a ✓ shows its ↺ but the decision is
        # not in the database. This test is about the story staying chosen; it tolerates one such click.
        assert lost <= 1, f"{lost} of 5 decisions were not stored"
        page.get_by_role("link", name=re.compile("Zoeken")).first.click()
        expect(page.get_by_role("heading", name=re.compile("Zoeken"))).to_be_visible(timeout=30_000)
        page.get_by_role("link", name=re.compile("Coderen")).first.click()
        expect(picker).to_have_value(_shows(story, decided), timeout=30_000)
        page.reload()  # a new browser session: the URL brings the story back
        expect(picker).to_have_value(_shows(story, decided), timeout=60_000)
        _first_confirm(page, own)  # the page is there
        page.get_by_role("heading", name="Coderen").click()  # no text field has the keyboard
        total = len(repo.codings(coder=CODER))
        for _ in range(20):  # a key pressed before the page's shortcuts are bound is lost: press again
            page.keyboard.press("u")  # undo by key
            deadline = time.monotonic() + 3
            while len(repo.codings(coder=CODER)) == total and time.monotonic() < deadline:
                time.sleep(0.1)
            if len(repo.codings(coder=CODER)) < total:
                break
        assert len(repo.codings(coder=CODER)) == total - 1
        left = len({c.fragment_id for c in repo.codings(coder=CODER)})
        expect(picker).to_have_value(_shows(story, left), timeout=30_000)
        browser.close()
