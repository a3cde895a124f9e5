"""Conversions between ORM rows and domain objects (used by the repository classes only)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from verhalen.domain import Attribute, Code, Event, Fragment, Rationale, Story
from verhalen.store.models import CodeRow, EventRow, FragmentRow, StoryRow


def story(row: StoryRow) -> Story:
    return Story(
        id=row.story_id,
        practice=row.practice_id,
        role=row.role,
        text=row.text,
        title=row.title,
        date=row.date,
        interviewer=row.interviewer,
        attributes=tuple(
            Attribute(a.name, a.value, a.type)  # type: ignore[arg-type]
            for a in sorted(row.attributes, key=lambda a: a.name)
        ),
        source_name=row.source_name,
    )


def fragment(row: FragmentRow, story_id: str, index: int) -> Fragment:
    return Fragment(
        story_id=story_id,
        index=index,
        start=row.start,
        end=row.end,
        text=row.text,
        kind=row.kind,  # type: ignore[arg-type]
        speaker=row.speaker,
        codable=row.codable,
        id=row.id,
    )


def rationale_json(rationale: Rationale) -> str:
    """The rationale as JSON (written field by field: ``dataclasses.asdict`` was half the time of a
    rescore of 2,000 fragments)."""
    return json.dumps(
        {
            "examples": list(rationale.examples),
            "example_fragments": list(rationale.example_fragments),
            "signals": list(rationale.signals),
            "definition_similarity": rationale.definition_similarity,
            "components": [list(c) for c in rationale.components],
        },
        ensure_ascii=False,
    )


def rationale(text: str) -> Rationale:
    data: dict[str, Any] = json.loads(text or "{}")
    return Rationale(
        examples=tuple(data.get("examples", ())),
        example_fragments=tuple(int(i) for i in data.get("example_fragments", ())),
        signals=tuple(data.get("signals", ())),
        definition_similarity=float(data.get("definition_similarity", 0.0)),
        components=tuple((str(k), float(v)) for k, v in data.get("components", ())),
    )


def code_row(version: str, position: int, code: Code) -> CodeRow:
    return CodeRow(
        codebook_version=version,
        code_id=code.id,
        parent_id=code.parent,
        position=position,
        name=code.name,
        short=code.short,
        colour=code.colour,
        definition=code.definition,
        when_to_use=code.when_to_use,
        when_not_to_use=code.when_not_to_use,
        signals=json.dumps(list(code.signals), ensure_ascii=False),
        examples=json.dumps(list(code.examples), ensure_ascii=False),
        inductive=code.inductive,
    )


def code(row: CodeRow) -> Code:
    return Code(
        id=row.code_id,
        name=row.name,
        short=row.short,
        colour=row.colour,
        definition=row.definition,
        when_to_use=row.when_to_use,
        when_not_to_use=row.when_not_to_use,
        signals=tuple(json.loads(row.signals)),
        examples=tuple(json.loads(row.examples)),
        parent=row.parent_id,
        inductive=row.inductive,
    )


def event(row: EventRow) -> Event:
    return Event(row.id, row.time, row.coder, row.kind, row.fragment_id, row.code_id, row.payload)


def dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)


T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
