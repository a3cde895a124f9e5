"""Files → text and tables → stories: .txt, .docx, .odt, .csv and .xlsx, as pure functions.

Every failure is an ``IngestError`` with a Dutch message that names the file. Text is returned with
``\\n`` line ends and in Unicode NFC. Non-UTF-8 text is only accepted when charset-normalizer finds a
Western encoding (cp1252, latin-1, iso8859-15) or BOM-less UTF-16 with a low mess ratio; it is never
guessed blindly. Word and OpenDocument paragraphs are joined with a blank line, as in a .txt story.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePosixPath
from typing import Any

from verhalen.domain import ROLES, Attribute, AttributeType, IngestError, Story, VerhalenError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MB
TEXT_TYPES = (".txt", ".docx", ".odt")
TABLE_TYPES = (".csv", ".xlsx")
_BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32"}
_BOMS |= {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}  # after UTF-32, whose LE BOM starts the same
_FALLBACK_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "utf_16_le", "utf_16_be"]
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")
_OOXML_MAIN = {"Word": b"wordprocessingml.document.main", "Excel": b"spreadsheetml.sheet.main"}
_UNPACK_FACTOR = 20
_DELIMITERS = (";", ",", "\t")
_ROLE_WORDS = {
    "ouder": ("ouder", "moeder", "vader", "verzorger", "ouderverzorger", "parent"),
    "vrijwilliger": ("vrijwilliger", "vrijwilligster", "vrijw", "volunteer"),
    "professional": ("professional", "prof", "pro", "professionele", "beroepskracht", "beroepskrachten"),
}
_ROLE_LOOKUP = {word: role for role, words in _ROLE_WORDS.items() for word in words}
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ColumnMapping:
    """Which table column holds what; ``attributes`` pairs a column name with its type."""

    text: str
    practice: str | None = None
    role: str | None = None
    story_id: str | None = None
    date: str | None = None
    interviewer: str | None = None
    attributes: tuple[tuple[str, AttributeType], ...] = ()


@dataclass(frozen=True)
class RowResult:
    """One data row: ``line`` is the 1-based line in the file (the header is line 1)."""

    line: int
    story: Story | None = None
    error: str | None = None


def normalise(text: str) -> str:
    """``\\n`` line ends, no leading byte-order mark, Unicode NFC."""
    return unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff")))


def _check_size(name: str, data: bytes, max_bytes: int) -> None:
    if not data:
        raise IngestError(f"'{name}' is leeg.")
    if len(data) > max_bytes:
        raise IngestError(f"'{name}' is groter dan de limiet van {max_bytes / MB:g} MB.")


def _extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def stem(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).stem


def decode_text(name: str, data: bytes) -> str:
    """Bytes of a plain-text file → normalised text (BOM, UTF-8, then a confident detection)."""
    for bom, codec in _BOMS.items():
        if data.startswith(bom):
            try:
                return _checked(name, normalise(data.decode(codec)))
            except UnicodeDecodeError as exc:
                raise IngestError(f"'{name}' kon niet als {codec.upper()} worden gelezen.") from exc
    try:
        text = normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _detect(name, data)
    return text if not _CONTROL.search(text) else _detect(name, data)


def _checked(name: str, text: str) -> str:
    if _CONTROL.search(text):
        raise IngestError(f"'{name}' bevat stuurtekens en lijkt geen tekstbestand; sla het op als UTF-8.")
    return text


def _detect(name: str, data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None:
        raise IngestError(
            f"De tekenset van '{name}' kon niet betrouwbaar worden vastgesteld; "
            "sla het bestand op als UTF-8 en probeer het opnieuw."
        )
    text = _checked(name, normalise(str(best)))
    sample = text[:100_000]
    letters = len(_LETTER.findall(sample))
    if "\ufffd" in text or (letters and len(_LATIN.findall(sample)) < 0.9 * letters):
        raise IngestError(f"'{name}' bevat onleesbare tekens na het omzetten; sla het bestand op als UTF-8.")
    return text


def _open_zip(name: str, data: bytes, kind: str, max_bytes: int) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK"):
            raise IngestError(f"'{name}' is beschadigd (het zip-archief is onvolledig).")
        raise IngestError(f"'{name}' is geen geldig {kind}-bestand (geen zip-archief).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > _UNPACK_FACTOR * max_bytes:
            raise IngestError(f"'{name}' is uitgepakt te groot om te importeren.")
        bad = archive.testzip()
    except IngestError:
        raise
    except Exception as exc:  # zipfile raises many types for damaged archives
        raise IngestError(f"'{name}' is beschadigd (het zip-archief is corrupt).") from exc
    if bad is not None:
        raise IngestError(f"'{name}' is beschadigd (onderdeel '{bad}' is corrupt).")
    return archive


def _require_part(name: str, archive: zipfile.ZipFile, kind: str) -> None:
    names = set(archive.namelist())
    if kind == "OpenDocument":
        present = "content.xml" in names
    else:
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        present = _OOXML_MAIN[kind] in types
    if not present:
        raise IngestError(f"'{name}' mist het documentdeel; is het wel een {kind}-bestand?")


def _parse_zip(name: str, data: bytes, kind: str, max_bytes: int, parse: Callable[[bytes], Any]) -> Any:
    _require_part(name, _open_zip(name, data, kind, max_bytes), kind)
    try:
        return parse(data)
    except KeyError as exc:
        raise IngestError(f"'{name}' mist een documentdeel ({exc}).") from exc
    except Exception as exc:  # third-party parsers raise many types on malformed content
        raise IngestError(f"'{name}' kon niet als {kind}-bestand worden gelezen.") from exc


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


def read_text_file(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text of a .txt, .docx or .odt file (``\\n`` line ends, NFC)."""
    _check_size(name, data, max_bytes)
    extension = _extension(name)
    if extension == ".txt":
        return decode_text(name, data)
    if extension == ".docx":
        return str(_parse_zip(name, data, "Word", max_bytes, _docx_text))
    if extension == ".odt":
        return str(_parse_zip(name, data, "OpenDocument", max_bytes, _odt_text))
    raise _unsupported(name, extension, TEXT_TYPES)


def _unsupported(name: str, extension: str, supported: Sequence[str]) -> IngestError:
    hint = {".doc": ".docx", ".xls": ".xlsx", ".ods": ".xlsx"}
    advice = f" Sla het op als {hint[extension]}." if extension in hint else ""
    return IngestError(
        f"'{name}': bestandstype '{extension or '(geen)'}' wordt niet ondersteund; "
        f"gebruik {', '.join(supported)}.{advice}"
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
        raise IngestError(f"'{name}' kon niet als CSV worden gelezen: {exc}.") from exc


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


def _table(name: str, raw: list[list[str]]) -> Table:
    rows = [[c.strip() for c in row] for row in raw if any(c.strip() for c in row)]
    if not rows:
        raise IngestError(f"'{name}' bevat geen kolomkoppen of rijen.")
    width = max(max((i + 1 for i, c in enumerate(row) if c), default=0) for row in rows)
    columns: list[str] = []
    for i in range(width):
        title = rows[0][i] if i < len(rows[0]) and rows[0][i] else f"kolom {i + 1}"
        base, n = title, 2
        while title in columns:
            title, n = f"{base} ({n})", n + 1
        columns.append(title)
    body = tuple(tuple((row + [""] * width)[:width]) for row in rows[1:])
    return Table(columns=tuple(columns), rows=body)


def read_table(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Table:
    """A .csv (any delimiter of ; , tab) or .xlsx (first sheet) as header + string rows."""
    _check_size(name, data, max_bytes)
    extension = _extension(name)
    if extension == ".csv":
        return _table(name, _csv_rows(name, data))
    if extension == ".xlsx":
        return _table(name, _parse_zip(name, data, "Excel", max_bytes, _xlsx_rows))
    raise _unsupported(name, extension, TABLE_TYPES)


def _norm_column(column: str) -> str:
    return " ".join(column.casefold().split())


def layout_key(table: Table) -> str:
    """Stable key of a file layout: hash of the sorted, normalised column names."""
    joined = "\x1f".join(sorted(_norm_column(c) for c in table.columns))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def normalise_role(value: str) -> str | None:
    """'Ouder', 'ouders', 'vrijwillig(st)er', 'prof' → a role of ``ROLES``; None when unknown."""
    key = re.sub(r"[\s().\-/]", "", value.casefold())
    for candidate in (key, key.removesuffix("s"), key.removesuffix("en")):
        if candidate in _ROLE_LOOKUP:
            return _ROLE_LOOKUP[candidate]
    return None


def parse_date(value: str) -> str:
    """ISO (JJJJ-MM-DD) or D-M-JJJJ (also with / or .) → ISO date; IngestError otherwise."""
    text = value.strip()
    ymd, dmy = _YMD.fullmatch(text), _DMY.fullmatch(text)
    try:
        if ymd:
            return date(int(ymd[1]), int(ymd[2]), int(ymd[3])).isoformat()
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1])).isoformat()
    except ValueError:
        pass
    raise IngestError(f"Ongeldige datum '{value}'; gebruik JJJJ-MM-DD of D-M-JJJJ.")


def parse_attribute(name: str, value: str, type_: AttributeType = "text") -> Attribute:
    """A typed attribute: numbers accept a decimal comma (stored with a dot), dates become ISO."""
    text = value.strip()
    if type_ == "date":
        text = parse_date(text)
    elif type_ == "number":
        if not _NUMBER.fullmatch(text):
            raise IngestError(f"Kenmerk '{name}': '{value}' is geen getal.")
        text = text.replace(",", ".")
    return Attribute(name=name, value=text, type=type_)


def _column_index(name: str, table: Table, column: str | None) -> int | None:
    if column is None:
        return None
    wanted = _norm_column(column)
    for i, existing in enumerate(table.columns):
        if _norm_column(existing) == wanted:
            return i
    raise IngestError(f"Kolom '{column}' ontbreekt in '{name}'; kies de kolommen opnieuw.")


def _row_story(
    cells: dict[str, str], mapping: ColumnMapping, practice: str | None, role: str | None, source: str
) -> Story:
    errors: list[str] = []
    if not cells["text"]:
        errors.append("de tekst is leeg")
    practice_value = cells.get("practice") or practice or ""
    if not practice_value:
        errors.append("geen praktijk")
    role_text = cells.get("role") or role or ""
    role_value = normalise_role(role_text)
    if role_value is None:
        errors.append(f"onbekende rol '{role_text}' (kies {', '.join(ROLES)})" if role_text else "geen rol")
    attributes: list[Attribute] = []
    for column, type_ in mapping.attributes:
        if cells[f"attr:{column}"]:
            attributes.append(_collect(errors, parse_attribute, column, cells[f"attr:{column}"], type_))
    when = _collect(errors, parse_date, cells["date"]) if cells.get("date") else None
    if errors:
        raise IngestError("; ".join(errors))
    return Story(
        id=cells["story_id"],
        practice=practice_value,
        role=str(role_value),
        text=normalise(cells["text"]),
        date=when,
        interviewer=cells.get("interviewer") or None,
        attributes=tuple(attributes),
        source_name=source,
    )


def _collect(errors: list[str], parse: Callable[..., Any], *args: Any) -> Any:
    try:
        return parse(*args)
    except IngestError as exc:
        errors.append(str(exc))
        return None


def stories_from_table(
    table: Table,
    mapping: ColumnMapping,
    *,
    default_practice: str | None = None,
    default_role: str | None = None,
    source_name: str = "",
) -> list[RowResult]:
    """One result per data row: a Story, or the reason that row was skipped (other rows still count)."""
    fields = {k: getattr(mapping, k) for k in ("text", "practice", "role", "story_id", "date", "interviewer")}
    fields |= {f"attr:{column}": column for column, _ in mapping.attributes}
    index = {k: _column_index(source_name, table, v) for k, v in fields.items()}
    first_line: dict[str, int] = {}
    results: list[RowResult] = []
    for number, row in enumerate(table.rows, start=2):
        cells = {k: row[i].strip() if i is not None else "" for k, i in index.items()}
        cells["story_id"] = cells["story_id"] or f"{stem(source_name) or 'rij'}-{number}"
        if cells["story_id"] in first_line:
            message = f"id '{cells['story_id']}' komt al voor op regel {first_line[cells['story_id']]}"
            results.append(RowResult(line=number, error=f"Regel {number}: {message}."))
            continue
        try:
            story = _row_story(cells, mapping, default_practice, default_role, source_name)
        except VerhalenError as exc:
            results.append(RowResult(line=number, error=f"Regel {number}: {exc}."))
            continue
        first_line[story.id] = number
        results.append(RowResult(line=number, story=story))
    return results


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
    """One story from one .txt/.docx/.odt file; the id defaults to the file name without extension."""
    text = read_text_file(name, data, max_bytes)
    if not text.strip():
        raise IngestError(f"'{name}' bevat geen tekst.")
    role_value = normalise_role(role)
    if role_value is None:
        raise IngestError(f"'{name}': onbekende rol '{role}'; kies {', '.join(ROLES)}.")
    if not practice.strip():
        raise IngestError(f"'{name}': geef een praktijk op.")
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
