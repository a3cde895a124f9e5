"""The identifier check without importing: files (``verhalen scan FILE``) and the stored stories
(``verhalen scan``, the import page's "opnieuw scannen"), with what a researcher kept at import left out."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from verhalen.app import names_list
from verhalen.app.importing import allow_list, read_path
from verhalen.app.workbench import Workbench
from verhalen.config import Settings
from verhalen.ingest import files, privacy

# ---------------------------------------------------------------- scan only


def _texts(path: Path, settings: Settings) -> Iterator[tuple[str, int | None]]:
    data = read_path(path, settings.max_upload_bytes)
    if not files.is_table(path.name):
        yield files.read_text_file(path.name, data, settings.max_upload_bytes), None
        return
    table = files.read_table(path.name, data, settings.max_upload_bytes)
    column = table.columns.index(files.guess_mapping(path.name, table).text)
    for line, row in enumerate(table.rows, start=2):
        yield files.normalise(row[column]), line


def scan_files(paths: Sequence[Path], settings: Settings) -> Iterator[dict[str, Any]]:
    """One dict per hit: {"file", "text", "label", "start", "end"}, offsets into the story text.

    For a table (.csv/.xlsx) each row's text is scanned and the hit also carries "line" (the row's
    line in the file). An unreadable file raises IngestError.
    """
    for path in paths:
        for text, line in _texts(path, settings):
            for hit in privacy.scan(text, extra_names=settings.extra_names, allow=allow_list(settings)):
                found: dict[str, Any] = {"file": str(path), "text": hit.text, "label": hit.label}
                found |= {"start": hit.start, "end": hit.end}
                yield found if line is None else found | {"line": line}


# ---------------------------------------------------------------- stored stories, rescanned

MAX_EVENTS = 1_000_000


def _kept_at_import(bench: Workbench) -> dict[str, set[str]]:
    """Story id → the texts (case-folded) a researcher kept, with a reason, when it was imported."""
    kept: dict[str, set[str]] = {}
    for event in bench.repo.events(limit=MAX_EVENTS):
        if event.kind != "import":
            continue
        try:
            payload = json.loads(event.payload)
            texts = {str(k["text"]).casefold() for k in payload.get("privacy", {}).get("kept", [])}
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        kept.setdefault(str(payload.get("story_id", "")), set()).update(texts)
    return kept


def rescan_stored(bench: Workbench) -> Iterator[dict[str, Any]]:
    """Hits of the current scan in the stored stories that no import decision covered.

    A story imported before the scan learnt a name still holds it: every hit that is not a text the
    researcher kept with a reason at import is listed as {"story", "text", "label", "start", "end"}
    (offsets into the stored text). Placeholders are never hits.
    """
    kept = _kept_at_import(bench)
    names, allow = names_list.all_names(bench), allow_list(bench)
    for story in bench.repo.stories():
        for hit in privacy.scan(story.text, extra_names=names, allow=allow):
            if hit.text.casefold() not in kept.get(story.id, set()):
                found = {"story": story.id, "text": hit.text, "label": hit.label}
                yield found | {"start": hit.start, "end": hit.end}
