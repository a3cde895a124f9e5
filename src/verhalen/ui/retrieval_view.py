"""Widgets of the Ophalen page: all segments of one code across stories, and the memo overviews.

The data comes from ``verhalen.app.retrieval`` (pure), read once per data version (the newest event id), so
changing a filter reads nothing from the database again. Story text and memos are escaped with ``plain``;
only the code chips (escaped code names) are HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from verhalen.app import retrieval
from verhalen.app.retrieval import MemoEntry, Project, RetrievalFilter, Segment, code_name
from verhalen.domain import Code, Codebook
from verhalen.ui import state
from verhalen.ui.compare_data import data_version
from verhalen.ui.i18n import role_name, t
from verhalen.ui.numbers import count
from verhalen.ui.resources import bench
from verhalen.ui.widgets import chip, chips, group_filters, plain

CODEREN = "src/verhalen/ui/app_pages/coderen.py"
MAX_SHOWN = 100
NO_COLOUR = frozenset({Code.colour, "#999999"})  # what a code without a colour of its own gets (codebook.py)
CODE_PARAM = "code"  # ?code=<id>: the chosen code, so a link or a reload opens the same segments


@st.cache_data(show_spinner=False, max_entries=4)
def project(version: tuple[str, int]) -> Project:
    """Everything retrieval needs, read once per data version."""
    return retrieval.load(bench())


def _code_from_url(options: Sequence[str]) -> None:
    wanted = st.query_params.get(CODE_PARAM)
    if wanted in options and "ret_code" not in st.session_state:
        st.session_state["ret_code"] = wanted


def controls(data: Project) -> tuple[str, RetrievalFilter]:
    """The code (with or without its sub-codes) and the practice, role and coder filters, in one row."""
    book = data.codebook
    options = retrieval.code_options(book)
    _code_from_url(options)
    everything = t("all")
    practices = {p.id: p.name for p in data.practices}
    top = st.columns([4, 2])
    code = top[0].selectbox(t("ret_code"), options, format_func=lambda c: code_name(book, c), key="ret_code")
    with_subcodes = top[1].checkbox(
        t("ret_subcodes"),
        value=True,
        key="ret_subcodes",
        help=t("ret_subcodes_help"),
        disabled=not book.children(code),
    )
    cols = st.columns(3)
    practice, role = group_filters(cols, practices, "ret")
    coder = cols[2].selectbox(
        t("ret_coder"),
        [None, *data.coders],
        format_func=lambda c: everything if c is None else c,
        key="ret_coder",
    )
    st.query_params[CODE_PARAM] = code
    return code, RetrievalFilter(practice, role, coder, bool(with_subcodes))


def _memo_line(data: Project, memo: MemoEntry, with_story: bool = False) -> str:
    about = code_name(data.codebook, memo.code) if memo.code else t("ret_memo_fragment")
    where = f"{memo.story_id} · " if with_story else ""
    return plain(f"{where}{t('ret_memo_by', coder=memo.coder)} ({about}): {memo.text}")


def code_chip(book: Codebook, code_id: str) -> str:
    """A chip named 'Groepsgevoel › Herkenning'; a sub-code without a colour of its own takes its factor's."""
    code = book.get(code_id)
    factor = book.get(book.factor_of(code_id))
    if code.parent is not None and code.colour.lower() in NO_COLOUR:
        code = replace(code, colour=factor.colour)
    return chip(code, code_name(book, code_id))


def segment_card(data: Project, segment: Segment) -> None:
    book = data.codebook
    known = {c.id: c for c in book.codes}
    with st.container(border=True):
        meta, link = st.columns([5, 1], vertical_alignment="center")
        story = segment.story
        meta.caption(
            plain(
                f"{story.id} · {data.practice_name(story.practice)} · {role_name(story.role)} · "
                + t("ret_coders", coders=", ".join(segment.coders))
            )
        )
        link.page_link(
            CODEREN,
            label=t("ret_open"),
            icon="🏷️",
            query_params={state.STORY_PARAM: story.id, state.FRAGMENT_PARAM: str(segment.fragment.id)},
        )
        chips([code_chip(book, c) for c in segment.codes if c in known])
        st.markdown(plain(segment.fragment.text))
        for memo in segment.memos:
            st.caption(_memo_line(data, memo))


def segments_tab(data: Project, code: str, found: list[Segment]) -> None:
    if not found:
        st.info(t("ret_none"))
        return
    stories = len({s.story.id for s in found})
    st.caption(t("ret_count", segments=count(len(found), "segment"), stories=count(stories, "story")))
    st.download_button(
        t("ret_download"),
        retrieval.csv_bytes(data, found),
        f"ophalen-{code}.csv",
        "text/csv",
        on_click="ignore",
        key="ret_csv",
        icon=":material/download:",
    )
    if len(found) > MAX_SHOWN:
        st.caption(t("ret_shown_first", m=MAX_SHOWN))
    for segment in found[:MAX_SHOWN]:
        segment_card(data, segment)


def memos_per_code(data: Project) -> None:
    grouped = retrieval.memos_by_code(data)
    if not grouped:
        st.info(t("ret_no_memos"))
        return
    texts = {f.id: f.text for f in data.fragments}
    for code, entries in grouped.items():
        with st.expander(plain(f"{code_name(data.codebook, code)} ({count(len(entries), 'memo')})")):
            for memo in entries:
                st.markdown(_memo_line(data, memo, with_story=True))
                st.caption(plain(texts.get(memo.fragment_id, "")))


def memos_per_story(data: Project) -> None:
    grouped = retrieval.memos_by_story(data)
    if not grouped:
        st.info(t("ret_no_memos"))
        return
    texts = {f.id: f.text for f in data.fragments}
    for story_id, entries in grouped.items():
        with st.expander(plain(f"{story_id} ({count(len(entries), 'memo')})")):
            for memo in entries:
                st.markdown(_memo_line(data, memo))
                st.caption(plain(texts.get(memo.fragment_id, "")))


def page() -> None:
    data = project(data_version())
    if not any(c.status == "confirmed" for c in data.codings):
        st.info(t("ret_no_codings"))
        return
    code, where = controls(data)
    found = retrieval.segments(data, code, where)
    tab_segments, tab_codes, tab_stories = st.tabs(
        [t("ret_tab_segments"), t("ret_tab_code_memos"), t("ret_tab_story_memos")]
    )
    with tab_segments:
        segments_tab(data, code, found)
    with tab_codes:
        memos_per_code(data)
    with tab_stories:
        memos_per_story(data)
