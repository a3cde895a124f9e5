"""PDF import: text PDFs through pypdf, the same identifier review as every format, a scan refused in Dutch.

The PDFs are built here, by hand (Helvetica, WinAnsi encoding, one text line per ``Tj``), from sentences
written for these tests.
"""

from __future__ import annotations

import io

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import IngestError
from verhalen.ingest import privacy
from verhalen.ingest.files import read_text_file, story_from_file

CHECK = "Controleren op herleidbare gegevens"


def _literal(line: str) -> bytes:
    raw = line.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[list[str]], drawing: bytes = b"") -> bytes:
    """A PDF with one page per list of lines (an empty list: a page without text, e.g. only ``drawing``)."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        content = drawing
        if lines:
            content += (
                b"BT /F1 11 Tf 14 TL 72 770 Td " + b" T* ".join(_literal(x) + b" Tj" for x in lines) + b" ET"
            )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


VERSLAG = [
    [
        "Op dinsdagochtend komen de moeders samen in het buurthuis aan de",
        "Kastanjelaan. Eerst is er koffie en daarna praten we over de opvoe-",
        "ding van de kinderen en de week.",
        "Iedereen mag iets vertellen.",
        "",
        "Ik merkte dat ik niet de enige ben die twijfelt. Dat gaf rust en ik",
        "1",
    ],
    [
        "ga nu met meer zin naar huis. Volgende keer neem ik mijn zus mee, zij",
        "heeft een baby van drie maanden.",
    ],
]
VERSLAG_TEXT = (
    "Op dinsdagochtend komen de moeders samen in het buurthuis aan de Kastanjelaan. Eerst is er koffie en "
    "daarna praten we over de opvoeding van de kinderen en de week.\n\n"
    "Iedereen mag iets vertellen.\n\n"
    "Ik merkte dat ik niet de enige ben die twijfelt. Dat gaf rust en ik ga nu met meer zin naar huis. "
    "Volgende keer neem ik mijn zus mee, zij heeft een baby van drie maanden."
)
GESPREK = [
    [
        "Interviewer: Wat betekent de groep voor u?",
        "Moeder: Het is mijn uur van de week. Daar hoef ik even niets en daar",
        "lacht niemand als ik iets niet weet.",
        "Interviewer: En de begeleiding?",
        "Moeder: Wendy Verhoeven belde me na de eerste keer op 06-12345678 om te",
        "vragen hoe het ging. Dat vond ik heel fijn.",
    ]
]


def test_a_text_pdf_becomes_paragraphs_as_in_a_txt_story() -> None:
    assert read_text_file("verslag.pdf", make_pdf(VERSLAG)) == VERSLAG_TEXT


def test_a_transcript_pdf_keeps_its_turns_and_accents() -> None:
    pages = [["Interviewer: Hoe was het café?", "Moeder: Gezellig, één keer per week is genoeg."]]
    text = read_text_file("gesprek.pdf", make_pdf(pages))
    assert text == "Interviewer: Hoe was het café?\n\nMoeder: Gezellig, één keer per week is genoeg."
    story = story_from_file("gesprek.pdf", make_pdf(GESPREK), practice="beijum", role="ouder")
    assert story.id == "gesprek" and story.source_name == "gesprek.pdf"
    assert story.text.count("\n\n") == 3 and "daar lacht niemand" in story.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (make_pdf([[]], drawing=b"q 0.6 g 72 300 450 400 re f Q "), "gescande PDF"),
        (make_pdf([[], []]), "gescande PDF"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF", "beschadigd"),
        (b"Dit is een gewone tekst met een verkeerde extensie.", "geen geldig PDF-bestand"),
    ],
)
def test_a_pdf_without_text_or_a_broken_one_is_one_dutch_line(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_text_file("scan.pdf", data)
    text = str(caught.value)
    assert message in text and "'scan.pdf'" in text and "\n" not in text


def _encrypted(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(VERSLAG))))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_is_one_dutch_line_and_an_owner_password_alone_is_no_obstacle() -> None:
    with pytest.raises(IngestError, match=r"'slot\.pdf' is beveiligd met een wachtwoord"):
        read_text_file("slot.pdf", _encrypted("geheim"))
    assert read_text_file("open.pdf", _encrypted("")) == VERSLAG_TEXT


def test_an_unsupported_type_names_pdf_among_the_types() -> None:
    with pytest.raises(IngestError, match=r"gebruik \.txt, \.docx, \.odt, \.pdf"):
        read_text_file("verhaal.rtf", b"{\\rtf1 tekst}")


@pytest.fixture(scope="module")
def deduce_loaded() -> None:
    privacy.warm_up()


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def test_a_pdf_upload_goes_through_the_identifier_review(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, deduce_loaded: None
) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.file_uploader(key="uploads").set_value(("gesprek.pdf", make_pdf(GESPREK), "application/pdf")).run()
    next(b for b in at.button if b.label == CHECK).click().run()
    assert not at.exception and not at.error
    review = " ".join(m.value for m in at.markdown)
    assert "Wendy Verhoeven" in review and "06-12345678" in review.replace("\\", "")
    next(b for b in at.button if b.label == "Alles pseudonimiseren").click().run()
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception and not at.error
    story = Workbench(load_settings(sqlite_url)).repo.story("gesprek")
    assert "Wendy" not in story.text and "06-12345678" not in story.text
    assert "[PERSOON-1]" in story.text and story.source_name == "gesprek.pdf"


def test_a_scanned_pdf_upload_shows_the_dutch_message(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    scan = make_pdf([[]], drawing=b"q 0.6 g 72 300 450 400 re f Q ")
    at.file_uploader(key="uploads").set_value(("scan.pdf", scan, "application/pdf")).run()
    next(b for b in at.button if b.label == CHECK).click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("gescande PDF" in e and "scan.pdf" in e for e in errors), errors
    assert Workbench(load_settings(sqlite_url)).repo.counts()["stories"] == 0
