"""Codes: rename, recolour, move and merge inductive codes; the handreiking's codes take a colour."""

from __future__ import annotations

import streamlit as st

from verhalen.ui.codes_view import page
from verhalen.ui.shell import guard, require_coder, t

st.title(t("page_codes"))
st.caption(t("codes_intro"))
coder = require_coder()
if coder is not None:
    with guard():
        page(coder)
