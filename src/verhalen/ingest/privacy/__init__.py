"""Identifier scan and consistent pseudonymisation.

``scan`` combines deduce (Dutch names, places, institutions, dates, ages; ``deduce_scan``) with this
package's own layer: person names of every origin found by context (``names``, with ``clauses``, on the
names-dataset lists and Dutch word lists compacted by ``lexicon``), schools and organisations, addresses
with postcode and town, phone numbers, e-mail, BSN, IBAN, dates and licence plates (``patterns``), and
the project's own names list.

Logging decisions: a ``Replacement`` carries the original string only so the researcher can see it on
screen. A decision log needs just the placeholder, the label and the offsets; never write
``Replacement.original`` (or ``Hit.text``) to a log, or the log itself becomes identifying.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection, Sequence

from verhalen.ingest.privacy.deduce_scan import cache_dir, deduce_hits, label_for_tag, model
from verhalen.ingest.privacy.hits import LABELS, Hit, Replacement, merge
from verhalen.ingest.privacy.lexicon import NOT_NAMES, fold, get_lexicon
from verhalen.ingest.privacy.names import COMMON_RANK, name_words, person_hits, tokens
from verhalen.ingest.privacy.patterns import pattern_hits

__all__ = [
    "LABELS",
    "Hit",
    "Replacement",
    "cache_dir",
    "deduce_hits",
    "label_for_tag",
    "layer_hits",
    "parse_name",
    "pseudonymise",
    "scan",
    "warm_up",
]

# Labels whose surface string is searched again in the rest of the text (names recur; dates and ages don't).
_PROPAGATE = frozenset({"persoon", "locatie", "instelling"})
_WORD = re.compile(r"\w+")


def warm_up() -> float:
    """Construct deduce and load the names lexicon (building either cache if needed); seconds taken."""
    started = time.perf_counter()
    model()
    get_lexicon()
    return time.perf_counter() - started


def parse_name(entry: str) -> tuple[str, str]:
    """'locatie:Beijum' → ('locatie', 'Beijum'); 'Sanne' → ('persoon', 'Sanne')."""
    prefix, sep, rest = entry.partition(":")
    if sep and prefix.strip().lower() in LABELS and rest.strip():
        return prefix.strip().lower(), rest.strip()
    return "persoon", entry.strip()


def _whole_word(text: str, surface: str, label: str, ignore_case: bool = True) -> list[Hit]:
    words = [re.escape(w) for w in surface.split()]
    if not words:
        return []
    flags = re.IGNORECASE if ignore_case else re.NOFLAG
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)
    return [Hit(m.group(), label, m.start(), m.end()) for m in pattern.finditer(text)]


def _allowed(hit: Hit, allow: set[str]) -> bool:
    words = _WORD.findall(hit.text.casefold())
    return bool(words) and (hit.text.casefold().strip() in allow or all(w in allow for w in words))


def layer_hits(text: str, allow: Sequence[str] = ()) -> list[Hit]:
    """This package's own detectors (without deduce): names of every origin and fixed-shape identifiers."""
    allowed = frozenset(fold(word) for entry in allow for word in entry.split())
    return pattern_hits(text) + person_hits(text, allowed)


def _plausible(text: str, hits: list[Hit]) -> list[Hit]:
    """deduce's hits minus three kinds of mistake: a person or institution made only of words that are
    never names here ('Engels', 'Jeugdzorg'), a person made only of stop words ('op de' before a street),
    and a single-word person opening a sentence that is a frequent Dutch word and no common name ('Mooi
    was het', 'Pas later', 'Zomer is').

    A common name that is also a word ('Roos', 'Bas') stays: at the start of a sentence nothing tells
    them apart."""
    lex = get_lexicon()
    openers: set[int] | None = None
    kept = []
    for hit in hits:
        parts = _WORD.findall(hit.text)
        if hit.label in ("persoon", "instelling") and parts and all(fold(w) in NOT_NAMES for w in parts):
            continue
        if hit.label == "persoon" and all(lex.is_stop_word(w) for w in parts):  # 'op de ' before a street
            continue
        if (
            hit.label == "persoon"
            and len(parts) == 1
            and lex.is_common_word(hit.text)
            and lex.name_rank(hit.text) > COMMON_RANK
        ):
            if openers is None:  # tokenise only when needed
                openers = {t.start for t in tokens(text) if t.opens_sentence}
            if hit.start in openers:
                continue
        kept.append(hit)
    return kept


def _recurring(hits: Sequence[Hit]) -> set[tuple[str, str]]:
    """Surfaces to find again: every name, place or institution, and the name words of a full name."""
    lex = get_lexicon()
    surfaces = {(h.text, h.label) for h in hits if h.label in _PROPAGATE}
    for hit in hits:
        if hit.label == "persoon" and " " in hit.text.strip():
            words = name_words(hit.text)
            surfaces |= {(w, "persoon") for w in words if not lex.is_dutch(w) and not lex.is_not_name(w)}
    return surfaces


def scan(
    text: str, extra_names: Sequence[str] = (), allow: Sequence[str] = (), deduce_only: bool = False
) -> list[Hit]:
    """Possible identifiers in ``text``, sorted by offset, overlaps merged.

    deduce's annotations and this package's layer (``layer_hits``; left out with ``deduce_only``, for
    comparison; with the layer, deduce's implausible person hits are dropped: ``_plausible``), minus
    those made only of ``allow`` words (practice names such as 'Huiskamer' or 'WIJ'),
    plus whole-word case-insensitive matches of ``extra_names`` ('Sanne', 'locatie:Beijum'); extra names
    are never suppressed by ``allow``. A name, place or institution found once is also flagged wherever
    else it occurs in the text (same spelling and case), and so is each word of a full name.
    """
    allowed = {a.casefold().strip() for a in allow if a.strip()}
    found = (
        deduce_hits(text) if deduce_only else layer_hits(text, allow) + _plausible(text, deduce_hits(text))
    )
    # (ties in ``merge``: our label wins)
    hits: list[Hit] = []
    for entry in extra_names:  # first, so that the researcher's label wins a tie in ``merge``
        label, name = parse_name(entry)
        hits.extend(_whole_word(text, name, label))
    hits += [h for h in found if not _allowed(h, allowed)]
    for surface, label in _recurring(hits):  # case-sensitive: a flagged 'Mooi' must not flag every 'mooi'
        hits.extend(_whole_word(text, surface, label, ignore_case=False))
    return merge(hits, text)


# ---------------------------------------------------------------- pseudonymising


def _placeholders(hits: Sequence[Hit]) -> dict[str, str]:
    """Surface string (case-insensitive) → placeholder, numbered per label in order of appearance."""
    counters: dict[str, int] = {}
    names: dict[str, str] = {}
    for hit in hits:
        key = hit.text.casefold()
        if key not in names:
            counters[hit.label] = counters.get(hit.label, 0) + 1
            names[key] = f"[{hit.label.upper()}-{counters[hit.label]}]"
    return names


def pseudonymise(text: str, hits: Sequence[Hit], keep: Collection[int] = ()) -> tuple[str, list[Replacement]]:
    """Replace every hit whose index is not in ``keep`` by a placeholder such as ``[PERSOON-1]``.

    The same surface string (case-insensitive) gets the same placeholder throughout the text.
    Overlapping hits: the earliest (then longest) wins. Replacements are returned in text order.
    """
    for hit in hits:
        if text[hit.start : hit.end] != hit.text:
            raise ValueError(f"Hit {hit.start}-{hit.end} does not match the text.")
    chosen = sorted((h for i, h in enumerate(hits) if i not in keep), key=lambda h: (h.start, -h.end))
    applied: list[Hit] = []
    for hit in chosen:
        if not applied or hit.start >= applied[-1].end:
            applied.append(hit)
    names = _placeholders(applied)
    parts: list[str] = []
    position = 0
    replacements: list[Replacement] = []
    for hit in applied:
        placeholder = names[hit.text.casefold()]
        parts += [text[position : hit.start], placeholder]
        position = hit.end
        replacements.append(Replacement(hit.text, placeholder, hit.label))
    parts.append(text[position:])
    return "".join(parts), replacements
