"""Every st.cache_resource of the app: the project workbench (database engine + models)."""

from __future__ import annotations

import streamlit as st

from verhalen.config import load_settings
from verhalen.services import Workbench


@st.cache_resource(show_spinner="Project openen…")
def _workbench(database_url: str) -> Workbench:
    bench = Workbench(load_settings(database_url))
    bench.index_missing()  # e.g. a story stored just before the embedder failed
    return bench


def bench() -> Workbench:
    """The project of this server. Decisions go straight to its database; nothing UI-specific is cached."""
    return _workbench(load_settings().database_url)
