"""Geschiedenis: the audit trail of one story or one fragment: who did what when, before and after, with
the codebook and suggester versions the events carry. Everything is shown as table cells (plain text)."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from verhalen.app.team import project_history
from verhalen.domain import Event
from verhalen.ui import login, state
from verhalen.ui.i18n import TEXTS
from verhalen.ui.numbers import count, number
from verhalen.ui.shell import bench, t

MEMO_SHOWN = 60  # characters of a memo in the "before and after" cell


def _what(kind: str) -> str:
    """The event's kind as a reader says it; a kind without a label as it is stored."""
    key = f"hist_kind_{kind}"
    return t(key) if key in TEXTS else kind


def _state(value: object) -> str:
    """One side of a decision ({"status", "memo"} or None) in words: "bevestigd · memo: …"."""
    if not isinstance(value, dict):
        return t("hist_no_decision")
    status = str(value.get("status") or "")
    key = f"hist_status_{status}"
    text = t(key) if key in TEXTS else status
    memo = " ".join(str(value.get("memo") or "").split())
    if memo:
        short = memo if len(memo) <= MEMO_SHOWN else memo[: MEMO_SHOWN - 1] + "…"
        text += " · " + t("hist_memo", memo=short)
    return text


def _detail(kind: str, payload: str) -> str:
    """What changed, short and readable: "afgewezen → bevestigd", "terug naar: geen besluit",
    "BENCH-005.txt · 388 fragmenten"; other events list their values as "name: value"."""
    try:
        data = json.loads(payload or "{}")
    except ValueError:
        return payload
    if not isinstance(data, dict):
        return str(data)
    if "after" in data and "before" in data:
        return f"{_state(data['before'])} → {_state(data['after'])}"
    if kind == "undo":
        return t("hist_restored", state=_state(data.get("restored")))
    if kind == "memo" and isinstance(data.get("length"), int):
        return t("hist_memo", memo=t("hist_memo_length", n=number(data["length"])))
    if kind == "resolve":
        return _state({"status": data.get("status")})
    if kind == "import":
        parts = [str(data.get("source") or "")]
        if isinstance(data.get("fragments"), int):
            parts.append(count(data["fragments"], "fragment"))
        return " · ".join(p for p in parts if p)
    return "; ".join(
        f"{name}: {value if isinstance(value, str | int | float) else json.dumps(value, ensure_ascii=False)}"
        for name, value in sorted(data.items())
    )


def _rows(events: list[Event]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("hist_time"): e.time.strftime("%Y-%m-%d %H:%M:%S"),
                t("hist_who"): e.coder,
                t("hist_what"): _what(e.kind),
                t("hist_fragment"): e.fragment_id,
                t("hist_code"): e.code or "",
                t("hist_detail"): _detail(e.kind, e.payload),
            }
            for e in events
        ]
    ).astype({t("hist_fragment"): "Int64"})  # a number, or missing (shown empty, not "None")


def _from_url(stories: list[str]) -> None:
    """On the first draw of this page in a visit (a reload, a link, back from another page, where
    Streamlit has dropped the widgets' state): the story and fragment of ``?verhaal=`` and ``?fragment=``,
    else what this page showed last in the session, else the story being coded."""
    if "history_story" in st.session_state:
        return
    linked, fragment = st.query_params.get(state.STORY_PARAM), st.query_params.get(state.FRAGMENT_PARAM)
    last_story, last_fragment = state.get(state.HISTORY) or (None, 0)
    if linked in stories:
        st.session_state["history_story"] = linked
    elif last_story in stories:
        st.session_state["history_story"] = last_story
    elif state.get(state.STORY) in stories:
        st.session_state["history_story"] = state.get(state.STORY)  # opens on the story being coded
    if fragment and fragment.isdigit():
        st.session_state["history_fragment"] = int(fragment)
    elif last_fragment:
        st.session_state["history_fragment"] = int(last_fragment)


def _to_url(story: str | None, fragment: int) -> None:
    """What is shown stays in the URL, so a reload or a copied link shows the same history."""
    state.put_param(state.STORY_PARAM, story)
    state.put_param(state.FRAGMENT_PARAM, str(fragment) if fragment else None)


def page() -> None:
    st.header(t("page_history"))
    wb = bench()
    stories = [p.story_id for p in wb.progress()]
    left, right = st.columns([2, 1])
    _from_url(stories)
    story = left.selectbox(
        t("hist_story"), [None, *stories], format_func=lambda s: "—" if s is None else s, key="history_story"
    )
    fragment = right.number_input(t("hist_fragment_id"), min_value=0, value=0, step=1, key="history_fragment")
    _to_url(story, int(fragment))
    state.put(state.HISTORY, (story, int(fragment)))
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
    st.dataframe(_rows(events), hide_index=True, width="stretch", placeholder="")


page()
