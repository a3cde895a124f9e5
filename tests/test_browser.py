"""The main flow in a real browser: headless Chromium (Debian package) driven by Playwright.

A researcher enters a coder name, confirms a suggested code, reloads the page and still sees it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from verhalen.store import Repository, connect

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("VERHALEN_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    reason = ""
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:
            reason = f"playwright not importable: {exc}"
    if reason:
        if os.environ.get("VERHALEN_REQUIRE_BROWSER"):
            pytest.fail(reason + " (required because VERHALEN_REQUIRE_BROWSER is set)")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(
    database_url: str,
    tmp_path: Path,
    args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 for ``database_url`` (fake encoder, single-user mode unless ``env``
    says otherwise): ``args`` go to streamlit, ``env`` into its environment, ``port`` (default a free one)."""
    _require_browser()
    port = port or _free_port()
    environment = {
        **os.environ,
        "VERHALEN_DATABASE_URL": database_url,
        "VERHALEN_EMBEDDER": "fake",
        "VERHALEN_TEAM": "",
        **(env or {}),
    }
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [
            streamlit,
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            *args,
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"server ended early: {log.read_text(errors='replace')[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"server on port {port} did not start")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a test's server: a second to stop by itself, then killed (in the suite a server took 3-6 s to
    honour SIGTERM; what it served has been checked by then)."""
    process.terminate()
    try:
        process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


@pytest.fixture
def server(demo_url: str, tmp_path: Path) -> Iterator[str]:
    with serve_app(demo_url, tmp_path) as address:
        yield address


def test_confirm_reload_still_confirmed(server: str, demo_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server}/coderen", timeout=60_000)
        coder = page.get_by_role("textbox", name="Codeur")
        coder.fill("browser-test")
        coder.press("Enter")
        confirm = page.get_by_role("button", name="✓").first
        confirm.wait_for(timeout=60_000)
        confirm.click()
        page.get_by_role("button", name="↺").first.wait_for(timeout=30_000)
        stored = Repository(connect(demo_url)).codings(coder="browser-test")
        assert len(stored) == 1 and stored[0].status == "confirmed"

        page.reload()  # the coder name travels in the URL, the decision comes from the database
        expect(page.get_by_role("textbox", name="Codeur")).to_have_value("browser-test", timeout=60_000)
        expect(page.get_by_role("button", name="↺").first).to_be_visible(timeout=60_000)
        assert page.get_by_role("button", name="↺").count() == 1
        browser.close()
