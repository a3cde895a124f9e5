"""The project's own model: what the researcher's decisions say, on top of the codebook model.

The weight of the decisions is whatever they earn on the project's own texts: on real quotes of other
pages they earn almost none, on consistent codings of one kind of text a lot. The learner was chosen by
benchmarks/bench_real_quotes.py --learners and --priors (rules in its docstring).

The codebook model (fitted once on the ~680 codebook items) stays as it is; decisions never join its
training set, where they were swamped by the codebook items and, being real speech, looked alike to
every new real text (register, not content). Instead a small model is fitted on the decisions alone:

* every decided text is scored by the codebook model (it never saw them, so those scores are honest);
* project features per (text, code), computed *leave-one-out* on the decided texts:
    ``ridge``     a linear kernel ridge on the decided texts only (vectors centred on the decided texts'
                  own mean, so the shared register drops out), one output per code;
    ``centroid``  cosine to the centre of the texts confirmed for the code (same centring);
    ``components``the codebook model's own stack inputs, so the weighting of its components can shift
                  towards what holds on this project's texts;
    ``bias``      one indicator per code (a per-code shift of the codebook model's logit): how the codebook
                  model errs on this project's register, whatever the text's content;
    ``scale``     the codebook model's logit for the code, once per code (a per-code temperature);
    ``words``     the project's own words: per code the naive-Bayes log-odds of each content stem in the
                  texts confirmed for it against the texts decided otherwise (Laplace smoothing over the
                  decided texts' vocabulary), averaged over the text's stems (stems no decision used count 0);
* a logistic regression with the codebook model's logit as a fixed offset and an L2 penalty:
  ``logit p = logit p_codebook + b + sum_j beta_j f_j``. With no or few decisions the penalty keeps
  ``beta`` and ``b`` near zero (the codebook model unchanged); as decisions accumulate the data term
  grows with them and the project features can dominate.

Rejections are negatives of their code; a text decided as 'geen' is a negative for every code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from verhalen.suggest.calibrate import fit_kernel_ridge
from verhalen.suggest.embeddings import Matrix, normalise_rows

Array = npt.NDArray[np.float64]
FEATURES: tuple[str, ...] = ("ridge", "centroid", "components", "bias", "scale", "words")
WORD_SMOOTHING = 1.0  # Laplace's one added to every stem count of "words"


@dataclass(frozen=True)
class ProjectModel:
    """Decision-only model; :meth:`adjust` turns codebook probabilities into project probabilities."""

    features: tuple[str, ...]
    texts: tuple[str, ...]  # the decided texts (quotable as examples under "Waarom?")
    raw_vectors: Array  # their vectors as the engine compares them (not centred on the decisions)
    labels: Array  # (n_d, k) 1 / 0 / NaN
    mean: Array  # mean vector of the decided texts (taken off before comparing)
    vectors: Array  # decided texts, centred and unit length (n_d, dim)
    dual: Array  # (n_d, k) kernel ridge coefficients
    centroids: Array  # (k, dim) unit centre of each code's confirmed texts (zero row: none)
    coef: Array  # one weight per feature column
    intercept: float
    component_mean: Array  # standardisation of the codebook model's stack inputs
    component_scale: Array
    loo_probabilities: Array  # (n_d, k) the decided texts' leave-one-out project probabilities
    vocabulary: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    word_odds: Array = field(default_factory=lambda: np.zeros((0, 0)))  # (k, vocabulary) for "words"

    def _centred(self, vectors: Matrix) -> Array:
        return normalise_rows(np.asarray(vectors, dtype=np.float64) - self.mean).astype(np.float64)

    def design(
        self, vectors: Matrix, components: Array, probabilities: Array, stems: sparse.csr_matrix | None = None
    ) -> Array:
        """(n, k, p) project features of new texts (not decided ones: those use the leave-one-out design)."""
        x = self._centred(vectors)
        columns = []
        for name in self.features:
            if name == "words":
                if stems is None:
                    raise ValueError('the project feature "words" needs the texts\' stems')
                presence = _presence(stems, self.vocabulary)
                columns.append([_mean_odds(presence, self.word_odds)])
            elif name == "ridge":
                columns.append([(x @ self.vectors.T + 1.0) @ self.dual])
            elif name == "centroid":
                columns.append([x @ self.centroids.T])
            elif name in ("bias", "scale"):
                columns.append(list(np.moveaxis(_per_code(name, probabilities), -1, 0)))
            else:
                z = (components - self.component_mean) / self.component_scale
                columns.append(list(np.moveaxis(z, -1, 0)))
        flat = [c for group in columns for c in group]
        n, k = len(x), self.dual.shape[1]
        return np.stack(flat, axis=-1) if flat else np.zeros((n, k, 0))

    def adjust(
        self,
        probabilities: Array,
        vectors: Matrix,
        components: Array,
        stems: sparse.csr_matrix | None = None,
    ) -> Array:
        design = self.design(vectors, components, probabilities, stems)
        logits = _logit(probabilities) + self.intercept + design @ self.coef
        return _sigmoid(logits)


def _logit(p: Array) -> Array:
    q = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def _sigmoid(z: Array) -> Array:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def fit_offset_logistic(
    x: Array, y: Array, offset: Array, penalty: float, prior: Array | None = None
) -> tuple[Array, float]:
    """Logistic regression with a fixed offset per row and an L2 penalty that pulls the weights towards
    ``prior`` (default 0) and the intercept towards 0 (Newton's method; a handful of columns)."""
    n, p = x.shape
    design = np.hstack([np.ones((n, 1)), x])
    centre = np.concatenate([[0.0], np.zeros(p) if prior is None else np.asarray(prior, dtype=np.float64)])
    beta = centre.copy()
    for _ in range(50):
        mu = _sigmoid(offset + design @ beta)
        gradient = design.T @ (mu - y) + penalty * (beta - centre)
        hessian = design.T @ (design * (mu * (1 - mu))[:, None]) + penalty * np.eye(p + 1)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta[1:], float(beta[0])


def _presence(stems: sparse.csr_matrix, vocabulary: npt.NDArray[np.int64]) -> sparse.csr_matrix:
    """(n, |vocabulary|) sparse, 1 where the text has the stem (hashed column)."""
    present = sparse.csr_matrix(stems[:, vocabulary], dtype=np.float64)
    present.data[:] = 1.0
    return present


def _log_rates(counts: Array) -> tuple[Array, Array]:
    """Per code: log of each stem's smoothed count and log of the smoothed total (the rate's two parts)."""
    v = counts.shape[-1]
    return np.log(counts + WORD_SMOOTHING), np.log(counts.sum(axis=-1) + WORD_SMOOTHING * v)


def _mean_odds(presence: sparse.csr_matrix, odds: Array) -> Array:
    """(n, k): the mean log-odds of each text's stems for each code."""
    counts = np.maximum(np.asarray(presence.sum(axis=1)).ravel(), 1.0)[:, None]
    mean: Array = np.asarray(presence @ odds.T) / counts
    return mean


def _word_column(presence: sparse.csr_matrix, labels: Array) -> tuple[Array, Array]:
    """The "words" feature of the decided texts, leave-one-out (a text's own stems never count for
    itself: its counts are taken off its side's), and the log-odds from all of them (for new texts).
    Sparse throughout: thousands of decided texts and stems stay small."""
    pos = (np.nan_to_num(labels, nan=0.0) == 1.0).astype(np.float64)  # (n, k)
    neg = (np.nan_to_num(labels, nan=1.0) == 0.0).astype(np.float64)
    v = presence.shape[1]
    length = np.asarray(presence.sum(axis=1)).ravel()[:, None]  # stems per text
    sides = []
    for side in (pos, neg):
        counts = np.asarray((presence.T @ side).T)  # (k, V) stem counts of the side's texts
        log_count, log_total = _log_rates(counts)
        log_less = np.log(np.maximum(counts - 1.0, 0.0) + WORD_SMOOTHING)  # one text fewer
        all_in = np.asarray(presence @ log_count.T)  # (n, k): sum over the text's stems
        own_out = np.asarray(presence @ (log_less - log_count).T)  # the change without the text itself
        total = np.log(counts.sum(axis=1)[None, :] - side * length + WORD_SMOOTHING * v)
        sides.append((all_in + side * own_out - length * total, log_count - log_total[:, None]))
    (pos_sum, pos_rate), (neg_sum, neg_rate) = sides
    loo = (pos_sum - neg_sum) / np.maximum(length, 1.0)
    return loo[..., None], pos_rate - neg_rate


def _words(
    stems: sparse.csr_matrix | None, labels: Array, wanted: bool
) -> tuple[npt.NDArray[np.int64], Array, Array]:
    """The decided texts' vocabulary (hashed stem columns), their leave-one-out "words" feature and the
    log-odds for new texts; empty when the feature is not wanted."""
    n, k = labels.shape
    if not wanted:
        return np.zeros(0, dtype=np.int64), np.zeros((n, k, 1)), np.zeros((k, 0))
    if stems is None:
        raise ValueError('the project feature "words" needs the decided texts\' stems')
    vocabulary = np.unique(sparse.csr_matrix(stems).indices).astype(np.int64)
    loo, odds = _word_column(_presence(stems, vocabulary), labels)
    return vocabulary, loo, odds


def _per_code(name: str, probabilities: Array) -> Array:
    """(n, k, k) columns that act on one code each: an indicator ("bias") or the codebook logit ("scale")."""
    n, k = probabilities.shape
    eye = np.broadcast_to(np.eye(k), (n, k, k))
    return eye * _logit(probabilities)[:, :, None] if name == "scale" else np.array(eye)


def _column(
    name: str, x: Array, sums: Array, positive: Array, ridge_loo: Array, scaled: Array, probabilities: Array
) -> Array:
    """One project feature per (decided text, code), leave-one-out."""
    if name in ("bias", "scale"):
        return _per_code(name, probabilities)
    if name == "ridge":
        return np.nan_to_num(ridge_loo, nan=0.0)[..., None]
    if name == "centroid":  # the code's confirmed texts without the text itself
        loo = sums[None, :, :] - positive[:, :, None] * x[:, None, :]
        norms = np.linalg.norm(loo, axis=2, keepdims=True)
        unit = np.divide(loo, norms, out=np.zeros_like(loo), where=norms > 1e-9)
        cosines: Array = np.einsum("nd,nkd->nk", x, unit)
        return cosines[..., None]
    return scaled


def _check(features: Sequence[str]) -> None:
    unknown = sorted(set(features) - set(FEATURES))
    if unknown:
        raise ValueError(f"unknown project features: {unknown}")


def _starts(features: Sequence[str], columns: Sequence[Array], prior: float) -> Array:
    """Where each weight starts before the evidence moves it: ``prior`` for the decision features that
    compare texts (ridge, centroid), 0 for the rest."""
    start = [
        np.full(c.shape[-1], prior if name in ("ridge", "centroid") else 0.0)
        for name, c in zip(features, columns, strict=True)
    ]
    return np.concatenate(start) if start else np.zeros(0)


def fit_project(
    vectors: Matrix,
    labels: Array,
    probabilities: Array,
    components: Array,
    features: Sequence[str],
    penalty: float = 1.0,
    ridge_lambda: float = 1.0,
    prior: float = 0.0,
    texts: Sequence[str] = (),
    stems: sparse.csr_matrix | None = None,
) -> ProjectModel | None:
    """Fit on the decided texts: ``vectors`` (n_d, dim), ``labels`` (n_d, k) 1/0/NaN, the codebook
    model's ``probabilities`` (n_d, k) and stack inputs ``components`` (n_d, k, c) of those texts.
    ``prior`` is where the weight of each decision feature (ridge, centroid) starts before the evidence
    moves it (the components' weights start at 0). None when the decisions hold no known label."""
    _check(features)
    known = ~np.isnan(labels)
    if len(vectors) == 0 or not known.any():
        return None
    raw = np.asarray(vectors, dtype=np.float64)
    mean = raw.mean(axis=0) if len(raw) > 1 else np.zeros(raw.shape[1])
    x = normalise_rows(raw - mean).astype(np.float64)
    n, k = labels.shape
    ridge = fit_kernel_ridge(x @ x.T + 1.0, labels, ridge_lambda)
    positive = np.nan_to_num(labels, nan=0.0) == 1.0
    sums = positive.T.astype(np.float64) @ x  # (k, dim)
    centroids = normalise_rows(sums).astype(np.float64)
    c_mean = components.reshape(-1, components.shape[-1]).mean(axis=0)
    c_scale = np.maximum(components.reshape(-1, components.shape[-1]).std(axis=0), 1e-6)
    vocabulary, word_loo, word_odds = _words(stems, labels, "words" in features)
    scaled = (components - c_mean) / c_scale
    columns = [
        word_loo if name == "words" else _column(name, x, sums, positive, ridge.loo, scaled, probabilities)
        for name in features
    ]
    design = np.concatenate(columns, axis=-1) if columns else np.zeros((n, k, 0))
    centre = _starts(features, columns, prior)
    coef, intercept = fit_offset_logistic(
        design[known], labels[known], _logit(probabilities)[known], penalty, centre
    )
    loo = _sigmoid(_logit(probabilities) + intercept + design @ coef)
    return ProjectModel(
        features=tuple(features),
        texts=tuple(texts),
        raw_vectors=raw,
        labels=labels,
        mean=mean,
        vectors=x,
        dual=ridge.dual,
        centroids=centroids,
        coef=coef,
        intercept=intercept,
        component_mean=c_mean,
        component_scale=c_scale,
        loo_probabilities=loo,
        vocabulary=vocabulary,
        word_odds=word_odds,
    )
