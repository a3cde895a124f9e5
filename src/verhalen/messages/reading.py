"""Catalogue entries: messages around messages, reading files and tables (ingest/)."""

from __future__ import annotations

from collections.abc import Mapping

from verhalen.messages.core import Text

READING: Mapping[str, Mapping[str, Text]] = {
    # general: a message around another one (the inner one in the same language)
    "in_file": {"nl": "'{name}': {error}", "en": "'{name}': {error}"},
    "in_item": {"nl": "{name}: {error}", "en": "{name}: {error}"},
    "at_place": {"nl": "{where}{error}", "en": "{where}{error}"},
    "several": {"nl": "{errors}", "en": "{errors}"},
    # reading files (ingest/files.py, ingest/pdf.py)
    "file_empty": {"nl": "'{name}' is leeg.", "en": "'{name}' is empty."},
    "file_too_large": {
        "nl": "'{name}' is groter dan de limiet van {limit_mb:g} MB.",
        "en": "'{name}' is larger than the limit of {limit_mb:g} MB.",
    },
    "file_unreadable": {
        "nl": "'{name}' kan niet gelezen worden: {reason}.",
        "en": "'{name}' cannot be read: {reason}.",
    },
    "file_type_unsupported": {
        "nl": "'{name}': bestandstype '{extension}' wordt niet ondersteund; gebruik {supported}.{advice}",
        "en": "'{name}': file type '{extension}' is not supported; use {supported}.{advice}",
    },
    "no_extension": {"nl": "(geen)", "en": "(none)"},
    "save_as": {"nl": " Sla het op als {extension}.", "en": " Save it as {extension}."},
    "text_codec_unreadable": {
        "nl": "'{name}' kon niet als {codec} worden gelezen.",
        "en": "'{name}' could not be read as {codec}.",
    },
    "text_control_characters": {
        "nl": "'{name}' bevat stuurtekens en lijkt geen tekstbestand; sla het op als UTF-8.",
        "en": "'{name}' contains control characters and does not look like a text file; save it as UTF-8.",
    },
    "text_charset_unknown": {
        "nl": "De tekenset van '{name}' kon niet betrouwbaar worden vastgesteld; "
        "sla het bestand op als UTF-8 en probeer het opnieuw.",
        "en": "The character set of '{name}' could not be determined reliably; "
        "save the file as UTF-8 and try again.",
    },
    "text_garbled": {
        "nl": "'{name}' bevat onleesbare tekens na het omzetten; sla het bestand op als UTF-8.",
        "en": "'{name}' contains unreadable characters after conversion; save the file as UTF-8.",
    },
    "text_missing": {"nl": "'{name}' bevat geen tekst.", "en": "'{name}' contains no text."},
    "zip_incomplete": {
        "nl": "'{name}' is beschadigd (het zip-archief is onvolledig).",
        "en": "'{name}' is damaged (the zip archive is incomplete).",
    },
    "zip_missing": {
        "nl": "'{name}' is geen geldig {kind}-bestand (geen zip-archief).",
        "en": "'{name}' is not a valid {kind} file (not a zip archive).",
    },
    "zip_too_large": {
        "nl": "'{name}' is uitgepakt te groot om te importeren.",
        "en": "'{name}' is too large to import once unpacked.",
    },
    "zip_corrupt": {
        "nl": "'{name}' is beschadigd (het zip-archief is corrupt).",
        "en": "'{name}' is damaged (the zip archive is corrupt).",
    },
    "zip_part_corrupt": {
        "nl": "'{name}' is beschadigd (onderdeel '{part}' is corrupt).",
        "en": "'{name}' is damaged (part '{part}' is corrupt).",
    },
    "document_part_missing": {
        "nl": "'{name}' mist het documentdeel; is het wel een {kind}-bestand?",
        "en": "'{name}' lacks the document part; is it really a {kind} file?",
    },
    "document_part_lacking": {
        "nl": "'{name}' mist een documentdeel ({part}).",
        "en": "'{name}' lacks a document part ({part}).",
    },
    "document_unreadable": {
        "nl": "'{name}' kon niet als {kind}-bestand worden gelezen.",
        "en": "'{name}' could not be read as a {kind} file.",
    },
    "csv_unreadable": {
        "nl": "'{name}' kon niet als CSV worden gelezen: {reason}.",
        "en": "'{name}' could not be read as CSV: {reason}.",
    },
    "columns_missing": {
        "nl": "'{name}': kolom(men) ontbreken: {missing} (gevonden: {found}).",
        "en": "'{name}': column(s) missing: {missing} (found: {found}).",
    },
    "file_role_unknown": {
        "nl": "'{name}': onbekende rol '{role}'; kies {roles}.",
        "en": "'{name}': unknown role '{role}'; choose {roles}.",
    },
    "file_practice_missing": {"nl": "'{name}': geef een praktijk op.", "en": "'{name}': enter a practice."},
    "pdf_invalid": {"nl": "'{name}' is geen geldig PDF-bestand.", "en": "'{name}' is not a valid PDF file."},
    "pdf_locked": {
        "nl": "'{name}' is beveiligd met een wachtwoord; sla het op zonder beveiliging.",
        "en": "'{name}' is protected with a password; save it without protection.",
    },
    "pdf_damaged": {
        "nl": "'{name}' is beschadigd en kan niet als PDF worden gelezen.",
        "en": "'{name}' is damaged and cannot be read as a PDF.",
    },
    "pdf_scanned": {
        "nl": "'{name}' bevat geen leesbare tekst: het lijkt een gescande PDF (alleen afbeeldingen). "
        "Zet het eerst om met tekstherkenning (OCR), of lever het aan als .docx of .txt.",
        "en": "'{name}' contains no readable text: it looks like a scanned PDF (images only). "
        "Convert it with text recognition (OCR) first, or supply it as .docx or .txt.",
    },
    # tables and their values (ingest/tables.py)
    "table_empty": {
        "nl": "'{name}' bevat geen kolomkoppen of rijen.",
        "en": "'{name}' contains no column headers or rows.",
    },
    "text_column_missing": {
        "nl": "'{name}' heeft geen tekstkolom; noem de kolom met het verhaal 'tekst' (of 'verhaal', 'text'). "
        "Gevonden kolommen: {columns}.",
        "en": "'{name}' has no text column; name the column with the story 'tekst' (or 'verhaal', 'text'). "
        "Columns found: {columns}.",
    },
    "column_missing": {
        "nl": "Kolom '{column}' ontbreekt in '{name}'; kies de kolommen opnieuw.",
        "en": "Column '{column}' is missing from '{name}'; choose the columns again.",
    },
    "date_invalid": {
        "nl": "Ongeldige datum '{value}'; gebruik JJJJ-MM-DD of D-M-JJJJ.",
        "en": "Invalid date '{value}'; use YYYY-MM-DD or D-M-YYYY.",
    },
    "attribute_not_a_number": {
        "nl": "Kenmerk '{name}': '{value}' is geen getal.",
        "en": "Attribute '{name}': '{value}' is not a number.",
    },
    "row_problems": {"nl": "{problems}", "en": "{problems}"},
    "row_text_empty": {"nl": "de tekst is leeg", "en": "the text is empty"},
    "row_practice_missing": {"nl": "geen praktijk", "en": "no practice"},
    "row_role_missing": {"nl": "geen rol", "en": "no role"},
    "row_role_unknown": {
        "nl": "onbekende rol '{role}' (kies {roles})",
        "en": "unknown role '{role}' (choose {roles})",
    },
}
