"""Small display helpers. Story text is always escaped: never rendered as HTML or markdown."""

from __future__ import annotations

import html
import re

import streamlit as st

from verhalen.domain import Code

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def plain(text: str) -> str:
    """Escape markdown so st.markdown shows ``text`` literally (HTML is never enabled)."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def chip(code: Code, label: str | None = None, faded: bool = False) -> str:
    """An HTML chip for a code; only the escaped code label goes into HTML, never story text."""
    opacity = "0.55" if faded else "1"
    text = html.escape(label or code.label)
    return (
        f'<span style="background:{html.escape(code.colour)};color:white;border-radius:0.8em;'
        f'padding:0.1em 0.6em;margin-right:0.3em;font-size:0.85em;opacity:{opacity}">{text}</span>'
    )


def chips(items: list[str]) -> None:
    if items:
        st.markdown(" ".join(items), unsafe_allow_html=True)
