"""Everything a user typed is shown as text, in a real browser: no payload becomes a link, an image or HTML.

Coder names, code ids and names, story ids and texts, memos and practice names hold markdown and HTML that
would fetch an address or make a link; every page is opened in Chromium and no request may leave for an
address in a payload, and no link or image pointing there may be in the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.test_browser import ARGS, CHROMIUM, serve_app
from tests.test_browser_coding import IDLE
from verhalen.domain import Code, Coding, Fragment, Memo, Practice, Story
from verhalen.store import Repository, connect

pytestmark = pytest.mark.browser

IMG = "![t](http://10.9.9.9/track.png)"
LINK = "[x](https://evil.example)"
HTML = "<img src=http://10.9.9.9/x>"
BARE = "zie https://evil.example/kaal en www.evil.example"
STYLED = ":red[rood] :material/home: $x^2$"
ALL = f"{IMG} {LINK} {HTML} {BARE} {STYLED}"
HOSTS = ("10.9.9.9", "evil.example")

CODER_IMG = f"{IMG} a"  # sorted first: the Overeenstemming page pairs these two coders by default
CODER_LINK = f"{LINK} {HTML}"
STORY_ID = f"{IMG}{LINK}"
CODE_ID = f"{LINK}{IMG}"


def _poison(url: str) -> str:
    """Put a payload in every field a user can type: practice, story id and text, codes, coders, memos."""
    repo = Repository(connect(url))
    repo.ensure_practice(Practice("evil", f"{IMG} {HTML}"))
    text = f"{ALL}. Tweede zin over de juf. {ALL}."
    first = text.index(". ") + 1
    fragments = [
        Fragment(STORY_ID, 0, 0, first, text[:first]),
        Fragment(STORY_ID, 1, first + 1, len(text), text[first + 1 :]),
    ]
    ids = repo.add_story(Story(STORY_ID, "evil", "ouder", text, title=ALL), fragments, {"coder": CODER_IMG})
    book = repo.active_codebook()
    assert book is not None
    repo.add_code(book.version, Code(CODE_ID, ALL, colour="red;background:url(http://10.9.9.9/c)"), CODER_IMG)
    factor = book.factors[0].id
    demo = [f.id for f in repo.fragments(codable_only=True)[:6]]
    for fid in [*ids, *demo]:
        repo.decide(Coding(fid, CODE_ID, CODER_IMG, "confirmed"))
        repo.decide(Coding(fid, factor, CODER_LINK, "confirmed"))
        repo.set_memo(Memo(fid, CODER_LINK, ALL, CODE_ID))
        repo.set_memo(Memo(fid, CODER_IMG, ALL))
    return url


@pytest.fixture
def poisoned_server(demo_url: str, tmp_path: Path) -> Iterator[str]:
    _poison(demo_url)
    with serve_app(demo_url, tmp_path) as address:
        yield address


def _points_to(target: str, host: str) -> bool:
    """True if a link, image or style address goes to ``host`` (not: mentions it in a query string)."""
    if target.startswith(("http://", "https://", "//")):
        return (urlsplit(target).hostname or "").endswith(host)
    return host in target  # a style's url(...) or anything else


PAGES = (
    f"?codeur={quote(CODER_IMG)}",
    f"coderen?codeur={quote(CODER_IMG)}&verhaal={quote(STORY_ID)}",
    "overeenstemming",
    "vergelijken",
    "themas",
    f"ophalen?code={quote(CODE_ID)}",
    "codes",
    "geschiedenis",
    "zoeken",
    "exporteren",
)


def _settled(page) -> None:  # type: ignore[no-untyped-def]
    """Until the app is idle (no script run, nothing stale), and idle again 0.3 s later: a page that reruns
    once more (a fragment, a query-parameter write) is caught by the second look. It replaced a fixed 3 s
    wait per page."""
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE, timeout=60_000)


def test_no_payload_becomes_a_request_or_a_link(poisoned_server: str) -> None:
    from playwright.sync_api import sync_playwright

    leaked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on(
            "request", lambda r: leaked.append(r.url) if any(_points_to(r.url, h) for h in HOSTS) else None
        )
        seen = []
        for path in PAGES:
            page.goto(f"{poisoned_server}/{path}", timeout=60_000)
            page.locator("h1, h2").first.wait_for(timeout=60_000)
            _settled(page)  # every rerun has run
            for element in page.locator("[data-testid=stExpander] summary").all():
                if element.is_visible():  # (an expander in another tab is not)
                    element.click(timeout=10_000)  # the memos and quotes inside
            page.wait_for_timeout(500)
            _settled(page)
            targets = page.eval_on_selector_all(
                "a[href], img[src], iframe[src], object, embed, link[href], [style*=url]",
                "els => els.map(e => e.href || e.src || e.data || e.getAttribute('style') || '')",
            )
            bad = [x for x in targets if any(_points_to(x, h) for h in HOSTS)]
            assert not bad, f"{path}: {bad}"
            seen.append(path)
        browser.close()
    assert seen == list(PAGES)
    assert not leaked, leaked
