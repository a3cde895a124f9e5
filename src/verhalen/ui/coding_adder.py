"""Under a card's codes: "+ Code kiezen" opens the code list in the card (key A: the one way to add a
code of the codebook); the "memo, nieuwe code, samenvoegen" popover holds the memo on the fragment, the
memos on its codes, a new inductive code, merge, split, and merge a run of fragments and code it in one
click. Codes are shown by name ('Groepsgevoel › Veiligheid'), chosen by id."""

from __future__ import annotations

import streamlit as st

from verhalen.app.coding_view import CodingView
from verhalen.app.review import MERGE_RUN_MAX, merge_run, split_options
from verhalen.app.workbench import Workbench
from verhalen.domain import Fragment, VerhalenError
from verhalen.ui import state
from verhalen.ui.coding_actions import add, code_memo, decide, focus_on, memo, merge, new_code, split
from verhalen.ui.i18n import error_text, t
from verhalen.ui.widgets import tp

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
        help=t("add_code_key_help"),
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
        format_func=view.name,
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
    points: list[int] = []
    # the sentence starts need spaCy: right after a server start (while the warm-up loads it) they are
    # found on request, so the page does not wait seconds for a language model nobody asked for yet
    if wb.sentences_ready or cols[1].button(
        t("split_find"), key=f"split-find-{fragment.id}", help=t("split_find_help"), type="tertiary"
    ):
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


def merge_and_code(wb: Workbench, fragment_id: int, coder: str, count_key: str, code_key: str) -> None:
    """Merge the fragment with the next N in one step, then confirm the chosen code on the new fragment
    (focus moves to it). Without a code nothing is merged; a refused merge stores nothing."""
    code = st.session_state.get(code_key)
    if not code:
        state.notify(t("merge_run_no_code"))
        return
    try:
        new_id = merge_run(wb, fragment_id, int(st.session_state.get(count_key) or 1), coder)
    except VerhalenError as exc:
        state.notify(error_text(exc))
        return
    st.session_state[code_key] = None
    st.session_state[count_key] = 1
    state.put(state.ADDING, None)
    decide(wb, new_id, str(code), coder, "confirmed")


def run_merger(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    """ "Samenvoegen met de volgende N fragmenten en coderen als …": N up to what is left in the story."""
    at = next(i for i, f in enumerate(view.fragments) if f.id == fragment.id)
    left = min(MERGE_RUN_MAX, len(view.fragments) - at - 1)
    if left < 1:
        return
    count_key, code_key = f"run-n-{fragment.id}", f"run-code-{fragment.id}"
    if int(st.session_state.get(count_key, 1)) > left:  # the story got shorter since (a merge)
        st.session_state[count_key] = left
    st.markdown(f"**{t('merge_run_title')}**")
    cols = st.columns([2, 3], vertical_alignment="bottom")
    count = cols[0].number_input(t("merge_run_count"), 1, left, key=count_key, step=1)
    cols[1].selectbox(
        t("merge_run_code"),
        [c.id for c in view.codebook.codes],
        index=None,
        key=code_key,
        format_func=view.name,
        placeholder=t("choose_code"),
    )
    last = view.fragments[at + min(int(count), left)].text
    st.caption(tp("merge_run_until", s=last if len(last) <= 60 else last[:60] + "…"))
    st.button(
        t("merge_run", k=int(count) + 1),
        key=f"do-run-{fragment.id}",
        help=t("merge_run_help"),
        on_click=merge_and_code,
        args=(wb, fragment.id, view.coder, count_key, code_key),
    )


def adder(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    """The focused card's popover: memos, a new inductive code, merge and split (a code of the codebook is
    added with "+ Code kiezen" above it: one way, not two)."""
    mine = view.mine.get(fragment.id, {})
    with st.popover(t("card_more"), key=f"adder-{fragment.id}", help=t("card_more_help")):
        st.text_input(
            t("new_code"),
            key=f"new-{fragment.id}",
            placeholder=t("new_code_hint"),
            on_change=new_code,
            args=(wb, fragment.id, view.coder, f"new-{fragment.id}"),
        )
        memo_key = f"memo-{fragment.id}"
        st.text_area(
            t("fragment_memo"),
            value=view.memos.get(fragment.id, ""),
            key=memo_key,
            on_change=memo,
            args=(wb, fragment.id, view.coder, memo_key),
        )
        for code_id, coding in mine.items():
            code_key = f"cmemo-{fragment.id}-{code_id}"
            st.text_input(
                f"{t('code_memo')} {view.name(code_id)}",
                value=coding.memo,
                key=code_key,
                on_change=code_memo,
                args=(wb, fragment.id, view.coder, code_key, code_id, coding.status),
            )
        if not mine:
            tools(wb, view, fragment)
            run_merger(wb, view, fragment)


def card_actions(wb: Workbench, view: CodingView, fragment: Fragment, focused: bool) -> None:
    """Under a card's codes: "+ Code kiezen" (the code list in the card; elsewhere it first focuses the
    fragment), on the focused card the popover with memos, a new code, merge and split, and
    "Vergelijkbaar"."""
    if focused:
        keyboard_adder(wb, view, fragment)
    add_col, similar_col = st.columns(2, vertical_alignment="center")
    with add_col:
        if focused:  # memos, new code, merge, split: a dozen widgets, on the focused card only
            adder(wb, view, fragment)
        else:  # elsewhere the same "+ Code kiezen": it focuses the fragment and opens its code list
            st.button(
                t("add_code_key"),
                key=f"add-open-{fragment.id}",
                help=t("add_code_key_help"),
                on_click=toggle_adding,
                args=(fragment.id,),
            )
    similar_col.page_link(
        "src/verhalen/ui/app_pages/zoeken.py",
        label=t("search_similar"),
        icon="🔎",
        help=t("search_similar_help"),
        query_params={"lijkt_op": str(fragment.id)},
    )
