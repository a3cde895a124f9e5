"""Texts of the app shell, Coderen and shared words: Dutch and English."""

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {
        "nl": "verhalen — werkbank voor verhalenonderzoek",
        "en": "verhalen — storytelling research workbench",
    },
    "page_stories": {"nl": "Verhalen", "en": "Stories"},
    "page_code": {"nl": "Coderen", "en": "Coding"},
    "page_agreement": {"nl": "Overeenstemming", "en": "Agreement"},
    "page_compare": {"nl": "Vergelijken", "en": "Compare"},
    "page_export": {"nl": "Exporteren", "en": "Export"},
    "page_retrieve": {"nl": "Ophalen", "en": "Retrieve"},
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
    "fragments": {"nl": "fragmenten", "en": "fragments"},
    "decided_all": {"nl": "beslist (alle codeurs)", "en": "decided (all coders)"},
    "choose": {"nl": "kies…", "en": "choose…"},
    "story_id": {"nl": "Verhaal-id", "en": "Story id"},
    "story_not_found": {
        "nl": "Verhaal {story} bestaat niet (meer) in dit project; het eerste verhaal is geopend.",
        "en": "Story {story} does not exist (any more) in this project; the first story is open.",
    },
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
    "confirmed_by": {"nl": "gegeven door {coder}", "en": "given by {coder}"},
    "rejected_by": {"nl": "afgewezen door {coder}", "en": "rejected by {coder}"},
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
    "order": {"nl": "Volgorde", "en": "Order"},
    "order_reading": {"nl": "leesvolgorde", "en": "reading order"},
    "order_uncertain": {"nl": "eerst twijfelgevallen", "en": "most uncertain first"},
    "blind": {"nl": "Blind coderen", "en": "Blind coding"},
    "blind_help": {
        "nl": "Verberg de beslissingen van andere codeurs, zodat je onafhankelijk codeert. In teammodus "
        "staat dit eerst aan; zet het uit om ✓ (gegeven) en ✗ (afgewezen) van anderen te zien.",
        "en": "Hide other coders' decisions, so you code independently. In team mode this starts on; "
        "switch it off to see others' ✓ (given) and ✗ (rejected).",
    },
    "undo": {"nl": "↶ Ongedaan maken", "en": "↶ Undo"},
    "undo_help": {"nl": "Maak je laatste beslissing ongedaan.", "en": "Undo your last decision."},
    "next_undecided": {"nl": "⏭ Volgende onbesliste", "en": "⏭ Next undecided"},
    "next_uncertain": {"nl": "❓ Grootste twijfel", "en": "❓ Most uncertain"},
    "next_undecided_help": {
        "nl": "Het volgende fragment zonder besluit in dit verhaal; is het verhaal af, dan het volgende "
        "verhaal.",
        "en": "The next fragment without a decision in this story; when the story is done, the next story.",
    },
    "next_uncertain_help": {
        "nl": "Het fragment van dit verhaal waarover de suggesties het meest twijfelen; is het verhaal af, "
        "dan in het volgende verhaal.",
        "en": "The fragment of this story the suggestions are least sure about; when the story is done, in "
        "the next story.",
    },
    "queue_empty": {"nl": "Alles is beslist.", "en": "Everything is decided."},
    "queue_next_story": {
        "nl": "Alles in {done} is beslist: verder in {story}.",
        "en": "Everything in {done} is decided: on to {story}.",
    },
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
        "deze kans blijven verborgen; zo'n code kun je altijd zelf toevoegen. Dit is jouw weergave: "
        "het geldt alleen voor jou, niet voor de andere codeurs.",
        "en": "Scores are probabilities: about 80% of the suggestions near 80% turn out right. Suggestions "
        "below this probability stay hidden; you can always add such a code yourself. This is your own "
        "view: it applies to you only, not to the other coders.",
    },
    "no_code_above": {"nl": "geen code (niets vanaf {p})", "en": "no code (nothing from {p})"},
    "bulk_done": {"nl": "{n} suggesties boven {p} bevestigd.", "en": "{n} suggestions above {p} confirmed."},
    "merge_next": {"nl": "Samenvoegen met volgende", "en": "Merge with next"},
    "split_at": {"nl": "Splitsen vóór", "en": "Split before"},
    "split": {"nl": "Splitsen", "en": "Split"},
    "split_find": {"nl": "Splitsen…", "en": "Split…"},
    "split_find_help": {
        "nl": "Zoekt de zinnen in dit fragment om het te splitsen (het taalmodel wordt vlak na het starten "
        "nog geladen).",
        "en": "Finds the sentences in this fragment to split it (the language model is still loading just "
        "after the start).",
    },
    "merge_run_title": {
        "nl": "Samenvoegen met de volgende fragmenten en coderen",
        "en": "Merge with the next fragments and code",
    },
    "merge_run_count": {"nl": "volgende fragmenten", "en": "next fragments"},
    "merge_run_code": {"nl": "coderen als", "en": "code as"},
    "merge_run_until": {"nl": "tot en met “{s}”", "en": "up to and including “{s}”"},
    "merge_run": {"nl": "{k} fragmenten samenvoegen en coderen", "en": "Merge {k} fragments and code"},
    "merge_run_help": {
        "nl": "In één stap: deze fragmenten worden één fragment, met de gekozen code bevestigd. Alleen "
        "fragmenten zonder beslissingen. Ongedaan maken (U) haalt de code weg; het samenvoegen blijft "
        "staan (splitsen kan daarna weer).",
        "en": "In one step: these fragments become one fragment, with the chosen code confirmed. Only "
        "fragments without decisions. Undo (U) removes the code; the merge stays (you can split again "
        "afterwards).",
    },
    "merge_run_no_code": {
        "nl": "Kies eerst een code voor de samengevoegde fragmenten; er is niets samengevoegd.",
        "en": "Choose a code for the merged fragments first; nothing was merged.",
    },
    "cb_panel": {"nl": "Codeboek", "en": "Codebook"},
    "cb_definition": {"nl": "Definitie", "en": "Definition"},
    "cb_when": {"nl": "Wel coderen", "en": "When to code"},
    "cb_when_not": {"nl": "Niet coderen", "en": "When not to code"},
    "cb_examples": {"nl": "Voorbeelden", "en": "Examples"},
    "cb_inductive": {"nl": "inductieve code", "en": "inductive code"},
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
    "add_code_key": {"nl": "+ Code kiezen", "en": "+ Choose a code"},
    "add_code_key_help": {
        "nl": "Open de lijst van codes in deze kaart en voeg er een toe (toets A).",
        "en": "Open the list of codes in this card and add one (key A).",
    },
    "card_more": {"nl": "Memo, nieuwe code, samenvoegen", "en": "Memo, new code, merge"},
    "card_more_help": {
        "nl": "Een memo bij dit fragment of bij een code, een nieuwe inductieve code, samenvoegen of "
        "splitsen.",
        "en": "A memo on this fragment or on a code, a new inductive code, merge or split.",
    },
    "fragment_memo": {"nl": "Memo bij dit fragment", "en": "Memo on this fragment"},
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
        "nl": "Je schreef een memo bij dit fragment of bij een van zijn codes (zie “Memo, nieuwe code, "
        "samenvoegen”).",
        "en": "You wrote a memo on this fragment or on one of its codes (see “Memo, new code, merge”).",
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
    "reembedding": {
        "nl": "Nieuw taalmodel: fragmenten opnieuw inbedden ({done} van {total})",
        "en": "New language model: embedding fragments again ({done} of {total})",
    },
    "date": {"nl": "datum", "en": "date"},
    "nothing_to_undo": {"nl": "Er is niets om ongedaan te maken.", "en": "There is nothing to undo."},
    "page_search": {"nl": "Zoeken", "en": "Search"},
    "why_context": {
        "nl": "Het fragment is gelezen samen met het fragment ervoor en erna in het verhaal.",
        "en": "The fragment was read together with the fragments before and after it in the story.",
    },
    "page_themes": {"nl": "Thema's", "en": "Themes"},
    "page_codes": {"nl": "Codes", "en": "Codes"},
    "logout": {"nl": "Uitloggen", "en": "Log out"},
    "logged_in_as": {"nl": "Ingelogd als {name} ({role})", "en": "Logged in as {name} ({role})"},
    "page_history": {"nl": "Geschiedenis", "en": "History"},
    "team_no_coding": {
        "nl": "Je rol ({role}) mag lezen en exporteren, niet coderen.",
        "en": "Your role ({role}) may read and export, not code.",
    },
}
