"""Zoeken: find fragments by meaning (a free query, or 'like this fragment' from the Coderen page)."""

from __future__ import annotations

import streamlit as st

from verhalen.app import pages
from verhalen.app.explore import search_fragments
from verhalen.ui import search_view
from verhalen.ui.shell import bench, guard, t

wb = bench()
st.title(t("page_search"))
st.caption(t("search_intro"))
codebook = wb.codebook()
like = search_view.like_from_url()
if like is not None:
    with guard():
        search_view.source(wb, like)
query = (
    ""
    if like is not None
    else st.text_input(t("search_query"), placeholder=t("search_placeholder"), key="search_query")
)
where, limit = search_view.filters(wb, codebook)
if like is not None or query.strip():
    with guard():
        hits = search_fragments(wb, query, like=like, where=where, limit=limit)
        search_view.results(hits, codebook, pages.practice_names(wb), like is None)
        if hits:
            st.download_button(
                t("search_download"), search_view.csv_bytes(hits), "zoekresultaten.csv", "text/csv"
            )
