"""Stored vectors and suggestions: one vector per fragment and encoder, the current suggestions per
fragment (part of the repository)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from verhalen.domain import Fragment, Suggestion
from verhalen.store.convert import chunks as _chunks
from verhalen.store.convert import fragment as _fragment
from verhalen.store.convert import rationale as _rationale
from verhalen.store.convert import rationale_json as _rationale_json
from verhalen.store.decisions import dialect_insert
from verhalen.store.models import EmbeddingRow, FragmentRow, StoryRow, SuggestionRow, utcnow

T = TypeVar("T")


class SuggestionStore:
    """Vectors (written once per fragment and encoder) and suggestions (replaced as upserts)."""

    def session(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def transaction(self, work: Callable[[Session], T]) -> T:
        raise NotImplementedError

    # -- embeddings ---------------------------------------------------------------------------
    def fragments_without_embedding(self, model_id: str) -> list[Fragment]:
        with self.session() as s:
            have = select(EmbeddingRow.fragment_id).where(EmbeddingRow.model_id == model_id)
            rows = s.execute(
                select(FragmentRow, StoryRow.story_id).join(StoryRow).where(FragmentRow.id.not_in(have))
            ).all()
            return [_fragment(r, sid, 0) for r, sid in rows]

    def save_embeddings(self, model_id: str, vectors: dict[int, bytes]) -> None:
        with self.session() as s:
            s.add_all(EmbeddingRow(fragment_id=i, model_id=model_id, vector=v) for i, v in vectors.items())

    def embeddings(self, model_id: str, fragment_ids: Iterable[int] | None = None) -> dict[int, bytes]:
        with self.session() as s:
            query = select(EmbeddingRow.fragment_id, EmbeddingRow.vector).where(
                EmbeddingRow.model_id == model_id
            )
            if fragment_ids is not None:
                query = query.where(EmbeddingRow.fragment_id.in_(list(fragment_ids)))
            return {int(i): bytes(v) for i, v in s.execute(query)}

    # -- suggestions --------------------------------------------------------------------------
    def replace_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Replace the stored suggestions of the fragments that appear in ``suggestions``.

        Safe when several processes refresh the same fragments at once: on PostgreSQL the fragments are
        locked first (in id order, so two refreshes cannot deadlock), on SQLite the first write locks the
        file; the rows go in as upserts. Suggestions of a fragment deleted meanwhile are dropped."""
        latest = {(x.fragment_id, x.code): x for x in suggestions}  # one row per key, the last one wins
        ids = sorted({fid for fid, _ in latest})
        if not ids:
            return
        now = utcnow()
        prepared = [  # built before the transaction: the lock is held only while writing
            {
                "fragment_id": x.fragment_id,
                "code_id": x.code,
                "score": float(x.score),
                "rationale": _rationale_json(x.rationale),
                "suggester": x.suggester,
                "created_at": now,
            }
            for _, x in sorted(latest.items())
        ]

        def work(s: Session) -> None:
            locking = s.get_bind().dialect.name == "postgresql"
            alive = self._fragment_ids_in(s, ids, lock=True) if locking else set()
            for chunk in _chunks(ids, 500):
                s.execute(delete(SuggestionRow).where(SuggestionRow.fragment_id.in_(chunk)))
            if not locking:
                alive = self._fragment_ids_in(s, ids, lock=False)
            rows = [r for r in prepared if r["fragment_id"] in alive]
            if rows:  # one executemany, not an ORM object per row (10,000 rows for 2,000 fragments)
                stmt = dialect_insert(s, SuggestionRow)
                stmt = stmt.on_conflict_do_update(
                    index_elements=[SuggestionRow.fragment_id, SuggestionRow.code_id],
                    set_={n: stmt.excluded[n] for n in ("score", "rationale", "suggester", "created_at")},
                )
                s.execute(stmt, rows)

        self.transaction(work)

    @staticmethod
    def _fragment_ids_in(s: Session, ids: Sequence[int], lock: bool) -> set[int]:
        """Which of ``ids`` exist; with ``lock`` each is locked against another writer (FOR NO KEY UPDATE,
        in id order), while decisions on them (foreign-key share locks) stay possible."""
        found: set[int] = set()
        for chunk in _chunks(sorted(ids), 500):
            query = select(FragmentRow.id).where(FragmentRow.id.in_(chunk)).order_by(FragmentRow.id)
            if lock:
                query = query.with_for_update(key_share=True)
            found.update(int(i) for i in s.scalars(query))
        return found

    def fragments_without_suggestions(self) -> list[int]:
        with self.session() as s:
            have = select(SuggestionRow.fragment_id).distinct()
            query = select(FragmentRow.id).where(FragmentRow.codable.is_(True), FragmentRow.id.not_in(have))
            return [int(i) for i in s.scalars(query)]

    def stories_of_fragments(self, fragment_ids: Iterable[int]) -> dict[int, str]:
        """Fragment id -> its story, for the given ids (ids of erased fragments are left out)."""
        wanted = sorted({i for i in fragment_ids if i})
        found: dict[int, str] = {}
        with self.session() as s:
            for chunk in _chunks(wanted, 500):
                query = (
                    select(FragmentRow.id, StoryRow.story_id).join(StoryRow).where(FragmentRow.id.in_(chunk))
                )
                found.update({int(i): str(sid) for i, sid in s.execute(query)})
        return found

    def stories_of_texts(self, texts: Iterable[str]) -> dict[str, str]:
        """For each text that is a fragment's text: the story it stands in (the first such fragment)."""
        wanted = sorted(set(texts))
        found: dict[str, str] = {}
        with self.session() as s:
            for chunk in _chunks(wanted, 500):
                query = (
                    select(FragmentRow.text, StoryRow.story_id)
                    .join(StoryRow)
                    .where(FragmentRow.text.in_(chunk))
                    .order_by(FragmentRow.id)
                )
                for text, story_id in s.execute(query):
                    found.setdefault(str(text), str(story_id))
        return found

    def fragments_with_other_suggester(self, suggester: str) -> list[int]:
        """Fragments whose stored suggestions came from another engine or codebook than ``suggester``."""
        with self.session() as s:
            query = select(SuggestionRow.fragment_id).where(SuggestionRow.suggester != suggester).distinct()
            return sorted(int(i) for i in s.scalars(query))

    def suggestions(self, story_id: str | None = None) -> dict[int, list[Suggestion]]:
        with self.session() as s:
            query = select(SuggestionRow)
            if story_id is not None:
                query = query.join(FragmentRow).join(StoryRow).where(StoryRow.story_id == story_id)
            result: dict[int, list[Suggestion]] = defaultdict(list)
            for r in s.scalars(query.order_by(SuggestionRow.fragment_id, SuggestionRow.score.desc())):
                result[r.fragment_id].append(
                    Suggestion(r.fragment_id, r.code_id, r.score, _rationale(r.rationale), r.suggester)
                )
            return dict(result)

    def suggestions_without_reasons(self) -> list[Suggestion]:
        """Every stored suggestion with its score and suggester but an empty rationale, in the order of
        :meth:`suggestions`: what an export needs, without decoding 100k rationale JSONs (~5 s)."""
        query = select(
            SuggestionRow.fragment_id, SuggestionRow.code_id, SuggestionRow.score, SuggestionRow.suggester
        ).order_by(SuggestionRow.fragment_id, SuggestionRow.score.desc())
        with self.session() as s:
            return [
                Suggestion(int(fragment_id), str(code), float(score), suggester=str(suggester))
                for fragment_id, code, score, suggester in s.execute(query)
            ]

    def suggestion_scores(
        self, fragment_ids: Iterable[int] | None = None
    ) -> dict[int, list[tuple[str, float]]]:
        """Fragment id -> (code, score) of its suggestions, without rationales: a plain column query for
        readers that only need the scores (the full rows with their JSON cost ~10x more on 100k rows)."""
        columns = select(SuggestionRow.fragment_id, SuggestionRow.code_id, SuggestionRow.score)
        result: dict[int, list[tuple[str, float]]] = defaultdict(list)
        with self.session() as s:
            if fragment_ids is None:
                queries = [columns]
            else:
                wanted = sorted(set(fragment_ids))
                queries = [columns.where(SuggestionRow.fragment_id.in_(c)) for c in _chunks(wanted, 500)]
            for query in queries:
                for fragment_id, code, score in s.execute(query):
                    result[int(fragment_id)].append((str(code), float(score)))
        return dict(result)
