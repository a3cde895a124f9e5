"""Catalogue entries: importing and its review, the names list, accounts, merge and split (app/)."""

from __future__ import annotations

from collections.abc import Mapping

from verhalen.messages.core import Text

IMPORTING: Mapping[str, Mapping[str, Text]] = {
    # importing (app/importing.py, app/import_review.py)
    "practice_unknown": {
        "nl": "Onbekende praktijk '{practice}'; bekend: {known}.",
        "en": "Unknown practice '{practice}'; known: {known}.",
    },
    "attribute_syntax": {
        "nl": "Kenmerk '{entry}': schrijf 'naam = waarde' (of 'naam:getal = 2').",
        "en": "Attribute '{entry}': write 'naam = waarde' (or 'naam:getal = 2').",
    },
    "table_rows_refused": {"nl": "'{name}': {errors}{more}", "en": "'{name}': {errors}{more}"},
    "more_errors": {"nl": " (en nog {n})", "en": " (and {n} more)"},
    "file_no_stories": {"nl": "'{name}' bevat geen verhalen.", "en": "'{name}' contains no stories."},
    "story_id_taken": {
        "nl": "verhaal-id '{story}' bestaat al; niets opgeslagen.",
        "en": "story id '{story}' already exists; nothing was stored.",
    },
    "hits_not_reviewed": {
        "nl": (
            "{n} mogelijk herleidbare gegevens ({labels}) niet beoordeeld; "
            "controleer met 'verhalen scan' en kies --pseudonymise of --accept-identifiers.",
            "{n} mogelijk herleidbare gegevens ({labels}) niet beoordeeld; "
            "controleer met 'verhalen scan' en kies --pseudonymise of --accept-identifiers.",
        ),
        "en": (
            "{n} possibly identifying item ({labels}) not reviewed; "
            "check with 'verhalen scan' and choose --pseudonymise or --accept-identifiers.",
            "{n} possibly identifying items ({labels}) not reviewed; "
            "check with 'verhalen scan' and choose --pseudonymise or --accept-identifiers.",
        ),
    },
    "story_id_one_file": {
        "nl": "Een verhaal-id kan alleen bij één bestand worden opgegeven.",
        "en": "A story id can only be given for a single file.",
    },
    "story_id_missing": {"nl": "{name}: geef een verhaal-id op.", "en": "{name}: enter a story id."},
    "label_unknown": {
        "nl": "Onbekend soort '{label}'; kies uit: {labels}.",
        "en": "Unknown kind '{label}'; choose from: {labels}.",
    },
    "pseudonymise_text_missing": {
        "nl": "Geef de tekst op die gepseudonimiseerd moet worden.",
        "en": "Enter the text to be pseudonymised.",
    },
    "text_not_in_story": {
        "nl": "'{text}' komt niet voor in {story}.",
        "en": "'{text}' does not occur in {story}.",
    },
    "keep_reason_missing": {
        "nl": "{story}: geef een reden om '{text}' ({label}) te behouden.",
        "en": "{story}: give a reason to keep '{text}' ({label}).",
    },
    # the project's names list (app/names_list.py)
    "name_control_character": {
        "nl": "Een naam in de namenlijst bevat een stuurteken; niets opgeslagen.",
        "en": "A name in the names list contains a control character; nothing was stored.",
    },
    "name_empty": {
        "nl": "Een naam in de namenlijst mag niet leeg zijn.",
        "en": "A name in the names list must not be empty.",
    },
    "name_too_long": {
        "nl": "'{start}…' is te lang voor de namenlijst (hoogstens {max}).",
        "en": "'{start}…' is too long for the names list (at most {max}).",
    },
    "name_after_label_empty": {
        "nl": "'{entry}': de naam na '{label}:' mag niet leeg zijn.",
        "en": "'{entry}': the name after '{label}:' must not be empty.",
    },
    "name_without_letters": {
        "nl": "'{entry}' bevat geen letters of cijfers.",
        "en": "'{entry}' contains no letters or digits.",
    },
    "name_label_unknown": {
        "nl": "Onbekend soort '{label}' in '{entry}'; kies uit: {labels}.",
        "en": "Unknown kind '{label}' in '{entry}'; choose from: {labels}.",
    },
    # accounts and login (app/accounts.py)
    "team_role_unknown": {
        "nl": "Onbekende rol '{role}'; kies uit {roles}.",
        "en": "Unknown role '{role}'; choose from {roles}.",
    },
    "user_name_missing": {"nl": "Geef een gebruikersnaam.", "en": "Enter a user name."},
    "user_name_too_long": {
        "nl": "Een gebruikersnaam is hoogstens {max} tekens.",
        "en": "A user name is at most {max} characters.",
    },
    "user_name_control": {
        "nl": "Een gebruikersnaam mag geen stuur- of onzichtbare tekens bevatten.",
        "en": "A user name must not contain control or invisible characters.",
    },
    "password_too_short": {
        "nl": "Een wachtwoord is minstens {min} tekens.",
        "en": "A password is at least {min} characters.",
    },
    "password_unusable": {
        "nl": "Dit wachtwoord kan niet worden gebruikt.",
        "en": "This password cannot be used.",
    },
    "login_locked": {
        "nl": "Te veel mislukte pogingen voor deze naam; probeer het over {minutes} minuten opnieuw.",
        "en": "Too many failed attempts for this name; try again in {minutes} minutes.",
    },
    "login_failed": {
        "nl": "Onbekende gebruikersnaam of verkeerd wachtwoord.",
        "en": "Unknown user name or wrong password.",
    },
    "login_no_account": {
        "nl": "'{name}' heeft nog geen account; vraag een beheerder om je toe te voegen.",
        "en": "'{name}' has no account yet; ask an administrator (beheerder) to add you.",
    },
    # merging and splitting fragments (app/review.py)
    "run_fragment_decided": {
        "nl": "Fragment {at} van de {total} heeft al beslissingen: trek die eerst in. "
        "Er is niets samengevoegd.",
        "en": "Fragment {at} of the {total} already has decisions: withdraw them first. Nothing was merged.",
    },
    "fragment_decided": {
        "nl": "Dit fragment heeft al beslissingen; trek die eerst in, dan gaat er niets verloren "
        "bij samenvoegen of splitsen.",
        "en": "This fragment already has decisions; withdraw them first, so that nothing is lost "
        "by merging or splitting.",
    },
    "merge_count": {
        "nl": "Voeg 1 tot {max} volgende fragmenten samen, niet {count}.",
        "en": "Merge 1 to {max} following fragments, not {count}.",
    },
    "merge_last_fragment": {
        "nl": "Dit is het laatste fragment van het verhaal; er is niets om mee samen te voegen.",
        "en": "This is the last fragment of the story; there is nothing to merge it with.",
    },
    "merge_past_end": {
        "nl": "Na dit fragment volgen nog maar {left} fragment(en) in het verhaal, geen {count}; "
        "er is niets samengevoegd.",
        "en": "Only {left} fragment(s) follow this one in the story, not {count}; nothing was merged.",
    },
    "split_outside": {
        "nl": "Het splitspunt ligt niet binnen het fragment.",
        "en": "The split point is not inside the fragment.",
    },
    # team mode: a role that does not allow an action (app/team.py)
    "role_refused": {
        "nl": "Als {role} mag je niet {action}; er is niets gewijzigd.",
        "en": "As {role} you may not {action}; nothing was changed.",
    },
    "action_read": {"nl": "lezen", "en": "read"},
    "action_export": {"nl": "exporteren", "en": "export"},
    "action_code": {"nl": "coderen", "en": "code"},
    "action_memo": {"nl": "memo's schrijven", "en": "write memos"},
    "action_undo": {"nl": "beslissingen terugdraaien", "en": "undo decisions"},
    "action_users": {"nl": "gebruikers beheren", "en": "manage users"},
    "action_codebook": {"nl": "het codeboek wijzigen", "en": "change the codebook"},
    "action_import": {"nl": "verhalen importeren", "en": "import stories"},
    "action_erase": {"nl": "verhalen wissen", "en": "erase stories"},
    "action_settings": {"nl": "instellingen wijzigen", "en": "change settings"},
    "action_settle": {
        "nl": "onenigheden tussen codeurs beslechten",
        "en": "settle disagreements between coders",
    },
    # a role's name as the user reads it (the stored value stays Dutch: beheerder, codeur, lezer)
    "role_name_beheerder": {"nl": "beheerder", "en": "administrator"},
    "role_name_codeur": {"nl": "codeur", "en": "coder"},
    "role_name_lezer": {"nl": "lezer", "en": "reader"},
    # who may do what, on a page that shows a role no form it may not use
    "role_only": {
        "nl": "Alleen de rol {roles} mag {action}; jouw rol is {role}.",
        "en": "Only the role {roles} may {action}; your role is {role}.",
    },
    # a bad row of a table (ingest/tables.py, app/importing.py)
    "row_line": {"nl": "Regel {line}: {error}.", "en": "Line {line}: {error}."},
    "row_line_bare": {"nl": "Regel {line}: {error}", "en": "Line {line}: {error}"},
    "row_id_repeated": {
        "nl": "id '{story}' komt al voor op regel {first}",
        "en": "id '{story}' already occurs on line {first}",
    },
}
