"""The core's errors in English on request, with the Dutch text (CLI, str()) unchanged."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from verhalen.domain import IngestError, VerhalenError
from verhalen.ingest.files import (
    ColumnMapping,
    check_size,
    parse_date,
    read_rows,
    read_table,
    read_text_file,
    story_from_file,
    table_from_rows,
)
from verhalen.ingest.tables import guess_mapping, stories_from_table
from verhalen.messages import Joined, Message


def _raised(call: object, *args: object, **kwargs: object) -> VerhalenError:
    assert callable(call)
    with pytest.raises(VerhalenError) as info:
        call(*args, **kwargs)
    return info.value


def _both(error: VerhalenError, dutch: str, english: str) -> None:
    assert str(error) == error.text("nl") == dutch
    assert error.text("en") == english
    assert error.key is not None


# ---------------------------------------------------------------- the mechanism


def test_a_message_inside_a_message_follows_the_language() -> None:
    inner = IngestError("file_empty", name="a.txt")
    outer = IngestError("in_file", name="lijst.csv", error=inner)
    _both(outer, "'lijst.csv': 'a.txt' is leeg.", "'lijst.csv': 'a.txt' is empty.")
    joined = Joined([Message("row_text_empty"), "vrije tekst", inner], "; ")
    assert str(joined) == "de tekst is leeg; vrije tekst; 'a.txt' is leeg."
    assert joined.text("en") == "the text is empty; vrije tekst; 'a.txt' is empty."


def test_a_plain_sentence_inside_a_message_stays_as_it_is() -> None:
    outer = IngestError("in_file", name="x.txt", error=VerhalenError("Iets ging mis."))
    assert str(outer) == outer.text("en") == "'x.txt': Iets ging mis."


# ---------------------------------------------------------------- ingest/files.py, ingest/pdf.py


def test_an_empty_or_too_large_upload() -> None:
    _both(_raised(check_size, "leeg.txt", 0, 10), "'leeg.txt' is leeg.", "'leeg.txt' is empty.")
    _both(
        _raised(check_size, "groot.txt", 3 * 1024 * 1024, 2 * 1024 * 1024),
        "'groot.txt' is groter dan de limiet van 2 MB.",
        "'groot.txt' is larger than the limit of 2 MB.",
    )


def test_an_unsupported_type_with_and_without_advice() -> None:
    _both(
        _raised(read_text_file, "oud.doc", b"x"),
        "'oud.doc': bestandstype '.doc' wordt niet ondersteund; gebruik .txt, .docx, .odt, .pdf. "
        "Sla het op als .docx.",
        "'oud.doc': file type '.doc' is not supported; use .txt, .docx, .odt, .pdf. Save it as .docx.",
    )
    _both(
        _raised(read_text_file, "zonder", b"x"),
        "'zonder': bestandstype '(geen)' wordt niet ondersteund; gebruik .txt, .docx, .odt, .pdf.",
        "'zonder': file type '(none)' is not supported; use .txt, .docx, .odt, .pdf.",
    )


def test_a_docx_that_is_no_zip_and_a_text_with_control_characters() -> None:
    _both(
        _raised(read_text_file, "brief.docx", b"geen zip"),
        "'brief.docx' is geen geldig Word-bestand (geen zip-archief).",
        "'brief.docx' is not a valid Word file (not a zip archive).",
    )
    _both(
        _raised(read_text_file, "bin.txt", b"\xef\xbb\xbfab\x00\x01cd"),
        "'bin.txt' bevat stuurtekens en lijkt geen tekstbestand; sla het op als UTF-8.",
        "'bin.txt' contains control characters and does not look like a text file; save it as UTF-8.",
    )


def test_a_story_file_with_an_unknown_role_or_no_practice() -> None:
    data = b"Een verhaal."
    _both(
        _raised(story_from_file, "a.txt", data, practice="wij", role="buurman"),
        "'a.txt': onbekende rol 'buurman'; kies ouder, vrijwilliger, professional.",
        "'a.txt': unknown role 'buurman'; choose ouder, vrijwilliger, professional.",
    )
    _both(
        _raised(story_from_file, "a.txt", data, practice=" ", role="ouder"),
        "'a.txt': geef een praktijk op.",
        "'a.txt': enter a practice.",
    )


def test_a_missing_column_in_a_table(tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("naam;tekst\nA;x\n", encoding="utf-8")
    _both(
        _raised(read_rows, path, ["id", "tekst", "rol"]),
        "'lijst.csv': kolom(men) ontbreken: id, rol (gevonden: naam, tekst).",
        "'lijst.csv': column(s) missing: id, rol (found: naam, tekst).",
    )
    table = read_table("lijst.csv", path.read_bytes())
    _both(
        _raised(stories_from_table, table, ColumnMapping(text="verhaal"), source_name="lijst.csv"),
        "Kolom 'verhaal' ontbreekt in 'lijst.csv'; kies de kolommen opnieuw.",
        "Column 'verhaal' is missing from 'lijst.csv'; choose the columns again.",
    )


def test_an_unreadable_path_keeps_the_system_text(tmp_path: Path) -> None:
    error = _raised(read_rows, tmp_path / "weg.csv", ["tekst"])
    assert str(error).startswith("'weg.csv' kan niet gelezen worden: ")
    assert error.text("en").startswith("'weg.csv' cannot be read: ")


def test_a_scanned_pdf() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    _both(
        _raised(read_text_file, "scan.pdf", buffer.getvalue()),
        "'scan.pdf' bevat geen leesbare tekst: het lijkt een gescande PDF (alleen afbeeldingen). "
        "Zet het eerst om met tekstherkenning (OCR), of lever het aan als .docx of .txt.",
        "'scan.pdf' contains no readable text: it looks like a scanned PDF (images only). "
        "Convert it with text recognition (OCR) first, or supply it as .docx or .txt.",
    )
    _both(
        _raised(read_text_file, "nep.pdf", b"geen pdf"),
        "'nep.pdf' is geen geldig PDF-bestand.",
        "'nep.pdf' is not a valid PDF file.",
    )


# ---------------------------------------------------------------- ingest/tables.py


def test_table_values_and_layout() -> None:
    _both(
        _raised(parse_date, "31-02-2024"),
        "Ongeldige datum '31-02-2024'; gebruik JJJJ-MM-DD of D-M-JJJJ.",
        "Invalid date '31-02-2024'; use YYYY-MM-DD or D-M-YYYY.",
    )
    _both(
        _raised(table_from_rows, "leeg.csv", [["", " "]]),
        "'leeg.csv' bevat geen kolomkoppen of rijen.",
        "'leeg.csv' contains no column headers or rows.",
    )
    table = table_from_rows("l.csv", [["naam", "rol"], ["A", "ouder"]])
    _both(
        _raised(guess_mapping, "l.csv", table),
        "'l.csv' heeft geen tekstkolom; noem de kolom met het verhaal 'tekst' (of 'verhaal', 'text'). "
        "Gevonden kolommen: naam, rol.",
        "'l.csv' has no text column; name the column with the story 'tekst' (or 'verhaal', 'text'). "
        "Columns found: naam, rol.",
    )


def test_a_bad_row_lists_its_problems_in_dutch() -> None:
    table = table_from_rows("l.csv", [["tekst", "rol", "datum"], ["", "buurman", "morgen"]])
    (result,) = stories_from_table(table, guess_mapping("l.csv", table), source_name="l.csv")
    assert result.error == (
        "Regel 2: de tekst is leeg; geen praktijk; onbekende rol 'buurman' (kies ouder, vrijwilliger, "
        "professional); Ongeldige datum 'morgen'; gebruik JJJJ-MM-DD of D-M-JJJJ.."
    )
