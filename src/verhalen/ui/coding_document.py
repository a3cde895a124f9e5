"""The Coderen page's document view: the story as one text, coded fragments in their code's colour."""

from __future__ import annotations

import html

import streamlit as st

from verhalen.app import pages
from verhalen.app.coding_view import CodingView
from verhalen.app.workbench import Workbench
from verhalen.ui import state
from verhalen.ui.coding import Window, render_fragment
from verhalen.ui.coding_codebook import codebook_panel
from verhalen.ui.i18n import t
from verhalen.ui.widgets import chip, chips

# -- document view: the story as one text, coded fragments in their code's colour ----------------------
DOCUMENT_HEIGHT = 640  # px: the text scrolls inside its own box, the focused fragment's codes beside it


def document_html(view: CodingView, story_text: str, focus: int | None) -> str:
    """The story as continuous text: each fragment a span, coloured by the first code this coder
    confirmed on it, a stripe per confirmed code, the focused one outlined. Only escaped text and code
    colours go into the HTML (never story markup)."""
    parts: list[str] = []
    previous_end = 0
    for number, fragment in enumerate(view.fragments, start=1):
        gap = story_text[previous_end : fragment.start]
        if "\n" in gap or fragment.speaker:
            parts.append("</p><p>")
        elif parts:
            parts.append(" ")
        previous_end = fragment.end
        confirmed = [
            view.codebook.get(code)
            for code, coding in view.mine.get(fragment.id, {}).items()
            if coding.status == "confirmed" and code in {c.id for c in view.codebook.codes}
        ]
        style = ["padding:0.05em 0.15em", "border-radius:0.2em"]
        if confirmed:
            style.append(f"background:{html.escape(confirmed[0].colour)}33")
            stripes = ", ".join(
                f"inset {3 * (i + 1)}px 0 0 {html.escape(c.colour)}" for i, c in enumerate(confirmed[:4])
            )
            style.append(f"box-shadow:{stripes}")
            style.append(f"padding-left:{3 * min(len(confirmed), 4) + 3}px")
        if not fragment.codable:
            style.append("color:#777")
        marker = ' id="verhalen-focus"' if fragment.id == focus else ""
        if fragment.id == focus:
            style.append("outline:2px solid #e8590c")
        title = html.escape(", ".join(view.name(c.id) for c in confirmed))
        speaker = f"<b>{html.escape(fragment.speaker)}:</b> " if fragment.speaker else ""
        parts.append(
            f'<span{marker} title="{title}" style="{";".join(style)}">'
            f'<sup style="color:#999">{number}</sup>{speaker}{html.escape(fragment.text)}</span>'
        )
    body = "".join(parts)
    return f'<div style="line-height:1.7;font-size:1rem"><p>{body}</p></div>'


def document_view(wb: Workbench, view: CodingView, shown: Window) -> None:
    """Left the whole story as one text, right the focused fragment with its suggestions (J / K move)."""
    text_col, code_col = st.columns([5, 4])
    with text_col:
        used = {code for codes in view.mine.values() for code, c in codes.items() if c.status == "confirmed"}
        known = {c.id for c in view.codebook.codes}
        chips([chip(view.codebook.get(code), view.name(code)) for code in sorted(used) if code in known])
        with st.container(height=DOCUMENT_HEIGHT, key="document"):
            st.html(document_html(view, pages.story_text(wb, view.story_id), shown.focus))
    with code_col:
        codebook_panel(view.codebook, height=DOCUMENT_HEIGHT // 2)  # beside the text it is coded by
        fragment = next((f for f in view.fragments if f.id == shown.focus), None)
        if fragment is not None:
            render_fragment(
                wb, view, fragment, focused=True, alone=False, stacked=True
            )  # a ✓ recolours the text


def view_switch() -> str:
    """Cards (one per fragment) or the document (the story as one text); kept like the order."""
    st.session_state[state.VIEW_PICKER] = state.get(state.VIEW)
    views = {v: t(f"view_{v}") for v in ("cards", "document")}
    st.radio(
        t("view"),
        list(views),
        key=state.VIEW_PICKER,
        horizontal=True,
        format_func=views.__getitem__,
        on_change=lambda: state.put(state.VIEW, st.session_state[state.VIEW_PICKER]),
        label_visibility="collapsed",
    )
    return str(state.get(state.VIEW))
