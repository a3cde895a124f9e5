from __future__ import annotations

import numpy as np
import pytest

from verhalen.domain import VerhalenError
from verhalen.embeddings import (
    Embedder,
    FakeEmbedder,
    SentenceTransformerEmbedder,
    UseEmbedder,
    from_bytes,
    get_embedder,
    normalise_rows,
    stack_bytes,
    to_bytes,
)


def test_fake_embedder_is_deterministic_unit_length_float32() -> None:
    embedder = FakeEmbedder(dim=32)
    first = embedder.encode(["Ik drink koffie met de andere moeders.", "Hij slaapt slecht."])
    second = FakeEmbedder(dim=32).encode(["Ik drink koffie met de andere moeders.", "Hij slaapt slecht."])
    assert first.shape == (2, 32)
    assert first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(first, second)


def test_fake_embedder_puts_shared_words_closer() -> None:
    vectors = FakeEmbedder().encode(
        [
            "We drinken koffie en kletsen gezellig",
            "Gezellig koffie drinken en kletsen",
            "De bus was te laat vandaag",
        ]
    )
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_empty_input_gives_empty_matrix() -> None:
    assert FakeEmbedder(dim=16).encode([]).shape == (0, 16)
    assert UseEmbedder().encode([]).shape == (0, 512)


def test_bytes_round_trip_and_dimension_check() -> None:
    vector = FakeEmbedder(dim=8).encode(["een zin"])[0]
    blob = to_bytes(vector)
    assert len(blob) == 8 * 4
    np.testing.assert_array_equal(from_bytes(blob, 8), vector)
    assert stack_bytes([blob, blob], 8).shape == (2, 8)
    assert stack_bytes([], 8).shape == (0, 8)
    with pytest.raises(VerhalenError):
        from_bytes(blob, 16)


def test_normalise_rows_keeps_zero_rows() -> None:
    result = normalise_rows(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(result, [[0.6, 0.8], [0.0, 0.0]])


def test_get_embedder_choices_are_lazy() -> None:
    use = get_embedder("use-multilingual-v3")
    assert isinstance(use, UseEmbedder) and use.model_id == "use-multilingual-v3" and use.dim == 512
    assert use._model is None  # nothing loaded until the first encode
    assert isinstance(get_embedder("fake"), FakeEmbedder)
    assert get_embedder("fake-24").dim == 24
    assert isinstance(get_embedder("/nergens/een-model"), SentenceTransformerEmbedder)
    for embedder in (use, get_embedder("fake")):
        assert isinstance(embedder, Embedder)


def test_missing_sentence_transformer_model_is_a_clear_error_without_download() -> None:
    embedder = SentenceTransformerEmbedder("/nergens/een-model")
    with pytest.raises(VerhalenError, match="niets"):
        embedder.encode(["een zin"])
