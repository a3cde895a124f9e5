"""The Coderen page's callbacks: every decision, memo, new code, merge and split is written to the
database here, in the click's callback; a refused one becomes a notice."""

from __future__ import annotations

import streamlit as st

from verhalen.app.coding_view import CodingView
from verhalen.app.review import merge_with_next, split_at
from verhalen.app.workbench import Workbench
from verhalen.domain import VerhalenError
from verhalen.ui import state
from verhalen.ui.i18n import error_text, t


def focus_on(fragment_id: int) -> None:
    story_id = state.get(state.STORY)
    if isinstance(story_id, str):
        state.set_focus(story_id, fragment_id)


def after_card_click(wb: Workbench, view: CodingView | None, fragment_id: int) -> None:
    """A click on a card's rows reruns only those rows (their fragment): they show the decisions as
    stored, read back here. The story's progress line follows at the next full rerun (naming it in an
    ``st.rerun([...])`` here cost ~350 ms of server time per click, measured). Without a view, or in the
    document view, the click reruns the page."""
    if view is not None and view.cards_alone:
        view.reload(wb, fragment_id)


def decide(
    wb: Workbench, fragment_id: int, code: str, coder: str, status: str, view: CodingView | None = None
) -> None:
    """Store the decision now; the refit and rescore run in the Workbench's background worker. A click
    on a card leaves the keyboard focus where it was (moving it would need the whole page)."""
    if view is None or not view.cards_alone:
        focus_on(fragment_id)
    try:
        wb.decide(fragment_id, code, coder, status, refresh="background")
    except VerhalenError as exc:
        state.notify(error_text(exc))
        st.rerun()  # the notice is shown by the page, outside the card
    after_card_click(wb, view, fragment_id)


def withdraw(wb: Workbench, fragment_id: int, code: str, coder: str, view: CodingView | None = None) -> None:
    wb.withdraw(fragment_id, code, coder, refresh="background")
    after_card_click(wb, view, fragment_id)


def undo(wb: Workbench, coder: str) -> None:
    if not wb.undo(coder, refresh="background"):
        state.notify(t("nothing_to_undo"))


def add(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    code = st.session_state.get(key)
    st.session_state[key] = None
    if code:
        decide(wb, fragment_id, str(code), coder, "confirmed")


def memo(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    wb.set_memo(fragment_id, coder, str(st.session_state.get(key) or ""))


def new_code(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    """Add an inductive code to the codebook and confirm it on this fragment."""
    name = str(st.session_state.get(key) or "").strip()
    if not name:
        return
    try:
        code = wb.add_inductive_code(name, name, coder)
        wb.decide(fragment_id, code.id, coder, "confirmed", refresh="background")
    except VerhalenError as exc:
        state.notify(error_text(exc))
    st.session_state[key] = ""


def merge(wb: Workbench, fragment_id: int, coder: str) -> None:
    try:
        merge_with_next(wb, fragment_id, coder)
    except VerhalenError as exc:
        state.notify(error_text(exc))


def split(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    try:
        split_at(wb, fragment_id, int(st.session_state[key]), coder)
    except VerhalenError as exc:
        state.notify(error_text(exc))


def code_memo(wb: Workbench, fragment_id: int, coder: str, key: str, code: str, status: str) -> None:
    decide_memo(wb, fragment_id, code, coder, status, str(st.session_state.get(key) or ""))


def decide_memo(wb: Workbench, fragment_id: int, code: str, coder: str, status: str, memo: str) -> None:
    try:
        wb.decide(fragment_id, code, coder, status, memo=memo, refresh=False)  # a memo: no refit
    except VerhalenError as exc:
        state.notify(error_text(exc))
