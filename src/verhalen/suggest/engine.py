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

Decisions (hybride-4) go into a separate project model on top (suggest/project.py explains it and how it
was chosen); ``learner="joint"`` is hybride-3's way (decisions among the codebook's training items).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import sparse

from verhalen.codebook import codebook_fingerprint
from verhalen.domain import Codebook, Rationale, Suggestion, ValidationError
from verhalen.suggest.calibrate import (
    best_threshold,
    fit_kernel_ridge,
    fit_stacker,
    single_threaded,
)
from verhalen.suggest.consensus import Decision, decided_sources, label_matrix
from verhalen.suggest.embeddings import Embedder, Matrix, normalise_rows
from verhalen.suggest.features import (
    SignalIndex,
    description_texts,
    hashed_counts,
    inverse_document_frequency,
    lemmatise,
    pseudo_documents,
    stems_of,
    tfidf,
    top_mean,
    top_means,
    with_char_grams,
)
from verhalen.suggest.model import COMPONENTS, INPUTS, EngineConfig, FittedModel, Prepared
from verhalen.suggest.project import fit_project

Array = npt.NDArray[np.float64]
ENGINE_NAME = "hybride-4"


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
            raise ValidationError("suggest_components_unknown", parts=str(sorted(unknown)))
        if self.config.learner not in ("joint", "project"):
            raise ValidationError("suggest_learner_unknown", learner=self.config.learner)
        self.codes: tuple[str, ...] = tuple(c.id for c in codebook.factors)
        self._signal_index = SignalIndex(codebook)
        texts, self._base_labels = self._codebook_items()
        raw = embedder.encode(texts)
        # The codebook's mean vector is taken off every vector the engine compares (then rescaled to unit
        # length): what all these texts share (register, length, the topic 'parenting') stops counting as
        # similarity, and what tells the factors apart weighs more.
        self._mean = (
            raw.mean(axis=0) if self.config.centre and len(texts) else np.zeros(raw.shape[1], np.float32)
        )
        self._descriptions = [
            self._centred(embedder.encode(description_texts(codebook, c))) for c in codebook.factors
        ]
        self._signal_vectors = [
            self._centred(embedder.encode([s.text for s in sigs] or [c.name]))
            for sigs, c in zip(self._signal_index.signals, codebook.factors, strict=True)
        ]
        self._cache: dict[str, Prepared] = {}
        self._base = self.prepare(texts, raw)
        self._pseudo, self._pseudo_labels = self._pseudo_items()
        with single_threaded():
            self._codebook_model = self._fit(())
        self._model = self._codebook_model

    @property
    def version(self) -> str:
        return (
            f"{ENGINE_NAME}/{self.embedder.model_id}/codeboek-{self.codebook.version}"
            f"-{codebook_fingerprint(self.codebook)}"
        )

    @property
    def model(self) -> FittedModel:
        """The model of the last fit (read it once and pass it on to score consistently)."""
        return self._model

    @property
    def threshold(self) -> float:
        return self._model.threshold

    @property
    def loo_probabilities(self) -> Array:
        return self._model.loo_probabilities

    @property
    def loo_labels(self) -> Array:
        return self._model.labels

    @property
    def n_training(self) -> int:
        """Codebook items plus decided texts the current model learned from."""
        project = self._model.project
        return len(self._model.real) + (len(project.texts) if project is not None else 0)

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
        matrix = self._centred(matrix)
        stem_lists = stems_of(lemmatise(texts))
        matched = tuple(self._signal_index.match(s) for s in stem_lists)
        lexical = with_char_grams(stem_lists, self.config.char_grams)
        return Prepared(texts, matrix, matched, hashed_counts(lexical))

    def _centred(self, matrix: Matrix) -> Matrix:
        return normalise_rows(matrix - self._mean) if self.config.centre else matrix

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

    def fitted(self, decisions: Sequence[Decision]) -> FittedModel:
        """A model trained on the codebook plus ``decisions``; the engine's current model is left alone."""
        with single_threaded():
            return self._fit(decisions)

    def fit(self, decisions: Sequence[Decision]) -> FittedModel:
        """Retrain on the codebook plus ``decisions`` (all of them, not only new ones); the new model
        replaces the engine's current one in a single assignment and is returned."""
        model = self.fitted(decisions)
        self._model = model
        return model

    def _decided_items(self, decisions: Sequence[Decision]) -> tuple[Prepared, Array]:
        """The decided texts (each once, in first-decided order) and their labels."""
        index: dict[str, int] = {}
        vectors: dict[str, npt.NDArray[np.float32]] = {}
        for d in decisions:
            index.setdefault(d.text, len(index))
            if d.vector is not None:
                vectors[d.text] = np.asarray(d.vector, dtype=np.float32).ravel()
        labels = np.full((len(index), len(self.codes)), np.nan)
        label_matrix(labels, decisions, index, self.codebook, self.codes)
        return self._prepare_cached(list(index), vectors), labels

    def _fit_project(self, decisions: Sequence[Decision]) -> FittedModel:
        """Learner "project": the codebook model unchanged, plus a model of the decisions alone."""
        base = self._codebook_model
        if not decisions:
            return base
        decided, labels = self._decided_items(decisions)
        scores = self._scores(decided, replace(base, project=None))
        project = fit_project(
            decided.vectors,
            labels,
            scores.probabilities,
            self._stack(scores.named),
            self.config.project_features,
            self.config.project_penalty,
            self.config.ridge_lambda,
            self.config.project_prior,
            decided.texts,
            decided.stems,
        )
        return replace(base, n_decisions=len(decided), project=project, sources=decided_sources(decisions))

    def _fit(self, decisions: Sequence[Decision]) -> FittedModel:
        if decisions and self.config.learner == "project":
            return self._fit_project(decisions)
        real, labels = self._real_items(decisions)
        everything = Prepared.concat([real, self._pseudo])
        idf = inverse_document_frequency(everything.stems)
        lexical = tfidf(everything.stems, idf)
        vectors = everything.vectors
        kernel = self._kernel(vectors, lexical, vectors, lexical)
        # A text that was only rejected counts as negative for the other codes in the classifier
        # (one shared factorisation); neighbours and the stacker leave those cells out.
        targets = np.nan_to_num(np.vstack([labels, self._pseudo_labels]), nan=0.0)
        n_decided = len(real) - len(self._base)
        weights = np.ones(len(targets))
        weights[len(self._base) : len(real)] = self.config.weight_of_decisions(n_decided)
        ridge = fit_kernel_ridge(kernel, targets, self.config.ridge_lambda, weights)
        n = len(real)
        sims = real.vectors.astype(np.float64) @ real.vectors.T.astype(np.float64)
        np.fill_diagonal(sims, -np.inf)
        named, _ = self._components(real, sims, labels, ridge.loo[:n])
        stacked = self._stack(named)
        stacker = fit_stacker(stacked, labels, self.config.stacker_c, weights[:n])
        # Leave-one-out probabilities of the training texts (diagnostics, threshold choice).
        loo = stacker.predict(stacked)
        threshold = best_threshold(loo, labels)
        return FittedModel(
            real,
            labels,
            vectors,
            lexical,
            idf,
            ridge,
            stacker,
            threshold,
            loo,
            n_decided,
            sources=decided_sources(decisions),
        )

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
        definition = top_means(prepared.vectors, self._descriptions, 2)
        nn_pos, nn_neg, nearest = self._neighbours(sims, labels)
        named = {
            "def": definition,
            "def_rel": definition - definition.mean(axis=1, keepdims=True),
            "nn_pos": nn_pos,
            "nn_margin": nn_pos - nn_neg,
            "sig": np.log1p(prepared.signal_counts),
            "sig_sem": top_means(prepared.vectors, self._signal_vectors, 3),
            "clf": classifier,
        }
        return named, nearest

    def _neighbours(self, sims: Array, labels: Array) -> tuple[Array, Array, npt.NDArray[np.int64]]:
        n, k = sims.shape[0], labels.shape[1]
        pos, neg = np.zeros((n, k)), np.zeros((n, k))
        nearest = np.full((n, k, 2), -1, dtype=np.int64)
        for c in range(k):
            pos[:, c], top = top_mean(sims, np.flatnonzero(labels[:, c] == 1), self.config.neighbours)
            nearest[:, c, : top.shape[1]] = top
            neg[:, c], _ = top_mean(sims, np.flatnonzero(labels[:, c] == 0), self.config.neighbours)
        return pos, neg, nearest

    def _stack(self, named: dict[str, Array]) -> Array:
        names = [n for comp in self.config.components for n in INPUTS[comp]]
        return np.stack([named[n] for n in names], axis=-1)

    # ----------------------------------------------------------------- scoring
    def _scores(self, prepared: Prepared, model: FittedModel) -> _Scores:
        lexical = tfidf(prepared.stems, model.idf)
        kernel = self._kernel(prepared.vectors, lexical, model.vectors, model.lexical)
        sims = prepared.vectors.astype(np.float64) @ model.real.vectors.T.astype(np.float64)
        named, nearest = self._components(prepared, sims, model.labels, model.ridge.predict(kernel))
        stacked = self._stack(named)
        probabilities = model.stacker.predict(stacked)
        if model.project is not None:
            probabilities = model.project.adjust(probabilities, prepared.vectors, stacked, prepared.stems)
            nearest = self._quotable(prepared, sims, model)
        return _Scores(named, nearest, probabilities)

    def _quotable(self, prepared: Prepared, sims: Array, model: FittedModel) -> npt.NDArray[np.int64]:
        """Nearest positive examples among the codebook's items and the decided texts (indices into
        ``model.real.texts + model.project.texts``), so a confirmed coding is quoted under "Waarom?"."""
        assert model.project is not None
        extra = prepared.vectors.astype(np.float64) @ model.project.raw_vectors.T
        both = np.hstack([sims, extra])
        _, _, nearest = self._neighbours(both, np.vstack([model.labels, model.project.labels]))
        return nearest

    def probabilities(self, prepared: Prepared, model: FittedModel | None = None) -> Array:
        """(n, k) calibrated probabilities, columns in the order of :attr:`codes`."""
        with single_threaded():
            return self._scores(prepared, model or self._model).probabilities

    def score(self, prepared: Prepared, model: FittedModel | None = None) -> list[tuple[Suggestion, ...]]:
        """Per text: one suggestion per top-level code, best first (fragment_id 0: caller fills it).
        Every row is made from one model: ``model``, or the engine's current one read once."""
        model = model or self._model
        with single_threaded():
            result = self._scores(prepared, model)
        version = self.version
        return [self._row(result, i, prepared, version, model) for i in range(len(prepared))]

    def suggest(self, texts: Sequence[str]) -> list[tuple[Suggestion, ...]]:
        return self.score(self.prepare(texts))

    def _row(
        self, result: _Scores, i: int, prepared: Prepared, version: str, model: FittedModel
    ) -> tuple[Suggestion, ...]:
        probs = [min(1.0, max(0.0, p)) for p in result.probabilities[i].tolist()]
        texts = model.real.texts + (model.project.texts if model.project is not None else ())
        definition = np.round(result.named["def"][i], 4).tolist()
        examples = np.round(result.named["nn_pos"][i], 4).tolist()
        classifier = np.round(result.named["clf"][i], 4).tolist()
        nearest = result.nearest[i].tolist()
        row = []
        for c in sorted(range(len(probs)), key=lambda c: -probs[c]):  # stable: ties keep code order
            quoted = tuple(texts[j] for j in nearest[c] if j >= 0)
            rationale = Rationale(
                examples=quoted,
                example_fragments=tuple(model.sources.get(e, 0) for e in quoted),
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
    def labels(self, suggestions: Sequence[Suggestion], threshold: float | None = None) -> tuple[str, ...]:
        """Codes at or above the threshold (the model's own unless given), best first; () is 'geen code'."""
        cut = self.threshold if threshold is None else threshold
        return tuple(s.code for s in suggestions if s.score >= cut)

    def uncertainty(self, suggestions: Sequence[Suggestion], threshold: float | None = None) -> float:
        """1 for a code right at the threshold, 0 when every code is clearly in or out."""
        if not suggestions:
            return 0.0
        cut = self.threshold if threshold is None else threshold
        span = max(cut, 1.0 - cut)
        closest = min(abs(s.score - cut) for s in suggestions)
        return float(np.clip(1.0 - closest / span, 0.0, 1.0))
