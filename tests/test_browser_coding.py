"""The Coderen page in headless Chromium: the chosen story stays chosen while coding.

Codes five fragments of a story that is not first in the list and checks the picker, the URL and the
database after each click (5 of 5 stored: the test waits until the app is idle before it picks the next
✓), a double click on ✓ (stored once, never withdrawn); then another page and back, a reload, and the
keyboard.
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


# The app is idle: its script is not running and no element is stale (left from before the last rerun).
# A fragment of the page (the "bijgewerkt" line) may rerun on its own now and then: it never touches a card.
IDLE = (
    "document.querySelector('.stApp')?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-stale=\"true\"]')"
)


def _idle(page) -> None:  # type: ignore[no-untyped-def]
    """Until the app has finished its rerun (Streamlit's ``data-test-script-state`` on ``.stApp``)."""
    page.wait_for_function(IDLE, timeout=60_000)


def _first_confirm(page, own: set[int]):  # type: ignore[no-untyped-def]
    """The first enabled ✓ on the idle page once it shows the chosen story: (fragment, code, button)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        _idle(page)
        for holder in page.locator("[class*='st-key-ok-']").all():
            key = next(c for c in str(holder.get_attribute("class")).split() if c.startswith("st-key-ok-"))
            fragment_id, code = key.removeprefix("st-key-ok-").split("-", 1)
            button = page.locator(f".{key} button").first
            if int(fragment_id) in own and button.is_enabled():
                return fragment_id, code, button  # by its key, not its place
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
        for n in range(1, 6):
            fragment_id, code, confirm = _first_confirm(page, own)
            confirm.click()
            expect(page.locator(f".st-key-wd-{fragment_id}-{code}")).to_be_visible(timeout=30_000)
            _idle(page)  # the card's rerun is done: its stale copy is gone
            expect(page.locator(f".st-key-ok-{fragment_id}-{code} button").first).to_be_disabled()  # in place
            assert f"verhaal={story}" in page.url
            stored = _stored(repo, n)
            assert len(stored) == n, f"{n - len(stored)} of {n} decisions were not stored"
            assert {c.fragment_id for c in stored} <= own  # every decision went to the chosen story
            expect(picker).to_have_value(_shows(story))  # the story did not change
        assert len(repo.codings(coder=CODER)) == 5  # 5 of 5 stored: no click lost
        fragment_id, code, confirm = _first_confirm(page, own)
        confirm.dblclick()  # a double click confirms once and never withdraws
        expect(page.locator(f".st-key-wd-{fragment_id}-{code}")).to_be_visible(timeout=30_000)
        _idle(page)
        assert (int(fragment_id), code) in {(c.fragment_id, c.code) for c in _stored(repo, 6)}
        assert len(repo.codings(coder=CODER)) == 6
        decided = len({c.fragment_id for c in repo.codings(coder=CODER)})
        page.get_by_role("link", name=re.compile("Zoeken")).first.click()
        expect(page.get_by_role("heading", name=re.compile("Zoeken"))).to_be_visible(timeout=30_000)
        page.get_by_role("link", name=re.compile("Coderen")).first.click()
        expect(picker).to_have_value(_shows(story, decided), timeout=30_000)
        # the page wrote the story and the sidebar the coder (each its own URL update after a page switch)
        page.wait_for_url(lambda url: f"verhaal={story}" in url and f"codeur={CODER}" in url, timeout=30_000)
        _idle(page)
        page.reload()  # a new browser session: the URL brings the story back
        expect(picker).to_have_value(_shows(story, decided), timeout=60_000)
        expect(page.locator(".st-key-focus-card")).to_be_visible(timeout=60_000)  # the page is there
        _idle(page)  # (every ✓ on screen may be decided by now: the undo key needs none)
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
