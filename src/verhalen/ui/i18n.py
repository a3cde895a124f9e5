"""User-facing texts: Dutch by default, English switchable. ``t(key, **values)``."""

from __future__ import annotations

import streamlit as st

LANGS = {"nl": "Nederlands", "en": "English"}

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {
        "nl": "verhalen — werkbank voor verhalenonderzoek",
        "en": "verhalen — storytelling research workbench",
    },
    "page_stories": {"nl": "Verhalen", "en": "Stories"},
    "page_code": {"nl": "Coderen", "en": "Code"},
    "page_agreement": {"nl": "Overeenstemming", "en": "Agreement"},
    "page_compare": {"nl": "Vergelijken", "en": "Compare"},
    "page_export": {"nl": "Exporteren", "en": "Export"},
    "coder": {"nl": "Codeur", "en": "Coder"},
    "coder_help": {
        "nl": "Elke beslissing wordt op deze naam opgeslagen.",
        "en": "Every decision is stored under this name.",
    },
    "coder_needed": {
        "nl": "Vul eerst in de zijbalk je naam als codeur in.",
        "en": "Enter your coder name in the sidebar first.",
    },
    "language": {"nl": "Taal", "en": "Language"},
    "practice": {"nl": "Praktijk", "en": "Practice"},
    "role": {"nl": "Rol", "en": "Role"},
    "story": {"nl": "Verhaal", "en": "Story"},
    "all": {"nl": "alle", "en": "all"},
    "stories_count": {"nl": "{n} verhalen", "en": "{n} stories"},
    "search": {"nl": "Zoek in tekst", "en": "Search text"},
    "words": {"nl": "woorden", "en": "words"},
    "fragments": {"nl": "fragmenten", "en": "fragments"},
    "decided": {"nl": "beslist", "en": "decided"},
    "import_title": {"nl": "Verhaal importeren (.txt)", "en": "Import a story (.txt)"},
    "import_button": {"nl": "Importeren", "en": "Import"},
    "import_done": {
        "nl": "Verhaal {id} opgeslagen ({n} fragmenten).",
        "en": "Story {id} stored ({n} fragments).",
    },
    "story_id": {"nl": "Verhaal-id", "en": "Story id"},
    "no_stories": {
        "nl": "Nog geen verhalen. Importeer er een of bouw de demo met `verhalen demo`.",
        "en": "No stories yet. Import one or build the demo with `verhalen demo`.",
    },
    "suggested": {"nl": "Suggesties", "en": "Suggestions"},
    "confirm": {"nl": "Bevestig", "en": "Confirm"},
    "reject": {"nl": "Verwerp", "en": "Reject"},
    "withdraw": {"nl": "Intrekken", "en": "Withdraw"},
    "add_code": {"nl": "Code toevoegen", "en": "Add code"},
    "no_code": {"nl": "geen code", "en": "no code"},
    "why": {"nl": "Waarom?", "en": "Why?"},
    "nearest_examples": {"nl": "Lijkt op", "en": "Similar to"},
    "signals": {"nl": "Signaalwoorden", "en": "Signal words"},
    "definition_similarity": {"nl": "Overeenkomst met definitie", "en": "Similarity to definition"},
    "confirmed_by": {"nl": "bevestigd door {coder}", "en": "confirmed by {coder}"},
    "rejected_by": {"nl": "verworpen door {coder}", "en": "rejected by {coder}"},
    "interviewer_turn": {"nl": "interviewer (niet gecodeerd)", "en": "interviewer (not coded)"},
    "progress": {"nl": "{d} van {t} fragmenten beslist", "en": "{d} of {t} fragments decided"},
    "project_progress": {
        "nl": "Project: {d} van {t} fragmenten beslist",
        "en": "Project: {d} of {t} fragments decided",
    },
    "compare_intro": {
        "nl": "Hoe vaak komt elke werkzame factor voor, per praktijk en per rol?",
        "en": "How often does each working factor occur, per practice and per role?",
    },
    "by": {"nl": "Vergelijk per", "en": "Compare by"},
    "unit": {"nl": "Eenheid", "en": "Unit"},
    "export_intro": {
        "nl": "Download de gecodeerde fragmenten voor analyse elders.",
        "en": "Download the coded fragments for analysis elsewhere.",
    },
    "download": {"nl": "Download", "en": "Download"},
    "order": {"nl": "Volgorde", "en": "Order"},
    "order_reading": {"nl": "leesvolgorde", "en": "reading order"},
    "order_uncertain": {"nl": "eerst twijfelgevallen", "en": "most uncertain first"},
    "blind": {"nl": "Blind coderen", "en": "Blind coding"},
    "blind_help": {
        "nl": "Verberg de beslissingen van andere codeurs.",
        "en": "Hide other coders' decisions.",
    },
    "undo": {"nl": "↶ Ongedaan maken", "en": "↶ Undo"},
    "undo_help": {"nl": "Maak je laatste beslissing ongedaan.", "en": "Undo your last decision."},
    "error": {"nl": "Dat ging niet: {msg}", "en": "That did not work: {msg}"},
}


def lang() -> str:
    value = st.session_state.get("lang", "nl")
    return value if value in LANGS else "nl"


def t(key: str, **values: object) -> str:
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(lang()) or entry["nl"]
    return text.format(**values) if values else text
