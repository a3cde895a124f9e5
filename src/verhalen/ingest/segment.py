"""Split a story into fragments (sentences or speaker turns) with exact code-point offsets.

spaCy's ``nl_core_news_sm`` is used when installed; otherwise a blank Dutch pipeline with a
sentencizer and the lookup lemmatizer from spacy-lookups-data (no download, works offline).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from verhalen.domain import Fragment, FragmentKind

if TYPE_CHECKING:
    from spacy.language import Language

# "I:", "R:", "Interviewer:", "Moeder:", "[naam]:", "Vrijwilliger 2:" at the start of a line.
TURN = re.compile(r"^[ \t]*(\[[^\]\n]{1,30}\]|[A-ZÀ-Ýa-zà-ÿ][\w .'-]{0,28}?)[ \t]*:[ \t]*", re.MULTILINE)
# Placeholders ('[PERSOON-1]') and bracketed notes ('[lacht]', '[naam]') are never split.
ATOM = re.compile(r"\[[^\[\]\n]{1,40}\]")
OPENERS = "([{“‘«\"'"
INTERVIEWER_LABELS = frozenset({"i", "int", "interviewer", "onderzoeker", "vraag", "v", "o", "interviewster"})
LONG_TURN_WORDS = 80
MIN_WORDS = 3
CHUNK = 100_000  # characters per spaCy call: far under its 1,000,000 limit and its memory per call


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: FragmentKind
    speaker: str | None = None


def pipeline_name() -> str:
    return str(nlp().meta.get("name", "blank"))


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The Dutch pipeline: nl_core_news_sm if present, else blank('nl') + sentencizer + lookup lemmas."""
    import spacy

    try:
        return spacy.load("nl_core_news_sm", exclude=["ner"])
    except OSError:
        return blank_pipeline()


def blank_pipeline() -> Language:
    import spacy

    pipe = spacy.blank("nl")
    pipe.add_pipe("sentencizer")
    pipe.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipe.initialize()
    pipe.meta["name"] = "blank_nl_lookup"
    return pipe


def lemmas(text: str) -> list[str]:
    """Lower-case lemmas of the alphabetic tokens of ``text``."""
    return [(t.lemma_ or t.text).lower() for t in nlp()(text) if t.is_alpha]


def is_transcript(text: str) -> bool:
    """A text is a transcript when most non-empty lines open with a speaker label, at least two speakers."""
    lines = [line for line in text.splitlines() if line.strip()]
    labelled = [m.group(1) for line in lines if (m := TURN.match(line)) and len(m.group(1)) <= 30]
    return len(labelled) >= 2 and len(set(labelled)) >= 2 and len(labelled) >= 0.5 * len(lines)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _atoms(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in ATOM.finditer(text, start, end)]


def _boundary(text: str, start: int, offset: int, atoms: Sequence[tuple[int, int]]) -> int:
    """A sentence start moved out of a placeholder ('[' + 'PERSOON-1]' → '[PERSOON-1]') and in front
    of the opening brackets or quotes spaCy left at the end of the previous sentence ('. (Ze')."""
    for s, e in atoms:
        if s < offset < e:
            offset = s
    moved = offset
    while moved > start and text[moved - 1] in OPENERS:
        moved -= 1
    return moved if moved == start or text[moved - 1].isspace() else offset


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most CHUNK characters, cut after a full stop or else at a
    space where possible, so that spaCy never gets a text over its limit (a one-line 5 MB text took
    40 s to be refused whole)."""
    while end - start > CHUNK:
        limit = start + CHUNK
        cut = max(text.rfind(". ", start, limit), text.rfind("\n", start, limit))
        if cut <= start + CHUNK // 2:
            cut = text.rfind(" ", start + CHUNK // 2, limit)
        cut = cut + 1 if cut > start else limit
        yield start, cut
        start = cut
    yield start, end


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (absolute offsets); no placeholder is ever cut."""
    atoms = _atoms(text, start, end)
    found = {start}
    for piece_start, piece_end in _chunks(text, start, end):
        found.add(piece_start)
        doc = nlp()(text[piece_start:piece_end])
        found |= {_boundary(text, start, piece_start + sent.start_char, atoms) for sent in doc.sents}
    cuts = sorted(found - {start})
    edges = [start, *(c for c in cuts if start < c < end), end]
    return list(itertools.pairwise(edges))


def _sentences(text: str, start: int, end: int, speaker: str | None, kind: FragmentKind) -> Iterator[Span]:
    pending: int | None = None
    for sent_start, sent_end in sentence_bounds(text, start, end):
        s, e = _trim(text, sent_start, sent_end)
        if s >= e:
            continue
        s = pending if pending is not None else s
        if len(text[s:e].split()) < MIN_WORDS:
            pending = s
            continue
        pending = None
        yield Span(s, e, kind, speaker)
    if pending is not None:
        s, e = _trim(text, pending, end)
        if s < e:
            yield Span(s, e, kind, speaker)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        yield pos, match.start()
        pos = match.end()
    yield pos, len(text)


def _turns(text: str) -> Iterator[Span]:
    matches = [m for m in TURN.finditer(text) if len(m.group(1)) <= 30]
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        s, e = _trim(text, match.end(), end)
        if s >= e:
            continue
        speaker = match.group(1).strip()
        if len(text[s:e].split()) > LONG_TURN_WORDS:
            yield from _sentences(text, s, e, speaker, "turn")
        else:
            yield Span(s, e, "turn", speaker)


def spans(text: str) -> list[Span]:
    if is_transcript(text):
        return list(_turns(text))
    result: list[Span] = []
    for p_start, p_end in _paragraphs(text):
        s, e = _trim(text, p_start, p_end)
        if s < e:
            result.extend(_sentences(text, s, e, None, "sentence"))
    return result


def is_interviewer(speaker: str | None) -> bool:
    return speaker is not None and speaker.strip("[] ").lower() in INTERVIEWER_LABELS


def segment(story_id: str, text: str) -> list[Fragment]:
    """Fragments of a story; interviewer turns are kept for context but not codable."""
    return [
        Fragment(
            story_id=story_id,
            index=i,
            start=span.start,
            end=span.end,
            text=text[span.start : span.end],
            kind=span.kind,
            speaker=span.speaker,
            codable=not is_interviewer(span.speaker),
        )
        for i, span in enumerate(spans(text))
    ]


def merge(text: str, run: Sequence[Fragment]) -> Fragment:
    """One fragment covering the consecutive fragments ``run``: the first one's place, kind and speaker,
    codable when any of them was (an interviewer turn inside the run is taken along)."""
    first, last = run[0], run[-1]
    return Fragment(
        story_id=first.story_id,
        index=first.index,
        start=first.start,
        end=last.end,
        text=text[first.start : last.end],
        kind=first.kind,
        speaker=first.speaker,
        codable=any(f.codable for f in run),
        id=first.id,
    )


def split_points(text: str, fragment: Fragment) -> Sequence[int]:
    """Sentence boundaries inside a fragment where it can be split (absolute offsets)."""
    inner = list(_sentences(text, fragment.start, fragment.end, fragment.speaker, fragment.kind))
    return [span.start for span in inner[1:]]
