"""Coderen: a story's fragments in reading order with suggestions; confirm, reject or add codes."""

from __future__ import annotations

import streamlit as st

from verhalen.ui import state
from verhalen.ui.coding import CodingView, render_fragment, story_picker, toolbar
from verhalen.ui.shell import bench, require_coder, t

wb = bench()
st.title(t("page_code"))
opened = st.query_params.get("verhaal"), st.query_params.get("fragment")
if opened[0]:  # a link from the Zoeken page: open that story with the fragment on top, once
    state.put(state.STORY, opened[0])
    state.put(state.FOCUS, int(opened[1]) if opened[1] and opened[1].isdigit() else None)
    del st.query_params["verhaal"]
    if opened[1] is not None:
        del st.query_params["fragment"]
coder = require_coder()
story_id = story_picker(wb)
if coder and story_id:
    view = CodingView.load(wb, story_id, coder, blind=bool(state.get(state.BLIND)))
    toolbar(wb, view)
    focus = state.get(state.FOCUS)
    for fragment in view.ordered(str(state.get(state.ORDER)), focus):
        if fragment.id == focus:
            st.caption(t("focus"))
        render_fragment(wb, view, fragment)
