"""Coderen: a story's fragments in reading order with suggestions; confirm, reject or add codes.

The open story is kept by id (session state and ``?verhaal=``), the focused fragment per story; only a
window of the story is rendered, decisions are stored in the click's callback and the suggestions follow
from the Workbench's background refresh. A ✓ / ✗ / ↺ reruns only its card's code rows (a fragment; the
story's progress follows at the next full rerun); only the "bijgewerkt" line polls, nothing reruns the
page but the researcher."""

from __future__ import annotations

import streamlit as st

from verhalen.app.coding_view import CodingView
from verhalen.ui import state
from verhalen.ui.coding import (
    follow_link,
    navigator,
    page_styles,
    render_fragment,
    shortcut_legend,
    story_picker,
    toolbar,
    window,
)
from verhalen.ui.coding_codebook import codebook_panel
from verhalen.ui.coding_document import document_view, view_switch
from verhalen.ui.coding_prefs import blind, show_from
from verhalen.ui.coding_refresh import refresh_marker
from verhalen.ui.shell import bench, require_coder, t

wb = bench()
st.title(t("page_code"))
follow_link()
coder = require_coder()
story_id = story_picker(wb)
if coder and story_id:
    view = CodingView.load(wb, story_id, coder, blind=blind(wb), show_from=show_from(wb, coder))
    toolbar(wb, view)
    refresh_marker(wb, story_id)
    shortcut_legend()
    shown = window(view, str(state.get(state.ORDER)))
    navigator(view, shown)
    if view_switch() == "document":
        view.load_sources(wb, [f for f in shown.shown if f.id == shown.focus])
        document_view(wb, view, shown)  # the codebook panel in its right column, beside the text
    else:
        codebook_panel(view.codebook)  # above the cards, closed by default
        view.load_sources(wb, shown.shown)
        for fragment in shown.shown:
            render_fragment(wb, view, fragment, focused=fragment.id == shown.focus)
    page_styles()
