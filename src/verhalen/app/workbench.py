"""Use cases for the UI and the CLI. The only caller of the repository; no UI code here."""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from verhalen.codebook import load_codebook
from verhalen.config import Settings
from verhalen.domain import (
    STATUSES,
    Code,
    Codebook,
    Coding,
    Fragment,
    Memo,
    Practice,
    ProjectSnapshot,
    Story,
    Suggestion,
    ValidationError,
    VerhalenError,
)
from verhalen.ingest import segment
from verhalen.store import Repository, connect, migrate
from verhalen.suggest import context
from verhalen.suggest.consensus import CoderDecision, Decision, training_labels
from verhalen.suggest.embeddings import Embedder, from_bytes, get_embedder, to_bytes
from verhalen.suggest.engine import Engine, FittedModel, Prepared

EMBED_BATCH = 256  # fragments embedded and stored at a time (re-embedding after a change of encoder)
PRACTICES: tuple[Practice, ...] = (
    Practice("beijum", "Huiskamer Beijum (WIJ Groningen)"),
    Practice("hoogeveen", "VVE & opvoedondersteuning Hoogeveen"),
    Practice("veendam", "Alleenstaande-moedergroepen Veendam"),
)


Refresh = bool | Literal["background"]
"""After a decision: True refits and rescores before returning (CLI, tests), "background" hands it to the
Workbench's refresh worker (the app), False leaves the suggestions as they are."""

REFRESH_IDLE_SECONDS = 60.0  # an idle refresh worker ends; the next decision starts a new one
RESCORE_CHUNK = 1000  # fragments rescored per transaction by a refresh (the open story's go first)


@dataclass(frozen=True)
class StoryProgress:
    story_id: str
    decided: int
    total: int


class Workbench:
    """One project: a database, the codebook, the embedder and the suggestion engine."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        engine = connect(settings.database_url)
        migrate(engine)
        self.repo = Repository(engine)
        self._embedder = embedder
        self._engine: Engine | None = None
        self._features: Prepared | None = None  # prepared features of every scored fragment, cached
        self._row_of: dict[int, int] = {}  # fragment id -> row in self._features
        self._story_of: dict[int, str] = {}  # fragment id -> story, of the cached rows
        self._lock = threading.RLock()  # the engine and the feature cache: refresh, warm-up, import
        self.embedding_progress: tuple[int, int] | None = None  # (done, total) while embed_missing runs
        self._refresh = threading.Condition()  # guards the refresh worker's fields below
        self._refresh_dirty = False  # a decision came in that no finished refresh has seen yet
        self._refresh_running = False
        self._refresh_worker: threading.Thread | None = None
        self._refresh_first: set[str] = set()  # stories decided in since the worker last started a pass
        self._refresh_doing: set[str] = set()  # the running pass's stories until they are stored
        self.refresh_generation = 0  # +1 after every background refresh: the page compares it
        self.refresh_error: str | None = None  # the last background refresh's failure, for the log and tests
        if self.sync_codebook() and self.repo.counts()["fragments"]:
            self.refresh_after_decision()  # a new codebook version: rescore what is not decided yet

    def reset_cache(self) -> None:
        """Forget the fitted engine and prepared features (after a reset or a codebook change)."""
        with self._lock:
            self._engine = None
            self._features = None
            self._row_of = {}
            self._story_of = {}

    # -- codebook, embedder, engine ----------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings.embedder)
        return self._embedder

    @functools.cached_property
    def _file_codebook(self) -> Codebook:
        return load_codebook(self.settings.codebook_path)

    def sync_codebook(self) -> bool:
        """Store codebook/*.yaml as the active version when its version is new to this project.

        Inductive codes of the previously active version are carried over. Returns True when it stored one.
        """
        file_book = self._file_codebook
        if file_book.version in self.repo.codebook_versions():
            return False
        previous = self.repo.active_codebook()
        known = {c.id for c in file_book.codes}
        carried = tuple(c for c in (previous.codes if previous else ()) if c.inductive and c.id not in known)
        self.repo.save_codebook(replace(file_book, codes=file_book.codes + carried))
        self.reset_cache()
        return True

    def codebook(self) -> Codebook:
        """The active codebook version from the database (codebook/*.yaml is stored on first use)."""
        stored = self.repo.active_codebook()
        if stored is None:
            self.sync_codebook()
            stored = self.repo.active_codebook()
            assert stored is not None
        return replace(stored, none_examples=self._file_codebook.none_examples)

    def add_inductive_code(self, code_id: str, name: str, coder: str, parent: str | None = None) -> Code:
        book = self.codebook()
        code_id = code_id.strip().lower().replace(" ", "-")
        if not code_id or any(c.id == code_id for c in book.codes):
            raise ValidationError(f"Code '{code_id}' bestaat al of is leeg.")
        code = Code(id=code_id, name=name.strip() or code_id, parent=parent, inductive=True, colour="#999999")
        self.repo.add_code(book.version, code, coder)
        return code

    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = Engine(self.codebook(), self.embedder)
                self._engine.fit(self._decisions())
            return self._engine

    def _decisions(self) -> list[Decision]:
        """What the engine learns from: one label per fragment and factor (see consensus.py)."""
        book = self.codebook()
        known = {c.id for c in book.codes}
        rows = [CoderDecision(*row) for row in self.repo.decided_texts() if row[2] in known]
        labels = training_labels(rows, self.repo.resolutions(), book.factor_of)
        vectors = self.repo.embeddings(self.embedder.model_id, {label.fragment_id for label in labels})
        return [
            Decision(
                text=label.text,
                code=label.code,
                positive=label.positive,
                vector=from_bytes(vectors[label.fragment_id]) if label.fragment_id in vectors else None,
            )
            for label in labels
        ]

    # -- stories -------------------------------------------------------------------------------
    def ensure_practices(self, practices: Sequence[Practice] = PRACTICES) -> None:
        for practice in practices:
            self.repo.ensure_practice(practice)

    def add_practice(self, name: str) -> Practice:
        name = name.strip()
        if not name:
            raise ValidationError("Geef de praktijk een naam.")
        practice_id = "".join(ch for ch in name.lower().replace(" ", "-") if ch.isalnum() or ch == "-")[:60]
        practice = Practice(practice_id or "praktijk", name)
        self.repo.ensure_practice(practice)
        return practice

    def import_story(self, story: Story, coder: str = "", privacy: dict[str, Any] | None = None) -> int:
        """Segment, store (all or nothing), embed and suggest one story. Returns the fragment count."""
        if not story.text.strip():
            raise ValidationError(f"Verhaal '{story.id}' is leeg; niets opgeslagen.")
        if self.repo.has_story(story.id):
            raise VerhalenError(f"Verhaal-id '{story.id}' bestaat al; niets opgeslagen.")
        fragments = segment.segment(story.id, story.text)
        event = {
            "story_id": story.id,
            "coder": coder,
            "source": story.source_name,
            "fragments": len(fragments),
            "privacy": privacy or {},
        }
        ids = self.repo.add_story(story, fragments, event)
        self.index(ids)
        return len(ids)

    # -- embeddings and suggestions --------------------------------------------------------------
    def embed_missing(self, batch: int = EMBED_BATCH) -> int:
        """Embed every fragment that has no vector of the current encoder yet (all of them after a change of
        encoder: vectors are stored per model id), in batches that are stored as they are done, so an
        interrupted run resumes where it stopped. :attr:`embedding_progress` tells (done, total) meanwhile."""
        model_id = self.embedder.model_id
        missing = self.repo.fragments_without_embedding(model_id)
        for start in range(0, len(missing), batch):
            self.embedding_progress = (start, len(missing))
            part = missing[start : start + batch]
            vectors = self.embedder.encode([f.text for f in part])
            self.repo.save_embeddings(
                model_id, {f.id: to_bytes(v) for f, v in zip(part, vectors, strict=True)}
            )
        self.embedding_progress = None
        return len(missing)

    def _prepare(self, fragments: Sequence[Fragment]) -> tuple[list[Fragment], Prepared | None]:
        """Features of ``fragments`` from the cache; new fragments are prepared once from stored vectors.

        Under the lock: the background warm-up, an import and a decision may all prepare at once."""
        with self._lock:
            return self._prepare_locked(fragments)

    def _prepare_locked(self, fragments: Sequence[Fragment]) -> tuple[list[Fragment], Prepared | None]:
        todo = [f for f in fragments if f.id not in self._row_of]
        if todo:
            around = self._neighbours({f.story_id for f in todo})
            wanted = {f.id for f in todo} | {i for f in todo for i in around.get(f.id, ())}
            stored = {
                k: from_bytes(v) for k, v in self.repo.embeddings(self.embedder.model_id, wanted).items()
            }
            have = [f for f in todo if f.id in stored]
            if have:
                vectors = context.in_context(have, stored, around)
                fresh = self.engine().prepare([f.text for f in have], vectors)
                offset = 0 if self._features is None else len(self._features)
                self._features = fresh if self._features is None else Prepared.concat([self._features, fresh])
                self._row_of.update({f.id: offset + i for i, f in enumerate(have)})
                self._story_of.update({f.id: f.story_id for f in have})
        known = [f for f in fragments if f.id in self._row_of]
        if not known or self._features is None:
            return [], None
        return known, self._features.subset([self._row_of[f.id] for f in known])

    def _neighbours(self, story_ids: set[str]) -> dict[int, tuple[int, ...]]:
        """Fragment id -> the ids around it, for every fragment of ``story_ids`` (see context.py)."""
        stories: dict[str, list[Fragment]] = {}
        if len(story_ids) > 5:  # one query for the whole project instead of one per story
            for f in self.repo.fragments():
                if f.story_id in story_ids:
                    stories.setdefault(f.story_id, []).append(f)
        else:
            stories = {sid: self.repo.fragments(sid) for sid in story_ids}
        around: dict[int, tuple[int, ...]] = {}
        for story in stories.values():
            around.update(context.neighbours(story))
        return around

    def _forget(self, story_ids: set[str]) -> None:
        """Drop cached features of these stories' fragments: their neighbours may have changed."""
        with self._lock:
            stale = [fid for fid, sid in self._story_of.items() if sid in story_ids]
            for fid in stale:
                self._row_of.pop(fid, None)
                self._story_of.pop(fid, None)

    def index(self, fragment_ids: Sequence[int] | None = None) -> int:
        """Embed what is missing and (re)compute suggestions for the given or all undecided fragments."""
        self.embed_missing()
        if fragment_ids is None:
            fragments = self.repo.fragments(codable_only=True)
        else:
            fragments = [f for f in self.repo.fragments_by_id(fragment_ids) if f.codable]
            self._forget({f.story_id for f in fragments})  # e.g. after a merge or split
        return self._rescore(fragments)

    def index_missing(self) -> int:
        """Embed and suggest fragments left without suggestions (e.g. after an interrupted import)."""
        missing = self.repo.fragments_without_suggestions()
        return self.index(missing) if missing else 0

    def _rescore(self, fragments: Sequence[Fragment]) -> int:
        if not fragments:
            return 0
        engine = self.engine()
        fragments, prepared = self._prepare(fragments)
        if prepared is None:
            return 0
        scored = engine.score(prepared)
        rows = [
            Suggestion(f.id, s.code, s.score, s.rationale, s.suggester)  # dataclasses.replace: 3x slower
            for f, ss in zip(fragments, scored, strict=True)
            for s in ss
        ]
        self.repo.replace_suggestions(rows)
        return len(fragments)

    def warm_up(self) -> int:
        """Build the engine and prepare every fragment's features (what the first click would wait for);
        rescore the undecided fragments whose suggestions an older engine or codebook made. Decided
        fragments keep the suggestions they had when they were decided (the model-vs-coder agreement
        compares with those). Returns how many fragments were rescored."""
        self.embed_missing()  # after a change of encoder every fragment is embedded again, once
        with self._lock:
            fragments = self.repo.fragments(codable_only=True)
            self._prepare(fragments)
            stale = set(self.repo.fragments_with_other_suggester(self.engine().version))
            if not stale:
                return 0
            decided = {c.fragment_id for c in self.repo.codings()}
            return self._rescore([f for f in fragments if f.id in stale and f.id not in decided])

    def refresh_after_decision(
        self,
        first: Collection[str] = (),
        on_first: Callable[[], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> float:
        """Refit on all decisions and rescore undecided fragments; returns seconds taken.

        The background worker passes the stories just decided in as ``first``: they are rescored and
        stored before the rest (``on_first`` then tells the page), the rest in chunks of
        RESCORE_CHUNK fragments, each its own transaction, so a decision never waits long for the
        database; ``stop`` is asked between chunks (a newer decision: the worker starts over)."""
        started = time.perf_counter()
        with self._lock:
            self.engine().fit(self._decisions())
            if first:  # only these stories' rows: the page waits for them
                decided = {c.fragment_id for story in first for c in self.repo.codings(story_id=story)}
                story_rows = [
                    f for story in sorted(first) for f in self.repo.fragments(story, codable_only=True)
                ]
                self._rescore([f for f in story_rows if f.id not in decided])
                if on_first is not None:
                    on_first()
            decided = {c.fragment_id for c in self.repo.codings()}
            undecided = [
                f
                for f in self.repo.fragments(codable_only=True)
                if f.id not in decided and f.story_id not in first
            ]
            for start in range(0, len(undecided), RESCORE_CHUNK):
                if stop is not None and stop():
                    break
                self._rescore(undecided[start : start + RESCORE_CHUNK])
        return time.perf_counter() - started

    # -- the background refresh: one worker per Workbench, coalescing bursts of decisions ------------
    def schedule_refresh(self, stories: Collection[str] = ()) -> None:
        """Refit and rescore soon, in the worker thread, ``stories`` first. Decisions arriving while a
        refresh runs make it start over once it has stored those stories: a burst of clicks costs one
        refit per pass, not one per click, and the rest of the project waits for a pause."""
        with self._refresh:
            self._refresh_dirty = True
            self._refresh_first.update(stories)
            if self._refresh_worker is None or not self._refresh_worker.is_alive():
                self._refresh_worker = threading.Thread(
                    target=self._refresh_loop, name=f"verhalen-refresh-{id(self):x}", daemon=True
                )
                self._refresh_worker.start()
            self._refresh.notify_all()

    def _refresh_loop(self) -> None:
        while True:
            with self._refresh:
                while not self._refresh_dirty:
                    if not self._refresh.wait(timeout=REFRESH_IDLE_SECONDS) and not self._refresh_dirty:
                        self._refresh_worker = None  # idle: end; schedule_refresh starts a new one
                        return
                self._refresh_dirty = False
                self._refresh_running = True
                first, self._refresh_first = self._refresh_first, set()
                self._refresh_doing = set(first)
            error: str | None = None
            try:
                self.refresh_after_decision(first, on_first=self._new_generation, stop=self._newer_decision)
            except Exception as exc:  # the decision is stored; only its effect on the suggestions waits
                logging.getLogger(__name__).exception("background refresh failed")
                error = type(exc).__name__
            with self._refresh:
                self._refresh_running = False
                self._refresh_doing = set()
                self.refresh_generation += 1
                self.refresh_error = error
                self._refresh.notify_all()

    def _new_generation(self) -> None:
        with self._refresh:
            self._refresh_doing = set()
            self.refresh_generation += 1
            self._refresh.notify_all()

    def _newer_decision(self) -> bool:
        with self._refresh:
            return self._refresh_dirty

    def refresh_pending(self, story_id: str | None = None) -> bool:
        """True while a scheduled refresh has not finished; with ``story_id``: while that story's new
        suggestions are not stored yet (the rest of the project may still be on its way)."""
        with self._refresh:
            if story_id is not None:
                return story_id in self._refresh_first or story_id in self._refresh_doing
            return self._refresh_dirty or self._refresh_running

    def wait_for_refresh(self, timeout: float | None = None) -> bool:
        """Block until no background refresh is scheduled or running (tests, benchmarks, the CLI's end).
        Returns False when ``timeout`` passed first."""
        with self._refresh:
            return self._refresh.wait_for(
                lambda: not self._refresh_dirty and not self._refresh_running, timeout=timeout
            )

    def _after_change(
        self, refresh: Refresh, fragment_id: int | None = None, stories: Sequence[str] = ()
    ) -> None:
        """Refit and rescore after a change of decisions: now, in the background (the changed stories
        first) or not at all (see :data:`Refresh`)."""
        if refresh == "background":
            ids = [fragment_id] if fragment_id is not None else []
            self.schedule_refresh({*stories, *self._stories_of(ids)})
        elif refresh:
            self.refresh_after_decision()

    def _stories_of(self, fragment_ids: Sequence[int]) -> set[str]:
        known = {self._story_of[i] for i in fragment_ids if i in self._story_of}
        unknown = [i for i in fragment_ids if i not in self._story_of]
        return known | ({f.story_id for f in self.repo.fragments_by_id(unknown)} if unknown else set())

    def model_with(self, extra: Sequence[Decision]) -> FittedModel:
        """A model fitted on the project's decisions plus ``extra``; nothing is stored and the shared
        engine keeps its own model (``verhalen suggest|evaluate --learn-from``)."""
        return self.engine().fitted([*self._decisions(), *extra])

    def suggest_texts(self, texts: Sequence[str]) -> list[tuple[Suggestion, ...]]:
        engine = self.engine()
        return engine.score(engine.prepare(list(texts)))

    # -- stored vectors (search and themes: explore.py) ----------------------------------------------
    def stored_vectors(self, fragment_ids: Sequence[int]) -> dict[int, np.ndarray]:
        """The stored vectors of ``fragment_ids`` for the current model (missing ones embedded first)."""
        self.embed_missing()
        stored = self.repo.embeddings(self.embedder.model_id, fragment_ids)
        return {fid: from_bytes(blob) for fid, blob in stored.items()}

    # -- decisions -------------------------------------------------------------------------------
    def decide(
        self, fragment_id: int, code: str, coder: str, status: str, memo: str = "", refresh: Refresh = True
    ) -> bool:
        coder = coder.strip()
        if not coder:
            raise ValidationError("Kies eerst een codeur (naam in de zijbalk).")
        if status not in STATUSES:
            raise ValidationError(f"Onbekende status '{status}'.")
        book = self.codebook()
        if code not in {c.id for c in book.codes}:
            raise ValidationError(f"Code '{code}' staat niet in het codeboek.")
        changed = self.repo.decide(Coding(fragment_id, code, coder, status, None, memo))  # type: ignore[arg-type]
        if changed:
            self._after_change(refresh, fragment_id)
        return changed

    def withdraw(self, fragment_id: int, code: str, coder: str, refresh: Refresh = True) -> bool:
        changed = self.repo.withdraw(fragment_id, code, coder)
        if changed:
            self._after_change(refresh, fragment_id)
        return changed

    def undo(self, coder: str, refresh: Refresh = True) -> bool:
        undone = self.repo.undo_last(coder)
        if undone is not None:
            self._after_change(refresh, undone.fragment_id)
        return undone is not None

    def confirm_above(self, story_id: str, coder: str, threshold: float, refresh: Refresh = True) -> int:
        """Confirm every suggestion >= threshold of the story's undecided fragments."""
        mine = {(c.fragment_id, c.code) for c in self.repo.codings(story_id=story_id, coder=coder)}
        todo = [
            Coding(fragment_id, s.code, coder, "confirmed")
            for fragment_id, suggestions in self.repo.suggestions(story_id).items()
            for s in suggestions
            if s.score >= threshold and (fragment_id, s.code) not in mine
        ]
        count = sum(self.repo.decide_many(todo, kind="bulk"))  # one transaction: all or none
        if count:
            self._after_change(refresh, stories=[story_id])
        return count

    def set_memo(self, fragment_id: int, coder: str, text: str) -> None:
        self.repo.set_memo(Memo(fragment_id, coder, text))

    def progress(self, coder: str | None = None) -> list[StoryProgress]:
        counts = self.repo.progress(coder)
        return [StoryProgress(sid, d, t) for sid, (d, t) in sorted(counts.items())]

    # -- exports and figures -------------------------------------------------------------------------
    def snapshot(self) -> ProjectSnapshot:
        engine_version = self._engine.version if self._engine is not None else ""
        suggestions = tuple(s for ss in self.repo.suggestions().values() for s in ss)
        return ProjectSnapshot(
            practices=tuple(self.repo.practices()),
            stories=tuple(self.repo.stories()),
            fragments=tuple(self.repo.fragments()),
            codings=tuple(self.repo.codings()),
            codebook=self.codebook(),
            suggestions=suggestions,
            memos=tuple(self.repo.memos()),
            suggester_version=engine_version or (suggestions[0].suggester if suggestions else ""),
        )

    def stats(self) -> dict[str, Any]:
        return self.repo.counts()

    def stats_json(self) -> str:
        return json.dumps(self.stats(), ensure_ascii=False)
