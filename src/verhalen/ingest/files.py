"""Files → text and tables: .txt, .docx, .odt, .pdf, .csv and .xlsx, as pure functions.

Every failure is an ``IngestError`` with a catalogue message (Dutch, or English on request) that names
the file. Text is returned with ``\\n`` line ends and in Unicode NFC. Non-UTF-8 text is only accepted
when charset-normalizer finds a Western encoding (cp1252, latin-1, iso8859-15) or BOM-less UTF-16 with a
low mess ratio; it is never guessed blindly. Word and OpenDocument paragraphs are joined with a blank
line, as in a .txt story. A PDF is read through pypdf: its layout lines are joined back into paragraphs
(see ``ingest/pdf.py``); a PDF without a text layer (a scan) is refused with a message that says so.
Rows → stories (column mapping, roles, dates, typed attributes) live in ``ingest_table`` and are
re-exported here.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

from verhalen.domain import ROLES, Attribute, IngestError, Story
from verhalen.ingest.pdf import pdf_blocks
from verhalen.ingest.tables import (
    ColumnMapping,
    RowResult,
    Table,
    guess_mapping,
    layout_key,
    normalise,
    normalise_role,
    parse_attribute,
    parse_date,
    stem,
    stories_from_table,
    table_from_rows,
)
from verhalen.messages import Message

__all__ = [
    "ColumnMapping",
    "RowResult",
    "Table",
    "check_size",
    "decode_text",
    "guess_mapping",
    "is_table",
    "layout_key",
    "normalise",
    "normalise_role",
    "parse_attribute",
    "parse_date",
    "read_rows",
    "read_table",
    "read_text_file",
    "stem",
    "stories_from_table",
    "story_from_file",
]

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MB
TEXT_TYPES = (".txt", ".docx", ".odt", ".pdf")
TABLE_TYPES = (".csv", ".xlsx")
_BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32"}
_BOMS |= {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}  # after UTF-32, whose LE BOM starts the same
_FALLBACK_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "utf_16_le", "utf_16_be"]
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")
_OOXML_MAIN = {"Word": b"wordprocessingml.document.main", "Excel": b"spreadsheetml.sheet.main"}
_UNPACK_FACTOR = 20
_DELIMITERS = (";", ",", "\t")


def check_size(name: str, size: int, max_bytes: int) -> None:
    """Refuse an empty file and one over ``max_bytes`` (the upload limit) before reading it."""
    if size == 0:
        raise IngestError("file_empty", name=name)
    if size > max_bytes:
        raise IngestError("file_too_large", name=name, limit_mb=max_bytes / MB)


def is_table(name: str) -> bool:
    return _extension(name) in TABLE_TYPES


def _extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def decode_text(name: str, data: bytes) -> str:
    """Bytes of a plain-text file → normalised text (BOM, UTF-8, then a confident detection)."""
    for bom, codec in _BOMS.items():
        if data.startswith(bom):
            try:
                return _checked(name, normalise(data.decode(codec)))
            except UnicodeDecodeError as exc:
                raise IngestError("text_codec_unreadable", name=name, codec=codec.upper()) from exc
    try:
        text = normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _detect(name, data)
    return text if not _CONTROL.search(text) else _detect(name, data)


def _checked(name: str, text: str) -> str:
    if _CONTROL.search(text):
        raise IngestError("text_control_characters", name=name)
    return text


def _detect(name: str, data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None:
        raise IngestError("text_charset_unknown", name=name)
    text = _checked(name, normalise(str(best)))
    sample = text[:100_000]
    letters = len(_LETTER.findall(sample))
    if "\ufffd" in text or (letters and len(_LATIN.findall(sample)) < 0.9 * letters):
        raise IngestError("text_garbled", name=name)
    return text


def _open_zip(name: str, data: bytes, kind: str, max_bytes: int) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK"):
            raise IngestError("zip_incomplete", name=name)
        raise IngestError("zip_missing", name=name, kind=kind)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > _UNPACK_FACTOR * max_bytes:
            raise IngestError("zip_too_large", name=name)
        bad = archive.testzip()
    except IngestError:
        raise
    except Exception as exc:  # zipfile raises many types for damaged archives
        raise IngestError("zip_corrupt", name=name) from exc
    if bad is not None:
        raise IngestError("zip_part_corrupt", name=name, part=bad)
    return archive


def _require_part(name: str, archive: zipfile.ZipFile, kind: str) -> None:
    names = set(archive.namelist())
    if kind == "OpenDocument":
        present = "content.xml" in names
    else:
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        present = _OOXML_MAIN[kind] in types
    if not present:
        raise IngestError("document_part_missing", name=name, kind=kind)


def _parse_zip(name: str, data: bytes, kind: str, max_bytes: int, parse: Callable[[bytes], Any]) -> Any:
    _require_part(name, _open_zip(name, data, kind, max_bytes), kind)
    try:
        return parse(data)
    except KeyError as exc:
        raise IngestError("document_part_lacking", name=name, part=str(exc)) from exc
    except Exception as exc:  # third-party parsers raise many types on malformed content
        raise IngestError("document_unreadable", name=name, kind=kind) from exc


def _docx_blocks(container: Any) -> list[str]:
    from docx.table import Table as DocxTable

    blocks: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, DocxTable):
            cells = [cell for row in item.rows for cell in row.cells]
            seen: set[int] = set()
            for cell in cells:  # merged cells repeat (across and down); read each once
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    blocks.extend(_docx_blocks(cell))
        else:
            blocks.append(item.text)
    return blocks


def _docx_text(data: bytes) -> str:
    import docx

    return _join(_docx_blocks(docx.Document(io.BytesIO(data))))


def _odt_blocks(node: Any, blocks: list[str]) -> None:
    from odf import teletype
    from odf.namespaces import TEXTNS

    for child in node.childNodes:
        if getattr(child, "qname", None) in ((TEXTNS, "p"), (TEXTNS, "h")):
            blocks.append(teletype.extractText(child))
        elif child.nodeType == child.ELEMENT_NODE:
            _odt_blocks(child, blocks)


def _odt_text(data: bytes) -> str:
    from odf.opendocument import load

    blocks: list[str] = []
    _odt_blocks(load(io.BytesIO(data)).text, blocks)
    return _join(blocks)


def _join(blocks: Sequence[str]) -> str:
    return normalise("\n\n".join(block for block in blocks if block.strip()))


def _pdf_text(name: str, data: bytes) -> str:
    """Text of a PDF with a text layer; a scanned PDF (images only) gets a Dutch message."""
    text = _join(pdf_blocks(name, data))
    if not _LETTER.search(text):
        raise IngestError("pdf_scanned", name=name)
    return text


def read_text_file(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text of a .txt, .docx, .odt or .pdf file (``\\n`` line ends, NFC)."""
    check_size(name, len(data), max_bytes)
    extension = _extension(name)
    if extension == ".txt":
        return decode_text(name, data)
    if extension == ".docx":
        return str(_parse_zip(name, data, "Word", max_bytes, _docx_text))
    if extension == ".odt":
        return str(_parse_zip(name, data, "OpenDocument", max_bytes, _odt_text))
    if extension == ".pdf":
        return _pdf_text(name, data)
    raise _unsupported(name, extension, TEXT_TYPES)


def _unsupported(name: str, extension: str, supported: Sequence[str]) -> IngestError:
    hint = {".doc": ".docx", ".xls": ".xlsx", ".ods": ".xlsx"}
    advice = Message("save_as", extension=hint[extension]) if extension in hint else ""
    return IngestError(
        "file_type_unsupported",
        name=name,
        extension=extension or Message("no_extension"),
        supported=", ".join(supported),
        advice=advice,
    )


def _delimiter(text: str) -> str:
    header = next((line for line in text.split("\n") if line.strip()), "")
    widths = {d: len(next(csv.reader([header], delimiter=d), [])) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: widths[d])
    return best if widths[best] > 1 else ","


def _csv_rows(name: str, data: bytes) -> list[list[str]]:
    text = decode_text(name, data)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise IngestError("csv_unreadable", name=name, reason=str(exc)) from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalise(str(value))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not book.worksheets:
            return []
        return [[_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def read_table(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Table:
    """A .csv (any delimiter of ; , tab) or .xlsx (first sheet) as header + string rows."""
    check_size(name, len(data), max_bytes)
    extension = _extension(name)
    if extension == ".csv":
        return table_from_rows(name, _csv_rows(name, data))
    if extension == ".xlsx":
        return table_from_rows(name, _parse_zip(name, data, "Excel", max_bytes, _xlsx_rows))
    raise _unsupported(name, extension, TABLE_TYPES)


def read_rows(
    path: Path, required: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> list[dict[str, str]]:
    """The rows of a .csv (UTF-8 or a Western encoding; comma, semicolon or tab, as Dutch Excel saves it)
    or .xlsx as dicts keyed by lower-case column name; every column in ``required`` must be there."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError("file_unreadable", name=path.name, reason=str(exc.strerror or exc)) from exc
    table = read_table(path.name, data, max_bytes)
    columns = [c.strip().casefold() for c in table.columns]
    missing = [c for c in required if c not in columns]
    if missing:
        raise IngestError(
            "columns_missing", name=path.name, missing=", ".join(missing), found=", ".join(table.columns)
        )
    return [dict(zip(columns, row, strict=True)) for row in table.rows]


def story_from_file(
    name: str,
    data: bytes,
    *,
    practice: str,
    role: str,
    story_id: str | None = None,
    date: str | None = None,
    interviewer: str | None = None,
    attributes: Sequence[Attribute] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Story:
    """One story from one .txt/.docx/.odt/.pdf file; the id defaults to the file name without extension."""
    text = read_text_file(name, data, max_bytes)
    if not text.strip():
        raise IngestError("text_missing", name=name)
    role_value = normalise_role(role)
    if role_value is None:
        raise IngestError("file_role_unknown", name=name, role=role, roles=", ".join(ROLES))
    if not practice.strip():
        raise IngestError("file_practice_missing", name=name)
    return Story(
        id=(story_id or "").strip() or stem(name),
        practice=practice.strip(),
        role=role_value,
        text=text,
        title=stem(name),
        date=parse_date(date) if date else None,
        interviewer=interviewer or None,
        attributes=tuple(parse_attribute(a.name, a.value, a.type) for a in attributes),
        source_name=name,
    )
