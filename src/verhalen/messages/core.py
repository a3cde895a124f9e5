"""Catalogue entries: decisions and codes, stories, settings, what a .qdpx import guessed."""

from __future__ import annotations

from collections.abc import Mapping

Plural = tuple[str, str]  # (one, other): chosen by the parameter n
Text = str | Plural

CORE: Mapping[str, Mapping[str, Text]] = {
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
}
