"""Ophalen: every coded segment of a code or sub-code across stories, with memos; memo overviews."""

from __future__ import annotations

import streamlit as st

from verhalen.ui.retrieval_view import page
from verhalen.ui.shell import guard, t

st.title(t("page_retrieve"))
st.caption(t("ret_intro"))
with guard():
    page()
