"""Privacy scan quality: recall per origin and per category, false positives per 1,000 words.

Recall is measured on Dutch sentences generated from templates written for this benchmark, filled with
names of eleven origins (Syrian, Eritrean, Somali, Ukrainian, Afghan, Turkish, Moroccan, Polish,
Surinamese, Antillean, Dutch) from lists written here, not drawn from the detector's own names-dataset
lexicon, and with schools, addresses, phone numbers, e-mail addresses, BSNs, IBANs, dates of birth
and licence plates. The name lists are split in two halves by a hash of the name: ``dev`` (looked at
while the rules were adjusted after this benchmark was written) and ``test`` (only ever scored).
A gold identifier counts as found when hits cover every character of it (whatever their label).

The codebook's examples also contain 32 invented first names (listed below): how many of their
mentions are found is reported as ``codebook_namen``, a check on names nobody placed for the detector.

False positives: every hit on the 36 demo stories (written without names; practice names allowed as
in the app) and every hit on the codebook's examples that covers none of the names those examples do
contain (listed below), per 1,000 words.

Both for deduce alone (``privacy.scan(..., deduce_only=True)``) and for deduce + this project's layer.

``unseen``: a separate, hand-written collection (benchmarks/data/privacy_unseen.jsonl) of sentences in the
style of interviews and stories about parenting groups, each identifier span marked: person names of 26
origins none of which occur in the lists above (first names, double surnames such as 'El Bakkali',
'Nguyen Thi Lan', lower-case names, names before a possessive 's, names in lists and after
prepositions), schools, addresses, phones, e-mail, BSN, IBAN, dates of birth and licence plates;
plus trap sentences without any identifier ('Hoop doet leven', 'Roos is mijn lievelingsbloem',
'Ramadan', 'Veilig Thuis'). Three parts (field ``deel``): ``ontwikkeling`` (231 + 55 sentences,
written before any change; its misses were then looked at and the detector changed, twice, so its
figure after the changes is a development figure), ``achteraf`` (95 + 20 sentences with other names,
written after the first changes and scored once without further change; its misses were then named in
the brief of the second round, so it is no longer unseen) and ``achteraf-2`` (102 + 20 sentences, 110
identifiers: 83 names of 33 origins that occur in no other part nor in this file, many opening a
sentence without a cue, rare, lower-case or with a double surname; addresses with streets of two
words, schools, phones, dates of birth; written before the second round of changes, which were made on
``ontwikkeling`` only, and scored once with the final detector) and ``achteraf-3`` (105 + 20 sentences,
126 identifiers: 93 names of 38 origins that occur in no other part, written blind in a later session by
a helper who saw neither the detector nor its lists, and scored once, with the detector as it was, before
anything was changed for it). Each sentence is scanned on its own.
Reported: recall per category and per origin, every hit on a trap sentence (false positives), and the
hits on the other sentences that cover no marked identifier. ``unseen_voor`` is the same scoring run on
the detector as it was at commit ``BEFORE`` (checked out by ``git archive`` into a temporary folder,
run in a subprocess), with its speed on the demo stories and its first scan in a fresh process,
measured in that subprocess; ``unseen_voor_ronde_2`` the same at ``BEFORE_ROUND_2`` (the detector
after the first round, before the second).

Speed: ``ms_per_1000_woorden`` is measured on the demo stories after the quality runs (the best of
three passes); ``demo_ms_per_1000_woorden`` right after start-up (a first pass, then the best of three);
``eerste_scan_s`` is the first scan of a sentence in a fresh process after ``warm_up``.

Writes benchmarks/results/privacy.json and prints it.
Run: .venv/bin/python benchmarks/bench_privacy.py   (``--unseen-only``: print the unseen scoring only)
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
# ``VERHALEN_SRC``: score another checkout's detector (used for ``unseen_voor``)
sys.path.insert(0, os.environ.get("VERHALEN_SRC") or str(ROOT / "src"))

from verhalen.ingest import privacy  # noqa: E402
from verhalen.ingest.privacy.lexicon import words  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
DEMO = ROOT / "data" / "demo" / "stories"
CODEBOOK = ROOT / "codebook" / "werkfactoren.yaml"
ALLOW = ("Huiskamer", "Beijum", "Hoogeveen", "Veendam", "WIJ")
UNSEEN = ROOT / "benchmarks" / "data" / "privacy_unseen.jsonl"
BEFORE = "9d68ff0"  # the detector before the unseen collection was written and looked at
BEFORE_ROUND_2 = "ecde8ce"  # after the first round of changes, before the second (``achteraf-2``)
PARTS = ("ontwikkeling", "achteraf", "achteraf-2", "achteraf-3")

# origin → (first names, last names); written for this benchmark.
NAMES: dict[str, tuple[str, str]] = {
    "syrisch": (
        "Mohammad Ahmad Khaled Yaman Omar Hiba Lama Nour Rasha Hala Ghaith Bashar Ranim Yara Maher Sami "
        "Alaa Tarek Dima Ruba",
        "Al-Hassan Haddad Khatib Darwish Sabbagh Halabi Nasser Kassab Othman Al-Masri Hamwi Shami",
    ),
    "eritrees": (
        "Semhar Senait Filmon Robel Abraham Luwam Helen Selam Dawit Merhawi Saba Feven Biniam Yohannes "
        "Tsega Aklilu Hiwet Medhanie Kibrom Rahwa",
        "Tesfamichael Ghebreyesus Habte Tekle Weldemariam Kidane Berhane Asmerom Zerai Ghirmay Mebrahtu "
        "Okbazghi",
    ),
    "somalisch": (
        "Abdi Faduma Ayaan Hamza Ilhan Khadar Sahra Hibaaq Mahad Ubah Ifrah Guled Nasra Bashir Deeqa Liban "
        "Sagal Asad Hawa Mukhtar",
        "Warsame Farah Jama Hirsi Egal Dualeh Aden Abdullahi Mohamud Yusuf Osman Nur",
    ),
    "oekraiens": (
        "Olena Oksana Iryna Tetiana Nataliia Mykola Andrii Dmytro Bohdan Yuliia Svitlana Vasyl Taras Halyna "
        "Serhii Viktoriia Maksym Khrystyna Ostap Liudmyla",
        "Shevchenko Kovalenko Tkachenko Melnyk Kravchenko Boyko Oliynyk Savchuk Lysenko Hnatiuk Moroz "
        "Marchenko",
    ),
    "afghaans": (
        "Zahra Farid Mariam Hamid Sima Nargis Javid Shabnam Rahim Fereshta Wahid Parwana Habib Lina Sohail "
        "Mursal Khalil Nilofar Ajmal Zarghuna",
        "Ahmadzai Karimi Rahimi Sultani Noori Popal Stanikzai Hashimi Amiri Wardak Safi Mohammadi",
    ),
    "turks": (
        "Ayşe Mehmet Emine Mustafa Fatma Hüseyin Elif Burak Hatice Emre Özlem Serkan Gül Kemal Derya Yusuf "
        "Sevgi Cem Büşra Tuncay",
        "Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Arslan Doğan Kılıç Aslan Koç",
    ),
    "marokkaans": (
        "Mohamed Khadija Youssef Naima Rachid Hassan Latifa Mustapha Nadia Abdelkader Hanane Karim "
        "Soukaina Driss Ilham Bilal Zineb Said Loubna Anouar",
        "El-Amrani Bouzid Benali El-Idrissi Ouali Azzouzi Boukhari Tahiri Amrani Chaoui El-Khattabi Belhaj",
    ),
    "pools": (
        "Agnieszka Katarzyna Małgorzata Tomasz Piotr Krzysztof Magdalena Joanna Paweł Michał Ewa Łukasz "
        "Dorota Grzegorz Beata Marcin Aleksandra Wojciech Monika Jacek",
        "Kowalski Nowak Wiśniewska Wójcik Kowalczyk Kamińska Lewandowski Zieliński Szymańska Woźniak "
        "Dąbrowski Mazur",
    ),
    "surinaams": (
        "Sharmila Radjesh Anita Ravi Gwendolyn Roy Jennifer Kishan Soraya Ricardo Natasha Dewanand Chandra "
        "Shanti Marcel Priya Romano Ingrid Sunil Rosita",
        "Ramdin Sewdien Doekhie Pinas Kartosen Jubitana Mahabier Sedney Biharie Wijngaarde Lachmon Soekhai",
    ),
    "antilliaans": (
        "Jurensley Shurmaine Giovanni Jeandra Sharlon Rignald Jerrel Shaquira Quincy Yanira Edsel Chanella "
        "Rudsel Naysha Jurgen Kimberly Ruthmila Dyoni Glenda Shurandy",
        "Martina Statia Rosaria Isenia Cijntje Girigorie Winklaar Maduro Janga Pieternella Sulvaran Frans",
    ),
    "nederlands": (
        "Anouk Bram Lieke Jeroen Marieke Thijs Wouter Esther Jelle Ingrid Klaas Hilde Maarten Froukje "
        "Rutger Mirjam Sjoerd Geertje Harm Baukje",
        "Jansen Bakker Visser Smit Meijer Mulder Bos Hoekstra Dijkstra Postma Kuipers Wolters",
    ),
}
# {f} first name, {l} last name, {g} a second first name; sentences as parents and volunteers write them.
TEMPLATES = (
    "Mijn buurvrouw {f} hielp me met de formulieren van de gemeente.",
    "{f} {l} kwam vorig jaar met haar drie kinderen naar Nederland.",
    "Op woensdag zag ik {f} weer bij de groep en we dronken samen thee.",
    "De tolk, {f} {l}, vertaalde alles wat de juf zei.",
    "Mevrouw {l} van het consultatiebureau belde mij gisteren terug.",
    "{f} vertaalt voor de andere moeders als het te moeilijk wordt.",
    "Ik sprak na afloop nog lang met {f} over de school van de kinderen.",
    "Mijn zoon {f} zit nu in groep vier en hij leest al goed.",
    "Toen zei {f} dat zij 's nachts ook niet kon slapen.",
    "We gingen samen met {f} {l} naar de bibliotheek in het centrum.",
    "Ik heb {f} en {g} leren kennen in de huiskamer.",
    "Mijn man {f} werkt sinds kort in de kassen.",
    "Dat heb ik eigenlijk allemaal van {f} geleerd.",
    "De oudste dochter van {f} wil later dokter worden.",
    "Bij het schoolplein vroeg {f} of ik mee wilde naar de markt.",
    "Meneer {l} gaf ons de folder over de zomervakantie.",
    "Sinds de zomer woont {f} {l} bij ons in de straat.",
    "Gelukkig was {f} er, want ik verstond de brief niet.",
    "Ik belde {f} meteen toen ik het hoorde.",
    "Volgens {f} is de groep op dinsdag het gezelligst.",
    "Mijn dochter {f} speelt elke middag met de kinderen van {g}.",
    "Onze vrijwilliger {f} kookte voor iedereen.",
    "Later vertelde {f} {l} dat het thuis ook moeilijk was.",
    "{f} is de moeder van de tweeling uit groep drie.",
    "{f} en ik kennen elkaar van het schoolplein.",
    "Daarna kwam {f} ook binnen, met een pan soep.",
    "Het was de eerste keer dat {f} iets durfde te vragen.",
    "Ook {l} was erbij, met haar jongste op de arm.",
)
SCHOOLS = (
    "De Regenboog|Het Kompas|De Wegwijzer|De Vlonder|Het Palet|De Sterrenwachter|De Kameleon|Het Octaaf|"
    "De Borgh|Tamarinde|De Zonnewijzer|Het Noorderlicht"
)
SCHOOL_TEMPLATES = (
    "Mijn zoon zit op {x} en daar is hij heel blij.",
    "Ze gaat sinds september naar basisschool {x}.",
    "De bijeenkomst was in wijkcentrum {x}, vlak bij de supermarkt.",
    "Haar jongste zit bij obs {x} in de kleutergroep.",
    "Ik breng de kinderen elke ochtend naar kindcentrum {x}.",
)
STREETS = (
    "Hoofdstraat|Kerkstraat|Molenweg|Stationsplein|Julianalaan|Van Heemskerckstraat|Oosterhamrikkade|"
    "Burgemeester Sleeswijkstraat|Meeuwerderweg|Zuiderdiep"
)
TOWNS = "Groningen|Veendam|Hoogeveen|Assen|Emmen|Stadskanaal|Winschoten|Delfzijl"
PHONES = (
    "06-{a}{b}",
    "06 {a}{b}",
    "06 {a} {b}",
    "06{a}{b}",
    "+31 6 {a}{b}",
    "+31 (0)6 {a} {b}",
    "0031 6 {a}{b}",
    "050-{c}",
    "050 {c3} {c4}",
    "(0598) {d2} {d2b} {d2c}",
    "0528-{d6}",
    "0598 {d6}",
)


def _split(name: str) -> str:
    return "dev" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 2 else "test"


def _bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        if digits[0] == 0:
            continue
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _iban(rng: random.Random) -> str:
    from stdnum import iban

    bank = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB"])
    account = "".join(str(rng.randrange(10)) for _ in range(10))
    check = iban.calc_check_digits(f"NL00{bank}{account}")
    compact = f"NL{check}{bank}{account}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _phone(rng: random.Random, form: str) -> str:
    def digits(n: int) -> str:
        return "".join(str(rng.randrange(10)) for _ in range(n))

    return form.format(
        a=digits(4),
        b=digits(4),
        c=str(rng.randrange(1, 10)) + digits(6),
        c3=str(rng.randrange(1, 10)) + digits(2),
        c4=digits(4),
        d2=str(rng.randrange(1, 10)) + digits(1),
        d2b=digits(2),
        d2c=digits(2),
        d6=str(rng.randrange(1, 10)) + digits(5),
    )


Gold = tuple[str, str, str, str]  # (category, origin or '', split or '', surface)


def name_texts(split: str, rng: random.Random) -> list[tuple[str, list[tuple[int, int, Gold]]]]:
    """One paragraph per origin and batch of four templates; gold spans of every name."""
    out: list[tuple[str, list[tuple[int, int, Gold]]]] = []
    for origin, (firsts, lasts) in NAMES.items():
        first = [n for n in firsts.split() if _split(n) == split]
        last = [n for n in lasts.split() if _split(n) == split]
        rng.shuffle(first)
        rng.shuffle(last)
        first_cycle, last_cycle = itertools.cycle(first), itertools.cycle(last)
        for batch in (TEMPLATES[i : i + 4] for i in range(0, len(TEMPLATES), 4)):
            text, gold = "", []
            for template in batch:
                values = {"f": next(first_cycle), "l": next(last_cycle), "g": next(first_cycle)}
                sentence = template
                pieces: list[tuple[int, int, str]] = []
                # fill left to right so that offsets are known
                built = ""
                rest = sentence
                while "{" in rest:
                    before, _, after = rest.partition("{")
                    key, _, rest = after.partition("}")
                    built += before
                    pieces.append((len(built), len(built) + len(values[key]), values[key]))
                    built += values[key]
                built += rest
                offset = len(text) + (1 if text else 0)
                text = f"{text} {built}" if text else built
                gold += [(offset + s, offset + e, ("persoon", origin, split, v)) for s, e, v in pieces]
            out.append((text, _join_full_names(text, gold)))
    return out


def _join_full_names(text: str, gold: list[tuple[int, int, Gold]]) -> list[tuple[int, int, Gold]]:
    """'{f} {l}' is one full name: one gold identifier."""
    joined: list[tuple[int, int, Gold]] = []
    for start, end, item in gold:
        if joined and text[joined[-1][1] : start] == " ":
            s, _, previous = joined[-1]
            joined[-1] = (s, end, (*previous[:3], text[s:end]))
        else:
            joined.append((start, end, item))
    return joined


def other_texts(rng: random.Random) -> list[tuple[str, list[tuple[int, int, Gold]]]]:
    items: list[tuple[str, str, str]] = []  # (category, sentence with {x}, value)
    for school, template in zip(SCHOOLS.split("|") * 3, SCHOOL_TEMPLATES * 8, strict=False):
        items.append(("school", template, school))
    for street, town in zip(STREETS.split("|") * 2, TOWNS.split("|") * 3, strict=False):
        number = f"{rng.randrange(1, 240)}{rng.choice(['', '', 'a', 'b'])}"
        letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
        postcode = f"{rng.randrange(1000, 9999)} {letters}"
        address = rng.choice([f"{street} {number}, {postcode} {town}", f"{street} {number} in {town}"])
        items.append(("adres", "We wonen nu aan de {x}, vlak bij de school.", address))
        items.append(("postcode", "Het pakket moet naar postcode {x} gestuurd worden.", postcode))
    for i in range(25):
        phone = _phone(rng, PHONES[i % len(PHONES)])
        items.append(
            ("telefoon", rng.choice(["Bel me gerust op {x} als er iets is.", "Haar nummer is {x}."]), phone)
        )
    for first, last in zip(
        ["anna", "m.yilmaz", "olena.k", "fam.haddad", "j.devries"] * 3, range(15), strict=False
    ):
        email = f"{first}{last}@{rng.choice(['gmail.com', 'hotmail.nl', 'outlook.com', 'ziggo.nl'])}"
        items.append(("email", "Je kunt mailen naar {x} voor de inschrijving.", email))
    for _ in range(15):
        number = _bsn(rng)
        form = rng.choice(
            [number, f"{number[:3]}.{number[3:6]}.{number[6:]}", f"{number[:4]} {number[4:6]} {number[6:]}"]
        )
        items.append(
            (
                "bsn",
                rng.choice(["Het BSN van mijn dochter is {x}.", "Op het formulier stond {x} ingevuld."]),
                form,
            )
        )
    for _ in range(10):
        items.append(("iban", "Het geld kwam op rekening {x} binnen.", _iban(rng)))
    months = "januari februari maart april mei juni juli augustus september oktober november december"
    months_list = months.split()
    for _ in range(12):
        day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(2008, 2024)
        date = rng.choice(
            [
                f"{day:02d}-{month:02d}-{year}",
                f"{day} {months_list[month - 1]} {year}",
                f"{day}/{month}/{year}",
            ]
        )
        items.append(("geboortedatum", "Mijn zoon is geboren op {x} in het ziekenhuis.", date))
    for form in (
        "99-XXX-9",
        "XX-999-X",
        "9-XXX-99",
        "XXX-99-X",
        "X-999-XX",
        "99-XX-XX",
        "XX-99-XX",
        "9-XX-999",
        "999-XX-9",
        "XX-XX-99",
    ):
        plate = "".join(
            rng.choice("BDFGHJKLNPRSTVXZ") if c == "X" else str(rng.randrange(10)) if c == "9" else c
            for c in form
        )
        items.append(("kenteken", "De auto met kenteken {x} stond voor de deur.", plate))
    out = []
    for category, template, value in items:
        before, _, after = template.partition("{x}")
        text = before + value + after
        out.append((text, [(len(before), len(before) + len(value), (category, "", "", value))]))
    return out


def recall(cases: list[tuple[str, list[tuple[int, int, Gold]]]], deduce_only: bool) -> dict[str, Any]:
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for text, gold in cases:
        covered = set()
        for hit in privacy.scan(text, allow=ALLOW, deduce_only=deduce_only):
            covered.update(range(hit.start, hit.end))
        for start, end, (category, origin, split, surface) in gold:
            key = f"{category}:{origin}:{split}" if origin else category
            ok = all(i in covered for i in range(start, end))
            found[key][0] += ok
            found[key][1] += 1
            if not ok:
                misses[key].append(surface)
    return {
        key: {
            "found": hit,
            "total": total,
            "recall": round(hit / total, 3),
            "missed": sorted(set(misses[key])),
        }
        for key, (hit, total) in sorted(found.items())
    }


def _examples() -> list[str]:
    examples: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "examples":
                    examples.extend(str(v) for v in (value if isinstance(value, list) else [value]))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(CODEBOOK.read_text("utf-8")))
    return examples


# The person names the codebook's (invented) examples contain: a hit on one of these is no false positive.
CODEBOOK_NAMES = words(
    "Femke Rahaf Yasmin Linda Noor Ellen Hanneke Yvonne Sanne Lotte Gerrit Dewi Roos Samira Marloes "
    "Jasmijn Rob Fatima Sandra Ilse Jolanda Bianca Tamara Esther Kim Rukiye Zeynep Sabine Malika Petra "
    "Henk Nicole"
)


def false_positives(deduce_only: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    stories = [p.read_text("utf-8") for p in sorted(DEMO.glob("*.txt"))]
    for name, texts, names in (
        ("demo", stories, frozenset[str]()),
        ("codebook", _examples(), CODEBOOK_NAMES),
    ):
        words = sum(len(t.split()) for t in texts)
        wrong: list[str] = []
        names_found, names_total, names_missed = 0, 0, set()
        for text in texts:
            hits = privacy.scan(text, allow=ALLOW, deduce_only=deduce_only)
            for hit in hits:
                if not any(w in names for w in hit.text.replace(".", " ").split()):
                    wrong.append(f"{hit.text} ({hit.label})")
            covered = {i for h in hits for i in range(h.start, h.end)}
            for match in re.finditer(r"\b[A-Z]\w+\b", text):
                if match.group() in names:
                    ok = all(i in covered for i in range(match.start(), match.end()))
                    names_found, names_total = names_found + ok, names_total + 1
                    if not ok:
                        names_missed.add(match.group())
        if names_total:
            result[f"{name}_namen"] = {
                "found": names_found,
                "total": names_total,
                "recall": round(names_found / names_total, 3),
                "missed": sorted(names_missed),
            }
        result[name] = {
            "words": words,
            "false_positives": len(wrong),
            "per_1000_words": round(1000 * len(wrong) / words, 2),
            "hits": sorted(set(wrong)),
        }
    return result


def _score(counts: dict[str, list[int]], misses: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, (hit, total) in sorted(counts.items()):
        out[key] = {"found": hit, "total": total, "recall": round(hit / total, 3), "missed": misses[key]}
    return out


def unseen(deduce_only: bool = False) -> dict[str, Any]:
    """The hand-written unseen collection, per part (``PARTS``)."""
    cases = [json.loads(line) for line in UNSEEN.read_text("utf-8").splitlines() if line.strip()]
    privacy.scan(cases[0]["text"], allow=ALLOW)  # not timed: a first scan may import what it needs
    present = {case["deel"] for case in cases}
    parts = [part for part in PARTS if part in present] + sorted(present - set(PARTS))
    return {part: _unseen_part([c for c in cases if c["deel"] == part], deduce_only) for part in parts}


def _unseen_part(cases: list[dict[str, Any]], deduce_only: bool) -> dict[str, Any]:
    """Recall per category and origin, false positives on the trap sentences."""
    categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    origins: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: dict[str, list[str]] = defaultdict(list)
    traps: list[str] = []
    extra: list[str] = []
    begin = time.perf_counter()
    for case in cases:
        hits = privacy.scan(case["text"], allow=ALLOW, deduce_only=deduce_only)
        covered = {i for h in hits for i in range(h.start, h.end)}
        for gold in case["ids"]:
            ok = all(i in covered for i in range(gold["start"], gold["end"]))
            for table, key in ((categories, gold["category"]), (origins, gold["origin"])):
                if key:
                    table[key][0] += ok
                    table[key][1] += 1
                    if not ok:
                        missed[key].append(gold["surface"])
        spans = [range(g["start"], g["end"]) for g in case["ids"]]
        for hit in hits:
            if not any(hit.start < span.stop and span.start < hit.end for span in spans):
                (traps if case.get("trap") else extra).append(f"{hit.text} ({hit.label})")
    seconds = time.perf_counter() - begin
    words = sum(len(case["text"].split()) for case in cases)
    names = origins.values()
    persons = sum(found for found, _ in names), sum(total for _, total in names)
    trap_words = sum(len(c["text"].split()) for c in cases if c.get("trap"))
    return {
        "zinnen": len(cases),
        "identifiers": sum(len(case["ids"]) for case in cases),
        "alle_identifiers": round(
            sum(f for f, _ in categories.values()) / sum(t for _, t in categories.values()), 3
        ),
        "per_categorie": _score(categories, missed),
        "namen_alle_herkomsten": {
            "found": persons[0],
            "total": persons[1],
            "recall": round(persons[0] / persons[1], 3),
        },
        "per_herkomst": _score(origins, missed),
        "vallen": {
            "zinnen": sum(1 for c in cases if c.get("trap")),
            "words": trap_words,
            "false_positives": len(traps),
            "hits": traps,
        },
        "overige_hits_in_zinnen_met_identifiers": sorted(extra),
        "ms_per_1000_woorden": round(1000 * seconds / words * 1000, 1),
    }


def unseen_before(commit: str = BEFORE) -> dict[str, Any]:
    """``unseen`` for the detector at ``commit``: its src/ extracted with ``git archive``."""
    with tempfile.TemporaryDirectory() as folder:
        git = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True)
        if git.returncode:  # a shallow clone or an export without the history
            return {"commit": commit, "niet_beschikbaar": git.stderr.decode("utf-8", "replace").strip()}
        archive = git.stdout
        tar_path = Path(folder) / "src.tar"
        tar_path.write_bytes(archive)
        with tarfile.open(tar_path) as tar:
            tar.extractall(folder, filter="data")
        env = {**os.environ, "VERHALEN_SRC": str(Path(folder) / "src")}
        out = subprocess.run(
            [sys.executable, __file__, "--unseen-only"], env=env, capture_output=True, text=True, check=True
        ).stdout
    result: dict[str, Any] = json.loads(out)
    return {"commit": commit, **result}


def summary(per_key: dict[str, Any], split: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in per_key.items():
        if key.startswith("persoon:") and key.endswith(f":{split}"):
            out[key.split(":")[1]] = value
    total = sum(v["found"] for v in out.values()), sum(v["total"] for v in out.values())
    out["alle herkomsten"] = {"found": total[0], "total": total[1], "recall": round(total[0] / total[1], 3)}
    return out


def first_scan() -> float:
    """Seconds for the first scan of a short sentence in this process, after ``warm_up``."""
    begin = time.perf_counter()
    privacy.scan("Ik ging met Yonas naar de markt.", allow=ALLOW)
    return round(time.perf_counter() - begin, 3)


def _pass_ms(stories: list[str], words: int, deduce_only: bool = False) -> float:
    """ms per 1,000 words for one pass over ``stories``."""
    begin = time.perf_counter()
    for text in stories:
        privacy.scan(text, allow=ALLOW, deduce_only=deduce_only)
    return round(1000 * (time.perf_counter() - begin) / words * 1000, 1)


def demo_speed() -> dict[str, float]:
    """ms per 1,000 words for deduce + layer on the demo stories: a first pass (this process has not
    seen their words yet) and the best of three more (the machine may be busy with other work)."""
    stories = [p.read_text("utf-8") for p in sorted(DEMO.glob("*.txt"))]
    words = sum(len(t.split()) for t in stories)
    first = _pass_ms(stories, words)
    return {"eerste_keer": first, "beste_van_3": min(_pass_ms(stories, words) for _ in range(3))}


def main() -> None:
    started = time.perf_counter()
    privacy.warm_up()
    first = first_scan()
    demo = demo_speed()
    if "--unseen-only" in sys.argv:
        out = {"eerste_scan_s": first, "demo_ms_per_1000_woorden": demo, **unseen()}
        print(json.dumps(out, ensure_ascii=False))
        return
    rng = random.Random(13)
    cases = {split: name_texts(split, rng) for split in ("dev", "test")}
    others = other_texts(rng)
    result: dict[str, Any] = {"what": __doc__.split("\n")[0] if __doc__ else ""}
    for engine, deduce_only in (("deduce", True), ("deduce+laag", False)):
        names = {split: recall(cases[split], deduce_only) for split in cases}
        result[engine] = {
            "namen_test": summary(names["test"], "test"),
            "namen_dev": summary(names["dev"], "dev"),
            "overige": recall(others, deduce_only),
            "fout_positief": false_positives(deduce_only),
            "unseen": unseen(deduce_only),
        }
    result["unseen_voor"] = unseen_before(BEFORE)
    result["unseen_voor_ronde_2"] = unseen_before(BEFORE_ROUND_2)
    stories = [p.read_text("utf-8") for p in sorted(DEMO.glob("*.txt"))]
    words = sum(len(t.split()) for t in stories)
    speed = {}
    for engine, deduce_only in (("deduce", True), ("deduce+laag", False)):
        speed[engine] = min(_pass_ms(stories, words, deduce_only) for _ in range(3))
    result["ms_per_1000_woorden"] = speed
    result["eerste_scan_s"] = first
    result["demo_ms_per_1000_woorden"] = demo
    from verhalen.ingest.privacy import lexicon

    begin = time.perf_counter()
    lexicon._load(lexicon.cache_file())
    result["namenlijst_cache"] = {
        "mb": round(lexicon.cache_file().stat().st_size / 2**20, 1),
        "laden_s": round(time.perf_counter() - begin, 3),
    }
    identifiers = sum(len(g) for split in cases.values() for _, g in split) + len(others)
    result["identifiers"] = identifiers
    result["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "privacy.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
