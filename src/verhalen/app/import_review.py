"""The researcher's review of an import: a story read and scanned but not stored (a Candidate), one
decision per name (hit groups), spans she adds, the id she types, a preview, and the pseudonymised story
with the log payload (no original text of a pseudonymised hit). Pure: nothing here touches the database."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from verhalen.app import limits
from verhalen.domain import Story, ValidationError, VerhalenError
from verhalen.ingest import privacy
from verhalen.ingest.privacy.hits import merge as merge_hits
from verhalen.messages import Joined, Message

_SCRUB_LABELS = frozenset({"persoon", "locatie", "instelling", "email", "url"})


@dataclass(frozen=True)
class Candidate:
    """A story read from a file (or a table row) and scanned, not yet stored."""

    name: str
    story: Story
    hits: tuple[privacy.Hit, ...]


def hit_groups(candidate: Candidate) -> list[tuple[int, ...]]:
    """Indices of the hits with the same label and text (case-insensitive), by first appearance:
    one decision per name, not per mention."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, hit in enumerate(candidate.hits):
        groups.setdefault((hit.label, " ".join(hit.text.split()).casefold()), []).append(i)
    return [tuple(indices) for indices in groups.values()]


def with_story_id(candidate: Candidate, story_id: str) -> Candidate:
    """The candidate under the id the researcher typed (the proposal came from the file name)."""
    if not " ".join(story_id.split()):
        raise ValidationError("story_id_missing", name=candidate.name)
    try:
        cleaned = limits.story_id(story_id)
    except ValidationError as exc:
        raise ValidationError("in_item", name=candidate.name, error=exc) from exc
    return replace(candidate, story=replace(candidate.story, id=cleaned))


def add_hits(candidate: Candidate, surface: str, label: str) -> Candidate:
    """Also pseudonymise every whole-word occurrence (case-insensitive) of a span the researcher chose."""
    wanted = " ".join(surface.split())
    if label not in privacy.LABELS:
        raise ValidationError("label_unknown", label=label, labels=", ".join(privacy.LABELS))
    if not wanted:
        raise ValidationError("pseudonymise_text_missing")
    words = [re.escape(w) for w in wanted.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
    text = candidate.story.text
    found = [privacy.Hit(m.group(), label, m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        raise ValidationError("text_not_in_story", text=wanted, story=candidate.story.id)
    return replace(candidate, hits=tuple(merge_hits([*found, *candidate.hits], text)))


def preview(candidate: Candidate, keep: Mapping[int, str]) -> str:
    """The story text as it will be stored with these decisions."""
    return privacy.pseudonymise(candidate.story.text, candidate.hits, keep=set(keep))[0]


def missing_reasons(candidate: Candidate, keep: Mapping[int, str]) -> list[Message]:
    """One message per kept hit without a reason (empty when every kept hit has one)."""
    return _missing_reasons(candidate, keep)


def _missing_reasons(candidate: Candidate, keep: Mapping[int, str]) -> list[Message]:
    return [
        Message("keep_reason_missing", story=candidate.story.id, text=hit.text, label=hit.label)
        for hit, reason in ((candidate.hits[i], reason) for i, reason in sorted(keep.items()))
        if not reason.strip()
    ]


def _scrub(value: str, replacements: Sequence[privacy.Replacement]) -> str:
    """A pseudonymised name, place, institution or address also leaves a file-name-derived string.

    Whole words only, case-insensitive ('gesprek-kwebbel' → 'gesprek-[PERSOON-1]'); dates, ages and
    numbers are left alone so that 'BEI-OUD-08' keeps its number.
    """
    for r in sorted(replacements, key=lambda r: -len(r.original)):
        if r.label in _SCRUB_LABELS:
            pattern = r"(?<![^\W_])" + re.escape(r.original) + r"(?![^\W_])"
            value = re.sub(pattern, r.placeholder, value, flags=re.IGNORECASE)
    return value


def finalise(candidate: Candidate, keep: Mapping[int, str]) -> tuple[Story, dict[str, Any]]:
    """Pseudonymise every hit not kept; ``keep`` maps hit index to the researcher's reason.

    A pseudonymised string also leaves the story's id, title and source name (they come from the
    file name). The payload for the log holds no original text of a pseudonymised hit.
    """
    missing = _missing_reasons(candidate, keep)
    if missing:
        raise VerhalenError("several", errors=Joined(missing))
    text, replacements = privacy.pseudonymise(candidate.story.text, candidate.hits, keep=set(keep))
    payload = {
        "hits": len(candidate.hits),
        "pseudonymised": [{"label": r.label, "placeholder": r.placeholder} for r in replacements],
        "kept": [
            {"label": candidate.hits[i].label, "text": candidate.hits[i].text, "reason": reason.strip()}
            for i, reason in sorted(keep.items())
        ],
    }
    story = candidate.story
    story = replace(
        story,
        text=text,
        id=_scrub(story.id, replacements),
        title=_scrub(story.title, replacements),
        source_name=_scrub(story.source_name, replacements),
    )
    return limits.story(story), payload
