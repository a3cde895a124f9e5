"""Shared pieces of the REFI-QDA writer and reader: namespaces, stable GUIDs, the codes' description block.

A REFI code has only a name, a colour and a free-text description. verhalen keeps the definition as the
description text and adds the rest of the code (id, short name, when (not) to use, signals, examples) in a
readable block below a ``[verhalen]`` line, one ``key: value`` per line, newlines escaped as ``\\n``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from verhalen.domain import Code

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://verhalen.invalid/refi-qda")
MARKER = "[verhalen]"
PROJECT_MARKER = "verhalen-export"
PRACTICE_SET = "verhalen-praktijk: "
MEMO_CODE = "code: "
# XML 1.0 forbids most control characters; they cannot be written, so they are left out.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPE = {"n": "\n", "r": "\r", "\\": "\\"}
RGB = re.compile(r"#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})")

# Variables verhalen writes for a story's own fields, in this order; attributes come after them.
PRACTICE_VAR, ROLE_VAR = "praktijk", "rol"
STORY_FIELDS: tuple[str, ...] = ("praktijk", "rol", "datum", "interviewer", "titel", "bronbestand")
# Names the reader also takes for practice and role; an attribute with a reserved name gets a prefix.
ALIASES = {"praktijk": "praktijk", "practice": "praktijk", "rol": "rol", "role": "rol"}
RESERVED = frozenset(STORY_FIELDS) | frozenset(ALIASES)
ATTRIBUTE_PREFIX = "kenmerk:"


def guid(*parts: str) -> str:
    """A GUID that depends only on ``parts`` (so the same project gives the same file)."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def norm_guid(value: str | None) -> str:
    """Compare GUIDs from other programs: no braces, lower case."""
    return (value or "").strip().strip("{}").lower()


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def unescape(value: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPE.get(m.group(1), m.group(0)), value)


def variable_name(attribute: str) -> str:
    """The REFI variable name of a story attribute (prefixed when it would clash with a story field)."""
    clash = attribute.lower() in RESERVED or attribute.startswith(ATTRIBUTE_PREFIX)
    return ATTRIBUTE_PREFIX + attribute if clash else attribute


def attribute_name(variable: str) -> str:
    return variable.removeprefix(ATTRIBUTE_PREFIX)


_FIELDS = (("kort", "short"), ("gebruiken", "when_to_use"), ("niet gebruiken", "when_not_to_use"))


def code_description(code: Code) -> str:
    """The definition, then the ``[verhalen]`` block with everything else of the code."""
    lines = [MARKER, f"id: {escape(code.id)}"]
    lines += [f"{key}: {escape(getattr(code, attr))}" for key, attr in _FIELDS if getattr(code, attr)]
    lines += [f"signaal: {escape(s)}" for s in code.signals]
    lines += [f"voorbeeld: {escape(e)}" for e in code.examples]
    if code.inductive:
        lines.append("inductief: ja")
    block = "\n".join(lines)
    return f"{code.definition}\n\n{block}" if code.definition else block


@dataclass(frozen=True)
class CodeText:
    """What a code's description says: the definition and the fields of the ``[verhalen]`` block."""

    definition: str
    code_id: str = ""
    short: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    signals: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    inductive: bool = False


def parse_description(text: str) -> CodeText:
    """Split a description written by :func:`code_description`; any other text is all definition."""
    definition, sep, rest = text.rpartition(f"\n\n{MARKER}\n")
    if sep:  # the last marker is ours: values in the block never contain a newline
        block = f"{MARKER}\n{rest}"
    elif text == MARKER or text.startswith(MARKER + "\n"):
        definition, block = "", text
    else:
        return CodeText(definition=text)
    fields: dict[str, list[str]] = {}
    for line in block.split("\n")[1:]:
        key, sep, value = line.partition(": ")
        if sep:
            fields.setdefault(key, []).append(unescape(value))
    one = {key: values[0] for key, values in fields.items()}
    return CodeText(
        definition=definition,
        code_id=one.get("id", ""),
        short=one.get("kort", ""),
        when_to_use=one.get("gebruiken", ""),
        when_not_to_use=one.get("niet gebruiken", ""),
        signals=tuple(fields.get("signaal", ())),
        examples=tuple(fields.get("voorbeeld", ())),
        inductive=one.get("inductief", "") == "ja",
    )


def label(text: str, limit: int = 60) -> str:
    """A short one-line name for a selection or note, as other programs show it."""
    text = text.replace("\ufeff", "")
    line = " ".join(text.split())
    if line and text[:1].isspace():  # one space kept: the reader tells such a span from one shifted by
        line = " " + line  # a CRLF counted as one (refi/offsets.py), which starts with white space too
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
