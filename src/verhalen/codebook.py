"""Load and validate the YAML codebook; every error names the file and line it comes from."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from verhalen.domain import Code, Codebook, ValidationError
from verhalen.messages import Message

FACTOR_IDS: tuple[str, ...] = ("professional", "structuur", "groepsgevoel", "netwerk", "leren", "ontspannen")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")
_LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the 1-based line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _fail(where: str, line: int, message: Message) -> ValidationError:
    return ValidationError("codebook_at_line", where=where, line=line, error=message)


def _text(entry: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _fail(where, entry[_LINE], Message("codebook_not_text", key=key))
    if required and not value.strip():
        raise _fail(where, entry[_LINE], Message("codebook_field_missing", key=key))
    return value.strip()


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, entry[_LINE], Message("codebook_not_list", key=key))
    return tuple(v.strip() for v in value if v.strip())


def _code(entry: Any, where: str, parent: str | None, line: int) -> Code:
    if not isinstance(entry, dict):
        raise _fail(where, line, Message("codebook_code_not_mapping"))
    code_id = _text(entry, "id", where)
    if not _ID.match(code_id):
        raise _fail(where, entry[_LINE], Message("codebook_code_id_invalid", code=code_id))
    colour = _text(entry, "colour", where, required=parent is None) or "#999999"
    if not _COLOUR.match(colour):
        raise _fail(where, entry[_LINE], Message("codebook_colour_invalid", colour=colour, code=code_id))
    examples = _strings(entry, "examples", where)
    if parent is None and len(examples) < 6:
        raise _fail(where, entry[_LINE], Message("codebook_few_examples", code=code_id, n=len(examples)))
    return Code(
        id=code_id,
        name=_text(entry, "name", where),
        short=_text(entry, "short", where, required=False),
        colour=colour,
        definition=_text(entry, "definition", where),
        when_to_use=_text(entry, "when_to_use", where, required=parent is None),
        when_not_to_use=_text(entry, "when_not_to_use", where, required=parent is None),
        signals=tuple(s.lower() for s in _strings(entry, "signals", where)),
        examples=examples,
        parent=parent,
        inductive=bool(entry.get("inductive", False)),
    )


def parse_codebook(text: str, where: str = "codeboek") -> Codebook:
    """Parse and validate codebook YAML text."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise _fail(where, line, Message("codebook_yaml_invalid", problem=exc.problem)) from exc
    if not isinstance(data, dict):
        raise _fail(where, 1, Message("codebook_not_mapping"))
    version = str(data.get("version", "")).strip()
    if not version:
        raise _fail(where, data[_LINE], Message("codebook_version_missing"))
    entries = data.get("codes")
    if not isinstance(entries, list) or not entries:
        raise _fail(where, data[_LINE], Message("codebook_codes_missing"))
    codes: list[Code] = []
    for entry in entries:
        code = _code(entry, where, None, data[_LINE])
        codes.append(code)
        for sub in entry.get("subcodes") or []:
            codes.append(_code(sub, where, code.id, entry[_LINE]))
    seen: set[str] = set()
    for code in codes:
        if code.id in seen:
            raise _fail(where, data[_LINE], Message("codebook_code_twice", code=code.id))
        seen.add(code.id)
    missing = [f for f in FACTOR_IDS if f not in seen]
    if missing:
        raise _fail(where, data[_LINE], Message("codebook_factors_missing", factors=", ".join(missing)))
    none_examples = _strings(data, "none_examples", where)
    return Codebook(
        version=version,
        name=str(data.get("name", "Codeboek")),
        codes=tuple(codes),
        none_examples=none_examples,
        source=str(data.get("source", "")),
    )


def load_codebook(path: Path) -> Codebook:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("codebook_unreadable", path=path, reason=str(exc)) from exc
    return parse_codebook(text, where=str(path.name))


def codebook_fingerprint(codebook: Codebook) -> str:
    """Short content hash: changes whenever a definition, signal or example changes."""
    digest = hashlib.sha256(repr(codebook).encode("utf-8")).hexdigest()
    return digest[:12]
