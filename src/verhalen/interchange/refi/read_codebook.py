"""Reading REFI-QDA XML as other programs write it (any namespace, braced GUIDs); codebooks (.qdc)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any, BinaryIO

from lxml import etree

from verhalen.domain import Code, Codebook, IngestError
from verhalen.interchange.refi.common import RGB, norm_guid, parse_description
from verhalen.messages import Message

Element = Any  # lxml ships no type information
_DEFAULT_COLOUR = "#777777"  # as Code.colour


# -- XML helpers --------------------------------------------------------------------------------------


def parse_xml(data: bytes, where: str | Message) -> Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True, load_dtd=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError("xml_invalid", where=where, reason=str(exc)) from exc


def local(element: Element) -> str:
    return str(etree.QName(element).localname) if isinstance(element.tag, str) else ""


def kids(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [c for c in element if local(c) == name]


def kid(element: Element | None, name: str) -> Element | None:
    found = kids(element, name)
    return found[0] if found else None


def text_of(element: Element | None) -> str:
    return "" if element is None else str(element.text or "")


def parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat((value or "").strip())
    except ValueError:
        return None


def to_int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def unique(name: str, taken: set[str]) -> str:
    result, n = name, 1
    while result in taken:
        n += 1
        result = f"{name}-{n}"
    taken.add(result)
    return result


# -- codes (shared by .qdpx and .qdc) ------------------------------------------------------------------


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_.-]+", "-", ascii_name.lower()).strip("-.")
    return slug if slug[:1].isalpha() else f"c-{slug}".rstrip("-")


def _colour(value: str | None) -> str:
    value = (value or "").strip()
    if not RGB.fullmatch(value):
        return _DEFAULT_COLOUR
    if len(value) == 4:
        return "#" + "".join(c * 2 for c in value[1:])
    return value


def _code(element: Element, parent: str | None, taken: set[str]) -> Code:
    about = parse_description(text_of(kid(element, "Description")))
    name = (element.get("name") or "").strip() or "code"
    return Code(
        id=unique(about.code_id or _slug(name), taken),
        name=name,
        short=about.short,
        colour=_colour(element.get("color")),
        definition=about.definition,
        when_to_use=about.when_to_use,
        when_not_to_use=about.when_not_to_use,
        signals=about.signals,
        examples=about.examples,
        parent=parent,
        inductive=about.inductive,
    )


def read_codes(codes: Element | None) -> tuple[list[Code], dict[str, str]]:
    """Codes depth first (a parent before its sub-codes) and a map from GUID to code id."""
    result: list[Code] = []
    ids: dict[str, str] = {}
    taken: set[str] = set()
    stack: list[tuple[Element, str | None]] = [(c, None) for c in reversed(kids(codes, "Code"))]
    while stack:
        element, parent = stack.pop()
        code = _code(element, parent, taken)
        result.append(code)
        ids[norm_guid(element.get("guid"))] = code.id
        stack.extend((c, code.id) for c in reversed(kids(element, "Code")))
    return result, ids


def read_qdc(file: BinaryIO, *, version: str = "import", name: str = "Geïmporteerd codeboek") -> Codebook:
    """A codebook from a .qdc (or the codebook of a .qde) as a proposal for a new codebook version."""
    root = parse_xml(file.read(), Message("xml_where_codebook"))
    holder = root if local(root) == "CodeBook" else kid(root, "CodeBook")
    codes, _ = read_codes(kid(holder, "Codes"))
    if not codes:
        raise IngestError("refi_codebook_empty")
    return Codebook(version=version, name=name, codes=tuple(codes), source=str(root.get("origin") or ""))
