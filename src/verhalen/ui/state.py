"""All st.session_state keys in one place. Session state is a display cache only: decisions live in the DB."""

from __future__ import annotations

from typing import Any

import streamlit as st

CODER = "coder"  # the coder's name: plain state (not a widget key), so no page switch drops it
CODER_FIELD = "coder_field"  # the sidebar's text box; set from CODER before every render
LANG = "lang"
STORY = "story_id"  # the open story's id: plain state, survives reruns, page switches and label changes
STORY_PICKER = "story_picker"  # the picker widget's own key; set from STORY before every render
STORY_IN_URL = "story_in_url"  # the ?verhaal= this session last wrote or followed
BLIND = "blind"  # blind coding: plain state (None until the page sets its default: on in team mode)
BLIND_PICKER = "blind_picker"  # the toggle's widget key; set from BLIND before every render
THRESHOLD = "threshold"
SHOW_FROM = "show_from"  # suggestions under this probability are hidden in Coderen (kept per coder)
SHOW_FROM_CODER = "show_from_coder"  # the coder whose saved value SHOW_FROM holds
ORDER = "queue_order"
VIEW = "coding_view"  # "cards" or "document" on the Coderen page
VIEW_PICKER = "coding_view_picker"
ORDER_PICKER = "queue_order_picker"  # the order radio's widget key; set from ORDER before every render
NOTICE = "notice"
IMPORT_BATCH = "import_batch"
DRILL = "drill"
FOCUS = "focus_fragment"  # {story id: focused fragment id}: keys act on it, the shown window holds it
ADDING = "adding_code"  # the fragment whose "code toevoegen" panel the keyboard opened
SEEN_REFRESH = "seen_refresh"  # the Workbench's refresh generation this page last showed
SCROLL = "scroll_to_focus"  # once: bring the focused fragment into view (after a key or a queue jump)
HISTORY = "history_shown"  # (story id or None, fragment id) Geschiedenis last showed: plain state
THEMES = "themes_request"  # (version, practice, role, min_size, n_themes) of the last "Thema's zoeken"

DEFAULTS: dict[str, Any] = {
    CODER: "",
    LANG: "nl",
    STORY: None,
    BLIND: None,
    THRESHOLD: 0.8,
    ORDER: "reading",
    VIEW: "cards",
    NOTICE: None,
    IMPORT_BATCH: None,
    DRILL: None,
    FOCUS: None,
    ADDING: None,
    SEEN_REFRESH: None,
    SCROLL: False,
    THEMES: None,
}


# The URL's own state: ?verhaal= and ?fragment= (Coderen, Geschiedenis, links from Ophalen and Zoeken)
STORY_PARAM, FRAGMENT_PARAM = "verhaal", "fragment"


def put_param(name: str, value: str | None) -> None:
    """``?name=value`` in the URL, written only when it changes; None takes it out."""
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def init() -> None:
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


def get(key: str) -> Any:
    return st.session_state.get(key, DEFAULTS.get(key))


def put(key: str, value: Any) -> None:
    st.session_state[key] = value


def focus(story_id: str) -> int | None:
    """The focused fragment of ``story_id`` in this session (None: the first one)."""
    by_story = st.session_state.get(FOCUS)
    value = by_story.get(story_id) if isinstance(by_story, dict) else None
    return value if isinstance(value, int) else None


def set_focus(story_id: str, fragment_id: int | None) -> None:
    by_story = st.session_state.get(FOCUS)
    by_story = dict(by_story) if isinstance(by_story, dict) else {}
    if fragment_id is None:
        by_story.pop(story_id, None)
    else:
        by_story[story_id] = fragment_id
    st.session_state[FOCUS] = by_story


def open_story(story_id: str, fragment_id: int | None = None) -> None:
    """Open a story (from a callback, a link or the queue); with a fragment, focus it."""
    st.session_state[STORY] = story_id
    if fragment_id is not None:
        set_focus(story_id, fragment_id)


def notify(message: str) -> None:
    """Show ``message`` once on the next run (after st.rerun)."""
    st.session_state[NOTICE] = message


def pop_notice() -> str | None:
    message = st.session_state.get(NOTICE)
    st.session_state[NOTICE] = None
    return message if isinstance(message, str) else None
