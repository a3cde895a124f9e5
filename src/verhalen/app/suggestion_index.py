"""The suggestion index of a project: the encoder, the fitted engine, every fragment's prepared features,
and the stored suggestions they produce. No decisions are written here (see coding.py)."""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from verhalen.app.project import Project
from verhalen.domain import Fragment, Suggestion
from verhalen.suggest import context
from verhalen.suggest.consensus import CoderDecision, Decision, training_labels
from verhalen.suggest.embeddings import Embedder, from_bytes, get_embedder, to_bytes

if TYPE_CHECKING:  # the engine (scikit-learn, spaCy) is imported when it is built, not by the pages
    from verhalen.suggest.engine import Engine
    from verhalen.suggest.model import FittedModel, Prepared

EMBED_BATCH = 256  # fragments embedded and stored at a time (re-embedding after a change of encoder)
# fragments rescored per transaction by a refresh (the open story's go first); small, so a click that lands
# while the rest of the project is rescored shares the GIL with at most one short chunk
RESCORE_CHUNK = 200
WARM_UP_STORIES = 5  # stories prepared per hold of the lock at warm-up (at most 5: one query per story)


class RememberedEncoder:
    """The encoder as the engine sees it while it is built: the codebook's examples, descriptions and
    signal words are encoded at every build (with USE on 2 cores 17 s of a 23-s build, every server start),
    so what the same encoder made of the same text is kept in a file in the data directory and read back.
    The encoder is deterministic, so the engine built is the same. After the build (:meth:`keep`) texts pass
    through to the encoder and nothing more is remembered (a free text given to ``suggest`` is not kept).
    A file that cannot be read or written only costs the time it would save; the fake test encoders are
    not kept."""

    def __init__(self, inner: Embedder, directory: Path) -> None:
        self.inner = inner
        slug = re.sub(r"[^\w.-]+", "_", f"{type(inner).__name__}-{inner.model_id}")
        self.path = directory / "cache" / f"encoder-{slug}.npz"
        self._known: dict[str, np.ndarray] = {}
        self._new = 0
        self._building = True
        self._persist = not inner.model_id.startswith("fake")
        if self._persist:
            self._load()

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not self._building or not texts:
            return self.inner.encode(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self._known]
        if missing:
            self._known.update(zip(missing, self.inner.encode(missing), strict=True))
            self._new += len(missing)
        return np.stack([self._known[t] for t in texts]).astype(np.float32)

    def _load(self) -> None:
        try:
            with np.load(self.path, allow_pickle=False) as stored:
                texts, vectors = stored["texts"], stored["vectors"]
                if vectors.shape == (len(texts), self.inner.dim):
                    self._known = {str(t): v for t, v in zip(texts, vectors, strict=True)}
        except FileNotFoundError:
            pass
        except Exception:  # a damaged or foreign file: encode again (and write it anew)
            logging.getLogger(__name__).warning("encoder cache %s not read", self.path, exc_info=True)

    def keep(self) -> None:
        """The build is over: write what was newly encoded (atomically), remember nothing more."""
        self._building = False
        if not (self._persist and self._new):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            texts = np.array(list(self._known), dtype=str)
            vectors = np.stack(list(self._known.values())).astype(np.float32)
            handle, name = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
            with os.fdopen(handle, "wb") as out:
                np.savez(out, texts=texts, vectors=vectors)
            os.replace(name, self.path)
        except Exception:
            logging.getLogger(__name__).warning("encoder cache %s not written", self.path, exc_info=True)


class SuggestionIndex:
    """Embeds fragments once, keeps the engine fitted on the project's decisions and the features of every
    scored fragment in memory (so a refit after a decision does not re-embed), and stores suggestions.
    Preparing and refitting hold one lock: the warm-up thread, an import and a refresh can run at once."""

    def __init__(self, project: Project, embedder: Embedder | None = None) -> None:
        self.project = project
        self.repo = project.repo
        self._embedder = embedder
        self._engine: Engine | None = None
        self._features: Prepared | None = None  # prepared features of every scored fragment, cached
        self._row_of: dict[int, int] = {}  # fragment id -> row in self._features
        self._story_of: dict[int, str] = {}  # fragment id -> story, of the cached rows
        self.lock = threading.RLock()  # the engine and the feature cache: refresh, warm-up, import
        self.embedding_progress: tuple[int, int] | None = None  # (done, total) while embed_missing runs
        self.fitted_through = 0  # the newest event the engine's last fit could see (see follow_others)

    def reset_cache(self) -> None:
        """Forget the fitted engine and prepared features (after a reset or a codebook change)."""
        with self.lock:
            self._engine = None
            self._features = None
            self._row_of = {}
            self._story_of = {}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.project.settings.embedder)
        return self._embedder

    @property
    def engine_version(self) -> str:
        """The fitted engine's version, "" before the engine was built."""
        return self._engine.version if self._engine is not None else ""

    @property
    def built(self) -> bool:
        """Whether the engine was built (a process that never suggested has nothing to bring up to date)."""
        return self._engine is not None

    def current_engine(self) -> Engine:
        """The engine as it is, without waiting for a refit or a rescore under way (the background refresh
        holds :attr:`lock` while it refits and rescores every undecided fragment: 10-15 s on 10,000
        fragments). A fit swaps the engine's model whole, so a reader sees the last fit's model or the new
        one. Only the first build, when there is no engine yet, waits. For readers outside the lock (a page
        showing the model's threshold), not for scoring or preparing inside the index."""
        engine = self._engine
        return engine if engine is not None else self.engine()

    def engine(self) -> Engine:
        with self.lock:
            if self._engine is None:
                from verhalen.suggest.engine import Engine

                self.fitted_through = self.repo.last_event_id()
                remembered = (  # the fake test encoders are as fast as reading a file: not wrapped
                    None
                    if self.embedder.model_id.startswith("fake")
                    else RememberedEncoder(self.embedder, self.project.settings.data_dir)
                )
                self._engine = Engine(self.project.codebook(), remembered or self.embedder)
                if remembered is not None:
                    remembered.keep()
                self._engine.fit(self.decisions())
            return self._engine

    def decisions(self) -> list[Decision]:
        """What the engine learns from: one label per fragment and factor (see consensus.py)."""
        book = self.project.codebook()
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
                fragment_id=label.fragment_id,
            )
            for label in labels
        ]

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

    def prepare(self, fragments: Sequence[Fragment]) -> tuple[list[Fragment], Prepared | None]:
        """Features of ``fragments`` from the cache; new fragments are prepared once from stored vectors."""
        with self.lock:
            todo = [f for f in fragments if f.id not in self._row_of]
            if todo:
                self._prepare_new(todo)
            known = [f for f in fragments if f.id in self._row_of]
            if not known or self._features is None:
                return [], None
            return known, self._features.subset([self._row_of[f.id] for f in known])

    def _prepare_new(self, todo: Sequence[Fragment]) -> None:
        around = self._neighbours({f.story_id for f in todo})
        wanted = {f.id for f in todo} | {i for f in todo for i in around.get(f.id, ())}
        stored = {k: from_bytes(v) for k, v in self.repo.embeddings(self.embedder.model_id, wanted).items()}
        have = [f for f in todo if f.id in stored]
        if not have:
            return
        vectors = context.in_context(have, stored, around)
        fresh = self.engine().prepare([f.text for f in have], vectors)
        from verhalen.suggest.model import Prepared

        offset = 0 if self._features is None else len(self._features)
        self._features = fresh if self._features is None else Prepared.concat([self._features, fresh])
        self._row_of.update({f.id: offset + i for i, f in enumerate(have)})
        self._story_of.update({f.id: f.story_id for f in have})

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

    def forget(self, story_ids: set[str]) -> None:
        """Drop cached features of these stories' fragments: their neighbours may have changed."""
        with self.lock:
            stale = [fid for fid, sid in self._story_of.items() if sid in story_ids]
            for fid in stale:
                self._row_of.pop(fid, None)
                self._story_of.pop(fid, None)

    def stories_of(self, fragment_ids: Sequence[int]) -> set[str]:
        known = {self._story_of[i] for i in fragment_ids if i in self._story_of}
        unknown = [i for i in fragment_ids if i not in self._story_of]
        return known | ({f.story_id for f in self.repo.fragments_by_id(unknown)} if unknown else set())

    def index(self, fragment_ids: Sequence[int] | None = None) -> int:
        """Embed what is missing and (re)compute suggestions for the given or all undecided fragments."""
        self.embed_missing()
        if fragment_ids is None:
            fragments = self.repo.fragments(codable_only=True)
        else:
            fragments = [f for f in self.repo.fragments_by_id(fragment_ids) if f.codable]
            self.forget({f.story_id for f in fragments})  # e.g. after a merge or split
        return self.rescore(fragments)

    def index_missing(self) -> int:
        """Embed and suggest fragments left without suggestions (e.g. after an interrupted import)."""
        missing = self.repo.fragments_without_suggestions()
        return self.index(missing) if missing else 0

    def rescore(self, fragments: Sequence[Fragment]) -> int:
        if not fragments:
            return 0
        engine = self.engine()
        fragments, prepared = self.prepare(fragments)
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

    def warm_up(self, pause: Callable[[], None] | None = None) -> int:
        """Build the engine and prepare every fragment's features (what the first click would wait for);
        rescore the undecided fragments whose suggestions an older engine or codebook made. Decided
        fragments keep the suggestions they had when they were decided (the model-vs-coder agreement
        compares with those). Returns how many fragments were rescored. ``pause`` is called before each
        step (the app's: wait while a page is being drawn, so the warm-up thread does not halve a page's
        share of the GIL); pages never need the engine to show the stored suggestions."""
        step = pause or (lambda: None)
        step()
        self.embed_missing()  # after a change of encoder every fragment is embedded again, once
        step()
        fragments = self.repo.fragments(codable_only=True)
        stories: dict[str, list[Fragment]] = {}
        for f in fragments:
            stories.setdefault(f.story_id, []).append(f)
        ids = list(stories)
        step()
        self.engine()
        for start in range(0, len(ids), WARM_UP_STORIES):  # the lock per few stories: a decision's
            step()
            self.prepare([f for sid in ids[start : start + WARM_UP_STORIES] for f in stories[sid]])
        with self.lock:  # refresh need not wait for the whole project's features (minutes on 15,000)
            stale = set(self.repo.fragments_with_other_suggester(self.engine().version))
            if not stale:
                return 0
            decided = {c.fragment_id for c in self.repo.codings()}
            return self.rescore([f for f in fragments if f.id in stale and f.id not in decided])

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
        with self.lock:
            through = self.repo.last_event_id()
            self.engine().fit(self.decisions())
            self.fitted_through = through
            if first:  # only these stories' rows: the page waits for them
                decided = {c.fragment_id for story in first for c in self.repo.codings(story_id=story)}
                story_rows = [
                    f for story in sorted(first) for f in self.repo.fragments(story, codable_only=True)
                ]
                self.rescore([f for f in story_rows if f.id not in decided])
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
                self.rescore(undecided[start : start + RESCORE_CHUNK])
        return time.perf_counter() - started

    def model_with(self, extra: Sequence[Decision]) -> FittedModel:
        """A model fitted on the project's decisions plus ``extra``; nothing is stored and the shared
        engine keeps its own model (``verhalen suggest|evaluate --learn-from``)."""
        return self.engine().fitted([*self.decisions(), *extra])

    def suggest_texts(self, texts: Sequence[str]) -> list[tuple[Suggestion, ...]]:
        engine = self.engine()
        return engine.score(engine.prepare(list(texts)))

    def stored_vectors(self, fragment_ids: Sequence[int]) -> dict[int, np.ndarray]:
        """The stored vectors of ``fragment_ids`` for the current model (missing ones embedded first)."""
        self.embed_missing()
        stored = self.repo.embeddings(self.embedder.model_id, fragment_ids)
        return {fid: from_bytes(blob) for fid, blob in stored.items()}
