"""Widgets of the Codes page: the codebook as a table, and rename, recolour, move and merge of one code.

The changes run in button callbacks (``verhalen.app.codes``), before the page renders, so the page shows the
codebook as it is after the change; the outcome waits in session state as a one-line message. Code names are
shown as paths ("Groepsgevoel › Herkenning"), never as raw ids.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from verhalen.app import codes, pages
from verhalen.app.retrieval import code_name, code_options
from verhalen.domain import Codebook, VerhalenError
from verhalen.ui import login
from verhalen.ui.compare_data import data_version
from verhalen.ui.i18n import error_text, t
from verhalen.ui.numbers import count
from verhalen.ui.resources import bench
from verhalen.ui.retrieval_view import NO_COLOUR, code_chip
from verhalen.ui.widgets import chips, plain, tp

PICK = "codes_code"  # the code picker's widget key; set from CURRENT before every render
CURRENT = "codes_current"  # the chosen code id: plain state, so a rename (new option labels) keeps it
TOP = ""  # the "top level" choice of the place picker (None would read as "nothing chosen")
FLASH = "codes_flash"  # (kind, message) of the last change, shown once


@st.cache_data(show_spinner=False, max_entries=4)
def confirmed_counts(version: tuple[str, int]) -> dict[str, int]:
    """Code id -> fragments confirmed with it by at least one coder (read once per data version)."""
    seen = {(c.fragment_id, c.code) for c in pages.codings(bench()) if c.status == "confirmed"}
    return dict(Counter(code for _, code in seen))


def overview(book: Codebook, counts: dict[str, int]) -> None:
    rows = [
        {
            t("codes_col_code"): code_name(book, c),
            t("codes_col_kind"): t(
                "codes_kind_builtin" if codes.built_in(book.get(c)) else "codes_kind_inductive"
            ),
            t("codes_col_confirmed"): counts.get(c, 0),
            t("codes_col_colour"): book.get(c).colour,
        }
        for c in code_options(book)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


# -- callbacks: the change, then a message for the next render --------------------------------------------
def _run(action: str, coder: str, code_id: str) -> None:
    wb = bench()
    book = wb.codebook()
    before = code_name(book, code_id)
    try:
        if action == "rename":
            changed = codes.rename(wb, code_id, st.session_state[f"codes_name_{code_id}"], coder)
            done = t("codes_renamed", before=before, after=code_name(wb.codebook(), code_id))
        elif action == "recolour":
            changed = codes.recolour(wb, code_id, st.session_state[f"codes_colour_{code_id}"], coder)
            done = t("codes_recoloured", code=before)
        elif action == "move":
            parent = st.session_state[f"codes_parent_{code_id}"] or None
            changed = codes.move(wb, code_id, parent, coder)
            done = t("codes_moved", before=before, after=code_name(wb.codebook(), code_id))
        else:
            target = st.session_state[f"codes_target_{code_id}"]
            result = codes.merge(wb, code_id, target, coder)
            changed = True
            done = t(
                "codes_merged" if result.combined else "codes_merged_plain",
                source=before,
                target=code_name(book, target),
                moved=count(result.moved + result.combined, "coding"),
                combined=result.combined,
            )
            st.session_state[CURRENT] = target
    except VerhalenError as exc:
        st.session_state[FLASH] = ("error", t("error", msg=error_text(exc)))
        return
    st.session_state[FLASH] = ("success", done) if changed else ("info", t("codes_unchanged"))


def _flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message is not None:
        kind, text = message
        {"error": st.error, "success": st.success}.get(kind, st.info)(plain(text))


def _parent_label(book: Codebook, parent: str) -> str:
    return t("codes_top_level") if parent == TOP else code_name(book, parent)


def editor(book: Codebook, code_id: str, coder: str, counts: dict[str, int]) -> None:
    code = book.get(code_id)
    fixed = codes.built_in(code)
    chips([code_chip(book, code_id)])
    st.caption(t("codes_fixed" if fixed else "codes_free", n=count(counts.get(code_id, 0), "fragment")))
    name_col, colour_col = st.columns([3, 1], vertical_alignment="bottom")
    name_col.text_input(t("codes_name"), value=code.label, key=f"codes_name_{code_id}", disabled=fixed)
    name_col.button(
        t("codes_rename"), key="codes_rename", disabled=fixed, on_click=_run, args=("rename", coder, code_id)
    )
    shown = code.colour
    if code.parent is not None and code.colour.lower() in NO_COLOUR:  # worn as its factor's colour
        shown = book.get(book.factor_of(code_id)).colour
    colour_col.color_picker(t("codes_colour"), value=shown, key=f"codes_colour_{code_id}")
    colour_col.button(
        t("codes_recolour"), key="codes_recolour", on_click=_run, args=("recolour", coder, code_id)
    )

    st.subheader(t("codes_move_title"))
    places = [p or TOP for p in (codes.parent_options(book, code_id) if not fixed else [code.parent])]
    st.selectbox(
        t("codes_parent"),
        places,
        index=places.index(code.parent or TOP) if (code.parent or TOP) in places else 0,
        format_func=lambda p: _parent_label(book, p),
        key=f"codes_parent_{code_id}",
        disabled=fixed,
    )
    st.button(t("codes_move"), key="codes_move", disabled=fixed, on_click=_run, args=("move", coder, code_id))

    st.subheader(t("codes_merge_title"))
    targets = codes.merge_targets(book, code_id) if not fixed else []
    if fixed:
        st.caption(t("codes_merge_fixed"))
        return
    target = st.selectbox(
        t("codes_target"), targets, format_func=lambda c: code_name(book, c), key=f"codes_target_{code_id}"
    )
    st.caption(tp("codes_merge_help", source=code_name(book, code_id), target=code_name(book, target or "")))
    sure = st.checkbox(t("codes_merge_sure"), key=f"codes_sure_{code_id}")
    st.button(
        t("codes_merge"),
        key="codes_merge",
        type="primary",
        disabled=not sure or target is None,
        on_click=_run,
        args=("merge", coder, code_id),
    )


def _picked() -> None:
    st.session_state[CURRENT] = st.session_state[PICK]


def page(coder: str) -> None:
    wb = bench()
    book = wb.codebook()
    counts = confirmed_counts(data_version())
    _flash()
    if not login.may("codebook"):  # team mode: the codebook to read, no forms that would be refused
        st.info(login.only_line("codebook"))
        overview(book, counts)
        return
    options = code_options(book)
    current = st.session_state.get(CURRENT)
    if current not in options:  # first visit: the first code that can change more than its colour
        current = next((c for c in options if not codes.built_in(book.get(c))), options[0])
    st.session_state[PICK] = current
    code_id = st.selectbox(
        t("codes_pick"), options, format_func=lambda c: code_name(book, c), key=PICK, on_change=_picked
    )
    editor(book, code_id, coder, counts)
    with st.expander(t("codes_overview", n=count(len(book.codes), "code")), expanded=False):
        overview(book, counts)
