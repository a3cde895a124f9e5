"""Person names of every origin, found by context rather than by a bare word list.

A run is a sequence of capitalised words (with name particles such as 'van der', 'el', 'bin' and
initials such as 'J.P.' between or before them). A run is a person when one of these holds:

- a cue stands before it: 'mijn zoon X', 'buurvrouw X', 'mevrouw X', 'dhr. X', 'juf X', 'heet X';
- a cue verb follows it: 'X vertaalt', 'X zei', 'X vertelde';
- it starts with initials ('A. Yilmaz') or has two or more name words ('Tesfay Gebremedhin');
- it stands mid-sentence (Dutch capitalises little else there) and is a known name (names-dataset,
  105 countries) or no Dutch word at all;
- it opens a sentence and is a known name that is no Dutch word ('Oleksandr kwam', not 'Soms', 'Wij');
- it opens a sentence as the subject of the verb after it ('Jurvenska werkt', not 'Inshallah komt
  het', where the subject follows the verb) or before an apposition ('Jurvenska, die ...', 'Jurvenska,
  haar zus, ...'), and is no Dutch word nor a compound of two ('Taalcafé'), or a frequent name that is
  Dutch only as a rare verb ('Plamen').

A cue verb after a comma or before its own subject ('Wallah, zegt ze'; 'Yalla zei de juf') makes no
name: that is a quote.

A possessive 's is no part of a word ('Winta's dochter' → 'Winta'), and a word that is no Dutch word
but a known name plus 's' counts as known ('Ramsarans', 'Tesfays fiets'). A run after 'in', 'uit' or
'te' is a place ('uit Aleppo'), labelled so. Words that are never names here (countries, languages,
nationalities, holidays, apps, acronyms such as 'GGD') end a run; a month ends it only when not right
after a name word ('Chen Mei'). Lower-case names (``_lower_case_names``): a known name that is no
Dutch word after a cue ('mijn zoon ahmed'), before a cue verb ('ahmed zei'), next to another name
('tigist en ngozi'), or anywhere when it is a very common name, unless it stands in a foreign phrase.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from verhalen.ingest.privacy.clauses import (
    SUBJECT_PRONOUNS,
    apposition,
    compound,
    gap,
    next_in_sentence,
    verb_with_subject,
)
from verhalen.ingest.privacy.hits import Hit
from verhalen.ingest.privacy.lexicon import NO_RANK, Lexicon, fold, get_lexicon, words

TOKEN = re.compile(r"(?:[A-ZÀ-Þ]\.){1,3}(?![\w])|[^\W\d_]+(?:(?:['’](?![sS](?!\w))|-)[^\W\d_]+)*")
POSSESSIVE = re.compile(r"['’][sS]?(?!\w)")  # 'Winta's', 'Yonas' ': not part of the name
COMMON_RANK = 200  # top-200 first or last name in some country ('Sara', 'Mohammed', 'Yilmaz')
LOWER_CASE_RANK = 1000  # a lower-case word after a cue is a name only when a frequent one ('zahra')
# a lower-case subject of a verb may be a rarer name ('ja xaliimo was er ook'); the names list's long tail
# holds words of every language
LOWER_CASE_SUBJECT_RANK = 3000
CLAUSE_OPENERS = words("ja nee nou en maar want dus of")  # before a subject, at a clause's start
PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-\d+)?\]")
_OPENING = re.compile(r"[.!?:;\"“”‘'(\[\n•…–—-]")
PARTICLES = words(
    "van de der den het ter ten te 't ’t la le el al ben bin bint ibn abu abd ould da dos das di du del "
    "della von zu mac"
)
# Words after which a capitalised (or lower-case known) word is a person.
CUES = words(
    """
    zoon zoontje dochter dochtertje kind kindje baby man vrouw echtgenoot echtgenote partner vriend
    vriendin vriendje vriendinnetje buurvrouw buurman buurjongen buurmeisje moeder vader mama papa
    broer broertje zus zusje neef nicht oom tante opa oma schoonmoeder schoonvader zwager schoonzus
    juf juffrouw meester mevrouw meneer mevr mw dhr mr dr drs ir prof heer tolk docent leerkracht
    mentor coach consulent begeleider hulpverlener wijkverpleegkundige verpleegkundige huisarts dokter
    collega klasgenoot klasgenootje vrijwilliger vrijwilligster stagiaire stagiair gastouder oppas
    heet heette noemt noemde genaamd oudste jongste
    familie fam gezin zonen dochters kinderen broers zussen kleinzoon kleindochter kleinkind neefje
    nichtje schoonzoon schoondochter schoonouders wijkagent conciërge directeur directrice logopedist
    logopediste fysiotherapeut jeugdarts schoolarts jeugdverpleegkundige verloskundige kraamverzorgster
    jongerenwerker buurtwerker opbouwwerker wijkcoach gezinscoach trainer trainster leidster ene zekere
    """
)
PLACE_WORDS = words("in uit naar vanuit richting via de het een")
PLACE_ONLY = words("in uit te vanuit")  # 'in Kabul', 'uit Aleppo', 'te Nador': a place, never a person
MONTHS = words("januari februari maart april mei juni juli augustus september oktober november december")
ABBREVIATIONS = words("mevr mw dhr dr drs mr ir prof mej hr st fam")
# Verbs after which a capitalised word is a person ('Tesfay vertaalt').
CUE_VERBS = words(
    """
    vertaalt vertaalde tolkt tolkte zei zegt vertelt vertelde vroeg vraagt belde belt appte appt
    schreef schrijft lachte lacht huilde huilt knikte antwoordde antwoordt legde legt hielp helpt
    """
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    opens_sentence: bool
    key: str  # ``fold`` of the text without a trailing '.'

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def initials(self) -> bool:
        return self.text.endswith(".")

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)


def tokens(text: str) -> list[Token]:
    """Word tokens outside placeholders, each marked when it opens a sentence (or a line, a quote)."""
    blocked = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    found: list[Token] = []
    previous_end = 0
    for match in TOKEN.finditer(text):
        if match.start() < previous_end or any(s <= match.start() < e for s, e in blocked):
            continue
        gap = text[previous_end : match.start()]
        opens = not found or bool(_OPENING.search(gap)) or "\n" in gap
        if found and found[-1].key in ABBREVIATIONS and gap.strip() == ".":
            opens = False  # 'mevr. Tesfaye', 'dr. Osei'
        word = match.group()
        found.append(Token(word, match.start(), match.end(), opens, fold(word.rstrip("."))))
        possessive = POSSESSIVE.match(text, match.end()) if match.group()[:1].isupper() else None
        previous_end = possessive.end() if possessive else match.end()
    return found


def _known(lex: Lexicon, word: str, possessive: bool = False) -> bool:
    """A known name, a hyphenated word with a known name after its first part, or (``possessive``) a
    known name with a genitive or plural 's' that is no Dutch word ('Ramsarans', not 'Engels')."""
    parts = [p for p in re.split(r"['’-]", word) if len(p) > 1]
    if lex.name_rank(word) < NO_RANK or any(
        lex.name_rank(p) < NO_RANK and fold(p) not in PARTICLES for p in parts[1:]
    ):
        return True
    stem = word[:-1]
    return (
        possessive
        and word.endswith("s")
        and len(stem) > 2
        and lex.name_rank(stem) < NO_RANK
        and not lex.is_dutch(word)
    )


def _possessive(words: Sequence[Token], k: int, lex: Lexicon) -> bool:
    """Where a word in 's' may be a name's genitive or a family's plural: before a lower-case word that
    is no stop word ('Tesfays fiets'), or after 'de' ('bij de Ramsarans'); not 'Wildlands in Emmen'."""
    after = words[k + 1] if k + 1 < len(words) and not words[k + 1].opens_sentence else None
    before = words[k - 1].key if k > 0 and not words[k].opens_sentence else ""
    return before == "de" or (after is not None and not after.capitalised and not lex.is_stop_word(after.key))


def _name_word(lex: Lexicon, token: Token, allow: frozenset[str]) -> bool:
    """Could be part of a name: capitalised, no acronym, no country/language/holiday, not allowed."""
    return (
        token.capitalised
        and not token.acronym
        and token.key not in allow
        and not any(lex.is_not_name(part) for part in re.split(r"['’-]", token.text) if part)
        and not any(fold(part) in allow for part in re.split(r"['’-]", token.text) if part)
        and not lex.is_stop_word(token.key)
        and token.key not in CUES
        and len(token.key) > 1
    )


def _runs(words: Sequence[Token], lex: Lexicon, allow: frozenset[str]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of name runs: initials, name words and particles between name words."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not (words[i].initials or _name_word(lex, words[i], allow)):
            i += 1
            continue
        j = i + 1
        while j < len(words) and not words[j].opens_sentence:
            if words[j].initials or _name_word(lex, words[j], allow) or _month_in_name(words, j, lex, allow):
                j += 1
                continue
            k = j
            while k < len(words) and words[k].key in PARTICLES and not words[k].opens_sentence:
                k += 1
            if k > j and k < len(words) and _name_word(lex, words[k], allow) and not words[k].opens_sentence:
                j = k + 1
                continue
            break
        if all(w.initials for w in words[i:j]):  # initials alone ('A.') are no name
            i = j
            continue
        runs.append((i, j))
        i = j
    return runs


def _month_in_name(words: Sequence[Token], j: int, lex: Lexicon, allow: frozenset[str]) -> bool:
    """A capitalised month right after a name word is a name too ('Chen Mei'; Dutch months are lower
    case)."""
    word, previous = words[j], words[j - 1]
    return (
        word.capitalised and word.key in MONTHS and not previous.initials and _name_word(lex, previous, allow)
    )


def _subject_name(text: str, words: Sequence[Token], i: int, lex: Lexicon) -> bool:
    """A single word opening a sentence as a subject ('Jurvenska werkt', 'Jurvenska, die ...') that is
    no Dutch word or compound, or a frequent name that is Dutch only as a rare verb ('Plamen')."""
    word = words[i]
    if not (verb_with_subject(text, words, i + 1, lex) or apposition(text, words, i + 1, CUES)):
        return False
    if len(word.key) < 3 or not word.text[1:].islower():  # not 'CenteringParenting', 'Al-Amal'
        return False
    if not lex.is_dutch(word.text):
        return not compound(lex, word.text)
    return lex.name_rank(word.text) <= COMMON_RANK and lex.is_verb_only(word.text)


def _is_person(text: str, words: Sequence[Token], i: int, j: int, lex: Lexicon) -> bool:
    indices = [k for k in range(i, j) if not words[k].initials and words[k].key not in PARTICLES]
    run = [words[k] for k in indices]
    before = words[i - 1].key if i > 0 and not words[i].opens_sentence else ""
    after = words[j].key if j < len(words) and not words[j].opens_sentence else ""
    if before in CUES or words[i].initials:
        return True
    then = next_in_sentence(words, j + 1) if after else None
    inverted = then is not None and then.key in SUBJECT_PRONOUNS
    quote = bool(after) and (gap(text, words, j) != "" or inverted)  # 'X, zei ze', 'X zei ik'
    if after in CUE_VERBS and not quote and not all(lex.is_dutch(w.text, nouns=False) for w in run):
        return True
    known = [_known(lex, words[k].text, _possessive(words, k, lex)) for k in indices]
    dutch = [lex.is_dutch(w.text) for w in run]
    opens = words[i].opens_sentence
    if len(run) >= 2:
        if not opens:
            return any(known) or not all(dutch)
        core = [lex.is_dutch(w.text, nouns=False) for w in run]
        return (any(known) and not all(core)) or not any(dutch)
    if not opens:
        # 'uit Aleppo', 'het Borgerswoldmeer': an unknown word after a place preposition or an article
        # is a place or a thing; deduce knows the Dutch places
        return known[0] or (not dutch[0] and before not in PLACE_WORDS)
    # A sentence opener: a known name that is no Dutch word; a Dutch noun only when a very common name;
    # else the subject of the verb after it that is no Dutch word
    if known[0] and not lex.is_dutch(run[0].text, nouns=False) and (not dutch[0] or _common(lex, run[0])):
        return True
    return len(indices) == 1 and indices[0] == i and _subject_name(text, words, i, lex)


def _common(lex: Lexicon, word: Token) -> bool:
    return lex.name_rank(word.text) <= COMMON_RANK


def _lower_name(lex: Lexicon, word: Token | None, allow: frozenset[str]) -> bool:
    """A lower-case frequent name that is no Dutch word ('zahra', not 'roos' or 'mazen')."""
    return (
        word is not None
        and not word.capitalised
        and word.key not in allow
        and lex.name_rank(word.text) <= LOWER_CASE_RANK
        and not lex.is_dutch(word.text)
        and not lex.is_not_name(word.text)
        and not lex.is_stop_word(word.key)
    )


def _foreign(lex: Lexicon, word: Token | None) -> bool:
    """A lower-case word that is no Dutch word ('sabah al-khair', 'inshallah'): a foreign phrase."""
    return word is not None and not word.capitalised and len(word.key) > 2 and not lex.is_dutch(word.text)


def _lower_subject(text: str, words: Sequence[Token], i: int, lex: Lexicon, allow: frozenset[str]) -> bool:
    """A lower-case known name that is no Dutch word (nor a very rare name) as the subject of the verb after
    it, at the start of a clause ('ja xaliimo was er ook', 'en xaliimo belde')."""
    word = words[i]
    before = words[i - 1] if i > 0 and not word.opens_sentence else None
    return (
        not word.capitalised
        and len(word.key) > 3
        and word.key not in allow
        and lex.name_rank(word.text) <= LOWER_CASE_SUBJECT_RANK
        and not lex.is_dutch(word.text)
        and not lex.is_not_name(word.text)
        and not lex.is_stop_word(word.key)
        and (before is None or before.key in CLAUSE_OPENERS)
        and verb_with_subject(text, words, i + 1, lex)
    )


def _lower_case_names(text: str, words: Sequence[Token], lex: Lexicon, allow: frozenset[str]) -> list[Hit]:
    """Lower-case names: after a cue ('mijn zoon ahmed'); with four letters or more also before a cue
    verb ('ahmed zei'), joined by 'en' to another name ('tigist en ngozi') or, when very common, anywhere
    ('ik en rakesh'), unless a neighbour is another foreign word ('sabah al-khair'); a rarer one as the
    subject of a verb at a clause's start (``_lower_subject``)."""

    sentence = list(itertools.accumulate(w.opens_sentence for w in words))

    def at(k: int, i: int) -> Token | None:  # the word at k, when in the same sentence as the word at i
        return words[k] if 0 <= k < len(words) and sentence[k] == sentence[i] else None

    found = []
    for i, word in enumerate(words):
        if _lower_subject(text, words, i, lex, allow):
            found.append(Hit(word.text, "persoon", word.start, word.end))
            continue
        if not _lower_name(lex, word, allow):
            continue
        before, after = at(i - 1, i), at(i + 1, i)
        if before is not None and before.key in CUES:
            found.append(Hit(word.text, "persoon", word.start, word.end))
            continue
        if len(word.key) < 4 or _foreign(lex, before) or _foreign(lex, after):
            continue
        joined = [
            at(k, i) for k, link in ((i - 2, before), (i + 2, after)) if link is not None and link.key == "en"
        ]
        if (
            lex.name_rank(word.text) <= COMMON_RANK
            or (after is not None and after.key in CUE_VERBS)
            or any(
                _lower_name(lex, other, allow)
                or (
                    other is not None
                    and other.capitalised
                    and _known(lex, other.text)
                    and not lex.is_dutch(other.text)
                )
                for other in joined
            )
        ):
            found.append(Hit(word.text, "persoon", word.start, word.end))
    return found


def person_hits(text: str, allow: frozenset[str] = frozenset()) -> list[Hit]:
    """Person names in ``text``; ``allow`` holds folded words that are never flagged ('huiskamer')."""
    lex = get_lexicon()
    words = tokens(text)
    found = _lower_case_names(text, words, lex, allow)
    for i, j in _runs(words, lex, allow):
        if _is_person(text, words, i, j, lex):
            start, end = words[i].start, words[j - 1].end
            place = i > 0 and not words[i].opens_sentence and words[i - 1].key in PLACE_ONLY
            found.append(Hit(text[start:end], "locatie" if place else "persoon", start, end))
    return found + _months_as_names(text, words, found)


def _months_as_names(text: str, words: Sequence[Token], found: Sequence[Hit]) -> list[Hit]:
    """A capitalised month inside a sentence joined by 'en' to a name is a name too ('Linh en Mei',
    'Juni en Tesfay'; Dutch months are lower case), unless a number stands next to it ('7 Mei 2020')."""
    starts = {h.start for h in found if h.label == "persoon"}
    months = []
    for k, word in enumerate(words):
        if not word.capitalised or word.key not in MONTHS or word.opens_sentence:
            continue
        if re.search(r"\d\s*$", text[: word.start]) or re.match(r"\s*\d", text[word.end :]):
            continue
        for link, other in ((k - 1, k - 2), (k + 1, k + 2)):
            if not 0 <= other < len(words) or words[link].key != "en":
                continue
            between = range(min(k, other) + 1, max(k, other) + 1)
            if not any(words[m].opens_sentence for m in between) and words[other].start in starts:
                months.append(Hit(word.text, "persoon", word.start, word.end))
                break
    return months


def name_words(hit_text: str) -> list[str]:
    """The words of a person hit worth finding again on their own ('Tesfay' of 'Tesfay Gebremedhin')."""
    return [
        w
        for w in TOKEN.findall(hit_text)
        if not w.endswith(".") and fold(w) not in PARTICLES and len(w) > 2 and w[:1].isupper()
    ]
