"""Write REFI-QDA: a project (.qdpx, a zip with project.qde and sources/<GUID>.txt) and a codebook (.qdc).

Deterministic: GUIDs come from stable keys, everything is sorted, zip entries have a fixed date, so the
same snapshot gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, BinaryIO

from lxml import etree

from verhalen import __version__
from verhalen.domain import Code, Codebook, Coding, Memo, ProjectSnapshot, Story, ValidationError
from verhalen.interchange.refi.common import (
    CODEBOOK_NS,
    MEMO_CODE,
    PRACTICE_SET,
    PROJECT_MARKER,
    PROJECT_NS,
    RGB,
    code_description,
    escape,
    guid,
    label,
    xml_text,
)
from verhalen.interchange.refi.variables import VALUE_TAG, Variable, story_variables

ORIGIN = f"verhalen {__version__}"
Element = Any  # lxml ships no type information


def _el(
    parent: Element, ns: str, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in (attrs or {}).items():
        element.set(key, xml_text(value))
    if text is not None:
        element.text = xml_text(text)
    return element


def _p(parent: Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> Element:
    return _el(parent, PROJECT_NS, tag, attrs, text)


def _when(time: datetime | None) -> dict[str, str]:
    return {"creationDateTime": time.isoformat()} if time is not None else {}


# -- the plan: which selections, codings and notes go into the file ----------------------------------


@dataclass
class _Note:
    guid: str
    coder: str
    time: datetime | None
    text: str
    code: str | None = None  # only for a memo on a code that the fragment does not carry (confirmed)


@dataclass
class _CodingOut:
    coding: Coding
    guid: str
    notes: list[_Note] = field(default_factory=list)


@dataclass
class _Selection:
    story: Story
    start: int
    end: int
    codings: dict[tuple[str, str], _CodingOut] = field(default_factory=dict)
    memos: list[Memo] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)

    def key(self, *parts: str) -> str:
        return guid(*parts[:1], self.story.id, str(self.start), str(self.end), *parts[1:])


@dataclass
class _Plan:
    selections: dict[str, list[_Selection]] = field(default_factory=lambda: defaultdict(list))
    notes: list[_Note] = field(default_factory=list)

    def coders(self) -> list[str]:
        names = {note.coder for note in self.notes}
        for selections in self.selections.values():
            names |= {coder for sel in selections for _, coder in sel.codings}
        return sorted(names)


def _plan(snapshot: ProjectSnapshot, all_fragments: bool) -> _Plan:
    stories = {s.id: s for s in snapshot.stories}
    known = {c.id for c in snapshot.codebook.codes}
    codings: dict[int, list[Coding]] = defaultdict(list)
    for coding in sorted(snapshot.codings, key=lambda c: (c.code, c.coder)):
        if coding.status == "confirmed" and coding.code in known:
            codings[coding.fragment_id].append(coding)
    memos: dict[int, list[Memo]] = defaultdict(list)
    for memo in snapshot.memos:
        if memo.text:
            memos[memo.fragment_id].append(memo)
    spans: dict[tuple[str, int, int], _Selection] = {}
    plan = _Plan()
    for fragment in sorted(snapshot.fragments, key=lambda f: (f.story_id, f.start, f.end, f.id)):
        story = stories.get(fragment.story_id)
        wanted = all_fragments or codings[fragment.id] or memos[fragment.id]
        if story is None or not wanted or fragment.start == fragment.end:
            continue
        if not 0 <= fragment.start < fragment.end <= len(story.text):
            raise ValidationError(
                "fragment_outside_story",
                fragment=fragment.id,
                start=fragment.start,
                end=fragment.end,
                story=story.id,
            )
        key = (story.id, fragment.start, fragment.end)
        if key not in spans:
            spans[key] = _Selection(story, fragment.start, fragment.end)
            plan.selections[story.id].append(spans[key])
        _add_codings(plan, spans[key], codings[fragment.id])
        spans[key].memos.extend(memos[fragment.id])
    for selection in spans.values():
        _place_memos(plan, selection)
    plan.notes.sort(key=lambda n: n.guid)
    return plan


def _add_codings(plan: _Plan, selection: _Selection, codings: list[Coding]) -> None:
    for coding in codings:
        key = (coding.code, coding.coder)
        if key in selection.codings:
            continue
        out = _CodingOut(coding, selection.key("coding", coding.code, coding.coder))
        selection.codings[key] = out
        if coding.memo:
            note = _Note(selection.key("coding-memo", *key), coding.coder, coding.time, coding.memo)
            plan.notes.append(note)
            out.notes.append(note)


def _place_memos(plan: _Plan, selection: _Selection) -> None:
    """A memo on a code hangs under that coding (its coder's if there is one), any other on the selection."""
    ordinals: dict[tuple[str, str], int] = defaultdict(int)
    ordered = sorted(
        selection.memos, key=lambda m: (m.code or "", m.coder, m.time.isoformat() if m.time else "", m.text)
    )
    for memo in ordered:
        key = (memo.code or "", memo.coder)
        note = _Note(selection.key("memo", *key, str(ordinals[key])), memo.coder, memo.time, memo.text)
        ordinals[key] += 1
        targets = [c for (code, _), c in selection.codings.items() if code == memo.code]
        own = [c for c in targets if c.coding.coder == memo.coder]
        if targets:
            (own or targets)[0].notes.append(note)
        else:
            note.code = memo.code
            selection.notes.append(note)
        plan.notes.append(note)


# -- the project document --------------------------------------------------------------------------------


def _codes(parent: Element, ns: str, codebook: Codebook) -> None:
    """Codes with sub-codes nested; a code whose parent is unknown sits at the top."""
    known = {c.id for c in codebook.codes}
    children: dict[str | None, list[Code]] = defaultdict(list)
    for code in codebook.codes:
        children[code.parent if code.parent in known else None].append(code)
    codes = _el(parent, ns, "Codes")
    stack: list[tuple[Element, Code]] = [(codes, c) for c in reversed(children[None])]
    seen: set[str] = set()
    while stack:
        holder, code = stack.pop()
        if code.id in seen:
            continue
        seen.add(code.id)
        attrs = {"guid": guid("code", code.id), "name": code.name, "isCodable": "true"}
        if RGB.fullmatch(code.colour):
            attrs["color"] = code.colour
        element = _el(holder, ns, "Code", attrs)
        _el(element, ns, "Description", text=code_description(code))
        stack.extend((element, c) for c in reversed(children[code.id]))


def _variable_values(holder: Element, story: Story, variables: list[Variable]) -> None:
    for variable in variables:
        if story.id in variable.values:
            value = _p(holder, "VariableValue")
            _p(value, "VariableRef", {"targetGUID": guid("variable", variable.name)})
            _p(value, VALUE_TAG[variable.kind], text=variable.values[story.id])


def _variables(root: Element, variables: list[Variable]) -> None:
    if not variables:
        return
    holder = _p(root, "Variables")
    for variable in variables:
        attrs = {"guid": guid("variable", variable.name), "name": variable.name}
        _p(holder, "Variable", attrs | {"typeOfVariable": variable.kind})


def _cases(root: Element, stories: list[Story]) -> None:
    """One named case per story that refers to its source, with no values: those are on the source.

    Programs that group sources by case still get one case per story. The values are not repeated on the
    case because QualCoder (the one peer we could run, its own REFI-QDA import) relabels every variable a
    named case carries as a case variable and then shows none of those values on its files; REFI-QDA allows
    ``VariableValue`` on a ``TextSource``. NVivo and ATLAS.ti were not checked. verhalen's reader still
    reads values on cases (older verhalen exports), the source's first.
    """
    cases = _p(root, "Cases")
    for story in stories:
        case = _p(cases, "Case", {"guid": guid("case", story.id), "name": story.id})
        _p(case, "SourceRef", {"targetGUID": guid("source", story.id)})


def _sources(root: Element, stories: list[Story], plan: _Plan, variables: list[Variable]) -> None:
    """Text sources with their selections and the story's values (fields and attributes, typed)."""
    holder = _p(root, "Sources")
    for story in stories:
        source_guid = guid("source", story.id)
        attrs = {"guid": source_guid, "name": story.id, "plainTextPath": f"internal://{source_guid}.txt"}
        source = _p(holder, "TextSource", attrs)
        for selection in plan.selections.get(story.id, ()):
            _selections(source, selection)
        _variable_values(source, story, variables)


def _utc(time: datetime) -> datetime:
    return time if time.tzinfo is not None else time.replace(tzinfo=UTC)


def _selections(source: Element, selection: _Selection) -> None:
    """One ``PlainTextSelection`` per coder of the span, with ``creatingUser`` and ``creationDateTime``.

    Programs that keep one coder per selection (QualCoder) read the coder there; two coders of one span
    in one selection would be merged into one. Every ``Coding`` keeps its own user and time as well.
    """
    named = sorted({c for _, c in selection.codings} | {n.coder for n in selection.notes})
    coders: list[str | None] = [*named] if named else [None]  # no coder: a fragment written for its own sake
    for coder in coders:
        codings = [out for (_, who), out in selection.codings.items() if who == coder]
        notes = [note for note in selection.notes if note.coder == coder]
        times = [out.coding.time for out in codings] + [note.time for note in notes]
        known = [t for t in times if t is not None]
        attrs = {
            "guid": selection.key("selection", *([coder] if coder is not None else [])),
            "name": label(selection.story.text[selection.start : selection.end]),
            "startPosition": str(selection.start),
            "endPosition": str(selection.end),
        }
        if coder is not None:
            attrs["creatingUser"] = guid("user", coder)
        element = _p(source, "PlainTextSelection", attrs | _when(min(known, key=_utc) if known else None))
        # A program that reads a coding's memo from the selection's description (QualCoder, MAXQDA) gets
        # it where that is exact: one coding (or none) and one note of this coder. verhalen reads the notes.
        own = [note for out in codings for note in out.notes] + notes
        if len(codings) <= 1 and len(own) == 1 and own[0].coder == coder:
            _p(element, "Description", text=own[0].text)
        for out in codings:
            user = {"creatingUser": guid("user", out.coding.coder)}
            coding = _p(element, "Coding", {"guid": out.guid} | user | _when(out.coding.time))
            _p(coding, "CodeRef", {"targetGUID": guid("code", out.coding.code)})
            for note in out.notes:
                _p(coding, "NoteRef", {"targetGUID": note.guid})
        for note in notes:
            _p(element, "NoteRef", {"targetGUID": note.guid})


def _notes(root: Element, plan: _Plan) -> None:
    if not plan.notes:
        return
    holder = _p(root, "Notes")
    for note in plan.notes:
        attrs = {"guid": note.guid, "name": label(note.text), "creatingUser": guid("user", note.coder)}
        element = _p(holder, "Note", attrs | _when(note.time))
        if note.code is not None:
            _p(element, "Description", text=MEMO_CODE + note.code)
        _p(element, "PlainTextContent", text=note.text)


def _sets(root: Element, snapshot: ProjectSnapshot) -> None:
    ids = sorted({p.id for p in snapshot.practices} | {s.practice for s in snapshot.stories})
    if not ids:
        return
    holder = _p(root, "Sets")
    for practice in ids:
        attrs = {"guid": guid("set", "praktijk", practice), "name": snapshot.practice_name(practice)}
        element = _p(holder, "Set", attrs)
        _p(element, "Description", text=PRACTICE_SET + practice)
        for story in sorted(s.id for s in snapshot.stories if s.practice == practice):
            _p(element, "MemberSource", {"targetGUID": guid("source", story)})


def _description(codebook: Codebook) -> str:
    lines = [
        PROJECT_MARKER,
        f"codeboek: {escape(codebook.name)}",
        f"codeboekversie: {escape(codebook.version)}",
        f"codeboekbron: {escape(codebook.source)}",
    ]
    lines += [f"geen-voorbeeld: {escape(e)}" for e in codebook.none_examples]
    return "\n".join(lines)


def project_xml(snapshot: ProjectSnapshot, all_fragments: bool = False) -> bytes:
    """The project.qde document (UTF-8 bytes)."""
    plan = _plan(snapshot, all_fragments)
    stories = sorted(snapshot.stories, key=lambda s: s.id)
    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})
    root.set("name", "verhalen")
    root.set("origin", ORIGIN)
    coders = plan.coders()
    if coders:
        users = _p(root, "Users")
        for coder in coders:
            _p(users, "User", {"guid": guid("user", coder), "name": coder, "id": coder})
    if snapshot.codebook.codes:
        _codes(_p(root, "CodeBook"), PROJECT_NS, snapshot.codebook)
    variables = story_variables(stories)
    _variables(root, variables)
    if stories:
        _cases(root, stories)
        _sources(root, stories, plan, variables)
    _notes(root, plan)
    _sets(root, snapshot)
    _p(root, "Description", text=_description(snapshot.codebook))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _zip(files: list[tuple[str, bytes]], out: BinaryIO) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    out.write(buffer.getvalue())


def source_bytes(text: str) -> bytes:
    """A story as a source file: UTF-8 without a byte order mark, the text byte for byte (CRLF stays).

    Offsets count code points of exactly this text. Readers drop one leading BOM (verhalen too: it is a
    signature, not text), so a story that itself starts with U+FEFF gets one BOM in front to keep it.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return (bom + text).encode("utf-8")


def write_qdpx(snapshot: ProjectSnapshot, out: BinaryIO, *, all_fragments: bool = False) -> None:
    """Write a REFI-QDA project: ``project.qde`` and ``sources/<GUID>.txt`` per story (:func:`source_bytes`).

    Selections are the fragments with a confirmed coding or a memo (every fragment with ``all_fragments``);
    only confirmed codings of codes in the codebook are written (REFI has no rejected codings).
    """
    files = [("project.qde", project_xml(snapshot, all_fragments))]
    for story in sorted(snapshot.stories, key=lambda s: s.id):
        files.append((f"sources/{guid('source', story.id)}.txt", source_bytes(story.text)))
    _zip(files, out)


def write_qdc(codebook: Codebook, out: BinaryIO) -> None:
    """Write a REFI-QDA codebook (.qdc) with nested codes, colours and descriptions."""
    if not codebook.codes:
        raise ValidationError("codebook_nothing_to_export")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    _codes(root, CODEBOOK_NS, codebook)
    out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
