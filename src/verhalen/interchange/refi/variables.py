"""Story fields and attributes as REFI-QDA variables, each with the most specific type all values fit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from verhalen.domain import Story
from verhalen.interchange.refi.common import STORY_FIELDS, variable_name

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")  # xsd:decimal: no exponent, no comma
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
VALUE_TAG = {"Text": "TextValue", "Float": "FloatValue", "Date": "DateValue"}


@dataclass(frozen=True)
class Variable:
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


def story_variables(stories: list[Story]) -> list[Variable]:
    result = []
    for name in STORY_FIELDS:
        values = {s.id: v for s in stories if (v := _field(s, name))}
        if values:
            kind = _kind({"date"}, list(values.values())) if name == "datum" else "Text"
            result.append(Variable(name, kind, values))
    for name in sorted({a.name for s in stories for a in s.attributes}):
        firsts = {s.id: next(a for a in s.attributes if a.name == name) for s in stories if name in _names(s)}
        filled = {sid: a for sid, a in firsts.items() if a.value}
        if filled:
            kind = _kind({a.type for a in filled.values()}, [a.value for a in filled.values()])
            result.append(Variable(variable_name(name), kind, {sid: a.value for sid, a in filled.items()}))
    return result


def _names(story: Story) -> set[str]:
    return {a.name for a in story.attributes}
