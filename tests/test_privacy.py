"""Privacy scan and pseudonymisation. One Deduce per process (module cache in verhalen.ingest.privacy):
constructing it takes a few seconds once the lookup cache exists, each scan only milliseconds."""

from __future__ import annotations

import gc
import itertools
import logging
import re
from pathlib import Path

import pytest

from verhalen.ingest import privacy
from verhalen.ingest.privacy import Hit, label_for_tag, parse_name, pseudonymise, scan

SOURCE = Path("/work/shared/bronnen/empowerende-oudergroepen.txt")
DEMO = Path(__file__).resolve().parents[1] / "data" / "demo" / "stories"
PRACTICES = ("Huiskamer", "Beijum", "Hoogeveen", "Veendam", "WIJ")
PLACEHOLDER = re.compile(r"\[(PERSOON|LOCATIE|INSTELLING|DATUM|LEEFTIJD|TELEFOON|EMAIL|URL|ID)-\d+\]")


@pytest.fixture(scope="module", autouse=True)
def deduce_loaded() -> None:
    handlers = list(logging.getLogger().handlers)
    privacy.warm_up()
    assert logging.getLogger().handlers == handlers  # deduce's stdout DEBUG handler was removed
    assert gc.isenabled()


# ---------------------------------------------------------------- pure parts (no deduce needed)


@pytest.mark.parametrize(
    ("tag", "label"),
    [
        ("persoon", "persoon"),
        ("patient", "persoon"),
        ("prefix+interfix+naam", "persoon"),
        ("locatie", "locatie"),
        ("straat+huisnummer", "locatie"),
        ("residence", "locatie"),
        ("ziekenhuis", "instelling"),
        ("zorginstelling", "instelling"),
        ("datum", "datum"),
        ("leeftijd", "leeftijd"),
        ("telefoonnummer", "telefoon"),
        ("emailadres", "email"),
        ("url", "url"),
        ("bsn", "id"),
        ("id", "id"),
        ("iets_nieuws", "id"),
    ],
)
def test_label_for_tag(tag: str, label: str) -> None:
    assert label_for_tag(tag) == label


def test_parse_name() -> None:
    assert parse_name("locatie:Beijum") == ("locatie", "Beijum")
    assert parse_name(" Sanne ") == ("persoon", "Sanne")
    assert parse_name("juf: Anja") == ("persoon", "juf: Anja")


def test_pseudonymise_consistent_placeholders_and_keep() -> None:
    text = "Sanne en Daan zaten in Beijum. sanne lachte; Daan niet."
    spans = [("Sanne", "persoon"), ("Daan", "persoon"), ("Beijum", "locatie"), ("sanne", "persoon")]
    hits = [Hit(word, label, text.index(word), text.index(word) + len(word)) for word, label in spans]
    hits.append(Hit("Daan", "persoon", text.rindex("Daan"), text.rindex("Daan") + 4))
    out, replacements = pseudonymise(text, hits)
    assert out == "[PERSOON-1] en [PERSOON-2] zaten in [LOCATIE-1]. [PERSOON-1] lachte; [PERSOON-2] niet."
    assert [r.placeholder for r in replacements] == [
        "[PERSOON-1]",
        "[PERSOON-2]",
        "[LOCATIE-1]",
        "[PERSOON-1]",
        "[PERSOON-2]",
    ]
    kept, _ = pseudonymise(text, hits, keep={2})
    assert "Beijum" in kept and "Sanne" not in kept


def test_pseudonymise_rejects_foreign_hits_and_skips_overlap() -> None:
    with pytest.raises(ValueError):
        pseudonymise("abc", [Hit("x", "persoon", 0, 1)])
    out, replacements = pseudonymise(
        "Jan de Vries", [Hit("Jan de Vries", "persoon", 0, 12), Hit("Vries", "persoon", 7, 12)]
    )
    assert out == "[PERSOON-1]" and len(replacements) == 1


# ---------------------------------------------------------------- with deduce


def test_source_contact_person_and_email_flagged_and_removed() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    hits = scan(text)
    found = {(h.text, h.label) for h in hits}
    assert ("Barbara Hendriksen", "persoon") in found
    assert ("b.r.hendriksen@uu.nl", "email") in found
    assert all(text[h.start : h.end] == h.text for h in hits)
    out, replacements = pseudonymise(text, hits)
    assert "Barbara Hendriksen" not in out and "b.r.hendriksen@uu.nl" not in out
    assert "Hendriksen" not in out
    assert len(PLACEHOLDER.findall(out)) == len(replacements)


def test_ordinary_sentence_is_not_flooded() -> None:
    sentence = "Ik ging met mijn dochter naar de Huiskamer en de juf was aardig."
    assert scan(sentence, allow=PRACTICES) == []
    assert scan("Bij WIJ Veendam en in Hoogeveen kwamen de moeders bij elkaar.", allow=PRACTICES) == []
    assert [h.text for h in scan("Mijn man werkt in Groningen.", allow=PRACTICES)] == ["Groningen"]


def test_demo_stories_precision() -> None:
    """The anonymised demo stories (about 9,000 words) raise only a handful of hits."""
    hits = [h for path in sorted(DEMO.glob("*.txt")) for h in scan(path.read_text("utf-8"), allow=PRACTICES)]
    assert len(hits) <= 10


def test_extra_names_whole_word_case_insensitive_with_labels() -> None:
    text = "Mijn zoon Pim zit op De Regenboog. pim is blij; Pimmetje ook. In Beijum-Oost is het fijn."
    hits = scan(text, extra_names=["Pim", "instelling:de regenboog", "locatie:Beijum-Oost"], allow=PRACTICES)
    assert [(h.text, h.label) for h in hits] == [
        ("Pim", "persoon"),
        ("De Regenboog", "instelling"),
        ("pim", "persoon"),
        ("Beijum-Oost", "locatie"),
    ]
    out, _ = pseudonymise(text, hits)
    assert out == (
        "Mijn zoon [PERSOON-1] zit op [INSTELLING-1]. [PERSOON-1] is blij; Pimmetje ook. "
        "In [LOCATIE-1] is het fijn."
    )


def test_extra_names_are_not_suppressed_by_allow() -> None:
    hits = scan("We zaten in Beijum.", extra_names=["locatie:Beijum"], allow=PRACTICES)
    assert [(h.text, h.label) for h in hits] == [("Beijum", "locatie")]


def test_recurring_name_flagged_everywhere_and_overlaps_merged() -> None:
    text = "Fatima kwam binnen. Later zei Fatima dat Fatima Yilmaz haar buurvrouw is."
    hits = scan(text)
    assert [h.text for h in hits if h.text.startswith("Fatima")].count("Fatima") >= 2
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))
    out, _ = pseudonymise(text, hits)
    assert "Fatima" not in out


def test_identifiers_of_every_kind() -> None:
    text = (
        "Bel mevrouw de Vries op 06-12345678 of mail naar juf@school.nl, zie www.wij.nl. "
        "Mijn zoon is 7 jaar en was op 12 maart 2023 in het UMCG."
    )
    labels = {h.label for h in scan(text)}
    assert {"persoon", "telefoon", "email", "url", "leeftijd", "datum", "instelling"} <= labels


def test_warm_up_is_cached() -> None:
    assert privacy.warm_up() < 0.1


def test_offsets_are_code_points_even_with_emoji() -> None:
    text = "😀😀 Ik sprak met Fatima Yilmaz 👍 in Groningen."
    hits = scan(text)
    assert [h.text for h in hits] == ["Fatima Yilmaz", "Groningen"]
    assert all(text[h.start : h.end] == h.text for h in hits)


# ---------------------------------------------------------------- the layer beyond deduce


def _found(text: str) -> set[tuple[str, str]]:
    return {(h.text, h.label) for h in scan(text, allow=PRACTICES)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gisteren belde mijn buurvrouw Tsehaye om te vragen hoe het ging.", "Tsehaye"),
        ("Ik kwam binnen en Mehari Tesfamariam zat al aan tafel.", "Mehari Tesfamariam"),
        ("Mevrouw Bondarenko heeft drie kinderen.", "Bondarenko"),
        ("Olena Kovalchuk kwam vorig jaar uit Kyiv.", "Olena Kovalchuk"),
        ("Onze tolk, Abdirahman, kwam te laat.", "Abdirahman"),
        ("Wanjiru vertaalt alles voor de andere moeders.", "Wanjiru"),
        ("De brief was ondertekend door A. Haidari.", "A. Haidari"),
        ("Samen met Fatima el Amrani zette ik koffie.", "Fatima el Amrani"),
        ("Ik vroeg het aan mijn dochter zahra.", "zahra"),
        ("Ik heb mevr. Tesfaye gebeld, en dr. Osei ook.", "Tesfaye"),
        ("Daar ontmoette ik Lwam Tesfalidet, een Eritrese moeder van vier.", "Lwam Tesfalidet"),
    ],
)
def test_names_of_many_origins_found_by_context(text: str, name: str) -> None:
    hits = [h for h in scan(text, allow=PRACTICES) if h.label == "persoon"]
    assert any(name in h.text for h in hits), hits


def test_ordinary_words_and_lookalikes_are_not_names() -> None:
    text = (
        "Soms gaan we naar de markt. Wij spreken Arabisch en Nederlands. We aten saramacca soep. "
        "Niemand lacht om mij. Laatst vertelde een moeder iets moois. Nou, dat was fijn. "
        "Sinds de Ramadan zie ik haar vaker in de Huiskamer."
    )
    assert scan(text, allow=PRACTICES) == []


def test_a_full_name_makes_its_words_recur() -> None:
    text = "Tesfay Gebremedhin kwam binnen. Later lachte tesfay niet, maar Tesfay wel."
    hits = [(h.text, h.start) for h in scan(text)]
    assert ("Tesfay", text.rindex("Tesfay")) in hits
    assert all(h != "tesfay" for h, _ in hits)  # case-sensitive: a lower-case word is left alone


def test_schools_and_organisations() -> None:
    found = _found(
        "Mijn zoon zit op De Regenboog, mijn dochter op obs Het Palet. Ik help bij wijkcentrum De Schakel "
        "en bij IKC Tamarinde; de oudste gaat naar het Dollard College."
    )
    expected = {"De Regenboog", "Het Palet", "De Schakel", "Tamarinde", "Dollard College"}
    assert expected <= {text for text, label in found if label == "instelling"}, found


def test_a_school_after_a_sentence_opening_preposition_or_with_a_saints_name() -> None:
    found = _found("Naar De Vlieger gaan de kleintjes. Haar broer zit op de Sint Bonifatiusschool.")
    names = {text for text, label in found if label == "instelling"}
    assert {"De Vlieger", "Sint Bonifatiusschool"} <= names, found
    assert _found("Op de markt was het druk, naar de kerk gingen we niet.") == set()


@pytest.mark.parametrize(
    "text",
    ["Het Rode Kruis zocht mijn neef.", "Bij het Leger des Heils aten we.", "De Kringloop had een bed."],
)
def test_national_charities_are_no_persons(text: str) -> None:
    assert _found(text) == set()


def test_address_takes_postcode_and_town_along() -> None:
    text = "We wonen op de Kerkstraat 12a, 9641 AB Veendam en daarvoor Van Heemskerckstraat 3 in Hoogeveen."
    found = _found(text)
    assert ("Kerkstraat 12a, 9641 AB Veendam", "locatie") in found
    assert ("Van Heemskerckstraat 3 in Hoogeveen", "locatie") in found
    assert ("9712 CP", "locatie") in _found("Stuur het naar postcode 9712 CP.")


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 12345678",
        "+31 (0)6 1234 5678",
        "0031 6 12345678",
        "050-1234567",
        "050 123 4567",
        "(0591) 12 34 56",
        "0591-123456",
        "088-1234567",
    ],
)
def test_phone_numbers_in_every_dutch_notation(phone: str) -> None:
    text = f"Je kunt me bellen op {phone} als er iets is."
    assert (phone, "telefoon") in _found(text)


def test_numbers_with_a_check() -> None:
    found = _found(
        "Mijn BSN is 123456782 en dat van mijn zoon 111.222.333; rekening NL91 ABNA 0417 1643 00, "
        "auto 12-ABC-3, geboren op 03-04-2016. Mail naar ouder.groep+wij@gmail.com."
    )
    for expected in ("123456782", "111.222.333", "NL91 ABNA 0417 1643 00", "12-ABC-3"):
        assert (expected, "id") in found, expected
    assert ("03-04-2016", "datum") in found
    assert ("ouder.groep+wij@gmail.com", "email") in found
    # nine digits without the 11-check and without 'BSN' before them are no BSN; a cue makes them one
    assert privacy.layer_hits("Het kost 123456789 euro in totaal, zeiden ze.") == []
    assert ("123456789", "id") in _found("Zijn burgerservicenummer: 123456789.")


def test_placeholders_are_not_names() -> None:
    assert scan("[PERSOON-1] en [PERSOON-2] zaten bij [INSTELLING-1] op de bank.") == []


def test_names_lexicon_cache_is_compact_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from verhalen.ingest.privacy import lexicon

    lex = lexicon.get_lexicon()
    assert lex.name_rank("Yılmaz") == lex.name_rank("YILMAZ") < lexicon.NO_RANK
    assert lex.name_rank("Saramacca") == lexicon.NO_RANK
    assert lex.is_dutch("Soms") and lex.is_dutch("gaat") and not lex.is_dutch("Tesfay")
    path = lexicon.cache_file()
    assert path.is_file() and path.stat().st_size < 40 * 1024 * 1024
    monkeypatch.setattr(lexicon, "_LEXICON", None)
    monkeypatch.setattr(lexicon, "build", lambda: pytest.fail("the cache file should have been used"))
    again = lexicon.get_lexicon()
    assert again is not lex and np.array_equal(again.name_hashes, lex.name_hashes)


# ---------------------------------------------------------------- from the unseen collection (invented names)


def test_possessive_s_is_no_part_of_a_name_and_a_genitive_is_a_name() -> None:
    hits = scan("Lemlem's dochter zit bij mijn zoon in de klas.")
    assert [(h.text, h.label) for h in hits] == [("Lemlem", "persoon")]  # without the 's
    assert ("Habtoms", "persoon") in _found("Habtoms moeder kwam ook.")
    assert ("Habtoms", "persoon") in _found("Bij de Habtoms thuis is het altijd vol.")


def test_lower_case_names_by_their_neighbours() -> None:
    assert ("lemlem", "persoon") in _found("Met Tsegereda en lemlem heb ik gekookt.")
    assert ("habon", "persoon") in _found("Gisteren zei habon dat het beter ging.")
    assert _found("Elke ochtend zegt zij sabah al-khair tegen de juf.") == set()  # a foreign phrase


def test_frequent_words_opening_a_sentence_are_no_names() -> None:
    text = "Zomer is de drukste tijd. Pas later zag ik het. Engels spreekt ze niet. Jeugdzorg belde ook."
    assert _found(text) == set()


def test_identifiers_typed_loosely() -> None:
    found = _found(
        "Het geld ging naar nl02abna0123456789, hij is geboren op twaalf maart 2016 en zijn school, "
        "de Notenkraker, belde."
    )
    assert {("nl02abna0123456789", "id"), ("twaalf maart 2016", "datum")} <= found, found
    assert any(label == "instelling" and "Notenkraker" in text for text, label in found), found


def test_an_unlisted_word_opening_a_sentence_as_a_subject_is_a_name() -> None:
    assert ("Jurvenska", "persoon") in _found("Jurvenska werkt nu bij de bakker op de hoek.")
    assert ("Kwestrina", "persoon") in _found("Kwestrina, die naast ons woont, komt ook.")
    assert ("Kwestrina", "persoon") in _found("Kwestrina, haar zus, kookt altijd voor de groep.")
    # a Dutch compound, a quote before its verb and subject, a camel-cased method: no names
    text = (
        "Taalcafé is op dinsdag. Oudergroep begint om negen. Okidokie, zegt ze dan. CenteringParenting werkt."
    )
    assert _found(text) == set()


def test_a_street_of_two_words_keeps_its_number_postcode_and_town() -> None:
    found = _found("Het adres is Hoge Kade 22b, 9718 BK Groningen, tweede verdieping.")
    assert ("Hoge Kade 22b, 9718 BK Groningen", "locatie") in found, found
    assert ("Lange Dijk 3 in Appingedam", "locatie") in _found("Kom naar de Lange Dijk 3 in Appingedam.")


def test_a_lower_case_subject_and_a_month_joined_to_a_name() -> None:
    assert ("xaliimo", "persoon") in _found("Ja xaliimo was er ook, met de kleine.")
    found = _found("Mijn dochter speelt met Tesfay en Juni op het plein.")
    assert ("Juni", "persoon") in found, found
    assert ("Juni", "persoon") not in _found("In Juni en juli is de groep dicht.")
