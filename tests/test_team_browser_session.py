"""Team mode in a real browser: a local login survives a reload and a new tab (the cookie with the lasting
login's token), logging out revokes it (a reload shows the login form again, and the other tab is logged
out at its next click). Headless Chromium via Playwright."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.conftest import make_settings
from tests.test_browser import ARGS, CHROMIUM, serve_app
from verhalen.app.accounts import Accounts
from verhalen.app.workbench import Workbench

pytestmark = pytest.mark.browser

USER, PASSWORD = "bert", "lokaal wachtwoord 2"
LOGGED_IN = f"Ingelogd als {USER} (codeur)"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A team-mode server on an empty project with one local account: (its address, its database)."""
    tmp_path = tmp_path_factory.mktemp("session")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    Accounts(Workbench(make_settings(url, tmp_path)).repo).add(USER, "codeur", PASSWORD, by="test")
    with serve_app(url, tmp_path, env={"VERHALEN_TEAM": "1"}) as address:
        yield address, url


def test_a_local_login_survives_a_reload_until_logged_out(server: tuple[str, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    address, url = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(address, timeout=60_000)
        page.get_by_role("textbox", name="Gebruikersnaam").fill(USER, timeout=60_000)
        page.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen", exact=True).click()
        expect(page.get_by_text(LOGGED_IN)).to_be_visible(timeout=60_000)
        page.wait_for_function("document.cookie.includes('verhalen_sessie=')", timeout=30_000)
        (cookie,) = [c for c in context.cookies() if c["name"] == "verhalen_sessie"]
        assert cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert 11.9 * 3600 < cookie["expires"] - time.time() <= 12 * 3600

        page.reload()
        expect(page.get_by_text(LOGGED_IN)).to_be_visible(timeout=60_000)
        expect(page.get_by_role("textbox", name="Gebruikersnaam")).to_have_count(0)
        other = context.new_page()  # a new tab of the same browser
        other.goto(f"{address}/zoeken", timeout=60_000)
        expect(other.get_by_text(LOGGED_IN)).to_be_visible(timeout=60_000)

        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_role("textbox", name="Gebruikersnaam")).to_be_visible(timeout=60_000)
        page.wait_for_function("!document.cookie.includes('verhalen_sessie=')", timeout=30_000)
        page.reload()
        expect(page.get_by_role("textbox", name="Gebruikersnaam")).to_be_visible(timeout=60_000)
        expect(page.get_by_text(LOGGED_IN)).to_have_count(0)

        other.get_by_role("link", name="Verhalen").click()  # the other tab's next click: logged out too
        expect(other.get_by_text("Je login is beëindigd")).to_be_visible(timeout=60_000)
        expect(other.get_by_text(LOGGED_IN)).to_have_count(0)
        browser.close()

    from verhalen.store import Repository, connect

    kinds = [e.kind for e in reversed(Repository(connect(url)).events(limit=100)) if e.coder == USER]
    assert kinds == ["login", "logout"]  # a resumed login is the same login, logged once
