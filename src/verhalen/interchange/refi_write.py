"""Write REFI-QDA: a project (.qdpx, a zip with project.qde and sources/<GUID>.txt) and a codebook (.qdc).

Deterministic: GUIDs come from stable keys, everything is sorted, zip entries have a fixed date, so the
same snapshot gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, BinaryIO

from lxml import etree

from verhalen import __version__
from verhalen.domain import Code, Codebook, Coding, Memo, ProjectSnapshot, Story, ValidationError
from verhalen.interchange.refi_common import (
    CODEBOOK_NS,
    MEMO_CODE,
    PRACTICE_SET,
    PROJECT_MARKER,
    PROJECT_NS,
    RGB,
    STORY_FIELDS,
    code_description,
    escape,
    guid,
    label,
    variable_name,
    xml_text,
)

ORIGIN = f"verhalen {__version__}"
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_VALUE_TAG = {"Text": "TextValue", "Float": "FloatValue", "Date": "DateValue"}
Element = Any  # lxml ships no type information


def _el(parent: Element, ns: str, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> Element:
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
    notes: list[str] = field(default_factory=list)


@dataclass
class _Selection:
    story: Story
    start: int
    end: int
    codings: dict[tuple[str, str], _CodingOut] = field(default_factory=dict)
    memos: list[Memo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

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
                f"Fragment {fragment.id} ({fragment.start}-{fragment.end}) valt buiten verhaal '{story.id}'."
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
            out.notes.append(note.guid)


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
            (own or targets)[0].notes.append(note.guid)
        else:
            note.code = memo.code
            selection.notes.append(note.guid)
        plan.notes.append(note)


# -- variables -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Variable:
    name: str
    kind: str  # Text, Float or Date
    values: dict[str, str]  # story id -> value (never empty)


def _field(story: Story, name: str) -> str:
    values = {
        "praktijk": story.practice,
        "rol": story.role,
        "datum": story.date or "",
        "interviewer": story.interviewer or "",
        "titel": story.title,
        "bronbestand": story.source_name,
    }
    return values[name]


def _is_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _kind(types: set[str], values: list[str]) -> str:
    """Float or Date only when every story agrees on the type and every value fits it; else Text."""
    if types == {"number"} and all(_DECIMAL.fullmatch(v) for v in values):
        return "Float"
    if types == {"date"} and all(_is_date(v) for v in values):
        return "Date"
    return "Text"


def _variables(stories: list[Story]) -> list[_Variable]:
    result = []
    for name in STORY_FIELDS:
        values = {s.id: v for s in stories if (v := _field(s, name))}
        if values:
            result.append(_Variable(name, "Text", values))
    for name in sorted({a.name for s in stories for a in s.attributes}):
        firsts = {s.id: next(a for a in s.attributes if a.name == name) for s in stories}
        values = {sid: a.value for sid, a in firsts.items() if a.value}
        if values:
            kind = _kind({a.type for a in firsts.values()}, list(values.values()))
            result.append(_Variable(variable_name(name), kind, values))
    return result
