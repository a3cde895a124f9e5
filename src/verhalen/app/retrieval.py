"""Retrieval: every coded segment of a code (or sub-code) across stories, with its memos.

The first thing a researcher does when writing up a factor is read all its segments side by side. This module
composes the existing read methods (stories, fragments, codings, memos, the active codebook) into
:class:`Project`, and keeps the rest pure: which segments a code has under a filter (practice, role, coder),
the memos per code and per story, code display names ("Groepsgevoel › Herkenning", never raw ids) and the
rows of a CSV export. No UI and no storage code here.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from verhalen.domain import Codebook, Coding, Fragment, Memo, Practice, Story
from verhalen.interchange.cells import write_csv_table

SEPARATOR = " › "
CSV_COLUMNS: tuple[str, ...] = (
    "story_id",
    "practice",
    "role",
    "fragment_id",
    "code",
    "code_name",
    "coders",
    "text",
    "memos",
)


class _Reads(Protocol):
    """The read methods of ``Repository`` this module uses."""

    def practices(self) -> list[Practice]: ...
    def stories(self) -> list[Story]: ...
    def fragments(self, story_id: str | None = None, codable_only: bool = False) -> list[Fragment]: ...
    def codings(self, story_id: str | None = None, coder: str | None = None) -> list[Coding]: ...
    def memos(self) -> list[Memo]: ...


class _Bench(Protocol):
    @property
    def repo(self) -> _Reads: ...
    def codebook(self) -> Codebook: ...


# -- code names ------------------------------------------------------------------------------------------
def code_name(book: Codebook, code_id: str) -> str:
    """'Groepsgevoel › Herkenning': the labels along the code's path; an unknown id is shown as it is."""
    known = {c.id: c for c in book.codes}
    parts: list[str] = []
    current: str | None = code_id
    while current is not None and current in known and current not in parts:
        parts.append(current)
        current = known[current].parent
    if not parts:
        return code_id
    return SEPARATOR.join(known[p].label for p in reversed(parts))


def code_options(book: Codebook) -> list[str]:
    """Every code id in reading order: each factor followed by its sub-codes (depth first)."""
    ordered: list[str] = []

    def visit(code_id: str) -> None:
        ordered.append(code_id)
        for child in book.children(code_id):
            visit(child.id)

    for factor in book.factors:
        visit(factor.id)
    ordered += [c.id for c in book.codes if c.id not in ordered]  # a parent that is missing: still listed
    return ordered


def descendants(book: Codebook, code_id: str) -> frozenset[str]:
    """``code_id`` and every code below it."""
    found = {code_id}
    frontier = [code_id]
    while frontier:
        parent = frontier.pop()
        for child in book.children(parent):
            if child.id not in found:
                found.add(child.id)
                frontier.append(child.id)
    return frozenset(found)


# -- the data --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Project:
    """What retrieval reads from a project, in one go."""

    codebook: Codebook
    practices: tuple[Practice, ...]
    stories: tuple[Story, ...]
    fragments: tuple[Fragment, ...]
    codings: tuple[Coding, ...]
    memos: tuple[Memo, ...]

    def practice_name(self, practice_id: str) -> str:
        return next((p.name for p in self.practices if p.id == practice_id), practice_id)

    @property
    def coders(self) -> list[str]:
        return sorted({c.coder for c in self.codings})


def load(bench: _Bench) -> Project:
    """Read the project through the Workbench's repository (no new store methods)."""
    repo = bench.repo
    return Project(
        codebook=bench.codebook(),
        practices=tuple(repo.practices()),
        stories=tuple(repo.stories()),
        fragments=tuple(repo.fragments()),
        codings=tuple(repo.codings()),
        memos=tuple(repo.memos()),
    )


@dataclass(frozen=True)
class RetrievalFilter:
    """Which segments: of stories of ``practice`` / ``role``, coded by ``coder`` (None = all)."""

    practice: str | None = None
    role: str | None = None
    coder: str | None = None
    with_subcodes: bool = True


@dataclass(frozen=True)
class MemoEntry:
    """One memo: on a code of a fragment (``code`` set) or on the fragment as a whole (``code`` None)."""

    story_id: str
    fragment_id: int
    coder: str
    text: str
    code: str | None = None
    time: datetime | None = None


@dataclass(frozen=True)
class Segment:
    """A fragment that carries the chosen code (or one below it), with who coded it and the memos."""

    fragment: Fragment
    story: Story
    codes: tuple[str, ...]  # the matching codes confirmed on it (a factor and/or its sub-codes)
    coders: tuple[str, ...]
    memos: tuple[MemoEntry, ...]


def memo_entries(project: Project) -> list[MemoEntry]:
    """Every non-empty memo: memos written with a code decision and memos on a fragment, in story order."""
    story_of = {f.id: f.story_id for f in project.fragments}
    entries = [
        MemoEntry(story_of[c.fragment_id], c.fragment_id, c.coder, c.memo.strip(), c.code, c.time)
        for c in project.codings
        if c.memo.strip() and c.fragment_id in story_of
    ]
    entries += [
        MemoEntry(story_of[m.fragment_id], m.fragment_id, m.coder, m.text.strip(), m.code, m.time)
        for m in project.memos
        if m.text.strip() and m.fragment_id in story_of
    ]
    order = {f.id: (f.story_id, f.start, f.id) for f in project.fragments}
    return sorted(entries, key=lambda e: (order[e.fragment_id], e.code or "", e.coder))


def segments(project: Project, code_id: str, where: RetrievalFilter = RetrievalFilter()) -> list[Segment]:
    """Every fragment confirmed with ``code_id`` (and, by default, its sub-codes) that passes ``where``,
    in story and reading order. A memo shows when it is on the fragment or on one of the matching codes,
    and was written by a coder the filter admits."""
    wanted = descendants(project.codebook, code_id) if where.with_subcodes else frozenset({code_id})
    stories = {
        s.id: s
        for s in project.stories
        if where.practice in (None, s.practice) and where.role in (None, s.role)
    }
    hits: dict[int, list[Coding]] = defaultdict(list)
    for c in project.codings:
        if c.status == "confirmed" and c.code in wanted and where.coder in (None, c.coder):
            hits[c.fragment_id].append(c)
    if not hits:
        return []
    memos: dict[int, list[MemoEntry]] = defaultdict(list)
    for entry in memo_entries(project):
        admitted = where.coder in (None, entry.coder) and (entry.code is None or entry.code in wanted)
        if entry.fragment_id in hits and admitted:
            memos[entry.fragment_id].append(entry)
    rank = {code: i for i, code in enumerate(code_options(project.codebook))}
    found = [
        Segment(
            fragment=f,
            story=stories[f.story_id],
            codes=tuple(sorted({c.code for c in hits[f.id]}, key=lambda c: (rank.get(c, len(rank)), c))),
            coders=tuple(sorted({c.coder for c in hits[f.id]})),
            memos=tuple(memos.get(f.id, ())),
        )
        for f in project.fragments
        if f.id in hits and f.story_id in stories
    ]
    return sorted(found, key=lambda s: (s.story.id, s.fragment.start, s.fragment.id))


def memos_by_code(project: Project, entries: Sequence[MemoEntry] | None = None) -> dict[str, list[MemoEntry]]:
    """Code id -> the memos written with a decision on that code, in code order (codes without memos
    left out)."""
    grouped: dict[str, list[MemoEntry]] = defaultdict(list)
    for entry in memo_entries(project) if entries is None else entries:
        if entry.code is not None:
            grouped[entry.code].append(entry)
    order = code_options(project.codebook)
    rank = {code: i for i, code in enumerate(order)}
    return {code: grouped[code] for code in sorted(grouped, key=lambda c: (rank.get(c, len(order)), c))}


def memos_by_story(
    project: Project, entries: Sequence[MemoEntry] | None = None
) -> dict[str, list[MemoEntry]]:
    """Story id -> every memo on its fragments (fragment memos and code memos), in reading order."""
    grouped: dict[str, list[MemoEntry]] = defaultdict(list)
    for entry in memo_entries(project) if entries is None else entries:
        grouped[entry.story_id].append(entry)
    return dict(sorted(grouped.items()))


def memo_about(book: Codebook, memo: MemoEntry) -> str:
    """' (Groepsgevoel › Herkenning)' for a memo on a code, '' for a memo on the fragment."""
    return f" ({code_name(book, memo.code)})" if memo.code else ""


# -- export ----------------------------------------------------------------------------------------------
def export_rows(project: Project, found: Sequence[Segment]) -> list[dict[str, str]]:
    """One row per segment: the story, the fragment, the code names, the coders and the memos."""
    book = project.codebook
    rows = []
    for s in found:
        memo_lines = [f"{m.coder}{memo_about(book, m)}: {m.text}" for m in s.memos]
        rows.append(
            {
                "story_id": s.story.id,
                "practice": project.practice_name(s.story.practice),
                "role": s.story.role,
                "fragment_id": str(s.fragment.id),
                "code": ";".join(s.codes),
                "code_name": "; ".join(code_name(book, c) for c in s.codes),
                "coders": ";".join(s.coders),
                "text": s.fragment.text,
                "memos": "\n".join(memo_lines),
            }
        )
    return rows


def csv_bytes(project: Project, found: Sequence[Segment]) -> bytes:
    """The segments as UTF-8 CSV; cells a spreadsheet could read as a formula are neutralised."""
    buffer = io.BytesIO()
    write_csv_table(buffer, CSV_COLUMNS, export_rows(project, found))
    return buffer.getvalue()
