"""Which decisions the suggester learns from when several coders decided on the same fragment (pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


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
