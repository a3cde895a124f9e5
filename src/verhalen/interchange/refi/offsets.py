"""Selection offsets in a plain-text source with CRLF line breaks.

REFI-QDA 1.5, section 10.2: a text selection is given by code points of the plain-text source, the first
being 0. So a CRLF line break counts as two, and verhalen reads offsets that way and keeps the text as it
is, CR and all (a story's text is byte-identical after a round trip). A leading byte order mark is not
text and not counted (the file is decoded as ``utf-8-sig``).

Some programs count a CRLF as one character while writing CRLF in the file (ATLAS.ti, as QualCoder's
importer notes; QualCoder's own export on Windows or "for MAXQDA"). Their offsets then drift one place
per line. That is detected per source, never guessed from the program's name: only when the selections'
names (most programs write the start of the selected text there) match the text clearly better with a
CRLF counted as one are the offsets converted to code points of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Offsets = Callable[[int], int]
_ELLIPSIS = ("…", "...")
_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    """Runs of white space as one space; leading white space stays (a shifted selection starts with it)."""
    return _SPACE.sub(" ", text.replace("\ufeff", ""))


def _name_matches(name: str, selected: str) -> bool:
    """Does a selection's name start the selected text (white space squeezed, a trailing ellipsis cut)?"""
    short = _squeeze(name).rstrip()
    for ellipsis in _ELLIPSIS:
        short = short.removesuffix(ellipsis).rstrip()
    return len(short) >= 3 and _squeeze(selected).startswith(short)


def crlf_as_one(text: str) -> Offsets:
    """Map a position that counts each CRLF as one character to a code point position in ``text``."""
    real: list[int] = []
    index = 0
    while index < len(text):
        real.append(index)
        index += 2 if text.startswith("\r\n", index) else 1
    real.append(len(text))

    def position(logical: int) -> int:
        if logical < 0:
            return logical
        if logical >= len(real):  # past the end: stays past the end, so the caller reports it
            return len(text) + logical - len(real) + 1
        return real[logical]

    return position


def _identity(position: int) -> int:
    return position


def choose_offsets(text: str, selections: Sequence[tuple[int, int, str]]) -> tuple[Offsets, bool]:
    """How to read the ``(start, end, name)`` selections of this source; True: converted from CRLF-as-one."""
    if "\r\n" not in text:
        return _identity, False
    converted = crlf_as_one(text)

    def hits(offsets: Offsets) -> int:
        count = 0
        for start, end, name in selections:
            first, last = offsets(start), offsets(end)
            if 0 <= first < last <= len(text) and _name_matches(name, text[first:last]):
                count += 1
        return count

    if hits(converted) > hits(_identity):
        return converted, True
    return _identity, False
