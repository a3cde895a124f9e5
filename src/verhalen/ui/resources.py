"""Every st.cache_resource of the app: the project workbench (database engine + models)."""

from __future__ import annotations

import logging
import threading
import time
import weakref

import streamlit as st

from verhalen.app.team import GuardedWorkbench
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings

PAGES_FIRST_SECONDS = 5.0  # the warm-up waits at most this long per step for the pages being drawn …
PAGES_QUIET_SECONDS = 1.5  # … until none has been drawn for this long (the browser still receives it)
_drawing: weakref.WeakSet[threading.Thread] = weakref.WeakSet()  # the script threads that asked for bench()
_drawn = [0.0]  # time.monotonic() when a page was last seen being drawn


@st.cache_resource(show_spinner="Project openen…")
def _workbench(database_url: str) -> Workbench:
    bench = Workbench(load_settings(database_url))
    bench.index_missing()  # e.g. a story stored just before the embedder failed
    threading.Thread(target=_warm_up, args=(bench,), name="verhalen-warm-up", daemon=True).start()
    return bench


def _warm_up(bench: Workbench) -> None:
    """In the background: the engine and every fragment's features, so the first ✓ does not wait for them
    (a refit + rescore of a 2,000-fragment project took 3.5 s cold, 0.7 s warm). The pages do not need it:
    Coderen shows the suggestions stored in the database, and a decision is stored in its click whether
    the engine is warm or not (the refit after it waits for the warm-up's current step)."""
    try:
        bench.warm_up(pause=pages_first)
    except Exception:  # the page works without it; the first decision then prepares what it needs
        logging.getLogger(__name__).exception("warm-up failed")


def pages_first(limit: float = PAGES_FIRST_SECONDS, quiet: float = PAGES_QUIET_SECONDS) -> None:
    """Before each step of the warm-up: wait while a page of this server is being drawn, and ``quiet``
    seconds after (its answer still has to leave the server), ``limit`` seconds at most. The warm-up is
    Python work that shares the process's GIL with the pages and the server's event loop: on the first open
    after a start it made the page about twice as slow. A Streamlit script thread ends when its run has
    ended and no other run is queued."""
    deadline = time.monotonic() + limit
    while (now := time.monotonic()) < deadline:
        if any(thread.is_alive() for thread in list(_drawing)):
            _drawn[0] = now
        elif now - _drawn[0] >= quiet:
            return
        time.sleep(0.05)


FOLLOW_EVERY = 2.0  # seconds: how often a server looks for what other servers (or the CLI) changed
_followed: dict[int, float] = {}


def bench() -> Workbench:
    """The project of this server. Decisions go straight to its database; nothing UI-specific is cached.
    At most every FOLLOW_EVERY seconds it picks up what another process changed (Workbench.follow_others)."""
    _drawing.add(threading.current_thread())  # the warm-up waits for this page (pages_first)
    _drawn[0] = time.monotonic()
    wb = _workbench(load_settings().database_url)
    now = time.monotonic()
    if now - _followed.get(id(wb), 0.0) >= FOLLOW_EVERY:
        _followed[id(wb)] = now
        try:
            wb.follow_others()
        except Exception:  # never in the way of a page: the next rerun tries again
            logging.getLogger(__name__).exception("following other processes failed")
    if wb.settings.team_mode:  # every write of this session checks the logged-in user's role
        from verhalen.ui.login import ACTOR

        actor = st.session_state.get(ACTOR)
        if actor is not None:
            return GuardedWorkbench(wb, actor)
    return wb
