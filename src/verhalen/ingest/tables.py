"""Tables and field values → stories, as pure functions (no file formats; ``ingest`` reads the files).

Also home of the text normalisation shared with ``ingest`` (``\\n`` line ends, NFC), so that this
module depends on nothing else in the package but the domain and the message catalogue. Every failure
is an ``IngestError`` with a catalogue message (Dutch as a string, English on request); in
``stories_from_table`` a bad row fails alone and the others still count.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any, cast

from verhalen.domain import ROLES, Attribute, AttributeType, IngestError, Story, VerhalenError
from verhalen.messages import Joined, Message

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_ROLE_WORDS = {
    "ouder": ("ouder", "moeder", "vader", "verzorger", "ouderverzorger", "parent"),
    "vrijwilliger": ("vrijwilliger", "vrijwilligster", "vrijw", "volunteer"),
    "professional": ("professional", "prof", "pro", "professionele", "beroepskracht", "beroepskrachten"),
}
_ROLE_LOOKUP = {word: role for role, words in _ROLE_WORDS.items() for word in words}
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
FIELDS: tuple[str, ...] = ("text", "practice", "role", "story_id", "date", "interviewer")
# Column titles recognised per field (compared case-insensitively, with '-' and ' ' read as '_').
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "tekst", "verhaal", "verhaaltekst", "story", "transcript"),
    "practice": ("praktijk", "practice"),
    "role": ("rol", "role"),
    "story_id": ("id", "story_id", "verhaal_id", "verhaalid", "verhaalnummer"),
    "date": ("datum", "date"),
    "interviewer": ("interviewer", "interviewster"),
}
ATTRIBUTE_TYPES: tuple[AttributeType, ...] = ("text", "number", "date")


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
    error: Message | None = None  # 'Regel 3: …' (str() is the Dutch line; the page shows its language)


def normalise(text: str) -> str:
    """``\\n`` line ends, no leading byte-order mark, Unicode NFC."""
    return unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff")))


def stem(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).stem


def table_from_rows(name: str, raw: list[list[str]]) -> Table:
    """Header + rows from raw cells: blank rows dropped, missing titles named, duplicates numbered."""
    rows = [[c.strip() for c in row] for row in raw if any(c.strip() for c in row)]
    if not rows:
        raise IngestError("table_empty", name=name)
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


def _norm_column(column: str) -> str:
    return " ".join(column.casefold().split())


def layout_key(table: Table) -> str:
    """Stable key of a file layout: hash of the sorted, normalised column names."""
    joined = "\x1f".join(sorted(_norm_column(c) for c in table.columns))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- values


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
    raise IngestError("date_invalid", value=value)


def parse_attribute(name: str, value: str, type_: AttributeType = "text") -> Attribute:
    """A typed attribute: numbers accept a decimal comma (stored with a dot), dates become ISO."""
    text = value.strip()
    if type_ == "date":
        text = parse_date(text)
    elif type_ == "number":
        if not _NUMBER.fullmatch(text):
            raise IngestError("attribute_not_a_number", name=name, value=value)
        text = text.replace(",", ".")
    return Attribute(name=name, value=text, type=type_)


def _is_date(value: str) -> bool:
    try:
        parse_date(value)
    except IngestError:
        return False
    return True


def infer_type(values: Sequence[str]) -> AttributeType:
    """'number' or 'date' when every non-empty value parses as one, else 'text'."""
    filled = [v.strip() for v in values if v.strip()]
    if filled and all(_NUMBER.fullmatch(v) for v in filled):
        return "number"
    if filled and all(_is_date(v) for v in filled):
        return "date"
    return "text"


# ---------------------------------------------------------------- column mapping


def _alias_key(column: str) -> str:
    return re.sub(r"[\s\-]+", "_", column.strip().casefold())


def guess_column(columns: Sequence[str], field: str) -> str | None:
    """The first column whose title is a known alias of ``field`` (see ``ALIASES``)."""
    for column in columns:
        if _alias_key(column) in ALIASES[field]:
            return column
    return None


def guess_mapping(name: str, table: Table, require_text: bool = True) -> ColumnMapping:
    """Fields by column title; every other column with a value becomes a typed free attribute.

    Without a recognisable text column: an IngestError, or (``require_text=False``) ``text=""``.
    """
    guessed = {f: guess_column(table.columns, f) for f in FIELDS}
    if guessed["text"] is None and require_text:
        raise IngestError("text_column_missing", name=name, columns=", ".join(table.columns))
    used = set(guessed.values())
    attributes = tuple(
        (column, infer_type([row[i] for row in table.rows]))
        for i, column in enumerate(table.columns)
        if column not in used and any(row[i].strip() for row in table.rows)
    )
    return ColumnMapping(
        text=guessed["text"] or "",
        practice=guessed["practice"],
        role=guessed["role"],
        story_id=guessed["story_id"],
        date=guessed["date"],
        interviewer=guessed["interviewer"],
        attributes=attributes,
    )


def mapping_to_json(mapping: ColumnMapping) -> str:
    data: dict[str, Any] = {f: getattr(mapping, f) for f in FIELDS}
    data["attributes"] = [list(pair) for pair in mapping.attributes]
    return json.dumps(data, ensure_ascii=False)


def mapping_from_json(raw: str) -> ColumnMapping | None:
    """Inverse of ``mapping_to_json``; None for anything unreadable ('—' counts as no column)."""
    try:
        data = json.loads(raw)
        values = {f: str(data[f]) if data.get(f) not in (None, "", "—") else None for f in FIELDS}
        attributes = tuple(
            (str(c), cast(AttributeType, t)) for c, t in data.get("attributes", []) if t in ATTRIBUTE_TYPES
        )
    except (ValueError, TypeError, AttributeError):
        return None
    text = values.pop("text")
    return ColumnMapping(text, **values, attributes=attributes) if text else None


# ---------------------------------------------------------------- rows → stories


def _column_index(name: str, table: Table, column: str | None) -> int | None:
    if column is None:
        return None
    wanted = _norm_column(column)
    for i, existing in enumerate(table.columns):
        if _norm_column(existing) == wanted:
            return i
    raise IngestError("column_missing", column=column, name=name)


def _row_story(
    cells: dict[str, str], mapping: ColumnMapping, practice: str | None, role: str | None, source: str
) -> Story:
    errors: list[Message | IngestError] = []
    if not cells["text"]:
        errors.append(Message("row_text_empty"))
    practice_value = cells.get("practice") or practice or ""
    if not practice_value:
        errors.append(Message("row_practice_missing"))
    role_text = cells.get("role") or role or ""
    role_value = normalise_role(role_text)
    if role_value is None:
        unknown = Message("row_role_unknown", role=role_text, roles=", ".join(ROLES))
        errors.append(unknown if role_text else Message("row_role_missing"))
    attributes: list[Attribute] = []
    for column, type_ in mapping.attributes:
        if cells[f"attr:{column}"]:
            attributes.append(_collect(errors, parse_attribute, column, cells[f"attr:{column}"], type_))
    when = _collect(errors, parse_date, cells["date"]) if cells.get("date") else None
    if errors:
        raise IngestError("row_problems", problems=Joined(errors, "; "))
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


def _collect(errors: list[Message | IngestError], parse: Callable[..., Any], *args: Any) -> Any:
    try:
        return parse(*args)
    except IngestError as exc:
        errors.append(exc)
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
    fields = {k: getattr(mapping, k) for k in FIELDS}
    fields |= {f"attr:{column}": column for column, _ in mapping.attributes}
    index = {k: _column_index(source_name, table, v) for k, v in fields.items()}
    first_line: dict[str, int] = {}
    results: list[RowResult] = []
    for number, row in enumerate(table.rows, start=2):
        cells = {k: row[i].strip() if i is not None else "" for k, i in index.items()}
        cells["story_id"] = cells["story_id"] or f"{stem(source_name) or 'rij'}-{number}"
        if cells["story_id"] in first_line:
            story_id = cells["story_id"]
            repeated = Message("row_id_repeated", story=story_id, first=first_line[story_id])
            results.append(RowResult(line=number, error=Message("row_line", line=number, error=repeated)))
            continue
        try:
            story = _row_story(cells, mapping, default_practice, default_role, source_name)
        except VerhalenError as exc:
            results.append(RowResult(line=number, error=Message("row_line", line=number, error=exc)))
            continue
        first_line[story.id] = number
        results.append(RowResult(line=number, story=story))
    return results
