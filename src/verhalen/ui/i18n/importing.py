"""Texts of importing stories, the names list, rescans: Dutch and English."""

# Counted nouns ("1 verhaal", "2 verhalen") are filled in with verhalen.ui.numbers.count, not written here.
TEXTS: dict[str, dict[str, str]] = {
    "import_button": {"nl": "Importeren", "en": "Import"},
    "import_done": {
        "nl": "Verhaal {id} opgeslagen ({n} fragmenten).",
        "en": "Story {id} stored ({n} fragments).",
    },
    "imp_title": {"nl": "Verhalen importeren", "en": "Import stories"},
    "imp_new_practice_option": {"nl": "➕ nieuwe praktijk…", "en": "➕ new practice…"},
    "imp_new_practice_name": {"nl": "Naam van de nieuwe praktijk", "en": "Name of the new practice"},
    "imp_add_practice": {"nl": "Praktijk toevoegen", "en": "Add practice"},
    "imp_tab_files": {"nl": "Bestanden (.txt, .docx, .odt, .pdf)", "en": "Files (.txt, .docx, .odt, .pdf)"},
    "imp_tab_table": {
        "nl": "Tabel (.csv, .xlsx), één verhaal per rij",
        "en": "Table (.csv, .xlsx), one story per row",
    },
    "imp_stored": {"nl": "Opgeslagen: {name} ({fragments}).", "en": "Stored: {name} ({fragments})."},
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
        "nl": "{stories}, {hits}. Kies per treffer: pseudonimiseren "
        "(vervangen door bijv. [PERSOON-1]) of behouden met een reden.",
        "en": "{stories}, {hits}. For each hit, choose: pseudonymise "
        "(replace by a placeholder such as [PERSOON-1] for a person; the placeholders are Dutch) "
        "or keep with a reason.",
    },
    "hit_kind_persoon": {"nl": "persoon", "en": "person"},
    "hit_kind_locatie": {"nl": "locatie", "en": "place"},
    "hit_kind_instelling": {"nl": "instelling", "en": "organisation"},
    "hit_kind_datum": {"nl": "datum", "en": "date"},
    "hit_kind_leeftijd": {"nl": "leeftijd", "en": "age"},
    "hit_kind_telefoon": {"nl": "telefoon", "en": "phone"},
    "hit_kind_email": {"nl": "email", "en": "email"},
    "hit_kind_url": {"nl": "url", "en": "URL"},
    "hit_kind_id": {"nl": "id", "en": "ID number"},
    "imp_pseudonymise_all": {"nl": "Alles pseudonimiseren", "en": "Pseudonymise all"},
    "imp_candidate_title": {"nl": "{id} ({name}) — {hits}", "en": "{id} ({name}) — {hits}"},
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
    "imp_stored_n": {"nl": "{stories} opgeslagen.", "en": "{stories} stored."},
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
        "nl": "{hits} in {stories} die nooit beoordeeld zijn.",
        "en": "{hits} in {stories} that were never reviewed.",
    },
    "rescan_label": {"nl": "Soort", "en": "Kind"},
    "rescan_text": {"nl": "Tekst", "en": "Text"},
    "names_saved": {"nl": "Namenlijst opgeslagen ({names}).", "en": "Names list saved ({names})."},
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
    # Streamlit's file uploader has no parameters for its own texts: ui/uploads.py puts these in by CSS
    "upload_button_many": {"nl": "Bestanden kiezen", "en": "Choose files"},
    "upload_button_one": {"nl": "Bestand kiezen", "en": "Choose a file"},
    "upload_drop_many": {"nl": "Sleep de bestanden hierheen", "en": "Drag and drop files here"},
    "upload_drop_one": {"nl": "Sleep het bestand hierheen", "en": "Drag and drop a file here"},
    "upload_limit": {"nl": "max. {mb} MB per bestand", "en": "{mb} MB per file"},
}
