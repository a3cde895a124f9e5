"""Word lists behind the name detector, compacted once into a small cache file.

- **Names**: every first and last name that ``names-dataset`` ranks in any of its 105 countries
  (about 1.4 million single-word names from Syria to Suriname). Loading the package's own pickles takes
  ~16 s and ~1.9 GB; the cache keeps only a 64-bit hash and the best rank per name (~15 MB on disk,
  loaded in well under a second) and is built once, at install time by ``verhalen.warmup`` or lazily by
  the first scan that needs it.
- **Dutch words**: spaCy's Dutch lookup lemma table (forms and lemmas), spaCy's and deduce's stop words
  and deduce's common words: a capitalised word at the start of a sentence ('Soms', 'Wij') is a name
  only when it is not an ordinary Dutch word. spaCy's stop words are also kept apart (``stop``), so that
  a scan never imports spaCy (and with it torch: seconds on the first scan), and so are deduce's common
  words (``common``: attested frequent words such as 'zomer', 'mooi', where the lemma table's derived
  forms also hold oddities such as 'geertje').
- **Verbs**: finite verb forms (spaCy's lookup and exception tables and its lemma rules applied to
  the verb lemmas, without forms in -en and without stop words, plus the frequent auxiliaries), so that
  'Plamen zegt' reads as a subject and its verb; and infinitives that are no noun or adjective
  nor a form of one (``verb_only``: 'plamen', not 'bakken'), rare Dutch words that are also names.
- **Not names**: countries and languages (pycountry, in Dutch and English), Dutch place names (deduce),
  and a short list of capitalised words of this field (nationalities, holidays, organisations).

The cache lives in ``$VERHALEN_NAMES_CACHE`` or ``~/.cache/verhalen/names`` (``$XDG_CACHE_HOME``).
"""

from __future__ import annotations

import gettext
import gzip
import hashlib
import json
import logging
import os
import pickle
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_LEXICON: Lexicon | None = None
NO_RANK = 65535


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# Capitalised in Dutch but no person: nationalities and languages of the families in these studies,
# holidays, faiths, services and apps that parents mention. Lower case, accents stripped.
NOT_NAMES = words(
    """
    nederlands nederlandse nederlander nederlanders hollands hollandse fries friese groninger groningse
    drents drentse arabisch arabische arabier arabieren syrisch syrische syriers eritrees eritrese eritreeer
    eritreeers tigrinya tigrinia tigre amhaars somalisch somalische somaliers oekraiens oekraiense
    oekraieners russisch russische afghaans afghaanse afghanen dari pashtoe pashto perzisch farsi turks
    turkse turken koerdisch koerdische koerden marokkaans marokkaanse marokkanen berber berbers tamazight
    pools poolse polen surinaams surinaamse surinamers sranantongo sranan antilliaans antilliaanse
    antillianen papiaments caribisch caribische engels engelse duits duitse frans franse spaans spaanse
    islam islamitisch islamitische moslim moslims christelijk christelijke christen christenen katholiek
    katholieke protestants protestantse koran bijbel god allah jezus ramadan suikerfeest offerfeest
    kerst kerstmis pasen pinksteren sinterklaas koningsdag
    whatsapp facebook instagram tiktok youtube google snapchat zoom teams lego mcdonalds albert heijn
    jumbo lidl aldi action hema kruidvat corona covid
    ggd cjg vve wij ind coa azc uwv svb duo bso kdv obs cbs pcbs ikc mbo hbo vmbo havo vwo isk
    vluchtelingenwerk humanitas leergeld jeugdzorg veilig thuis leger heils rode kruis kringloop
    kringloopwinkel voedselbank kinderbescherming raad bescherming
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    school basisschool college lyceum gymnasium academie centrum kindcentrum wijkcentrum
    """
)
# Finite forms that are stop words (and so left out of the generated list) or irregular.
AUXILIARIES = words(
    """
    is was heeft had hebt kan kon wil wilde wou moet moest mag mocht zal zou wordt werd gaat ging komt kwam
    doet deed zegt zei weet wist ziet zag staat stond zit zat ligt lag blijft bleef krijgt kreeg geeft gaf
    neemt nam vindt vond houdt hield laat liet brengt bracht denkt dacht loopt liep spreekt sprak
    """
)
# Frequent sentence openers missing from the lemma table (it lists inflected forms and their lemmas).
DUTCH_EXTRA = words(
    """
    soms samen gisteren vandaag morgen eerst daarna daarnaast daarom dus toen nu straks later vroeger
    eigenlijk gelukkig helaas inmiddels intussen meestal vaak nooit altijd ook maar want omdat toch wel
    misschien natuurlijk trouwens sindsdien vorige volgende elke iedere iedereen niemand sommige andere
    hoi hallo dag ja nee oke ok oh nou eh ehm hm haha erin eruit erop eraan goed fijn mooi ochtends
    middags avonds overdag thuis buiten binnen niks niets naderhand achteraf
    vervolgens uiteindelijk ondertussen tenslotte
    mama papa oma opa juf meester tante oom moeder vader zoon dochter zus broer buurvrouw buurman
    """
)


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case- and accent-insensitive key: 'Yılmaz', 'YILMAZ' and 'Yilmaz' meet."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _hash(words: list[str]) -> npt.NDArray[np.uint64]:
    digests = [hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest() for w in words]
    return np.frombuffer(b"".join(digests), dtype="<u8").astype(np.uint64)


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> np.uint64:
    return np.uint64(_hash([word])[0])


def _sorted_unique(words: set[str]) -> npt.NDArray[np.uint64]:
    return np.unique(_hash(sorted(words)))


@dataclass(frozen=True)
class Lexicon:
    """Sorted hash arrays: names (with best rank, 1 = most frequent), Dutch words, non-names."""

    name_hashes: npt.NDArray[np.uint64]
    name_ranks: npt.NDArray[np.uint16]
    dutch: npt.NDArray[np.uint64]
    nouns: npt.NDArray[np.uint64]
    not_names: npt.NDArray[np.uint64]
    stop: npt.NDArray[np.uint64]
    common: npt.NDArray[np.uint64]
    finite: npt.NDArray[np.uint64]
    verb_only: npt.NDArray[np.uint64]
    # (array name, folded word) → index: a scan asks about the same words again and again
    memo: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)

    def _member(self, table: str, word: str) -> int:
        """Index of ``word``'s hash in the array named ``table``, or -1."""
        found = self.memo.get((table, word))
        if found is None:
            array = getattr(self, table)
            key = _word_hash(word)
            i = int(np.searchsorted(array, key))
            found = i if i < len(array) and array[i] == key else -1
            if len(self.memo) > 1 << 18:
                self.memo.clear()
            self.memo[(table, word)] = found
        return found

    def name_rank(self, word: str) -> int:
        """Best rank of ``word`` as a first or last name in any country; ``NO_RANK`` when none."""
        i = self._member("name_hashes", fold(word))
        return NO_RANK if i < 0 else int(self.name_ranks[i])

    def is_dutch(self, word: str, nouns: bool = True) -> bool:
        """An ordinary Dutch word; with ``nouns=False`` only function words, verbs, adjectives and the
        forms in the lemma table (the noun list also holds 'sara' and 'mohammed')."""
        folded = fold(word)
        if folded in DUTCH_EXTRA or self._member("dutch", folded) >= 0:
            return True
        return nouns and self._member("nouns", folded) >= 0

    def is_not_name(self, word: str) -> bool:
        folded = fold(word)
        return folded in NOT_NAMES or self._member("not_names", folded) >= 0

    def is_stop_word(self, word: str) -> bool:
        """One of spaCy's Dutch stop words ('de', 'wij', 'zelf')."""
        return self._member("stop", fold(word)) >= 0

    def is_finite_verb(self, word: str) -> bool:
        """A finite verb form ('zegt', 'belde', 'heeft', 'werk'), possibly also another word."""
        folded = fold(word)
        return folded in AUXILIARIES or self._member("finite", folded) >= 0

    def is_verb_only(self, word: str) -> bool:
        """An infinitive that is no noun, adjective or frequent word ('plamen'; not 'bakken', 'koken')."""
        folded = fold(word)
        return self._member("verb_only", folded) >= 0 and not self.is_common_word(folded)

    def is_common_word(self, word: str) -> bool:
        """A frequent Dutch word: a stop word, one of deduce's common words or of ``DUTCH_EXTRA``."""
        folded = fold(word)
        listed = self._member("common", folded) >= 0 or self._member("stop", folded) >= 0
        return folded in DUTCH_EXTRA or listed


# ---------------------------------------------------------------- building


def cache_file() -> Path:
    version = metadata.version("names-dataset")
    configured = os.environ.get("VERHALEN_NAMES_CACHE")
    base = (
        Path(configured)
        if configured
        else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "verhalen" / "names"
    )
    return base / f"lexicon-nd{version}-v5.npz"


def _names() -> dict[str, int]:
    """Single-word names (folded) → best rank over countries and over first/last names."""
    import names_dataset

    folder = Path(names_dataset.__file__).parent / "v3"
    best: dict[str, int] = {}
    for part in ("first_names", "last_names"):
        with gzip.open(folder / f"{part}.pkl.gz", "rb") as handle:
            table = pickle.load(handle)  # the package's own data file
        for name, info in table.items():
            ranks = info.get("rank") or {}
            if not ranks or " " in name.strip():
                continue
            key = fold(name.strip())
            rank = min(int(r) for r in ranks.values())
            if len(key) > 1 and rank < best.get(key, NO_RANK):
                best[key] = min(rank, NO_RANK - 1)
        del table
    return best


def _spacy_table(name: str) -> dict[str, Any]:
    path = resources.files("spacy_lookups_data") / "data" / f"nl_lemma_{name}.json.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        table: dict[str, Any] = json.load(handle)
    return table


def _forms(lemmas: list[str], rules: list[list[str]]) -> set[str]:
    """Lemmas with the inflected forms spaCy's lemma rules map back to them ('gaan' → 'gaat')."""
    forms = set(lemmas)
    for lemma in lemmas:
        forms.update(lemma[: len(lemma) - len(new)] + old for old, new in rules if lemma.endswith(new))
    return forms


def _dutch_words() -> tuple[set[str], set[str]]:
    """(function words, verbs, adjectives and listed forms; nouns and their forms), folded."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    core = {fold(w) for w in STOP_WORDS}
    core.update(fold(w) for pair in _spacy_table("lookup").items() for w in pair if w.isalpha())
    index, rules, exceptions = _spacy_table("index"), _spacy_table("rules"), _spacy_table("exc")
    for pos, lemmas in index.items():
        if pos != "noun":
            core.update(fold(w) for w in _forms(lemmas, rules.get(pos, [])))
    for table in exceptions.values():
        core.update(fold(w) for w in table)
    for listing in ("lst_common_word", "lst_stop_word"):
        core.update(fold(w) for w in _deduce_list("whitelist", listing))
    nouns = {fold(w) for w in _forms(index.get("noun", []), rules.get("noun", []))}
    return core, nouns


def _verbs() -> tuple[set[str], set[str]]:
    """(finite verb forms, infinitives that are no noun or adjective), folded. Forms in -en (infinitives,
    plurals, participles) and stop words ('de', 'niet': also stems of 'nieten') are left out of the first."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    index, rules, exceptions = _spacy_table("index"), _spacy_table("rules"), _spacy_table("exc")
    lemmas = set(index.get("verb", []))
    forms = {form for form, lemma in _spacy_table("lookup").items() if lemma in lemmas and form != lemma}
    forms |= set(exceptions.get("verb", {})) | _forms(sorted(lemmas), rules.get("verb", []))
    stop = {fold(w) for w in STOP_WORDS}
    finite = {fold(f) for f in forms if f.isalpha() and not f.endswith("en") and fold(f) not in stop}
    other = set()  # nouns and adjectives with their forms: 'bakken' (bak), 'lange' (lang)
    for pos in ("noun", "adj"):
        other |= _forms(index.get(pos, []), rules.get(pos, [])) | set(exceptions.get(pos, {}))
    only = {fold(w) for w in lemmas - other if w.isalpha() and w.endswith("en")}
    return finite, only - {fold(w) for w in _deduce_list("whitelist", "lst_common_word")}


def _deduce_list(*parts: str) -> list[str]:
    try:
        base = resources.files("deduce") / "data" / "lookup" / "src"
    except ModuleNotFoundError:
        return []
    found: list[str] = []
    stack = [base.joinpath(*parts)]
    while stack:
        node = stack.pop()
        if node.is_dir():
            stack.extend(node.iterdir())
        elif node.name == "items.txt":
            found.extend(line.strip() for line in node.read_text("utf-8").splitlines() if line.strip())
    return found


def _not_names() -> set[str]:
    import pycountry

    words: set[str] = set()
    languages = [language for language in pycountry.languages if hasattr(language, "alpha_2")]
    for domain, items in (("iso3166-1", list(pycountry.countries)), ("iso639-3", languages)):
        translation = gettext.translation(domain, pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
        for item in items:
            for name in (item.name, translation.gettext(item.name)):
                words.update(fold(w) for w in name.replace(",", " ").split() if len(w) > 2)
    places = _deduce_list("locations", "lst_placename")
    words.update(fold(p) for p in places if " " not in p)
    return words


def _stop_words() -> set[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return {fold(w) for w in STOP_WORDS}


def build() -> Lexicon:
    names = _names()
    keys = sorted(names)
    hashes = _hash(keys)
    order = np.argsort(hashes)
    ranks = np.array([names[k] for k in keys], dtype=np.uint16)[order]
    dutch, nouns = _dutch_words()
    finite, verb_only = _verbs()
    return Lexicon(
        name_hashes=hashes[order],
        name_ranks=ranks,
        dutch=_sorted_unique(dutch),
        nouns=_sorted_unique(nouns - dutch),
        not_names=_sorted_unique(_not_names()),
        stop=_sorted_unique(_stop_words()),
        common=_sorted_unique({fold(w) for w in _deduce_list("whitelist", "lst_common_word")}),
        finite=_sorted_unique(finite),
        verb_only=_sorted_unique(verb_only),
    )


def _save(lexicon: Lexicon, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
    np.savez(
        tmp,
        name_hashes=lexicon.name_hashes,
        name_ranks=lexicon.name_ranks,
        dutch=lexicon.dutch,
        nouns=lexicon.nouns,
        not_names=lexicon.not_names,
        stop=lexicon.stop,
        common=lexicon.common,
        finite=lexicon.finite,
        verb_only=lexicon.verb_only,
    )
    tmp.replace(path)


def _load(path: Path) -> Lexicon:
    with np.load(path) as data:
        return Lexicon(
            name_hashes=data["name_hashes"],
            name_ranks=data["name_ranks"],
            dutch=data["dutch"],
            nouns=data["nouns"],
            not_names=data["not_names"],
            stop=data["stop"],
            common=data["common"],
            finite=data["finite"],
            verb_only=data["verb_only"],
        )


def get_lexicon() -> Lexicon:
    """The process-wide lexicon: from the cache file, built (and saved) first when missing."""
    global _LEXICON
    with _LOCK:
        if _LEXICON is None:
            path = cache_file()
            try:
                _LEXICON = _load(path)
            except (OSError, ValueError, KeyError):
                _LOG.info("namenlijst opbouwen (eenmalig, ~20 s) in %s", path)
                _LEXICON = build()
                try:
                    _save(_LEXICON, path)
                except OSError as exc:  # read-only home: keep it in memory for this process
                    _LOG.warning("namenlijst niet bewaard in %s: %s", path, exc)
        return _LEXICON
