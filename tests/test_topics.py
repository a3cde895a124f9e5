"""Themes (themes.py): clusters recovered, deterministic, stop words and placeholders never keywords, small
inputs refused, the codebook overlap, and the Workbench use case on the demo project."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from verhalen.analysis import themes
from verhalen.analysis.coverage import CodeEvidence, code_evidence, overlap
from verhalen.analysis.themes import Theme, TopicsError, find_themes, stop_words
from verhalen.app.explore import project_themes
from verhalen.app.workbench import Workbench
from verhalen.domain import Code, Codebook, Coding, Suggestion

TOPICS = {  # three stories told in words that belong to one theme each
    "koffie": "koffie thee taart gezellig bank kletsen",
    "afspraken": "afspraken regels rooster planning schema tijden",
    "oppas": "oppas buurvrouw boodschappen vervoer ziekenhuis logeren",
}
FILLER = "Ja, nou, eh, gewoon echt heel wel hoor, weet je, zeg maar, "
PER_THEME = 15


def corpus() -> tuple[list[str], np.ndarray, list[int]]:
    """45 texts around three well separated centres; fillers and placeholders only in one theme each."""
    rng = np.random.default_rng(7)
    centres = np.eye(3, 32, dtype=np.float32) * 3
    texts, rows, truth = [], [], []
    for c, words in enumerate(TOPICS.values()):
        vocabulary = words.split()
        for i in range(PER_THEME):
            picked = [vocabulary[(i + j) % len(vocabulary)] for j in range(3)]
            extra = FILLER if c == 0 else "[PERSOON-1] en [LOCATIE-2] " if c == 2 else ""
            texts.append(f"{extra}We hadden het over {' en '.join(picked)}.")
            rows.append(centres[c] + rng.normal(0, 0.3, 32))
            truth.append(c)
    matrix = np.asarray(rows, dtype=np.float32)
    return texts, matrix / np.linalg.norm(matrix, axis=1, keepdims=True), truth


def test_three_separated_clusters_are_recovered() -> None:
    texts, vectors, truth = corpus()
    model = find_themes(texts, vectors, [100 + i for i in range(len(texts))], min_size=10)
    assert len(model.themes) == 3
    assert model.outlier_share == 0
    for c in range(3):
        assigned = {model.assignment[i] for i, t in enumerate(truth) if t == c}
        assert len(assigned) == 1  # each true cluster is one theme ...
    assert len(set(model.assignment)) == 3  # ... and different clusters are different themes
    by_theme = {theme.id: theme for theme in model.themes}
    for c, words in enumerate(TOPICS.values()):
        theme = by_theme[model.assignment[truth.index(c)]]
        assert set(theme.keywords[:3]) <= set(words.split())
        assert theme.size == PER_THEME and len(theme.fragment_ids) == PER_THEME
        assert theme.label == ", ".join(theme.keywords[:3])
        assert set(theme.representative_ids) <= set(theme.fragment_ids)
        assert len(theme.representative_ids) == themes.REPRESENTATIVES
    assert model.theme_of()[100] == model.assignment[0]


def test_stop_words_fillers_and_placeholders_are_never_keywords() -> None:
    texts, vectors, _ = corpus()
    model = find_themes(texts, vectors, min_size=10)
    keywords = {word for theme in model.themes for word in theme.keywords}
    assert keywords
    assert not keywords & {
        "ja",
        "nou",
        "gewoon",
        "echt",
        "heel",
        "wel",
        "hoor",
        "weet",
        "zeg",
        "maar",
        "over",
    }
    assert not keywords & {"persoon", "locatie"}
    assert {"gewoon", "hoor", "echt", "zeg", "heel", "wel", "hadden"} <= stop_words()
    assert themes.clean("Toen [PERSOON-1] kwam, [locatie-12] ook") == "Toen   kwam,   ook"


def test_same_input_same_themes_and_the_seed_changes_nothing() -> None:
    texts, vectors, _ = corpus()
    first = find_themes(texts, vectors, min_size=10, seed=0)
    assert find_themes(texts, vectors, min_size=10, seed=0) == first
    again = find_themes(texts, vectors, min_size=10, seed=1)
    assert again.themes == first.themes and again.assignment == first.assignment
    assert again.seed == 1


def test_a_number_of_themes_and_small_groups_become_no_theme() -> None:
    texts, vectors, truth = corpus()
    two = find_themes(texts, vectors, min_size=10, n_themes=2)
    assert sorted(theme.size for theme in two.themes) == [15, 30]
    four = find_themes(texts, vectors, min_size=9, n_themes=4)  # one cluster of 15 cut in two
    assert len(four.themes) in (2, 3)
    assert themes.OUTLIER in four.assignment
    assert all(theme.size >= 9 for theme in four.themes)
    outliers = {truth[i] for i, theme in enumerate(four.assignment) if theme == themes.OUTLIER}
    assert len(outliers) == 1  # the outliers all come from the cluster that was cut


def test_too_few_fragments_and_bad_parameters_give_a_dutch_message() -> None:
    texts, vectors, _ = corpus()
    with pytest.raises(TopicsError, match="Te weinig fragmenten voor thema's: 12"):
        find_themes(texts[:12], vectors[:12])
    with pytest.raises(TopicsError, match="minstens 50 nodig"):
        find_themes(texts, vectors, min_size=25)
    with pytest.raises(TopicsError, match="horen niet bij elkaar"):
        find_themes(texts, vectors[:-1], min_size=10)
    with pytest.raises(TopicsError, match="minstens 2 thema's"):
        find_themes(texts, vectors, min_size=10, n_themes=1)
    with pytest.raises(TopicsError, match="Geen thema gevonden"):
        find_themes(texts, vectors, min_size=10, n_themes=30)
    with pytest.raises(TopicsError, match="geen woorden"):
        find_themes(["Ja, nou, gewoon echt wel."] * len(texts), vectors, min_size=10)


def test_bertopic_never_chooses_an_embedding_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import bertopic._bertopic

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("BERTopic tried to load an embedding model")

    monkeypatch.setattr(bertopic._bertopic, "select_backend", refuse)
    texts, vectors, _ = corpus()
    assert len(find_themes(texts, vectors, min_size=10).themes) == 3


def test_overlap_counts_confirmed_codes_and_marks_new_themes() -> None:
    codes = [Code("netwerk", "Netwerk"), Code("netwerk.praktisch", "Praktisch", parent="netwerk")]
    book = Codebook("v1", "werkfactoren", (*codes, Code("leren", "Leren"), Code("structuur", "Structuur")))
    codings = [
        Coding(6, "weg", "a", "confirmed"),  # a code no longer in the codebook: left out
        Coding(1, "netwerk.praktisch", "a", "confirmed"),
        Coding(2, "netwerk", "b", "confirmed"),
        Coding(2, "leren", "a", "confirmed"),
        Coding(3, "leren", "a", "confirmed"),  # overruled by the lead coder below
        Coding(5, "structuur", "a", "rejected"),
    ]
    suggestions = {
        4: [Suggestion(4, "netwerk.praktisch", 0.3), Suggestion(4, "leren", 0.2)],
        5: [Suggestion(5, "structuur", 0.9)],  # decided (rejected): the suggestion does not count
        6: [Suggestion(6, "leren", 0.3)],
        7: [Suggestion(7, "weg", 0.9), Suggestion(7, "leren", 0.8)],
    }
    evidence = code_evidence(codings, {(3, "leren"): "rejected"}, suggestions, book)
    assert evidence.confirmed == {1: {"netwerk"}, 2: {"netwerk", "leren"}, 3: frozenset(), 5: frozenset()}
    assert evidence.first == {4: "netwerk", 5: "structuur", 6: "leren", 7: "leren"}
    covered = overlap(Theme(0, "", (), 4, (1, 2, 3, 4), ()), evidence)
    assert covered.confirmed == (("netwerk", 2), ("leren", 1))
    assert (covered.covering, covered.covering_share, covered.new) == ("netwerk", 0.75, False)
    assert (covered.top_suggested, covered.suggested_share) == ("netwerk", 0.25)
    spread = overlap(Theme(1, "", (), 4, (3, 5, 6, 2), ()), evidence)  # leren: fragments 6 and 2
    assert (spread.covering, spread.covering_share, spread.new) == ("leren", 0.5, False)
    assert (spread.top_suggested, spread.suggested_share) == ("leren", 0.25)  # 5 (structuur) ties: by name
    scattered = overlap(Theme(2, "", (), 4, (3, 4, 5, 7), ()), evidence)  # netwerk 4, leren 7: 1 of 4 each
    assert (scattered.covering, scattered.covering_share, scattered.new) == ("leren", 0.25, True)
    empty = overlap(Theme(3, "", (), 2, (7, 8), ()), CodeEvidence({}, {}))
    assert (empty.covering, empty.covering_share, empty.new) == (None, 0.0, True)


def test_workbench_themes_on_the_demo_project(demo_bench: Workbench) -> None:
    result = project_themes(demo_bench, min_size=10)
    codable = demo_bench.repo.fragments(codable_only=True)
    assert [f.fragment_id for f in result.fragments] == [f.id for f in codable]
    assert len(result.themes) >= 2 and len(result.overlaps) == len(result.themes)
    assert sum(theme.size for theme in result.themes) == sum(f.theme >= 0 for f in result.fragments)
    book = demo_bench.codebook()
    confirmed = Counter()
    for fragment_id, code in {
        (c.fragment_id, book.factor_of(c.code)) for c in demo_bench.repo.codings() if c.status == "confirmed"
    }:
        if result.model.theme_of().get(fragment_id, -1) >= 0:
            confirmed[code] += 1
    shown = Counter()
    for o in result.overlaps:
        shown.update(dict(o.confirmed))
    assert shown == confirmed and sum(confirmed.values()) > 0


def test_workbench_themes_of_one_practice(demo_bench: Workbench) -> None:
    result = project_themes(demo_bench, practice="veendam", min_size=8, n_themes=4)
    veendam = {s.id for s in demo_bench.repo.stories() if s.practice == "veendam"}
    assert result.practice == "veendam"
    assert result.fragments and {f.story_id for f in result.fragments} == veendam
    assert {f.practice for f in result.fragments} == {"Alleenstaande-moedergroepen Veendam"}
    assert 1 <= len(result.themes) <= 4
    with pytest.raises(TopicsError, match="Te weinig fragmenten"):
        project_themes(demo_bench, practice="veendam", role="professional", min_size=100)
