"""The Coderen page's read model: one story as one coder sees it (fragments, suggestions, decisions,
memos, where quoted examples come from), read in a few queries; suggestions cached per refresh round."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from verhalen.app.retrieval import code_name
from verhalen.app.review import uncertainty
from verhalen.app.workbench import Workbench
from verhalen.domain import Codebook, Coding, Fragment, Suggestion

SHOW_AT_MOST = 3  # suggestions shown per fragment
SHOW_FROM_DEFAULT = 0.2


_Cached = OrderedDict[tuple[str, int, str, int], dict[int, list[Suggestion]]]
_SUGGESTIONS: weakref.WeakKeyDictionary[Workbench, _Cached] = weakref.WeakKeyDictionary()  # per database
_SUGGESTIONS_LOCK = threading.Lock()
SUGGESTIONS_CACHED = 32  # stories whose suggestions stay in memory (shared by the sessions of a server)


def story_suggestions(
    wb: Workbench, story_id: str, book_version: str, fragment_ids: tuple[int, ...]
) -> dict[int, list[Suggestion]]:
    """The story's stored suggestions, read once per refresh generation: every rerun of a page (a J, a
    pager click, another tab) reuses them until the background refresh stores new ones (it bumps the
    generation), the codebook changes or the story's fragments do (merge, split). Read-only."""
    key = (story_id, wb.refresh_generation, book_version, hash(fragment_ids))
    with _SUGGESTIONS_LOCK:
        cached = _SUGGESTIONS.setdefault(wb.shared, OrderedDict())
        if key in cached:
            cached.move_to_end(key)
            return cached[key]
    suggestions = wb.repo.suggestions(story_id)
    with _SUGGESTIONS_LOCK:
        cached[key] = suggestions
        while len(cached) > SUGGESTIONS_CACHED:
            cached.popitem(last=False)
    return suggestions


@dataclass
class CodingView:
    """Everything one rerun of the page shows, read from the database in a few queries."""

    story_id: str
    coder: str
    codebook: Codebook
    fragments: list[Fragment]
    suggestions: dict[int, list[Suggestion]]
    mine: dict[int, dict[str, Coding]]
    others: dict[int, list[Coding]]
    memos: dict[int, str]
    sources: dict[str, str]  # a quoted example that is a coded fragment -> its story (shown fragments only)
    show_from: float = SHOW_FROM_DEFAULT  # the display threshold of this rerun (see show_from)
    cards_alone: bool = True  # each card is a fragment that a click on it reruns alone (card view)
    _names: dict[str, str] = field(default_factory=dict, repr=False)

    def name(self, code_id: str) -> str:
        """'Groepsgevoel › Veiligheid': the code's labels along its path, as every page shows a code (an
        unknown id as it is)."""
        if code_id not in self._names:
            self._names[code_id] = code_name(self.codebook, code_id)
        return self._names[code_id]

    @classmethod
    def load(cls, wb: Workbench, story_id: str, coder: str, blind: bool, show_from: float) -> CodingView:
        mine: dict[int, dict[str, Coding]] = defaultdict(dict)
        others: dict[int, list[Coding]] = defaultdict(list)
        for coding in wb.repo.codings(story_id=story_id):
            if coding.coder == coder:
                mine[coding.fragment_id][coding.code] = coding
            elif not blind:
                others[coding.fragment_id].append(coding)
        fragments = wb.repo.fragments(story_id)
        ids = {f.id for f in fragments}
        memos = {m.fragment_id: m.text for m in wb.repo.memos(story_id, coder) if m.fragment_id in ids}
        book = wb.codebook()
        suggestions = story_suggestions(wb, story_id, book.version, tuple(f.id for f in fragments))
        return cls(story_id, coder, book, fragments, suggestions, mine, others, memos, {}, show_from)

    def reload(self, wb: Workbench, fragment_id: int) -> None:
        """After a click on a card: this coder's decisions and memo on ``fragment_id`` as stored now
        (the card reruns alone with this view; the rest of the page keeps what it showed)."""
        self.mine[fragment_id] = {
            c.code: c
            for c in wb.repo.codings(story_id=self.story_id, coder=self.coder)
            if c.fragment_id == fragment_id
        }

    def has_memo(self, fragment_id: int) -> bool:
        """This coder wrote a memo on the fragment or on one of its codes."""
        mine = self.mine.get(fragment_id, {}).values()
        return bool(self.memos.get(fragment_id)) or any(c.memo for c in mine)

    def load_sources(self, wb: Workbench, shown: list[Fragment]) -> None:
        """Where the examples quoted under "Waarom?" come from, for the fragments on screen only: by the
        decided fragment's id (suggestions stored before the ids: by text)."""
        rationales = [s.rationale for f in shown for s in self.suggestions.get(f.id, [])[:SHOW_AT_MOST]]
        ids = {i for r in rationales for i in r.example_fragments if i}
        by_id = wb.repo.stories_of_fragments(ids)
        old = {e for r in rationales if not r.example_fragments for e in r.examples}
        self.sources = wb.repo.stories_of_texts(old) if old else {}
        for r in rationales:
            for example, fragment_id in zip(r.examples, r.example_fragments, strict=False):
                if fragment_id in by_id:
                    self.sources[example] = by_id[fragment_id]

    def decided(self, fragment_id: int) -> bool:
        return bool(self.mine.get(fragment_id))

    def uncertainty(self, fragment_id: int) -> float:
        return uncertainty([s.score for s in self.suggestions.get(fragment_id, [])])

    def ordered(self, order: str) -> list[Fragment]:
        if order == "uncertain":
            return sorted(self.fragments, key=lambda f: (self.decided(f.id), -self.uncertainty(f.id)))
        return list(self.fragments)
