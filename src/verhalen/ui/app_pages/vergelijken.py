"""Vergelijken: working factors per practice, per role, or per practice × role, with tests to publish."""

from __future__ import annotations

import streamlit as st

from verhalen.ui.compare_view import page
from verhalen.ui.shell import guard, t

st.title(t("page_compare"))
st.caption(t("compare_intro"))
with guard():
    page()
