"""The code manager: rename, recolour, move and merge codes of the active codebook version.

What may change:
- inductive codes (added while coding, from a theme or an imported project): rename, recolour, move (to the
  top level or under a top-level code, e.g. a factor of the handreiking) and merge into another code;
- the handreiking's own codes (the working factors and their sub-codes from codebook/*.yaml): only their
  colour, and they can be the target of a merge. Their names and place are the handreiking's and come back
  from the file; a new codebook file version starts again from the file's colours.

Codes have at most two levels (a code and its sub-codes). Every change is one transaction with its events
(``verhalen.store.codes``); afterwards the suggester is refitted, since the codebook it scores changed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any, Literal, Protocol

from verhalen.app.retrieval import code_name, code_options
from verhalen.domain import Code, Codebook, ValidationError
from verhalen.store.codes import MergeCount

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_NAME = 300
Refresh = bool | Literal["background"]


class _Codes(Protocol):
    def change_code(
        self,
        version: str,
        code_id: str,
        coder: str,
        *,
        name: str | None = None,
        short: str | None = None,
        colour: str | None = None,
        parent: Any = ...,
    ) -> bool: ...
    def merge_code(self, version: str, source: str, target: str, coder: str) -> MergeCount: ...


class _Bench(Protocol):
    @property
    def repo(self) -> _Codes: ...
    def codebook(self) -> Codebook: ...
    def reset_cache(self) -> None: ...
    def refresh_after_decision(self) -> float: ...
    def schedule_refresh(self, stories: Collection[str] = ()) -> None: ...
    def require(self, action: str) -> None: ...


def built_in(code: Code) -> bool:
    """A code of the handreiking's codebook file (not added by the researchers)."""
    return not code.inductive


def _editable(book: Codebook, code_id: str) -> Code:
    code = _get(book, code_id)
    if built_in(code):
        raise ValidationError("code_built_in", code=code_name(book, code_id))
    return code


def _get(book: Codebook, code_id: str) -> Code:
    try:
        return book.get(code_id)
    except KeyError:
        raise ValidationError("code_gone", code=code_id) from None


def _after(bench: _Bench, refresh: Refresh) -> None:
    bench.reset_cache()
    if refresh == "background":
        bench.schedule_refresh()
    elif refresh:
        bench.refresh_after_decision()


# -- what the page offers ----------------------------------------------------------------------------------
def parent_options(book: Codebook, code_id: str) -> list[str | None]:
    """Where ``code_id`` can go: the top level (None) or under a top-level code other than itself. A code
    with sub-codes stays at the top level (two levels at most)."""
    if book.children(code_id):
        return [None]
    return [None, *(c.id for c in book.factors if c.id != code_id)]


def merge_targets(book: Codebook, code_id: str) -> list[str]:
    """The codes ``code_id`` can be merged into: any other code but its own sub-codes; a code with sub-codes
    only into a top-level code (its sub-codes move along)."""
    has_children = bool(book.children(code_id))
    return [
        c
        for c in code_options(book)
        if c != code_id and book.get(c).parent != code_id and (not has_children or book.get(c).parent is None)
    ]


# -- the changes -----------------------------------------------------------------------------------------
def rename(bench: _Bench, code_id: str, name: str, coder: str, refresh: Refresh = "background") -> bool:
    """Give an inductive code a new name (its id, and so its codings, stay)."""
    bench.require("codebook")
    book = bench.codebook()
    code = _editable(book, code_id)
    name = " ".join(name.split())
    if not name:
        raise ValidationError("code_name_missing")
    if len(name) > MAX_NAME:
        raise ValidationError("code_name_too_long", limit=MAX_NAME)
    twin = next(
        (
            c
            for c in book.codes
            if c.id != code_id and c.parent == code.parent and c.label.casefold() == name.casefold()
        ),
        None,
    )
    if twin is not None:
        raise ValidationError("code_name_taken", code=code_name(book, twin.id))
    changed = bench.repo.change_code(book.version, code_id, coder, name=name, short="")
    if changed:
        _after(bench, refresh)
    return changed


def recolour(bench: _Bench, code_id: str, colour: str, coder: str, refresh: Refresh = "background") -> bool:
    """Give any code (also one of the handreiking) a colour of its own."""
    bench.require("codebook")
    book = bench.codebook()
    _get(book, code_id)
    if not COLOUR.match(colour.strip()):
        raise ValidationError("colour_invalid", colour=colour)
    changed = bench.repo.change_code(book.version, code_id, coder, colour=colour.strip().lower())
    if changed:
        _after(bench, refresh)
    return changed


def move(
    bench: _Bench, code_id: str, parent: str | None, coder: str, refresh: Refresh = "background"
) -> bool:
    """Put an inductive code at the top level (``parent`` None) or under a top-level code."""
    bench.require("codebook")
    book = bench.codebook()
    _editable(book, code_id)
    if parent is not None:
        _get(book, parent)
    if parent not in parent_options(book, code_id):
        if book.children(code_id):
            raise ValidationError("code_has_subcodes", code=code_name(book, code_id))
        raise ValidationError("subcode_two_levels")
    changed = bench.repo.change_code(book.version, code_id, coder, parent=parent)
    if changed:
        _after(bench, refresh)
    return changed


def merge(bench: _Bench, source: str, target: str, coder: str, refresh: Refresh = "background") -> MergeCount:
    """Merge inductive code ``source`` into ``target``: its decisions follow (see ``store.codes``)."""
    bench.require("codebook")
    book = bench.codebook()
    _editable(book, source)
    _get(book, target)
    if target not in merge_targets(book, source):
        if source == target:
            raise ValidationError("merge_choose_other")
        raise ValidationError(
            "merge_not_possible", source=code_name(book, source), target=code_name(book, target)
        )
    result = bench.repo.merge_code(book.version, source, target, coder)
    _after(bench, refresh)
    return result
