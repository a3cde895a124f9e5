"""Helpers to run the Streamlit app in AppTest against a given database."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = "src/verhalen/ui/app_pages"


def open_page(monkeypatch: pytest.MonkeyPatch, url: str, page: str, coder: str = "onderzoeker-a") -> AppTest:
    monkeypatch.setenv("VERHALEN_DATABASE_URL", url)
    monkeypatch.setenv("VERHALEN_EMBEDDER", "fake")
    monkeypatch.setenv("VERHALEN_DEBUG", "1")  # unexpected errors surface as at.exception
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["coder"] = coder
    at.switch_page(f"{PAGES}/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def shown(element: object) -> str:
    """A message as the researcher reads it: user text in it is escaped markdown (ui/widgets.plain)."""
    import re

    return re.sub(r"\\(.)", r"\1", str(getattr(element, "value", ""))).replace("\u2060", "")
