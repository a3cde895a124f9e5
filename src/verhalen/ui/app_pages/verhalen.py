"""Verhalen: list and filter the stories, read one, import new ones."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from verhalen.app import pages
from verhalen.domain import ROLES
from verhalen.ui import state
from verhalen.ui.importer import import_section
from verhalen.ui.shell import bench, t
from verhalen.ui.widgets import plain

wb = bench()
st.title(t("page_stories"))

practices = pages.practice_names(wb)
stories = pages.stories(wb)
progress = {p.story_id: p for p in wb.progress()}

left, middle, right = st.columns([2, 2, 3])
practice_filter = left.multiselect(
    t("practice"), list(practices), format_func=practices.__getitem__, placeholder=t("choose")
)
role_filter = middle.multiselect(t("role"), list(ROLES), placeholder=t("choose"))
query = right.text_input(t("search"), placeholder="koffie, app-groep, juf…")

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
    st.caption(t("stories_count", n=len(shown)))
    columns = [t(k) for k in ("story_id", "practice", "role", "words", "fragments", "decided", "date")]
    table = pd.DataFrame(  # with its columns also when no story matches (an empty table, not "empty")
        [
            [
                s.id,
                practices.get(s.practice, s.practice),
                s.role,
                s.word_count,
                progress[s.id].total if s.id in progress else 0,
                progress[s.id].decided if s.id in progress else 0,
                s.date or "",
            ]
            for s in shown
        ],
        columns=columns,
    )
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="stories_table",
    )
    rows = event.selection.rows if event is not None else []
    # the selection is a row position of the table as it was shown: after a filter it may be past the end
    if rows and rows[0] < len(shown):
        chosen = shown[rows[0]]
        state.put(state.STORY, chosen.id)
        with st.container(border=True):
            st.subheader(plain(chosen.id))
            where = practices.get(chosen.practice, chosen.practice)
            st.caption(plain(f"{where} · {chosen.role} · {chosen.date or ''}"))
            st.markdown(plain(chosen.text))
            label = plain(f"{t('page_code')} → {chosen.id}")
            st.page_link("src/verhalen/ui/app_pages/coderen.py", label=label, icon="🏷️")

st.divider()
import_section(wb)
