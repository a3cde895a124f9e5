"""Sidebar (coder, language) and the error guard shared by every page."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from verhalen.domain import VerhalenError
from verhalen.ui import state, uploads
from verhalen.ui.i18n import LANGS, error_text, t
from verhalen.ui.resources import bench
from verhalen.ui.widgets import plain, tp

__all__ = ["bench", "guard", "require_coder", "restore_language", "sidebar", "t"]

LANG_PARAM = "taal"  # ?taal=en: the language survives a browser reload, as ?codeur= keeps the coder


def restore_language() -> None:
    """Take the language from the URL when this session has not chosen one yet (a reload, a shared link)."""
    wanted = st.query_params.get(LANG_PARAM)
    if state.LANG not in st.session_state and wanted in LANGS:
        state.put(state.LANG, wanted)


def _keep_language() -> None:
    """Write a non-default language into the URL; Dutch, the default, leaves the URL clean."""
    chosen = str(state.get(state.LANG) or "nl")
    state.put_param(LANG_PARAM, None if chosen == "nl" else chosen)


def sidebar() -> bool:
    """The sidebar; False when team mode showed the login form instead (then no page may be drawn)."""
    restore_language()
    state.init()
    st.html(uploads.uploader_style())  # Streamlit's uploader texts in the page's language (CSS only)
    if bench().settings.team_mode:  # a login first; the coder is then the logged-in user
        from verhalen.ui import login

        if login.require() is None:
            return False
    with st.sidebar:
        st.selectbox(t("language"), list(LANGS), format_func=LANGS.__getitem__, key=state.LANG)
        _keep_language()
        if bench().settings.team_mode:
            st.caption(plain(f"{t('coder')}: {state.get(state.CODER)}"))
        else:
            if not state.get(state.CODER) and st.query_params.get("codeur"):
                state.put(state.CODER, st.query_params["codeur"])
            st.session_state[state.CODER_FIELD] = state.get(state.CODER)
            st.text_input(
                t("coder"),
                key=state.CODER_FIELD,
                help=t("coder_help"),
                placeholder="onderzoeker-a",
                on_change=_typed_coder,
            )
            if state.get(state.CODER):  # in the URL, so a browser reload keeps the coder
                st.query_params["codeur"] = str(state.get(state.CODER))
        if bench().embedding_progress is not None:
            _embedding_progress()
    notice = state.pop_notice()
    if notice:
        st.toast(plain(notice))
    return True


def _typed_coder() -> None:
    state.put(state.CODER, st.session_state[state.CODER_FIELD])


@st.fragment(run_every=2.0)
def _embedding_progress() -> None:
    """After a change of encoder the warm-up embeds every fragment again, once: show how far it is (polled
    every 2 s while it runs; the page itself is not rerun)."""
    progress = bench().embedding_progress
    if progress is not None:
        done, total = progress
        st.progress(done / max(total, 1), text=t("reembedding", done=done, total=total))


def _logged_in() -> bool:
    user = getattr(st, "user", None)
    return bool(user is not None and user.get("is_logged_in"))


def require_coder() -> str | None:
    if bench().settings.team_mode:  # the role decides, the login gave the name
        from verhalen.ui import login

        current = login.actor()
        if current is None or not current.may("code"):
            st.info(t("team_no_coding", role=login.role_label(current.role) if current else "?"))
            return None
    coder = str(state.get(state.CODER) or "").strip()
    if not coder:
        st.info(t("coder_needed"))
        return None
    return coder


@contextmanager
def guard() -> Iterator[None]:
    """Turn a VerhalenError into a Dutch message on the page instead of a traceback."""
    try:
        yield
    except VerhalenError as exc:
        st.error(tp("error", msg=" ".join(error_text(exc).split())))  # one line, escaped


def run_guarded(page: Callable[[], object]) -> None:
    """Run a page; an error reaches the researcher as a Dutch message, never as a traceback.

    Decisions are written in the button callbacks before a page renders, so nothing is lost. With
    VERHALEN_DEBUG=1 (the tests set it) unexpected errors are raised as usual.
    """
    try:
        page()
    except VerhalenError as exc:
        st.error(tp("error", msg=" ".join(error_text(exc).split())))  # one line, escaped
    except Exception as exc:
        if os.environ.get("VERHALEN_DEBUG"):
            raise
        logging.getLogger("verhalen").exception("page failed")
        st.error(t("unexpected", kind=type(exc).__name__))
