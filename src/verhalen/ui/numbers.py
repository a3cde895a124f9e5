"""Numbers and counted nouns as a Dutch (or English) reader expects them: 0,24 · 1.250 · 1 verhaal.

Babel is not a dependency, and the app needs only two locales, so this is a small typed function instead of a
locale library: Python formats the number with ``,`` for thousands and ``.`` for decimals, and for Dutch the
two are swapped. Signs use the minus sign of the input (``-``), as spreadsheets expect when text is copied.
"""

from __future__ import annotations

import math

from verhalen.ui.i18n import lang

_SWAP = str.maketrans(",.", ".,")

NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "story": {"nl": ("verhaal", "verhalen"), "en": ("story", "stories")},
    "fragment": {"nl": ("fragment", "fragmenten"), "en": ("fragment", "fragments")},
    "segment": {"nl": ("segment", "segmenten"), "en": ("segment", "segments")},
    "memo": {"nl": ("memo", "memo's"), "en": ("memo", "memos")},
    "code": {"nl": ("code", "codes"), "en": ("code", "codes")},
    "coding": {"nl": ("codering", "coderingen"), "en": ("coding", "codings")},
    "coded": {"nl": ("met een code", "met een code"), "en": ("with a code", "with a code")},
    "hit": {"nl": ("treffer", "treffers"), "en": ("hit", "hits")},
    "identifying": {
        "nl": ("mogelijk herleidbaar gegeven", "mogelijk herleidbare gegevens"),
        "en": ("potentially identifying detail", "potentially identifying details"),
    },
    "name": {"nl": ("naam", "namen"), "en": ("name", "names")},
}


def number(value: float, digits: int = 0, language: str | None = None) -> str:
    """``value`` with ``digits`` decimals and thousands grouped: ``1.234,5`` (nl), ``1,234.5`` (en).
    Not a number is shown as an en dash."""
    if math.isnan(value):
        return "–"
    text = f"{value:,.{digits}f}"
    return text.translate(_SWAP) if (language or lang()) == "nl" else text


def percent(fraction: float, digits: int = 0, language: str | None = None) -> str:
    """A fraction as a percentage: ``0.245`` -> ``24,5%`` (nl, one digit)."""
    if math.isnan(fraction):
        return "–"
    return number(fraction * 100, digits, language) + "%"


def p_value(p: float, language: str | None = None) -> str:
    """``p = 0,024``, or ``p < 0,001`` below a thousandth (three decimals, as APA asks)."""
    if math.isnan(p):
        return "p = –"
    if p < 0.001:
        return "p < " + number(0.001, 3, language)
    return "p = " + number(p, 3, language)


def signed(value: float, digits: int = 1, language: str | None = None) -> str:
    """With an explicit sign: ``+2,3`` / ``-1,0``."""
    if math.isnan(value):
        return "–"
    return ("+" if value >= 0 else "") + number(value, digits, language)


def noun(n: int, key: str, language: str | None = None) -> str:
    """The singular or the plural of ``key`` (see NOUNS) for ``n``; an unknown key is returned as it is."""
    forms = NOUNS.get(key)
    if forms is None:
        return key
    one, other = forms.get(language or lang(), forms["nl"])
    return one if n == 1 else other


def count(n: int, key: str, language: str | None = None) -> str:
    """``1 verhaal``, ``2 verhalen``, ``1.250 fragmenten``."""
    return f"{number(n, 0, language)} {noun(n, key, language)}"
