"""The "suggesties bijgewerkt" line: the only part of the Coderen page that polls (a fragment)."""

from __future__ import annotations

import streamlit as st

from verhalen.app.workbench import Workbench
from verhalen.ui import state
from verhalen.ui.i18n import t

REFRESH_LINE = "refresh-line"  # fragment key of the "bijgewerkt" line


REFRESH_POLL = 0.5  # seconds: how often the "bijgewerkt" line looks while a refresh runs


REFRESH_POLL_IDLE = 1.0  # … and while none runs (a click on a card may start one: the line reruns with it)


def refresh_marker(wb: Workbench, story_id: str) -> None:
    """ "Suggesties bijgewerkt" once the background refresh after a decision has written new suggestions.
    The line is always there (empty when there is nothing to say), so nothing on the page shifts. Only
    this line follows the refresh (a fragment that polls, and that a click on a card reruns): the page
    itself changes only when the researcher acts, so no timer ever reruns the page under her mouse; new
    suggestions show at her next action (or at once with the line's button)."""
    generation = wb.refresh_generation
    seen = state.get(state.SEEN_REFRESH)
    state.put(state.SEEN_REFRESH, generation)
    fresh = seen is not None and seen != generation  # this rerun shows suggestions new since the last
    every = REFRESH_POLL if wb.refresh_pending() else REFRESH_POLL_IDLE
    st.fragment(_refresh_line, key=REFRESH_LINE, run_every=every)(wb, story_id, generation, fresh)


def _refresh_line(wb: Workbench, story_id: str, shown: int, fresh: bool) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key="refresh-box"):
        if wb.refresh_pending(story_id):  # a decision in this story waits for its refit
            st.caption(t("suggestions_updating"))
        elif wb.refresh_generation != shown:  # stored after the page was drawn: shown at the next action
            st.caption(t("suggestions_ready"))
            st.button(t("show_new_suggestions"), key="refresh-show", type="tertiary", on_click=_whole_page)
        elif fresh:
            st.caption(t("suggestions_updated"))
        else:
            st.caption("\u00a0")


def _whole_page() -> None:
    st.rerun()  # from inside a fragment: the whole page
