"""All st.session_state keys in one place. Session state is a display cache only: decisions live in the DB."""

from __future__ import annotations

from typing import Any

import streamlit as st

CODER = "coder"
LANG = "lang"
STORY = "story_id"
BLIND = "blind"
THRESHOLD = "threshold"
SHOW_FROM = "show_from"  # suggestions under this probability are hidden in Coderen (kept per project)
ORDER = "queue_order"
NOTICE = "notice"
IMPORT_BATCH = "import_batch"
DRILL = "drill"
FOCUS = "focus_fragment"
THEMES = "themes_request"  # (version, practice, role, min_size, n_themes) of the last "Thema's zoeken"

DEFAULTS: dict[str, Any] = {
    CODER: "",
    LANG: "nl",
    STORY: None,
    BLIND: False,
    THRESHOLD: 0.8,
    ORDER: "reading",
    NOTICE: None,
    IMPORT_BATCH: None,
    DRILL: None,
    FOCUS: None,
    THEMES: None,
}


def init() -> None:
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


def get(key: str) -> Any:
    return st.session_state.get(key, DEFAULTS.get(key))


def put(key: str, value: Any) -> None:
    st.session_state[key] = value


def notify(message: str) -> None:
    """Show ``message`` once on the next run (after st.rerun)."""
    st.session_state[NOTICE] = message


def pop_notice() -> str | None:
    message = st.session_state.get(NOTICE)
    st.session_state[NOTICE] = None
    return message if isinstance(message, str) else None
