"""The composition root of one project for the UI and the CLI: a :class:`Project` (database, settings,
codebook, practices), a :class:`SuggestionIndex` (encoder, engine, features, stored suggestions), a
:class:`RefreshWorker` (the background refit after decisions) and a :class:`CodingService` (decisions).
Most methods only delegate; the few that join parts are here (importing a story, the export snapshot and
its log entry, following other processes on the same database). No UI code here."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from verhalen.app import limits
from verhalen.app.decisions import CodingService
from verhalen.app.project import PRACTICES, Project, StoryProgress
from verhalen.app.refresh import Refresh, RefreshWorker
from verhalen.app.suggestion_index import SuggestionIndex
from verhalen.config import Settings
from verhalen.domain import (
    Code,
    Codebook,
    Practice,
    ProjectSnapshot,
    Story,
    Suggestion,
    ValidationError,
    VerhalenError,
)
from verhalen.ingest import segment
from verhalen.store import Repository
from verhalen.suggest.consensus import Decision
from verhalen.suggest.embeddings import Embedder

if TYPE_CHECKING:  # scikit-learn and spaCy load with the engine (the warm-up), not with the pages
    from verhalen.suggest.engine import Engine
    from verhalen.suggest.model import FittedModel

__all__ = ["PRACTICES", "Refresh", "StoryProgress", "Workbench"]

CODEBOOK_EVENTS = frozenset(
    {"codebook", "add_code", "rename_code", "recolour_code", "move_code", "merge_code"}
)
REFRESH_FIRST_SECONDS = 30.0  # the warm-up lets a pending refresh go first, this long at most per step
QUIET_EVENTS = frozenset(
    {"memo", "import", "login", "logout", "user_add", "user_remove", "user_role", "user_password", "export"}
)
"""Events that change nothing the suggestions depend on."""


class Workbench:
    """One project: a database, the codebook, the embedder and the suggestion engine."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.project = Project(settings)
        self.suggestion_index = SuggestionIndex(self.project, embedder)
        # the worker calls through this object, so a test can replace refresh_after_decision
        self.refresher = RefreshWorker(
            lambda first, on_first, stop: self.refresh_after_decision(first, on_first, stop),
            name=f"verhalen-refresh-{id(self):x}",
        )
        self.coding = CodingService(self.project, self._after_change)
        if self.sync_codebook() and self.repo.counts()["fragments"]:
            self.refresh_after_decision()  # a new codebook version: rescore what is not decided yet

    # -- who may do what (team mode) ---------------------------------------------------------------
    def require(self, action: str) -> None:
        """Single-user: every action is allowed. In team mode the app's Workbench is a GuardedWorkbench
        (app/team.py) that checks the logged-in user's role here; use cases call it before they write."""

    def resolve(self, fragment_id: int, code: str, status: str, lead: str) -> None:
        """The lead coder settles a disagreement (in team mode: a role that may "settle")."""
        self.require("settle")
        self.repo.resolve(fragment_id, code, status, lead)

    @property
    def shared(self) -> Workbench:
        """The project's workbench every session of this server shares (a GuardedWorkbench's is the one it
        wraps): the key for caches that must outlive one session's view."""
        return self

    # -- the parts' state ------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self.project.settings

    @property
    def repo(self) -> Repository:
        return self.project.repo

    @property
    def embedder(self) -> Embedder:
        return self.suggestion_index.embedder

    @property
    def embedding_progress(self) -> tuple[int, int] | None:
        return self.suggestion_index.embedding_progress

    @property
    def refresh_generation(self) -> int:
        return self.refresher.generation

    @property
    def refresh_error(self) -> str | None:
        return self.refresher.error

    @property
    def sentences_ready(self) -> bool:
        """Whether the Dutch pipeline (spaCy) is loaded, which split points need. The warm-up loads it; a
        page drawn before that offers the split on request instead of loading it (seconds) on the spot."""
        return segment.nlp.cache_info().currsize > 0

    # -- project ---------------------------------------------------------------------------------
    def sync_codebook(self) -> bool:
        stored = self.project.sync_codebook()
        if stored:
            self.suggestion_index.reset_cache()
        return stored

    def codebook(self) -> Codebook:
        return self.project.codebook()

    def add_inductive_code(self, code_id: str, name: str, coder: str, parent: str | None = None) -> Code:
        return self.project.add_inductive_code(code_id, name, coder, parent)

    def ensure_practices(self, practices: Sequence[Practice] = PRACTICES) -> None:
        self.project.ensure_practices(practices)

    def add_practice(self, name: str) -> Practice:
        return self.project.add_practice(name)

    def progress(self, coder: str | None = None) -> list[StoryProgress]:
        return self.project.progress(coder)

    def stats(self) -> dict[str, Any]:
        return self.repo.counts()

    def import_story(self, story: Story, coder: str = "", privacy: dict[str, Any] | None = None) -> int:
        """Segment, store (all or nothing), embed and suggest one story. Returns the fragment count."""
        story = limits.story(story)
        if not story.text.strip():
            raise ValidationError("story_empty", story=story.id)
        if self.repo.has_story(story.id):
            raise VerhalenError("story_exists", story=story.id)
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

    def log_export(self, fmt: str, level: str, who: str) -> None:
        """An export leaves the project: logged (who, format, codebook and suggester version)."""
        self.require("export")
        book = self.codebook()
        suggester = self.suggestion_index.engine_version
        payload = {"format": fmt, "level": level, "codebook": book.version, "suggester": suggester}
        self.repo.log("export", who, payload)

    def snapshot(self) -> ProjectSnapshot:
        """Everything an export needs, read once (suggestions without their rationale: no export has it)."""
        suggestions = tuple(self.repo.suggestions_without_reasons())
        engine_version = self.suggestion_index.engine_version
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

    # -- suggestions -----------------------------------------------------------------------------
    def reset_cache(self) -> None:
        self.suggestion_index.reset_cache()

    def engine(self) -> Engine:
        """The fitted engine; once built, returned without waiting for a background refresh under way (a
        page that reads the model's threshold must not wait for a refit and rescore of every fragment)."""
        return self.suggestion_index.current_engine()

    def embed_missing(self, batch: int | None = None) -> int:
        index = self.suggestion_index
        return index.embed_missing() if batch is None else index.embed_missing(batch)

    def index(self, fragment_ids: Sequence[int] | None = None) -> int:
        return self.suggestion_index.index(fragment_ids)

    def index_missing(self) -> int:
        return self.suggestion_index.index_missing()

    def warm_up(self, pause: Callable[[], None] | None = None) -> int:
        """See SuggestionIndex.warm_up. Before each step a refresh after a decision goes first (it needs the
        index lock the warm-up takes per step, and it prepares what it needs itself): the first ✓ after a
        start then waits for the engine, not for every fragment's features."""

        def step() -> None:
            if pause is not None:
                pause()
            deadline = time.monotonic() + REFRESH_FIRST_SECONDS
            while self.refresh_pending() and time.monotonic() < deadline:
                time.sleep(0.05)

        return self.suggestion_index.warm_up(step)

    def refresh_after_decision(
        self,
        first: Collection[str] = (),
        on_first: Callable[[], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> float:
        return self.suggestion_index.refresh_after_decision(first, on_first, stop)

    def model_with(self, extra: Sequence[Decision]) -> FittedModel:
        return self.suggestion_index.model_with(extra)

    def suggest_texts(self, texts: Sequence[str]) -> list[tuple[Suggestion, ...]]:
        return self.suggestion_index.suggest_texts(texts)

    def stored_vectors(self, fragment_ids: Sequence[int]) -> dict[int, np.ndarray]:
        return self.suggestion_index.stored_vectors(fragment_ids)

    # -- the background refresh --------------------------------------------------------------------
    def schedule_refresh(self, stories: Collection[str] = ()) -> None:
        self.refresher.schedule(stories)

    def refresh_pending(self, story_id: str | None = None) -> bool:
        return self.refresher.pending(story_id)

    def wait_for_refresh(self, timeout: float | None = None) -> bool:
        return self.refresher.wait(timeout)

    def _after_change(self, refresh: Refresh, fragment_ids: Sequence[int], stories: Sequence[str]) -> None:
        """Refit and rescore after a change of decisions: now, in the background (the changed stories
        first) or not at all (see :data:`Refresh`)."""
        if refresh == "background":
            self.schedule_refresh({*stories, *self.suggestion_index.stories_of(fragment_ids)})
        elif refresh:
            self.refresh_after_decision()

    # -- several processes on one database ----------------------------------------------------------
    def follow_others(self) -> bool:
        """Bring this process up to date with what others wrote (a second app server on the same database,
        the CLI): the events table is the change counter. A changed codebook rebuilds the engine; newer
        decisions, imports, merges or erasures than the engine's last fit schedule a background refresh.
        Returns True when something was scheduled. Cheap (one or two small queries): pages call it on
        every rerun."""
        index = self.suggestion_index
        if not index.built or self.refresh_pending():
            return False
        if self.repo.last_event_id() <= index.fitted_through:
            return False
        kinds = self.repo.event_kinds_after(index.fitted_through) - QUIET_EVENTS
        if not kinds:
            return False
        if kinds & CODEBOOK_EVENTS:
            index.reset_cache()
        self.schedule_refresh()
        return True

    # -- decisions ---------------------------------------------------------------------------------
    def decide(
        self, fragment_id: int, code: str, coder: str, status: str, memo: str = "", refresh: Refresh = True
    ) -> bool:
        return self.coding.decide(fragment_id, code, coder, status, memo, refresh)

    def withdraw(self, fragment_id: int, code: str, coder: str, refresh: Refresh = True) -> bool:
        return self.coding.withdraw(fragment_id, code, coder, refresh)

    def undo(self, coder: str, refresh: Refresh = True) -> bool:
        return self.coding.undo(coder, refresh)

    def confirm_above(self, story_id: str, coder: str, threshold: float, refresh: Refresh = True) -> int:
        return self.coding.confirm_above(story_id, coder, threshold, refresh)

    def set_memo(self, fragment_id: int, coder: str, text: str) -> None:
        self.coding.set_memo(fragment_id, coder, text)
