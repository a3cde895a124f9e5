"""A change of encoder: every fragment is embedded again once, in stored batches, then rescored."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.conftest import make_settings
from verhalen.app.workbench import PRACTICES, Workbench
from verhalen.domain import Story
from verhalen.suggest.embeddings import FakeEmbedder

TEXT = (
    "Op dinsdag drinken we koffie in de huiskamer. De juf luistert echt naar ons. "
    "Ik heb daar veel tips gekregen over slapen. Daarna spreken we ook buiten de groep af."
)


class Recording(FakeEmbedder):
    def __init__(self, dim: int, progress: list[tuple[int, int] | None], bench: list[Workbench]) -> None:
        super().__init__(dim)
        self.seen = progress
        self.bench = bench

    def encode(self, texts):  # type: ignore[no-untyped-def]
        if self.bench:
            self.seen.append(self.bench[0].embedding_progress)
        return super().encode(texts)


def test_a_new_encoder_embeds_everything_once_in_batches_and_rescores(
    sqlite_url: str, tmp_path: Path
) -> None:
    old = Workbench(make_settings(sqlite_url, tmp_path), embedder=FakeEmbedder(64))
    old.ensure_practices(PRACTICES)
    old.import_story(Story("T1", "veendam", "ouder", TEXT))
    old.import_story(Story("T2", "beijum", "ouder", TEXT.replace("dinsdag", "woensdag")))
    n = old.repo.counts()["fragments"]
    old.repo.engine.dispose()

    # The warm-up (started when the app opens the project) embeds again before it rescores.
    after = Workbench(dataclasses.replace(make_settings(sqlite_url, tmp_path), embedder="fake-48"))
    assert len(after.repo.fragments_without_embedding("fake-48")) == n
    assert after.warm_up() == len(after.repo.fragments(codable_only=True)) > 0
    assert after.repo.fragments_without_embedding("fake-48") == []
    assert all(
        s.suggester == after.engine().version and "fake-48" in s.suggester
        for rows in after.repo.suggestions().values()
        for s in rows
    )
    after.repo.engine.dispose()

    # In batches that are stored as they are done, with (done, total) to show meanwhile.
    progress: list[tuple[int, int] | None] = []
    holder: list[Workbench] = []
    settings = dataclasses.replace(make_settings(sqlite_url, tmp_path), embedder="fake-32")
    new = Workbench(settings, embedder=Recording(32, progress, holder))
    holder.append(new)
    assert new.embed_missing(batch=3) == n
    assert new.embedding_progress is None  # done
    batches = [p for p in progress if p is not None]
    assert [p[0] for p in batches] == list(range(0, n, 3)) and {p[1] for p in batches} == {n}
    assert new.repo.fragments_without_embedding("fake-32") == []
    assert new.embed_missing() == 0  # once: nothing left the second time
