"""Training labels when several coders decided on one fragment."""

from __future__ import annotations

from verhalen.suggest.consensus import CoderDecision, Label, training_labels


def d(fragment: int, code: str, status: str, coder: str) -> CoderDecision:
    return CoderDecision(fragment, f"tekst {fragment}", code, status, coder)


def test_single_coder_decisions_pass_through() -> None:
    labels = training_labels([d(1, "leren", "confirmed", "a"), d(1, "netwerk", "rejected", "a")])
    assert labels == [Label(1, "tekst 1", "leren", True), Label(1, "tekst 1", "netwerk", False)]


def test_agreement_is_kept_and_disagreement_left_out() -> None:
    decisions = [
        d(1, "leren", "confirmed", "a"),
        d(1, "leren", "confirmed", "b"),
        d(1, "professional", "confirmed", "b"),
        d(2, "netwerk", "confirmed", "a"),
        d(2, "groepsgevoel", "confirmed", "b"),
    ]
    assert [(x.fragment_id, x.code, x.positive) for x in training_labels(decisions)] == [(1, "leren", True)]


def test_resolution_wins_and_subcodes_count_for_their_factor() -> None:
    decisions = [
        d(1, "netwerk.praktisch", "confirmed", "a"),
        d(1, "netwerk", "confirmed", "b"),
        d(2, "leren", "confirmed", "a"),
        d(2, "professional", "confirmed", "b"),
    ]
    labels = training_labels(decisions, {(2, "professional"): "confirmed"}, lambda c: c.split(".")[0])
    assert [(x.fragment_id, x.code, x.positive) for x in labels] == [
        (1, "netwerk", True),
        (2, "professional", True),
    ]


def test_a_rejection_nobody_contradicts_is_a_negative() -> None:
    decisions = [
        d(1, "ontspannen", "rejected", "a"),
        d(1, "leren", "confirmed", "a"),
        d(1, "leren", "confirmed", "b"),
    ]
    labels = {(x.code, x.positive) for x in training_labels(decisions)}
    assert labels == {("ontspannen", False), ("leren", True)}
