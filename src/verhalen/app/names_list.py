"""The project's own names list: names and places the scan must always flag, kept in the project's database.

Entries look like those of ``VERHALEN_EXTRA_NAMES``: 'Sanne' (a person) or 'label:text' such as
'locatie:Beijum-Oost' or 'instelling:De Regenboog'. They live in the project's settings table (one
JSON list under ``privacy:names``), so every researcher of the project shares them; the environment
variable and ``verhalen.toml`` still add theirs for every project (``all_names``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from verhalen.app import limits
from verhalen.app.workbench import Workbench
from verhalen.domain import ValidationError
from verhalen.ingest.privacy import LABELS, parse_name

SETTING = "privacy:names"
MAX_LENGTH = 100


def normalise(entry: str) -> str:
    """'  locatie : Beijum  Oost ' → 'locatie:Beijum Oost'; a bad entry raises ValidationError."""
    if limits.has_control(entry):
        raise ValidationError("name_control_character")
    cleaned = " ".join(entry.split())
    if not limits.visible(cleaned):
        raise ValidationError("name_empty")
    if len(cleaned) > MAX_LENGTH:
        raise ValidationError("name_too_long", start=cleaned[:40], max=MAX_LENGTH)
    prefix, sep, rest = cleaned.partition(":")
    if sep and prefix.strip().lower() in LABELS and not rest.strip():
        raise ValidationError("name_after_label_empty", entry=cleaned, label=prefix.strip())
    label, name = parse_name(cleaned)
    if not any(c.isalnum() for c in name):
        raise ValidationError("name_without_letters", entry=cleaned)
    prefix = prefix.strip().lower()
    if sep and prefix.isalpha() and prefix not in LABELS and len(prefix) < 12:
        raise ValidationError("name_label_unknown", label=prefix, entry=cleaned, labels=", ".join(LABELS))
    return name if label == "persoon" and ":" not in name else f"{label}:{name}"


def project_names(bench: Workbench) -> tuple[str, ...]:
    """The names stored for this project, in the order they were added."""
    raw = bench.repo.get_setting(SETTING)
    if not raw:
        return ()
    try:
        stored = json.loads(raw)
    except ValueError:
        return ()
    return tuple(str(n) for n in stored) if isinstance(stored, list) else ()


def set_project_names(bench: Workbench, entries: Sequence[str]) -> tuple[str, ...]:
    """Replace the list (empty lines skipped, duplicates ignored case-insensitively); nothing is
    stored when any entry is bad."""
    bench.require("import")
    names: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        if not entry.strip():
            continue
        name = normalise(entry)
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    bench.repo.set_setting(SETTING, json.dumps(names, ensure_ascii=False))
    return tuple(names)


def add_project_name(bench: Workbench, entry: str, label: str = "persoon") -> tuple[str, ...]:
    """Add one name ('Sanne', or with ``label`` 'locatie' → 'locatie:Beijum'); returns the new list."""
    bench.require("import")
    if label not in LABELS:
        raise ValidationError("label_unknown", label=label, labels=", ".join(LABELS))
    text = " ".join(entry.split())
    name = normalise(text if label == "persoon" or not text else f"{label}:{text}")
    return set_project_names(bench, [*project_names(bench), name])


def remove_project_name(bench: Workbench, entry: str) -> tuple[str, ...]:
    bench.require("import")
    wanted = " ".join(entry.split()).casefold()
    return set_project_names(bench, [n for n in project_names(bench) if n.casefold() != wanted])


def all_names(bench: Workbench) -> tuple[str, ...]:
    """What an import scans for: ``VERHALEN_EXTRA_NAMES``/``verhalen.toml`` plus the project's list."""
    return (*bench.settings.extra_names, *project_names(bench))
