"""Geschiedenis: the audit trail of one story or one fragment: who did what when, before and after, with
the codebook and suggester versions the events carry. Everything is shown as table cells (plain text)."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from verhalen.app.team import project_history
from verhalen.domain import Event
from verhalen.ui import login
from verhalen.ui.shell import bench, t


def _detail(payload: str) -> str:
    try:
        return json.dumps(json.loads(payload or "{}"), ensure_ascii=False, sort_keys=True)
    except ValueError:
        return payload


def _rows(events: list[Event]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("hist_time"): e.time.strftime("%Y-%m-%d %H:%M:%S"),
                t("hist_who"): e.coder,
                t("hist_what"): e.kind,
                t("hist_fragment"): e.fragment_id,
                t("hist_code"): e.code or "",
                t("hist_detail"): json.dumps(
                    json.loads(e.payload or "{}"), ensure_ascii=False, sort_keys=True
                ),
            }
            for e in events
        ]
    )


def page() -> None:
    st.header(t("page_history"))
    wb = bench()
    stories = [p.story_id for p in wb.progress()]
    left, right = st.columns([2, 1])
    story = left.selectbox(t("hist_story"), [None, *stories], format_func=lambda s: "—" if s is None else s)
    fragment = right.number_input(t("hist_fragment_id"), min_value=0, value=0, step=1)
    if story is None and not fragment:
        st.info(t("hist_choose"))
        return
    story_id, fragment_id = story, int(fragment) or None
    if wb.settings.team_mode:
        events = login.team_bench().history(story_id=story_id, fragment_id=fragment_id)
    else:
        events = project_history(wb, story_id=story_id, fragment_id=fragment_id)
    if not events:
        st.info(t("hist_none"))
        return
    st.dataframe(_rows(events), hide_index=True, width="stretch")


page()
