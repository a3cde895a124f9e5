"""Kernel ridge: the closed-form leave-one-out predictions equal refitting without each row."""

from __future__ import annotations

import numpy as np
import pytest

from verhalen.suggest.calibrate import fit_kernel_ridge


def _problem(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(12, 4))
    kernel = x @ x.T + 1.0
    targets = (x[:, :2] > 0).astype(float)
    return kernel, targets


def _explicit_loo(kernel: np.ndarray, targets: np.ndarray, lam: float, weights: np.ndarray) -> np.ndarray:
    n = len(targets)
    loo = np.zeros_like(targets)
    for i in range(n):
        keep = np.flatnonzero(np.arange(n) != i)
        system = kernel[np.ix_(keep, keep)] + np.diag(lam / weights[keep])
        coef = np.linalg.solve(system, targets[keep])
        loo[i] = kernel[i, keep] @ coef
    return loo


@pytest.mark.parametrize("weighted", [False, True])
def test_closed_form_leave_one_out_matches_refitting(weighted: bool) -> None:
    kernel, targets = _problem()
    weights = np.linspace(0.5, 3.0, len(targets)) if weighted else np.ones(len(targets))
    fitted = fit_kernel_ridge(kernel, targets, 2.0, weights if weighted else None)
    np.testing.assert_allclose(fitted.loo, _explicit_loo(kernel, targets, 2.0, weights), atol=1e-9)


def test_unknown_targets_sit_out_and_a_heavier_row_is_fitted_closer() -> None:
    kernel, targets = _problem(1)
    with_gap = targets.copy()
    with_gap[3, 0] = np.nan
    fitted = fit_kernel_ridge(kernel, with_gap, 2.0)
    assert np.isnan(fitted.loo[3, 0]) and fitted.dual[3, 0] == 0.0 and np.isfinite(fitted.loo[3, 1])
    plain = fit_kernel_ridge(kernel, targets, 2.0)
    weights = np.ones(len(targets))
    weights[5] = 10.0
    heavy = fit_kernel_ridge(kernel, targets, 2.0, weights)
    error = lambda fit: abs(float((kernel @ fit.dual)[5, 0] - targets[5, 0]))  # noqa: E731
    assert error(heavy) < error(plain)
