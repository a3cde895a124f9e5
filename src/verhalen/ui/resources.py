"""Every st.cache_resource of the app: the project workbench (database engine + models)."""

from __future__ import annotations

import streamlit as st

from verhalen.config import load_settings
from verhalen.services import Workbench


@st.cache_resource(show_spinner="Project openen…")
def _workbench(database_url: str) -> Workbench:
    return Workbench(load_settings(database_url))


def bench() -> Workbench:
    """The project of this server. Decisions go straight to its database; nothing UI-specific is cached."""
    return _workbench(load_settings().database_url)
