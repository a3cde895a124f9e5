"""The background refresh after a decision: one worker thread per project, coalescing bursts of clicks."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from typing import Literal, Protocol

Refresh = bool | Literal["background"]
"""After a decision: True refits and rescores before returning (CLI, tests), "background" hands it to the
refresh worker (the app), False leaves the suggestions as they are."""

REFRESH_IDLE_SECONDS = 60.0  # an idle refresh worker ends; the next decision starts a new one
SETTLE_SECONDS = 0.3  # a pass starts this long after the decision that scheduled it (clicks coalesce)
REST_AFTER_QUIET_SECONDS = 2.0  # the rest of the project is rescored after this long without a decision


class RefreshRun(Protocol):
    """Refit and rescore, ``first`` stories first (``on_first`` once they are stored), asking ``stop``
    between chunks (see SuggestionIndex.refresh_after_decision)."""

    def __call__(
        self, first: Collection[str], on_first: Callable[[], None], stop: Callable[[], bool]
    ) -> float: ...


class RefreshWorker:
    """Runs ``run`` in a thread after decisions. Decisions arriving while a refresh runs make it start over
    once it has stored the stories decided in: a burst of clicks costs one refit per pass, not one per
    click, and the rest of the project waits for a pause. ``generation`` tells the page new suggestions
    are stored."""

    def __init__(self, run: RefreshRun, name: str) -> None:
        self._run = run
        self._name = name
        self._refresh = threading.Condition()  # guards the fields below
        self._dirty = False  # a decision came in that no finished refresh has seen yet
        self._running = False
        self._worker: threading.Thread | None = None
        self._first: set[str] = set()  # stories decided in since the worker last started a pass
        self._doing: set[str] = set()  # the running pass's stories until they are stored
        self._waiting = 0  # callers of wait(): while any waits, no pause before the rest
        self.generation = 0  # +1 after every background refresh: the page compares it
        self.error: str | None = None  # the last background refresh's failure, for the log and tests

    def schedule(self, stories: Collection[str] = ()) -> None:
        """Refit and rescore soon, in the worker thread, ``stories`` first."""
        with self._refresh:
            self._dirty = True
            self._first.update(stories)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._loop, name=self._name, daemon=True)
                self._worker.start()
            self._refresh.notify_all()

    def _loop(self) -> None:
        while True:
            with self._refresh:
                while not self._dirty:
                    if not self._refresh.wait(timeout=REFRESH_IDLE_SECONDS) and not self._dirty:
                        self._worker = None  # idle: end; schedule starts a new one
                        return
                # the click that scheduled this answers first: its rerun shares the process's GIL
                self._refresh.wait_for(lambda: self._waiting > 0, timeout=SETTLE_SECONDS)
                self._dirty = False
                self._running = True
                first, self._first = self._first, set()
                self._doing = set(first)
            error: str | None = None
            try:
                self._run(first, on_first=self._new_generation, stop=self._stop_after_pause())
            except Exception as exc:  # the decision is stored; only its effect on the suggestions waits
                logging.getLogger(__name__).exception("background refresh failed")
                error = type(exc).__name__
            with self._refresh:
                self._running = False
                self._doing = set()
                self.generation += 1
                self.error = error
                self._refresh.notify_all()

    def _new_generation(self) -> None:
        with self._refresh:
            self._doing = set()
            self.generation += 1
            self._refresh.notify_all()

    def _stop_after_pause(self) -> Callable[[], bool]:
        """``stop`` for one pass, asked before each chunk of the rest of the project. The first time it
        waits for a pause in the clicking (REST_AFTER_QUIET_SECONDS without a decision): while a researcher
        clicks, the worker rescores only the stories she decides in, and the server's time goes to her
        clicks (the rest shares the process and its GIL with the page). True: a newer decision came, the
        worker starts over."""
        paused = False

        def stop() -> bool:
            nonlocal paused
            with self._refresh:
                if not paused:
                    paused = True
                    self._refresh.wait_for(
                        lambda: self._dirty or self._waiting > 0, timeout=REST_AFTER_QUIET_SECONDS
                    )
                return self._dirty

        return stop

    def pending(self, story_id: str | None = None) -> bool:
        """True while a scheduled refresh has not finished; with ``story_id``: while that story's new
        suggestions are not stored yet (the rest of the project may still be on its way)."""
        with self._refresh:
            if story_id is not None:
                return story_id in self._first or story_id in self._doing
            return self._dirty or self._running

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no refresh is scheduled or running. Returns False when ``timeout`` passed first."""
        with self._refresh:
            self._waiting += 1
            self._refresh.notify_all()
            try:
                return self._refresh.wait_for(lambda: not self._dirty and not self._running, timeout=timeout)
            finally:
                self._waiting -= 1
