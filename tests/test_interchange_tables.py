"""CSV, Excel and matrix exports: columns, order, counts, formula neutralisation that reads back exactly."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.test_refi import sample_snapshot
from verhalen.interchange import coding_columns, coding_rows, read_rows, write_csv, write_matrix, write_xlsx
from verhalen.interchange.cells import (
    FIXED_STAMP,
    add_sheet,
    neutralise,
    new_workbook,
    save_workbook,
    unneutralise,
    write_csv_table,
)
from verhalen.interchange.tables import practice_code_rows, story_rows

CLI_COLUMNS = (
    "story_id",
    "practice",
    "role",
    "fragment_id",
    "start",
    "end",
    "text",
    "code",
    "status",
    "coder",
    "score",
)
ATTRS = ["attr:intake", "attr:leeftijd", "attr:rol", "attr:wijk"]


def _cell(sheet: Any, column: str) -> Any:
    """The cell in the first data row under header ``column``."""
    header = [c.value for c in sheet[1]]
    return sheet.cell(row=2, column=header.index(column) + 1)


def test_coding_columns_in_the_agreed_order() -> None:
    columns = coding_columns(sample_snapshot())
    assert columns[:3] == ["story_id", "practice", "role"]
    assert columns[3:7] == ATTRS
    assert columns[7:] == [
        "date",
        "interviewer",
        "fragment_id",
        "start",
        "end",
        "text",
        "code",
        "code_name",
        "code_path",
        "status",
        "coder",
        "time",
        "score",
        "suggester_version",
        "codebook_version",
        "memo",
    ]
    assert set(CLI_COLUMNS) <= set(columns)


def test_one_row_per_fragment_and_decision_sorted() -> None:
    rows = coding_rows(sample_snapshot())
    keys = [(r["story_id"], r["fragment_id"], r["code"], r["coder"]) for r in rows]
    assert keys == [
        ("S1", "1", "netwerk.praktisch", "anna"),
        ("S1", "1", "netwerk.praktisch", "bram"),
        ("S1", "2", "groepsgevoel", "anna"),
        ("S1", "2", "leren", "bram"),
        ("S1", "5", "", ""),
        ("S2", "3", "leren", "bram"),
        ("S2", "3", "onbekend", "bram"),
        ("S2", "4", "", ""),
        ("S3", "6", "", ""),
    ]
    first = rows[0]
    assert (
        first["practice"] == "Buurtgezinnen"
        and first["attr:leeftijd"] == "34"
        and first["attr:wijk"] == "=Noord"
    )
    assert first["code_path"] == "netwerk/netwerk.praktisch" and first["code_name"] == "Praktische hulp"
    assert (first["score"], first["suggester_version"], first["codebook_version"]) == ("0.8342", "s1", "1.2")
    assert first["memo"] == "mooi voorbeeld" and first["time"] == "2024-03-01T10:30:00+00:00"
    assert rows[3]["status"] == "rejected" and rows[3]["memo"] == "toch niet\n\nmemo op afgewezen code"
    assert rows[7]["memo"] == "Let op: toon.\r\nTweede regel"
    assert rows[0]["text"].startswith("\ufeff")


def test_csv_is_plain_utf8_with_neutralised_formulas_and_reads_back() -> None:
    snapshot = sample_snapshot()
    out = io.BytesIO()
    write_csv(snapshot, out)
    data = out.getvalue()
    assert not data.startswith(b"\xef\xbb\xbf")
    raw = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert raw[0][:3] == ["story_id", "practice", "role"]
    assert raw[1][raw[0].index("attr:wijk")] == "'=Noord"
    assert read_rows(io.BytesIO(data)) == coding_rows(snapshot)


def test_xlsx_sheets_and_read_back() -> None:
    snapshot = sample_snapshot()
    out = io.BytesIO()
    write_xlsx(snapshot, out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    assert workbook.sheetnames == ["Coderingen", "Verhalen", "Codeboek", "Praktijk x code"]
    cell = _cell(workbook["Coderingen"], "attr:wijk")
    assert (cell.value, cell.data_type) == ("'=Noord", "s")
    assert _cell(workbook["Coderingen"], "fragment_id").value == 1  # a number, not text
    assert read_rows(io.BytesIO(out.getvalue())) == coding_rows(snapshot)
    assert read_rows(io.BytesIO(out.getvalue()), sheet="Verhalen") == story_rows(snapshot)[1]
    codebook = read_rows(io.BytesIO(out.getvalue()), sheet="Codeboek")
    assert [r["path"] for r in codebook] == ["netwerk", "netwerk/netwerk.praktisch", "groepsgevoel", "leren"]
    assert codebook[0]["signals"] == "hulp; oppas"


def test_xlsx_is_dated_by_the_newest_decision_not_the_clock() -> None:
    snapshot = sample_snapshot()  # times 2024-03-01 10:30 UTC and 2024-03-02 09:15:05.123456 (naive: UTC)
    workbooks = []
    for _ in range(2):
        out = io.BytesIO()
        write_xlsx(snapshot, out)
        workbooks.append(out.getvalue())
    assert workbooks[0] == workbooks[1]
    properties = load_workbook(io.BytesIO(workbooks[0])).properties
    assert properties.created == properties.modified == datetime(2024, 3, 2, 9, 15, 5)
    assert properties.creator == "verhalen"


def test_a_workbook_without_decisions_has_a_fixed_date() -> None:
    out = io.BytesIO()
    write_matrix(replace(sample_snapshot(), codings=(), memos=()), out, fmt="xlsx")
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
    assert load_workbook(io.BytesIO(out.getvalue())).properties.modified == FIXED_STAMP


def test_practice_by_code_counts_confirmed_fragments() -> None:
    columns, rows = practice_code_rows(sample_snapshot())
    assert columns == ["code", "code_name", "Buurtgezinnen", "Home-Start", "Veenendaal", "totaal"]
    counts = {r["code"]: (r["Buurtgezinnen"], r["Home-Start"], r["totaal"]) for r in rows}
    assert counts == {
        "netwerk": ("0", "0", "0"),
        "netwerk.praktisch": ("1", "0", "1"),  # two coders, one fragment
        "groepsgevoel": ("1", "0", "1"),
        "leren": ("0", "1", "1"),  # the rejected one does not count
    }


def test_matrix_per_fragment_and_per_story() -> None:
    out = io.BytesIO()
    write_matrix(sample_snapshot(), out, level="fragment", fmt="csv")
    rows = read_rows(io.BytesIO(out.getvalue()))
    assert [r["fragment_id"] for r in rows] == ["1", "2", "5", "3", "4"]  # S3's fragment is not codable
    assert rows[0]["netwerk.praktisch"] == "1" and rows[0]["netwerk"] == "0" and rows[1]["leren"] == "0"
    assert rows[0]["attr:leeftijd"] == "34"
    out = io.BytesIO()
    write_matrix(sample_snapshot(), out, level="story", fmt="xlsx")
    stories = read_rows(io.BytesIO(out.getvalue()))
    assert [(r["story_id"], r["groepsgevoel"], r["leren"], r["fragments"]) for r in stories] == [
        ("S1", "1", "0", "3"),
        ("S2", "0", "1", "2"),
        ("S3", "0", "0", "0"),
    ]
    assert _cell(load_workbook(io.BytesIO(out.getvalue()))["Matrix"], "groepsgevoel").value == 1


@given(st.text())
def test_neutralise_is_undone_exactly(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unneutralise(safe) == text


CELL = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30)
XLSX_CELL = st.text(st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\t\r\n"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=5))
def test_csv_round_trip_of_any_text(cells: list[list[str]]) -> None:
    columns = ["a", "=b", "c"]
    rows = [dict(zip(columns, row, strict=True)) for row in cells]
    out = io.BytesIO()
    write_csv_table(out, columns, rows)
    assert read_rows(io.BytesIO(out.getvalue())) == rows


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(XLSX_CELL, min_size=3, max_size=3), min_size=1, max_size=5))
def test_xlsx_round_trip_of_any_text(cells: list[list[str]]) -> None:
    columns = ["a", "-b", "score"]
    rows = [dict(zip(columns, row, strict=True)) for row in cells]
    workbook = new_workbook()
    add_sheet(workbook, "Blad", columns, rows, numeric=["score"])
    out = io.BytesIO()
    save_workbook(workbook, out)
    assert read_rows(io.BytesIO(out.getvalue())) == rows
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Blad"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
