"""The first open of Coderen after a server start: the page shows the suggestions stored in the database
without the engine (scikit-learn, the fit) or spaCy, while the warm-up runs; a decision is stored in its
click all the same; the warm-up lets a page being drawn go first."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time

import pytest

from tests.apptest import ROOT, open_page
from verhalen.app.review import split_options
from verhalen.app.suggestion_index import SuggestionIndex
from verhalen.app.workbench import Workbench
from verhalen.ingest import segment
from verhalen.store import Repository, connect
from verhalen.ui import resources, state

LOAD_SPACY = segment.nlp
PAGE_MODULES = (
    "verhalen.ui.shell",
    "verhalen.ui.resources",
    "verhalen.ui.coding",
    "verhalen.ui.coding_adder",
    "verhalen.ui.coding_refresh",
    "verhalen.ui.coding_document",
    "verhalen.ui.coding_codebook",
    "verhalen.app.coding_view",
)


def test_the_coding_page_imports_neither_the_engine_nor_scikit_learn() -> None:
    """The first page after a start imported scikit-learn (through the engine) before it drew anything:
    1.4 s, twice that while the warm-up thread imported it too. The engine loads with the warm-up."""
    code = (
        "import sys\n"
        f"for name in {PAGE_MODULES!r}: __import__(name)\n"
        "print(sorted(m for m in ('sklearn', 'spacy', 'verhalen.suggest.engine', 'verhalen.suggest.model')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A server whose warm-up has not got anywhere: the engine is not built (building it would fail the
    test) and spaCy is not loaded (loading it would too). Set the event to let the engine be built."""
    ready = threading.Event()
    build = SuggestionIndex.engine

    def engine(self: SuggestionIndex):  # type: ignore[no-untyped-def]
        if threading.current_thread().name.startswith("verhalen-"):  # the warm-up and refresh threads wait
            ready.wait(60)
        elif not ready.is_set():
            raise AssertionError("the page asked for the engine")
        return build(self)

    monkeypatch.setattr(SuggestionIndex, "engine", engine)

    @functools.lru_cache(maxsize=1)
    def nlp():  # type: ignore[no-untyped-def]
        raise AssertionError("the page loaded spaCy")

    monkeypatch.setattr(segment, "nlp", nlp)
    ready.nlp = nlp  # type: ignore[attr-defined]
    yield ready
    ready.set()  # the waiting threads finish (their work is thrown away with the test's database)


def test_coderen_shows_the_stored_suggestions_before_the_engine_is_warm(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, cold: threading.Event
) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="ochtend")
    assert not at.exception
    repo = Repository(connect(demo_url))
    story = str(at.session_state["story_id"])
    stored = repo.suggestions(story)
    shown = [str(b.key) for b in at.button if str(b.key or "").startswith("ok-")]
    assert shown, "no ✓ on the page"
    for key in shown:  # every ✓ is a stored suggestion of this story (above the page's 20 %)
        _, fragment_id, code = key.split("-", 2)
        scores = {s.code: s.score for s in stored[int(fragment_id)]}
        assert scores[code] >= 0.2
    # the focused card offers the split on request instead of loading spaCy on the spot
    assert any(str(b.key or "").startswith("split-find-") for b in at.button)
    assert not any(str(s.key or "").startswith("split-") for s in at.selectbox)

    # a decision while the engine is still warming is stored in its click
    button = next(b for b in at.button if str(b.key or "").startswith("ok-"))
    _, fragment_id, code = str(button.key).split("-", 2)
    button.click().run()
    assert not at.exception
    assert [(c.fragment_id, c.code, c.status) for c in repo.codings(coder="ochtend")] == [
        (int(fragment_id), code, "confirmed")
    ]


def test_split_on_request_finds_the_sentences(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, cold: threading.Event
) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="ochtend")
    monkeypatch.setattr(segment, "nlp", LOAD_SPACY)  # spaCy may load now: the researcher asked for it
    repo = Repository(connect(demo_url))
    fragment = next(f for f in repo.fragments(codable_only=True) if split_options(f))
    story = fragment.story_id
    expected = split_options(fragment)
    monkeypatch.setattr(segment, "nlp", cold.nlp)  # … not before she asks
    at.session_state[state.STORY] = story
    at.session_state[state.FOCUS] = {story: fragment.id}
    at.run()
    assert not any(str(s.key or "").startswith("split-") for s in at.selectbox)
    monkeypatch.setattr(segment, "nlp", LOAD_SPACY)
    next(b for b in at.button if str(b.key) == f"split-find-{fragment.id}").click().run()
    assert not at.exception
    picker = next(s for s in at.selectbox if str(s.key) == f"split-{fragment.id}")
    assert len(picker.options) == len(expected) and picker.value == expected[0]
    assert any(str(b.key) == f"do-split-{fragment.id}" for b in at.button)


def test_the_warm_up_lets_a_page_being_drawn_go_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_drawing", resources.weakref.WeakSet())
    monkeypatch.setattr(resources, "_drawn", [0.0])
    drawn = threading.Event()
    page = threading.Thread(target=drawn.wait, args=(5,), name="ScriptRunner.scriptThread")
    page.start()
    resources._drawing.add(page)
    threading.Timer(0.3, drawn.set).start()
    started = time.monotonic()
    resources.pages_first(limit=5.0, quiet=0.2)
    waited = time.monotonic() - started
    assert 0.45 <= waited < 4.0, waited  # until the page's run ended, then a quiet moment
    started = time.monotonic()
    resources.pages_first(limit=5.0, quiet=0.2)  # nobody drawing: no wait
    assert time.monotonic() - started < 0.15
    held = threading.Thread(target=time.sleep, args=(3,))
    held.start()
    resources._drawing.add(held)
    started = time.monotonic()
    resources.pages_first(limit=0.3, quiet=0.2)  # a page that takes long holds the warm-up a while only
    assert time.monotonic() - started < 1.0
    held.join()


def test_warm_up_pauses_before_each_step(bench: Workbench) -> None:
    from verhalen.domain import Story

    bench.ensure_practices()
    for i in range(12):
        bench.import_story(Story(f"S{i}", "beijum", "ouder", "Ze hielp me. Ik was blij. " * 3))
    pauses: list[int] = []
    bench.reset_cache()
    bench.warm_up(pause=lambda: pauses.append(len(pauses)))
    assert len(pauses) >= 3 + 3  # encoder, fragments, engine, then every five stories
    assert bench.suggestion_index.built
