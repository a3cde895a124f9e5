"""Small display helpers. Every text a user typed is shown as text: never rendered as HTML or markdown.

Streamlit renders markdown (and Streamlit's own ``:red[…]``, ``:material/…:`` and ``$…$`` syntax) in
st.markdown, captions, messages, toasts, headers, expander, tab, button and widget labels and radio options;
GitHub-flavoured markdown also turns a bare ``https://…`` or ``www.…`` into a link. ``plain`` makes any text
literal there; ``tp`` fills a translated template with escaped values; ``chip`` puts a label into HTML as
character references only, so neither HTML nor markdown nor an autolink can come out of it.
"""

from __future__ import annotations

import re
import string
from typing import Any

import streamlit as st

from verhalen.domain import ROLES, Code
from verhalen.messages import in_language
from verhalen.ui.i18n import lang, role_names, t

# CommonMark lets a backslash escape every ASCII punctuation character: escaping all of them leaves no
# markdown, no Streamlit directive (``:red[…]``, ``:material/…:``, ``$…$``) and no HTML tag.
_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
# Control characters (not tab or line break): never shown.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LEADING = re.compile(r"^(?: {4,}|[ ]*\t[ \t]*)")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30}")
_MARKUP = frozenset(string.punctuation)
# GitHub-flavoured markdown also links a bare ``https://…``, ``www.…`` or ``naam@domein.nl`` found in a text
# node, after escapes and character references are resolved, so neither stops it: an invisible word joiner
# (U+2060) inside the pattern does.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.-]:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)(?=[\w-])")
_JOINER = "\u2060"


def plain(text: object) -> str:
    """Escape markdown so st.markdown (or a caption, label, message) shows ``text`` literally."""
    escaped = _MD_SPECIAL.sub(r"\\\1", _unlinked(text))
    # Four leading spaces or a tab would make a code block: they become no-break spaces. A line break stays.
    lines = [_LEADING.sub(lambda m: "\u00a0" * len(m.group()), line) for line in escaped.split("\n")]
    return "  \n".join(lines)


def tp(key: str, **values: Any) -> str:
    """``t(key, …)`` for markdown: every text value is escaped, numbers stay as they are."""
    return t(key, **{k: plain(v) if isinstance(v, str) else v for k, v in values.items()})


def html_text(text: object) -> str:
    """``text`` as HTML character data in which nothing is markup: every ASCII sign becomes a numeric
    character reference, so neither HTML nor the markdown around it finds any syntax in it."""
    return "".join(f"&#{ord(ch)};" if ch in _MARKUP else ch for ch in _unlinked(text))


def _unlinked(text: object) -> str:
    """``text`` without control characters, with a word joiner where a bare address would become a link;
    an error or a catalogue message in the chosen language."""
    return _AUTOLINK.sub(_JOINER, _INVISIBLE.sub("", in_language(text, lang())))


def colour(value: str) -> str:
    """A CSS colour from a codebook only as ``#rrggbb`` or a colour name; anything else becomes grey."""
    return value if _COLOUR.fullmatch(value or "") else "grey"


def chip(code: Code, label: str | None = None, faded: bool = False, title: str | None = None) -> str:
    """An HTML chip for a code; only the encoded code label (and ``title``, its tooltip) go into HTML,
    never story text. ``faded`` only dims it: what a chip means must be in its words (a ✗, the title)."""
    opacity = "0.55" if faded else "1"
    text = html_text(label or code.label)
    tooltip = f' title="{html_text(title)}"' if title else ""
    return (
        f'<span{tooltip} style="background:{colour(code.colour)};color:white;border-radius:0.8em;'
        f'padding:0.1em 0.6em;margin-right:0.3em;font-size:0.85em;opacity:{opacity}">{text}</span>'
    )


def chips(items: list[str]) -> None:
    """Chips made by ``chip`` (the only HTML this app renders)."""
    if items:
        st.markdown(" ".join(items), unsafe_allow_html=True)


def group_filters(cols: Any, practices: dict[str, str], prefix: str) -> tuple[str | None, str | None]:
    """A practice and a role picker side by side in ``cols[0]`` and ``cols[1]`` (None: all), names in the
    page's language; keyed ``<prefix>_practice`` / ``<prefix>_role`` (Zoeken and Ophalen)."""
    everything = t("all")
    role = role_names()
    practice = cols[0].selectbox(
        t("practice"),
        [None, *practices],
        format_func=lambda p: everything if p is None else practices.get(p, p),
        key=f"{prefix}_practice",
    )
    chosen_role = cols[1].selectbox(
        t("role"),
        [None, *ROLES],
        format_func=lambda r: everything if r is None else role(r),
        key=f"{prefix}_role",
    )
    return practice, chosen_role
