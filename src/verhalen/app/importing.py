"""Import use case: read files, check them for identifiers, pseudonymise or keep with a reason, store.

Shared by the CLI (`verhalen import`, `verhalen scan`) and the Verhalen page. Per hit the researcher
pseudonymises it (consistent placeholders within a story) or keeps it with a reason; the import event
logs label and placeholder of every pseudonymised hit (never its original text) and text and reason of
every kept one. A story is stored whole or not at all; a file is checked completely (every row of a
table) before any of it is stored; in a batch the good files go in and the report lists the bad ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from verhalen.app import limits, names_list
from verhalen.app.import_review import Candidate, finalise
from verhalen.app.workbench import PRACTICES, Workbench
from verhalen.config import Settings
from verhalen.domain import (
    Attribute,
    AttributeType,
    IngestError,
    Practice,
    Story,
    ValidationError,
    VerhalenError,
)
from verhalen.ingest import files, privacy, segment
from verhalen.ingest.tables import infer_type, mapping_from_json, mapping_to_json
from verhalen.messages import Joined, Message
from verhalen.store.atomic import one_transaction

ACCEPTED = "geaccepteerd met --accept-identifiers"
MAX_ROW_ERRORS = 3
MAX_ID_LENGTH = limits.MAX_STORY_ID
_TYPES: dict[str, AttributeType | None] = {"": None, "tekst": "text", "getal": "number", "datum": "date"}
_TYPES |= {"text": "text", "number": "number", "date": "date"}


@dataclass(frozen=True)
class ImportOptions:
    """What the researcher chose for a batch; ``story_id`` only applies to a single text file."""

    practice: str
    role: str
    pseudonymise: bool = False
    accept_identifiers: bool = False
    coder: str = ""
    story_id: str | None = None
    date: str | None = None
    interviewer: str | None = None
    attributes: tuple[Attribute, ...] = ()


@dataclass
class ImportReport:
    stored: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, VerhalenError]] = field(default_factory=list)  # the error: any language

    @property
    def ok(self) -> bool:
        return not self.failed

    def stored_lines(self) -> list[str]:
        return [f"opgeslagen: {name} ({n} fragmenten)" for name, n in self.stored]

    def failed_lines(self) -> list[str]:
        """One line per refused file (a message never spans lines)."""
        return [f"niet opgeslagen: {name}: {' '.join(str(why).split())}" for name, why in self.failed]

    def lines(self) -> list[str]:
        return self.stored_lines() + self.failed_lines()


# ---------------------------------------------------------------- practices and allowed words


def practice_options(bench: Workbench) -> list[Practice]:
    """The project's practices plus the default ones not yet stored, by name."""
    stored = bench.repo.practices()
    known = {p.id for p in stored}
    return sorted([*stored, *(p for p in PRACTICES if p.id not in known)], key=lambda p: p.name.casefold())


def resolve_practice(bench: Workbench, value: str) -> str:
    """A practice id from an id or a name (case-insensitive); a default practice is stored on first use."""
    wanted = " ".join(value.split()).casefold()
    for practice in practice_options(bench):
        if wanted in (practice.id.casefold(), practice.name.casefold()):
            bench.repo.ensure_practice(practice)
            return practice.id
    known = ", ".join(p.id for p in practice_options(bench))
    raise VerhalenError("practice_unknown", practice=value, known=known)


def allow_list(bench_or_settings: Workbench | Settings | None = None) -> tuple[str, ...]:
    """Capitalised words of practice names ('Huiskamer', 'WIJ', 'Veendam'): never flagged by deduce."""
    names = [p.name for p in PRACTICES]
    if isinstance(bench_or_settings, Workbench):
        names += [p.name for p in bench_or_settings.repo.practices()]
    words = {w for name in names for w in re.split(r"[\s()&,/]+", name) if w[:1].isupper()}
    return tuple(sorted(words))


def parse_attributes(lines: Sequence[str]) -> tuple[Attribute, ...]:
    """'naam = waarde' per entry (typed by its value), or 'naam:getal = 2' / ':datum' / ':tekst'."""
    attributes: list[Attribute] = []
    for entry in (e.strip() for e in lines if e.strip()):
        name, sep, value = entry.partition("=")
        name, _, kind = name.partition(":")
        if not sep or not name.strip() or not value.strip() or kind.strip().lower() not in _TYPES:
            raise IngestError("attribute_syntax", entry=entry)
        type_ = _TYPES[kind.strip().lower()] or infer_type([value])
        attributes.append(files.parse_attribute(name.strip(), value, type_))
    return tuple(attributes)


# ---------------------------------------------------------------- reading and scanning


def scan_story(
    name: str,
    story: Story,
    settings: Settings,
    allow: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
) -> Candidate:
    """Scan one story; ``names`` defaults to the environment's extra names (``names_list.all_names``
    adds the project's own list)."""
    words = allow_list(settings) if allow is None else allow
    extra = settings.extra_names if names is None else names
    hits = privacy.scan(story.text, extra_names=extra, allow=words)
    return Candidate(name, story, tuple(hits))


def read_text_candidate(bench: Workbench, name: str, data: bytes, options: ImportOptions) -> Candidate:
    """One .txt/.docx/.odt file → a scanned story; raises IngestError (a catalogue message)."""
    story = files.story_from_file(
        name,
        data,
        practice=resolve_practice(bench, options.practice),
        role=options.role,
        story_id=options.story_id,
        date=options.date,
        interviewer=options.interviewer,
        attributes=options.attributes,
        max_bytes=bench.settings.max_upload_bytes,
    )
    try:
        story = limits.story(story)
    except ValidationError as exc:
        raise IngestError("in_file", name=name, error=exc) from exc
    return scan_story(name, story, bench.settings, allow_list(bench), names_list.all_names(bench))


def remembered_mapping(bench: Workbench, table: files.Table) -> files.ColumnMapping | None:
    """The column mapping chosen earlier for a file with the same columns, if any."""
    raw = bench.repo.get_setting(f"layout:{files.layout_key(table)}")
    return mapping_from_json(raw) if raw else None


def remember_mapping(bench: Workbench, table: files.Table, mapping: files.ColumnMapping) -> None:
    bench.repo.set_setting(f"layout:{files.layout_key(table)}", mapping_to_json(mapping))


def table_candidates(
    bench: Workbench, name: str, table: files.Table, mapping: files.ColumnMapping, options: ImportOptions
) -> tuple[list[Candidate], list[Message]]:
    """Scanned stories of the good rows, and one message per bad row ('Regel 3: …')."""
    limits.table_rows(name, len(table.rows))
    results = files.stories_from_table(
        table, mapping, default_practice=options.practice, default_role=options.role, source_name=name
    )
    allow = allow_list(bench)
    names = names_list.all_names(bench)
    practices: dict[str, str] = {}
    candidates: list[Candidate] = []
    errors = [r.error for r in results if r.error]
    for line, story in ((r.line, r.story) for r in results if r.story is not None):
        try:
            if story.practice not in practices:
                practices[story.practice] = resolve_practice(bench, story.practice)
            story = limits.story(replace(story, practice=practices[story.practice]))
        except VerhalenError as exc:
            errors.append(Message("row_line_bare", line=line, error=exc))
            continue
        candidates.append(scan_story(f"{name} regel {line}", story, bench.settings, allow, names))
    return candidates, errors


def read_file(bench: Workbench, name: str, data: bytes, options: ImportOptions) -> list[Candidate]:
    """Candidates of one file; a table with any bad row is refused whole (IngestError)."""
    if not files.is_table(name):
        return [read_text_candidate(bench, name, data, options)]
    table = files.read_table(name, data, bench.settings.max_upload_bytes)
    limits.table_rows(name, len(table.rows))
    mapping = remembered_mapping(bench, table) or files.guess_mapping(name, table)
    candidates, errors = table_candidates(bench, name, table, mapping, options)
    if errors:
        more = Message("more_errors", n=len(errors) - MAX_ROW_ERRORS) if len(errors) > MAX_ROW_ERRORS else ""
        raise IngestError("table_rows_refused", name=name, errors=Joined(errors[:MAX_ROW_ERRORS]), more=more)
    if not candidates:
        raise IngestError("file_no_stories", name=name)
    return candidates


def read_path(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, refusing an empty or too large one before reading it."""
    try:
        files.check_size(path.name, path.stat().st_size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise IngestError("file_unreadable", name=path.name, reason=exc.strerror) from exc


# ---------------------------------------------------------------- storing


def duplicate_ids(bench: Workbench, ids: Sequence[str]) -> dict[int, Message]:
    """Position → message for each id already stored or used earlier in ``ids``."""
    return _duplicates(bench, ids)


def _duplicates(bench: Workbench, ids: Sequence[str]) -> dict[int, Message]:
    found: dict[int, Message] = {}
    for i, story_id in enumerate(ids):
        if story_id in ids[:i] or bench.repo.has_story(story_id):
            found[i] = Message("story_id_taken", story=story_id)
    return found


def store_batch(
    bench: Workbench, candidates: Sequence[Candidate], keeps: Sequence[Mapping[int, str]], coder: str
) -> ImportReport:
    """Store the reviewed candidates file by file: every story of a file (each row of a table) or none of
    them; a file that cannot be stored is listed with the reason, the other files go in."""
    bench.require("import")
    if len(candidates) != len(keeps):
        raise ValueError("one keep per candidate")
    report = ImportReport()
    coder = limits.coder(coder) if coder else coder
    files_: dict[str, list[int]] = {}
    for i, candidate in enumerate(candidates):
        files_.setdefault(candidate.story.source_name or candidate.name, []).append(i)
    for source, indices in files_.items():
        try:
            named = [(candidates[i].name, *finalise(candidates[i], keeps[i])) for i in indices]
            report.stored.extend(_store_whole(bench, named, coder))
        except VerhalenError as exc:
            report.failed.append((source if len(indices) > 1 else candidates[indices[0]].name, exc))
    return report


def decide(candidate: Candidate, options: ImportOptions) -> dict[int, str]:
    """The CLI's decision for every hit: pseudonymise all, accept all, or refuse the file."""
    if not candidate.hits or options.pseudonymise:
        return {}
    if options.accept_identifiers:
        return dict.fromkeys(range(len(candidate.hits)), ACCEPTED)
    labels = ", ".join(sorted({h.label for h in candidate.hits}))
    raise IngestError("hits_not_reviewed", n=len(candidate.hits), labels=labels)


def _import_file(bench: Workbench, path: Path, options: ImportOptions) -> list[tuple[str, int]]:
    """Read, decide and check the whole file first; then store its stories."""
    candidates = read_file(bench, path.name, read_path(path, bench.settings.max_upload_bytes), options)
    where = [c.name.removeprefix(path.name).strip() for c in candidates]  # 'regel 3' in a table
    where = [f"{w}: " if w else "" for w in where]
    finals: list[tuple[Story, dict[str, Any]]] = []
    for i, candidate in enumerate(candidates):
        try:
            finals.append(finalise(candidate, decide(candidate, options)))
        except IngestError as exc:
            raise IngestError("at_place", where=where[i], error=exc) from exc
    duplicates = _duplicates(bench, [story.id for story, _ in finals])
    if duplicates:
        parts = [Message("at_place", where=where[i], error=message) for i, message in duplicates.items()]
        raise IngestError("several", errors=Joined(parts))
    named = [(c.name, story, payload) for c, (story, payload) in zip(candidates, finals, strict=True)]
    return _store_whole(bench, named, options.coder)


def _store_whole(
    bench: Workbench, stories: Sequence[tuple[str, Story, dict[str, Any]]], coder: str
) -> list[tuple[str, int]]:
    """Store every story of one file in one transaction: all of them or, on any error or a kill, none.

    Then embed and suggest them all, before the command returns. Stories of a process killed between the
    commit and the end of indexing are left to ``index_missing`` (the app runs it when it starts).
    """
    stored: list[tuple[str, int]] = []
    ids: list[int] = []
    segmented = [segment.segment(story.id, story.text) for _, story, _ in stories]  # before the write lock
    with one_transaction(bench.repo):
        for (name, story, payload), fragments in zip(stories, segmented, strict=True):
            event = {
                "story_id": story.id,
                "coder": coder,
                "source": story.source_name,
                "fragments": len(fragments),
                "privacy": payload,
            }
            new = bench.repo.add_story(story, fragments, event)
            ids += new
            stored.append((f"{name} → {story.id}", len(new)))
    bench.index(ids)
    return stored


def import_paths(bench: Workbench, paths: Sequence[Path], options: ImportOptions) -> ImportReport:
    """Import each file whole or not at all; the report lists stored stories and refused files."""
    bench.require("import")
    if len(paths) > 1 and options.story_id:
        raise VerhalenError("story_id_one_file")
    options = replace(options, practice=resolve_practice(bench, options.practice))
    if options.coder:
        options = replace(options, coder=limits.coder(options.coder))
    report = ImportReport()
    for path in paths:
        try:
            report.stored.extend(_import_file(bench, path, options))
        except VerhalenError as exc:
            report.failed.append((path.name, exc))
    return report
