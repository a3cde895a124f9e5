"""Writing and reading tables as CSV or xlsx, safe against formula injection.

Every text cell that a spreadsheet could take for a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) gets a single quote in front, as OWASP advises. A text that already starts with
a quote gets one too, so that :func:`read_rows` can always remove exactly one and give back the original.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from verhalen.domain import IngestError

Row = Mapping[str, str]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")
_WIDE = frozenset({"text", "definition", "when_to_use", "when_not_to_use", "memo"})
_NUMBER = re.compile(r"-?(0|[1-9]\d{0,14})(\.\d+)?")
FIXED_STAMP = datetime(2000, 1, 1)  # for a workbook without a time of its own (no decisions yet)
_CORE = "docProps/core.xml"


def neutralise(text: str) -> str:
    """Prefix ``'`` when a spreadsheet could read ``text`` as a formula (or it starts with ``'``)."""
    return "'" + text if text.startswith(_DANGEROUS) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`."""
    return text[1:] if text.startswith("'") else text


def number_text(value: int | float) -> str:
    """The text verhalen writes for a number: ``3``, ``0.8342``."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return repr(value)


def _as_number(text: str) -> int | float | None:
    """``text`` as a number when writing it as one and reading it back gives ``text`` again."""
    if not _NUMBER.fullmatch(text):
        return None
    value: int | float = int(text) if "." not in text else float(text)
    return value if number_text(value) == text else None


def write_csv_table(out: BinaryIO, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Plain UTF-8 (no BOM), comma separated, one header row, every cell neutralised."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([neutralise(c) for c in columns])
        for row in rows:
            writer.writerow([neutralise(row.get(c, "")) for c in columns])
        text.flush()
    finally:
        text.detach()


def add_sheet(
    workbook: Workbook, title: str, columns: Sequence[str], rows: Iterable[Row], numeric: Iterable[str] = ()
) -> None:
    """Add a sheet; cells in ``numeric`` columns become numbers when that loses nothing."""
    sheet = workbook.create_sheet(title=title)
    numbers = set(numeric)
    sheet.append([_xlsx_text(c) for c in columns])
    for row in rows:
        sheet.append([_xlsx_cell(row.get(c, ""), c in numbers) for c in columns])
    sheet.freeze_panes = "A2"
    for index, name in enumerate(columns, start=1):
        width = 60 if name in _WIDE else min(40, max(10, len(name) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width


def _xlsx_text(text: str) -> str:
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", text))


def _xlsx_cell(text: str, numeric: bool) -> str | int | float | None:
    if not text:
        return None
    number = _as_number(text) if numeric else None
    return _xlsx_text(text) if number is None else number


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def save_workbook(workbook: Workbook, out: BinaryIO, stamp: datetime | None = None) -> None:
    """Save reproducibly: the same workbook and ``stamp`` give the same bytes.

    openpyxl writes the current time into ``docProps/core.xml`` and into every zip entry; both are
    replaced by ``stamp`` (naive UTC; default :data:`FIXED_STAMP`), and the entries are written sorted.
    """
    stamp = _naive_utc(stamp or FIXED_STAMP)
    buffer = io.BytesIO()
    workbook.save(buffer)
    workbook.properties.creator = "verhalen"
    workbook.properties.created = workbook.properties.modified = stamp
    core = tostring(workbook.properties.to_tree())
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w") as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, core if name == _CORE else source.read(name), compresslevel=6)
    out.write(fixed.getvalue())


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def read_rows(source: str | Path | BinaryIO, sheet: str | None = None) -> list[dict[str, str]]:
    """Read a CSV or xlsx export back (first sheet unless ``sheet``), undoing the neutralisation."""
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    if data.startswith(b"PK"):
        table = _xlsx_table(data, sheet)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IngestError("csv_not_utf8", byte=exc.start) from exc
        table = [[unneutralise(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""))]
    if not table:
        return []
    header, *body = table
    return [{name: row[i] if i < len(row) else "" for i, name in enumerate(header)} for row in body]


def _xlsx_table(data: bytes, sheet: str | None) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise IngestError("excel_unreadable", reason=str(exc)) from exc
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise IngestError("excel_sheet_missing", sheet=sheet)
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return unneutralise(str(value))
