"""One validation of what a user or a file puts into the project, the same on SQLite and PostgreSQL.

PostgreSQL refuses a NUL character and the schema's column lengths; SQLite accepts anything. Every text
that reaches the store passes through here first, so both databases take and refuse the same input, with
the same one-line catalogue message (which names the field and the limit, never the refused text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from verhalen.domain import Code, Coding, Memo, Practice, Story, ValidationError
from verhalen.messages import Count, Message

MAX_STORY_ID = 120
MAX_CODER = 100
MAX_CODE_ID = 100
MAX_CODE_NAME = 200
MAX_PRACTICE_ID = 64
MAX_PRACTICE_NAME = 200
MAX_MEMO = 20_000
MAX_TITLE = 300
MAX_ROLE = 32
MAX_INTERVIEWER = 200
MAX_SOURCE_NAME = 300
MAX_ATTRIBUTE_NAME = 100
# A long interview transcript is 60,000-150,000 characters; a story ten times that is no story but a dump.
MAX_STORY_CHARS = 1_000_000
MIN_STORY_SIGNS = 2  # letters or digits: a 1-byte file or a row of dots is no story

# Control characters: C0 and C1 except tab and line breaks, and DEL. A NUL is one of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Characters that show nothing: zero-width spaces and joiners, direction marks, BOM, soft hyphen.
_INVISIBLE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u3164\ufeff\uffa0]"
)


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character other than a tab or a line break."""
    return bool(_CONTROL.search(text))


def visible(text: str) -> str:
    """``text`` without invisible characters and without white space of any kind."""
    return "".join(ch for ch in _INVISIBLE.sub("", text) if not ch.isspace())


def name(value: str, what: str | Message, limit: int) -> str:
    """A one-line name or id (coder, code, story id, practice): trimmed; refused when it holds a control
    character, only invisible characters, or more than ``limit`` characters."""
    if _CONTROL_IN_NAME.search(value):
        raise ValidationError("value_control_or_newline", what=what)
    cleaned = " ".join(unicodedata.normalize("NFC", value).split())
    if not visible(cleaned):
        raise ValidationError("value_invisible", what=what)
    if len(cleaned) > limit:
        raise ValidationError("value_longer_than", what=what, limit=limit)
    return cleaned


def text(value: str, what: str | Message, limit: int, allow_empty: bool = False) -> str:
    """A longer text (memo, story text): line breaks and tabs allowed, other control characters not."""
    if _CONTROL.search(value):
        raise ValidationError("value_control", what=what)
    if len(value) > limit:
        raise ValidationError("value_too_long", what=what, size=Count(len(value)), most=Count(limit))
    if not allow_empty and not visible(value):
        raise ValidationError("value_invisible", what=what)
    return value


def coder(value: str) -> str:
    return name(value, Message("what_coder"), MAX_CODER)


def story_id(value: str) -> str:
    return name(value, Message("what_story_id"), MAX_STORY_ID)


def story_text(value: str) -> str:
    """A story's text: no control characters, at most MAX_STORY_CHARS, at least two letters or digits."""
    text(value, Message("what_story_text"), MAX_STORY_CHARS)
    if sum(ch.isalnum() for ch in value) < MIN_STORY_SIGNS:
        raise ValidationError("story_text_no_words")
    return value


def story(value: Story) -> Story:
    """A story as it will be stored; its id is returned trimmed."""
    story_text(value.text)
    practice_id(value.practice)
    if value.title:
        name(value.title, Message("what_story_title"), MAX_TITLE)
    name(value.role, Message("what_role"), MAX_ROLE)
    if value.interviewer:
        name(value.interviewer, Message("what_interviewer"), MAX_INTERVIEWER)
    if value.source_name:
        name(value.source_name, Message("what_source_name"), MAX_SOURCE_NAME)
    for attribute in value.attributes:
        name(attribute.name, Message("what_attribute_name"), MAX_ATTRIBUTE_NAME)
        text(attribute.value, Message("what_attribute", name=attribute.name), MAX_MEMO, allow_empty=True)
    return replace(value, id=story_id(value.id))


def practice_id(value: str) -> str:
    return name(value, Message("what_practice_id"), MAX_PRACTICE_ID)


def practice(value: Practice) -> Practice:
    return Practice(practice_id(value.id), name(value.name, Message("what_practice_name"), MAX_PRACTICE_NAME))


def code(value: Code) -> Code:
    """A code's id and name (the codebook file's own fields are checked by codebook.py)."""
    return replace(
        value,
        id=name(value.id, Message("what_code_id"), MAX_CODE_ID),
        name=name(value.name, Message("what_code_name"), MAX_CODE_NAME),
    )


def code_id(value: str) -> str:
    return name(value, Message("what_code_id"), MAX_CODE_ID)


def memo_text(value: str) -> str:
    return text(value, Message("what_memo"), MAX_MEMO, allow_empty=True)  # an empty memo removes it


def coding(value: Coding) -> Coding:
    return replace(value, coder=coder(value.coder), code=code_id(value.code), memo=memo_text(value.memo))


def memo(value: Memo) -> Memo:
    code_ = None if value.code is None else code_id(value.code)
    return replace(value, coder=coder(value.coder), text=memo_text(value.text), code=code_)


MAX_TABLE_ROWS = 5_000  # stories per table file: stored in one transaction, indexed before the command ends


def table_rows(file: str, rows: int) -> None:
    """Refuse a table with more rows than one import stores at once, with the way out."""
    if rows > MAX_TABLE_ROWS:
        raise ValidationError("table_too_many_rows", file=file, many=Count(rows), most=Count(MAX_TABLE_ROWS))
