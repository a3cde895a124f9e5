"""Learning parts of the suggester: a multi-output ridge classifier with exact leave-one-out
predictions, and a small logistic 'stacker' that turns component scores into calibrated
probabilities.

Both fit in milliseconds on a codebook plus hundreds of decisions, so the engine can refit after
every click. The stacker is trained on *leave-one-out* component scores of the training items, so
its probabilities are honest about how the components behave on unseen text (cross-validated
Platt scaling, in effect).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.linalg import cho_factor, cho_solve
from sklearn.linear_model import LogisticRegression

Array = npt.NDArray[np.float64]


@lru_cache(maxsize=1)
def _controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def single_threaded() -> Iterator[None]:
    """BLAS on one thread: these matrices are small, and extra threads only fight over the cores."""
    with _controller().limit(limits=1, user_api="blas"):
        yield


@dataclass(frozen=True)
class KernelRidge:
    """Scores ``kernel(x, train) @ dual`` per code; ``loo`` holds exact leave-one-out scores."""

    dual: Array
    loo: Array

    def predict(self, kernel: Array) -> Array:
        return kernel @ self.dual


def fit_kernel_ridge(kernel: Array, targets: Array, lam: float, weights: Array | None = None) -> KernelRidge:
    """Kernel ridge regression per column of ``targets`` (NaN = unknown: that row sits out).

    ``weights`` (one per row, default 1) weigh each row's squared error: the system becomes
    ``K + lam * diag(1 / w)``. Leave-one-out predictions come for free, with or without weights:
    ``y - a / diag(inverse)``. Columns that share the same unknown rows share one factorisation.
    """
    n, k = targets.shape
    ridge = lam / (np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64))
    dual = np.zeros((n, k))
    loo = np.full((n, k), np.nan)
    groups: dict[bytes, list[int]] = {}
    for col in range(k):
        groups.setdefault(np.isnan(targets[:, col]).tobytes(), []).append(col)
    for group in groups.values():
        cols = np.asarray(group, dtype=np.int64)
        known = np.flatnonzero(~np.isnan(targets[:, cols[0]]))
        if known.size == 0:
            continue
        system = kernel[np.ix_(known, known)] + np.diag(ridge[known])
        inverse = cho_solve(cho_factor(system), np.eye(known.size))
        y = targets[np.ix_(known, cols)]
        coef = inverse @ y
        dual[np.ix_(known, cols)] = coef
        loo[np.ix_(known, cols)] = y - coef / np.diag(inverse)[:, None]
    return KernelRidge(dual=dual, loo=loo)


@dataclass(frozen=True)
class Stacker:
    """Logistic combination of component scores: one weight per component, shared by all codes."""

    coef: Array
    intercept: float
    mean: Array
    scale: Array

    def predict(self, components: Array) -> Array:
        """``components`` has shape (..., n_components); returns probabilities of shape (...)."""
        logits = ((components - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))


def fit_stacker(components: Array, labels: Array, c: float = 1.0, weights: Array | None = None) -> Stacker:
    """Fit on rows (item, code) with a known label; ``components`` (n, k, p), ``labels`` (n, k);
    ``weights`` (n,) weigh each item's rows (default 1)."""
    known = ~np.isnan(labels)
    x = components[known]
    y = labels[known].astype(int)
    item_weights = np.ones(labels.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    w = np.broadcast_to(item_weights[:, None], labels.shape)[known]
    mean = x.mean(axis=0)
    scale = np.maximum(x.std(axis=0), 1e-6)
    if len(np.unique(y)) < 2:
        return Stacker(np.zeros(x.shape[1]), -2.0, mean, scale)
    model = LogisticRegression(C=c, max_iter=1000)
    model.fit((x - mean) / scale, y, sample_weight=w)
    return Stacker(model.coef_[0].astype(np.float64), float(model.intercept_[0]), mean, scale)


def best_threshold(scores: Array, labels: Array, default: float = 0.5) -> float:
    """Threshold on per-code probabilities that maximises micro-F1 over the known labels."""
    known = ~np.isnan(labels)
    s, y = scores[known], labels[known] > 0.5
    if not y.any():
        return default
    best, best_f1 = default, -1.0
    for t in np.arange(0.05, 0.8, 0.025):
        predicted = s >= t
        tp = float(np.sum(predicted & y))
        f1 = 2 * tp / max(float(predicted.sum() + y.sum()), 1.0)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(t), f1
    return round(best, 3)
