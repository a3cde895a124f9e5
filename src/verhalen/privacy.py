"""Identifier scan (deduce + the project's own names list) and consistent pseudonymisation.

deduce is imported lazily and constructed once per process (``_deduce``). Its first construction on a
machine builds a lookup cache (``lookup_structs.pickle``, ~77 MB, about two minutes); ``warm_up`` does
that at install time. With the cache a construction takes a few seconds. The cache lives in deduce's own
package data (``deduce/data/lookup/cache/``) when that is writable or already built, else in
``$VERHALEN_DEDUCE_CACHE`` or ``~/.cache/verhalen/deduce``.

Logging decisions: a ``Replacement`` carries the original string only so the researcher can see it on
screen. A decision log needs just the placeholder, the label and the offsets; never write
``Replacement.original`` (or ``Hit.text``) to a log, or the log itself becomes identifying.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS: tuple[str, ...] = (
    "persoon",
    "locatie",
    "instelling",
    "datum",
    "leeftijd",
    "telefoon",
    "email",
    "url",
    "id",
)
# deduce tag fragment → label, in this order (tags look like 'prefix+naam', 'straat+huisnummer').
_TAG_LABELS: tuple[tuple[str, str], ...] = (
    ("email", "email"),
    ("url", "url"),
    ("telefoon", "telefoon"),
    ("phone", "telefoon"),
    ("leeftijd", "leeftijd"),
    ("age", "leeftijd"),
    ("datum", "datum"),
    ("date", "datum"),
    ("ziekenhuis", "instelling"),
    ("instelling", "instelling"),
    ("hospital", "instelling"),
    ("institution", "instelling"),
    ("patient", "persoon"),
    ("persoon", "persoon"),
    ("person", "persoon"),
    ("naam", "persoon"),
    ("initia", "persoon"),
    ("locatie", "locatie"),
    ("location", "locatie"),
    ("straat", "locatie"),
    ("huisnummer", "locatie"),
    ("postcode", "locatie"),
    ("woonplaats", "locatie"),
    ("residence", "locatie"),
    ("bsn", "id"),
    ("id", "id"),
)
# Labels whose surface string is searched again in the rest of the text (names recur; dates and ages don't).
_PROPAGATE = frozenset({"persoon", "locatie", "instelling"})
_WORD = re.compile(r"\w+")

_LOG = logging.getLogger(__name__)
_BUILD_LOCK = threading.Lock()
_CALL_LOCK = threading.Lock()
_DEDUCE: Any = None


@dataclass(frozen=True)
class Hit:
    """A possible identifier: ``text == source[start:end]`` (Python str offsets)."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Replacement:
    """One replaced hit. ``original`` is for display only; do not log it (see module docstring)."""

    original: str
    placeholder: str
    label: str


# ---------------------------------------------------------------- deduce, once per process


def cache_dir() -> Path:
    """Where deduce's lookup cache is (or will be) stored; ``$VERHALEN_DEDUCE_CACHE`` wins."""
    configured = os.environ.get("VERHALEN_DEDUCE_CACHE")
    if configured:
        return Path(configured)
    default = Path(_import_deduce().__file__).parent / "data" / "lookup"
    if (default / "cache" / "lookup_structs.pickle").is_file() or os.access(default / "cache", os.W_OK):
        return default
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "verhalen" / "deduce"


def _import_deduce() -> Any:
    """Import deduce without the stdout DEBUG handler its import installs via ``logging.basicConfig``."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)
    return deduce


def _construct() -> Any:
    deduce = _import_deduce()
    directory = cache_dir()
    _LOG.info("deduce laden (cache in %s)", directory)
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: collecting during the unpickle triples the time
    try:
        instance = deduce.Deduce(cache_path=directory)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()  # keep the lookup structures out of later full collections (~4 s each otherwise)
    return instance


def _deduce() -> Any:
    global _DEDUCE
    with _BUILD_LOCK:
        if _DEDUCE is None:
            _DEDUCE = _construct()
    return _DEDUCE


def warm_up() -> float:
    """Construct deduce (building its cache if needed); seconds taken, ~0 when already loaded."""
    started = time.perf_counter()
    _deduce()
    return time.perf_counter() - started


# ---------------------------------------------------------------- scanning


def label_for_tag(tag: str) -> str:
    """deduce tag → one of ``LABELS``; unknown tags count as 'id' so nothing is silently dropped."""
    lowered = tag.lower()
    for fragment, label in _TAG_LABELS:
        if fragment in lowered:
            return label
    return "id"


def _deduce_hits(text: str) -> list[Hit]:
    model = _deduce()
    with _CALL_LOCK:
        annotations = list(model.deidentify(text).annotations)
    return [
        Hit(text[a.start_char : a.end_char], label_for_tag(a.tag), a.start_char, a.end_char)
        for a in annotations
        if a.end_char > a.start_char
    ]


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


def _merge(hits: list[Hit], text: str) -> list[Hit]:
    """Overlapping hits become one; the longest original hit gives the label."""
    merged: list[tuple[int, int, Hit]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if merged and hit.start < merged[-1][1]:
            start, end, longest = merged[-1]
            if hit.end - hit.start > longest.end - longest.start:
                longest = hit
            merged[-1] = (start, max(end, hit.end), longest)
        else:
            merged.append((hit.start, hit.end, hit))
    return [Hit(text[s:e], longest.label, s, e) for s, e, longest in merged]


def scan(text: str, extra_names: Sequence[str] = (), allow: Sequence[str] = ()) -> list[Hit]:
    """Possible identifiers in ``text``, sorted by offset, overlaps merged.

    deduce's annotations, minus those made only of ``allow`` words (e.g. practice names such as
    'Huiskamer' or 'WIJ'), plus whole-word case-insensitive matches of ``extra_names`` ('Sanne',
    'locatie:Beijum'); extra names are never suppressed by ``allow``. A name, place or institution found
    once is also flagged wherever else it occurs in the text (same spelling and case).
    """
    allowed = {a.casefold().strip() for a in allow if a.strip()}
    hits = [h for h in _deduce_hits(text) if not _allowed(h, allowed)]
    for entry in extra_names:
        label, name = parse_name(entry)
        hits.extend(_whole_word(text, name, label))
    surfaces = {(h.text, h.label) for h in hits if h.label in _PROPAGATE}
    for surface, label in surfaces:  # case-sensitive: a flagged 'Mooi' must not flag every 'mooi'
        hits.extend(_whole_word(text, surface, label, ignore_case=False))
    return _merge(hits, text)


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
