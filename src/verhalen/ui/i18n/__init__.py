"""User-facing texts: Dutch by default, English switchable. ``t(key, **values)``. The texts are kept per
part of the app in this package's modules; a key may stand in one of them only."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from verhalen.messages import in_language
from verhalen.ui.i18n import codes, compare, explore, exporting, general, importing

LANGS = {"nl": "Nederlands", "en": "English"}


_PARTS = (general, compare, importing, exporting, explore, codes)
TEXTS: dict[str, dict[str, str]] = {}
for _part in _PARTS:
    _twice = TEXTS.keys() & _part.TEXTS.keys()
    if _twice:
        raise RuntimeError(f"i18n: {sorted(_twice)} stand in two parts")
    TEXTS.update(_part.TEXTS)


def lang() -> str:
    value = st.session_state.get("lang", "nl")
    return value if value in LANGS else "nl"


def t(key: str, **values: object) -> str:
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(lang()) or entry["nl"]
    return text.format(**values) if values else text


def role_name(role: str) -> str:
    """A story's role in the page's language ('ouder' -> 'parent'); the stored value stays Dutch. A role
    without a text is shown as it is."""
    return role_names()(role)


def role_names() -> Callable[[str], str]:
    """``role_name`` with the page's language of this run bound in: a format_func that gives the same label
    when Streamlit (or its AppTest) calls it outside the script run."""
    chosen = lang()

    def name(role: str) -> str:
        entry = TEXTS.get(f"role_{role}")
        return (entry.get(chosen) or entry["nl"]) if entry else role

    return name


def hit_kind(label: str) -> str:
    """The kind of a possibly identifying detail in the page's language ('persoon' -> 'person'). The
    placeholder put in the text ([PERSOON-1]) is data and stays as it is."""
    return t(f"hit_kind_{label}") if f"hit_kind_{label}" in TEXTS else label


def error_text(exc: Exception) -> str:
    """A core error in the chosen language: a VerhalenError carries its catalogue key (verhalen.messages)."""
    return in_language(exc, lang())
