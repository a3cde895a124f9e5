"""The core's errors in English on request, with the Dutch text (CLI, str()) unchanged."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from verhalen.app import names_list
from verhalen.app.accounts import MIN_PASSWORD, Accounts, LoginError, check_role, hash_password
from verhalen.app.import_review import Candidate, add_hits, finalise, missing_reasons, with_story_id
from verhalen.app.importing import (
    MAX_ROW_ERRORS,
    ImportOptions,
    decide,
    import_paths,
    parse_attributes,
    read_file,
    resolve_practice,
)
from verhalen.app.review import merge_run
from verhalen.app.workbench import PRACTICES, Workbench
from verhalen.domain import IngestError, Story, VerhalenError
from verhalen.ingest import privacy
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


def test_a_bad_row_lists_its_problems_in_both_languages() -> None:
    table = table_from_rows("l.csv", [["tekst", "rol", "datum"], ["", "buurman", "morgen"]])
    (result,) = stories_from_table(table, guess_mapping("l.csv", table), source_name="l.csv")
    assert result.error is not None
    assert str(result.error) == (
        "Regel 2: de tekst is leeg; geen praktijk; onbekende rol 'buurman' (kies ouder, vrijwilliger, "
        "professional); Ongeldige datum 'morgen'; gebruik JJJJ-MM-DD of D-M-JJJJ.."
    )
    assert result.error.text("en").startswith("Line 2: ")


# ---------------------------------------------------------------- app/importing.py, app/import_review.py


def test_an_unknown_practice_and_a_bad_attribute(bench: Workbench) -> None:
    error = _raised(resolve_practice, bench, "nergens")
    known = error.params["known"]
    assert isinstance(known, str) and "beijum" in known
    _both(
        error,
        f"Onbekende praktijk 'nergens'; bekend: {known}.",
        f"Unknown practice 'nergens'; known: {known}.",
    )
    _both(
        _raised(parse_attributes, ["leeftijd"]),
        "Kenmerk 'leeftijd': schrijf 'naam = waarde' (of 'naam:getal = 2').",
        "Attribute 'leeftijd': write 'naam = waarde' (or 'naam:getal = 2').",
    )


def test_a_table_with_bad_rows_is_refused_whole(bench: Workbench) -> None:
    rows = "tekst;rol\n" + "".join(f"verhaal {i};buurman\n" for i in range(7))
    error = _raised(read_file, bench, "lijst.csv", rows.encode(), ImportOptions(practice="beijum", role=""))
    row = "Regel {n}: onbekende rol 'buurman' (kies ouder, vrijwilliger, professional)."
    row_en = "Line {n}: unknown role 'buurman' (choose ouder, vrijwilliger, professional)."
    rows_text = " ".join(row.format(n=n) for n in range(2, 2 + MAX_ROW_ERRORS))
    rows_en = " ".join(row_en.format(n=n) for n in range(2, 2 + MAX_ROW_ERRORS))
    _both(
        error,
        f"'lijst.csv': {rows_text} (en nog {7 - MAX_ROW_ERRORS})",
        f"'lijst.csv': {rows_en} (and {7 - MAX_ROW_ERRORS} more)",
    )


def test_one_story_id_for_several_files_and_unreviewed_hits(bench: Workbench, tmp_path: Path) -> None:
    options = ImportOptions(practice="beijum", role="ouder", story_id="S1")
    _both(
        _raised(import_paths, bench, [tmp_path / "a.txt", tmp_path / "b.txt"], options),
        "Een verhaal-id kan alleen bij één bestand worden opgegeven.",
        "A story id can only be given for a single file.",
    )
    story = Story("S1", "beijum", "ouder", "Sanne en Piet kwamen.")
    hits = (privacy.Hit("Sanne", "persoon", 0, 5), privacy.Hit("Piet", "persoon", 10, 14))
    error = _raised(decide, Candidate("a.txt", story, hits), ImportOptions(practice="beijum", role="ouder"))
    _both(
        error,
        "2 mogelijk herleidbare gegevens (persoon) niet beoordeeld; "
        "controleer met 'verhalen scan' en kies --pseudonymise of --accept-identifiers.",
        "2 possibly identifying items (persoon) not reviewed; "
        "check with 'verhalen scan' and choose --pseudonymise or --accept-identifiers.",
    )
    one = _raised(decide, Candidate("a.txt", story, hits[:1]), ImportOptions(practice="beijum", role="ouder"))
    assert one.text("en").startswith("1 possibly identifying item (persoon) not reviewed;")
    assert str(one).startswith("1 mogelijk herleidbare gegevens (persoon) niet beoordeeld;")


def test_the_import_review_refusals() -> None:
    story = Story("S1", "beijum", "ouder", "Sanne en Piet kwamen.")
    candidate = Candidate(
        "a.txt", story, (privacy.Hit("Sanne", "persoon", 0, 5), privacy.Hit("Piet", "persoon", 10, 14))
    )
    _both(
        _raised(with_story_id, candidate, "  "),
        "a.txt: geef een verhaal-id op.",
        "a.txt: enter a story id.",
    )
    _both(
        _raised(add_hits, candidate, "Kees", "persoon"),
        "'Kees' komt niet voor in S1.",
        "'Kees' does not occur in S1.",
    )
    _both(
        _raised(finalise, candidate, {0: "", 1: " "}),
        "S1: geef een reden om 'Sanne' (persoon) te behouden. "
        "S1: geef een reden om 'Piet' (persoon) te behouden.",
        "S1: give a reason to keep 'Sanne' (persoon). S1: give a reason to keep 'Piet' (persoon).",
    )
    assert [str(m) for m in missing_reasons(candidate, {1: ""})] == [
        "S1: geef een reden om 'Piet' (persoon) te behouden."
    ]


# ---------------------------------------------------------------- app/names_list.py


def test_the_names_list_refusals() -> None:
    _both(
        _raised(names_list.normalise, "  "),
        "Een naam in de namenlijst mag niet leeg zijn.",
        "A name in the names list must not be empty.",
    )
    _both(
        _raised(names_list.normalise, "locatie:"),
        "'locatie:': de naam na 'locatie:' mag niet leeg zijn.",
        "'locatie:': the name after 'locatie:' must not be empty.",
    )
    labels = ", ".join(names_list.LABELS)
    _both(
        _raised(names_list.normalise, "plaats:Beijum"),
        f"Onbekend soort 'plaats' in 'plaats:Beijum'; kies uit: {labels}.",
        f"Unknown kind 'plaats' in 'plaats:Beijum'; choose from: {labels}.",
    )


# ---------------------------------------------------------------- app/accounts.py, app/review.py


def test_an_unknown_role_and_a_short_password() -> None:
    _both(
        _raised(check_role, "baas"),
        "Onbekende rol 'baas'; kies uit beheerder, codeur, lezer.",
        "Unknown role 'baas'; choose from beheerder, codeur, lezer.",
    )
    _both(
        _raised(hash_password, "kort"),
        f"Een wachtwoord is minstens {MIN_PASSWORD} tekens.",
        f"A password is at least {MIN_PASSWORD} characters.",
    )


def test_a_wrong_login_and_an_unknown_oidc_identity(bench: Workbench) -> None:
    accounts = Accounts(bench.repo)
    accounts.add("anna", "codeur", "correct paard batterij", by="test")
    error = _raised(accounts.login, "anna", "verkeerd wachtwoord")
    assert isinstance(error, LoginError)
    _both(error, "Onbekende gebruikersnaam of verkeerd wachtwoord.", "Unknown user name or wrong password.")
    _both(
        _raised(accounts.login_oidc, "piet@example.org"),
        "'piet@example.org' heeft nog geen account; vraag een beheerder om je toe te voegen.",
        "'piet@example.org' has no account yet; ask an administrator (beheerder) to add you.",
    )


def test_merge_run_refusals(bench: Workbench) -> None:
    bench.ensure_practices(PRACTICES)
    bench.import_story(Story("S1", "veendam", "ouder", "Eerste zin hier. Tweede zin daar.\n\nDerde zin ook."))
    fragments = bench.repo.fragments("S1")
    _both(
        _raised(merge_run, bench, fragments[0].id, 11, "a"),
        "Voeg 1 tot 10 volgende fragmenten samen, niet 11.",
        "Merge 1 to 10 following fragments, not 11.",
    )
    _both(
        _raised(merge_run, bench, fragments[-1].id, 1, "a"),
        "Dit is het laatste fragment van het verhaal; er is niets om mee samen te voegen.",
        "This is the last fragment of the story; there is nothing to merge it with.",
    )
    _both(
        _raised(merge_run, bench, fragments[0].id, len(fragments), "a"),
        f"Na dit fragment volgen nog maar {len(fragments) - 1} fragment(en) in het verhaal, "
        f"geen {len(fragments)}; er is niets samengevoegd.",
        f"Only {len(fragments) - 1} fragment(s) follow this one in the story, not {len(fragments)}; "
        "nothing was merged.",
    )


def test_a_role_refusal_in_both_languages() -> None:
    from verhalen.app.accounts import ACTIONS, Actor
    from verhalen.app.team import PermissionDenied, require

    with pytest.raises(PermissionDenied) as refused:
        require(Actor("lea", "lezer"), "code")
    assert str(refused.value) == "Als lezer mag je niet coderen; er is niets gewijzigd."
    assert refused.value.text("en") == "As reader you may not code; nothing was changed."  # the role too
    assert ACTIONS["memo"] == "memo's schrijven"  # the Dutch names come from the catalogue


# ---------------------------------------------------------------- code manager, store, limits, themes,
# search, export, exchange formats, suggestions and the codebook file (messages/working.py)


def test_the_code_manager_and_the_codes_in_the_store(bench: Workbench) -> None:
    from verhalen.app import codes

    version = bench.codebook().version
    _both(
        _raised(codes.rename, bench, "geen-code", "Nieuw", "a"),
        "Code 'geen-code' bestaat niet (meer); laad de pagina opnieuw.",
        "Code 'geen-code' does not exist (any more); reload the page.",
    )
    _both(
        _raised(bench.repo.merge_code, version, "x", "x", "a"),
        "Een code kan niet met zichzelf worden samengevoegd.",
        "A code cannot be merged with itself.",
    )


def test_the_store_in_both_languages(bench: Workbench) -> None:
    from sqlalchemy.exc import IntegrityError

    from verhalen.store.errors import ConflictError, store_error
    from verhalen.store.users import UserStore

    _both(
        _raised(bench.repo.story, "nergens"),
        "Verhaal 'nergens' bestaat niet.",
        "Story 'nergens' does not exist.",
    )
    _both(
        _raised(UserStore(bench.repo).remove, "niemand", "a"),
        "Gebruiker 'niemand' bestaat niet.",
        "User 'niemand' does not exist.",
    )
    conflict = store_error(IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed")))
    assert isinstance(conflict, ConflictError) and not conflict.transient
    _both(
        conflict,
        "De database weigerde de wijziging: die bestaat al of verwijst naar iets dat niet meer bestaat; "
        "niets opgeslagen.",
        "The database refused the change: it exists already or refers to something that no longer exists; "
        "nothing was stored.",
    )


class _Oracle:
    def get_bind(self) -> object:
        from types import SimpleNamespace

        return SimpleNamespace(dialect=SimpleNamespace(name="oracle"))


_oracle = _Oracle()


def test_database_connection_and_decision_store() -> None:
    from verhalen.store.db import connect
    from verhalen.store.decisions import dialect_insert
    from verhalen.store.models import CodingRow

    _both(_raised(connect, "geen url"), "Ongeldige database-URL: geen url", "Invalid database URL: geen url")
    _both(
        _raised(dialect_insert, _oracle, CodingRow),
        "Database 'oracle' wordt niet ondersteund; gebruik SQLite of PostgreSQL.",
        "Database 'oracle' is not supported; use SQLite or PostgreSQL.",
    )


def test_limits_name_the_field_and_write_numbers_per_language() -> None:
    from verhalen.app import limits

    _both(
        _raised(limits.coder, "a\nb"),
        "De naam van de codeur bevat een stuurteken of regeleinde; niets opgeslagen.",
        "The coder's name contains a control character or line break; nothing was stored.",
    )
    _both(
        _raised(limits.memo_text, "x" * (limits.MAX_MEMO + 1)),
        "Het memo is te lang: 20.001 tekens, hoogstens 20.000; niets opgeslagen.",
        "The memo is too long: 20,001 characters, at most 20,000; nothing was stored.",
    )
    _both(
        _raised(limits.table_rows, "t.csv", limits.MAX_TABLE_ROWS + 1),
        "'t.csv' heeft 5.001 rijen; hoogstens 5.000 per bestand: splits de tabel; niets opgeslagen.",
        "'t.csv' has 5,001 rows; at most 5,000 per file: split the table; nothing was stored.",
    )


def test_themes_search_and_export(bench: Workbench) -> None:
    from verhalen.analysis.themes import _check
    from verhalen.app.explore import search_fragments
    from verhalen.app.exporting import export

    _both(
        _raised(_check, 3, True, 2, None),
        "Te weinig fragmenten voor thema's: 3 in deze selectie, minstens 20 nodig (twee thema's van 2). "
        "Kies een ruimere selectie of een kleinere minimale themagrootte.",
        "Too few fragments for themes: 3 in this selection, at least 20 needed (two themes of 2). "
        "Choose a wider selection or a smaller minimum theme size.",
    )
    _both(
        _raised(search_fragments, bench, " "),
        "Typ een zoekvraag, of kies een fragment om vergelijkbare te vinden.",
        "Type a search query, or choose a fragment to find similar ones.",
    )
    error = _raised(export, None, "pdf", io.BytesIO())
    assert str(error).startswith("Onbekend exportformaat 'pdf'; kies uit ")
    assert error.text("en").startswith("Unknown export format 'pdf'; choose from ")


def test_a_qdpx_project_only_into_an_empty_project(bench: Workbench) -> None:
    from verhalen.app.project_import import _ensure_empty

    bench.ensure_practices(PRACTICES)
    bench.import_story(Story("S1", PRACTICES[0].id, "ouder", "Eerste zin hier. Tweede zin daar."))
    _both(
        _raised(_ensure_empty, bench),
        "Dit project bevat al 1 verhaal/verhalen. Een QDPX-project kan alleen in een leeg project worden "
        "geïmporteerd; maak een nieuw project (een nieuwe database) aan.",
        "This project already holds 1 story/stories. A QDPX project can only be imported into an empty "
        "project; create a new project (a new database).",
    )


def test_exchange_formats() -> None:
    from verhalen.domain import Codebook
    from verhalen.interchange.cells import read_rows as read_cells
    from verhalen.interchange.refi.archive import open_zip
    from verhalen.interchange.refi.read_codebook import read_qdc
    from verhalen.interchange.refi.write import write_qdc

    _both(
        _raised(read_cells, io.BytesIO(b"a,b\n\xff,1\n")),
        "Het CSV-bestand is geen UTF-8 (byte 4).",
        "The CSV file is not UTF-8 (byte 4).",
    )
    _both(
        _raised(open_zip, io.BytesIO(b"geen zip")),
        "Dit is geen QDPX-bestand (geen geldig zip-bestand).",
        "This is not a QDPX file (not a valid zip file).",
    )
    _both(
        _raised(write_qdc, Codebook("v1", "Leeg", ()), io.BytesIO()),
        "Het codeboek heeft geen codes; er valt niets te exporteren.",
        "The codebook has no codes; there is nothing to export.",
    )
    error = _raised(read_qdc, io.BytesIO(b"<CodeBook"))
    assert str(error).startswith("Het codeboek is geen geldige XML: ")
    assert error.text("en").startswith("The codebook is not valid XML: ")


def test_suggestions_and_vectors() -> None:
    import numpy as np

    from verhalen.domain import Codebook
    from verhalen.suggest.embeddings import from_bytes, to_bytes
    from verhalen.suggest.engine import Engine
    from verhalen.suggest.model import EngineConfig

    _both(
        _raised(from_bytes, to_bytes(np.zeros(2)), 3),
        "Opgeslagen vector heeft 2 getallen, verwacht 3.",
        "A stored vector has 2 numbers, expected 3.",
    )
    _both(
        _raised(Engine, Codebook("v1", "Leeg", ()), None, EngineConfig(learner="los")),
        "Onbekende manier van leren: los.",
        "Unknown way of learning: los.",
    )


def test_a_codebook_file_error_names_the_line_in_both_languages() -> None:
    from verhalen.codebook import parse_codebook

    _both(
        _raised(parse_codebook, "version: '1'\ncodes: []\n", "boek.yaml"),
        "boek.yaml, regel 1: 'codes' ontbreekt of is leeg.",
        "boek.yaml, line 1: 'codes' is missing or empty.",
    )
    error = _raised(parse_codebook, "version: [", "boek.yaml")
    assert str(error).startswith("boek.yaml, regel 1: geen geldige YAML (")
    assert error.text("en").startswith("boek.yaml, line 1: not valid YAML (")
