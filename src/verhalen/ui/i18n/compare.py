"""Texts of Vergelijken: Dutch and English."""

TEXTS: dict[str, dict[str, str]] = {
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
    "agr_model_n": {
        "nl": "n per code = fragmenten waarop {coder} over die code besliste (bevestigd of afgewezen); "
        "fragmenten zonder beslissing tellen niet mee als 'geen code'. {coder} besliste over {n}. "
        "Alle codes: n = beslissingen (fragment × code); primaire code: fragmenten met een beslissing.",
        "en": "n per code = fragments on which {coder} decided that code (confirmed or rejected); "
        "fragments without a decision do not count as 'no code'. {coder} decided on {n}. "
        "All codes: n = decisions (fragment × code); primary code: fragments with a decision.",
    },
    "cmp_pc_too_few": {"nl": "te weinig verhalen voor een interval", "en": "too few stories for an interval"},
    "cmp_pc_too_few_note": {
        "nl": "Te weinig verhalen voor een interval: {groups} heeft minder dan twee verhalen, dus het "
        "bootstrapinterval van Cramérs V wordt niet berekend. De exacte toets en V zelf staan er wel.",
        "en": "Too few stories for an interval: {groups} has fewer than two stories, so the bootstrap "
        "interval of Cramér's V is not computed. The exact test and V itself are shown.",
    },
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
        "nl": "Per cel: aantal / totaal van de groep · percentage [95%-interval volgens Wilson].",
        "en": "Per cell: count / group total · percentage [Wilson 95% interval].",
    },
    "cmp_marker_help": {
        "nl": "▲ / ▼: het percentage ligt significant boven / onder het percentage van alle groepen samen "
        "(per cel: gecorrigeerd residu van de tabel met / zonder de code, p < 0,05 na Holm-correctie over "
        "alle cellen); de kleur volgt dat residu.",
        "en": "▲ / ▼: the percentage is significantly above / below the percentage of all groups together "
        "(per cell: adjusted residual of the with / without the code table, p < 0.05 after Holm's "
        "correction across all cells); colour follows that residual.",
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
        "nl": "**Permutatietoets op dezelfde tabel ({n} herschikkingen van hele verhalen): {p}** — deze "
        "p-waarde geldt, want sommige verwachte aantallen zijn kleiner dan 5.",
        "en": "**Permutation test on the same table ({n} reshuffles of whole stories): {p}** — this p-value "
        "applies, because some expected counts are below 5.",
    },
    "cmp_fisher": {
        "nl": "**Fishers exacte toets: {p}** — deze p-waarde geldt, want sommige verwachte aantallen zijn "
        "kleiner dan 5.",
        "en": "**Fisher's exact test: {p}** — this p-value applies, because some expected counts are "
        "below 5.",
    },
    "cmp_expected": {
        "nl": "Verwachte aantallen (bij het percentage van alle groepen samen) en gecorrigeerde residuen",
        "en": "Expected counts (at the percentage of all groups together) and adjusted residuals",
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
    "cmp_col_ci_low": {"nl": "95%-interval laag", "en": "95% interval low"},
    "cmp_col_ci_high": {"nl": "95%-interval hoog", "en": "95% interval high"},
    "cmp_col_expected": {"nl": "verwacht", "en": "expected"},
    "cmp_col_residual": {"nl": "gecorrigeerd residu", "en": "adjusted residual"},
    "cmp_col_p_holm": {"nl": "p (Holm, per cel)", "en": "p (Holm, per cell)"},
    "cmp_col_rate": {"nl": "per 1.000 woorden", "en": "per 1,000 words"},
    "cmp_col_statistic": {"nl": "grootheid", "en": "statistic"},
    "cmp_col_value": {"nl": "waarde", "en": "value"},
    "cmp_sentence": {"nl": "samenvatting", "en": "summary"},
    "cmp_unit_label": {"nl": "eenheid", "en": "unit"},
    "cmp_selection_label": {"nl": "beslissingen", "en": "decisions"},
}
