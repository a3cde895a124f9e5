"""Ingest: every reader, every bad input as IngestError, rows that fail alone, and property tests."""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verhalen.domain import Attribute, IngestError
from verhalen.ingest.files import (
    ColumnMapping,
    Table,
    layout_key,
    normalise_role,
    parse_attribute,
    parse_date,
    read_table,
    read_text_file,
    stories_from_table,
    story_from_file,
)

STORY = "De juf zei: ‘Goed gedaan’ – ik was blij. Financiële zorgen, café en één reünie.\nTweede regel."


def make_docx(tmp_path: Path) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Verhaal van een moeder", level=1)
    document.add_paragraph("Eerste alinea over de huiskamer.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "cel een"
    table.rows[0].cells[1].text = "cel twee"
    document.add_paragraph("")
    document.add_paragraph("Laatste alinea, na de tabel.")
    path = tmp_path / "verhaal.docx"
    document.save(str(path))
    return path.read_bytes()


def make_odt(tmp_path: Path) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Kop van het verhaal"))
    document.text.addElement(P(text="Eerste alinea met een é."))
    document.text.addElement(P(text="Tweede alinea."))
    path = tmp_path / "verhaal.odt"
    document.save(str(path))
    return path.read_bytes()


def make_xlsx(tmp_path: Path, rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "verhalen.xlsx"
    book.save(str(path))
    return path.read_bytes()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


# ---------------------------------------------------------------- plain text and encodings


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-8"),
        b"\xef\xbb\xbf" + STORY.encode("utf-8"),
        STORY.encode("utf-16"),  # with BOM
        STORY.encode("cp1252"),
        STORY.encode("utf-16-le"),  # no BOM: detected by charset-normalizer
        STORY.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "utf16-no-bom", "crlf"],
)
def test_text_encodings(data: bytes) -> None:
    assert read_text_file("verhaal.txt", data) == STORY


def test_latin1_and_nfc() -> None:
    assert read_text_file("a.txt", "Reünie in de crèche, ça va? Ökonomie.".encode("latin-1")).startswith(
        "Reünie"
    )
    decomposed = unicodedata.normalize("NFD", "één café")
    assert read_text_file("a.txt", decomposed.encode("utf-8")) == "één café"


@pytest.mark.parametrize(
    ("name", "data", "max_bytes", "keyword"),
    [
        ("leeg.txt", b"", 100, "leeg"),
        ("groot.txt", b"x" * 2 * 1024 * 1024, 1024 * 1024, "1 MB"),
        ("ruis.txt", bytes(range(256)) * 4, 10_000, "UTF-8"),
        ("nul.txt", b"tekst\x00\x01\x02 met stuurtekens", 10_000, "UTF-8"),
        ("verhaal.pdf", b"%PDF-1.4", 10_000, "beschadigd"),  # a PDF is read now; this one is cut off
        ("verhaal.rtf", b"{\\rtf1 tekst}", 10_000, "niet ondersteund"),
        ("verhaal.doc", b"\xd0\xcf\x11\xe0", 10_000, ".docx"),
        ("nep.docx", b"MZ\x90\x00 this is an executable", 10_000, "geen zip"),
        ("leeg.odt", zip_bytes({"hallo.txt": b"hallo"}), 10_000, "documentdeel"),
        ("leeg.docx", zip_bytes({"hallo.txt": b"hallo"}), 10_000, "documentdeel"),
    ],
)
def test_bad_text_files(name: str, data: bytes, max_bytes: int, keyword: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_text_file(name, data, max_bytes)
    assert keyword in str(caught.value)
    assert name in str(caught.value)


def test_corrupt_and_truncated_zip(tmp_path: Path) -> None:
    good = make_docx(tmp_path)
    info = zipfile.ZipFile(io.BytesIO(good)).getinfo("word/document.xml")
    offset = info.header_offset + 30 + len(info.filename) + 10  # inside the compressed data
    damaged = good[:offset] + bytes(b ^ 0xFF for b in good[offset : offset + 20]) + good[offset + 20 :]
    for data in (damaged, good[: len(good) // 2]):
        with pytest.raises(IngestError, match="beschadigd"):
            read_text_file("kapot.docx", data)


# ---------------------------------------------------------------- documents


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    text = read_text_file("verhaal.docx", make_docx(tmp_path))
    assert text.split("\n\n") == [
        "Verhaal van een moeder",
        "Eerste alinea over de huiskamer.",
        "cel een",
        "cel twee",
        "Laatste alinea, na de tabel.",
    ]


def test_odt_headings_and_paragraphs_in_order(tmp_path: Path) -> None:
    text = read_text_file("verhaal.odt", make_odt(tmp_path))
    assert text == "Kop van het verhaal\n\nEerste alinea met een é.\n\nTweede alinea."


def test_story_from_file(tmp_path: Path) -> None:
    story = story_from_file(
        "map/BEI-OUD-09.docx",
        make_docx(tmp_path),
        practice="beijum",
        role="Ouders",
        date="5-3-2024",
        attributes=(Attribute("kinderen", "2", "number"),),
    )
    assert (story.id, story.role, story.date, story.source_name) == (
        "BEI-OUD-09",
        "ouder",
        "2024-03-05",
        "map/BEI-OUD-09.docx",
    )
    assert story.attributes == (Attribute("kinderen", "2", "number"),)


@pytest.mark.parametrize(
    ("kwargs", "keyword"),
    [({"role": "buurman"}, "rol"), ({"practice": " "}, "praktijk"), ({"date": "31-2-2024"}, "datum")],
)
def test_story_from_file_errors(kwargs: dict[str, str], keyword: str) -> None:
    arguments = {"practice": "beijum", "role": "ouder"} | kwargs
    with pytest.raises(IngestError, match=keyword):
        story_from_file("a.txt", b"Een verhaal.", **arguments)
    with pytest.raises(IngestError, match="geen tekst"):
        story_from_file("a.txt", b"  \n ", practice="beijum", role="ouder")


# ---------------------------------------------------------------- tables


CSV = (
    "id;praktijk;rol;verhaal;kinderen\n"
    "A1;beijum;Ouder;Ik kwam, zag en bleef.;2\n"
    "A2;veendam;prof;Wij helpen;1,5\n"
)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_delimiters(delimiter: str) -> None:
    data = CSV.replace(";", delimiter) if delimiter != "," else CSV.replace(",", "").replace(";", ",")
    table = read_table("verhalen.csv", data.encode("utf-8"))
    assert table.columns == ("id", "praktijk", "rol", "verhaal", "kinderen")
    assert len(table.rows) == 2


def test_csv_cp1252_quoted_multiline() -> None:
    data = 'verhaal;rol\n"Eerste regel; met café\nen tweede regel";vrijwillig(st)er\n'.encode("cp1252")
    table = read_table("v.csv", data)
    assert table.rows == (("Eerste regel; met café\nen tweede regel", "vrijwillig(st)er"),)


def test_xlsx_first_sheet(tmp_path: Path) -> None:
    from datetime import datetime

    data = make_xlsx(tmp_path, [["verhaal", "datum", "aantal"], ["Een verhaal", datetime(2024, 3, 5), 3.0]])
    table = read_table("v.xlsx", data)
    assert table == Table(("verhaal", "datum", "aantal"), (("Een verhaal", "2024-03-05", "3"),))


def test_layout_key_ignores_case_space_and_order() -> None:
    first = Table(("Verhaal", "Rol"), ())
    assert layout_key(first) == layout_key(Table(("rol ", " verhaal"), ()))
    assert layout_key(first) != layout_key(Table(("verhaal", "praktijk"), ()))


def test_stories_from_table_keeps_good_rows() -> None:
    table = Table(
        ("id", "praktijk", "rol", "verhaal", "kinderen", "datum"),
        (
            ("A1", "beijum", "Ouders", "Goed verhaal.", "2", "5-3-2024"),
            ("A2", "", "ouder", "Geen praktijk.", "", ""),
            ("A3", "beijum", "buurman", "Onbekende rol.", "", ""),
            ("A4", "beijum", "ouder", "   ", "", ""),
            ("A1", "beijum", "ouder", "Dubbel id.", "", ""),
            ("A5", "beijum", "vrijwillig(st)er", "Ook goed.", "drie", "2024-13-01"),
            ("", "hoogeveen", "prof", "Zonder id.", "1,5", "2024-03-05"),
        ),
    )
    mapping = ColumnMapping(
        text="Verhaal",
        practice="praktijk",
        role="rol",
        story_id="id",
        date="datum",
        attributes=(("kinderen", "number"),),
    )
    results = stories_from_table(table, mapping, source_name="lijst.csv")
    good = [r.story for r in results if r.story]
    assert [s.id for s in good] == ["A1", "lijst-8"]
    assert good[0].date == "2024-03-05" and good[0].attributes == (Attribute("kinderen", "2", "number"),)
    assert good[1].attributes == (Attribute("kinderen", "1.5", "number"),)
    errors = {r.line: str(r.error) for r in results if r.error}
    assert "praktijk" in errors[3] and "rol" in errors[4] and "leeg" in errors[5]
    assert "regel 2" in errors[6]
    assert "getal" in errors[7] and "datum" in errors[7]


def test_defaults_and_missing_text_column() -> None:
    table = read_table("v.csv", b"tekst\nEen verhaal\n")
    results = stories_from_table(
        table, ColumnMapping(text="tekst"), default_practice="wij", default_role="professional"
    )
    assert results[0].story is not None and results[0].story.practice == "wij"
    with pytest.raises(IngestError, match="ontbreekt"):
        stories_from_table(table, ColumnMapping(text="verhaal"), default_practice="wij", default_role="ouder")


@pytest.mark.parametrize(
    ("name", "data", "keyword"),
    [
        ("leeg.csv", b"", "leeg"),
        ("alleen-witruimte.csv", b" \n;;\n", "geen kolomkoppen"),
        ("nep.xlsx", b"geen spreadsheet", "geen zip"),
        ("oud.xls", b"\xd0\xcf\x11\xe0", ".xlsx"),
        ("woord.xlsx", zip_bytes({"[Content_Types].xml": b"wordprocessingml.document.main"}), "documentdeel"),
    ],
)
def test_bad_tables(name: str, data: bytes, keyword: str) -> None:
    with pytest.raises(IngestError, match=re.escape(keyword)):
        read_table(name, data)


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "role"),
    [
        ("Ouder", "ouder"),
        ("ouders", "ouder"),
        ("Moeder", "ouder"),
        ("vrijwillig(st)er", "vrijwilliger"),
        ("Vrijwilligers", "vrijwilliger"),
        ("prof", "professional"),
        ("Professionals", "professional"),
        ("buurman", None),
        ("", None),
    ],
)
def test_roles(value: str, role: str | None) -> None:
    assert normalise_role(value) == role


def test_dates_and_numbers() -> None:
    assert parse_date("2024-03-05") == parse_date("5-3-2024") == parse_date("05/03/2024") == "2024-03-05"
    for bad in ("31-2-2024", "2024/03/05", "5-3-24", "morgen"):
        with pytest.raises(IngestError, match="datum"):
            parse_date(bad)
    assert parse_attribute("n", "3,5", "number").value == "3.5"
    with pytest.raises(IngestError, match="getal"):
        parse_attribute("n", "3 kinderen", "number")
    assert parse_attribute("wijk", " Noord ").value == "Noord"


# ---------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), extension=st.sampled_from([".txt", ".docx", ".odt"]))
def test_any_bytes_give_text_or_ingest_error(data: bytes, extension: str) -> None:
    with contextlib.suppress(IngestError):
        assert isinstance(read_text_file("f" + extension, data), str)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=2048), extension=st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_give_table_or_ingest_error(data: bytes, extension: str) -> None:
    with contextlib.suppress(IngestError):
        assert isinstance(read_table("f" + extension, data), Table)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("docs")
    table = make_xlsx(folder, [["verhaal"], ["tekst"]])
    return {".docx": make_docx(folder), ".odt": make_odt(folder), ".xlsx": table}


@settings(max_examples=150, deadline=None)
@given(
    extension=st.sampled_from([".docx", ".odt", ".xlsx"]),
    position=st.floats(0, 1),
    patch=st.binary(min_size=1, max_size=16),
)
def test_damaged_documents_give_only_ingest_error(
    documents: dict[str, bytes], extension: str, position: float, patch: bytes
) -> None:
    good = documents[extension]
    at = int(position * (len(good) - 1))
    data = good[:at] + patch + good[at + len(patch) :]
    try:
        if extension == ".xlsx":
            read_table("f.xlsx", data)
        else:
            read_text_file("f" + extension, data)
    except IngestError:
        pass


def expected_text(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", text))


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t"),
        min_size=1,
    )
)
def test_utf8_text_round_trips(text: str) -> None:
    if text.startswith("\ufeff"):
        text = "x" + text
    assert read_text_file("f.txt", text.encode("utf-8")) == expected_text(text)
