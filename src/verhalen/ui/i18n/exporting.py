"""Texts of Exporteren (export, .qdpx/.qdc import): Dutch and English."""

TEXTS: dict[str, dict[str, str]] = {
    "export_intro": {
        "nl": "Download de gecodeerde fragmenten voor analyse elders. Een bestand wordt pas gemaakt als je "
        "erom vraagt, uit het project zoals het op dat moment is.",
        "en": "Download the coded fragments for analysis elsewhere. A file is only made when you ask for it, "
        "from the project as it is at that moment.",
    },
    "exp_build": {"nl": "Maak bestand", "en": "Make file"},
    "exp_building": {"nl": "Bestand maken…", "en": "Making the file…"},
    "exp_built": {
        "nl": "Gemaakt om {time} uit het project zoals het toen was ({size}).",
        "en": "Made at {time} from the project as it was then ({size}).",
    },
    "exp_changed_since": {
        "nl": "Het project is veranderd sinds het vorige bestand werd gemaakt: maak het opnieuw.",
        "en": "The project has changed since the previous file was made: make it again.",
    },
    "exp_build_failed": {
        "nl": "Dit bestand kon niet worden gemaakt ({kind}). De rest van de pagina werkt nog; de details "
        "staan in het serverlog.",
        "en": "This file could not be made ({kind}). The rest of the page still works; details are in the "
        "server log.",
    },
    "download": {"nl": "Download", "en": "Download"},
    "exp_matrix_per": {"nl": "Matrix per", "en": "Matrix per"},
    "exp_matrix_fragment": {"nl": "fragment", "en": "fragment"},
    "exp_matrix_story": {"nl": "verhaal", "en": "story"},
    "exp_fmt_csv": {
        "nl": "CSV — één rij per fragment × beslissing",
        "en": "CSV — one row per fragment × decision",
    },
    "exp_fmt_csv_help": {
        "nl": "Voor R, SPSS, Python of een spreadsheet.",
        "en": "For R, SPSS, Python or a spreadsheet.",
    },
    "exp_fmt_xlsx": {
        "nl": "Excel — coderingen, verhalen, codeboek, praktijk × code",
        "en": "Excel — codings, stories, codebook, practice × code",
    },
    "exp_fmt_xlsx_help": {"nl": "Met een blad per onderdeel.", "en": "With one sheet per part."},
    "exp_fmt_matrix": {
        "nl": "Aanwezigheidsmatrix (fragment × code, 0/1)",
        "en": "Presence matrix (fragment × code, 0/1)",
    },
    "exp_fmt_matrix_help": {"nl": "Voor statistiek in SPSS of R.", "en": "For statistics in SPSS or R."},
    "exp_fmt_qdpx": {"nl": "REFI-QDA-project (.qdpx)", "en": "REFI-QDA project (.qdpx)"},
    "exp_fmt_qdpx_help": {
        "nl": "Openen in ATLAS.ti, NVivo, MAXQDA of QualCoder.",
        "en": "Open in ATLAS.ti, NVivo, MAXQDA or QualCoder.",
    },
    "exp_fmt_qdc": {"nl": "REFI-QDA-codeboek (.qdc)", "en": "REFI-QDA codebook (.qdc)"},
    "exp_fmt_qdc_help": {
        "nl": "Alleen het codeboek, voor een ander QDA-programma.",
        "en": "Only the codebook, for another QDA program.",
    },
    "exp_field_name": {"nl": "naam", "en": "name"},
    "exp_field_colour": {"nl": "kleur", "en": "colour"},
    "exp_field_parent": {"nl": "bovenliggende code", "en": "parent code"},
    "exp_field_short": {"nl": "korte naam", "en": "short name"},
    "exp_field_definition": {"nl": "definitie", "en": "definition"},
    "exp_field_when_to_use": {"nl": "wanneer wel", "en": "when to use"},
    "exp_field_when_not_to_use": {"nl": "wanneer niet", "en": "when not to use"},
    "exp_field_signals": {"nl": "signalen", "en": "signals"},
    "exp_field_examples": {"nl": "voorbeelden", "en": "examples"},
    "exp_import_header": {"nl": "Importeren", "en": "Import"},
    "exp_tab_project": {"nl": "Project (.qdpx)", "en": "Project (.qdpx)"},
    "exp_tab_codebook": {"nl": "Codeboek (.qdc)", "en": "Codebook (.qdc)"},
    "exp_project_title": {
        "nl": "Project uit een ander programma (.qdpx)",
        "en": "Project from another program (.qdpx)",
    },
    "exp_project_not_empty": {
        "nl": "Dit project bevat al {stories}. Een QDPX-project kan alleen in een leeg "
        "project worden geïmporteerd: start verhalen met een nieuwe, lege database.",
        "en": "This project already contains {stories}. A QDPX project can only be imported "
        "into an empty project: start verhalen with a new, empty database.",
    },
    "exp_project_contents": {
        "nl": "Codeboek, praktijken, verhalen met kenmerken, selecties als fragmenten, coderingen (als "
        "bevestigd, per codeur) en memo's. De verhalen worden niet op herleidbare gegevens "
        "gecontroleerd: importeer alleen geanonimiseerde verhalen.",
        "en": "Codebook, practices, stories with attributes, selections as fragments, codings (as "
        "confirmed, per coder) and memos. The stories are not checked for identifying details: "
        "import only anonymised stories.",
    },
    "exp_project_upload": {"nl": "REFI-QDA-project", "en": "REFI-QDA project"},
    "exp_project_import": {"nl": "Project importeren", "en": "Import project"},
    "exp_project_importing": {
        "nl": "Project importeren en suggesties berekenen…",
        "en": "Importing the project and computing suggestions…",
    },
    "exp_project_imported": {
        "nl": "Geïmporteerd: {stories}, {fragments}, {codings} en {memos}. "
        "Actieve codeboekversie: {version}.",
        "en": "Imported: {stories}, {fragments}, {codings} and {memos}. Active codebook version: {version}.",
    },
    "exp_codes_added": {
        "nl": "Toegevoegd als inductieve code: {codes}.",
        "en": "Added as inductive codes: {codes}.",
    },
    "exp_col_code": {"nl": "code", "en": "code"},
    "exp_col_name": {"nl": "naam", "en": "name"},
    "exp_col_parent": {"nl": "onder", "en": "parent"},
    "exp_col_definition": {"nl": "definitie", "en": "definition"},
    "exp_col_changed": {"nl": "gewijzigd", "en": "changed"},
    "exp_codebook_active": {
        "nl": "Codeboekversie {version} is nu actief.",
        "en": "Codebook version {version} is now active.",
    },
    "exp_codebook_title": {
        "nl": "Codeboek uit een ander programma (.qdc)",
        "en": "Codebook from another program (.qdc)",
    },
    "exp_codebook_upload": {"nl": "REFI-QDA-codeboek", "en": "REFI-QDA codebook"},
    "exp_codebook_no_change": {
        "nl": "Dit codeboek verandert niets aan het actieve codeboek.",
        "en": "This codebook changes nothing in the active codebook.",
    },
    "exp_codebook_proposal": {
        "nl": "Voorstel: codeboekversie `{new}` (nu actief: `{active}`).",
        "en": "Proposal: codebook version `{new}` (now active: `{active}`).",
    },
    "exp_codebook_added": {
        "nl": "**Nieuw ({n})**, als inductieve code",
        "en": "**New ({n})**, as inductive codes",
    },
    "exp_codebook_changed": {"nl": "**Gewijzigd ({n})**", "en": "**Changed ({n})**"},
    "exp_codebook_missing": {
        "nl": "**Ontbreekt in het bestand ({n})**: blijft in de nieuwe versie",
        "en": "**Missing from the file ({n})**: stays in the new version",
    },
    "exp_codebook_save": {"nl": "Nieuwe codeboekversie opslaan", "en": "Save new codebook version"},
}
