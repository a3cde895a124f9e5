"""Settling a disagreement on the Overeenstemming page stays quick on a large project: the page does not
wait for the background refit and rescore the resolution starts (it holds the index's lock for 10-15 s on
10,000 fragments), and it reads no fragment texts it does not show."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.apptest import open_page
from tests.conftest import make_settings
from verhalen.app.workbench import Workbench
from verhalen.domain import Story
from verhalen.store.repository import Repository


def test_the_engine_threshold_does_not_wait_for_a_refresh_under_way(demo_bench: Workbench) -> None:
    threshold = demo_bench.engine().threshold  # built once
    held, release = threading.Event(), threading.Event()

    def refresh() -> None:  # what the background refresh does: the lock for the whole refit + rescore
        with demo_bench.suggestion_index.lock:
            held.set()
            release.wait(timeout=60)

    worker = threading.Thread(target=refresh)
    worker.start()
    try:
        assert held.wait(timeout=10)
        answer: list[float] = []
        reader = threading.Thread(target=lambda: answer.append(demo_bench.engine().threshold))
        reader.start()
        reader.join(timeout=5)
        assert answer == [threshold]  # at once, from the last fit, not after the refresh
    finally:
        release.set()
        worker.join()


def test_the_agreement_page_reads_only_the_fragment_texts_it_shows(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    wb = Workbench(make_settings(sqlite_url, tmp_path))
    wb.ensure_practices()
    text = "\n\n".join(
        f"Alinea {i}. Ik werkte toen in de buurt en sprak er veel mensen." for i in range(1, 8)
    )
    wb.import_story(Story("S1", "beijum", "ouder", text))
    fragments = [f.id for f in wb.repo.fragments("S1") if f.codable]
    factors = [c.id for c in wb.codebook().factors]
    for fid in fragments[:3]:
        wb.decide(fid, factors[0], "anna", "confirmed", refresh=False)
        wb.decide(fid, factors[1], "bram", "confirmed", refresh=False)
    wb.repo.engine.dispose()
    whole: list[Any] = []
    real = Repository.fragments

    def counted(self: Repository, story_id: str | None = None, codable_only: bool = False) -> Any:
        if story_id is None:
            whole.append(codable_only)  # every fragment's text: seconds on 10,000 fragments
        return real(self, story_id, codable_only)

    monkeypatch.setattr(Repository, "fragments", counted)
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    keys = [str(b.key) for b in at.button if str(b.key).startswith("res-")]
    assert keys  # the disagreements are listed
    whole.clear()
    at.button(key=keys[0]).click().run()
    assert not at.exception, at.exception
    assert wb.repo.resolutions()
    assert whole == []
