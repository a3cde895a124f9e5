"""Search by meaning: ranking, filters, the workbench use case and the Zoeken page."""

from __future__ import annotations

import numpy as np
import pytest

from tests.apptest import open_page
from verhalen.analysis.search import SearchFilter, WordMatcher, fold, match_text, rank, search
from verhalen.app.explore import search_fragments
from verhalen.app.workbench import Workbench
from verhalen.domain import Fragment, Story, ValidationError
from verhalen.store import Repository, connect
from verhalen.ui.i18n import TEXTS


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_rank_orders_by_cosine_and_skips_the_excluded_row() -> None:
    vectors = np.vstack([_unit(1, 0), _unit(0, 1), _unit(1, 1), _unit(-1, 0)])
    assert [i for i, _ in rank(_unit(1, 0.1), vectors, 3)] == [0, 2, 1]
    ranked = rank(_unit(1, 0), vectors, 10, exclude=0)
    assert [i for i, _ in ranked] == [2, 1, 3]
    assert ranked[0][1] == pytest.approx(np.sqrt(0.5), abs=1e-6)
    assert rank(_unit(1, 0), np.zeros((0, 2)), 5) == []


def _corpus() -> tuple[list[Fragment], dict[int, np.ndarray], dict[str, Story]]:
    stories = {
        "a": Story("a", "beijum", "ouder", "x"),
        "b": Story("b", "veendam", "professional", "x"),
    }
    fragments = [
        Fragment("a", 0, 0, 1, "Samen koffie drinken.", id=1),
        Fragment("a", 1, 1, 2, "Ik leer tips van Koffie-moeders.", id=2),
        Fragment("b", 0, 0, 1, "Koffie staat klaar.", id=3),
        Fragment("b", 1, 1, 2, "Geen vector opgeslagen.", id=4),
    ]
    vectors = {1: _unit(1, 0), 2: _unit(0.6, 0.8), 3: _unit(0.9, 0.1)}
    return fragments, vectors, stories


def test_search_filters_by_practice_role_code_and_word() -> None:
    fragments, vectors, stories = _corpus()
    codes = {2: frozenset({"leren"})}
    hits = search(_unit(1, 0), fragments, vectors, stories, codes, SearchFilter())
    assert [h.fragment.id for h in hits] == [1, 3, 2]  # fragment 4 has no vector: not searchable
    only_b = search(_unit(1, 0), fragments, vectors, stories, codes, SearchFilter(practice="veendam"))
    assert [h.fragment.id for h in only_b] == [3]
    parents = search(_unit(1, 0), fragments, vectors, stories, codes, SearchFilter(role="ouder"))
    assert [h.fragment.id for h in parents] == [1, 2]
    coded = search(_unit(1, 0), fragments, vectors, stories, codes, SearchFilter(code="leren"))
    assert [(h.fragment.id, h.codes) for h in coded] == [(2, frozenset({"leren"}))]
    word = search(_unit(1, 0), fragments, vectors, stories, codes, SearchFilter(contains="KOFFIE"))
    assert [h.fragment.id for h in word] == [1, 3, 2]
    others = search(_unit(1, 0), fragments, vectors, stories, codes, SearchFilter(), exclude=1)
    assert others[0].fragment.id == 3
    with pytest.raises(ValidationError):
        search(_unit(1, 0), fragments, vectors, stories, codes, SearchFilter(), limit=0)


def test_workbench_search_uses_stored_vectors(demo_bench: Workbench) -> None:
    fragment = next(f for f in demo_bench.repo.fragments(codable_only=True) if len(f.text) > 40)
    hits = search_fragments(demo_bench, fragment.text, limit=5)
    assert hits[0].fragment.id == fragment.id and hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    like = search_fragments(demo_bench, like=fragment.id, limit=5)
    assert fragment.id not in {h.fragment.id for h in like} and len(like) == 5
    story = demo_bench.repo.story(fragment.story_id)
    same_practice = search_fragments(
        demo_bench, like=fragment.id, where=SearchFilter(practice=story.practice), limit=50
    )
    assert same_practice and {h.story.practice for h in same_practice} == {story.practice}
    coded = search_fragments(demo_bench, "steun", where=SearchFilter(code="netwerk"), limit=100)
    assert coded and all("netwerk" in h.codes for h in coded)
    with pytest.raises(ValidationError):
        search_fragments(demo_bench, "   ")
    with pytest.raises(ValidationError):
        search_fragments(demo_bench, like=10**9)


@pytest.mark.slow
def test_search_by_meaning_with_the_real_encoder() -> None:
    """Paraphrases without shared words find each other; an unrelated sentence ranks last."""
    from verhalen.suggest.embeddings import UseEmbedder

    embedder = UseEmbedder()
    texts = [
        "Een buurvrouw uit de groep past op mijn kinderen als ik naar de dokter moet.",
        "De bijeenkomst begint elke dinsdag om negen uur in het buurthuis.",
        "Het regende de hele dag en de bus was te laat.",
    ]
    vectors = embedder.encode(texts)
    query = embedder.encode(["Iemand van de moedergroep let op mijn zoon wanneer ik een afspraak heb."])[0]
    order = [i for i, _ in rank(query, vectors, 3)]
    assert order[0] == 0 and order[-1] == 2, order


def test_zoeken_page_free_query_and_like_a_fragment(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "zoeken")
    assert at.title[0].value == "Zoeken"
    at.text_input[0].set_value("hulp van andere moeders").run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "eerst waar je woorden staan" in captions and "overeenkomst" in captions
    at.query_params["lijkt_op"] = "5"
    at.run()
    assert not at.exception
    assert any("Vergelijkbaar met dit fragment" in c.value for c in at.caption)
    assert any("meest vergelijkbaar eerst" in c.value for c in at.caption)


def test_a_result_opens_its_story_in_coderen(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen")
    repo = Repository(connect(demo_url))
    other = next(s for s in repo.stories() if s.id != at.selectbox[0].value)
    target = repo.fragments(other.id, codable_only=True)[-1]
    at.query_params["verhaal"] = other.id
    at.query_params["fragment"] = str(target.id)
    at.run()
    assert not at.exception
    assert at.selectbox[0].value == other.id
    shown = [m.value.replace("\\", "") for m in at.markdown]
    assert any(target.text[:25] in text for text in shown)  # the found fragment is on the page
    focused = [c.value for c in at.caption if c.value == TEXTS["focused_fragment"]["nl"]]
    assert len(focused) == 1  # and it is the focused one (the keys act on it)
    assert "fragment" not in at.query_params  # used once
    assert at.query_params["verhaal"] == other.id  # the story stays in the URL: a reload opens it again


def test_zoeken_page_in_english(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "zoeken")
    at.selectbox(key="lang").set_value("en").run()
    at.text_input[0].set_value("help from other mothers").run()
    assert not at.exception
    assert at.title[0].value == "Search"
    captions = " ".join(c.value for c in at.caption)
    assert (
        "most similar in meaning" in captions and "similarity" in captions and "overeenkomst" not in captions
    )


def test_a_link_to_a_fragment_that_is_gone_is_a_message(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "zoeken")
    at.query_params["lijkt_op"] = "999999"
    at.run()
    assert not at.exception
    assert any("999999" in e.value and "bestaat niet" in e.value for e in at.error)


# -- words first, then meaning ---------------------------------------------------------------------------
QUERY = "even tijd voor mezelf"


def test_fold_removes_case_and_diacritics() -> None:
    assert fold("Één Café, ÏDEE") == "een cafe, idee"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Soms wil ik Even tijd voor mezelf nemen.", "exact"),
        ("Gewoon even wat tijd voor mezelf.", "near"),  # one word in between
        ("Even tijd voor mijzelf, dat is fijn.", "near"),  # one word spelt otherwise
        ("Voor mezelf heb ik even geen tijd.", "words"),  # every word, other order
        ("Ik heb geen tijd.", "meaning"),
        ("Tijd voor mezelf.", "meaning"),  # a word missing: not a near phrase
    ],
)
def test_match_text_kinds(text: str, kind: str) -> None:
    assert match_text(QUERY, text).kind == kind


@pytest.mark.parametrize("query", [QUERY, "koffie", "samen koken met de kinderen", "Moedergroep", "oppas"])
def test_a_text_without_a_query_word_is_matched_as_before(demo_bench: Workbench, query: str) -> None:
    matcher = WordMatcher(query)
    texts = [f.text for f in demo_bench.repo.fragments()] + ["Éven tíjd voor mezélf!", "Koffie: koffie.", ""]
    found = [matcher.match(text) for text in texts]
    assert found == [matcher.full_match(text) for text in texts]
    assert any(m.spans for m in found) or query == "Moedergroep"  # some texts took the full path


def test_match_text_spans_point_at_the_words_in_the_original_text() -> None:
    text = "Soms wil ik Even tijd voor mezelf nemen."
    (span,) = match_text(QUERY, text).spans
    assert text[span[0] : span[1]] == "Even tijd voor mezelf"
    words = match_text(QUERY, "Voor mezelf heb ik even geen tijd.")
    assert [("Voor mezelf heb ik even geen tijd.")[s:e] for s, e in words.spans] == [
        "Voor",
        "mezelf",
        "even",
        "tijd",
    ]
    accents = match_text("cafe", "In het Café.")
    assert accents.kind == "exact" and "In het Café."[slice(*accents.spans[0])] == "Café"
    assert match_text("moeder", "De moeders komen").kind == "near"  # inflected
    partial = match_text("even een uurtje voor mezelf", "Een vader speelt met een uurtje.")
    assert partial.kind == "meaning" and [s for s, _ in partial.spans] == [25]  # 'uurtje', not 'een'
    assert (
        match_text("de", "Dit is de dag").kind == "exact" and match_text("de", "Dit is het").kind == "meaning"
    )


def test_search_puts_the_words_before_the_meaning() -> None:
    stories = {"a": Story("a", "beijum", "ouder", "x")}
    texts = [
        "Ik heb nooit tijd.",  # closest in meaning (vector), only mentions 'tijd'
        "De tijd vliegt als je samen bent.",
        "Voor mezelf heb ik even geen tijd.",
        "Ik wil even tijd voor mezelf nemen.",
        "Gewoon even wat tijd voor mezelf.",
    ]
    fragments = [Fragment("a", i, i, i + 1, text, id=i + 1) for i, text in enumerate(texts)]
    vectors = {1: _unit(1, 0), 2: _unit(0.9, 0.2), 3: _unit(0.3, 1), 4: _unit(0, 1), 5: _unit(0.1, 1)}
    hits = search(_unit(1, 0), fragments, vectors, stories, {}, SearchFilter(), 5, text=QUERY)
    assert [h.fragment.id for h in hits] == [4, 5, 3, 1, 2]
    assert [h.match.kind for h in hits] == ["exact", "near", "words", "meaning", "meaning"]
    by_meaning = search(_unit(1, 0), fragments, vectors, stories, {}, SearchFilter(), 5)
    assert [h.fragment.id for h in by_meaning] == [1, 2, 3, 5, 4]  # without typed words: meaning only
    assert [
        h.fragment.id
        for h in search(_unit(1, 0), fragments, vectors, stories, {}, SearchFilter(), 2, text=QUERY)
    ] == [4, 5]


def _add_story(bench: Workbench, text: str) -> int:
    bench.import_story(Story("EXTRA-01", "beijum", "ouder", text))
    return next(f.id for f in bench.repo.fragments("EXTRA-01") if "even tijd voor mezelf nemen" in f.text)


def test_demo_phrase_ranks_first_above_fragments_that_only_mention_tijd(demo_bench: Workbench) -> None:
    target = _add_story(
        demo_bench,
        "Op dinsdag heb ik geen tijd. Dan wil ik even tijd voor mezelf nemen. De tijd gaat snel.",
    )
    hits = search_fragments(demo_bench, QUERY, limit=20)
    assert hits[0].fragment.id == target and hits[0].match.kind == "exact"
    only_tijd = [h for h in hits if h.match.kind == "meaning" and "tijd" in fold(h.fragment.text)]
    assert only_tijd and all(hits.index(h) > 0 for h in only_tijd)


@pytest.mark.parametrize(
    "query",
    ["even een uurtje voor mezelf", "Even een uurtje voor MIJZELF", "uurtje voor mezelf terwijl de kleine"],
)
def test_phrases_from_the_demo_corpus_come_first(demo_bench: Workbench, query: str) -> None:
    hits = search_fragments(demo_bench, query, limit=10)
    assert hits[0].story.id == "BEI-OUD-01" and "uurtje voor mezelf" in hits[0].fragment.text
    assert hits[0].match.kind in {"exact", "near"}
    assert all(h.match.tier <= hits[0].match.tier for h in hits)


def test_zoeken_highlights_the_words_and_escapes_the_rest(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    from tests.conftest import make_settings

    bench = Workbench(make_settings(demo_url, __import__("pathlib").Path(demo_url[10:]).parent))
    _add_story(bench, "Ik <b>wil</b> *echt* even tijd voor mezelf nemen. De tijd gaat snel.")
    bench.repo.engine.dispose()
    at = open_page(monkeypatch, demo_url, "zoeken")
    at.text_input[0].set_value(QUERY).run()
    assert not at.exception
    first = next(m.value for m in at.markdown if "orange-background" in m.value)
    assert ":orange-background[**even tijd voor mezelf**]" in first
    assert "\\<b\\>" in first and "\\*echt\\*" in first  # markup in the story is shown, not applied
    assert any("exacte woordgroep" in c.value for c in at.caption)


def test_highlighted_merges_overlaps_and_escapes() -> None:
    from verhalen.ui.search_view import highlighted

    assert highlighted("a_b c", ((0, 3),)) == ":orange-background[**a\\_b**] c"
    assert highlighted("x [y] z", ((2, 5), (3, 4))) == "x :orange-background[**\\[y\\]**] z"


def test_zoeken_names_sub_codes_with_their_factor(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "zoeken")
    options = at.selectbox[2].options
    assert "Groepsgevoel › Herkenning" in options and "Herkenning" not in options
