"""Texts of Codes, Overeenstemming, Geschiedenis and the login: Dutch and English."""

TEXTS: dict[str, dict[str, str]] = {
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
        "nl": "{a} en {b} hebben nog geen fragment allebei beslist; overeenstemming tussen hen volgt zodra "
        "ze dezelfde fragmenten coderen.",
        "en": "{a} and {b} have not both decided any fragment yet; agreement between them follows once "
        "they code the same fragments.",
    },
    "agr_pair_caption": {
        "nl": "Eenheid = een fragment dat zowel {a} als {b} besliste (een code bevestigd, afgewezen of "
        "toegevoegd): {n}. Een code die een van beiden daar niet gaf, telt als niet gegeven. Niet "
        "meegeteld, want de ander zag ze niet: {only_a} alleen door {a} beslist, {only_b} alleen door {b}. "
        "Codes die niemand gaf tellen niet mee: een code die geen van beiden gaf, zegt niets over "
        "overeenstemming.",
        "en": "Unit = a fragment both {a} and {b} decided (a code confirmed, rejected or added): {n}. A "
        "code one of them did not give there counts as not given. Not counted, as the other did not see "
        "them: {only_a} decided by {a} only, {only_b} by {b} only. Codes nobody gave do not count: a code "
        "neither of them gave says nothing about agreement.",
    },
    "agr_few_shared": {
        "nl": "{a} en {b} beslisten maar {n} allebei: te weinig voor betrouwbare cijfers (vuistregel: "
        "minstens {min}). De cijfers staan er, maar zeggen nog weinig.",
        "en": "{a} and {b} both decided only {n}: too few for reliable figures (rule of thumb: at "
        "least {min}). The figures are shown, but say little yet.",
    },
    "agr_note": {"nl": "toelichting", "en": "note"},
    "agr_note_none": {
        "nl": "geen fragmenten om te vergelijken: geen cijfer",
        "en": "no fragments to compare: no figure",
    },
    "agr_note_not_given": {
        "nl": "niemand gaf deze code hier: geen cijfer, telt niet mee bij alle codes",
        "en": "nobody gave this code here: no figure, not counted in all codes",
    },
    "agr_note_constant": {
        "nl": "κ/α onbepaald: overal dezelfde waarde, niets om over te verschillen",
        "en": "κ/α undefined: the same value throughout, nothing to differ on",
    },
    "agr_note_few": {
        "nl": "n kleiner dan {min}: te weinig voor een betrouwbaar cijfer",
        "en": "n below {min}: too few for a reliable figure",
    },
    "agr_group": {"nl": "Alle codeurs samen", "en": "All coders together"},
    "agr_group_caption": {
        "nl": "Krippendorffs α over alle {k} codeurs. Een fragment dat een codeur niet besliste, telt voor "
        "die codeur als ontbrekend, niet als 'geen code'. n = fragmenten die minstens twee codeurs "
        "beslisten ({n}); bij alle codes fragment × code. Codes die niemand gaf tellen niet mee.",
        "en": "Krippendorff's α across all {k} coders. A fragment a coder did not decide counts as missing "
        "for that coder, not as 'no code'. n = fragments at least two coders decided ({n}); for all "
        "codes fragment × code. Codes nobody gave do not count.",
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
        "niet opnieuw gescoord), dus het model wordt niet beoordeeld op zijn eigen trainingsdata. Codes die "
        "niemand gaf (de codeur niet en het model niet) tellen niet mee.",
        "en": "Suggestions as they stood before the coder's decision (decided work is not "
        "rescored), so the model is not judged on its own training data. Codes nobody gave (neither the "
        "coder nor the model) do not count.",
    },
    "agr_lead_needed": {
        "nl": "Vul eerst je naam als codeur in; de hoofdcodeur beslist op eigen naam.",
        "en": "Enter your coder name first; the lead coder decides under their own name.",
    },
    "agr_settle": {"nl": "Verschillen beslechten", "en": "Settle disagreements"},
    "agr_settle_caption": {
        "nl": "{n} waarover {a} en {b} verschillen (van de fragmenten die ze allebei beslisten). De "
        "eindbeslissing van de hoofdcodeur wordt apart bewaard; de oorspronkelijke coderingen blijven staan.",
        "en": "{n} on which {a} and {b} differ (of the fragments both decided). The lead coder's final "
        "decision is kept apart; the original codings stay as they are.",
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
    "login_lasts": {
        "nl": "Je blijft in deze browser {hours} uur ingelogd (ook na herladen), tot je uitlogt.",
        "en": "You stay logged in in this browser for {hours} hours (also after a reload) until you log out.",
    },
    "login_session_ended": {
        "nl": "Je login is beëindigd (uitgelogd, verlopen of je account is gewijzigd). Log opnieuw in.",
        "en": "Your login has ended (logged out, expired or your account changed). Please log in again.",
    },
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
    "hist_kind_decide": {"nl": "besluit", "en": "decision"},
    "hist_kind_bulk": {"nl": "besluit (in één keer)", "en": "decision (in bulk)"},
    "hist_kind_withdraw": {"nl": "besluit ingetrokken", "en": "decision withdrawn"},
    "hist_kind_undo": {"nl": "ongedaan gemaakt", "en": "undone"},
    "hist_kind_memo": {"nl": "memo", "en": "memo"},
    "hist_kind_resolve": {"nl": "verschil beslecht", "en": "disagreement resolved"},
    "hist_kind_import": {"nl": "geïmporteerd", "en": "imported"},
    "hist_kind_erase": {"nl": "gewist", "en": "erased"},
    "hist_kind_delete_story": {"nl": "verhaal verwijderd", "en": "story deleted"},
    "hist_kind_merge": {"nl": "fragmenten samengevoegd", "en": "fragments merged"},
    "hist_kind_split": {"nl": "fragment gesplitst", "en": "fragment split"},
    "hist_kind_resegment": {"nl": "opnieuw gesegmenteerd", "en": "resegmented"},
    "hist_kind_merge_coding": {"nl": "code samengevoegd", "en": "code merged"},
    "hist_status_confirmed": {"nl": "bevestigd", "en": "confirmed"},
    "hist_status_rejected": {"nl": "afgewezen", "en": "rejected"},
    "hist_no_decision": {"nl": "geen besluit", "en": "no decision"},
    "hist_memo": {"nl": "memo: {memo}", "en": "memo: {memo}"},
    "hist_memo_length": {"nl": "{n} tekens", "en": "{n} characters"},
    "hist_restored": {"nl": "terug naar: {state}", "en": "back to: {state}"},
    "login_no_accounts": {
        "nl": "Er is nog geen account. Maak op de server een beheerder aan: "
        "verhalen user add NAAM --role beheerder --password-stdin",
        "en": "There is no account yet. Create a beheerder on the server: "
        "verhalen user add NAME --role beheerder --password-stdin",
    },
}
