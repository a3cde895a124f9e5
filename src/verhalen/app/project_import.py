"""Import a REFI-QDA project (.qdpx) into an empty project, or a REFI-QDA codebook (.qdc) as a new version.

Codebook rule, the same for .qdpx and .qdc: a new codebook version never drops a code. The file's codes
are laid over the active codebook. A code with the same id is the same code: it takes the file's name,
parent and every field the file fills in (an empty field, or the reader's grey placeholder colour, keeps
the active value). A new id is added as an inductive code. A code of the active codebook that the file
lacks is kept. So verhalen's six working factors (which the suggester, the comparisons and agreement need)
and every code that carries codings survive an import from any program; a working factor stays top-level.

Fragments: every selection of the file becomes a fragment with the file's offsets. Selections that
overlap (nested codings, common in NVivo and MAXQDA) are joined into one fragment, because fragments in
verhalen do not overlap. The text between selections is segmented with :mod:`verhalen.ingest.segment`
(sentences or speaker turns, clipped at the selections). Text the segmenter leaves out (a heading
before the first speaker turn) becomes a fragment of its own; speaker labels ("I:", "Moeder:") stay out,
as in every story in verhalen. So every non-blank character of a story outside a speaker label is in
exactly one fragment.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import BinaryIO

from verhalen.app import limits
from verhalen.app.workbench import Workbench
from verhalen.codebook import FACTOR_IDS
from verhalen.domain import Code, Codebook, Coding, Fragment, Memo, ProjectSnapshot, Story, VerhalenError
from verhalen.ingest import segment
from verhalen.interchange import read_qdc, read_qdpx
from verhalen.store.atomic import one_transaction

_PLACEHOLDER_COLOUR = Code("", "").colour  # what the reader gives a code without a colour
_TEXT_FIELDS = ("short", "definition", "when_to_use", "when_not_to_use", "signals", "examples")
Span = tuple[int, int]


@dataclass(frozen=True)
class ImportSummary:
    stories: int
    fragments: int
    codings: int
    memos: int
    codebook_version: str
    codes_added: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CodebookDiff:
    """What a proposal changes in the active codebook; ``missing`` codes are kept in the new version."""

    added: tuple[Code, ...]
    changed: tuple[tuple[Code, Code], ...]  # (active, new)
    missing: tuple[Code, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed)


# -- codebooks ---------------------------------------------------------------------------------------


def _digest(codes: Sequence[Code]) -> str:
    text = json.dumps([asdict(c) for c in codes], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _merge_code(old: Code, new: Code) -> Code:
    fields = {name: getattr(new, name) or getattr(old, name) for name in _TEXT_FIELDS}
    colour = old.colour if new.colour == _PLACEHOLDER_COLOUR else new.colour
    parent = None if old.id in FACTOR_IDS and old.parent is None else new.parent
    return replace(old, name=new.name or old.name, colour=colour, parent=parent, **fields)


def merge_codebooks(active: Codebook, proposal: Codebook) -> Codebook:
    """The new version: the active codes (updated from the proposal, none dropped), then the new codes."""
    offered = {c.id: c for c in proposal.codes}
    kept = [_merge_code(c, offered[c.id]) if c.id in offered else c for c in active.codes]
    have = {c.id for c in active.codes}
    added = [replace(c, inductive=True) for c in proposal.codes if c.id not in have]
    return replace(active, version=proposal.version, codes=(*kept, *added))


def diff_codebooks(active: Codebook, proposal: Codebook) -> CodebookDiff:
    merged = {c.id: c for c in merge_codebooks(active, proposal).codes}
    offered = {c.id for c in proposal.codes}
    old = {c.id: c for c in active.codes}
    return CodebookDiff(
        added=tuple(c for i, c in merged.items() if i not in old),
        changed=tuple((c, merged[i]) for i, c in old.items() if merged[i] != c),
        missing=tuple(c for i, c in old.items() if i not in offered),
    )


def changed_fields(old: Code, new: Code) -> tuple[str, ...]:
    """Names of the fields of a code that differ (``name``, ``colour``, ``parent``, ``definition``, ...)."""
    return tuple(
        name
        for name in ("name", "colour", "parent", *_TEXT_FIELDS)
        if getattr(old, name) != getattr(new, name)
    )


def propose_codebook(file: BinaryIO, base: Codebook | None = None) -> Codebook:
    """The codes of a .qdc as a proposal, versioned ``<active version>-qdc-<hash of the codes>``."""
    book = read_qdc(file)
    prefix = f"{base.version}-qdc" if base is not None else "qdc"
    return replace(book, version=f"{prefix}-{_digest(book.codes)}")


def _save_version(bench: Workbench, book: Codebook) -> Codebook:
    """Store ``book`` as the new active version (a suffix -2, -3, ... if its version is taken)."""
    for n in range(1, 100):
        candidate = book if n == 1 else replace(book, version=f"{book.version}-{n}")
        if bench.repo.save_codebook(candidate):
            bench.reset_cache()
            return candidate
    raise VerhalenError("codebook_version_taken", version=book.version)


def activate_codebook(bench: Workbench, proposal: Codebook, coder: str = "") -> Codebook:
    """Save the proposal (merged with the active codebook) as the active version; rescore suggestions.

    Returns the active codebook; when the proposal changes nothing, no new version is made.
    """
    active = bench.codebook()
    merged = merge_codebooks(active, proposal)
    if merged.codes == active.codes:
        return active
    saved = _save_version(bench, merged)
    bench.repo.log("codebook_import", coder, {"version": saved.version, "from": active.version})
    bench.index()
    return saved


# -- fragments ---------------------------------------------------------------------------------------


def _join(spans: Sequence[Span]) -> list[Span]:
    """Sorted spans with overlapping ones joined (touching spans stay apart)."""
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _piece(text: str, like: Fragment, start: int, end: int) -> Fragment:
    return replace(like, start=start, end=end, text=text[start:end], id=0)


def _left_out(text: str, start: int, end: int) -> list[Span]:
    """The parts of ``start``-``end`` between speaker labels, trimmed; the blank ones left out."""
    parts, cursor = [], start
    for label in segment.TURN.finditer(text, start, end):
        parts.append(_trim(text, cursor, label.start()))
        cursor = max(cursor, label.end())
    parts.append(_trim(text, cursor, end))
    return [(s, e) for s, e in parts if s < e]


def _loose(text: str, span: Span) -> Fragment:
    return Fragment("", 0, span[0], span[1], text[span[0] : span[1]])


def _gap(text: str, natural: Sequence[Fragment], start: int, end: int) -> list[Fragment]:
    """Fragments for the text between two selections: the segmenter's, clipped, and what it left out."""
    pieces: list[Fragment] = []
    cursor = start
    for fragment in natural:
        s, e = _trim(text, max(fragment.start, start), min(fragment.end, end))
        if s < e:
            pieces += [_loose(text, span) for span in _left_out(text, cursor, s)]
            pieces.append(_piece(text, fragment, s, e))
            cursor = e
    return pieces + [_loose(text, span) for span in _left_out(text, cursor, end)]


def _selection(text: str, natural: Sequence[Fragment], start: int, end: int) -> Fragment:
    """A fragment for a selection; kind and speaker from the segmenter's fragment it starts in."""
    around = [f for f in natural if f.start <= start < f.end]
    like = around[0] if around else Fragment("", 0, start, end, "")
    return replace(_piece(text, like, start, end), codable=True)


def story_fragments(story: Story, selections: Sequence[Span]) -> list[Fragment]:
    """Fragments covering the story: the (joined) selections plus the segmented text between them."""
    natural = segment.segment(story.id, story.text)
    fragments: list[Fragment] = []
    cursor = 0
    for start, end in _join(selections):
        fragments += _gap(story.text, natural, cursor, start)
        fragments.append(_selection(story.text, natural, start, end))
        cursor = end
    fragments += _gap(story.text, natural, cursor, len(story.text))
    return [replace(f, story_id=story.id, index=i) for i, f in enumerate(fragments)]


def _span_of(spans: Sequence[Span], start: int, end: int) -> Span:
    """The (joined) span that holds ``start``-``end``."""
    return next(s for s in spans if s[0] <= start and end <= s[1])


# -- codings and memos ------------------------------------------------------------------------------


def _combine(codings: Sequence[Coding], memos: Sequence[Memo]) -> tuple[list[Coding], list[Memo]]:
    """One coding per (fragment, code, coder) and one memo per (fragment, coder), as verhalen stores them.

    A memo on a code goes to that coder's coding of the code; otherwise into the fragment memo, with the
    code in brackets in front. Texts that meet are joined with a blank line.
    """
    coding_memos: dict[tuple[int, str, str], list[str]] = defaultdict(list)
    times: dict[tuple[int, str, str] | tuple[int, str], datetime] = {}
    for coding in codings:
        key3 = (coding.fragment_id, coding.code, coding.coder)
        coding_memos[key3].append(coding.memo)
        if coding.time is not None:
            times[key3] = min(coding.time, times.get(key3, coding.time))
    notes: dict[tuple[int, str], list[str]] = defaultdict(list)
    for memo in memos:
        if memo.time is not None:
            key2 = (memo.fragment_id, memo.coder)
            times[key2] = min(memo.time, times.get(key2, memo.time))
        key = (memo.fragment_id, memo.code or "", memo.coder)
        if memo.code is not None and key in coding_memos:
            coding_memos[key].append(memo.text)
        else:
            prefix = f"[{memo.code}] " if memo.code else ""
            notes[(memo.fragment_id, memo.coder)].append(prefix + memo.text)
    joined_codings = [
        Coding(fid, code, coder, "confirmed", times.get((fid, code, coder)), _paragraphs(texts))
        for (fid, code, coder), texts in sorted(coding_memos.items())
    ]
    joined_memos = [
        Memo(fid, coder, _paragraphs(texts), None, times.get((fid, coder)))
        for (fid, coder), texts in sorted(notes.items())
    ]
    return joined_codings, joined_memos


def _paragraphs(texts: Sequence[str]) -> str:
    return "\n\n".join(dict.fromkeys(t for t in texts if t))


# -- the project -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    fragments: dict[str, list[Fragment]]  # story id -> fragments to store
    where: dict[int, tuple[str, Span]]  # provisional fragment id -> (story id, span of its fragment)
    skipped: int  # stories without text


def _plan(snapshot: ProjectSnapshot) -> _Plan:
    selections: dict[str, list[Span]] = defaultdict(list)
    for fragment in snapshot.fragments:
        selections[fragment.story_id].append((fragment.start, fragment.end))
    plan = _Plan({}, {}, 0)
    for story in snapshot.stories:
        if story.text.strip():
            plan.fragments[story.id] = story_fragments(story, selections[story.id])
    joined = {story_id: _join(spans) for story_id, spans in selections.items()}
    for fragment in snapshot.fragments:
        if fragment.story_id in plan.fragments:
            span = _span_of(joined[fragment.story_id], fragment.start, fragment.end)
            plan.where[fragment.id] = (fragment.story_id, span)
    return replace(plan, skipped=len(snapshot.stories) - len(plan.fragments))


def _warnings(snapshot: ProjectSnapshot, plan: _Plan, read: Sequence[str]) -> tuple[str, ...]:
    extra = []
    spans = set(plan.where.values())
    if len(spans) < len(plan.where):
        joined = len(plan.where) - len(spans)
        extra.append(f"{joined} overlappende selectie(s) samengevoegd met een andere tot één fragment.")
    if plan.skipped:
        extra.append(f"{plan.skipped} verhaal/verhalen zonder tekst overgeslagen.")
    lost = sum(1 for c in snapshot.codings if c.fragment_id not in plan.where)
    if lost:
        extra.append(f"{lost} codering(en) in een verhaal zonder tekst overgeslagen.")
    return (*read, *extra)


def _ensure_empty(bench: Workbench) -> None:
    stories = int(bench.repo.counts()["stories"])
    if stories:
        raise VerhalenError("project_not_empty", stories=stories)


def _store_stories(bench: Workbench, snapshot: ProjectSnapshot, plan: _Plan, coder: str) -> dict[int, int]:
    """Store practices and stories; returns provisional fragment id -> stored fragment id."""
    for practice in snapshot.practices:
        bench.repo.ensure_practice(practice)
    stored: dict[tuple[str, Span], int] = {}
    for story in snapshot.stories:
        fragments = plan.fragments.get(story.id)
        if fragments is None:
            continue
        event = {
            "story_id": story.id,
            "coder": coder,
            "source": "qdpx",
            "fragments": len(fragments),
            "privacy": {"checked": False, "reason": "REFI-QDA-import"},
        }
        ids = bench.repo.add_story(story, fragments, event)
        stored |= {(story.id, (f.start, f.end)): i for f, i in zip(fragments, ids, strict=True)}
    return {old: stored[where] for old, where in plan.where.items()}


def import_qdpx(bench: Workbench, file: BinaryIO, coder: str) -> ImportSummary:
    """Import a REFI-QDA project into this (empty) project: codebook, practices, stories, codings, memos.

    Codings become confirmed decisions of their own coders (REFI-QDA has no rejections); ``coder`` is
    who imported, recorded in the event log. Everything is read and checked before anything is stored,
    and all of it is stored in one transaction: when anything fails, nothing is stored.
    """
    _ensure_empty(bench)
    snapshot, read_warnings = read_qdpx(file)
    plan = _plan(snapshot)
    _check(snapshot, plan)
    active = bench.codebook()
    proposal = replace(snapshot.codebook, version=f"{active.version}-qdpx-{_digest(snapshot.codebook.codes)}")
    merged = merge_codebooks(active, proposal)
    try:
        with one_transaction(bench.repo):
            _ensure_empty(bench)  # again: another import may have filled it meanwhile
            book = active if merged.codes == active.codes else _save_version(bench, merged)
            codings, memos = _decisions(snapshot, _store_stories(bench, snapshot, plan, coder))
            for coding in codings:
                bench.repo.decide(coding, kind="import")
            for memo in memos:
                bench.repo.set_memo(memo)
            summary = ImportSummary(
                stories=len(plan.fragments),
                fragments=sum(len(f) for f in plan.fragments.values()),
                codings=len(codings),
                memos=len(memos),
                codebook_version=book.version,
                codes_added=tuple(c.id for c in diff_codebooks(active, proposal).added),
                warnings=_warnings(snapshot, plan, read_warnings),
            )
            bench.repo.log("import_qdpx", coder, asdict(summary))
    finally:
        bench.reset_cache()  # the cache may hold the codebook of a transaction that was rolled back
    bench.index()
    return summary


def _check(snapshot: ProjectSnapshot, plan: _Plan) -> None:
    """The same limits as every other import (issue #17), before anything is stored."""
    for practice in snapshot.practices:
        limits.practice(practice)
    for story in snapshot.stories:
        if story.id in plan.fragments:
            limits.story(story)
    for code in snapshot.codebook.codes:
        limits.code(code)
    for coding in snapshot.codings:
        limits.coding(coding)
    for memo in snapshot.memos:
        limits.memo(memo)


def _decisions(snapshot: ProjectSnapshot, new_ids: dict[int, int]) -> tuple[list[Coding], list[Memo]]:
    """The file's codings and memos on the stored fragments, combined as verhalen stores them."""
    codings = [
        replace(c, fragment_id=new_ids[c.fragment_id]) for c in snapshot.codings if c.fragment_id in new_ids
    ]
    memos = [
        replace(m, fragment_id=new_ids[m.fragment_id]) for m in snapshot.memos if m.fragment_id in new_ids
    ]
    return _combine(codings, memos)
