"""Search that finds the words first, then the meaning.

A typed query is matched against each fragment's words (case and diacritics folded): the exact phrase
ranks first, then a near-exact phrase (one word inflected or misspelt, or one word in between), then
fragments that hold every query word (in any order); every other fragment follows by meaning. Meaning is
the cosine similarity of the stored vectors: the corpus is never embedded again, the vectors stored at
import (one per fragment and model) are compared with the query's vector (one encoder call) or with the
stored vector of a chosen fragment. Every vector is unit length (see embeddings.py), so a dot product is
the cosine similarity. Word similarity is RapidFuzz's Indel ratio (2 · LCS / total length).

Fragments with the same text (case and runs of white space aside: ``same_text``) are one hit: the list
shows distinct passages, each at the place of its best-ranked fragment, with the others in ``Hit.same``
(in rank order), so a sentence many stories share fills one line, not the whole list.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel

from verhalen.domain import Fragment, Story, ValidationError

MAX_HITS = 100
NEAR = 0.88  # Indel similarity of a phrase window or a word to count as near-exact
MIN_FUZZY = 4  # shorter words must match exactly (or as a prefix of a longer word, from 4 letters)
MatchKind = Literal["exact", "near", "words", "meaning"]
TIER: dict[MatchKind, int] = {"exact": 3, "near": 2, "words": 1, "meaning": 0}
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case and diacritics folded: 'Één Café' -> 'een cafe'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def words(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of every word of ``text``; offsets into ``text`` itself."""
    return [(_fold_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class TextMatch:
    """How a fragment's words match the query: the kind, a similarity in [0, 1] and the matched spans."""

    kind: MatchKind
    similarity: float = 0.0
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def tier(self) -> int:
        return TIER[self.kind]


def _word_like(query_word: str, word: str) -> bool:
    if query_word == word:
        return True
    if len(query_word) < MIN_FUZZY:
        return False
    return word.startswith(query_word) or Indel.normalized_similarity(query_word, word) >= NEAR


class WordMatcher:
    """A query's folded words, and which of them each word of the corpus is like (cached: the vocabulary
    of a project repeats, so each distinct word is compared with the query once)."""

    def __init__(self, query: str) -> None:
        self.wanted = [w for w, _, _ in words(query)]
        self.phrase = " ".join(self.wanted)
        self._like: dict[str, frozenset[str]] = {}

    def like(self, word: str) -> frozenset[str]:
        found = self._like.get(word)
        if found is None:
            found = self._like[word] = frozenset(q for q in self.wanted if _word_like(q, word))
        return found

    def match(self, text: str) -> TextMatch:
        """The best word match in ``text`` (see the module docstring for the order)."""
        if not any(self.like(_fold_word(w)) for w in set(_WORD.findall(text))):
            return TextMatch("meaning")  # no word like a query word: no phrase, no words, nothing to mark
        return self.full_match(text)

    def full_match(self, text: str) -> TextMatch:
        """:meth:`match` without its shortcut for a text that has no word like a query word."""
        wanted, found = self.wanted, words(text)
        if not wanted or not found:
            return TextMatch("meaning")
        n = len(wanted)
        folded = [w for w, _, _ in found]
        for i in range(len(found) - n + 1):
            if folded[i : i + n] == wanted:
                return TextMatch("exact", 1.0, ((found[i][1], found[i + n - 1][2]),))
        likes = [self.like(w) for w in folded]
        best, where = 0.0, (0, 0)
        for size in {n, n + 1} if n > 1 else {1}:
            for i in range(len(found) - size + 1):
                if wanted[0] not in likes[i] and wanted[-1] not in likes[i + size - 1]:
                    continue  # a near phrase starts or ends with a query word
                score = Indel.normalized_similarity(self.phrase, " ".join(folded[i : i + size]))
                if score > best:
                    best, where = score, (found[i][1], found[i + size - 1][2])
        if best >= NEAR:
            return TextMatch("near", best, (where,))
        present = frozenset().union(*likes)
        share = len(present) / len(set(wanted))
        marked = set(wanted) if share == 1.0 else set(wanted) - stop_words()  # 'een', 'voor': noise
        spans = [(s, e) for (_, s, e), like in zip(found, likes, strict=True) if like & marked]
        return TextMatch("words" if share == 1.0 else "meaning", share, tuple(spans))


def match_text(query: str, text: str) -> TextMatch:
    """The best word match of ``query`` in ``text`` (see the module docstring for the order)."""
    return WordMatcher(query).match(text)


@functools.cache
def stop_words() -> frozenset[str]:
    """spaCy's Dutch stop words, folded: not highlighted when a fragment holds only some query words."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS)


@dataclass(frozen=True)
class SearchFilter:
    """What to search in: practice, role and a code confirmed by any coder (None = all)."""

    practice: str | None = None
    role: str | None = None
    code: str | None = None
    contains: str = ""

    def admits(self, fragment: Fragment, story: Story, codes: frozenset[str]) -> bool:
        if self.practice is not None and story.practice != self.practice:
            return False
        if self.role is not None and story.role != self.role:
            return False
        if self.code is not None and self.code not in codes:
            return False
        return self.contains.casefold() in fragment.text.casefold()


@dataclass(frozen=True)
class Hit:
    """One search result: the fragment, its story, the similarity in meaning, the codes confirmed on it
    and (for a typed query) how its words match."""

    fragment: Fragment
    story: Story
    score: float
    codes: frozenset[str]
    match: TextMatch = TextMatch("meaning")
    same: tuple[Hit, ...] = ()  # the other fragments with this text (``same_text``), best first

    @property
    def all(self) -> tuple[Hit, ...]:
        """This fragment and every other with the same text, best first."""
        return (self, *self.same)

    @property
    def story_ids(self) -> list[str]:
        """The stories the text occurs in, in rank order, each once."""
        return list(dict.fromkeys(h.story.id for h in self.all))


def same_text(text: str) -> str:
    """What makes two fragments the same passage: their text with case and runs of white space ignored."""
    return " ".join(text.casefold().split())


def group_same_text(hits: Sequence[Hit], limit: int | None = None) -> list[Hit]:
    """Hits in their order, those with the same text (``same_text``) as an earlier one folded into it
    (``Hit.same``); at most ``limit`` distinct passages."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(same_text(hit.fragment.text), []).append(hit)
    passages = list(groups.values())[:limit]
    return [replace(first, same=tuple(rest)) if rest else first for first, *rest in passages]


def rank(
    query: npt.ArrayLike, vectors: npt.ArrayLike, limit: int, exclude: int | None = None
) -> list[tuple[int, float]]:
    """Row indices of ``vectors`` by descending similarity to ``query``: (row, cosine), at most ``limit``.

    Ties keep the original order, so the ranking is deterministic."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.size == 0 or limit <= 0:
        return []
    sims = matrix @ np.asarray(query, dtype=np.float32).ravel()
    if exclude is not None:
        sims[exclude] = -np.inf
    order = np.argsort(-sims, kind="stable")[:limit]
    return [(int(i), float(sims[i])) for i in order if np.isfinite(sims[i])]


def search(
    query: npt.ArrayLike,
    candidates: Sequence[Fragment],
    vectors: Mapping[int, npt.NDArray[np.float32]],
    stories: Mapping[str, Story],
    codes: Mapping[int, frozenset[str]],
    where: SearchFilter,
    limit: int = 20,
    exclude: int | None = None,
    text: str = "",
) -> list[Hit]:
    """The ``limit`` best passages among ``candidates`` that pass ``where``: with a typed ``text``, word
    matches first (exact phrase, near-exact phrase, all words), each tier by word and then meaning
    similarity; then the rest by similarity in meaning to the vector ``query``. Fragments with the same
    text are one hit (``group_same_text``: every one of them, also beyond the ``limit``-th passage)."""
    if not 1 <= limit <= MAX_HITS:
        raise ValidationError(f"Aantal resultaten moet tussen 1 en {MAX_HITS} liggen.")
    kept = [
        f
        for f in candidates
        if f.id in vectors and where.admits(f, stories[f.story_id], codes.get(f.id, frozenset()))
    ]
    if not kept:
        return []
    matrix = np.vstack([vectors[f.id] for f in kept])
    skip = next((i for i, f in enumerate(kept) if f.id == exclude), None)
    meaning = rank(query, matrix, len(kept), skip)
    if not text.strip():
        hits = [
            Hit(kept[i], stories[kept[i].story_id], score, codes.get(kept[i].id, frozenset()))
            for i, score in meaning
        ]
        return group_same_text(hits, limit)
    matcher = WordMatcher(text)
    matches = {i: matcher.match(kept[i].text) for i, _ in meaning}

    def order(item: tuple[int, float]) -> tuple[int, float, float]:
        found = matches[item[0]]
        word_score = found.similarity if found.tier > 0 else 0.0
        return (-found.tier, -word_score, -item[1])

    ranked = sorted(meaning, key=order)  # sorted() is stable: ties keep the meaning order
    hits = [
        Hit(kept[i], stories[kept[i].story_id], score, codes.get(kept[i].id, frozenset()), matches[i])
        for i, score in ranked
    ]
    return group_same_text(hits, limit)
