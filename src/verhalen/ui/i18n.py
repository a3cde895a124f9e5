"""User-facing texts: Dutch by default, English switchable. ``t(key, **values)``."""

from __future__ import annotations

import streamlit as st

from verhalen.domain import VerhalenError

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
    "page_retrieve": {"nl": "Ophalen", "en": "Retrieve"},
    "cmp_pc_title": {
        "nl": "Per code: verschilt het aandeel verhalen met de code tussen {by}?",
        "en": "Per code: does the share of stories with the code differ between {by}?",
    },
    "cmp_pc_help": {
        "nl": "Elk verhaal telt één keer per code (wel of niet). Per code een exacte toets (Fisher, of "
        "Freeman–Halton bij meer dan twee groepen), Holm-gecorrigeerd over de {n} getoetste codes; "
        "effectgrootte Cramérs V met 95%-bootstrapinterval. Dit is de toets om te rapporteren.",
        "en": "Each story counts once per code (with or without). Per code an exact test (Fisher, or "
        "Freeman–Halton for more than two groups), Holm-corrected across the {n} tested codes; effect "
        "size Cramér's V with a 95% bootstrap interval. This is the test to report.",
    },
    "cmp_pc_p": {"nl": "p (exact)", "en": "p (exact)"},
    "cmp_pc_holm": {"nl": "p (Holm)", "en": "p (Holm)"},
    "cmp_pc_v": {"nl": "Cramérs V [95%-BI]", "en": "Cramér's V [95% CI]"},
    "cmp_pc_differs": {"nl": "verschilt", "en": "differs"},
    "cmp_pc_yes": {"nl": "ja", "en": "yes"},
    "cmp_pc_differ": {
        "nl": "Verschilt na Holm-correctie: {claims}.",
        "en": "Differs after Holm's correction: {claims}.",
    },
    "cmp_pc_none": {
        "nl": "Geen enkele code verschilt na Holm-correctie (α = 0,05).",
        "en": "No code differs after Holm's correction (α = 0.05).",
    },
    "cmp_story_overall": {
        "nl": "**Toets over alle codes samen: permutatietoets ({n} herschikkingen van hele verhalen), {p}.**",
        "en": "**Test across all codes together: permutation test ({n} reshuffles of whole stories), {p}.**",
    },
    "cmp_story_chi_note": {
        "nl": "Een verhaal met meerdere codes telt in deze tabel in meerdere rijen mee; een χ²-toets op de "
        "tabel is daarom niet geldig en wordt hier niet getoond. Rapporteer de permutatietoets hierboven "
        "voor het geheel en de toets per code hieronder voor elke factor. De χ²-toets staat bij de eenheid "
        "fragment.",
        "en": "A story with several codes counts in several rows of this table, so a χ² test on the table "
        "is not valid and is not shown here. Report the permutation test above for the whole and the "
        "per-code test below for each factor. The χ² test is shown for the fragment unit.",
    },
    "cmp_scope_counted": {
        "nl": "{stories}, {fragments}, {coded} met een code.",
        "en": "{stories}, {fragments}, {coded} with a code.",
    },
    "ret_intro": {
        "nl": "Alle gecodeerde segmenten van één code of sub-code, over alle verhalen heen, met hun memo's.",
        "en": "Every coded segment of one code or sub-code, across all stories, with its memos.",
    },
    "ret_code": {"nl": "Code", "en": "Code"},
    "ret_subcodes": {"nl": "Met sub-codes", "en": "Include sub-codes"},
    "ret_subcodes_help": {
        "nl": "Bij een werkzame factor ook de segmenten van de sub-codes eronder tonen.",
        "en": "For a working factor, also show the segments of the sub-codes below it.",
    },
    "ret_coder": {"nl": "Gecodeerd door", "en": "Coded by"},
    "ret_tab_segments": {"nl": "Segmenten", "en": "Segments"},
    "ret_tab_code_memos": {"nl": "Memo's per code", "en": "Memos per code"},
    "ret_tab_story_memos": {"nl": "Memo's per verhaal", "en": "Memos per story"},
    "ret_count": {"nl": "{segments} in {stories}.", "en": "{segments} in {stories}."},
    "ret_none": {
        "nl": "Geen bevestigde segmenten met deze code onder deze filters.",
        "en": "No confirmed segments with this code under these filters.",
    },
    "ret_no_codings": {
        "nl": "Nog niets gecodeerd. Bevestig codes op de pagina Coderen; hier lees je ze daarna terug.",
        "en": "Nothing coded yet. Confirm codes on the Code page; read them back here afterwards.",
    },
    "ret_download": {"nl": "Download als CSV", "en": "Download as CSV"},
    "ret_open": {"nl": "Open in Coderen", "en": "Open in Code"},
    "ret_coders": {"nl": "gecodeerd door {coders}", "en": "coded by {coders}"},
    "ret_memo_fragment": {"nl": "bij het fragment", "en": "on the fragment"},
    "ret_memo_by": {"nl": "Memo van {coder}", "en": "Memo by {coder}"},
    "ret_no_memos": {
        "nl": "Nog geen memo's. Schrijf ze bij een fragment of een code op de pagina Coderen.",
        "en": "No memos yet. Write them on a fragment or a code on the Code page.",
    },
    "ret_shown_first": {
        "nl": "De eerste {m} staan hieronder; de CSV-download bevat ze allemaal.",
        "en": "The first {m} are shown below; the CSV download holds all of them.",
    },
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
    "why": {"nl": "Waarom?", "en": "Why?"},
    "nearest_examples": {"nl": "Lijkt op", "en": "Similar to"},
    "example_from_story": {"nl": "gecodeerd in {s}", "en": "coded in {s}"},
    "example_from_codebook": {"nl": "codeboek", "en": "codebook"},
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
    "threshold": {"nl": "Drempel voor alles bevestigen", "en": "Threshold for confirm all"},
    "bulk_confirm": {"nl": "Bevestig alles boven drempel", "en": "Confirm all above threshold"},
    "bulk_help": {
        "nl": "Bevestigt in dit verhaal elke suggestie met een score boven de drempel die je nog niet "
        "beoordeelde.",
        "en": "Confirms every suggestion above the threshold in this story that you have not judged yet.",
    },
    "show_from": {"nl": "Toon suggesties vanaf", "en": "Show suggestions from"},
    "show_from_help": {
        "nl": "Scores zijn kansen: van de suggesties rond 80% blijkt ongeveer 80% juist. Suggesties onder "
        "deze kans blijven verborgen; zo'n code kun je altijd zelf toevoegen.",
        "en": "Scores are probabilities: about 80% of the suggestions near 80% turn out right. Suggestions "
        "below this probability stay hidden; you can always add such a code yourself.",
    },
    "no_code_above": {"nl": "geen code (niets vanaf {p})", "en": "no code (nothing from {p})"},
    "bulk_done": {"nl": "{n} suggesties boven {p} bevestigd.", "en": "{n} suggestions above {p} confirmed."},
    "merge_next": {"nl": "Samenvoegen met volgende", "en": "Merge with next"},
    "split_at": {"nl": "Splitsen vóór", "en": "Split before"},
    "split": {"nl": "Splitsen", "en": "Split"},
    "code_memo": {"nl": "Memo bij code", "en": "Memo on code"},
    "focus": {"nl": "Volgende in de wachtrij", "en": "Next in the queue"},
    "focused_fragment": {
        "nl": "▶ In focus: de sneltoetsen werken op dit fragment",
        "en": "▶ In focus: the shortcuts act on this fragment",
    },
    "previous_fragment": {"nl": "↑ Vorig fragment", "en": "↑ Previous fragment"},
    "next_fragment": {"nl": "↓ Volgend fragment", "en": "↓ Next fragment"},
    "window_place": {"nl": "fragment {a}–{b} van {n}", "en": "fragment {a}–{b} of {n}"},
    "page_back": {"nl": "Vorige fragmenten", "en": "Previous fragments"},
    "page_on": {"nl": "Volgende fragmenten", "en": "Next fragments"},
    "add_code_key": {"nl": "+ Code toevoegen", "en": "+ Add code"},
    "shortcut_legend": {
        "nl": "⌨️ Sneltoetsen: **J** / **K** volgend / vorig fragment · **1** / **2** eerste / tweede "
        "suggestie bevestigen · **X** eerste suggestie afwijzen · **A** code toevoegen · "
        "**U** ongedaan maken",
        "en": "⌨️ Shortcuts: **J** / **K** next / previous fragment · **1** / **2** confirm the first / "
        "second suggestion · **X** reject the first suggestion · **A** add a code · **U** undo",
    },
    "suggestions_updated": {"nl": "✨ suggesties bijgewerkt", "en": "✨ suggestions updated"},
    "suggestions_ready": {
        "nl": "✨ suggesties bijgewerkt: ze verschijnen als je verder gaat (J / K) of met",
        "en": "✨ suggestions updated: they appear when you move on (J / K) or with",
    },
    "show_new_suggestions": {"nl": "nu tonen", "en": "show now"},
    "memo_marker": {"nl": "📝 memo", "en": "📝 memo"},
    "memo_marker_help": {
        "nl": "Je schreef een memo bij dit fragment of bij een van zijn codes (zie “Code toevoegen”).",
        "en": "You wrote a memo on this fragment or on one of its codes (see “Add code”).",
    },
    "view": {"nl": "Weergave", "en": "View"},
    "view_cards": {"nl": "kaarten per fragment", "en": "cards per fragment"},
    "view_document": {"nl": "doorlopende tekst", "en": "continuous text"},
    "suggestions_updating": {
        "nl": "⏳ suggesties worden bijgewerkt…",
        "en": "⏳ updating suggestions…",
    },
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
    # overeenstemming
    "agr_percent": {"nl": "% overeenstemming", "en": "% agreement"},
    "agr_kappa": {"nl": "Cohens κ", "en": "Cohen's κ"},
    "agr_alpha": {"nl": "Krippendorffs α", "en": "Krippendorff's α"},
    "agr_all_codes": {"nl": "alle codes (fragment × code)", "en": "all codes (fragment × code)"},
    "agr_primary": {"nl": "eerste code per fragment", "en": "first code per fragment"},
    "agr_pair": {"nl": "Tussen twee codeurs", "en": "Between two coders"},
    "agr_one_coder": {
        "nl": "Er is maar één codeur; overeenstemming tussen codeurs volgt zodra een tweede codeert.",
        "en": "There is only one coder; agreement between coders follows once a second one codes.",
    },
    "agr_coder_a": {"nl": "Codeur A", "en": "Coder A"},
    "agr_coder_b": {"nl": "Codeur B", "en": "Coder B"},
    "agr_two_coders": {"nl": "Kies twee verschillende codeurs.", "en": "Choose two different coders."},
    "agr_nothing_common": {
        "nl": "{a} en {b} hebben geen verhalen gemeenschappelijk gecodeerd.",
        "en": "{a} and {b} have not coded any story in common.",
    },
    "agr_pair_caption": {
        "nl": "{n} fragmenten uit verhalen die beide codeurs codeerden; eenheid = fragment.",
        "en": "{n} fragments from stories both coders coded; unit = fragment.",
    },
    "reembedding": {
        "nl": "Nieuw taalmodel: fragmenten opnieuw inbedden ({done} van {total})",
        "en": "New language model: embedding fragments again ({done} of {total})",
    },
    "agr_model": {"nl": "Tussen het model en een codeur", "en": "Between the model and a coder"},
    "agr_threshold": {"nl": "Drempel voor een suggestie", "en": "Threshold for a suggestion"},
    "agr_threshold_help": {
        "nl": "Een suggestie telt als code van het model vanaf deze kans. Standaard de drempel van het model "
        "zelf ({p:.0%}): daaronder zegt het 'geen code'.",
        "en": "A suggestion counts as the model's code from this probability. Default: the model's own "
        "threshold ({p:.0%}), below which it says 'no code'.",
    },
    "agr_model_caption": {
        "nl": "Suggesties zoals ze stonden vóór de beslissing van de codeur (beslist werk wordt "
        "niet opnieuw gescoord), dus het model wordt niet beoordeeld op zijn eigen trainingsdata.",
        "en": "Suggestions as they stood before the coder's decision (decided work is not "
        "rescored), so the model is not judged on its own training data.",
    },
    "agr_lead_needed": {
        "nl": "Vul eerst je naam als codeur in; de hoofdcodeur beslist op eigen naam.",
        "en": "Enter your coder name first; the lead coder decides under their own name.",
    },
    "agr_settle": {"nl": "Verschillen beslechten", "en": "Settle disagreements"},
    "agr_settle_caption": {
        "nl": "{n} fragmenten waarover {a} en {b} verschillen. De eindbeslissing van de "
        "hoofdcodeur wordt apart bewaard; de oorspronkelijke coderingen blijven staan.",
        "en": "{n} fragments on which {a} and {b} differ. The lead coder's final decision is "
        "kept apart; the original codings stay as they are.",
    },
    "agr_only": {"nl": "alleen {coder}: ", "en": "only {coder}: "},
    "agr_given": {"nl": "✓ toegekend", "en": "✓ assigned"},
    "agr_not_given": {"nl": "✗ niet toegekend", "en": "✗ not assigned"},
    "agr_open": {"nl": "nog open", "en": "still open"},
    "agr_give": {"nl": "Toekennen", "en": "Assign"},
    "agr_not": {"nl": "Niet", "en": "Not"},
    "agr_no_codings": {
        "nl": "Nog geen coderingen. Codeer eerst een paar verhalen op de pagina Coderen.",
        "en": "No codings yet. Code a few stories on the Code page first.",
    },
    "date": {"nl": "datum", "en": "date"},
    "nothing_to_undo": {"nl": "Er is niets om ongedaan te maken.", "en": "There is nothing to undo."},
    # import / export
    "imp_title": {"nl": "Verhalen importeren", "en": "Import stories"},
    "imp_new_practice_option": {"nl": "➕ nieuwe praktijk…", "en": "➕ new practice…"},
    "imp_new_practice_name": {"nl": "Naam van de nieuwe praktijk", "en": "Name of the new practice"},
    "imp_add_practice": {"nl": "Praktijk toevoegen", "en": "Add practice"},
    "imp_tab_files": {"nl": "Bestanden (.txt, .docx, .odt, .pdf)", "en": "Files (.txt, .docx, .odt, .pdf)"},
    "imp_tab_table": {
        "nl": "Tabel (.csv, .xlsx), één verhaal per rij",
        "en": "Table (.csv, .xlsx), one story per row",
    },
    "imp_stored": {"nl": "Opgeslagen: {name} ({n} fragmenten).", "en": "Stored: {name} ({n} fragments)."},
    "imp_not_stored": {"nl": "Niet opgeslagen: {name}: {why}", "en": "Not stored: {name}: {why}"},
    "imp_files_label": {"nl": "Verhalen", "en": "Stories"},
    "imp_files_help": {"nl": "Hoogstens {mb} MB per bestand.", "en": "At most {mb} MB per file."},
    "imp_story_id_help": {
        "nl": "Leeg laten: de bestandsnaam wordt het id.",
        "en": "Leave empty: the file name becomes the id.",
    },
    "imp_date": {"nl": "Datum", "en": "Date"},
    "imp_date_placeholder": {"nl": "JJJJ-MM-DD of D-M-JJJJ", "en": "YYYY-MM-DD or D-M-YYYY"},
    "imp_interviewer": {"nl": "Interviewer", "en": "Interviewer"},
    "imp_attributes": {"nl": "Vrije kenmerken", "en": "Free attributes"},
    "imp_attributes_placeholder": {
        "nl": "leeftijdsgroep = 30-40\naantal kinderen:getal = 2",
        "en": "age group = 30-40\nnumber of children:number = 2",
    },
    "imp_attributes_help": {
        "nl": "Eén per regel: naam = waarde. Het type (tekst, getal, datum) volgt uit de waarde, "
        "of geef het op na de naam: 'naam:datum = 1-3-2024'.",
        "en": "One per line: name = value. The type (text, number, date) follows from the value, "
        "or give it after the name: 'name:date = 1-3-2024'.",
    },
    "imp_check": {"nl": "Controleren op herleidbare gegevens", "en": "Check for identifying details"},
    "imp_story_id_one_file": {
        "nl": "Een verhaal-id kan alleen bij één bestand worden opgegeven; laat het veld leeg.",
        "en": "A story id can only be given for a single file; leave the field empty.",
    },
    "imp_checking_files": {"nl": "Bestanden lezen en controleren…", "en": "Reading and checking files…"},
    "imp_files_checked": {"nl": "{i} van {n} bestanden gecontroleerd", "en": "{i} of {n} files checked"},
    "imp_no_hits": {
        "nl": "Geen mogelijk herleidbare gegevens gevonden.",
        "en": "No potentially identifying details found.",
    },
    "imp_hit_choice": {"nl": "Keuze voor treffer {n}", "en": "Choice for hit {n}"},
    "imp_pseudonimiseren": {"nl": "pseudonimiseren", "en": "pseudonymise"},
    "imp_behouden": {"nl": "behouden", "en": "keep"},
    "imp_reason": {"nl": "Reden", "en": "Reason"},
    "imp_reason_placeholder": {"nl": "bijv. naam van de praktijk", "en": "e.g. name of the practice"},
    "imp_review_title": {"nl": "Controle vóór opslaan", "en": "Review before storing"},
    "imp_review_intro": {
        "nl": "{n} verhalen, {hits} mogelijk herleidbare gegevens. Kies per treffer: pseudonimiseren "
        "(vervangen door bijv. [PERSOON-1]) of behouden met een reden.",
        "en": "{n} stories, {hits} potentially identifying details. For each hit, choose: pseudonymise "
        "(replace by e.g. [PERSOON-1]) or keep with a reason.",
    },
    "imp_pseudonymise_all": {"nl": "Alles pseudonimiseren", "en": "Pseudonymise all"},
    "imp_candidate_title": {"nl": "{id} ({name}) — {n} treffers", "en": "{id} ({name}) — {n} hits"},
    "imp_store": {"nl": "Opslaan", "en": "Store"},
    "imp_cancel": {"nl": "Annuleren", "en": "Cancel"},
    "imp_missing_reasons": {
        "nl": "Niets opgeslagen: geef eerst een reden voor elk behouden gegeven.",
        "en": "Nothing stored: first give a reason for every detail you keep.",
    },
    "imp_storing": {
        "nl": "Opslaan, segmenteren en suggesties berekenen…",
        "en": "Storing, segmenting and computing suggestions…",
    },
    "imp_stored_n": {"nl": "{n} verhalen opgeslagen.", "en": "{n} stories stored."},
    "imp_mentions": {"nl": "({n}× in de tekst)", "en": "({n}× in the text)"},
    "imp_add_to_list": {"nl": "Op namenlijst", "en": "Add to names list"},
    "imp_add_to_list_help": {
        "nl": "Zet deze naam op de namenlijst van het project: elke volgende import vindt hem ook.",
        "en": "Put this name on the project's names list: every later import finds it too.",
    },
    "imp_added_to_list": {
        "nl": "'{name}' staat nu op de namenlijst van het project.",
        "en": "'{name}' is now on the project's names list.",
    },
    "imp_story_id_proposed": {
        "nl": "Voorgesteld uit de bestandsnaam; pas het aan als het een naam bevat of niet klopt.",
        "en": "Proposed from the file name; change it if it contains a name or is wrong.",
    },
    "imp_preview": {"nl": "Voorbeeld na pseudonimiseren", "en": "Preview after pseudonymising"},
    "imp_span": {"nl": "Andere tekst pseudonimiseren", "en": "Pseudonymise other text"},
    "imp_span_help": {
        "nl": "Plak een stuk tekst uit het verhaal; elke plek waar het staat wordt gepseudonimiseerd.",
        "en": "Paste a piece of the story; every place it occurs is pseudonymised.",
    },
    "imp_span_label": {"nl": "Soort", "en": "Kind"},
    "imp_span_add": {"nl": "Toevoegen", "en": "Add"},
    "names_title": {"nl": "Namenlijst van het project", "en": "The project's names list"},
    "names_help": {
        "nl": "Eén naam per regel; 'locatie:Beijum-Oost' of 'instelling:De Regenboog' voor een plaats "
        "of instelling. Elke import zoekt deze namen, naast wat de scan zelf vindt.",
        "en": "One name per line; 'locatie:Beijum-Oost' or 'instelling:De Regenboog' for a place or "
        "institution. Every import looks for these names, besides what the scan finds itself.",
    },
    "names_save": {"nl": "Namenlijst opslaan", "en": "Save names list"},
    "rescan_title": {"nl": "Opgeslagen verhalen opnieuw controleren", "en": "Check stored stories again"},
    "rescan_help": {
        "nl": "Zoekt met de huidige controle (en de namenlijst) in de opgeslagen verhalen naar gegevens "
        "die bij het importeren niet gevonden of beoordeeld zijn.",
        "en": "Searches the stored stories with the current check (and the names list) for details that "
        "were not found or reviewed when they were imported.",
    },
    "rescan_button": {"nl": "Nu controleren", "en": "Check now"},
    "rescan_busy": {"nl": "Verhalen controleren…", "en": "Checking stories…"},
    "rescan_none": {
        "nl": "Geen nieuwe treffers in de opgeslagen verhalen.",
        "en": "No new hits in the stored stories.",
    },
    "rescan_found": {
        "nl": "{n} mogelijk herleidbare gegevens in {stories} verhalen die nooit beoordeeld zijn.",
        "en": "{n} possibly identifying details in {stories} stories that were never reviewed.",
    },
    "rescan_label": {"nl": "Soort", "en": "Kind"},
    "rescan_text": {"nl": "Tekst", "en": "Text"},
    "names_saved": {"nl": "Namenlijst opgeslagen ({n} namen).", "en": "Names list saved ({n} names)."},
    "imp_col_text": {"nl": "Tekst", "en": "Text"},
    "imp_type_text": {"nl": "tekst", "en": "text"},
    "imp_type_number": {"nl": "getal", "en": "number"},
    "imp_type_date": {"nl": "datum", "en": "date"},
    "imp_mapping_remembered": {
        "nl": "De kolomindeling van een eerder bestand met dezelfde kolommen is overgenomen.",
        "en": "The column mapping of an earlier file with the same columns has been reused.",
    },
    "imp_choose_text_column_below": {
        "nl": "Kies hieronder welke kolom de tekst bevat.",
        "en": "Choose below which column holds the text.",
    },
    "imp_table_attributes": {
        "nl": "Vrije kenmerken (kolommen die bij het verhaal horen)",
        "en": "Free attributes (columns that belong to the story)",
    },
    "imp_type_of": {"nl": "Type van '{column}'", "en": "Type of '{column}'"},
    "imp_table_label": {"nl": "Tabel", "en": "Table"},
    "imp_table_help": {"nl": "Hoogstens {mb} MB.", "en": "At most {mb} MB."},
    "imp_table_hint": {
        "nl": "Eén verhaal per rij; kolommen zoals tekst, praktijk, rol, id, datum, interviewer.",
        "en": "One story per row; columns such as text, practice, role, id, date, interviewer.",
    },
    "imp_choose_text_column": {
        "nl": "Kies de kolom met de tekst van het verhaal.",
        "en": "Choose the column with the text of the story.",
    },
    "imp_table_defaults": {
        "nl": "Praktijk en rol hierboven gelden voor rijen waarin die kolom leeg is.",
        "en": "The practice and role above apply to rows where that column is empty.",
    },
    "imp_rows_read": {"nl": "{n} van {total} rijen gelezen.", "en": "{n} of {total} rows read."},
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
        "nl": "Dit project bevat al {n} verhaal/verhalen. Een QDPX-project kan alleen in een leeg "
        "project worden geïmporteerd: start verhalen met een nieuwe, lege database.",
        "en": "This project already contains {n} story/stories. A QDPX project can only be imported "
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
        "nl": "Geïmporteerd: {stories} verhalen, {fragments} fragmenten, {codings} coderingen en "
        "{memos} memo's. Actieve codeboekversie: {version}.",
        "en": "Imported: {stories} stories, {fragments} fragments, {codings} codings and {memos} memos. "
        "Active codebook version: {version}.",
    },
    "exp_codes_added": {
        "nl": "{n} code(s) als inductieve code toegevoegd.",
        "en": "{n} code(s) added as inductive codes.",
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
    # Zoeken
    "page_search": {"nl": "Zoeken", "en": "Search"},
    "search_intro": {
        "nl": "Zoek in alle te coderen fragmenten: eerst waar je woorden letterlijk of bijna letterlijk "
        "staan, daarna wat hetzelfde in andere woorden zegt (op betekenis).",
        "en": "Search every codable fragment: first where your words appear literally or nearly so, then "
        "what says the same in other words (by meaning).",
    },
    "search_query": {"nl": "Zoekvraag", "en": "Query"},
    "search_placeholder": {
        "nl": "bijv. even tijd voor mezelf zonder de kinderen",
        "en": "e.g. some time for myself without the children",
    },
    "search_code": {"nl": "Code (bevestigd)", "en": "Code (confirmed)"},
    "search_code_help": {
        "nl": "Alleen fragmenten waarop een codeur deze code bevestigde.",
        "en": "Only fragments on which a coder confirmed this code.",
    },
    "search_contains": {"nl": "Bevat woord", "en": "Contains word"},
    "search_contains_help": {
        "nl": "Alleen fragmenten waarin deze letters letterlijk voorkomen (hoofdletters tellen niet).",
        "en": "Only fragments that contain these letters literally (case-insensitive).",
    },
    "search_limit": {"nl": "Aantal", "en": "Results"},
    "search_like": {
        "nl": "Vergelijkbaar met dit fragment uit {story}:",
        "en": "Similar to this fragment from {story}:",
    },
    "search_clear": {"nl": "Vrij zoeken", "en": "Free search"},
    "search_none": {
        "nl": "Geen fragmenten gevonden met deze filters.",
        "en": "No fragments found with these filters.",
    },
    "search_count": {
        "nl": "{n} fragmenten, meest vergelijkbaar eerst.",
        "en": "{n} fragments, most similar first.",
    },
    "search_similarity": {"nl": "overeenkomst", "en": "similarity"},
    "search_open": {"nl": "Coderen", "en": "Code"},
    "search_similar": {"nl": "Vergelijkbaar", "en": "Similar"},
    "why_context": {
        "nl": "Het fragment is gelezen samen met het fragment ervoor en erna in het verhaal.",
        "en": "The fragment was read together with the fragments before and after it in the story.",
    },
    "search_similar_help": {
        "nl": "Zoek fragmenten die hetzelfde bedoelen, in alle verhalen.",
        "en": "Find fragments that mean the same, in every story.",
    },
    "search_download": {"nl": "Resultaten als CSV", "en": "Results as CSV"},
    "search_count_words": {
        "nl": "{fragments}: eerst waar je woorden staan, dan meest vergelijkbaar in betekenis.",
        "en": "{fragments}: first where your words appear, then most similar in meaning.",
    },
    "search_count_like": {
        "nl": "{fragments}, meest vergelijkbaar eerst.",
        "en": "{fragments}, most similar first.",
    },
    "search_kind_exact": {"nl": "exacte woordgroep", "en": "exact phrase"},
    "search_kind_near": {"nl": "bijna exacte woordgroep", "en": "near-exact phrase"},
    "search_kind_words": {"nl": "alle woorden", "en": "all words"},
    "search_kind_meaning": {"nl": "op betekenis", "en": "by meaning"},
    # Thema's
    "page_themes": {"nl": "Thema's", "en": "Themes"},
    "themes_intro": {
        "nl": "Welke thema's komen in de verhalen voor, naast de werkzame factoren? verhalen groepeert "
        "de fragmenten op betekenis (BERTopic op de opgeslagen vectoren) en beschrijft elk thema met "
        "trefwoorden. Thema's zijn een verkenning, geen codering: lees de citaten voor je er een code van "
        "maakt.",
        "en": "Which themes occur in the stories, beside the working factors? verhalen groups the fragments "
        "by meaning (BERTopic on the stored vectors) and describes each theme with keywords. Themes are an "
        "exploration, not a coding: read the quotes before you turn one into a code.",
    },
    "themes_min_size": {"nl": "Minimale themagrootte", "en": "Minimum theme size"},
    "themes_min_size_help": {
        "nl": "Zoveel fragmenten heeft een thema minstens; kleinere groepjes krijgen 'geen thema'.",
        "en": "A theme has at least this many fragments; smaller groups get 'no theme'.",
    },
    "themes_n": {"nl": "Aantal thema's", "en": "Number of themes"},
    "themes_auto": {"nl": "automatisch", "en": "automatic"},
    "themes_n_help": {
        "nl": "Automatisch: zoveel thema's als de fragmenten toelaten met de minimale themagrootte.",
        "en": "Automatic: as many themes as the fragments allow with the minimum theme size.",
    },
    "themes_run": {"nl": "Thema's zoeken", "en": "Find themes"},
    "themes_busy": {"nl": "Thema's zoeken…", "en": "Finding themes…"},
    "themes_start": {
        "nl": "Kies een selectie en klik op 'Thema's zoeken'. De eerste keer duurt dat enkele seconden.",
        "en": "Choose a selection and click 'Find themes'. The first time takes a few seconds.",
    },
    "themes_stale": {
        "nl": "Je keuzes zijn gewijzigd; hieronder staat nog het vorige resultaat. Klik op 'Thema's zoeken'.",
        "en": "Your choices have changed; below is still the previous result. Click 'Find themes'.",
    },
    "themes_summary": {
        "nl": "{themes} thema's in {fragments} fragmenten uit {stories} verhalen.",
        "en": "{themes} themes in {fragments} fragments from {stories} stories.",
    },
    "themes_outliers": {
        "nl": "{n} fragmenten ({share}) horen bij geen thema.",
        "en": "{n} fragments ({share}) belong to no theme.",
    },
    "themes_no_theme": {"nl": "geen thema", "en": "no theme"},
    "themes_unnamed": {"nl": "zonder trefwoorden", "en": "without keywords"},
    "themes_col_theme": {"nl": "thema", "en": "theme"},
    "themes_col_keywords": {"nl": "trefwoorden", "en": "keywords"},
    "themes_col_size": {"nl": "fragmenten", "en": "fragments"},
    "themes_col_practices": {"nl": "praktijken", "en": "practices"},
    "themes_col_roles": {"nl": "rollen", "en": "roles"},
    "themes_col_confirmed": {"nl": "bevestigde codes", "en": "confirmed codes"},
    "themes_col_suggested": {"nl": "meest gesuggereerd", "en": "most suggested"},
    "themes_col_covered": {"nl": "codeboek dekt", "en": "codebook covers"},
    "themes_col_new": {"nl": "naast het codeboek", "en": "beside the codebook"},
    "themes_new": {"nl": "nieuw naast het codeboek", "en": "new beside the codebook"},
    "themes_table_help": {
        "nl": "Praktijken en rollen: hoe de fragmenten van het thema verdeeld zijn. Bevestigde codes: "
        "aantal fragmenten van het thema met die code (elke codeur). Meest gesuggereerd: de code die het "
        "vaakst als eerste wordt gesuggereerd. Codeboek dekt: de code op de meeste fragmenten (bevestigd, "
        "of de eerste suggestie zolang niemand besliste). Onder de helft: nieuw naast het codeboek.",
        "en": "Practices and roles: how the theme's fragments are spread. Confirmed codes: fragments of "
        "the theme with that code (any coder). Most suggested: the code most often suggested first. "
        "Codebook covers: the code on most fragments (confirmed, or the first suggestion while nobody "
        "decided). Under half: new beside the codebook.",
    },
    "themes_new_help": {
        "nl": "Geen code staat op de helft van deze fragmenten: een kandidaat voor een inductieve code.",
        "en": "No code is on half of these fragments: a candidate for an inductive code.",
    },
    "themes_csv": {"nl": "Fragmenten met hun thema (CSV)", "en": "Fragments with their theme (CSV)"},
    "themes_chart_practice": {
        "nl": "Thema's per praktijk: % van de fragmenten van de praktijk",
        "en": "Themes per practice: % of the practice's fragments",
    },
    "themes_chart_role": {
        "nl": "Thema's per rol: % van de fragmenten van de rol",
        "en": "Themes per role: % of the role's fragments",
    },
    "themes_chart_value": {"nl": "% van de fragmenten", "en": "% of fragments"},
    "themes_chart_total": {"nl": "fragmenten in de groep", "en": "fragments in the group"},
    "themes_quotes": {"nl": "Citaten per thema", "en": "Quotes per theme"},
    "themes_expander": {"nl": "{name} ({n} fragmenten)", "en": "{name} ({n} fragments)"},
    "themes_keywords": {"nl": "Trefwoorden: {words}", "en": "Keywords: {words}"},
    "themes_code_name": {"nl": "Naam van de nieuwe code", "en": "Name of the new code"},
    "themes_make_code": {
        "nl": "Maak inductieve code van dit thema",
        "en": "Make an inductive code of this theme",
    },
    "themes_code_added": {
        "nl": "Inductieve code '{name}' ({id}) toegevoegd aan het codeboek.",
        "en": "Inductive code '{name}' ({id}) added to the codebook.",
    },
    # codes (the code manager)
    "page_codes": {"nl": "Codes", "en": "Codes"},
    "codes_intro": {
        "nl": "Hernoem, herkleur, verplaats en voeg inductieve codes samen. De codes uit het codeboek van de "
        "handreiking houden hun naam en plaats; hun kleur kan wel veranderen.",
        "en": "Rename, recolour, move and merge inductive codes. The codes of the handreiking's codebook "
        "keep their name and place; their colour can change.",
    },
    "codes_pick": {"nl": "Code", "en": "Code"},
    "codes_fixed": {
        "nl": "Uit het codeboek van de handreiking: alleen de kleur kan veranderen. Bevestigd op {n}.",
        "en": "From the handreiking's codebook: only the colour can change. Confirmed on {n}.",
    },
    "codes_free": {
        "nl": "Inductieve code: naam, kleur en plaats kunnen veranderen. Bevestigd op {n}.",
        "en": "Inductive code: name, colour and place can change. Confirmed on {n}.",
    },
    "codes_name": {"nl": "Naam", "en": "Name"},
    "codes_rename": {"nl": "Naam opslaan", "en": "Save name"},
    "codes_colour": {"nl": "Kleur", "en": "Colour"},
    "codes_recolour": {"nl": "Kleur opslaan", "en": "Save colour"},
    "codes_move_title": {"nl": "Plaats", "en": "Place"},
    "codes_parent": {"nl": "Onderbrengen bij", "en": "Place under"},
    "codes_top_level": {"nl": "geen (hoofdcode)", "en": "none (top-level code)"},
    "codes_move": {"nl": "Verplaatsen", "en": "Move"},
    "codes_merge_title": {"nl": "Samenvoegen", "en": "Merge"},
    "codes_merge_fixed": {
        "nl": "Een code van de handreiking blijft bestaan; voeg een inductieve code erin samen.",
        "en": "A code of the handreiking stays; merge an inductive code into it.",
    },
    "codes_target": {"nl": "Samenvoegen met", "en": "Merge into"},
    "codes_merge_help": {
        "nl": "Alle beslissingen op '{source}' gaan naar '{target}'; wie beide had, houdt er één "
        "(bevestigd gaat voor, de memo's blijven). '{source}' verdwijnt uit het codeboek. Dit is niet "
        "ongedaan te maken.",
        "en": "Every decision on '{source}' moves to '{target}'; a coder who had both keeps one (confirmed "
        "wins, the memos stay). '{source}' leaves the codebook. This cannot be undone.",
    },
    "codes_merge_sure": {"nl": "Ja, samenvoegen", "en": "Yes, merge"},
    "codes_merge": {"nl": "Samenvoegen", "en": "Merge"},
    "codes_renamed": {"nl": "'{before}' heet nu '{after}'.", "en": "'{before}' is now called '{after}'."},
    "codes_recoloured": {"nl": "Kleur van '{code}' opgeslagen.", "en": "Colour of '{code}' saved."},
    "codes_moved": {"nl": "'{before}' staat nu als '{after}'.", "en": "'{before}' is now '{after}'."},
    "codes_merged": {
        "nl": "'{source}' is samengevoegd met '{target}': {moved} verplaatst, waarvan {combined} "
        "samengevoegd met een bestaande beslissing.",
        "en": "'{source}' was merged into '{target}': {moved} moved, {combined} of them combined with an "
        "existing decision.",
    },
    "codes_merged_plain": {
        "nl": "'{source}' is samengevoegd met '{target}': {moved} verplaatst.",
        "en": "'{source}' was merged into '{target}': {moved} moved.",
    },
    "codes_unchanged": {"nl": "Niets veranderd.", "en": "Nothing changed."},
    "codes_overview": {"nl": "Alle codes ({n})", "en": "All codes ({n})"},
    "codes_col_code": {"nl": "Code", "en": "Code"},
    "codes_col_kind": {"nl": "Soort", "en": "Kind"},
    "codes_kind_builtin": {"nl": "handreiking", "en": "handreiking"},
    "codes_kind_inductive": {"nl": "inductief", "en": "inductive"},
    "codes_col_confirmed": {"nl": "Fragmenten bevestigd", "en": "Fragments confirmed"},
    "codes_col_colour": {"nl": "Kleur", "en": "Colour"},
    "login_title": {"nl": "Inloggen", "en": "Log in"},
    "login_name": {"nl": "Gebruikersnaam", "en": "User name"},
    "login_password": {"nl": "Wachtwoord", "en": "Password"},
    "login_button": {"nl": "Inloggen", "en": "Log in"},
    "login_oidc": {"nl": "Inloggen via je instelling", "en": "Log in through your institution"},
    "logout": {"nl": "Uitloggen", "en": "Log out"},
    "logged_in_as": {"nl": "Ingelogd als {name} ({role})", "en": "Logged in as {name} ({role})"},
    "page_history": {"nl": "Geschiedenis", "en": "History"},
    "hist_story": {"nl": "Verhaal", "en": "Story"},
    "hist_fragment_id": {"nl": "Of fragmentnummer", "en": "Or fragment number"},
    "hist_choose": {
        "nl": "Kies een verhaal of een fragmentnummer om zijn geschiedenis te zien.",
        "en": "Choose a story or a fragment number to see its history.",
    },
    "hist_none": {"nl": "Geen gebeurtenissen gevonden.", "en": "No events found."},
    "hist_time": {"nl": "Tijd (UTC)", "en": "Time (UTC)"},
    "hist_who": {"nl": "Wie", "en": "Who"},
    "hist_what": {"nl": "Wat", "en": "What"},
    "hist_fragment": {"nl": "Fragment", "en": "Fragment"},
    "hist_code": {"nl": "Code", "en": "Code"},
    "hist_detail": {"nl": "Voor en na", "en": "Before and after"},
    "login_no_accounts": {
        "nl": "Er is nog geen account. Maak op de server een beheerder aan: "
        "verhalen user add NAAM --role beheerder --password-stdin",
        "en": "There is no account yet. Create a beheerder on the server: "
        "verhalen user add NAME --role beheerder --password-stdin",
    },
    "team_no_coding": {
        "nl": "Je rol ({role}) mag lezen en exporteren, niet coderen.",
        "en": "Your role ({role}) may read and export, not code.",
    },
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


def error_text(exc: Exception) -> str:
    """A core error in the chosen language: a VerhalenError carries its catalogue key (messages.py)."""
    return exc.text(lang()) if isinstance(exc, VerhalenError) else str(exc)
