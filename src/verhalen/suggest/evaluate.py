"""Evaluate a suggestion engine against gold codings: ranking, decisions, agreement, calibration.

``evaluate_scores`` is pure (probabilities in, numbers out) so it can be checked by hand;
``evaluate`` runs an :class:`~verhalen.suggest.engine.Engine` on gold texts first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sklearn.metrics import cohen_kappa_score

from verhalen.domain import NO_CODE, ValidationError
from verhalen.ingest.files import read_rows
from verhalen.suggest.consensus import Decision
from verhalen.suggest.engine import Engine
from verhalen.suggest.model import FittedModel, Prepared

Array = npt.NDArray[np.float64]
ECE_BINS = 10


@dataclass(frozen=True)
class Evaluation:
    n: int
    n_coded: int  # rows whose gold label is one of the scored codes
    top1: float
    top2: float
    macro_f1: float
    kappa: float
    ece: float  # class-wise: every (fragment, code) probability against whether that code is the gold one
    threshold: float
    per_code_f1: tuple[tuple[str, float], ...] = ()
    suggester: str = ""
    ece_top_label: float = 0.0  # the first suggestion's probability against whether it is the gold code

    def as_json(self) -> dict[str, object]:
        """The figures ``verhalen evaluate --json`` prints."""
        return {
            "n": self.n,
            "n_coded": self.n_coded,
            "top1": round(self.top1, 4),
            "top2": round(self.top2, 4),
            "macro_f1": round(self.macro_f1, 4),
            "kappa": round(self.kappa, 4),
            "ece_top_label": round(self.ece_top_label, 4),
            "ece_classwise": round(self.ece, 4),
            "threshold": round(self.threshold, 4),
            "suggester": self.suggester,
        }


def read_gold(path: Path) -> list[tuple[str, str]]:
    """(text, code) rows from a .csv or .xlsx with columns ``text`` and ``code`` (empty or ``geen``:
    no code)."""
    rows = read_rows(path, ["text", "code"])
    return [(r["text"], r["code"].strip().casefold() or NO_CODE) for r in rows if r["text"].strip()]


def _check_codes(engine: Engine, rows: Sequence[tuple[str, str]], what: str) -> None:
    known = {c.id for c in engine.codebook.codes} | {NO_CODE}
    unknown = sorted({code for _, code in rows} - known)
    if unknown:
        raise ValidationError(
            f"Onbekende code(s) in {what}: {', '.join(unknown)}. "
            f"Gebruik {', '.join(sorted(known - {NO_CODE}))} of '{NO_CODE}'."
        )


def evaluate(
    engine: Engine,
    gold: Sequence[tuple[str, str]],
    prepared: Prepared | None = None,
    model: FittedModel | None = None,
) -> Evaluation:
    """Score the gold texts with ``engine`` (its current model, or ``model``; ``prepared`` when the texts
    are prepared already) and compare."""
    _check_codes(engine, gold, "de gouden standaard")
    model = model or engine.model
    prepared = prepared if prepared is not None else engine.prepare([text for text, _ in gold])
    labels = [_factor(engine, code) for _, code in gold]
    result = evaluate_scores(engine.codes, engine.probabilities(prepared, model), labels, model.threshold)
    return replace(result, suggester=engine.version)


def labelled_decisions(engine: Engine, rows: Sequence[tuple[str, str]]) -> list[Decision]:
    """Labelled rows (text, factor id or ``geen``) as the decisions a researcher would have made:
    a code confirmed, or, for ``geen``, every factor rejected."""
    _check_codes(engine, rows, "de gelabelde rijen")
    decisions: list[Decision] = []
    for text, code in rows:
        if code == NO_CODE:
            decisions += [Decision(text, factor, False) for factor in engine.codes]
        else:
            decisions.append(Decision(text, _factor(engine, code), True))
    return decisions


def _factor(engine: Engine, code: str) -> str:
    if code == NO_CODE:
        return code
    try:
        return engine.codebook.factor_of(code)
    except KeyError:
        return code


def evaluate_scores(codes: Sequence[str], scores: Array, gold: Sequence[str], threshold: float) -> Evaluation:
    """Metrics for ``scores`` (n, k) in the order of ``codes`` against one gold label per row."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape != (len(gold), len(codes)):
        raise ValueError(f"scores have shape {scores.shape}, expected {(len(gold), len(codes))}")
    index = {c: i for i, c in enumerate(codes)}
    order = np.argsort(-scores, axis=1, kind="stable")
    coded = [i for i, g in enumerate(gold) if g in index]
    top1 = _mean([index[gold[i]] == order[i, 0] for i in coded])
    top2 = _mean([index[gold[i]] in order[i, :2] for i in coded])
    predicted = [_decided(codes, scores[i], threshold) for i in range(len(gold))]
    f1s = _per_label_f1([*codes, NO_CODE], predicted, gold)
    top_label = [
        codes[order[i, 0]] if scores[i, order[i, 0]] >= threshold else NO_CODE for i in range(len(gold))
    ]
    kappa = float(cohen_kappa_score(list(gold), top_label)) if len(set(gold) | set(top_label)) > 1 else 1.0
    outcome = np.asarray([[1.0 if g == c else 0.0 for c in codes] for g in gold]).reshape(scores.shape)
    return Evaluation(
        n=len(gold),
        n_coded=len(coded),
        top1=top1,
        top2=top2,
        macro_f1=_mean([f for _, f in f1s]),
        kappa=kappa,
        ece=expected_calibration_error(scores.ravel(), outcome.ravel()),
        threshold=float(threshold),
        per_code_f1=tuple(f1s),
        ece_top_label=expected_calibration_error(
            scores[np.arange(len(gold)), order[:, 0]] if len(gold) else np.zeros(0),
            np.asarray([1.0 if codes[order[i, 0]] == gold[i] else 0.0 for i in range(len(gold))]),
        ),
    )


def _mean(values: Sequence[float | bool]) -> float:
    return float(np.mean(values)) if len(values) else 0.0


def _decided(codes: Sequence[str], row: Array, threshold: float) -> frozenset[str]:
    chosen = frozenset(c for c, s in zip(codes, row, strict=True) if s >= threshold)
    return chosen or frozenset({NO_CODE})


def _per_label_f1(
    labels: Sequence[str], predicted: Sequence[frozenset[str]], gold: Sequence[str]
) -> list[tuple[str, float]]:
    """F1 per label over rows (multi-label predictions, one gold label); labels never seen are skipped."""
    result = []
    for label in labels:
        tp = sum(1 for p, g in zip(predicted, gold, strict=True) if label in p and g == label)
        fp = sum(1 for p, g in zip(predicted, gold, strict=True) if label in p and g != label)
        fn = sum(1 for p, g in zip(predicted, gold, strict=True) if label not in p and g == label)
        if tp + fp + fn:
            result.append((label, 2 * tp / (2 * tp + fp + fn)))
    return result


def expected_calibration_error(confidence: Array, outcome: Array, bins: int = ECE_BINS) -> float:
    """Weighted mean |accuracy - confidence| over equal-width confidence bins."""
    confidence = np.clip(np.asarray(confidence, dtype=np.float64), 0.0, 1.0)
    outcome = np.asarray(outcome, dtype=np.float64)
    if confidence.size == 0:
        return 0.0
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(outcome[mask].mean() - confidence[mask].mean())
    return float(total / confidence.size)


def format_report(result: Evaluation) -> str:
    """A few human-readable lines (Dutch labels, as the CLI prints them)."""
    per_code = ", ".join(f"{code} {f1:.2f}" for code, f1 in result.per_code_f1)
    return "\n".join(
        [
            f"Suggesties: {result.suggester or '-'}  (drempel {result.threshold:.2f})",
            f"Fragmenten: {result.n} (waarvan {result.n_coded} met een werkfactor)",
            f"Top-1: {result.top1:.3f}   Top-2: {result.top2:.3f}",
            f"Macro-F1 (incl. geen): {result.macro_f1:.3f}   Cohen's kappa: {result.kappa:.3f}",
            f"Kalibratie (ECE, {ECE_BINS} bakken): eerste suggestie {result.ece_top_label:.3f}, "
            f"per code {result.ece:.3f}",
            f"F1 per code: {per_code}",
        ]
    )


format_evaluation = format_report
