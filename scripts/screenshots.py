"""Screenshot every page of a running verhalen app with headless Chromium (Debian) + Playwright.

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR] [CODER]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ["", "coderen", "overeenstemming", "vergelijken", "themas", "zoeken?lijkt_op=40", "exporteren"]
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/shots")
    coder = sys.argv[3] if len(sys.argv) > 3 else "onderzoeker-a"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        for name in PAGES:
            joiner = "&" if "?" in name else "?"
            page.goto(f"{base}/{name}{joiner}codeur={coder}", timeout=120_000)
            page.wait_for_selector("h1", timeout=120_000)
            page.wait_for_timeout(1500)
            page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=180_000)
            page.wait_for_timeout(1000)
            shot = out / f"{name.split('?')[0] or 'verhalen'}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(shot)
        browser.close()


if __name__ == "__main__":
    main()
