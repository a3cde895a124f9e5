"""Every st.cache_resource of the app: the project workbench (database engine + models)."""

from __future__ import annotations

import logging
import threading
import time

import streamlit as st

from verhalen.app.team import GuardedWorkbench
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings


@st.cache_resource(show_spinner="Project openen…")
def _workbench(database_url: str) -> Workbench:
    bench = Workbench(load_settings(database_url))
    bench.index_missing()  # e.g. a story stored just before the embedder failed
    threading.Thread(target=_warm_up, args=(bench,), name="verhalen-warm-up", daemon=True).start()
    return bench


def _warm_up(bench: Workbench) -> None:
    """In the background: the engine and every fragment's features, so the first ✓ does not wait for them
    (a refit + rescore of a 2,000-fragment project took 3.5 s cold, 0.7 s warm)."""
    try:
        bench.warm_up()
    except Exception:  # the page works without it; the first decision then prepares what it needs
        logging.getLogger(__name__).exception("warm-up failed")


FOLLOW_EVERY = 2.0  # seconds: how often a server looks for what other servers (or the CLI) changed
_followed: dict[int, float] = {}


def bench() -> Workbench:
    """The project of this server. Decisions go straight to its database; nothing UI-specific is cached.
    At most every FOLLOW_EVERY seconds it picks up what another process changed (Workbench.follow_others)."""
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
