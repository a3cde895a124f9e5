"""Which decisions the suggester learns from when several coders decided on the same fragment, and how
they become its label matrix (pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from verhalen.domain import Codebook

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CoderDecision:
    fragment_id: int
    text: str
    code: str
    status: str
    coder: str


@dataclass(frozen=True)
class Label:
    fragment_id: int
    text: str
    code: str
    positive: bool


def training_labels(
    decisions: Sequence[CoderDecision],
    resolutions: Mapping[tuple[int, str], str] | None = None,
    factor_of: Callable[[str], str] = lambda code: code,
) -> list[Label]:
    """One label per fragment and factor.

    The lead coder's resolution wins. Otherwise a factor is positive when every coder who decided on the
    fragment confirmed it (or one of its sub-codes), negative when it was rejected and nobody confirmed it,
    and left out when the coders disagree: an ambiguous label would teach the model noise.
    """
    resolutions = resolutions or {}
    coders: dict[int, set[str]] = defaultdict(set)
    confirmed: dict[tuple[int, str], set[str]] = defaultdict(set)
    rejected: dict[tuple[int, str], set[str]] = defaultdict(set)
    texts: dict[int, str] = {}
    for d in decisions:
        key = (d.fragment_id, factor_of(d.code))
        coders[d.fragment_id].add(d.coder)
        texts[d.fragment_id] = d.text
        (confirmed if d.status == "confirmed" else rejected)[key].add(d.coder)
    labels = []
    for key in sorted(set(confirmed) | set(rejected) | set(resolutions)):
        fragment_id, code = key
        if fragment_id not in texts:
            continue
        if key in resolutions:
            positive: bool | None = resolutions[key] == "confirmed"
        elif confirmed[key]:
            positive = True if confirmed[key] == coders[fragment_id] else None
        else:
            positive = False
        if positive is not None:
            labels.append(Label(fragment_id, texts[fragment_id], code, positive))
    return labels


@dataclass(frozen=True)
class Decision:
    """A researcher's verdict on one code for one text (vector optional: embedded when missing)."""

    text: str
    code: str
    positive: bool
    vector: npt.NDArray[np.float32] | None = None
    fragment_id: int = 0  # the decided fragment (0: not a stored fragment), quoted by id under "Waarom?"


def label_matrix(
    labels: Array,
    decisions: Sequence[Decision],
    index: dict[str, int],
    codebook: Codebook,
    codes: tuple[str, ...],
) -> None:
    """Write ``decisions`` into ``labels`` (rows by ``index[text]``, columns ``codes``; 1 / 0 / NaN unknown).

    Confirmations set the row (positive for those codes, negative for the others); rejections
    then mark single codes negative unless the same text was confirmed for that code."""
    column = {c: i for i, c in enumerate(codes)}
    confirmed: dict[int, set[int]] = {}
    rejected: list[tuple[int, int]] = []
    for d in decisions:
        try:
            col = column[codebook.factor_of(d.code)]
        except KeyError:
            continue
        if d.positive:
            confirmed.setdefault(index[d.text], set()).add(col)
        else:
            rejected.append((index[d.text], col))
    for row, cols in confirmed.items():
        labels[row] = 0.0
        labels[row, sorted(cols)] = 1.0
    for row, col in rejected:
        if col not in confirmed.get(row, set()):
            labels[row, col] = 0.0


def decided_sources(decisions: Sequence[Decision]) -> dict[str, int]:
    """Each decided text's first decided fragment: where a quoted example stands (by id, not by text)."""
    found: dict[str, int] = {}
    for d in decisions:
        if d.fragment_id:
            found.setdefault(d.text, d.fragment_id)
    return found
