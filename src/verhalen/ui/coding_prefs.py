"""The coder's own view preferences on Coderen: "Toon suggesties vanaf" (kept per coder) and blind coding."""

from __future__ import annotations

import streamlit as st

from verhalen.app import pages
from verhalen.app.coding_view import SHOW_FROM_DEFAULT
from verhalen.app.workbench import Workbench
from verhalen.ui import state

SHOW_FROM_SETTING = "coderen.toon_vanaf"  # the project's default "Toon suggesties vanaf"


def show_from_setting(coder: str) -> str:
    """The setting that keeps one coder's own "Toon suggesties vanaf": a view preference, never shared."""
    return f"{SHOW_FROM_SETTING}.{coder}"


def _threshold(saved: str | None) -> float | None:
    try:
        return min(0.95, max(0.05, float(saved))) if saved else None
    except ValueError:
        return None


def show_from(wb: Workbench, coder: str) -> float:
    """The display threshold of ``coder``: this session's slider, else the coder's own saved value, else the
    project's default (``coderen.toon_vanaf``), else 20 %. One coder's slider never changes another's."""
    if state.SHOW_FROM not in st.session_state or state.get(state.SHOW_FROM_CODER) != coder:
        own = _threshold(pages.setting(wb, show_from_setting(coder)))
        value = own if own is not None else _threshold(pages.setting(wb, SHOW_FROM_SETTING))
        st.session_state[state.SHOW_FROM] = SHOW_FROM_DEFAULT if value is None else value
        state.put(state.SHOW_FROM_CODER, coder)
    return float(st.session_state[state.SHOW_FROM])


def save_show_from(wb: Workbench, coder: str) -> None:
    """Kept for this coder only (their view, not the project's): through the repository, as a preference
    of one's own needs no project role."""
    value = f"{float(st.session_state[state.SHOW_FROM]):.2f}"
    pages.set_setting(wb, show_from_setting(coder), value)


def blind(wb: Workbench) -> bool:
    """Blind coding: the other coders' decisions hidden. On by default in team mode (independent coding),
    off outside it; a choice of this session that the coder can switch."""
    if state.get(state.BLIND) is None:
        state.put(state.BLIND, bool(wb.settings.team_mode))
    return bool(state.get(state.BLIND))
