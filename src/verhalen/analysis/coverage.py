"""Themes beside the codebook: per theme, which codes researchers confirmed on its fragments and which
code the suggester ranks first, so a researcher sees which themes the codebook already covers and which
are new. Pure functions over the result of :func:`verhalen.analysis.themes.find_themes`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from verhalen.analysis.themes import Theme, ThemeModel
from verhalen.domain import Codebook, Coding, Fragment, Story, Suggestion

COVERS = 0.5  # a code covers a theme when it is on at least half of the theme's fragments


@dataclass(frozen=True)
class ThemeFragment:
    fragment_id: int
    story_id: str
    practice: str  # the practice's name
    role: str
    text: str
    theme: int


@dataclass(frozen=True)
class CodeEvidence:
    """What the codebook says about each fragment, as top-level codes (the factors and inductive codes).

    ``confirmed`` has every fragment someone decided on (its confirmed codes, possibly none); ``first`` the
    code the suggester ranks first for each fragment.
    """

    confirmed: Mapping[int, frozenset[str]]
    first: Mapping[int, str]


def code_evidence(
    codings: Sequence[Coding],
    resolutions: Mapping[tuple[int, str], str],
    suggestions: Mapping[int, Sequence[Suggestion]],
    book: Codebook,
) -> CodeEvidence:
    """Confirmed codes of any coder (a lead coder's resolution wins) and the first suggestions, as the
    top-level codes of ``book``; codes no longer in the codebook are left out."""
    known = {c.id for c in book.codes}
    confirmed: dict[int, set[str]] = {}
    for coding in (c for c in codings if c.code in known):
        codes = confirmed.setdefault(coding.fragment_id, set())
        if resolutions.get((coding.fragment_id, coding.code), coding.status) == "confirmed":
            codes.add(book.factor_of(coding.code))
    first = {}
    for fragment_id, ranked in suggestions.items():
        best = next((s.code for s in ranked if s.code in known), None)
        if best is not None:
            first[fragment_id] = book.factor_of(best)
    return CodeEvidence({i: frozenset(c) for i, c in confirmed.items()}, first)


@dataclass(frozen=True)
class CodeOverlap:
    """How much of one theme the codebook already covers."""

    theme: int
    confirmed: tuple[tuple[str, int], ...]  # code -> fragments of the theme with it confirmed, most first
    top_suggested: str | None  # the most frequent first suggestion among the theme's fragments
    suggested_share: float
    covering: str | None  # the code on most fragments: confirmed, or ranked first while nobody decided
    covering_share: float

    @property
    def new(self) -> bool:
        """Nieuw naast het codeboek: no code is on at least half of the theme's fragments."""
        return self.covering_share < COVERS


def _most(counter: Counter[str], size: int) -> tuple[str | None, float]:
    if not counter or not size:
        return None, 0.0
    code, count = min(counter.items(), key=lambda item: (-item[1], item[0]))
    return code, count / size


def overlap(theme: Theme, evidence: CodeEvidence) -> CodeOverlap:
    """Confirmed codes on the theme, its most frequent first suggestion, and the code that covers most of it
    (a decided fragment counts with its confirmed codes, an undecided one with its first suggestion)."""
    members = theme.fragment_ids
    on_theme = Counter(code for i in members for code in evidence.confirmed.get(i, ()))
    first = Counter(evidence.first[i] for i in members if i in evidence.first)
    undecided = [i for i in members if i not in evidence.confirmed and i in evidence.first]
    covering = Counter(evidence.first[i] for i in undecided) + on_theme
    top, top_share = _most(first, theme.size)
    cover, cover_share = _most(covering, theme.size)
    ranked = tuple(sorted(on_theme.items(), key=lambda item: (-item[1], item[0])))
    return CodeOverlap(theme.id, ranked, top, top_share, cover, cover_share)


@dataclass(frozen=True)
class ThemeResult:
    """Themes of a selection of fragments, with who told them and how the codebook covers them."""

    model: ThemeModel
    fragments: tuple[ThemeFragment, ...]  # every fragment of the selection, in story order
    overlaps: tuple[CodeOverlap, ...]  # one per theme, in the order of ``model.themes``
    practice: str | None = None
    role: str | None = None

    @property
    def themes(self) -> tuple[Theme, ...]:
        return self.model.themes

    def fragment(self, fragment_id: int) -> ThemeFragment:
        for fragment in self.fragments:
            if fragment.fragment_id == fragment_id:
                return fragment
        raise KeyError(fragment_id)


def describe(
    model: ThemeModel,
    fragments: Sequence[Fragment],
    stories: Mapping[str, Story],
    practice_names: Mapping[str, str],
    evidence: CodeEvidence,
    where: tuple[str | None, str | None] = (None, None),
) -> ThemeResult:
    """The result for the page: who told each fragment, its theme, and each theme's codebook overlap;
    ``where`` is the (practice, role) the fragments were chosen by."""
    theme_of = model.theme_of()
    rows = []
    for f in fragments:
        story = stories[f.story_id]
        name = practice_names.get(story.practice, story.practice)
        rows.append(ThemeFragment(f.id, f.story_id, name, story.role, f.text, theme_of[f.id]))
    overlaps = tuple(overlap(theme, evidence) for theme in model.themes)
    return ThemeResult(model, tuple(rows), overlaps, *where)
