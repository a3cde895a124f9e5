from __future__ import annotations

import numpy as np
import pytest

from verhalen.domain import VerhalenError
from verhalen.suggest.embeddings import (
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


def test_combined_embedder_dot_is_the_mean_of_the_parts_cosines() -> None:
    from verhalen.suggest.embeddings import CombinedEmbedder

    a, b = FakeEmbedder(32), FakeEmbedder(48)
    both = CombinedEmbedder([a, b])
    texts = ["we drinken koffie samen", "koffie en kletsen in de ochtend"]
    va, vb, vc = a.encode(texts), b.encode(texts), both.encode(texts)
    assert vc.shape == (2, 80) and both.model_id == "fake-32+fake-48"
    np.testing.assert_allclose(np.linalg.norm(vc, axis=1), 1.0, rtol=1e-5)
    assert float(vc[0] @ vc[1]) == pytest.approx((float(va[0] @ va[1]) + float(vb[0] @ vb[1])) / 2, abs=1e-5)


def test_get_embedder_names_e5_and_the_combination_without_loading() -> None:
    from verhalen.suggest.embeddings import CombinedEmbedder, E5Embedder, get_embedder

    e5 = get_embedder("e5")
    assert isinstance(e5, E5Embedder) and e5.model_id == "e5-small-q4" and e5.dim == 384
    both = get_embedder("use+e5")
    assert isinstance(both, CombinedEmbedder) and both.dim == 512 + 384


@pytest.mark.slow
def test_e5_embeds_dutch_offline_and_puts_paraphrases_closer() -> None:
    from verhalen.suggest.embeddings import E5Embedder

    vectors = E5Embedder().encode(
        [
            "De kinderen spelen buiten in de tuin.",
            "Buiten in de tuin zijn de kinderen aan het spelen.",
            "De gemeente verhoogt volgend jaar de belasting.",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])
