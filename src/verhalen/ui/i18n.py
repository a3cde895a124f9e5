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
    "choose": {"nl": "kies…", "en": "choose…"},
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
    "next_undecided": {"nl": "⏭ Volgende onbesliste", "en": "⏭ Next undecided"},
    "next_uncertain": {"nl": "❓ Grootste twijfel", "en": "❓ Most uncertain"},
    "queue_empty": {"nl": "Alles is beslist.", "en": "Everything is decided."},
    "threshold": {"nl": "Drempel", "en": "Threshold"},
    "bulk_confirm": {"nl": "Bevestig alles boven drempel", "en": "Confirm all above threshold"},
    "bulk_help": {
        "nl": "Bevestigt in dit verhaal elke suggestie met een score boven de drempel die je nog niet "
        "beoordeelde.",
        "en": "Confirms every suggestion above the threshold in this story that you have not judged yet.",
    },
    "bulk_done": {"nl": "{n} suggesties boven {p} bevestigd.", "en": "{n} suggestions above {p} confirmed."},
    "merge_next": {"nl": "Samenvoegen met volgende", "en": "Merge with next"},
    "split_at": {"nl": "Splitsen vóór", "en": "Split before"},
    "split": {"nl": "Splitsen", "en": "Split"},
    "code_memo": {"nl": "Memo bij code", "en": "Memo on code"},
    "focus": {"nl": "Volgende in de wachtrij", "en": "Next in the queue"},
    "new_code": {"nl": "Nieuwe inductieve code", "en": "New inductive code"},
    "new_code_hint": {"nl": "naam + Enter", "en": "name + Enter"},
    "unexpected": {
        "nl": "Er ging iets mis bij het tonen van deze pagina ({kind}). Je beslissingen zijn al "
        "opgeslagen; herlaad de pagina. De details staan in het serverlog.",
        "en": "Something went wrong showing this page ({kind}). Your decisions are already saved; "
        "reload the page. Details are in the server log.",
    },
    "choose_code": {"nl": "kies een code of subcode…", "en": "choose a code or sub-code…"},
    "error": {"nl": "Dat ging niet: {msg}", "en": "That did not work: {msg}"},
    # vergelijken
    "cmp_mode_practice": {"nl": "praktijk", "en": "practice"},
    "cmp_mode_role": {"nl": "rol", "en": "role"},
    "cmp_mode_cross": {"nl": "praktijk × rol voor één code", "en": "practice × role for one code"},
    "cmp_code": {"nl": "Code", "en": "Code"},
    "cmp_unit_fragment": {"nl": "fragmenten", "en": "fragments"},
    "cmp_unit_story": {"nl": "verhalen waarin de code voorkomt", "en": "stories in which the code occurs"},
    "cmp_unit_per1000": {"nl": "per 1.000 woorden", "en": "per 1,000 words"},
    "cmp_unit_help": {
        "nl": "Fragmenten uit één verhaal zijn niet onafhankelijk; tel daarom bij voorkeur verhalen.",
        "en": "Fragments of one story are not independent; prefer counting stories.",
    },
    "cmp_source": {"nl": "Welke beslissingen tellen", "en": "Which decisions count"},
    "cmp_source_confirmed": {"nl": "alleen bevestigd (elke codeur)", "en": "confirmed only (any coder)"},
    "cmp_source_coder": {"nl": "één codeur", "en": "one coder"},
    "cmp_source_suggested": {"nl": "ook suggesties boven drempel", "en": "also suggestions above threshold"},
    "cmp_threshold": {"nl": "Drempel voor suggesties", "en": "Suggestion threshold"},
    "cmp_no_coders": {"nl": "Nog geen codeurs met beslissingen.", "en": "No coders with decisions yet."},
    "cmp_coded_only": {"nl": "Alleen verhalen met beslissingen", "en": "Only stories with decisions"},
    "cmp_coded_only_help": {
        "nl": "Verhalen waarin nog niemand iets besliste, tellen anders mee als ‘code komt niet voor’.",
        "en": "Otherwise stories nobody has coded yet count as ‘code does not occur’.",
    },
    "cmp_scope": {
        "nl": "{stories} verhalen, {fragments} fragmenten, {coded} met een code.",
        "en": "{stories} stories, {fragments} fragments, {coded} with a code.",
    },
    "cmp_empty": {
        "nl": "Nog niets te vergelijken: met deze keuzes is er geen enkel gecodeerd fragment.",
        "en": "Nothing to compare yet: no coded fragment with these choices.",
    },
    "cmp_title_practice": {"nl": "Werkzame factoren per praktijk", "en": "Working factors per practice"},
    "cmp_title_role": {"nl": "Werkzame factoren per rol", "en": "Working factors per role"},
    "cmp_title_cross": {"nl": "{code} per praktijk en rol", "en": "{code} per practice and role"},
    "cmp_by_practice": {"nl": "praktijken", "en": "practices"},
    "cmp_by_role": {"nl": "rollen", "en": "roles"},
    "cmp_by_cross": {"nl": "groepen (praktijk × rol)", "en": "groups (practice × role)"},
    "cmp_without": {"nl": "zonder {code}", "en": "without {code}"},
    "cmp_table_help": {
        "nl": "Per cel: aantal / totaal van de groep · percentage [95 %-interval volgens Wilson]. "
        "▲ / ▼: gecorrigeerd residu boven 1,96 / onder −1,96 (vaker / minder vaak dan verwacht bij "
        "onafhankelijkheid); de kleur volgt het residu.",
        "en": "Per cell: count / group total · percentage [Wilson 95 % interval]. ▲ / ▼: adjusted residual "
        "above 1.96 / below −1.96 (more / less often than expected under independence); colour follows "
        "the residual.",
    },
    "cmp_rate_help": {
        "nl": "Per cel: fragmenten met de code per 1.000 woorden van de groep.",
        "en": "Per cell: fragments with the code per 1,000 words of the group.",
    },
    "cmp_no_test_rate": {
        "nl": "Een dichtheid per 1.000 woorden is geen telling: kies fragmenten of verhalen voor de toets.",
        "en": "A rate per 1,000 words is not a count: choose fragments or stories for the test.",
    },
    "cmp_stats": {
        "nl": "χ²({dof}) = {chi2} · {p} · Cramérs V = {v} · N = {n} (som van de tabel) · "
        "kleinste verwachte aantal {e}",
        "en": "χ²({dof}) = {chi2} · {p} · Cramér's V = {v} · N = {n} (table total) · "
        "smallest expected count {e}",
    },
    "cmp_perm": {
        "nl": "**Permutatietoets ({n} herschikkingen van hele verhalen): {p}** — deze p-waarde geldt, want "
        "sommige verwachte aantallen zijn kleiner dan 5.",
        "en": "**Permutation test ({n} reshuffles of whole stories): {p}** — this p-value applies, because "
        "some expected counts are below 5.",
    },
    "cmp_fisher": {
        "nl": "**Fishers exacte toets: {p}** — deze p-waarde geldt, want sommige verwachte aantallen zijn "
        "kleiner dan 5.",
        "en": "**Fisher's exact test: {p}** — this p-value applies, because some expected counts are "
        "below 5.",
    },
    "cmp_expected": {
        "nl": "Verwachte aantallen en gecorrigeerde residuen",
        "en": "Expected counts and adjusted residuals",
    },
    "cmp_csv": {"nl": "Tabel (CSV)", "en": "Table (CSV)"},
    "cmp_xlsx": {"nl": "Tabel (Excel)", "en": "Table (Excel)"},
    "cmp_png": {"nl": "Grafiek (PNG)", "en": "Chart (PNG)"},
    "cmp_svg": {"nl": "Grafiek (SVG)", "en": "Chart (SVG)"},
    "cmp_tab_heatmap": {"nl": "Heatmap", "en": "Heatmap"},
    "cmp_tab_bars": {"nl": "Staafdiagram", "en": "Bar chart"},
    "cmp_tab_cooc": {"nl": "Samen voorkomen", "en": "Co-occurrence"},
    "cmp_heat_value": {"nl": "Kleur naar", "en": "Colour by"},
    "cmp_heat_percent": {"nl": "percentage", "en": "percentage"},
    "cmp_heat_residual": {"nl": "gecorrigeerd residu", "en": "adjusted residual"},
    "cmp_axis_percent": {"nl": "% van de groep", "en": "% of the group"},
    "cmp_axis_rate": {"nl": "per 1.000 woorden", "en": "per 1,000 words"},
    "cmp_level": {"nl": "Samen in", "en": "Together in"},
    "cmp_level_fragment": {"nl": "hetzelfde fragment", "en": "the same fragment"},
    "cmp_level_story": {"nl": "hetzelfde verhaal", "en": "the same story"},
    "cmp_cooc_title": {"nl": "Codes die samen voorkomen", "en": "Codes occurring together"},
    "cmp_cooc_help": {
        "nl": "Getal: eenheden met beide codes. Kleur: aandeel van de eenheden met de kolomcode die ook de "
        "rijcode hebben.",
        "en": "Number: units with both codes. Colour: share of the units with the column code that also "
        "carry the row code.",
    },
    "cmp_share": {"nl": "aandeel (%)", "en": "share (%)"},
    "cmp_quotes": {"nl": "Citaten achter een cel", "en": "Quotes behind a cell"},
    "cmp_quotes_help": {
        "nl": "Klik op een cel of staaf in een grafiek, of kies hier een code en een groep.",
        "en": "Click a cell or bar in a chart, or choose a code and a group here.",
    },
    "cmp_group": {"nl": "Groep", "en": "Group"},
    "cmp_choose": {"nl": "kies…", "en": "choose…"},
    "cmp_quotes_n": {
        "nl": "{n} fragmenten met {code} — {group}",
        "en": "{n} fragments with {code} — {group}",
    },
    "cmp_quotes_more": {
        "nl": "De eerste {m} worden getoond.",
        "en": "The first {m} are shown.",
    },
    "cmp_col_code": {"nl": "code", "en": "code"},
    "cmp_col_group": {"nl": "groep", "en": "group"},
    "cmp_col_count": {"nl": "aantal", "en": "count"},
    "cmp_col_total": {"nl": "totaal groep", "en": "group total"},
    "cmp_col_percent": {"nl": "percentage", "en": "percentage"},
    "cmp_col_ci_low": {"nl": "95 %-interval laag", "en": "95 % interval low"},
    "cmp_col_ci_high": {"nl": "95 %-interval hoog", "en": "95 % interval high"},
    "cmp_col_expected": {"nl": "verwacht", "en": "expected"},
    "cmp_col_residual": {"nl": "gecorrigeerd residu", "en": "adjusted residual"},
    "cmp_col_rate": {"nl": "per 1.000 woorden", "en": "per 1,000 words"},
    "cmp_col_statistic": {"nl": "grootheid", "en": "statistic"},
    "cmp_col_value": {"nl": "waarde", "en": "value"},
    "cmp_sentence": {"nl": "samenvatting", "en": "summary"},
    "cmp_unit_label": {"nl": "eenheid", "en": "unit"},
    "cmp_selection_label": {"nl": "beslissingen", "en": "decisions"},
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
