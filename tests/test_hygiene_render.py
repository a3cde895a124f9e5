"""Texts a user typed are made literal for Streamlit's markdown: no markup, no link, no HTML survives."""

from __future__ import annotations

import re

import pytest

from verhalen.domain import Code
from verhalen.ui.widgets import chip, colour, html_text, plain, tp

PAYLOADS = [
    "![t](http://10.9.9.9/track.png)",
    "[x](https://evil.example)",
    "<img src=http://10.9.9.9/x>",
    "zie https://evil.example/kaal, www.evil.example of iemand@evil.example",
    ":red[rood] :material/home: $x^2$ **vet** `code` ~~weg~~ # kop",
    "&#60;img src=x&#62; &lt;b&gt;",
]
ADDRESS = re.compile(r"(?i)(https?:|ftp:|mailto:)//|www\.|@[\w-]")


def _unescaped(text: str) -> str:
    """``text`` with every backslash-escaped sign removed: what is left could still be markup."""
    return re.sub(r"\\.", "", text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_leaves_no_markdown_html_or_bare_address(payload: str) -> None:
    shown = plain(payload)
    assert not re.search(r"[\[\]()<>!*_`~#:$&@]", _unescaped(shown)), shown
    assert not ADDRESS.search(shown.replace("\\", "")), shown  # no bare address for autolinking either
    assert re.sub(r"\\(.)", r"\1", shown).replace("\u2060", "") == payload  # the same text is shown


def test_plain_keeps_line_breaks_and_drops_control_characters() -> None:
    assert plain("a\nb") == "a  \nb"
    assert plain("a\x00b\x1bc") == "abc"
    assert plain("    ingesprongen") == "\u00a0" * 4 + "ingesprongen"  # no code block


@pytest.mark.parametrize("payload", PAYLOADS)
def test_chip_label_is_character_references_only(payload: str) -> None:
    html = chip(Code("c", "naam"), payload)
    inner = html[html.index(">") + 1 : html.rindex("</span>")]
    assert not re.search(r"[\[\]()<>!*_`~#:$@\"']", inner.replace("&#", "").replace(";", "")), inner
    assert inner == html_text(payload)
    assert not ADDRESS.search(re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), inner))


def test_chip_colour_cannot_carry_css() -> None:
    html = chip(Code("c", "naam", colour="red;background:url(http://10.9.9.9/c)"))
    assert "10.9.9.9" not in html and "url(" not in html
    assert colour("#1f77b4") == "#1f77b4" and colour("teal") == "teal" and colour("x y") == "grey"


def test_tp_escapes_values_not_the_template() -> None:
    text = tp("imp_not_stored", name="[x](https://evil.example)", why="<b>")
    assert "\\[x\\]" in text and "\\<b\\>" in text and "evil" in text
