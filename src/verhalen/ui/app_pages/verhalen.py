"""Verhalen: list and filter the stories, read one, import new ones."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from verhalen.app import pages
from verhalen.domain import ROLES
from verhalen.ui import state
from verhalen.ui.i18n import role_name
from verhalen.ui.importer import import_section
from verhalen.ui.numbers import count
from verhalen.ui.shell import bench, t
from verhalen.ui.widgets import plain

TABLE = "stories_table"  # the table's widget key; its selection is row positions in the table as it was shown
CHOSEN = "stories_chosen"  # the story chosen in the table, by id: a filter moves rows, not the choice
TABLE_IDS = "stories_table_ids"  # the story ids of the table as it was last shown, in its order


def _selected_rows() -> list[int] | None:
    """The table's selection as the browser last sent it; None while the table has no state (first run,
    back from another page)."""
    if TABLE not in st.session_state:
        return None
    try:
        return [int(row) for row in st.session_state[TABLE]["selection"]["rows"]]
    except (KeyError, TypeError, ValueError):
        return []


def _chosen_id(shown_ids: list[str]) -> str | None:
    """The chosen story's id, kept by id: a click picks the story of that row in the table as it was shown
    (the previous run's ids), and a filter keeps the choice while the story is still listed and drops it
    when it is not (no panel for a story nobody picked). The table's selection is set to match."""
    last_ids: list[str] = st.session_state.get(TABLE_IDS) or []
    chosen = st.session_state.get(CHOSEN)
    rows = _selected_rows()
    was = [last_ids.index(chosen)] if chosen in last_ids else []
    if rows is not None and rows != was:  # the researcher clicked (or unclicked) a row
        chosen = last_ids[rows[0]] if rows and rows[0] < len(last_ids) else None
    if chosen not in shown_ids:
        chosen = None
    want = [shown_ids.index(chosen)] if chosen is not None else []
    if rows != want and (rows is not None or want):
        st.session_state[TABLE] = {"selection": {"rows": want, "columns": [], "cells": []}}
    st.session_state[CHOSEN] = chosen
    st.session_state[TABLE_IDS] = shown_ids
    return chosen if isinstance(chosen, str) else None


wb = bench()
st.title(t("page_stories"))

practices = pages.practice_names(wb)
stories = pages.stories(wb)
progress = {p.story_id: p for p in wb.progress()}

left, middle, right = st.columns([2, 2, 3])
# Keyed, so a language switch (every label changes) keeps what the researcher chose and typed.
practice_filter = left.multiselect(
    t("practice"),
    list(practices),
    format_func=practices.__getitem__,
    placeholder=t("choose"),
    key="stories_practices",
)
role_filter = middle.multiselect(
    t("role"), list(ROLES), format_func=role_name, placeholder=t("choose"), key="stories_roles"
)  # stored Dutch ('ouder'), shown in the page's language
query = right.text_input(t("search"), placeholder=t("stories_search_placeholder"), key="stories_query")

shown = [
    s
    for s in stories
    if (not practice_filter or s.practice in practice_filter)
    and (not role_filter or s.role in role_filter)
    and (not query or query.lower() in s.text.lower())
]

if not stories:
    st.info(t("no_stories"))
else:
    st.caption(count(len(shown), "story"))  # "1 verhaal", "36 verhalen"
    keys = ("story_id", "practice", "role", "words", "fragments", "decided_all", "date")
    columns = [t(k)[:1].upper() + t(k)[1:] for k in keys]  # headers as a table has them: Woorden, Datum
    table = pd.DataFrame(  # with its columns also when no story matches (an empty table, not "empty")
        [
            [
                s.id,
                practices.get(s.practice, s.practice),
                role_name(s.role),
                s.word_count,
                progress[s.id].total if s.id in progress else 0,
                progress[s.id].decided if s.id in progress else 0,
                s.date or "",
            ]
            for s in shown
        ],
        columns=columns,
    )
    chosen_id = _chosen_id([s.id for s in shown])
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=TABLE,
    )
    chosen = next((s for s in shown if s.id == chosen_id), None)
    if chosen is not None:
        state.put(state.STORY, chosen.id)
        with st.container(border=True):
            st.subheader(plain(chosen.id))
            where = practices.get(chosen.practice, chosen.practice)
            about = [where, role_name(chosen.role), chosen.date or ""]
            st.caption(plain(" · ".join(part for part in about if part)))
            # the way to code it above the text: a story can run to thousands of words
            label = plain(f"{t('page_code')} → {chosen.id}")
            st.page_link("src/verhalen/ui/app_pages/coderen.py", label=label, icon="🏷️")
            st.markdown(plain(chosen.text))

st.divider()
import_section(wb)
