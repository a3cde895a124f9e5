"""Team mode in a real browser: log in through a real OIDC provider run locally (nanoidp, started here) or
with a local account, code one fragment as that user, log out. Headless Chromium via Playwright."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.test_browser import ARGS, CHROMIUM, _free_port, _require_browser, serve_app
from verhalen.app.accounts import Accounts
from verhalen.app.workbench import Workbench
from verhalen.store import Repository, connect

pytestmark = pytest.mark.browser

OIDC_USER, OIDC_EMAIL, OIDC_PASSWORD = "anna", "anna@example.org", "idp-wachtwoord-1"
LOCAL_USER, LOCAL_PASSWORD = "bert", "lokaal wachtwoord 2"
READER = "carla"


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server ended early: {log.read_text(errors='replace')[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"server on port {port} did not start")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nanoidp on a free 127.0.0.1 port: one user, one confidential client."""
    pytest.importorskip("nanoidp")
    tmp_path = tmp_path_factory.mktemp("idp")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    config = tmp_path / "idp"
    config.mkdir()
    (config / "settings.yaml").write_text(
        f"""config_version: 1
server:
  host: "127.0.0.1"
  port: {port}
oauth:
  issuer: "{issuer}"
  audience: "verhalen"
  token_expiry_minutes: 60
  clients:
    - client_id: "verhalen"
      client_secret: "verhalen-geheim"
      description: "verhalen test"
""",
        encoding="utf-8",
    )
    (config / "users.yaml").write_text(
        f"""config_version: 1
users:
  {OIDC_USER}:
    password: "{OIDC_PASSWORD}"
    email: "{OIDC_EMAIL}"
    roles: ["USER"]
    tenant: "default"
""",
        encoding="utf-8",
    )
    log = tmp_path / "idp.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nanoidp",
            "--config",
            str(config),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    try:
        _wait_for_port(port, process, log)
        yield issuer
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def demo_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One copy of the demo project for this module's server (the tests code different users)."""
    target = tmp_path_factory.mktemp("team") / "demo.db"
    shutil.copy(demo_db, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="module")
def team_server(provider: str, demo_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    tmp_path = tmp_path_factory.mktemp("server")
    accounts = Accounts(Workbench(make_settings(demo_url, tmp_path)).repo)
    accounts.add(OIDC_EMAIL, "codeur", None, by="test")
    accounts.add(LOCAL_USER, "codeur", LOCAL_PASSWORD, by="test")
    accounts.add(READER, "lezer", LOCAL_PASSWORD, by="test")
    port = _free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "een-lang-geheim-voor-de-test-0123456789"

[auth.instelling]
client_id = "verhalen"
client_secret = "verhalen-geheim"
server_metadata_url = "{provider}/.well-known/openid-configuration"
authorize_params = {{ claims = '{{"id_token": {{"email": null}}}}' }}
""",
        encoding="utf-8",
    )
    with serve_app(
        demo_url, tmp_path, ("--secrets.files", str(secrets)), env={"VERHALEN_TEAM": "1"}, port=port
    ) as address:
        yield address


# What the Coderen page's polling line sends every second, kept so it can arrive once more after
# "Uitloggen": the browser's timer fires between the click and the server's answer when the server is slow
# (a full suite on 2 cores). That late rerun ran the line on the login form and blanked the page; now the
# server drops it without an answer, so the wait ends after the answer (and its run) or after 3 s.
KEEP_POLLING_RERUN = """() => {
  const poll = (window.__verhalenPoll = {frames: 0, last: null, socket: null, answers: 0});
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    poll.frames += 1;
    poll.last = data instanceof ArrayBuffer ? data.slice(0) : data.slice();
    poll.socket = this;
    return send.call(this, data);
  };
}"""
REPLAY_POLLING_RERUN = """(kept) => {
  const poll = window.__verhalenPoll;
  poll.socket.addEventListener("message", () => { poll.answers += 1; });
  poll.deadline = performance.now() + 3000;
  poll.socket.send(kept);
}"""
REPLAY_HANDLED = """() => {
  const poll = window.__verhalenPoll;
  const running = document.querySelector('[data-test-script-state="running"]');
  return (poll.answers > 0 && !running) || performance.now() > poll.deadline;
}"""


def _kinds(url: str, coder: str) -> list[str]:
    return [e.kind for e in reversed(Repository(connect(url)).events(limit=10_000)) if e.coder == coder]


def test_oidc_login_code_logout(team_server: str, demo_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{team_server}/coderen", timeout=60_000)
        expect(page.get_by_role("textbox", name="Codeur")).to_have_count(0, timeout=60_000)
        page.get_by_role("button", name="Inloggen via je instelling").click(timeout=60_000)
        page.locator("#username").fill(OIDC_USER, timeout=30_000)  # the provider's own login page
        page.locator("#password").fill(OIDC_PASSWORD)
        page.locator("button[type=submit]").click()
        expect(page.get_by_text(f"Ingelogd als {OIDC_EMAIL} (codeur)")).to_be_visible(timeout=60_000)
        page.get_by_role("link", name="Coderen").click()
        confirm = page.get_by_role("button", name="✓").first
        confirm.click(timeout=60_000)
        page.get_by_role("button", name="↺").first.wait_for(timeout=30_000)
        stored = Repository(connect(demo_url)).codings(coder=OIDC_EMAIL)
        assert len(stored) == 1 and stored[0].status == "confirmed"
        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_role("button", name="Inloggen via je instelling")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("button", name="✓")).to_have_count(0)
        browser.close()
    assert _kinds(demo_url, OIDC_EMAIL)[-3:] == ["login", "decide", "logout"]


def test_local_login_and_a_reader_cannot_code(team_server: str, demo_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{team_server}/coderen", timeout=60_000)
        page.get_by_role("textbox", name="Gebruikersnaam").fill(LOCAL_USER, timeout=60_000)
        page.get_by_role("textbox", name="Wachtwoord").fill("fout wachtwoord!!")
        page.get_by_role("button", name="Inloggen", exact=True).click()
        expect(page.get_by_text("Onbekende gebruikersnaam of verkeerd wachtwoord.")).to_be_visible(
            timeout=30_000
        )
        page.get_by_role("textbox", name="Wachtwoord").fill(LOCAL_PASSWORD)
        page.get_by_role("button", name="Inloggen", exact=True).click()
        expect(page.get_by_text(f"Ingelogd als {LOCAL_USER} (codeur)")).to_be_visible(timeout=60_000)
        page.get_by_role("button", name="✓").first.click(timeout=60_000)
        page.get_by_role("button", name="↺").first.wait_for(timeout=30_000)
        assert len(Repository(connect(demo_url)).codings(coder=LOCAL_USER)) == 1
        page.evaluate(KEEP_POLLING_RERUN)
        page.wait_for_function("window.__verhalenPoll.frames > 0", timeout=30_000)  # the line polled
        kept = page.evaluate_handle("window.__verhalenPoll.last")
        page.get_by_role("button", name="Uitloggen").click()
        form = page.get_by_role("textbox", name="Gebruikersnaam")
        expect(form).to_be_visible(timeout=60_000)
        page.evaluate(REPLAY_POLLING_RERUN, kept)  # the polling line's rerun, late
        page.wait_for_function(REPLAY_HANDLED, timeout=30_000)
        expect(form).to_be_visible()  # the login form is still there, not a blank page
        form.fill(READER, timeout=60_000)
        page.get_by_role("textbox", name="Wachtwoord").fill(LOCAL_PASSWORD)
        page.get_by_role("button", name="Inloggen", exact=True).click()
        expect(page.get_by_text(f"Ingelogd als {READER} (lezer)")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Je rol (lezer) mag lezen en exporteren, niet coderen.")).to_be_visible(
            timeout=60_000
        )
        expect(page.get_by_role("button", name="✓")).to_have_count(0)
        browser.close()
    assert _kinds(demo_url, LOCAL_USER) == ["login_failed", "login", "decide", "logout"]
    assert Repository(connect(demo_url)).codings(coder=READER) == []
