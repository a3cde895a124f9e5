"""The Coderen page in Chromium on a large project: how fast a ✓ shows, a rerun takes, suggestions follow.

Builds a project of at least 15,000 fragments through the CLI (`verhalen import` of generated plain-text
stories: varied Dutch sentences made here from word lists, nothing from real interviews), serves the app
with streamlit on a free port and drives headless Chromium (Debian's /usr/bin/chromium) with Playwright:

- open: from loading /coderen?verhaal=… until the first ✓ of that story is on the page;
- ✓ visible: from clicking ✓ until its ↺ (the stored decision) is on the page, over ~20 clicks in a row
  (a burst: nobody waits for suggestions in between; the next ✓ is picked once the app is idle, as
  Streamlit's ``data-test-script-state`` says); ✓ to idle: until that rerun (the card's) has ended;
- rerun: from clicking "Volgend fragment" (J) until the next fragment is in focus (a full rerun without
  a decision), ~20 times;
- suggestions after a burst: from the last ✓ of the burst until the page shows "suggesties bijgewerkt"
  (the background refit + rescore of the open story, shown by the page's polling "bijgewerkt" line);
- server side: the same reruns in AppTest (the page script alone, no browser), to tell the server's
  share of a rerun from the browser's;
- in the page: the same ✓ and J again, timed by the page's own clock (performance.now() from the DOM click
  until a MutationObserver sees the ↺, or the next fragment in focus): what the researcher sees, without
  the test driver's round trips between Python, Playwright and Chromium that the figures above include.

Writes benchmarks/results/browser_coding.json. With the real encoder (USE multilingual) the build takes
several minutes on 2 cores; --keep DIR reuses a project built before.
Run: .venv/bin/python benchmarks/bench_browser_coding.py [--fragments 15000] [--embedder fake]

--cold-start N measures only the first open after a server start, N times (a new server each time):
from starting the server until Coderen is usable (the script has ended, nothing is stale and a ✓ of the
story is visible), then the first ✓ (until its ↺) and until the page says "suggesties bijgewerkt" (the
refit after it waits for the warm-up, which starts with the first page). Writes
benchmarks/results/coderen_cold_start.json; --app-root serves another checkout (an earlier commit, to
compare) and --port a fixed port.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "benchmarks" / "results" / "browser_coding.json"
COLD_RESULTS = ROOT / "benchmarks" / "results" / "coderen_cold_start.json"
BIN = Path(sys.executable).parent
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
CODER = "bench-codeur"
HEADLESS = ("--server.headless", "true")

# -- generated Dutch stories --------------------------------------------------------------------------
WHO = [
    "ik", "mijn moeder", "de buurvrouw", "een andere moeder", "mijn zoon", "de juf", "mijn dochter",
    "de begeleider", "mijn man", "een vrijwilliger", "de groep", "mijn zus", "de wijkverpleegkundige",
    "onze oudste", "de coördinator", "een vader uit de groep", "de peuterleidster", "mijn vriendin",
]  # fmt: skip
DOES = [
    "kwam elke dinsdag langs", "hielp me met de formulieren", "leerde me hoe je rustig blijft",
    "vertelde over haar eigen kinderen", "bracht soep toen ik ziek was", "luisterde zonder te oordelen",
    "nam de kinderen mee naar het park", "gaf tips over het slapen", "zat naast me bij de koffie",
    "belde als ik niet kwam", "lachte om mijn Nederlands", "legde uit hoe de school werkt",
    "las samen met ons voor", "zocht een oppas voor me", "kookte voor de hele groep",
    "durfde eindelijk hulp te vragen", "voelde zich minder alleen", "maakte een plan voor de week",
]  # fmt: skip
WHEN = [
    "vorige winter", "na de verhuizing", "in de eerste maanden", "op woensdagmiddag", "na de scheiding",
    "toen de baby net geboren was", "tijdens de vakantie", "elke ochtend", "na schooltijd",
    "in het buurthuis", "bij de huiskamer", "op de markt", "voor het slapengaan", "tijdens de lockdown",
]  # fmt: skip
FEEL = [
    "Dat gaf me rust.", "Daar was ik blij mee.", "Ik schaamde me eerst een beetje.",
    "Het voelde als familie.", "Ik wist niet dat dat kon.", "Sindsdien durf ik meer.",
    "Soms was het ook zwaar.", "De kinderen vonden het prachtig.", "Ik heb er veel van geleerd.",
    "Het was even wennen.", "Daarna ging het beter thuis.", "Ik kon weer even ademhalen.",
]  # fmt: skip
ASKS = [
    "Hoe ging dat verder?", "Wat betekende dat voor je?", "Kun je daar meer over vertellen?",
    "Wie hielp je toen?", "Wat deed je daarna?", "Hoe voelde dat?",
]  # fmt: skip


def sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        text = f"{rng.choice(WHEN).capitalize()} {rng.choice(DOES)} {rng.choice(WHO)}."
        if rng.random() < 0.5:
            text = f"{rng.choice(WHO).capitalize()} {rng.choice(DOES)}, {rng.choice(WHEN)}."
        return text
    if kind < 0.8:
        return rng.choice(FEEL)
    return f"{rng.choice(WHO).capitalize()} zei dat {rng.choice(WHO)} {rng.choice(DOES)}."


def story_text(rng: random.Random, sentences: int) -> str:
    paragraphs, done = [], 0
    while done < sentences:
        n = min(sentences - done, rng.randint(3, 7))
        paragraphs.append(" ".join(sentence(rng) for _ in range(n)))
        done += n
    return "\n\n".join(paragraphs) + "\n"


def build(directory: Path, fragments: int, stories: int, embedder: str) -> dict[str, Any]:
    """Generate stories and import them with the CLI (three practices) until the project holds at least
    ``fragments`` fragments (segmentation joins a few sentences: a second round tops up); returns the
    build figures."""
    rng = random.Random(14)
    texts = directory / "verhalen"
    texts.mkdir(parents=True, exist_ok=True)
    practices = ["beijum", "hoogeveen", "veendam"]
    env = environment(directory, embedder)
    started = time.perf_counter()
    done = len(list(texts.glob("BENCH-*.txt")))
    count = fragment_count(directory, embedder)
    while count < fragments:
        todo = stories if done == 0 else max(1, -(-(fragments - count) // 350))
        per_story = int((fragments - count) / todo * 1.05) + 2
        files: dict[str, list[str]] = {p: [] for p in practices}
        for i in range(done, done + todo):
            path = texts / f"BENCH-{i + 1:03d}.txt"
            path.write_text(story_text(rng, per_story), encoding="utf-8")
            files[practices[i % 3]].append(str(path))
        done += todo
        for practice, paths in files.items():
            if paths:
                subprocess.run(
                    [str(BIN / "verhalen"), "import", *paths, "--practice", practice, "--role", "ouder"],
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
        count = fragment_count(directory, embedder)
    return {"build_seconds": round(time.perf_counter() - started, 1)}


def fragment_count(directory: Path, embedder: str) -> int:
    if not (directory / "bench.db").exists():
        return 0
    from verhalen.store import Repository, connect

    url = environment(directory, embedder)["VERHALEN_DATABASE_URL"]
    return int(Repository(connect(url)).counts()["fragments"])


def environment(directory: Path, embedder: str) -> dict[str, str]:
    return {
        **os.environ,
        "VERHALEN_DATABASE_URL": f"sqlite:///{directory / 'bench.db'}",
        "VERHALEN_EMBEDDER": embedder,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(
    directory: Path, embedder: str, port: int | None = None, root: Path = ROOT
) -> tuple[subprocess.Popen[bytes], str]:
    port = port or free_port()
    env = environment(directory, embedder)
    if root != ROOT:  # another checkout: its own package first
        env["PYTHONPATH"] = str(root / "src")
    process = subprocess.Popen(
        [str(BIN / "streamlit"), "run", str(root / "app.py"), "--server.port", str(port), *HEADLESS],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(directory / "server.log").open("wb"),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    return process, f"http://127.0.0.1:{port}"


# -- in the browser ----------------------------------------------------------------------------------
# The app is idle: its script is not running and no element is stale (left from before the last rerun).
# A fragment of the page (the "bijgewerkt" line) may rerun on its own now and then: it never touches a card.
IDLE = (
    "document.querySelector('.stApp')?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-stale=\"true\"]')"
)


def idle(page: Any) -> None:
    """Until the app has finished its rerun (Streamlit's ``data-test-script-state`` on ``.stApp``)."""
    page.wait_for_function(IDLE, timeout=120_000)


def first_confirm(page: Any, own: set[int], skip: set[str], timeout: float = 120) -> tuple[str, Any]:
    """The first enabled ✓ of the open story not clicked yet on the idle page: (its key, its button,
    located by its own key). When the window on screen has none left, the pager (▶) shows the next
    fragments."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        idle(page)
        for holder in page.locator("[class*='st-key-ok-']").all():
            classes = str(holder.get_attribute("class") or "").split()
            key = next((c for c in classes if c.startswith("st-key-ok-")), "")
            if key and key not in skip and int(key.split("-")[3]) in own:
                button = page.locator(f".{key} button").first
                if button.is_enabled():
                    return key, button
        if page.locator(".st-key-page-on button").count():
            page.locator(".st-key-page-on button").first.click()
        else:
            time.sleep(0.05)
    raise TimeoutError("no ✓ of the chosen story on the page")


def click_until_stored(page: Any, key: str, button: Any) -> tuple[float, float, int]:
    """Click ✓ and wait for its ↺: (ms until ↺ is visible, ms until the app is idle again, clicks that
    were needed: more than one would be a lost click)."""
    undo = page.locator(f".st-key-wd-{key.removeprefix('st-key-ok-')}").first
    started = time.perf_counter()
    for attempt in range(1, 4):
        button.click()
        try:
            undo.wait_for(timeout=20_000)
            visible = (time.perf_counter() - started) * 1000
            page.wait_for_function(IDLE, timeout=120_000)
            return visible, (time.perf_counter() - started) * 1000, attempt
        except Exception:
            if page.locator(f".{key}").count() == 0:  # the ✓ went away without a ↺: give up on it
                break
    raise TimeoutError(f"{key}: no ↺ after three clicks")


# In-page timing: from the DOM click to the element that shows its effect, measured by the page's own clock
# (performance.now() and a MutationObserver), without the test driver's round trips between Python,
# Playwright's driver and Chromium (each a few to tens of milliseconds on a loaded machine).
JS_CONFIRM = """(key) => new Promise((resolve) => {
  const undo = '.st-key-wd-' + key.slice('st-key-ok-'.length);
  const started = performance.now();
  const seen = () => { if (document.querySelector(undo)) {
    watch.disconnect(); resolve(performance.now() - started); } };
  const watch = new MutationObserver(seen);
  watch.observe(document.body, {childList: true, subtree: true, attributes: true});
  setTimeout(() => { watch.disconnect(); resolve(-1); }, 20000);
  document.querySelector('.' + key + ' button').click();
})"""
JS_NEXT = """() => new Promise((resolve) => {
  const adder = ".st-key-focus-card [class*='st-key-kadd-open-']";
  const before = document.querySelector(adder)?.className;
  const started = performance.now();
  const seen = () => { const now = document.querySelector(adder)?.className;
    if (now && now !== before) { watch.disconnect(); resolve(performance.now() - started); } };
  const watch = new MutationObserver(seen);
  watch.observe(document.body, {childList: true, subtree: true, attributes: true});
  setTimeout(() => { watch.disconnect(); resolve(-1); }, 20000);
  [...document.querySelectorAll('button')].find((b) => /Volgend fragment/.test(b.innerText)).click();
})"""


def in_page(page: Any, own: set[int], clicked: set[str], clicks: int) -> dict[str, Any]:
    """✓ until its ↺ and J until the next fragment is in focus, timed inside the page (20 s at most: a
    click without its effect fails the benchmark, with a screenshot)."""
    confirm: list[float] = []
    for _ in range(clicks):
        key, _button = first_confirm(page, own, clicked)
        clicked.add(key)
        confirm.append(_timed(page, JS_CONFIRM, key))
    rerun: list[float] = []
    for _ in range(clicks):
        idle(page)
        rerun.append(_timed(page, JS_NEXT))
    return {"confirm_visible_in_page_ms": summary(confirm), "rerun_next_fragment_in_page_ms": summary(rerun)}


def _timed(page: Any, script: str, *args: Any) -> float:
    ms = float(page.evaluate(script, *args))
    if ms < 0:
        page.screenshot(path=str(RESULTS.parent / "browser_coding_failed.png"))
        raise TimeoutError(f"no effect of the click within 20 s ({script[:40]}…, {args})")
    return ms


def wait_for_new_suggestions(page: Any, timeout: float = 600) -> None:
    """Until the page shows "suggesties bijgewerkt" with no refresh pending any more."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (
            page.get_by_text("suggesties worden bijgewerkt").count() == 0
            and page.get_by_text("suggesties bijgewerkt").count() > 0
        ):
            return
        time.sleep(0.05)
    raise TimeoutError("no new suggestions on the page")


def focused(page: Any) -> str:
    adder = page.locator(".st-key-focus-card [class*='st-key-kadd-open-']").first
    return str(adder.get_attribute("class") or "")


def measure(url: str, story: str, own: set[int], clicks: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(f"{url}/coderen?codeur={CODER}&verhaal={story}", timeout=300_000)
        clicked: set[str] = set()
        first_confirm(page, own, clicked, timeout=600)
        figures["open_story_seconds"] = round(time.perf_counter() - started, 2)

        # one decision first and its refresh: the server's warm-up (features of every fragment) is done
        key, button = first_confirm(page, own, clicked)
        clicked.add(key)
        started = time.perf_counter()
        click_until_stored(page, key, button)
        wait_for_new_suggestions(page)
        figures["first_decision_to_new_suggestions_seconds"] = round(time.perf_counter() - started, 2)

        confirm_ms: list[float] = []
        settled_ms: list[float] = []
        repeated = 0
        for _ in range(clicks):  # a burst: click, see the ✓, click the next
            key, button = first_confirm(page, own, clicked)
            clicked.add(key)
            ms, settled, attempts = click_until_stored(page, key, button)
            confirm_ms.append(ms)
            settled_ms.append(settled)
            repeated += attempts - 1
        figures["clicks_that_needed_repeating"] = repeated
        burst_end = time.perf_counter()
        wait_for_new_suggestions(page)
        figures["burst_to_new_suggestions_seconds"] = round(time.perf_counter() - burst_end, 2)
        page.screenshot(path=str(RESULTS.parent / "browser_coding.png"))

        rerun_ms: list[float] = []
        for _ in range(clicks):
            before = focused(page)
            started = time.perf_counter()
            page.get_by_role("button", name=re.compile("Volgend fragment")).click()
            deadline = time.monotonic() + 60
            while focused(page) == before and time.monotonic() < deadline:
                time.sleep(0.01)
            rerun_ms.append((time.perf_counter() - started) * 1000)
        figures.update(in_page(page, own, clicked, clicks))
        browser.close()
    figures["confirm_visible_ms"] = summary(confirm_ms)
    figures["confirm_to_idle_ms"] = summary(settled_ms)
    figures["rerun_next_fragment_ms"] = summary(rerun_ms)
    return figures


USABLE = (
    IDLE + " && [...document.querySelectorAll(\"[class*='st-key-ok-'] button\")]"
    ".some((b) => b.offsetParent !== null)"
)


def cold_start(
    directory: Path, embedder: str, story: str, runs: int, port: int | None, root: Path
) -> dict[str, Any]:
    """Start a server, open Coderen on ``story`` in a browser launched before, and time: the port open,
    Coderen usable (USABLE), the first ✓ until its ↺, and until "suggesties bijgewerkt". The decision is
    withdrawn afterwards, so every run starts from the same project."""
    from playwright.sync_api import sync_playwright

    from verhalen.store import Repository, connect

    repo = Repository(connect(environment(directory, embedder)["VERHALEN_DATABASE_URL"]))
    rows: list[dict[str, float | None]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            started = time.perf_counter()
            process, url = serve(directory, embedder, port, root)
            try:
                port_open = time.perf_counter() - started
                page.goto(f"{url}/coderen?codeur={CODER}&verhaal={story}", timeout=300_000)
                page.wait_for_function(USABLE, timeout=300_000, polling=50)
                usable = time.perf_counter() - started
                holder = page.locator("[class*='st-key-ok-']").first
                key = next(
                    c for c in str(holder.get_attribute("class")).split() if c.startswith("st-key-ok-")
                )
                clicked = time.perf_counter()
                page.locator(f".{key} button").first.click()
                page.locator(f".st-key-wd-{key.removeprefix('st-key-ok-')}").first.wait_for(timeout=60_000)
                confirm = time.perf_counter() - clicked
                fresh: float | None = None
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline:
                    if page.get_by_text("suggesties bijgewerkt").count():
                        fresh = time.perf_counter() - clicked
                        break
                    time.sleep(0.05)
            finally:
                process.terminate()
                process.wait(timeout=30)
                page.close()
            for coding in repo.codings(coder=CODER):
                repo.withdraw(coding.fragment_id, coding.code, CODER)
            rows.append(
                {
                    "port_open_s": round(port_open, 2),
                    "start_to_usable_s": round(usable, 2),
                    "port_open_to_usable_s": round(usable - port_open, 2),
                    "first_confirm_visible_s": round(confirm, 2),
                    "first_confirm_to_new_suggestions_s": None if fresh is None else round(fresh, 2),
                }
            )
            print(json.dumps(rows[-1]), flush=True)
        browser.close()
    medians = {
        f"{name}_median": statistics.median(float(r[name] or 0.0) for r in rows)
        for name in ("start_to_usable_s", "port_open_to_usable_s", "first_confirm_to_new_suggestions_s")
    }
    return {"runs": rows, **medians}


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "median": round(statistics.median(values), 1),
        "max": round(max(values), 1),
        "min": round(min(values), 1),
    }


def refresh_seconds(directory: Path, embedder: str) -> float:
    """One refit + rescore of the whole project in this process (what the background worker does)."""
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings

    os.environ.update(environment(directory, embedder))
    bench = Workbench(load_settings())
    bench.warm_up()
    return round(bench.refresh_after_decision(), 2)


def server_rerun_ms(directory: Path, embedder: str, story: str, runs: int = 10) -> dict[str, Any]:
    """The page script's own time (no browser): AppTest reruns of Coderen on the open story, each after a
    J (a full rerun), and ✓ clicks (the click's rerun as AppTest runs it), in this process."""
    from streamlit.testing.v1 import AppTest

    from verhalen.store import Repository, connect

    os.environ.update(environment(directory, embedder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state["coder"] = "bench-server"
    at.session_state["story_id"] = story
    at.switch_page("src/verhalen/ui/app_pages/coderen.py")
    at.run()  # the first run warms the Workbench up
    full: list[float] = []
    for _ in range(runs):
        step = next(b for b in at.button if str(b.proto.shortcut).lower() == "j")
        started = time.perf_counter()
        step.click().run()
        full.append((time.perf_counter() - started) * 1000)
    click: list[float] = []
    for _ in range(runs):
        button = next((b for b in at.button if str(b.key or "").startswith("ok-") and not b.disabled), None)
        if button is None:
            break
        started = time.perf_counter()
        button.click().run()
        click.append((time.perf_counter() - started) * 1000)
        at.run()  # the whole page again, for the next ✓ (AppTest may hold only the card's rows)
    repo = Repository(connect(environment(directory, embedder)["VERHALEN_DATABASE_URL"]))
    for coding in repo.codings(coder="bench-server"):
        repo.withdraw(coding.fragment_id, coding.code, "bench-server")
    return {"full_rerun_ms": summary(full), "confirm_ms": summary(click) if click else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fragments", type=int, default=15_000)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--embedder", default="use-multilingual-v3")
    parser.add_argument("--keep", type=Path, default=None, help="build in (or reuse) this directory")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--cold-start", type=int, default=0, metavar="N", help="only the first open, N times")
    parser.add_argument("--app-root", type=Path, default=ROOT, help="serve this checkout (--cold-start)")
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium niet gevonden op {CHROMIUM} (apt-get install chromium).")

    directory = args.keep or Path(tempfile.mkdtemp(prefix="bench-browser-"))
    directory.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"embedder": args.embedder}
    if fragment_count(directory, args.embedder) < args.fragments:
        report.update(build(directory, args.fragments, args.stories, args.embedder))
    from verhalen.store import Repository, connect

    repo = Repository(connect(environment(directory, args.embedder)["VERHALEN_DATABASE_URL"]))
    for coding in repo.codings(coder=CODER):  # a kept project: start from no decisions of this coder
        repo.withdraw(coding.fragment_id, coding.code, CODER)
    counts = repo.counts()
    stories = [s.id for s in repo.stories()]
    story = stories[len(stories) // 2]  # not the first in the list
    own = {f.id for f in repo.fragments(story)}
    report.update(
        {
            "fragments": counts["fragments"],
            "stories": len(stories),
            "story_measured": story,
            "story_fragments": len(own),
            "machine": f"{os.cpu_count()} cores",
        }
    )
    if args.cold_start:
        report["app_root"] = str(args.app_root)
        report["load_average_at_start"] = round(os.getloadavg()[0], 2)
        report.update(cold_start(directory, args.embedder, story, args.cold_start, args.port, args.app_root))
        report["load_average_at_end"] = round(os.getloadavg()[0], 2)
        write(report, args.out or COLD_RESULTS)
        return
    report["refresh_after_decision_seconds"] = refresh_seconds(directory, args.embedder)
    report["server_side"] = server_rerun_ms(directory, args.embedder, story)
    process, url = serve(directory, args.embedder)
    try:
        report.update(measure(url, story, own, args.clicks))
    finally:
        process.terminate()
        process.wait(timeout=30)
    report["targets"] = {"confirm_visible_median_ms": 300, "rerun_median_ms": 300, "new_suggestions_s": 5}
    write(report, args.out or RESULTS)
    if args.keep is None:
        shutil.rmtree(directory, ignore_errors=True)


def write(report: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
