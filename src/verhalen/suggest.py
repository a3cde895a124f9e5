"""Hybrid, calibrated code suggestions that learn from every confirmation and rejection.

Four components score every (fragment, factor) pair:

1. definition  - cosine similarity to the sentences of the code's definition and 'when to use';
2. neighbours  - similarity to the nearest positive examples (codebook examples and confirmed
                 codings) against the nearest negative ones (other codes, 'geen', rejections);
3. signals     - the codebook's signal words found in the fragment (lemma + light stemming);
4. classifier  - a ridge classifier per code on embedding + signal counts.

A logistic stacker, trained on leave-one-out component scores of the training items, turns them
into one calibrated probability per code. Codes at or above ``threshold`` are suggested; when none
reaches it the fragment is 'geen code'. Training items are the codebook examples (positive for
their factor, negative for the others), the codebook's none-examples (negative for all) and the
decisions passed to :meth:`Engine.fit`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from verhalen.calibrate import best_threshold, fit_ridge, fit_stacker
from verhalen.codebook import codebook_fingerprint
from verhalen.domain import Codebook, Rationale, Suggestion, ValidationError
from verhalen.embeddings import Embedder, Matrix
from verhalen.features import SignalIndex, description_texts, lemmatise, stems_of

Array = npt.NDArray[np.float64]
COMPONENTS: tuple[str, ...] = ("definition", "neighbours", "signals", "classifier")
ENGINE_NAME = "hybride-1"
# Stacker inputs per component (all (n, k) arrays; see _components).
_INPUTS = {
    "definition": ("def", "def_rel"),
    "neighbours": ("nn_pos", "nn_margin"),
    "signals": ("sig",),
    "classifier": ("clf",),
}


@dataclass(frozen=True)
class EngineConfig:
    components: tuple[str, ...] = COMPONENTS
    neighbours: int = 2
    ridge_lambda: float = 1.0
    signal_scale: float = 0.3
    stacker_c: float = 1.0


@dataclass(frozen=True)
class Decision:
    """A researcher's verdict on one code for one text (vector optional: embedded when missing)."""

    text: str
    code: str
    positive: bool
    vector: npt.NDArray[np.float32] | None = None


@dataclass(frozen=True)
class Prepared:
    """Texts with everything the scorer needs that does not change when the engine is refitted."""

    texts: tuple[str, ...]
    vectors: Matrix
    signals: tuple[tuple[tuple[str, ...], ...], ...]
    signal_counts: Array = field(repr=False)

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, indices: Sequence[int]) -> Prepared:
        idx = list(indices)
        return Prepared(
            texts=tuple(self.texts[i] for i in idx),
            vectors=self.vectors[idx],
            signals=tuple(self.signals[i] for i in idx),
            signal_counts=self.signal_counts[idx],
        )


@dataclass(frozen=True)
class _Training:
    prepared: Prepared
    labels: Array  # (n, k): 1 positive, 0 negative, NaN unknown


@dataclass(frozen=True)
class _Scores:
    named: dict[str, Array]
    nearest: npt.NDArray[np.int64]  # (n, k, 2) indices into the training items, -1 = none
    probabilities: Array


class Engine:
    """Scores fragments on every top-level code of a codebook; refit cheaply after each decision."""

    def __init__(self, codebook: Codebook, embedder: Embedder, config: EngineConfig | None = None) -> None:
        self.codebook = codebook
        self.embedder = embedder
        self.config = config or EngineConfig()
        unknown = set(self.config.components) - set(COMPONENTS)
        if unknown or not self.config.components:
            raise ValidationError(f"Onbekende onderdelen van de suggesties: {sorted(unknown)}.")
        self.codes: tuple[str, ...] = tuple(c.id for c in codebook.factors)
        self._signal_index = SignalIndex(codebook)
        self._descriptions = [embedder.encode(description_texts(codebook, c)) for c in codebook.factors]
        self._cache: dict[str, tuple[npt.NDArray[np.float32], tuple[tuple[str, ...], ...]]] = {}
        base_texts, base_labels = self._codebook_items()
        self._base = _Training(self.prepare(base_texts), base_labels)
        self.threshold = 0.5
        self.fit(())

    @property
    def version(self) -> str:
        return (
            f"{ENGINE_NAME}/{self.embedder.model_id}/codeboek-{self.codebook.version}"
            f"-{codebook_fingerprint(self.codebook)}"
        )

    # ----------------------------------------------------------------- preparation
    def _codebook_items(self) -> tuple[list[str], Array]:
        texts: list[str] = []
        rows: list[list[float]] = []
        for code in self.codebook.codes:
            if not code.examples:
                continue
            factor = self.codebook.factor_of(code.id)
            for example in code.examples:
                texts.append(example)
                rows.append([1.0 if c == factor else 0.0 for c in self.codes])
        for example in self.codebook.none_examples:
            texts.append(example)
            rows.append([0.0] * len(self.codes))
        return texts, np.asarray(rows, dtype=np.float64).reshape(len(texts), len(self.codes))

    def prepare(self, texts: Sequence[str], vectors: npt.ArrayLike | None = None) -> Prepared:
        """Embed (unless ``vectors`` is given) and lemmatise once; cache the result per fragment."""
        texts = tuple(texts)
        if vectors is None:
            matrix = self.embedder.encode(texts) if texts else np.zeros((0, self.embedder.dim), np.float32)
        else:
            matrix = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        matched = tuple(self._signal_index.match(s) for s in stems_of(lemmatise(texts)))
        counts = np.asarray([[len(m) for m in row] for row in matched], dtype=np.float64)
        return Prepared(texts, matrix, matched, counts.reshape(len(texts), len(self.codes)))

    def _prepare_cached(self, texts: Sequence[str], vectors: dict[str, npt.NDArray[np.float32]]) -> Prepared:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            given = [vectors.get(t) for t in missing]
            if all(v is not None for v in given):
                fresh = self.prepare(missing, np.vstack([v for v in given if v is not None]))
            else:
                fresh = self.prepare(missing)
            for i, text in enumerate(missing):
                self._cache[text] = (fresh.vectors[i], fresh.signals[i])
        rows = [self._cache[t] for t in texts]
        matched = tuple(r[1] for r in rows)
        counts = np.asarray([[len(m) for m in row] for row in matched], dtype=np.float64)
        matrix = np.vstack([r[0] for r in rows]) if rows else np.zeros((0, self.embedder.dim), np.float32)
        return Prepared(tuple(texts), matrix, matched, counts.reshape(len(texts), len(self.codes)))

    # ----------------------------------------------------------------- training
    def _training(self, decisions: Sequence[Decision]) -> _Training:
        base = self._base
        index = {t: i for i, t in enumerate(base.prepared.texts)}
        extra: list[str] = []
        vectors: dict[str, npt.NDArray[np.float32]] = {}
        for d in decisions:
            if d.text not in index:
                index[d.text] = len(base.prepared.texts) + len(extra)
                extra.append(d.text)
            if d.vector is not None:
                vectors[d.text] = np.asarray(d.vector, dtype=np.float32)
        labels = np.vstack([base.labels, np.full((len(extra), len(self.codes)), np.nan)])
        _apply_decisions(labels, decisions, index, self.codebook, self.codes)
        if not extra:
            return _Training(base.prepared, labels)
        added = self._prepare_cached(extra, vectors)
        merged = Prepared(
            texts=base.prepared.texts + added.texts,
            vectors=np.vstack([base.prepared.vectors, added.vectors]),
            signals=base.prepared.signals + added.signals,
            signal_counts=np.vstack([base.prepared.signal_counts, added.signal_counts]),
        )
        return _Training(merged, labels)

    def fit(self, decisions: Sequence[Decision]) -> None:
        """Retrain on the codebook plus ``decisions`` (all of them, not only new ones)."""
        train = self._training(decisions)
        self._train = train
        self._ridge = fit_ridge(self._ridge_features(train.prepared), train.labels, self.config.ridge_lambda)
        sims = train.prepared.vectors @ train.prepared.vectors.T
        np.fill_diagonal(sims, -np.inf)
        named, _ = self._components(train.prepared, sims, self._ridge.loo)
        stacked = self._stack(named)
        self._stacker = fit_stacker(stacked, train.labels, self.config.stacker_c)
        self.threshold = best_threshold(self._stacker.predict(stacked), train.labels)

    @property
    def n_training(self) -> int:
        return len(self._train.prepared)

    # ----------------------------------------------------------------- scoring
    def _ridge_features(self, prepared: Prepared) -> Array:
        n = len(prepared)
        return np.hstack(
            [
                prepared.vectors.astype(np.float64),
                self.config.signal_scale * prepared.signal_counts,
                np.ones((n, 1)),
            ]
        )

    def _components(
        self, prepared: Prepared, sims: Array, classifier: Array
    ) -> tuple[dict[str, Array], npt.NDArray[np.int64]]:
        definition = self._definition(prepared.vectors)
        nn_pos, nn_neg, nearest = self._neighbours(sims, self._train.labels)
        named = {
            "def": definition,
            "def_rel": definition - definition.mean(axis=1, keepdims=True),
            "nn_pos": nn_pos,
            "nn_margin": nn_pos - nn_neg,
            "sig": np.log1p(prepared.signal_counts),
            "clf": classifier,
        }
        return named, nearest

    def _definition(self, vectors: Matrix) -> Array:
        columns = []
        for desc in self._descriptions:
            sims = np.sort(vectors @ desc.T, axis=1)[:, ::-1][:, :2]
            columns.append(sims.mean(axis=1))
        return np.stack(columns, axis=1).astype(np.float64)

    def _neighbours(self, sims: Array, labels: Array) -> tuple[Array, Array, npt.NDArray[np.int64]]:
        n, k = sims.shape[0], labels.shape[1]
        pos, neg = np.zeros((n, k)), np.zeros((n, k))
        nearest = np.full((n, k, 2), -1, dtype=np.int64)
        for c in range(k):
            pos[:, c], top = _top_mean(sims, np.flatnonzero(labels[:, c] == 1), self.config.neighbours)
            nearest[:, c, : top.shape[1]] = top
            neg[:, c], _ = _top_mean(sims, np.flatnonzero(labels[:, c] == 0), self.config.neighbours)
        return pos, neg, nearest

    def _stack(self, named: dict[str, Array]) -> Array:
        names = [n for comp in self.config.components for n in _INPUTS[comp]]
        return np.stack([named[n] for n in names], axis=-1)

    def _scores(self, prepared: Prepared) -> _Scores:
        sims = prepared.vectors.astype(np.float64) @ self._train.prepared.vectors.T.astype(np.float64)
        classifier = self._ridge.predict(self._ridge_features(prepared))
        named, nearest = self._components(prepared, sims, classifier)
        return _Scores(named, nearest, self._stacker.predict(self._stack(named)))

    def probabilities(self, prepared: Prepared) -> Array:
        """(n, k) calibrated probabilities, columns in the order of :attr:`codes`."""
        return self._scores(prepared).probabilities

    def score(self, prepared: Prepared) -> list[tuple[Suggestion, ...]]:
        """Per text: one suggestion per top-level code, best first (fragment_id 0: caller fills it)."""
        result = self._scores(prepared)
        version = self.version
        return [self._row(result, i, prepared, version) for i in range(len(prepared))]

    def suggest(self, texts: Sequence[str]) -> list[tuple[Suggestion, ...]]:
        return self.score(self.prepare(texts))

    def _row(self, result: _Scores, i: int, prepared: Prepared, version: str) -> tuple[Suggestion, ...]:
        probs = result.probabilities[i]
        texts = self._train.prepared.texts
        row = []
        for c in np.argsort(-probs, kind="stable"):
            quotes = tuple(texts[j] for j in result.nearest[i, c] if j >= 0)
            rationale = Rationale(
                examples=quotes,
                signals=prepared.signals[i][c],
                definition_similarity=round(float(result.named["def"][i, c]), 4),
                components=(
                    ("definitie", round(float(result.named["def"][i, c]), 4)),
                    ("voorbeelden", round(float(result.named["nn_pos"][i, c]), 4)),
                    ("signaalwoorden", float(prepared.signal_counts[i, c])),
                    ("classificatie", round(float(result.named["clf"][i, c]), 4)),
                ),
            )
            score = float(np.clip(probs[c], 0.0, 1.0))
            row.append(Suggestion(0, self.codes[c], score, rationale, version))
        return tuple(row)

    # ----------------------------------------------------------------- decisions
    def labels(self, suggestions: Sequence[Suggestion]) -> tuple[str, ...]:
        """Codes at or above the threshold, best first; () means 'geen code'."""
        return tuple(s.code for s in suggestions if s.score >= self.threshold)

    def uncertainty(self, suggestions: Sequence[Suggestion]) -> float:
        """1 for a code right at the threshold, 0 when every code is clearly in or out."""
        if not suggestions:
            return 0.0
        span = max(self.threshold, 1.0 - self.threshold)
        closest = min(abs(s.score - self.threshold) for s in suggestions)
        return float(np.clip(1.0 - closest / span, 0.0, 1.0))


def _top_mean(sims: Array, columns: npt.NDArray[np.int64], k: int) -> tuple[Array, npt.NDArray[np.int64]]:
    """Mean of the ``k`` highest similarities per row among ``columns``, and the top-2 column ids."""
    n = sims.shape[0]
    if columns.size == 0:
        return np.zeros(n), np.zeros((n, 0), dtype=np.int64)
    sub = sims[:, columns]
    kk = min(k, columns.size)
    part = (
        np.argpartition(-sub, kk - 1, axis=1)[:, :kk]
        if kk < columns.size
        else np.tile(np.arange(columns.size), (n, 1))
    )
    vals = np.take_along_axis(sub, part, axis=1)
    order = np.argsort(-vals, axis=1)
    part = np.take_along_axis(part, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    finite = np.where(np.isfinite(vals), vals, 0.0)
    return finite.mean(axis=1), columns[part[:, :2]]


def _apply_decisions(
    labels: Array,
    decisions: Sequence[Decision],
    index: dict[str, int],
    codebook: Codebook,
    codes: tuple[str, ...],
) -> None:
    """Positives first (explicit), then rejections; a confirmed text is negative for its other codes."""
    column = {c: i for i, c in enumerate(codes)}
    confirmed: dict[int, set[int]] = {}
    rejected: list[tuple[int, int]] = []
    for d in decisions:
        try:
            col = column[codebook.factor_of(d.code)]
        except KeyError:
            continue
        row = index[d.text]
        if d.positive:
            confirmed.setdefault(row, set()).add(col)
        else:
            rejected.append((row, col))
    for row, cols in confirmed.items():
        labels[row] = 0.0
        labels[row, sorted(cols)] = 1.0
    for row, col in rejected:
        if col not in confirmed.get(row, set()):
            labels[row, col] = 0.0
