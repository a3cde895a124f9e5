"""Texts of Thema's, Zoeken and Ophalen: Dutch and English."""

TEXTS: dict[str, dict[str, str]] = {
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
    "search": {"nl": "Zoek in tekst", "en": "Search text"},
    "stories_search_placeholder": {"nl": "koffie, app-groep, juf…", "en": "coffee, app group, teacher…"},
    "role_ouder": {"nl": "ouder", "en": "parent"},
    "role_vrijwilliger": {"nl": "vrijwilliger", "en": "volunteer"},
    "role_professional": {"nl": "professional", "en": "professional"},
    "words": {"nl": "woorden", "en": "words"},
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
    "search_passage_one": {"nl": "{n} passage", "en": "{n} passage"},
    "search_passage_many": {"nl": "{n} verschillende passages", "en": "{n} distinct passages"},
    "search_grouped": {
        "nl": "{passages} in {fragments} (gelijke teksten één keer)",
        "en": "{passages} in {fragments} (identical texts once)",
    },
    "search_same_text": {
        "nl": "Deze tekst staat in {fragments} uit {stories}.",
        "en": "This text appears in {fragments} from {stories}.",
    },
    "search_same_text_all": {"nl": "Alle {n} vindplaatsen", "en": "All {n} places"},
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
        "nl": "Kies een selectie en klik op 'Thema's zoeken'. Bij honderden fragmenten duurt dat enkele "
        "seconden, bij vele duizenden een halve minuut; daarna gaat een andere themagrootte of een ander "
        "aantal thema's vlot.",
        "en": "Choose a selection and click 'Find themes'. With hundreds of fragments that takes a few "
        "seconds, with many thousands half a minute; another theme size or number of themes is quick "
        "after that.",
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
}
