"""Domain objects of verhalen: frozen, typed, free of any storage or UI concern.

Offsets are Unicode code points into ``Story.text`` (Python ``str`` indices), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from verhalen.messages import is_key, render

ROLES: tuple[str, ...] = ("ouder", "vrijwilliger", "professional")
STATUSES: tuple[str, ...] = ("confirmed", "rejected")
FragmentKind = Literal["sentence", "turn", "paragraph"]
Status = Literal["confirmed", "rejected"]
AttributeType = Literal["text", "number", "date"]
NO_CODE = "geen"


class VerhalenError(Exception):
    """Base class of every error verhalen reports to a user. Raised with a key of messages.CATALOGUE and
    its parameters (``ValidationError("code_unknown", code=x)``), ``str()`` is the Dutch text and
    :meth:`text` any language; raised with a plain Dutch sentence it is that sentence in every language."""

    def __init__(self, message: str = "", /, **params: object) -> None:
        self.key = message if is_key(message) else None
        self.params = params
        super().__init__(render(message, "nl", **params) if self.key else message)

    def text(self, lang: str = "nl") -> str:
        """The message in ``lang`` (Dutch for a plain sentence that is not in the catalogue yet)."""
        return render(self.key, lang, **self.params) if self.key else str(self)


class IngestError(VerhalenError):
    """A file or row could not be imported; nothing of it was stored."""


class ValidationError(VerhalenError):
    """Input (codebook, decision, settings) does not satisfy the rules."""


@dataclass(frozen=True)
class Practice:
    id: str
    name: str


@dataclass(frozen=True)
class Attribute:
    name: str
    value: str
    type: AttributeType = "text"


@dataclass(frozen=True)
class Story:
    """An anonymised story as told by one person."""

    id: str
    practice: str
    role: str
    text: str
    title: str = ""
    date: str | None = None
    interviewer: str | None = None
    attributes: tuple[Attribute, ...] = ()
    source_name: str = ""

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValidationError(f"Onbekende rol '{self.role}'; kies uit {', '.join(ROLES)}.")
        if not self.id.strip():
            raise ValidationError("Een verhaal heeft een id nodig.")

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Fragment:
    """A span of a story. ``id`` is 0 until the fragment is stored."""

    story_id: str
    index: int
    start: int
    end: int
    text: str
    kind: FragmentKind = "sentence"
    speaker: str | None = None
    codable: bool = True
    id: int = 0


@dataclass(frozen=True)
class Code:
    id: str
    name: str
    short: str = ""
    colour: str = "#777777"
    definition: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    signals: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    parent: str | None = None
    inductive: bool = False

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class Codebook:
    version: str
    name: str
    codes: tuple[Code, ...]
    none_examples: tuple[str, ...] = ()
    source: str = ""

    def get(self, code_id: str) -> Code:
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(code_id)

    @property
    def factors(self) -> tuple[Code, ...]:
        """Top-level codes (the working factors and inductive top-level codes)."""
        return tuple(c for c in self.codes if c.parent is None)

    def children(self, code_id: str) -> tuple[Code, ...]:
        return tuple(c for c in self.codes if c.parent == code_id)

    def path(self, code_id: str) -> str:
        """'netwerk/netwerk.praktisch' style path from the root."""
        parts: list[str] = []
        current: str | None = code_id
        while current is not None:
            parts.append(current)
            current = self.get(current).parent
        return "/".join(reversed(parts))

    def factor_of(self, code_id: str) -> str:
        """The top-level code above ``code_id`` (itself for a top-level code); an id may hold a '/'."""
        current = self.get(code_id)
        while current.parent is not None:
            current = self.get(current.parent)
        return current.id


@dataclass(frozen=True)
class Rationale:
    """Why a code was suggested: nearest examples, matched signals, definition similarity."""

    examples: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    definition_similarity: float = 0.0
    components: tuple[tuple[str, float], ...] = ()
    example_fragments: tuple[int, ...] = ()  # per example: the decided fragment it was, 0 for the codebook


@dataclass(frozen=True)
class Suggestion:
    fragment_id: int
    code: str
    score: float
    rationale: Rationale = field(default_factory=Rationale)
    suggester: str = ""


@dataclass(frozen=True)
class Coding:
    fragment_id: int
    code: str
    coder: str
    status: Status
    time: datetime | None = None
    memo: str = ""


@dataclass(frozen=True)
class Event:
    """One entry of the append-only decision log."""

    id: int
    time: datetime
    coder: str
    kind: str
    fragment_id: int | None
    code: str | None
    payload: str = "{}"


@dataclass(frozen=True)
class Memo:
    """A memo on a fragment (code is None) or on one code of a fragment."""

    fragment_id: int
    coder: str
    text: str
    code: str | None = None
    time: datetime | None = None


@dataclass(frozen=True)
class ProjectSnapshot:
    """Everything an export needs, read from the store in one go (no session leaks out)."""

    practices: tuple[Practice, ...]
    stories: tuple[Story, ...]
    fragments: tuple[Fragment, ...]
    codings: tuple[Coding, ...]
    codebook: Codebook
    suggestions: tuple[Suggestion, ...] = ()
    memos: tuple[Memo, ...] = ()
    suggester_version: str = ""

    def practice_name(self, practice_id: str) -> str:
        for practice in self.practices:
            if practice.id == practice_id:
                return practice.name
        return practice_id
