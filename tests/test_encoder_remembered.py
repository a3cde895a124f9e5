"""The engine's build encodes the codebook's texts at every server start (with USE most of the build): what
the same encoder made of the same text is read back from the data directory, and the engine is the same."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tests.conftest import make_settings
from verhalen.app.suggestion_index import RememberedEncoder
from verhalen.app.workbench import Workbench
from verhalen.domain import Story
from verhalen.suggest.embeddings import FakeEmbedder


class Counting:
    """A deterministic encoder that is not one of the fake ones (those are not kept), counting texts."""

    def __init__(self) -> None:
        self.inner = FakeEmbedder()
        self.model_id = "counting-64"
        self.dim = self.inner.dim
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.encode(texts)


def _bench(url: str, data: Path, encoder: Counting) -> Workbench:
    return Workbench(make_settings(url, data), embedder=encoder)


def test_a_second_start_does_not_encode_the_codebook_again(sqlite_url: str, tmp_path: Path) -> None:
    first_encoder = Counting()
    first = _bench(sqlite_url, tmp_path, first_encoder)
    first.ensure_practices()
    first.import_story(Story("S1", "beijum", "ouder", "De buurvrouw hielp me. Ik was blij met de groep."))
    built = first_encoder.texts
    assert built > 20  # the codebook's examples, descriptions and signal words, and the story
    again = Counting()
    second = _bench(sqlite_url, tmp_path, again)
    second.suggestion_index.engine()
    assert again.texts == 0
    texts = ["Mijn zus kwam elke dinsdag langs.", "Ik durfde eindelijk hulp te vragen."]
    first_scores = [[(s.code, round(s.score, 6)) for s in row] for row in first.suggest_texts(texts)]
    second_scores = [[(s.code, round(s.score, 6)) for s in row] for row in second.suggest_texts(texts)]
    assert second_scores == first_scores
    assert again.texts == len(texts)  # after the build, texts go to the encoder (and are not kept)
    third = Counting()
    _bench(sqlite_url, tmp_path, third).suggestion_index.engine()
    assert third.texts == 0


def test_a_damaged_file_is_encoded_again(tmp_path: Path) -> None:
    encoder = Counting()
    remembered = RememberedEncoder(encoder, tmp_path)
    remembered.path.parent.mkdir(parents=True)
    remembered.path.write_bytes(b"no npz")
    remembered = RememberedEncoder(encoder, tmp_path)
    vectors = remembered.encode(["een", "twee", "een"])
    assert encoder.texts == 2 and vectors.shape == (3, encoder.dim)
    assert np.array_equal(vectors, encoder.inner.encode(["een", "twee", "een"]))
    remembered.keep()
    assert RememberedEncoder(encoder, tmp_path).encode(["twee", "een"]).shape == (2, encoder.dim)
    assert encoder.texts == 2


def test_the_fake_encoders_are_not_kept(tmp_path: Path) -> None:
    remembered = RememberedEncoder(FakeEmbedder(), tmp_path)
    remembered.encode(["een"])
    remembered.keep()
    assert not (tmp_path / "cache").exists()
