"""Identifiers with a fixed shape: schools and organisations, addresses, phone numbers, e-mail, BSN,
IBAN, dates and licence plates.

Phone numbers are found by ``phonenumbers`` (Google's libphonenumber, every Dutch notation: 06-12345678,
+31 (0)6 1234 5678, (050) 123 45 67, 0800-1234 ...); BSN (with the 11-check) and IBAN are validated by
``python-stdnum``. Everything else is a regular expression written for Dutch text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn

from verhalen.ingest.privacy.hits import Hit
from verhalen.ingest.privacy.lexicon import get_lexicon, words

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_ARTICLE = r"(?:De|Het|'t|’t|Den|Sint|St\.)"
_ORG_HEAD = (
    r"(?i:basisschool|basisscholen|school|obs|cbs|pcbs|rkbs|kbs|ikc|kindcentrum|integraal\s+kindcentrum|"
    r"peuterspeelzaal|peuteropvang|kinderopvang|kinderdagverblijf|kdv|bso|wijkcentrum|buurtcentrum|"
    r"buurthuis|dorpshuis|wijkgebouw|gemeenschapshuis|moskee|kerk|stichting|vereniging|"
    r"voetbalvereniging|sportvereniging|speeltuinvereniging|montessorischool|daltonschool|jenaplanschool)"
)
# 'basisschool De Regenboog', 'obs Het Palet', 'wijkcentrum De Schakel', 'buurthuis Oosterpark'
ORG_AFTER_HEAD = re.compile(rf"(?<!\w){_ORG_HEAD}\s+(?P<name>(?:{_ARTICLE}\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})")
# 'zijn school, de Starter, ...', 'de school heet De Kring': a name after a school word and a comma,
# colon, bracket or 'heet'
ORG_APPOSITION = re.compile(
    r"(?<!\w)(?i:school|basisschool|opvang|kinderopvang|peuteropvang|peuterspeelzaal|crèche|creche|bso)"
    r"(?:\s*[,:(]\s*|\s+(?:heet|heette|heten)\s+)"
    rf"(?P<name>(?:[Dd]e\s+|[Hh]et\s+|'t\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})"
)
# 'zit op De Regenboog', 'gaat naar Het Kompas', 'Op De Vlinder leren ze ...' (a capitalised article after
# the preposition; the preposition itself may open the sentence)
ORG_AFTER_PREPOSITION = re.compile(
    rf"(?<!\w)(?i:op|naar|bij|van|in|aan|via|met)\s+(?P<name>(?:De|Het|'t|’t|Den)\s+{_CAP}(?:\s+{_CAP})?)"
)
# 'de Regenboogschool', 'de Sint Bonifaciusschool' (a saint's or king's name before it is part of it)
ORG_COMPOUND = re.compile(
    r"(?<!\w)(?P<name>(?:(?:Sint|St\.|Koning|Koningin|Prins|Prinses|Pater|Dr\.)\s+)?"
    r"[A-ZÀ-Þ]\w*(?:school|college|lyceum|gymnasium|academie))(?!\w)"
)
# 'het Dollard College', 'Kindcentrum Noorderbreedte' is ORG_AFTER_HEAD
ORG_NAMED = re.compile(
    rf"(?<!\w)(?P<name>{_CAP}(?:\s+{_CAP})?\s+(?:College|Lyceum|Gymnasium|School|Academie|Centrum))(?!\w)"
)
GENERIC_SCHOOLS = words(
    "basisschool hogeschool taalschool zomerschool middelbare moskeeschool koranschool weekendschool "
    "brugklasschool nachtschool rijschool dansschool muziekschool zwemschool"
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”(\[\n•])\s*$")

_STREET_END = (
    r"(?:straat|laan|weg|plein|kade|singel|dijk|dreef|hof|pad|steeg|gracht|park|ring|wal|markt|erf|baan|"
    r"veld|stede|oord|hoven|diep|zijl|brink|akker|horst|plantsoen|boulevard|allee|passage|straatweg|"
    r"dwarsstraat|kamp|hoek|molen|burg|meer|hage|tuin|wijk)"
)
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}"
_TOWN = r"(?:'s-|’s-)?[A-Z][\w'’]+(?:[\s-](?:aan\s+(?:de|het)\s+|op\s+|in\s+)?[A-Z][\w'’]+)?"
_PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|'t|’t|op|in|aan|bij)"
# a street word written on its own after another word: 'Grote Markt', 'Hoge Kade', 'Nieuwe Haven'
_STREET_WORD = (
    r"(?:Straat|Laan|Weg|Plein|Kade|Singel|Dijk|Dreef|Hof|Pad|Steeg|Gracht|Ring|Wal|Markt|Brink|Diep|Haven|"
    r"Kerkhof|Boulevard|Allee|Kamp|Akker|Veld|Erf|Oord|Hoven|Hoek|Zijl|Poort)"
)
# 'Hoofdstraat 12', 'Burgemeester van Roijensingel 3a, 9711 AB Groningen', 'Kerkstraat 4 in Veendam',
# 'Grote Markt 3a'
ADDRESS = re.compile(
    rf"(?<!\w)(?:(?:{_CAP}\s+(?:{_PARTICLE}\s+)*)*[A-ZÀ-Þ]\w*{_STREET_END}"
    rf"|(?:{_CAP}\s+(?:{_PARTICLE}\s+)*)+{_STREET_WORD})\s+\d{{1,4}}"
    rf"(?:\s?[a-zA-Z](?!\w)|\s?-\s?\d{{1,3}}(?!\w)|\s+(?:bis|hs|I{{1,3}})(?!\w))?"
    rf"(?:,?\s+{_POSTCODE})?(?:,?\s+(?:in\s+|te\s+)?{_TOWN})?"
)
POSTCODE = re.compile(rf"(?<!\w){_POSTCODE}(?!\w)(?:,?\s+{_TOWN})?")
PHONE_SHAPE = re.compile(
    r"(?<![\w+])(?:\+31|0031|\(0)[\d ()-]{7,16}\d(?![\w-])|(?<![\w+-])0[1-9][\d -]{7,12}\d(?![\w-])"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
BSN_CUE = re.compile(
    r"(?i:\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:-?nummer)?\b)[\s:.=-]*"
    r"(?P<number>\d[\d .]{7,11}\d)"
)
NINE_DIGITS = re.compile(r"(?<![\w.-])(?:\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?![\w-])")
IBAN = re.compile(r"(?<!\w)(?i:[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?)(?!\w)")
NL_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
_MONTHS = (
    r"(?i:januari|jan|februari|feb|maart|mrt|april|apr|mei|juni|jun|juli|jul|augustus|aug|september|sept|"
    r"sep|oktober|okt|november|nov|december|dec)"
)
_UNITS = "een|twee|drie|vier|vijf|zes|zeven|acht|negen"
# a day written out: 'vijf', 'twaalf', 'eenentwintig', 'dertig'; 'vijfde', 'eenentwintigste'
_DAY_WORD = (
    rf"(?i:(?:(?:{_UNITS})[eë]n)?twintig(?:ste)?|(?:een[eë]n)?dertig(?:ste)?|(?:{_UNITS}|tien|elf|twaalf|"
    r"dertien|veertien|vijftien|zestien|zeventien|achttien|negentien)|eerste|tweede|derde|vierde|vijfde|"
    r"zesde|zevende|achtste|negende|tiende|elfde|twaalfde|(?:der|veer|vijf|zes|zeven|acht|negen)tiende)"
)
DATE = re.compile(
    rf"(?<![\w-])(?:(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?:\d{{4}}|\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\s+{_MONTHS}\.?\s+\d{{4}}"
    rf"|(?P<w>{_DAY_WORD})\s+{_MONTHS}\.?\s+\d{{4}}"
    rf"|\d{{4}}-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))(?![\w-])"
)
PLATE = re.compile(r"(?<![\w-])(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})(?![\w-])")


def _group_hits(pattern: re.Pattern[str], text: str, label: str, group: str | int = 0) -> Iterator[Hit]:
    for match in pattern.finditer(text):
        yield Hit(match.group(group), label, match.start(group), match.end(group))


def organisations(text: str) -> Iterator[Hit]:
    for pattern in (ORG_AFTER_HEAD, ORG_AFTER_PREPOSITION, ORG_NAMED):
        yield from _group_hits(pattern, text, "instelling", "name")
    lex = get_lexicon()
    for hit in _group_hits(ORG_APPOSITION, text, "instelling", "name"):
        if not lex.is_stop_word(hit.text.split()[-1]):  # not 'school, Maar ...', 'school: De kinderen'
            yield hit
    for hit in _group_hits(ORG_COMPOUND, text, "instelling", "name"):
        opening = _SENTENCE_END.search(text[max(0, hit.start - 4) : hit.start])
        if hit.text.casefold() not in GENERIC_SCHOOLS and not opening:
            yield hit


def addresses(text: str) -> Iterator[Hit]:
    yield from _group_hits(ADDRESS, text, "locatie")
    yield from _group_hits(POSTCODE, text, "locatie")


def _dutch_shape(raw: str) -> bool:
    """Ten digits from 0[1-9] once '+31'/'0031' and a '(0)' are taken off: a number not (yet) issued
    still identifies whoever wrote it down."""
    digits = re.sub(r"\D", "", raw.replace("(0)", ""))
    if raw.startswith("+31") or raw.startswith("0031"):
        digits = "0" + digits.removeprefix("00").removeprefix("31")
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


def phones(text: str) -> Iterator[Hit]:
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        yield Hit(match.raw_string, "telefoon", match.start, match.end)
    for shaped in PHONE_SHAPE.finditer(text):
        if _dutch_shape(shaped.group()):
            yield Hit(shaped.group(), "telefoon", shaped.start(), shaped.end())


def numbers(text: str) -> Iterator[Hit]:
    """BSN (11-check, or any 8-9 digits after 'BSN'), IBAN (checksum, or any NL shape), plates."""
    for match in BSN_CUE.finditer(text):
        yield Hit(match.group("number"), "id", match.start("number"), match.end("number"))
    for match in NINE_DIGITS.finditer(text):
        if bsn.is_valid(re.sub(r"\D", "", match.group())):
            yield Hit(match.group(), "id", match.start(), match.end())
    for match in IBAN.finditer(text):
        compact = match.group().replace(" ", "").upper()
        if NL_IBAN.fullmatch(compact) or iban.is_valid(compact):
            yield Hit(match.group(), "id", match.start(), match.end())
    for match in PLATE.finditer(text):
        chars = match.group().replace("-", "")
        if len(chars) == 6 and any(c.isdigit() for c in chars) and any(c.isalpha() for c in chars):
            yield Hit(match.group(), "id", match.start(), match.end())


def dates(text: str) -> Iterator[Hit]:
    for match in DATE.finditer(text):
        if match.group("w"):
            yield Hit(match.group(), "datum", match.start(), match.end())
            continue
        day = match.group("d") or match.group("d2") or match.group("d3")
        month = match.group("m") or match.group("m3")
        if 1 <= int(day) <= 31 and (month is None or 1 <= int(month) <= 12):
            yield Hit(match.group(), "datum", match.start(), match.end())


def pattern_hits(text: str) -> list[Hit]:
    """Every fixed-shape identifier in ``text`` (overlaps are merged by the caller)."""
    found: list[Hit] = []
    for detector in (addresses, organisations, phones, numbers, dates):
        found.extend(detector(text))
    found.extend(_group_hits(EMAIL, text, "email"))
    return found
