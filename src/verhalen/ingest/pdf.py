"""PDF → text through pypdf: layout lines joined back into paragraphs, speaker turns kept, words broken
over two lines joined, page numbers dropped; a scanned PDF (no text layer), a locked or damaged one is one
line of the message catalogue (IngestError)."""

from __future__ import annotations

import io
import re

from verhalen.domain import IngestError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # as in files.py

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})
_SPEAKER_LINE = re.compile(r"^(\[[^\]]{1,30}\]|[A-ZÀ-Ý][\w.'-]{0,20}(?: [A-ZÀ-Ý\d][\w.'-]{0,20})?)\s*:\s")
_PAGE_NUMBER = re.compile(r"^(?:pagina\s+|page\s+|- ?)?\d{1,4}(?: ?-| van \d{1,4}| of \d{1,4})?$", re.I)
_SENTENCE_END = tuple(".!?:;\"'”’)…")


def _pdf_pages(name: str, data: bytes) -> list[str]:
    """The text of every page, as pypdf extracts it; a damaged or locked file is an IngestError."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError("pdf_invalid", name=name)
    from pypdf import PdfReader

    locked = IngestError("pdf_locked", name=name)
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types for damaged files
        raise IngestError("pdf_damaged", name=name) from exc
    if encrypted:
        try:  # an owner password only (no password to open it): readable with the empty password
            opened = bool(reader.decrypt(""))
        except Exception as exc:  # e.g. an encryption pypdf cannot undo without an extra library
            raise locked from exc
        if not opened:
            raise locked
    try:
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise IngestError("pdf_damaged", name=name) from exc


def _pdf_paragraphs(page: str) -> list[str]:
    """A page's layout lines joined back into paragraphs: a paragraph ends at a blank line, before a
    speaker's turn ('I: …') and after a short line that ends a sentence; a word broken over two lines
    ('opvoe-' + 'ding') is joined. Lines that are only a page number are left out."""
    lines = [_CONTROL.sub("", line).strip() for line in page.translate(_LIGATURES).split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.fullmatch(line)]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        if current and _SPEAKER_LINE.match(line):
            paragraphs.append(current)
            current = ""
        if current.endswith("-") and line[:1].islower() and not current.endswith(" -"):
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line.endswith(_SENTENCE_END) and len(line) < 0.75 * width and following:
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return [p for p in paragraphs if p.strip()]


def pdf_blocks(name: str, data: bytes) -> list[str]:
    """The paragraphs of a PDF's text layer, a paragraph running on over a page break joined (empty for
    a scanned PDF: the caller refuses it)."""
    blocks: list[str] = []
    for page in _pdf_pages(name, data):
        paragraphs = _pdf_paragraphs(page)
        if blocks and paragraphs and not blocks[-1].endswith(_SENTENCE_END) and paragraphs[0][:1].islower():
            blocks[-1] = f"{blocks[-1]} {paragraphs.pop(0)}"  # a paragraph that runs on to the next page
        blocks += paragraphs
    return blocks
