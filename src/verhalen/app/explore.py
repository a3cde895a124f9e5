"""Exploring a project beside the coding: search by meaning and emergent themes.

Use cases over a :class:`~verhalen.app.workbench.Workbench`, as analysis.py is for comparisons. Both reuse
the fragments' stored vectors (``Workbench.stored_vectors``); only a search query is embedded. The pure
parts live in search.py (ranking, filters), topics.py (BERTopic) and topics_coverage.py (codebook overlap).
"""

from __future__ import annotations

import numpy as np

from verhalen.analysis.coverage import ThemeResult, code_evidence, describe
from verhalen.analysis.search import Hit, SearchFilter, search
from verhalen.analysis.themes import DEFAULT_MIN_SIZE, find_themes
from verhalen.app.workbench import Workbench
from verhalen.domain import Suggestion, ValidationError


def search_fragments(
    bench: Workbench,
    query: str = "",
    *,
    like: int | None = None,
    where: SearchFilter | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Fragments matching the words of ``query`` (exact phrase, near phrase, all words) and then closest
    in meaning to it, or closest in meaning to fragment ``like``, among codable fragments."""
    text = query.strip()
    if like is None and not text:
        raise ValidationError("search_query_missing")
    candidates = bench.repo.fragments(codable_only=True)
    vectors = bench.stored_vectors([f.id for f in candidates])
    if like is not None:
        if like not in vectors:
            raise ValidationError("fragment_not_codable", fragment=like)
        target = vectors[like]
    else:
        target = bench.embedder.encode([text])[0]
    confirmed: dict[int, set[str]] = {}
    for c in bench.repo.codings():
        if c.status == "confirmed":
            confirmed.setdefault(c.fragment_id, set()).add(c.code)
    codes = {fid: frozenset(cs) for fid, cs in confirmed.items()}
    stories = {s.id: s for s in bench.repo.stories()}
    words = text if like is None else ""  # a typed query: its words first, then its meaning
    return search(target, candidates, vectors, stories, codes, where or SearchFilter(), limit, like, words)


def project_themes(
    bench: Workbench,
    *,
    practice: str | None = None,
    role: str | None = None,
    min_size: int = DEFAULT_MIN_SIZE,
    n_themes: int | None = None,
    seed: int = 0,
) -> ThemeResult:
    """Emergent themes (BERTopic on the stored vectors) of the codable fragments of the stories of
    ``practice`` / ``role``, and per theme how far the codebook covers it (see topics.py)."""
    stories = {
        s.id: s for s in bench.repo.stories() if practice in (None, s.practice) and role in (None, s.role)
    }
    fragments = [f for f in bench.repo.fragments(codable_only=True) if f.story_id in stories]
    vectors = bench.stored_vectors([f.id for f in fragments])
    fragments = [f for f in fragments if f.id in vectors]
    matrix = np.stack([vectors[f.id] for f in fragments]) if fragments else np.zeros((0, 0), np.float32)
    ids = [f.id for f in fragments]
    model = find_themes(
        [f.text for f in fragments], matrix, ids, min_size=min_size, n_themes=n_themes, seed=seed
    )
    codings = [c for c in bench.repo.codings() if c.fragment_id in vectors]
    ranked: dict[int, list[Suggestion]] = {}  # best first; the rationales are not needed (seconds on 100k)
    for suggestion in bench.repo.suggestions_without_reasons():
        ranked.setdefault(suggestion.fragment_id, []).append(suggestion)
    evidence = code_evidence(codings, bench.repo.resolutions(), ranked, bench.codebook())
    names = {p.id: p.name for p in bench.repo.practices()}
    return describe(model, fragments, stories, names, evidence, (practice, role))
