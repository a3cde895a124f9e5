from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from verhalen.codebook import load_codebook
from verhalen.domain import Code, Codebook, ValidationError
from verhalen.suggest.consensus import Decision
from verhalen.suggest.embeddings import FakeEmbedder, Matrix
from verhalen.suggest.engine import Engine
from verhalen.suggest.features import stem
from verhalen.suggest.model import EngineConfig

ROOT = Path(__file__).resolve().parents[1]


def _code(code_id: str, definition: str, signals: tuple[str, ...], examples: tuple[str, ...]) -> Code:
    return Code(
        id=code_id,
        name=code_id.title(),
        colour="#123456",
        definition=definition,
        when_to_use=f"Gebruik {code_id} als het fragment hierover gaat: {definition}",
        when_not_to_use="Gaat het over iets anders, kies dan een andere code.",
        signals=signals,
        examples=examples,
    )


CODEBOOK = Codebook(
    version="t1",
    name="test",
    codes=(
        _code(
            "koffie",
            "Koffie drinken en kletsen tijdens de ochtend geeft rust.",
            ("koffie", "kletsen", "rust"),
            (
                "We drinken eerst koffie en kletsen wat.",
                "Die koffie in de ochtend geeft mij rust.",
                "Gewoon kletsen met een bak koffie, heerlijk.",
                "Even rust, koffie erbij, verder niks.",
                "Ik kom voor de koffie en het kletsen.",
                "Koffie en een praatje, dan ga ik rustig naar huis.",
            ),
        ),
        _code(
            "oppas",
            "Oppassen op elkaars kinderen en kinderen ophalen van school.",
            ("oppassen", "ophalen", "school"),
            (
                "Zij past op mijn kinderen als ik moet werken.",
                "Fatima haalt mijn zoon op van school.",
                "Ik pas op haar dochter en zij op de mijne.",
                "Toen ik ziek was haalde ze de kinderen op.",
                "We wisselen het ophalen van school af.",
                "Oppassen doen we gewoon voor elkaar.",
            ),
        ),
        _code(
            "tips",
            "Tips en advies over opvoeden die ouders thuis uitproberen.",
            ("tip", "advies", "uitproberen"),
            (
                "Die tip over de wekker probeer ik thuis uit.",
                "Een moeder gaf advies over bedtijd.",
                "Ik heb haar tip over groente uitgeprobeerd.",
                "Het advies om te belonen werkt bij ons.",
                "Van de anderen kreeg ik tips over driftbuien.",
                "Nu probeer ik thuis hun advies uit.",
            ),
        ),
    ),
    none_examples=("Mijn zoon is in maart geboren.", "Het regende die dag heel hard."),
)


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__(dim=64)
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> Matrix:
        self.calls += 1
        return super().encode(texts)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(CODEBOOK, FakeEmbedder())


def _score(engine: Engine, text: str, code: str) -> float:
    (row,) = engine.suggest([text])
    return next(s.score for s in row if s.code == code)


def test_every_factor_once_scores_in_unit_interval_sorted(engine: Engine) -> None:
    rows = engine.suggest(["We drinken koffie en kletsen.", "Zij haalt de kinderen op.", "Niets bijzonders."])
    assert len(rows) == 3
    for row in rows:
        assert sorted(s.code for s in row) == ["koffie", "oppas", "tips"]
        scores = [s.score for s in row]
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert scores == sorted(scores, reverse=True)
        assert all(s.fragment_id == 0 and s.suggester == engine.version for s in row)


def test_obvious_texts_rank_their_code_first(engine: Engine) -> None:
    rows = engine.suggest(["Koffie drinken en kletsen geeft rust.", "Ze haalt mijn kinderen op van school."])
    assert rows[0][0].code == "koffie"
    assert rows[1][0].code == "oppas"


def test_rationale_quotes_real_examples_and_signals(engine: Engine) -> None:
    (row,) = engine.suggest(["Een bak koffie en kletsen met de anderen."])
    top = row[0]
    examples = set(CODEBOOK.get("koffie").examples)
    assert top.code == "koffie"
    assert 1 <= len(top.rationale.examples) <= 2
    assert set(top.rationale.examples) <= examples
    assert "koffie" in top.rationale.signals and "kletsen" in top.rationale.signals
    names = [name for name, _ in top.rationale.components]
    assert names == ["definitie", "voorbeelden", "signaalwoorden", "classificatie"]
    assert top.rationale.definition_similarity == dict(top.rationale.components)["definitie"]


def test_confirmation_raises_and_rejection_lowers_the_score() -> None:
    engine = Engine(CODEBOOK, FakeEmbedder())
    taught = "Samen naar de markt met de buurvrouw op zaterdag"
    new = "Samen naar de markt met de buurvrouw op zaterdag, gezellig"
    before = _score(engine, new, "oppas")
    engine.fit([Decision(taught, "oppas", True)])
    raised = _score(engine, new, "oppas")
    # One confirmation moves the score a little (hybride-4: decisions earn their weight as they agree).
    assert raised > before
    (row,) = engine.suggest([new])
    oppas = next(s for s in row if s.code == "oppas")
    assert taught in oppas.rationale.examples  # the confirmed coding is quoted
    engine.fit([Decision(taught, "oppas", False)])
    lowered = _score(engine, new, "oppas")
    assert lowered < before
    engine.fit([])
    assert _score(engine, new, "oppas") == pytest.approx(before)


def test_decision_on_a_subcode_teaches_its_factor() -> None:
    codebook = Codebook(
        version=CODEBOOK.version,
        name=CODEBOOK.name,
        codes=(*CODEBOOK.codes, Code(id="oppas.school", name="School", definition="Ophalen", parent="oppas")),
        none_examples=CODEBOOK.none_examples,
    )
    engine = Engine(codebook, FakeEmbedder())
    text = "Samen naar de markt met de buurvrouw"
    before = _score(engine, text, "oppas")
    engine.fit([Decision(text, "oppas.school", True), Decision("onbekend", "bestaat-niet", True)])
    assert _score(engine, text, "oppas") > before


def test_threshold_decides_multi_label_or_geen(engine: Engine) -> None:
    (row,) = engine.suggest(["Koffie drinken en kletsen geeft rust."])
    assert 0.0 < engine.threshold < 1.0
    assert engine.labels(row)[0] == "koffie"
    assert engine.labels(row, 1.0) == ()  # geen code
    assert len(engine.labels(row, 0.0)) == 3  # several codes at once
    assert engine.uncertainty(row, row[0].score) == pytest.approx(1.0)
    assert 0.0 <= engine.uncertainty(row) <= 1.0
    assert engine.uncertainty(()) == 0.0
    with pytest.raises(AttributeError):
        engine.threshold = 0.5  # type: ignore[misc]  # only a refit changes it, together with the model


def test_prepare_with_vectors_does_not_embed_and_is_reusable() -> None:
    embedder = CountingEmbedder()
    engine = Engine(CODEBOOK, embedder)
    texts = ["We drinken koffie.", "Zij past op de kinderen."]
    vectors = FakeEmbedder().encode(texts)
    calls = embedder.calls
    prepared = engine.prepare(texts, vectors)
    first = engine.score(prepared)
    engine.fit([Decision("Zij past op de kinderen als ik werk.", "oppas", True, vectors[1])])
    second = engine.score(prepared)
    assert embedder.calls == calls
    assert [s.code for s in first[0]] and len(second) == 2
    assert len(prepared.subset([1])) == 1 and prepared.subset([1]).texts == (texts[1],)


def test_fit_is_fast_enough_for_every_click() -> None:
    engine = Engine(CODEBOOK, FakeEmbedder())
    codes = engine.codes
    texts = [f"Fragment {i} over {codes[i % 3]} en nog wat woorden {i * 7}" for i in range(500)]
    vectors = FakeEmbedder().encode(texts)
    decisions = [Decision(t, codes[i % 3], i % 5 != 0, vectors[i]) for i, t in enumerate(texts)]
    engine.fit(decisions)
    start = time.perf_counter()
    engine.fit(decisions)
    assert time.perf_counter() - start < 1.0
    assert engine.n_training == len(CODEBOOK.none_examples) + 18 + 500


def test_version_names_model_and_codebook(engine: Engine) -> None:
    assert "fake-64" in engine.version and "codeboek-t1" in engine.version


def test_unknown_component_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Engine(CODEBOOK, FakeEmbedder(), EngineConfig(components=("magie",)))


@pytest.mark.parametrize("component", ["definition", "neighbours", "signals", "classifier"])
def test_each_component_alone_still_scores(component: str) -> None:
    engine = Engine(CODEBOOK, FakeEmbedder(), EngineConfig(components=(component,)))
    (row,) = engine.suggest(["Koffie drinken en kletsen geeft rust."])
    assert len(row) == 3 and all(0 <= s.score <= 1 for s in row)


def test_stemmer_joins_inflections() -> None:
    assert stem("luisterde") == stem("luisteren") == stem("luistert")
    assert stem("oppassen") == stem("oppas")
    assert stem("vond") == stem("vinden")
    assert stem("kinderen") == stem("kind")


def test_real_codebook_with_fake_embedder_has_all_six_factors() -> None:
    codebook = load_codebook(ROOT / "codebook" / "werkfactoren.yaml")
    engine = Engine(codebook, FakeEmbedder())
    (row,) = engine.suggest(["We hebben een appgroep en passen op elkaars kinderen."])
    assert {s.code for s in row} == {c.id for c in codebook.factors}
    assert len(row) == 6


@pytest.mark.slow
def test_dev_set_top1_with_the_real_encoder() -> None:
    from verhalen.suggest.embeddings import UseEmbedder
    from verhalen.suggest.evaluate import evaluate

    codebook = load_codebook(ROOT / "codebook" / "werkfactoren.yaml")
    with (ROOT / "benchmarks" / "data" / "devset.csv").open(encoding="utf-8") as handle:
        gold = [(r["text"], r["code"]) for r in csv.DictReader(handle)]
    result = evaluate(Engine(codebook, UseEmbedder()), gold)
    # Measured 0.848 / 0.939 with codebook 1.4 (benchmarks/results/suggest_quality.json); the goal is
    # 0.85 / 0.95. The bounds leave room for a few fragments, not for a regression.
    assert result.top1 >= 0.80, result
    assert result.top2 >= 0.92, result
    assert np.isfinite(result.ece)


def test_fit_returns_one_frozen_model_and_scoring_is_a_function_of_it() -> None:
    import dataclasses

    engine = Engine(CODEBOOK, FakeEmbedder())
    before = engine.model
    prepared = engine.prepare(["Ik probeer thuis de tip van de wekker."])
    old = engine.probabilities(prepared)
    after = engine.fit([Decision("Ik probeer thuis de tip van de wekker.", "koffie", True)])
    assert after is engine.model and after is not before
    assert after.threshold == engine.threshold and after.n_decisions == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        after.threshold = 0.1  # type: ignore[misc]
    # A caller holding the old model keeps its scores and its quoted examples, whatever was refitted since.
    np.testing.assert_allclose(engine.probabilities(prepared, before), old)
    assert not np.allclose(engine.probabilities(prepared), old)
    (row,) = engine.score(prepared, before)
    quoted = {q for s in row for q in s.rationale.examples}
    assert quoted <= set(before.real.texts)


def test_fitted_leaves_the_engines_model_alone() -> None:
    engine = Engine(CODEBOOK, FakeEmbedder())
    current = engine.model
    other = engine.fitted([Decision("Fatima haalt mijn zoon op van school.", "tips", True)])
    assert engine.model is current and other is not current


def test_decision_weight_grows_with_the_number_of_decisions() -> None:
    fixed = EngineConfig(decision_weight=2.0)
    growing = EngineConfig(decision_weight=0.5, decision_growth=20.0)
    assert fixed.weight_of_decisions(1) == fixed.weight_of_decisions(400) == 2.0
    assert growing.weight_of_decisions(0) == 0.5
    assert growing.weight_of_decisions(40) == pytest.approx(1.5)
    assert growing.weight_of_decisions(400) > 10 * growing.weight_of_decisions(0)


def test_many_decisions_outweigh_the_codebook() -> None:
    """A project that keeps confirming one code for a kind of text moves the suggestion to it."""
    text = "Op dinsdag zitten we met z'n allen in de zaal."
    decided = [f"Op dinsdag zitten we met z'n allen in de zaal, keer {i}." for i in range(30)]
    engine = Engine(CODEBOOK, FakeEmbedder(), EngineConfig(decision_weight=0.5, decision_growth=20.0))
    before = _score(engine, text, "oppas")
    engine.fit([Decision(t, "oppas", True) for t in decided])
    (row,) = engine.suggest([text])
    assert row[0].code == "oppas" and row[0].score > before


def test_centring_takes_the_codebook_mean_off_unit_vectors() -> None:
    centred = Engine(CODEBOOK, FakeEmbedder(), EngineConfig(centre=True))
    plain = Engine(CODEBOOK, FakeEmbedder(), EngineConfig(centre=False))
    texts = [e for c in CODEBOOK.codes for e in c.examples]
    a, b = centred.prepare(texts).vectors, plain.prepare(texts).vectors
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-5)
    assert np.linalg.norm(a.mean(axis=0)) < np.linalg.norm(b.mean(axis=0))


def test_compound_heads_match_short_signal_words() -> None:
    from verhalen.suggest.features import SignalIndex

    index = SignalIndex(CODEBOOK)
    found = dict(zip(index.codes, index.match([stem("opvoedtips"), stem("vaktips")]), strict=True))
    assert found["tips"] == ("tip",)
    # A signal stem inside an unrelated word is not a compound head: 'school' does not end in 'tip'.
    assert dict(zip(index.codes, index.match([stem("stippen")]), strict=True))["tips"] == ()


PROJECT = EngineConfig(learner="project", project_features=("centroid",))


def _project_decisions() -> list[Decision]:
    """A project whose researcher keeps coding two kinds of text the codebook does not describe."""
    places = ["zaal", "hal", "kantine", "aula", "gymzaal", "kelder", "zolder", "tuin", "gang", "keuken"]
    days = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"]
    decisions = []
    for i, place in enumerate(places):
        day = days[i % len(days)]
        decisions.append(
            Decision(f"Op {day} zitten we met z'n allen in de {place} bij elkaar.", "oppas", True)
        )
        decisions.append(
            Decision(f"De fietsen staan op {day} buiten bij de {place} te roesten.", "tips", True)
        )
        decisions.append(Decision(f"Mijn buurman heeft een {place} met veel lampen erin.", "koffie", False))
    return decisions


def test_project_learner_leaves_the_codebook_model_alone() -> None:
    joint, project = Engine(CODEBOOK, FakeEmbedder()), Engine(CODEBOOK, FakeEmbedder(), PROJECT)
    prepared = project.prepare(["We drinken koffie in de zaal.", "Zij haalt de kinderen op."])
    np.testing.assert_allclose(project.probabilities(prepared), joint.probabilities(prepared))
    assert project.model.project is None and project.threshold == joint.threshold
    decisions = _project_decisions()
    model = project.fit(decisions)
    # The codebook model is reused as it is: decisions never join its training items.
    assert model.real is project.fitted(()).real and len(model.real) == len(joint.fitted(()).real)
    assert model.project is not None and model.n_decisions == len({d.text for d in decisions})
    assert not np.allclose(project.probabilities(prepared), joint.probabilities(prepared))


def test_project_learner_follows_consistent_decisions() -> None:
    """New texts like the decided ones move to the researcher's code; the weight comes from the data."""
    engine = Engine(CODEBOOK, FakeEmbedder(), PROJECT)
    new = [
        "Op zondag zitten we met z'n allen in de serre bij elkaar.",
        "De fietsen staan op zondag buiten te roesten.",
    ]
    prepared = engine.prepare(new)
    before = engine.probabilities(prepared)
    model = engine.fit(_project_decisions())
    after = engine.probabilities(prepared, model)
    oppas, tips = engine.codes.index("oppas"), engine.codes.index("tips")
    assert after[0].argmax() == oppas and after[1].argmax() == tips
    assert after[0, oppas] > before[0, oppas] and after[1, tips] > before[1, tips]
    assert model.project is not None and model.project.coef[0] > 0
    # A caller holding the codebook model keeps its scores.
    np.testing.assert_allclose(engine.probabilities(prepared, engine.fitted(())), before)


def test_offset_logistic_regression_weighs_features_by_their_evidence() -> None:
    from verhalen.suggest.project import fit_offset_logistic

    rng = np.random.default_rng(0)
    y = (rng.random(400) < 0.5).astype(float)
    useful = y * 2.0 - 1.0 + rng.normal(0, 0.5, 400)
    noise = rng.normal(0, 1, 400)
    coef, intercept = fit_offset_logistic(np.column_stack([useful, noise]), y, np.zeros(400), 1.0)
    assert coef[0] > 2.0 and abs(coef[1]) < 0.3 and abs(intercept) < 0.5
    # Few rows: the penalty keeps the weights near zero (the offset, the codebook model, stays in charge).
    small, _ = fit_offset_logistic(np.column_stack([useful, noise])[:4], y[:4], np.zeros(4), 10.0)
    assert abs(small[0]) < coef[0] / 4 and np.all(np.abs(small) < 0.5)


def test_project_features_are_leave_one_out() -> None:
    """A decided text's own label never feeds its own feature (else the weights would be overconfident)."""
    from verhalen.suggest.project import fit_project

    vectors = np.eye(4, dtype=np.float32)[[0, 1, 2, 3]]
    labels = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
    probabilities = np.full((4, 2), 0.5)
    components = np.zeros((4, 2, 1))
    model = fit_project(vectors, labels, probabilities, components, ("centroid",))
    assert model is not None
    # Text 0 is the only one confirmed for code 0: without itself that code has no centre, feature 0.
    design = np.einsum("nd,kd->nk", model.vectors, model.centroids)
    assert design[0, 0] > 0.5  # scored as a new text it would match its own centre
    assert model.loo_probabilities[0, 0] == pytest.approx(
        1 / (1 + np.exp(-(model.intercept + 0.0 * model.coef[0]))), rel=1e-6
    )


def test_project_bias_learns_how_the_codebook_model_errs_per_code() -> None:
    """ "bias": the codebook model keeps putting code 1 first, the researcher keeps confirming code 0 on
    unrelated texts; the per-code shift learned from that turns the order round on a new text."""
    from verhalen.suggest.project import fit_project

    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(40, 16)).astype(np.float32)  # unrelated texts: nothing to learn from content
    labels = np.tile([1.0, 0.0], (40, 1))
    probabilities = np.tile([0.3, 0.6], (40, 1))
    components = np.zeros((40, 2, 1))
    new = np.array([[0.3, 0.6]])
    model = fit_project(vectors, labels, probabilities, components, ("bias",))
    assert model is not None and model.coef[0] > 0 > model.coef[1]
    adjusted = model.adjust(new, rng.normal(size=(1, 16)).astype(np.float32), np.zeros((1, 2, 1)))
    assert adjusted[0, 0] > 0.5 > adjusted[0, 1]
    few = fit_project(vectors[:2], labels[:2], probabilities[:2], components[:2], ("bias",))
    assert few is not None and abs(few.coef[0]) < model.coef[0]  # the penalty: two decisions move it less
    scaled = fit_project(vectors, labels, probabilities, components, ("bias", "scale"))
    assert scaled is not None and scaled.coef.shape == (4,)


def test_char_grams_let_a_compound_share_grams_with_its_parts() -> None:
    from verhalen.suggest.features import with_char_grams

    plain, grams = with_char_grams([["opvoedtip", "de"]], ()), with_char_grams([["opvoedtip", "de"]], (4,))
    assert plain == [["opvoedtip", "de"]]
    assert grams[0][:2] == ["opvoedtip", "de"] and "#tip>" in grams[0] and "#<opv" in grams[0]
    assert not any(g.startswith("#<de") for g in grams[0])  # no grams of stop words
    assert set(with_char_grams([["tip"]], (4,))[0]) & set(grams[0]) == {"#tip>"}
    engine = Engine(CODEBOOK, FakeEmbedder(), EngineConfig(char_grams=(4,)))
    a, b = engine.prepare(["Ze gaf opvoedtips.", "Ik kreeg een tip."]).stems
    assert (a @ b.T).toarray()[0, 0] > 0  # the grams meet where the stems do not
    c, d = Engine(CODEBOOK, FakeEmbedder()).prepare(["Ze gaf opvoedtips.", "Ik kreeg een tip."]).stems
    assert (c @ d.T).toarray()[0, 0] == 0


def test_project_words_are_leave_one_out_naive_bayes() -> None:
    """ "words": each decided text's feature equals the log-odds fitted on the other decided texts (brute
    force, text by text); a new text uses the log-odds of all of them; the researcher's own word for a
    code lifts it on a new text."""
    from scipy import sparse

    from verhalen.suggest.project import _mean_odds, _presence, _word_column, fit_project

    rng = np.random.default_rng(5)
    counts = sparse.csr_matrix((rng.random((12, 30)) < 0.2).astype(np.float64))
    labels = rng.choice([1.0, 0.0, np.nan], size=(12, 3), p=[0.4, 0.4, 0.2])
    vocabulary = np.unique(counts.indices)
    presence = _presence(counts, vocabulary)
    loo, odds = _word_column(presence, labels)

    def brute(rows: list[int]) -> np.ndarray:
        dense = presence.toarray()[rows]
        pos = dense.T @ (np.nan_to_num(labels[rows], nan=0.0) == 1.0)
        neg = dense.T @ (np.nan_to_num(labels[rows], nan=1.0) == 0.0)
        v = presence.shape[1]
        p = np.log((pos.T + 1.0) / (pos.sum(axis=0)[:, None] + v))
        q = np.log((neg.T + 1.0) / (neg.sum(axis=0)[:, None] + v))
        return p - q

    np.testing.assert_allclose(odds, brute(list(range(12))), atol=1e-9)
    for i in range(12):
        others = brute([j for j in range(12) if j != i])
        expected = _mean_odds(presence[i], others)[0]
        np.testing.assert_allclose(loo[i, :, 0], expected, atol=1e-9)

    texts = ["De juf gaf ons een map met tips.", "We dronken koffie en lachten veel."] * 10
    decisions = [Decision(t, "tips" if "map" in t else "koffie", True) for t in texts[:12]]
    lifted = {}
    for features in (("centroid",), ("centroid", "words")):
        engine = Engine(CODEBOOK, FakeEmbedder(), EngineConfig(project_features=features))
        before = engine.probabilities(engine.prepare(["Een map!"]))[0]
        model = engine.fit(decisions)
        assert model.project is not None
        after = engine.probabilities(engine.prepare(["Een map!"]))[0]
        lifted[features] = dict(zip(engine.codes, after - before, strict=True))
    assert model.project.word_odds.shape[0] == len(engine.codes)
    with_words, without = lifted[("centroid", "words")], lifted[("centroid",)]
    assert with_words["tips"] - with_words["koffie"] > without["tips"] - without["koffie"]
    with pytest.raises(ValueError):
        fit_project(np.eye(2), np.eye(2), np.full((2, 2), 0.5), np.zeros((2, 2, 1)), ("words",))
