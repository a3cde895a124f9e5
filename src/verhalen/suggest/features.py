"""Lexical side of the suggester: light Dutch stemming and codebook signal matching.

spaCy's blank lookup lemmatiser leaves many forms alone ('vond', 'past', 'kinderen'), so every
lemma is also passed through a small rule stemmer (irregular past tenses, diminutives, verb and
plural endings, doubled letters). Signals and fragments go through the same function, so the
match only needs to be consistent, not linguistically exact.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from verhalen.domain import Code, Codebook
from verhalen.suggest.embeddings import Matrix

Array = npt.NDArray[np.float64]

STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "in",
        "op",
        "aan",
        "van",
        "voor",
        "met",
        "bij",
        "te",
        "je",
        "ik",
        "ze",
        "zij",
        "wij",
        "we",
        "hij",
        "er",
        "dat",
        "die",
        "dit",
        "is",
        "zijn",
        "niet",
        "geen",
        "wel",
        "ook",
        "als",
        "om",
        "tot",
        "naar",
        "uit",
        "over",
        "dan",
        "nog",
        "maar",
        "zo",
        "heel",
        "even",
    ]
)
# Words dropped from multi-word signals ('op de stoep staan' -> stoep + staan).
SIGNAL_FILLERS = frozenset(
    ["de", "het", "een", "te", "van", "je", "zijn", "iets", "iemand", "op", "aan", "in"]
)
# Past tenses and a few frequent forms the lookup table misses -> present stem.
IRREGULAR = {
    "vond": "vind",
    "vonden": "vind",
    "zag": "zie",
    "zagen": "zie",
    "ging": "ga",
    "gingen": "ga",
    "kwam": "kom",
    "kwamen": "kom",
    "nam": "neem",
    "namen": "neem",
    "gaf": "geef",
    "gaven": "geef",
    "las": "lees",
    "sprak": "spreek",
    "hielp": "help",
    "hielpen": "help",
    "geholpen": "help",
    "liep": "loop",
    "liepen": "loop",
    "keek": "kijk",
    "keken": "kijk",
    "dacht": "denk",
    "dachten": "denk",
    "bracht": "breng",
    "gebracht": "breng",
    "zat": "zit",
    "zaten": "zit",
    "lag": "lig",
    "stond": "sta",
    "stonden": "sta",
    "wist": "weet",
    "zei": "zeg",
    "zeiden": "zeg",
    "deed": "doe",
    "deden": "doe",
    "vroeg": "vraag",
    "vroegen": "vraag",
    "durfde": "durf",
    "lachten": "lach",
    "kinderen": "kind",
    "kids": "kind",
    "mama": "moeder",
    "moeders": "moeder",
    "mam": "moeder",
    "gelachen": "lach",
    "geleerd": "leer",
    "gekookt": "kook",
    "gegeven": "geef",
    "gezien": "zie",
    "vier": "vier#",
    "vierde": "vier#",
}
_DOUBLE_VOWEL = re.compile(r"([aeou])\1")
_DOUBLE_CONSONANT = re.compile(r"([bdfgklmnprst])\1$")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_SUFFIXES = (
    ("heden", 3),
    ("ingen", 3),
    ("ing", 3),
    ("de", 3),
    ("te", 3),
    ("en", 3),
    ("es", 4),
    ("e", 3),
    ("t", 5),
    ("s", 5),
)


def _strip_suffix(word: str) -> str:
    for suffix in ("etjes", "etje", "tjes", "tje", "jes", "je"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return word if base in STOPWORDS else base
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[:-5] + "heid" if suffix == "heden" else word[: -len(suffix)]
    return word


def stem(word: str) -> str:
    """Crude but consistent Dutch stem: 'luisterde' -> 'luister', 'oppassen' -> 'opas'."""
    folded = _fold(word)
    folded = IRREGULAR.get(folded, folded)
    if len(folded) <= 3:
        return folded
    base = _strip_suffix(folded)
    base = _DOUBLE_CONSONANT.sub(r"\1", base)
    base = _DOUBLE_VOWEL.sub(r"\1", base)
    if base.endswith("v"):
        base = base[:-1] + "f"
    elif base.endswith("z"):
        base = base[:-1] + "s"
    return base


def stems_of(lemma_lists: Iterable[Sequence[str]]) -> list[tuple[str, ...]]:
    return [tuple(stem(lemma) for lemma in lemmas) for lemmas in lemma_lists]


_ALPHA = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _lookup_table() -> Any:
    """spaCy's lemma lookup table when the pipeline lemmatises by lookup (the blank Dutch one)."""
    from verhalen.ingest.segment import nlp

    pipe = nlp()
    if "lemmatizer" not in pipe.pipe_names or "tagger" in pipe.pipe_names:
        return None
    lemmatizer: Any = pipe.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", "") != "lookup":
        return None
    return lemmatizer.lookups.get_table("lemma_lookup")


def lemmatise(texts: Sequence[str]) -> list[list[str]]:
    """Lower-case lemmas of the alphabetic words of every text.

    With the lookup lemmatiser this is a dictionary look-up per word (no spaCy Doc objects, about
    twenty times faster); a trained pipeline (nl_core_news_sm) runs in full.
    """
    table = _lookup_table()
    if table is not None:
        return [[str(table.get(w, w)) for w in _ALPHA.findall(text.lower())] for text in texts]
    from verhalen.ingest.segment import nlp

    docs = nlp().pipe(texts, batch_size=256)
    return [[(t.lemma_ or t.text).lower() for t in doc if t.is_alpha] for doc in docs]


def _stems_in_token(token: str, stems: frozenset[str], heads: bool = True) -> set[str]:
    """Signal stems found in one token: whole, as a prefix (compound modifier, inflection), for stems of
    five letters or more anywhere inside a compound ('opvoedthema' holds 'thema'), and shorter stems as
    the compound's head at its end ('opvoedtips' holds 'tip')."""
    found = {token} & stems
    for end in range(3, len(token)):
        prefix = token[:end]
        if prefix in stems and (end >= 4 or len(token) <= 5):
            found.add(prefix)
    for start in range(1, len(token) - 4):
        for end in range(start + 5, len(token) + 1):
            if token[start:end] in stems:
                found.add(token[start:end])
    # A Dutch compound's head comes last ('vaktip', 'opvoedtip' end in 'tip'): a stem of three or four
    # letters also counts at the end of a token, when what is before it is a word-sized modifier.
    for start in range(3, len(token) - 2) if heads else ():
        if token[start:] in stems and len(token) - start <= 4:
            found.add(token[start:])
    return found


@dataclass(frozen=True)
class Signal:
    code: str
    text: str
    stems: frozenset[str]


def signal_stems(text: str) -> frozenset[str]:
    words = [w for w in re.findall(r"\w+", text.lower()) if w]
    content = [w for w in words if w not in SIGNAL_FILLERS] or words
    return frozenset(stem(w) for w in content)


class SignalIndex:
    """The codebook's signal words per top-level code, ready to match stemmed fragments.

    A multi-word signal matches when all its content stems occur in the fragment.
    """

    def __init__(self, codebook: Codebook, compound_heads: bool = True) -> None:
        self.compound_heads = compound_heads  # short signal stems also match at a compound's end
        self.codes: tuple[str, ...] = tuple(c.id for c in codebook.factors)
        self.signals: tuple[tuple[Signal, ...], ...] = tuple(
            tuple(Signal(c.id, s, signal_stems(s)) for s in _all_signals(codebook, c))
            for c in codebook.factors
        )
        self._stems = frozenset(s for signals in self.signals for sig in signals for s in sig.stems)
        self._memo: dict[str, frozenset[str]] = {}

    def _found(self, token: str) -> frozenset[str]:
        hit = self._memo.get(token)
        if hit is None:
            hit = frozenset(_stems_in_token(token, self._stems, self.compound_heads))
            self._memo[token] = hit
        return hit

    def match(self, tokens: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """Matched signal texts per code, in codebook order of codes."""
        present: set[str] = set()
        for token in set(tokens):
            present |= self._found(token)
        return tuple(
            tuple(sig.text for sig in signals if sig.stems and sig.stems <= present)
            for signals in self.signals
        )


def _all_signals(codebook: Codebook, code: Code) -> tuple[str, ...]:
    extra = [s for child in codebook.children(code.id) for s in child.signals]
    return tuple(dict.fromkeys([*code.signals, *extra]))


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.;:!?])\s+", text.strip())
    return [p.strip() for p in parts if len(p.split()) >= 4]


def description_texts(codebook: Codebook, code: Code) -> tuple[str, ...]:
    """Sentences that describe a code: definition, when to use, and sub-code definitions."""
    texts = [*_sentences(code.definition), *_sentences(code.when_to_use)]
    texts += [child.definition for child in codebook.children(code.id) if child.definition]
    return tuple(texts) or (code.name,)


def redirect_texts(codebook: Codebook) -> list[tuple[str, str]]:
    """'When not to use' clauses that name exactly one other code: (clause, that code).

    'Gaat het om de sfeer ..., dan is het groepsgevoel' describes groepsgevoel from the border.
    """
    ids = [c.id for c in codebook.factors]
    found: list[tuple[str, str]] = []
    for code in codebook.factors:
        for clause in re.split(r"(?<=[.;])\s+", code.when_not_to_use):
            named = [i for i in ids if i != code.id and re.search(rf"\b{re.escape(i)}\b", clause)]
            if len(named) == 1 and len(clause.split()) >= 4:
                found.append((clause.strip(), named[0]))
    return found


def pseudo_documents(codebook: Codebook) -> list[tuple[str, str]]:
    """Labelled texts written *about* each code (not quotes): (text, factor id).

    They teach the classifier the codebook's vocabulary; they are never quoted as examples.
    """
    docs = [(text, c.id) for c in codebook.factors for text in description_texts(codebook, c)]
    docs += [(signal, c.id) for c in codebook.factors for signal in _all_signals(codebook, c)]
    docs += redirect_texts(codebook)
    return docs


def hashed_counts(stem_lists: Sequence[Sequence[str]], n_features: int = 2**18) -> sparse.csr_matrix:
    """Sparse (n, n_features) counts of content stems, hashed so the columns never change."""
    rows, cols, vals = [], [], []
    for i, stems in enumerate(stem_lists):
        counts: dict[int, float] = {}
        for s in stems:
            if s in STOPWORDS or len(s) < 2:
                continue
            col = zlib.crc32(s.encode("utf-8")) % n_features
            counts[col] = counts.get(col, 0.0) + 1.0
        rows += [i] * len(counts)
        cols += list(counts)
        vals += list(counts.values())
    shape = (len(stem_lists), n_features)
    return sparse.csr_matrix((np.asarray(vals), (np.asarray(rows, int), np.asarray(cols, int))), shape=shape)


def with_char_grams(stem_lists: Sequence[Sequence[str]], sizes: Sequence[int]) -> list[list[str]]:
    """Every content stem, plus its character n-grams of the given sizes with word edges marked
    ("<tip>" -> "<ti", "tip", "ip>"), so a compound shares grams with its parts ("opvoedtip" with "tip")."""
    if not sizes:  # the product's setting: every prepare (imports, refits) passes here
        return [list(stems) for stems in stem_lists]
    edged = [[f"<{s}>" for s in stems if s not in STOPWORDS and len(s) >= 2] for stems in stem_lists]
    return [
        [*stems, *(f"#{w[i : i + n]}" for w in words for n in sizes for i in range(len(w) - n + 1))]
        for stems, words in zip(stem_lists, edged, strict=True)
    ]


def tfidf(counts: sparse.csr_matrix, idf: npt.NDArray[np.float64]) -> sparse.csr_matrix:
    """Sublinear tf x idf, rows scaled to unit length."""
    weighted = counts.copy()
    weighted.data = 1.0 + np.log(weighted.data)
    weighted = sparse.csr_matrix(weighted.multiply(idf[None, :]))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1))).ravel()
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sparse.csr_matrix(sparse.diags(inverse) @ weighted)


def inverse_document_frequency(counts: sparse.csr_matrix) -> npt.NDArray[np.float64]:
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf: npt.NDArray[np.float64] = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    return idf


# -- nearest items: the neighbour and definition components' sums ----------------------------------
def top_means(vectors: Matrix, groups: Sequence[Matrix], k: int) -> Array:
    """Per group: mean of the ``k`` highest cosine similarities of each row to the group's vectors."""
    columns = []
    for group in groups:
        sims = vectors.astype(np.float64) @ group.T.astype(np.float64)
        kk = min(k, group.shape[0])
        columns.append(-np.partition(-sims, kk - 1, axis=1)[:, :kk].mean(axis=1))
    return np.stack(columns, axis=1) if columns else np.zeros((vectors.shape[0], 0))


def top_mean(sims: Array, columns: npt.NDArray[np.int64], k: int) -> tuple[Array, npt.NDArray[np.int64]]:
    """Mean of the ``k`` highest similarities per row among ``columns``, and the top-2 column ids."""
    n = sims.shape[0]
    if columns.size == 0:
        return np.zeros(n), np.zeros((n, 0), dtype=np.int64)
    sub = sims[:, columns]
    m = min(max(k, 2), columns.size)
    part = np.argpartition(-sub, m - 1, axis=1)[:, :m] if m < columns.size else np.argsort(-sub, axis=1)
    vals = np.take_along_axis(sub, part, axis=1)
    order = np.argsort(-vals, axis=1)
    part, vals = np.take_along_axis(part, order, axis=1), np.take_along_axis(vals, order, axis=1)
    finite = np.where(np.isfinite(vals[:, :k]), vals[:, :k], 0.0)
    return finite.mean(axis=1), columns[part[:, :2]]
