"""Hybrid, calibrated code suggestions that learn from every confirmation and rejection.

Four components score every (fragment, factor) pair:

1. definition  - cosine similarity to the sentences of the code's definition and 'when to use';
2. neighbours  - similarity to the nearest positive examples (codebook examples and confirmed
                 codings) against the nearest negative ones (other codes, 'geen', rejections);
3. signals     - the codebook's signal words found in the fragment (lemma + light stemming), and
                 how close the fragment is to those signal words in embedding space;
4. classifier  - kernel ridge per code on embedding + stemmed bag of words, trained on the
                 examples, the decisions and the codebook's own descriptions.

A logistic stacker, trained on leave-one-out component scores of the training items, turns them
into one calibrated probability per code. Codes at or above ``threshold`` are suggested; when none
reaches it the fragment is 'geen code'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from verhalen.calibrate import (
    KernelRidge,
    Stacker,
    best_threshold,
    fit_kernel_ridge,
    fit_stacker,
    single_threaded,
)
from verhalen.codebook import codebook_fingerprint
from verhalen.consensus import Decision, label_matrix
from verhalen.domain import Codebook, Rationale, Suggestion, ValidationError
from verhalen.embeddings import Embedder, Matrix
from verhalen.features import (
    SignalIndex,
    description_texts,
    hashed_counts,
    inverse_document_frequency,
    lemmatise,
    pseudo_documents,
    stems_of,
    tfidf,
)

Array = npt.NDArray[np.float64]
COMPONENTS: tuple[str, ...] = ("definition", "neighbours", "signals", "classifier")
ENGINE_NAME = "hybride-2"
_INPUTS = {
    "definition": ("def", "def_rel"),
    "neighbours": ("nn_pos",),
    "signals": ("sig", "sig_sem"),
    "classifier": ("clf",),
}


@dataclass(frozen=True)
class EngineConfig:
    """Engine settings. ridge_lambda, lexical_weight and kernel_power were chosen on the codebook's own
    leave-one-out top-1 (not on the dev set): see benchmarks/bench_engine_grid.py and the README."""

    components: tuple[str, ...] = COMPONENTS
    neighbours: int = 2
    ridge_lambda: float = 1.0
    lexical_weight: float = 1.0
    kernel_power: float = 4.0  # sentence kernel ((1 + cos) / 2) ** p: 1 is linear in cos
    stacker_c: float = 1.0
    use_descriptions: bool = True
    decision_weight: float = 1.0  # a decision weighs as a codebook example (in-project sweep: README)


@dataclass(frozen=True)
class Prepared:
    """Texts with everything the scorer needs that does not change when the engine is refitted."""

    texts: tuple[str, ...]
    vectors: Matrix
    signals: tuple[tuple[tuple[str, ...], ...], ...]
    stems: sparse.csr_matrix = field(repr=False)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def signal_counts(self) -> Array:
        counts = [[len(m) for m in row] for row in self.signals]
        return np.asarray(counts, dtype=np.float64).reshape(len(self.texts), -1)

    def subset(self, indices: Sequence[int]) -> Prepared:
        idx = list(indices)
        return Prepared(
            tuple(self.texts[i] for i in idx),
            self.vectors[idx],
            tuple(self.signals[i] for i in idx),
            self.stems[idx],
        )

    @staticmethod
    def concat(parts: Sequence[Prepared]) -> Prepared:
        return Prepared(
            tuple(t for p in parts for t in p.texts),
            np.vstack([p.vectors for p in parts]),
            tuple(s for p in parts for s in p.signals),
            sparse.csr_matrix(sparse.vstack([p.stems for p in parts])),
        )


@dataclass(frozen=True)
class _Model:
    """Everything :meth:`Engine.score` needs, replaced as a whole by :meth:`Engine.fit`."""

    real: Prepared  # examples, none-examples and decided texts (quotable, neighbours)
    labels: Array  # (n_real, k): 1 positive, 0 negative, NaN unknown
    vectors: Matrix  # real + pseudo documents, for the classifier
    lexical: sparse.csr_matrix
    idf: Array
    ridge: KernelRidge
    stacker: Stacker


@dataclass(frozen=True)
class _Scores:
    named: dict[str, Array]
    nearest: npt.NDArray[np.int64]  # (n, k, 2) indices into model.real, -1 = none
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
        self._signal_vectors = [
            embedder.encode([s.text for s in sigs] or [c.name])
            for sigs, c in zip(self._signal_index.signals, codebook.factors, strict=True)
        ]
        self._cache: dict[str, Prepared] = {}
        texts, self._base_labels = self._codebook_items()
        self._base = self.prepare(texts)
        self._pseudo, self._pseudo_labels = self._pseudo_items()
        self.threshold = 0.5
        self.fit(())

    @property
    def version(self) -> str:
        return (
            f"{ENGINE_NAME}/{self.embedder.model_id}/codeboek-{self.codebook.version}"
            f"-{codebook_fingerprint(self.codebook)}"
        )

    @property
    def n_training(self) -> int:
        return len(self._model.real)

    # ----------------------------------------------------------------- preparation
    def _one_hot(self, codes: Sequence[str | None]) -> Array:
        return np.asarray(
            [[1.0 if c == k else 0.0 for k in self.codes] for c in codes], dtype=np.float64
        ).reshape(len(codes), len(self.codes))

    def _codebook_items(self) -> tuple[list[str], Array]:
        pairs: list[tuple[str, str | None]] = [
            (example, self.codebook.factor_of(code.id))
            for code in self.codebook.codes
            for example in code.examples
        ]
        pairs += [(example, None) for example in self.codebook.none_examples]
        return [p[0] for p in pairs], self._one_hot([p[1] for p in pairs])

    def _pseudo_items(self) -> tuple[Prepared, Array]:
        docs = pseudo_documents(self.codebook) if self.config.use_descriptions else []
        return self.prepare([d[0] for d in docs]), self._one_hot([d[1] for d in docs])

    def prepare(self, texts: Sequence[str], vectors: npt.ArrayLike | None = None) -> Prepared:
        """Embed (unless ``vectors`` is given) and lemmatise once; cache the result per fragment."""
        texts = tuple(texts)
        if vectors is None:
            matrix = self.embedder.encode(texts) if texts else np.zeros((0, self.embedder.dim), np.float32)
        else:
            matrix = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        stem_lists = stems_of(lemmatise(texts))
        matched = tuple(self._signal_index.match(s) for s in stem_lists)
        return Prepared(texts, matrix, matched, hashed_counts(stem_lists))

    def _prepare_cached(self, texts: Sequence[str], vectors: dict[str, npt.NDArray[np.float32]]) -> Prepared:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            given = [vectors.get(t) for t in missing]
            stacked = (
                np.vstack([v for v in given if v is not None]) if all(v is not None for v in given) else None
            )
            fresh = self.prepare(missing, stacked)
            for i, text in enumerate(missing):
                self._cache[text] = fresh.subset([i])
        return Prepared.concat([self._cache[t] for t in texts])

    # ----------------------------------------------------------------- training
    def _real_items(self, decisions: Sequence[Decision]) -> tuple[Prepared, Array]:
        index = {t: i for i, t in enumerate(self._base.texts)}
        extra: list[str] = []
        vectors: dict[str, npt.NDArray[np.float32]] = {}
        for d in decisions:
            if d.text not in index:
                index[d.text] = len(index)
                extra.append(d.text)
            if d.vector is not None:
                vectors[d.text] = np.asarray(d.vector, dtype=np.float32).ravel()
        labels = np.vstack([self._base_labels, np.full((len(extra), len(self.codes)), np.nan)])
        label_matrix(labels, decisions, index, self.codebook, self.codes)
        if not extra:
            return self._base, labels
        return Prepared.concat([self._base, self._prepare_cached(extra, vectors)]), labels

    def fit(self, decisions: Sequence[Decision]) -> None:
        """Retrain on the codebook plus ``decisions`` (all of them, not only new ones)."""
        with single_threaded():
            self._fit(decisions)

    def _fit(self, decisions: Sequence[Decision]) -> None:
        real, labels = self._real_items(decisions)
        everything = Prepared.concat([real, self._pseudo])
        idf = inverse_document_frequency(everything.stems)
        lexical = tfidf(everything.stems, idf)
        vectors = everything.vectors
        kernel = self._kernel(vectors, lexical, vectors, lexical)
        # A text that was only rejected counts as negative for the other codes in the classifier
        # (one shared factorisation); neighbours and the stacker leave those cells out.
        targets = np.nan_to_num(np.vstack([labels, self._pseudo_labels]), nan=0.0)
        weights = np.ones(len(targets))
        weights[len(self._base) : len(real)] = self.config.decision_weight
        ridge = fit_kernel_ridge(kernel, targets, self.config.ridge_lambda, weights)
        n = len(real)
        sims = real.vectors.astype(np.float64) @ real.vectors.T.astype(np.float64)
        np.fill_diagonal(sims, -np.inf)
        named, _ = self._components(real, sims, labels, ridge.loo[:n])
        stacked = self._stack(named)
        stacker = fit_stacker(stacked, labels, self.config.stacker_c)
        self._model = _Model(real, labels, vectors, lexical, idf, ridge, stacker)
        # Leave-one-out probabilities of the training texts (diagnostics, threshold choice).
        self.loo_probabilities, self.loo_labels = stacker.predict(stacked), labels
        self.threshold = best_threshold(self.loo_probabilities, labels)

    def _kernel(self, va: Matrix, la: sparse.csr_matrix, vb: Matrix, lb: sparse.csr_matrix) -> Array:
        """Sentence part ((1 + cos) / 2) ** p, a positive semi-definite polynomial of cos that weighs close
        neighbours more than a linear kernel does, plus the stems' tf-idf cosine, plus a bias."""
        cos = np.clip(va.astype(np.float64) @ vb.T.astype(np.float64), -1.0, 1.0)
        dense = ((1.0 + cos) / 2.0) ** self.config.kernel_power  # 2000 x 900: ~8 ms
        lexical = np.asarray((la @ lb.T).todense(), dtype=np.float64)
        return dense + self.config.lexical_weight * lexical + 1.0

    # ----------------------------------------------------------------- components
    def _components(
        self, prepared: Prepared, sims: Array, labels: Array, classifier: Array
    ) -> tuple[dict[str, Array], npt.NDArray[np.int64]]:
        definition = _top_means(prepared.vectors, self._descriptions, 2)
        nn_pos, nn_neg, nearest = self._neighbours(sims, labels)
        named = {
            "def": definition,
            "def_rel": definition - definition.mean(axis=1, keepdims=True),
            "nn_pos": nn_pos,
            "nn_margin": nn_pos - nn_neg,
            "sig": np.log1p(prepared.signal_counts),
            "sig_sem": _top_means(prepared.vectors, self._signal_vectors, 3),
            "clf": classifier,
        }
        return named, nearest

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

    # ----------------------------------------------------------------- scoring
    def _scores(self, prepared: Prepared) -> _Scores:
        model = self._model
        lexical = tfidf(prepared.stems, model.idf)
        kernel = self._kernel(prepared.vectors, lexical, model.vectors, model.lexical)
        sims = prepared.vectors.astype(np.float64) @ model.real.vectors.T.astype(np.float64)
        named, nearest = self._components(prepared, sims, model.labels, model.ridge.predict(kernel))
        return _Scores(named, nearest, model.stacker.predict(self._stack(named)))

    def probabilities(self, prepared: Prepared) -> Array:
        """(n, k) calibrated probabilities, columns in the order of :attr:`codes`."""
        with single_threaded():
            return self._scores(prepared).probabilities

    def score(self, prepared: Prepared) -> list[tuple[Suggestion, ...]]:
        """Per text: one suggestion per top-level code, best first (fragment_id 0: caller fills it)."""
        with single_threaded():
            result = self._scores(prepared)
        version = self.version
        return [self._row(result, i, prepared, version) for i in range(len(prepared))]

    def suggest(self, texts: Sequence[str]) -> list[tuple[Suggestion, ...]]:
        return self.score(self.prepare(texts))

    def _row(self, result: _Scores, i: int, prepared: Prepared, version: str) -> tuple[Suggestion, ...]:
        probs = [min(1.0, max(0.0, p)) for p in result.probabilities[i].tolist()]
        texts = self._model.real.texts
        definition = np.round(result.named["def"][i], 4).tolist()
        examples = np.round(result.named["nn_pos"][i], 4).tolist()
        classifier = np.round(result.named["clf"][i], 4).tolist()
        nearest = result.nearest[i].tolist()
        row = []
        for c in sorted(range(len(probs)), key=lambda c: -probs[c]):  # stable: ties keep code order
            rationale = Rationale(
                examples=tuple(texts[j] for j in nearest[c] if j >= 0),
                signals=prepared.signals[i][c],
                definition_similarity=definition[c],
                components=(
                    ("definitie", definition[c]),
                    ("voorbeelden", examples[c]),
                    ("signaalwoorden", float(len(prepared.signals[i][c]))),
                    ("classificatie", classifier[c]),
                ),
            )
            row.append(Suggestion(0, self.codes[c], probs[c], rationale, version))
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


def _top_means(vectors: Matrix, groups: Sequence[Matrix], k: int) -> Array:
    """Per group: mean of the ``k`` highest cosine similarities of each row to the group's vectors."""
    columns = []
    for group in groups:
        sims = vectors.astype(np.float64) @ group.T.astype(np.float64)
        kk = min(k, group.shape[0])
        columns.append(-np.partition(-sims, kk - 1, axis=1)[:, :kk].mean(axis=1))
    return np.stack(columns, axis=1) if columns else np.zeros((vectors.shape[0], 0))


def _top_mean(sims: Array, columns: npt.NDArray[np.int64], k: int) -> tuple[Array, npt.NDArray[np.int64]]:
    """Mean of the ``k`` highest similarities per row among ``columns``, and the top-2 column ids."""
    n = sims.shape[0]
    if columns.size == 0:
        return np.zeros(n), np.zeros((n, 0), dtype=np.int64)
    sub = sims[:, columns]
    m = min(max(k, 2), columns.size)
    part = np.argpartition(-sub, m - 1, axis=1)[:, :m] if m < columns.size else np.argsort(-sub, axis=1)
    vals = np.take_along_axis(sub, part, axis=1)
    order = np.argsort(-vals, axis=1)
    part, vals = np.take_along_axis(part, order, axis=1), np.take_along_axis(vals, order, axis=1)
    finite = np.where(np.isfinite(vals[:, :k]), vals[:, :k], 0.0)
    return finite.mean(axis=1), columns[part[:, :2]]
