"""Thema's: emergent themes beside the codebook (BERTopic on the stored fragment vectors)."""

from __future__ import annotations

import streamlit as st

from verhalen.ui.shell import guard, t
from verhalen.ui.themes_view import page

st.title(t("page_themes"))
st.caption(t("themes_intro"))
with guard():
    page()
