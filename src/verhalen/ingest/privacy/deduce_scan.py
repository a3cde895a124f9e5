"""deduce, constructed once per process, and the mapping of its tags to our labels.

deduce is imported lazily and constructed once per process (``model``). Its first construction on a
machine builds a lookup cache (``lookup_structs.pickle``, ~77 MB, about two minutes); ``warm_up`` does
that at install time. With the cache a construction takes a few seconds. The cache lives in deduce's own
package data (``deduce/data/lookup/cache/``) when that is writable or already built, else in
``$VERHALEN_DEDUCE_CACHE`` or ``~/.cache/verhalen/deduce``.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from pathlib import Path
from typing import Any

from verhalen.ingest.privacy.hits import Hit

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
_LOG = logging.getLogger(__name__)
_BUILD_LOCK = threading.Lock()
_CALL_LOCK = threading.Lock()
_DEDUCE: Any = None


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


def model() -> Any:
    global _DEDUCE
    with _BUILD_LOCK:
        if _DEDUCE is None:
            _DEDUCE = _construct()
    return _DEDUCE


def label_for_tag(tag: str) -> str:
    """deduce tag → one of ``LABELS``; unknown tags count as 'id' so nothing is silently dropped."""
    lowered = tag.lower()
    for fragment, label in _TAG_LABELS:
        if fragment in lowered:
            return label
    return "id"


def deduce_hits(text: str) -> list[Hit]:
    deduce_model = model()
    with _CALL_LOCK:
        annotations = list(deduce_model.deidentify(text).annotations)
    return [
        Hit(text[a.start_char : a.end_char], label_for_tag(a.tag), a.start_char, a.end_char)
        for a in annotations
        if a.end_char > a.start_char
    ]
