"""Read a REFI-QDA project (.qdpx) into a snapshot for an empty verhalen project.

Tolerant of: a ``Sources/`` folder, braced or upper-case GUIDs, a .qde not called project.qde, a byte
order mark in source and note files (dropped: not text, offsets do not count it), CRLF (kept in the text;
offsets count code points, see :mod:`verhalen.interchange.refi.offsets`), ``PlainTextContent`` instead of
a file, variables on the source, on a case referring to it (older verhalen exports) or both (the source's
first), one selection holding codings of several coders (the coder of a coding is its ``creatingUser``,
else the selection's), a coding memo as the selection's ``Description``, a memo on a span as a ``Note``
holding a ``PlainTextSelection`` that the source refers to with a ``NoteRef`` (QualCoder's annotations),
missing Sets, Cases or Variables, no namespace.
Strict (``IngestError``) on: no zip, no .qde, invalid XML, a missing or non-UTF-8 source file, a
selection outside its source.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import BinaryIO

from verhalen.domain import (
    ROLES,
    Attribute,
    AttributeType,
    Codebook,
    Coding,
    Fragment,
    IngestError,
    Memo,
    Practice,
    ProjectSnapshot,
    Story,
)
from verhalen.interchange.refi.archive import file_key, find_qde, open_zip
from verhalen.interchange.refi.common import (
    ALIASES,
    MEMO_CODE,
    PRACTICE_SET,
    PROJECT_MARKER,
    attribute_name,
    guid,
    norm_guid,
    unescape,
)
from verhalen.interchange.refi.offsets import Offsets, choose_offsets
from verhalen.interchange.refi.read_codebook import (
    Element,
    kid,
    kids,
    local,
    parse_time,
    parse_xml,
    read_codes,
    text_of,
    to_int,
    unique,
)
from verhalen.messages import render

IMPORTED_PRACTICE = "geimporteerd"
DEFAULT_ROLE = "ouder"
UNKNOWN_CODER = "geimporteerd"
_TYPES: dict[str, AttributeType] = {"float": "number", "integer": "number", "date": "date"}
_WARNING_PARAMS = {"role": {"role": DEFAULT_ROLE}, "no_coder": {"coder": UNKNOWN_CODER}}  # messages


@dataclass(frozen=True)
class _Variable:
    name: str
    kind: str


@dataclass(frozen=True)
class _Note:
    text: str
    coder: str
    time: datetime | None
    description: str
    selection: Element | None = None  # a span of the source that refers to the note (an annotation)


@dataclass
class _Span:
    codings: list[Coding] = field(default_factory=list)
    memos: list[Memo] = field(default_factory=list)


Values = dict[str, tuple[str, str, str]]  # lower-case name -> (name, value, REFI type)


def read_qdpx(file: BinaryIO) -> tuple[ProjectSnapshot, list[str]]:
    """A project for an empty verhalen project, with warnings about what was guessed or left out.

    Fragment ids in the result are provisional (1..n) and only link codings and memos to fragments.
    """
    with open_zip(file) as archive:
        name = find_qde(archive)
        root = parse_xml(archive.read(name), name)
        if local(root) != "Project":
            raise IngestError(f"{name} is geen REFI-QDA-project (het hoofdelement is '{local(root)}').")
        reader = _Reader(archive, root)
        return reader.snapshot(), reader.warnings()


class _Reader:
    """Reads one project document; every ``_read_*`` fills part of the state, :meth:`snapshot` joins it."""

    def __init__(self, archive: zipfile.ZipFile, root: Element) -> None:
        self.archive, self.root = archive, root
        self.counts: Counter[str] = Counter()
        self.files = self._index_files()
        self.users = {
            norm_guid(u.get("guid")): u.get("name") or u.get("id") or norm_guid(u.get("guid"))
            for u in kids(kid(root, "Users"), "User")
        }
        codes, self.code_ids = read_codes(kid(kid(root, "CodeBook"), "Codes"))
        self.codes = tuple(codes)
        self.code_set = {c.id for c in codes}
        self.variables = {
            norm_guid(v.get("guid")): _Variable(v.get("name") or "", (v.get("typeOfVariable") or "Text"))
            for v in kids(kid(root, "Variables"), "Variable")
        }
        self.notes = {norm_guid(n.get("guid")): self._note(n) for n in kids(kid(root, "Notes"), "Note")}
        self.case_values = self._read_cases()
        self.spans: dict[tuple[str, int, int], _Span] = {}
        self.stories: list[Story] = []
        self._story_ids: set[str] = set()

    def warnings(self) -> list[str]:
        return [
            render(f"qdpx_{key}", "nl", n=n, **_WARNING_PARAMS.get(key, {}))
            for key, n in sorted(self.counts.items())
            if n
        ]

    # -- files, notes, values ----------------------------------------------------------------------
    def _index_files(self) -> dict[str, str]:
        files: dict[str, str] = {}
        for name in sorted(self.archive.namelist(), key=lambda n: (not n.lower().startswith("sources/"), n)):
            if not name.endswith("/"):
                files.setdefault(file_key(name), name)
        return files

    def _content(self, element: Element, what: str) -> str | None:
        """The plain text of a source or note: an internal file or ``PlainTextContent``."""
        path = (element.get("plainTextPath") or "").strip()
        if not path:
            content = kid(element, "PlainTextContent")
            return None if content is None else text_of(content)
        if not path.lower().startswith("internal://"):
            self.counts["external"] += 1
            return None
        member = self.files.get(file_key(path[len("internal://") :]))
        if member is None:
            raise IngestError(f"{what}: het bestand {path} ontbreekt in het QDPX-bestand.")
        try:  # a BOM is a signature, not text: selections do not count it
            return self.archive.read(member).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IngestError(f"{what}: {member} is geen UTF-8-tekst (byte {exc.start}).") from exc

    def _note(self, element: Element) -> _Note:
        text = self._content(element, f"Notitie '{element.get('name') or ''}'") or ""
        coder = self.users.get(norm_guid(element.get("creatingUser") or element.get("modifyingUser")), "")
        time = parse_time(element.get("creationDateTime") or element.get("modifiedDateTime"))
        description = text_of(kid(element, "Description"))
        return _Note(text, coder, time, description, kid(element, "PlainTextSelection"))

    def _values(self, holder: Element) -> Values:
        values: Values = {}
        for item in kids(holder, "VariableValue"):
            ref = kid(item, "VariableRef")
            variable = self.variables.get(norm_guid(None if ref is None else ref.get("targetGUID")))
            given = [c for c in item if local(c) not in ("VariableRef", "")]
            if variable is None or not variable.name or not given:
                continue
            value = text_of(given[0]) if variable.kind == "Text" else text_of(given[0]).strip()
            if value:
                values.setdefault(variable.name.lower(), (variable.name, value, variable.kind))
        return values

    def _read_cases(self) -> dict[str, Values]:
        """Values per source GUID, from every case that refers to the source (the first case wins)."""
        result: dict[str, Values] = {}
        for case in kids(kid(self.root, "Cases"), "Case"):
            values = self._values(case)
            for ref in kids(case, "SourceRef"):
                own = result.setdefault(norm_guid(ref.get("targetGUID")), {})
                for key, value in values.items():
                    own.setdefault(key, value)
        return result

    # -- sources and selections --------------------------------------------------------------------
    def _read_sources(self) -> None:
        sources = kid(self.root, "Sources")
        for element in [] if sources is None else sources:
            if local(element) != "TextSource":
                self.counts["media"] += int(bool(local(element)))
                continue
            name = (element.get("name") or "").strip() or norm_guid(element.get("guid")) or "bron"
            text = self._content(element, f"Bron '{name}'")
            if text is None:
                self.counts["no_text"] += int(not element.get("plainTextPath"))
                continue
            values = self._values(element)
            for key, value in self.case_values.get(norm_guid(element.get("guid")), {}).items():
                values.setdefault(key, value)
            story = self._story(name, text, values)
            self.stories.append(story)
            self.counts["source_coding"] += len(kids(element, "Coding"))
            notes = [self.notes.get(norm_guid(ref.get("targetGUID"))) for ref in kids(element, "NoteRef")]
            annotations = [n for n in notes if n is not None and n.selection is not None and n.text]
            self.counts["source_note"] += len(notes) - len(annotations)
            selections = kids(element, "PlainTextSelection")
            offsets, converted = choose_offsets(text, [_bounds(s) for s in selections])
            self.counts["crlf_as_one"] += int(converted)
            for selection in selections:
                self._read_selection(selection, story, offsets)
            for note in annotations:
                self._read_annotation(note, story, offsets)

    def _story(self, name: str, text: str, values: Values) -> Story:
        story_id = unique(name, self._story_ids)
        self.counts["renamed"] += int(story_id != name)
        fields = {ALIASES.get(key, key): value for key, (_, value, _) in reversed(values.items())}
        practice = fields.get("praktijk", "").strip()
        role = fields.get("rol", "").strip().lower()
        self.counts["practice"] += int(not practice)
        self.counts["role"] += int(role not in ROLES)
        attributes = [
            Attribute(attribute_name(variable), value, _TYPES.get(kind.lower(), "text"))
            for key, (variable, value, kind) in values.items()
            if key not in ALIASES and key not in ("datum", "interviewer", "titel", "bronbestand")
        ]
        return Story(
            id=story_id,
            practice=practice or IMPORTED_PRACTICE,
            role=role if role in ROLES else DEFAULT_ROLE,
            text=text,
            title=fields.get("titel", ""),
            date=fields.get("datum"),
            interviewer=fields.get("interviewer"),
            attributes=tuple(sorted(attributes, key=lambda a: a.name)),
            source_name=fields.get("bronbestand", ""),
        )

    def _place(self, element: Element, story: Story, offsets: Offsets) -> tuple[int, int] | None:
        """Start and end of a selection in the story (None when empty); outside the story is an error."""
        start, end = to_int(element.get("startPosition")), to_int(element.get("endPosition"))
        if start is not None and end is not None:
            start, end = offsets(start), offsets(end)
        if start is None or end is None or not 0 <= start <= end <= len(story.text):
            name = element.get("name") or element.get("guid") or ""
            raise IngestError(
                f"Selectie '{name}' ({start}-{end}) valt buiten bron '{story.id}' ({len(story.text)} tekens)."
            )
        if start == end:
            self.counts["empty"] += 1
            return None
        return start, end

    def _read_annotation(self, note: _Note, story: Story, offsets: Offsets) -> None:
        """A note on a span of the source (QualCoder writes its annotations so): a memo on that fragment."""
        assert note.selection is not None
        bounds = self._place(note.selection, story, offsets)
        if bounds is not None:
            self.spans.setdefault((story.id, *bounds), _Span()).memos.append(self._selection_memo(note))

    def _read_selection(self, element: Element, story: Story, offsets: Offsets) -> None:
        bounds = self._place(element, story, offsets)
        if bounds is None:
            return
        start, end = bounds
        span = self.spans.setdefault((story.id, start, end), _Span())
        user = self.users.get(norm_guid(element.get("creatingUser") or element.get("modifyingUser")), "")
        time = parse_time(element.get("creationDateTime") or element.get("modifiedDateTime"))
        codings = kids(element, "Coding")
        refs = kids(element, "NoteRef")
        # QualCoder and MAXQDA keep a coding's memo in the selection's description; verhalen writes notes
        # (and the description only as a copy of its one note), so the description counts without notes.
        described = text_of(kid(element, "Description"))
        if refs or any(kids(c, "NoteRef") for c in codings):
            described = ""
        for coding in codings:
            self._read_coding(coding, (story.id, start, end), span, (user, time, described))
        for ref in refs:
            note = self.notes.get(norm_guid(ref.get("targetGUID")))
            if note is not None and note.text:
                span.memos.append(self._selection_memo(note))
        if described and not codings:
            span.memos.append(Memo(0, user or UNKNOWN_CODER, described, None, time))

    def _selection_memo(self, note: _Note) -> Memo:
        """A memo on a fragment; on one of its codes when verhalen wrote ``code: <id>`` as description."""
        code: str | None = note.description.removeprefix(MEMO_CODE)
        if not note.description.startswith(MEMO_CODE) or code not in self.code_set:
            code = None
        return Memo(0, note.coder or UNKNOWN_CODER, note.text, code, note.time)

    def _read_coding(
        self,
        element: Element,
        where: tuple[str, int, int],
        span: _Span,
        selection: tuple[str, datetime | None, str],
    ) -> None:
        """A coding; coder and time its own, else the selection's (``selection``: user, time, memo)."""
        ref = kid(element, "CodeRef")
        code = self.code_ids.get(norm_guid(None if ref is None else ref.get("targetGUID")))
        if code is None:
            self.counts["unknown_code"] += 1
            return
        coder = self.users.get(norm_guid(element.get("creatingUser")), "") or selection[0]
        self.counts["no_coder"] += int(not coder)
        coder = coder or UNKNOWN_CODER
        memo_guid = guid("coding-memo", where[0], str(where[1]), str(where[2]), code, coder)
        memo = selection[2]
        for note_ref in kids(element, "NoteRef"):
            target = norm_guid(note_ref.get("targetGUID"))
            note = self.notes.get(target)
            if note is None or not note.text:
                continue
            if target == memo_guid and not memo:
                memo = note.text
            else:
                span.memos.append(Memo(0, note.coder or coder, note.text, code, note.time))
        if all((c.code, c.coder) != (code, coder) for c in span.codings):
            time = parse_time(element.get("creationDateTime")) or selection[1]
            span.codings.append(Coding(0, code, coder, "confirmed", time, memo))

    # -- the result ---------------------------------------------------------------------------------
    def _fragments(self) -> tuple[list[Fragment], list[Coding], list[Memo]]:
        texts = {s.id: s.text for s in self.stories}
        fragments, codings, memos = [], [], []
        per_story: Counter[str] = Counter()
        for number, (key, span) in enumerate(sorted(self.spans.items()), start=1):
            story_id, start, end = key
            fragments.append(
                Fragment(story_id, per_story[story_id], start, end, texts[story_id][start:end], id=number)
            )
            per_story[story_id] += 1
            codings += [replace(c, fragment_id=number) for c in span.codings]
            memos += [replace(m, fragment_id=number) for m in span.memos]
        codings.sort(key=lambda c: (c.fragment_id, c.code, c.coder))
        memos.sort(key=_memo_order)
        return fragments, codings, memos

    def _practices(self) -> list[Practice]:
        names: dict[str, str] = {}
        for element in kids(kid(self.root, "Sets"), "Set"):
            description = text_of(kid(element, "Description"))
            if description.startswith(PRACTICE_SET):
                names.setdefault(description[len(PRACTICE_SET) :], element.get("name") or "")
        ids = set(names) | {s.practice for s in self.stories}
        return [Practice(i, names.get(i) or i) for i in sorted(ids)]

    def _codebook(self) -> Codebook:
        lines = text_of(kid(self.root, "Description")).split("\n")
        meta: dict[str, list[str]] = {}
        if lines[0] == PROJECT_MARKER:
            for line in lines[1:]:
                key, sep, value = line.partition(": ")
                if sep:
                    meta.setdefault(key, []).append(unescape(value))
        return Codebook(
            version=meta.get("codeboekversie", ["import"])[0],
            name=meta.get("codeboek", [self.root.get("name") or "Geïmporteerd codeboek"])[0],
            codes=self.codes,
            none_examples=tuple(meta.get("geen-voorbeeld", ())),
            source=meta.get("codeboekbron", [self.root.get("origin") or ""])[0],
        )

    def snapshot(self) -> ProjectSnapshot:
        self._read_sources()
        self.counts["source_note"] += len(kids(self.root, "NoteRef"))
        fragments, codings, memos = self._fragments()
        return ProjectSnapshot(
            practices=tuple(self._practices()),
            stories=tuple(sorted(self.stories, key=lambda s: s.id)),
            fragments=tuple(fragments),
            codings=tuple(codings),
            codebook=self._codebook(),
            memos=tuple(memos),
        )


def _bounds(selection: Element) -> tuple[int, int, str]:
    start, end = to_int(selection.get("startPosition")), to_int(selection.get("endPosition"))
    return (-1 if start is None else start, -1 if end is None else end, selection.get("name") or "")


def _memo_order(memo: Memo) -> tuple[int, str, str, str, str]:
    return (
        memo.fragment_id,
        memo.code or "",
        memo.coder,
        memo.time.isoformat() if memo.time else "",
        memo.text,
    )
