"""One catalogue for the messages the core gives users, in Dutch and English, with plural forms.

A core error names a key and its parameters (``ValidationError("code_unknown", code=x)``); ``str()`` of it
is the Dutch text (the CLI prints that), the UI asks ``error.text(lang)``. A plural entry is a pair
(one, other) chosen by the parameter ``n``. Errors raised with a plain sentence still work: they are
Dutch only, and are moved into this table as they are touched.

A parameter that is itself a message (a :class:`Message`, a :class:`Joined` list of them or a coded error:
anything with a ``text(lang)`` method) is rendered in the language of the sentence around it, so a
wrapped error ("'x.txt': ...") is English inside English. Other parameters (file names, library or
operating-system texts) are filled in as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Plural = tuple[str, str]  # (one, other): chosen by the parameter n
Text = str | Plural
LANGUAGES = ("nl", "en")

CATALOGUE: Mapping[str, Mapping[str, Text]] = {
    # decisions and codes
    "coder_missing": {
        "nl": "Kies eerst een codeur (naam in de zijbalk).",
        "en": "Choose a coder first (name in the sidebar).",
    },
    "status_unknown": {"nl": "Onbekende status '{status}'.", "en": "Unknown status '{status}'."},
    "code_unknown": {
        "nl": "Code '{code}' staat niet in het codeboek.",
        "en": "Code '{code}' is not in the codebook.",
    },
    "code_exists_or_empty": {
        "nl": "Code '{code}' bestaat al of is leeg.",
        "en": "Code '{code}' already exists or is empty.",
    },
    "practice_name_missing": {"nl": "Geef de praktijk een naam.", "en": "Give the practice a name."},
    # stories
    "story_empty": {
        "nl": "Verhaal '{story}' is leeg; niets opgeslagen.",
        "en": "Story '{story}' is empty; nothing was stored.",
    },
    "story_exists": {
        "nl": "Verhaal-id '{story}' bestaat al; niets opgeslagen.",
        "en": "Story id '{story}' already exists; nothing was stored.",
    },
    # settings
    "practices_unreadable": {
        "nl": "Kan de praktijken in {file} niet lezen: {reason}",
        "en": "Cannot read the practices in {file}: {reason}",
    },
    "practices_incomplete": {
        "nl": "{file}: elke [[practice]] heeft een id en een name nodig.",
        "en": "{file}: every [[practice]] needs an id and a name.",
    },
    "upload_limit_not_a_number": {
        "nl": "VERHALEN_MAX_UPLOAD_MB moet een getal zijn, niet '{value}'.",
        "en": "VERHALEN_MAX_UPLOAD_MB must be a number, not '{value}'.",
    },
    "upload_limit_not_positive": {
        "nl": "VERHALEN_MAX_UPLOAD_MB moet groter dan 0 zijn.",
        "en": "VERHALEN_MAX_UPLOAD_MB must be greater than 0.",
    },
    # what a .qdpx import guessed or left out (counts: plural forms)
    "qdpx_practice": {
        "nl": (
            "{n} verhaal zonder praktijk-variabele: praktijk 'geimporteerd' gebruikt.",
            "{n} verhalen zonder praktijk-variabele: praktijk 'geimporteerd' gebruikt.",
        ),
        "en": (
            "{n} story without a practice variable: practice 'geimporteerd' used.",
            "{n} stories without a practice variable: practice 'geimporteerd' used.",
        ),
    },
    "qdpx_role": {
        "nl": (
            "{n} verhaal zonder geldige rol-variabele: rol '{role}' gebruikt.",
            "{n} verhalen zonder geldige rol-variabele: rol '{role}' gebruikt.",
        ),
        "en": (
            "{n} story without a valid role variable: role '{role}' used.",
            "{n} stories without a valid role variable: role '{role}' used.",
        ),
    },
    "qdpx_media": {
        "nl": (
            "{n} bron die geen platte tekst is (PDF, beeld, audio, video) overgeslagen.",
            "{n} bronnen die geen platte tekst zijn (PDF, beeld, audio, video) overgeslagen.",
        ),
        "en": (
            "{n} source that is not plain text (PDF, image, audio, video) skipped.",
            "{n} sources that are not plain text (PDF, image, audio, video) skipped.",
        ),
    },
    "qdpx_external": {
        "nl": (
            "{n} externe bron buiten het zip-bestand overgeslagen.",
            "{n} externe bronnen buiten het zip-bestand overgeslagen.",
        ),
        "en": (
            "{n} external source outside the zip file skipped.",
            "{n} external sources outside the zip file skipped.",
        ),
    },
    "qdpx_no_text": {
        "nl": ("{n} tekstbron zonder tekst overgeslagen.", "{n} tekstbronnen zonder tekst overgeslagen."),
        "en": ("{n} text source without text skipped.", "{n} text sources without text skipped."),
    },
    "qdpx_unknown_code": {
        "nl": (
            "{n} codering met een onbekende code overgeslagen.",
            "{n} coderingen met een onbekende code overgeslagen.",
        ),
        "en": ("{n} coding with an unknown code skipped.", "{n} codings with an unknown code skipped."),
    },
    "qdpx_source_coding": {
        "nl": (
            "{n} codering van een hele bron overgeslagen; alleen selecties worden fragmenten.",
            "{n} coderingen van een hele bron overgeslagen; alleen selecties worden fragmenten.",
        ),
        "en": (
            "{n} coding of a whole source skipped; only selections become fragments.",
            "{n} codings of a whole source skipped; only selections become fragments.",
        ),
    },
    "qdpx_empty": {
        "nl": ("{n} lege selectie overgeslagen.", "{n} lege selecties overgeslagen."),
        "en": ("{n} empty selection skipped.", "{n} empty selections skipped."),
    },
    "qdpx_renamed": {
        "nl": (
            "{n} bron met een dubbele naam kreeg een achtervoegsel (-2, -3, ...).",
            "{n} bronnen met een dubbele naam kregen een achtervoegsel (-2, -3, ...).",
        ),
        "en": (
            "{n} source with a duplicate name got a suffix (-2, -3, ...).",
            "{n} sources with a duplicate name got a suffix (-2, -3, ...).",
        ),
    },
    "qdpx_no_coder": {
        "nl": (
            "{n} codering zonder bekende codeur: codeur '{coder}' gebruikt.",
            "{n} coderingen zonder bekende codeur: codeur '{coder}' gebruikt.",
        ),
        "en": (
            "{n} coding without a known coder: coder '{coder}' used.",
            "{n} codings without a known coder: coder '{coder}' used.",
        ),
    },
    "qdpx_source_note": {
        "nl": (
            "{n} notitie bij een hele bron of het project overgeslagen.",
            "{n} notities bij een hele bron of het project overgeslagen.",
        ),
        "en": (
            "{n} note on a whole source or the project skipped.",
            "{n} notes on a whole source or the project skipped.",
        ),
    },
    "qdpx_crlf_as_one": {
        "nl": (
            "{n} bron met CRLF-regeleinden waarin de selecties een regeleinde als één teken tellen (zoals "
            "ATLAS.ti): posities omgerekend naar de tekst zoals hij is.",
            "{n} bronnen met CRLF-regeleinden waarin de selecties een regeleinde als één teken tellen (zoals "
            "ATLAS.ti): posities omgerekend naar de tekst zoals hij is.",
        ),
        "en": (
            "{n} source with CRLF line ends whose selections count a line end as one character (as ATLAS.ti "
            "does): positions converted to the text as it is.",
            "{n} sources with CRLF line ends whose selections count a line end as one character (as ATLAS.ti "
            "does): positions converted to the text as it is.",
        ),
    },
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
    # importing (app/importing.py, app/import_review.py)
    "practice_unknown": {
        "nl": "Onbekende praktijk '{practice}'; bekend: {known}.",
        "en": "Unknown practice '{practice}'; known: {known}.",
    },
    "attribute_syntax": {
        "nl": "Kenmerk '{entry}': schrijf 'naam = waarde' (of 'naam:getal = 2').",
        "en": "Attribute '{entry}': write 'naam = waarde' (or 'naam:getal = 2').",
    },
    "table_rows_refused": {"nl": "'{name}': {errors}{more}", "en": "'{name}': {errors}{more}"},
    "more_errors": {"nl": " (en nog {n})", "en": " (and {n} more)"},
    "file_no_stories": {"nl": "'{name}' bevat geen verhalen.", "en": "'{name}' contains no stories."},
    "story_id_taken": {
        "nl": "verhaal-id '{story}' bestaat al; niets opgeslagen.",
        "en": "story id '{story}' already exists; nothing was stored.",
    },
    "hits_not_reviewed": {
        "nl": (
            "{n} mogelijk herleidbare gegevens ({labels}) niet beoordeeld; "
            "controleer met 'verhalen scan' en kies --pseudonymise of --accept-identifiers.",
            "{n} mogelijk herleidbare gegevens ({labels}) niet beoordeeld; "
            "controleer met 'verhalen scan' en kies --pseudonymise of --accept-identifiers.",
        ),
        "en": (
            "{n} possibly identifying item ({labels}) not reviewed; "
            "check with 'verhalen scan' and choose --pseudonymise or --accept-identifiers.",
            "{n} possibly identifying items ({labels}) not reviewed; "
            "check with 'verhalen scan' and choose --pseudonymise or --accept-identifiers.",
        ),
    },
    "story_id_one_file": {
        "nl": "Een verhaal-id kan alleen bij één bestand worden opgegeven.",
        "en": "A story id can only be given for a single file.",
    },
    "story_id_missing": {"nl": "{name}: geef een verhaal-id op.", "en": "{name}: enter a story id."},
    "label_unknown": {
        "nl": "Onbekend soort '{label}'; kies uit: {labels}.",
        "en": "Unknown kind '{label}'; choose from: {labels}.",
    },
    "pseudonymise_text_missing": {
        "nl": "Geef de tekst op die gepseudonimiseerd moet worden.",
        "en": "Enter the text to be pseudonymised.",
    },
    "text_not_in_story": {
        "nl": "'{text}' komt niet voor in {story}.",
        "en": "'{text}' does not occur in {story}.",
    },
    "keep_reason_missing": {
        "nl": "{story}: geef een reden om '{text}' ({label}) te behouden.",
        "en": "{story}: give a reason to keep '{text}' ({label}).",
    },
    # the project's names list (app/names_list.py)
    "name_control_character": {
        "nl": "Een naam in de namenlijst bevat een stuurteken; niets opgeslagen.",
        "en": "A name in the names list contains a control character; nothing was stored.",
    },
    "name_empty": {
        "nl": "Een naam in de namenlijst mag niet leeg zijn.",
        "en": "A name in the names list must not be empty.",
    },
    "name_too_long": {
        "nl": "'{start}…' is te lang voor de namenlijst (hoogstens {max}).",
        "en": "'{start}…' is too long for the names list (at most {max}).",
    },
    "name_after_label_empty": {
        "nl": "'{entry}': de naam na '{label}:' mag niet leeg zijn.",
        "en": "'{entry}': the name after '{label}:' must not be empty.",
    },
    "name_without_letters": {
        "nl": "'{entry}' bevat geen letters of cijfers.",
        "en": "'{entry}' contains no letters or digits.",
    },
    "name_label_unknown": {
        "nl": "Onbekend soort '{label}' in '{entry}'; kies uit: {labels}.",
        "en": "Unknown kind '{label}' in '{entry}'; choose from: {labels}.",
    },
    # accounts and login (app/accounts.py)
    "team_role_unknown": {
        "nl": "Onbekende rol '{role}'; kies uit {roles}.",
        "en": "Unknown role '{role}'; choose from {roles}.",
    },
    "user_name_missing": {"nl": "Geef een gebruikersnaam.", "en": "Enter a user name."},
    "user_name_too_long": {
        "nl": "Een gebruikersnaam is hoogstens {max} tekens.",
        "en": "A user name is at most {max} characters.",
    },
    "user_name_control": {
        "nl": "Een gebruikersnaam mag geen stuur- of onzichtbare tekens bevatten.",
        "en": "A user name must not contain control or invisible characters.",
    },
    "password_too_short": {
        "nl": "Een wachtwoord is minstens {min} tekens.",
        "en": "A password is at least {min} characters.",
    },
    "password_unusable": {
        "nl": "Dit wachtwoord kan niet worden gebruikt.",
        "en": "This password cannot be used.",
    },
    "login_locked": {
        "nl": "Te veel mislukte pogingen voor deze naam; probeer het over {minutes} minuten opnieuw.",
        "en": "Too many failed attempts for this name; try again in {minutes} minutes.",
    },
    "login_failed": {
        "nl": "Onbekende gebruikersnaam of verkeerd wachtwoord.",
        "en": "Unknown user name or wrong password.",
    },
    "login_no_account": {
        "nl": "'{name}' heeft nog geen account; vraag een beheerder om je toe te voegen.",
        "en": "'{name}' has no account yet; ask an administrator (beheerder) to add you.",
    },
    # merging and splitting fragments (app/review.py)
    "run_fragment_decided": {
        "nl": "Fragment {at} van de {total} heeft al beslissingen: trek die eerst in. "
        "Er is niets samengevoegd.",
        "en": "Fragment {at} of the {total} already has decisions: withdraw them first. Nothing was merged.",
    },
    "fragment_decided": {
        "nl": "Dit fragment heeft al beslissingen; trek die eerst in, dan gaat er niets verloren "
        "bij samenvoegen of splitsen.",
        "en": "This fragment already has decisions; withdraw them first, so that nothing is lost "
        "by merging or splitting.",
    },
    "merge_count": {
        "nl": "Voeg 1 tot {max} volgende fragmenten samen, niet {count}.",
        "en": "Merge 1 to {max} following fragments, not {count}.",
    },
    "merge_last_fragment": {
        "nl": "Dit is het laatste fragment van het verhaal; er is niets om mee samen te voegen.",
        "en": "This is the last fragment of the story; there is nothing to merge it with.",
    },
    "merge_past_end": {
        "nl": "Na dit fragment volgen nog maar {left} fragment(en) in het verhaal, geen {count}; "
        "er is niets samengevoegd.",
        "en": "Only {left} fragment(s) follow this one in the story, not {count}; nothing was merged.",
    },
    "split_outside": {
        "nl": "Het splitspunt ligt niet binnen het fragment.",
        "en": "The split point is not inside the fragment.",
    },
}


def render(key: str, lang: str = "nl", **params: object) -> str:
    """The text of ``key`` in ``lang`` (Dutch when the language is unknown), filled with ``params``;
    a plural entry picks its form by ``n``."""
    texts = CATALOGUE[key]
    text = texts.get(lang, texts["nl"])
    if isinstance(text, tuple):
        text = text[0] if params.get("n") == 1 else text[1]
    return text.format(**{name: _in(value, lang) for name, value in params.items()})


def _in(value: object, lang: str) -> object:
    """A parameter that is a message itself (``text(lang)``) in ``lang``; any other one as it is."""
    text = getattr(value, "text", None)
    return text(lang) if callable(text) else value


class Message:
    """A catalogue text that is part of another one (a row's problem, a clause): rendered in the language
    of the sentence it goes into; ``str()`` is the Dutch text."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str = "nl") -> str:
        return render(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text("nl")


class Joined:
    """Messages (or plain strings) joined by ``separator``, each in the language asked for."""

    def __init__(self, parts: Sequence[object], separator: str = " ") -> None:
        self.parts = tuple(parts)
        self.separator = separator

    def text(self, lang: str = "nl") -> str:
        return self.separator.join(str(_in(part, lang)) for part in self.parts)

    def __str__(self) -> str:
        return self.text("nl")


def is_key(message: str) -> bool:
    return message in CATALOGUE
