"""Person names of every origin, found by context rather than by a bare word list.

A run is a sequence of capitalised words (with name particles such as 'van der', 'el', 'bin' and
initials such as 'J.P.' between or before them). A run is a person when one of these holds:

- a cue stands before it: 'mijn zoon X', 'buurvrouw X', 'mevrouw X', 'dhr. X', 'juf X', 'heet X';
- a cue verb follows it: 'X vertaalt', 'X zei', 'X vertelde';
- it starts with initials ('A. Yilmaz') or has two or more name words ('Tesfay Gebremedhin');
- it stands mid-sentence (Dutch capitalises little else there) and is a known name (names-dataset,
  105 countries) or no Dutch word at all;
- it opens a sentence and is a known name that is no Dutch word ('Oleksandr kwam', not 'Soms', 'Wij').

Words that are never names here (countries, languages, nationalities, holidays, apps, acronyms such
as 'GGD') end a run. After a cue a lower-case known name counts too ('mijn zoon ahmed').
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from verhalen.ingest.privacy.hits import Hit
from verhalen.ingest.privacy.lexicon import NO_RANK, Lexicon, fold, get_lexicon, words

TOKEN = re.compile(r"(?:[A-ZÀ-Þ]\.){1,3}(?![\w])|[^\W\d_]+(?:['’-][^\W\d_]+)*")
COMMON_RANK = 200  # top-200 first or last name in some country ('Sara', 'Mohammed', 'Yilmaz')
LOWER_CASE_RANK = 1000  # a lower-case word after a cue is a name only when a frequent one ('zahra')
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
    heet heette noemt noemde genaamd
    """
)
PLACE_WORDS = words("in uit naar vanuit richting via de het een")
ABBREVIATIONS = words("mevr mw dhr dr drs mr ir prof mej hr st")
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

    @property
    def key(self) -> str:
        return fold(self.text.rstrip("."))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS)


def tokens(text: str) -> list[Token]:
    """Word tokens outside placeholders, each marked when it opens a sentence (or a line, a quote)."""
    blocked = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    found: list[Token] = []
    previous_end = 0
    for match in TOKEN.finditer(text):
        if any(s <= match.start() < e for s, e in blocked):
            continue
        gap = text[previous_end : match.start()]
        opens = not found or bool(_OPENING.search(gap)) or "\n" in gap
        if found and found[-1].key in ABBREVIATIONS and gap.strip() == ".":
            opens = False  # 'mevr. Tesfaye', 'dr. Osei'
        found.append(Token(match.group(), match.start(), match.end(), opens))
        previous_end = match.end()
    return found


def _known(lex: Lexicon, word: str) -> bool:
    parts = [p for p in re.split(r"['’-]", word) if len(p) > 1]
    return lex.name_rank(word) < NO_RANK or any(
        lex.name_rank(p) < NO_RANK and fold(p) not in PARTICLES for p in parts[1:]
    )


def _name_word(lex: Lexicon, token: Token, allow: frozenset[str]) -> bool:
    """Could be part of a name: capitalised, no acronym, no country/language/holiday, not allowed."""
    return (
        token.capitalised
        and not token.acronym
        and token.key not in allow
        and not any(lex.is_not_name(part) for part in re.split(r"['’-]", token.text) if part)
        and not any(fold(part) in allow for part in re.split(r"['’-]", token.text) if part)
        and token.key not in _stop_words()
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
            if words[j].initials or _name_word(lex, words[j], allow):
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


def _is_person(words: Sequence[Token], i: int, j: int, lex: Lexicon) -> bool:
    run = [w for w in words[i:j] if not w.initials and w.key not in PARTICLES]
    before = words[i - 1].key if i > 0 and not words[i].opens_sentence else ""
    after = words[j].key if j < len(words) and not words[j].opens_sentence else ""
    if before in CUES or words[i].initials:
        return True
    if after in CUE_VERBS and not all(lex.is_dutch(w.text, nouns=False) for w in run):
        return True
    known = [_known(lex, w.text) for w in run]
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
    # A sentence opener: a known name that is no Dutch word; a Dutch noun only when a very common name.
    return known[0] and not lex.is_dutch(run[0].text, nouns=False) and (not dutch[0] or _common(lex, run[0]))


def _common(lex: Lexicon, word: Token) -> bool:
    return lex.name_rank(word.text) <= COMMON_RANK


def _lower_after_cue(words: Sequence[Token], lex: Lexicon, allow: frozenset[str]) -> list[Hit]:
    """'mijn zoon ahmed': a lower-case known name that is no Dutch word, right after a cue."""
    found = []
    for previous, word in itertools.pairwise(words):
        if (
            previous.key in CUES
            and not word.capitalised
            and not word.opens_sentence
            and word.key not in allow
            and lex.name_rank(word.text) <= LOWER_CASE_RANK
            and not lex.is_dutch(word.text)
            and not lex.is_not_name(word.text)
        ):
            found.append(Hit(word.text, "persoon", word.start, word.end))
    return found


def person_hits(text: str, allow: frozenset[str] = frozenset()) -> list[Hit]:
    """Person names in ``text``; ``allow`` holds folded words that are never flagged ('huiskamer')."""
    lex = get_lexicon()
    words = tokens(text)
    found = _lower_after_cue(words, lex, allow)
    for i, j in _runs(words, lex, allow):
        if _is_person(words, i, j, lex):
            start, end = words[i].start, words[j - 1].end
            found.append(Hit(text[start:end], "persoon", start, end))
    return found


def name_words(hit_text: str) -> list[str]:
    """The words of a person hit worth finding again on their own ('Tesfay' of 'Tesfay Gebremedhin')."""
    return [
        w
        for w in TOKEN.findall(hit_text)
        if not w.endswith(".") and fold(w) not in PARTICLES and len(w) > 2 and w[:1].isupper()
    ]
