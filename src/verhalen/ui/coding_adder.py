"""The "code toevoegen" part of a card: the code list (key A), a new inductive code, memos, merge, split."""

from __future__ import annotations

import streamlit as st

from verhalen.app.coding_view import CodingView
from verhalen.app.review import split_options
from verhalen.app.workbench import Workbench
from verhalen.domain import Fragment
from verhalen.ui import state
from verhalen.ui.coding_actions import add, code_memo, focus_on, memo, merge, new_code, split
from verhalen.ui.i18n import t

ADD_KEY = "A"  # open "code toevoegen" on the focused card


def toggle_adding(fragment_id: int) -> None:
    focus_on(fragment_id)
    state.put(state.ADDING, None if state.get(state.ADDING) == fragment_id else fragment_id)


def keyboard_add(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    state.put(state.ADDING, None)
    add(wb, fragment_id, coder, key)


def keyboard_adder(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    """The focused fragment's "code toevoegen" (key A): a button that opens a code list in the card."""
    st.button(
        t("add_code_key"),
        key=f"kadd-open-{fragment.id}",
        on_click=toggle_adding,
        args=(fragment.id,),
        shortcut=ADD_KEY,
        type="tertiary",
    )
    if state.get(state.ADDING) != fragment.id:
        return
    key = f"kadd-{fragment.id}"
    mine = view.mine.get(fragment.id, {})
    st.selectbox(
        t("add_code"),
        [c.id for c in view.codebook.codes if c.id not in mine],
        index=None,
        key=key,
        format_func=view.codebook.path,
        placeholder=t("choose_code"),
        on_change=keyboard_add,
        args=(wb, fragment.id, view.coder, key),
    )


def tools(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    """Merge with the next fragment, or split at a sentence start (only while nothing is decided)."""
    cols = st.columns(2)
    cols[0].button(
        t("merge_next"), key=f"merge-{fragment.id}", on_click=merge, args=(wb, fragment.id, view.coder)
    )
    text = fragment.text
    points = split_options(fragment)
    if points:
        key = f"split-{fragment.id}"
        cols[1].selectbox(
            t("split_at"),
            points,
            key=key,
            format_func=lambda a: "“" + text[a - fragment.start : a - fragment.start + 30] + "…”",
        )
        cols[1].button(
            t("split"),
            key=f"do-split-{fragment.id}",
            on_click=split,
            args=(wb, fragment.id, view.coder, key),
        )


def adder(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    key = f"add-{fragment.id}"
    mine = view.mine.get(fragment.id, {})
    options = [c.id for c in view.codebook.codes if c.id not in mine]
    with st.popover(t("add_code")):
        st.selectbox(
            t("add_code"),
            options,
            index=None,
            key=key,
            format_func=view.codebook.path,
            placeholder=t("choose_code"),
            on_change=add,
            args=(wb, fragment.id, view.coder, key),
            label_visibility="collapsed",
        )
        st.text_input(
            t("new_code"),
            key=f"new-{fragment.id}",
            placeholder=t("new_code_hint"),
            on_change=new_code,
            args=(wb, fragment.id, view.coder, f"new-{fragment.id}"),
        )
        memo_key = f"memo-{fragment.id}"
        st.text_area(
            "Memo",
            value=view.memos.get(fragment.id, ""),
            key=memo_key,
            on_change=memo,
            args=(wb, fragment.id, view.coder, memo_key),
        )
        for code_id, coding in mine.items():
            code_key = f"cmemo-{fragment.id}-{code_id}"
            st.text_input(
                f"{t('code_memo')} {view.codebook.get(code_id).label}",
                value=coding.memo,
                key=code_key,
                on_change=code_memo,
                args=(wb, fragment.id, view.coder, code_key, code_id, coding.status),
            )
        if not mine:
            tools(wb, view, fragment)
