"""Zoeken lists distinct passages: fragments with the same text (case and white space aside) are one hit
at the place of the best of them, which says in how many fragments and stories it occurs and leads to each."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest

from tests.apptest import open_page
from tests.conftest import make_settings
from verhalen.analysis.search import SearchFilter, same_text, search
from verhalen.app.explore import search_fragments
from verhalen.app.workbench import Workbench
from verhalen.domain import Fragment, Story

SHARED = "Ik voelde me niet meer alleen in de groep."


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def _corpus() -> tuple[list[Fragment], dict[int, np.ndarray], dict[str, Story]]:
    stories = {s: Story(s, "beijum", "ouder", "x") for s in "abcd"}
    texts = [
        ("a", SHARED, _unit(1, 0.1)),
        ("b", "Ik voelde me  niet meer ALLEEN in de groep. ", _unit(1, 0.2)),  # the same, case and spaces
        ("c", "Ik voelde me niet meer alleen.", _unit(1, 0.3)),  # another text
        ("d", SHARED, _unit(0.1, 1)),  # the same text, far down the ranking
        ("c", "De koffie staat klaar.", _unit(1, 0.5)),
        ("a", SHARED, _unit(1, 0.15)),  # twice in one story
    ]
    fragments = [Fragment(s, i, i, i + 1, text, id=i + 1) for i, (s, text, _) in enumerate(texts)]
    vectors = {i + 1: v for i, (_, _, v) in enumerate(texts)}
    return fragments, vectors, stories


def test_same_text_ignores_case_and_white_space_only() -> None:
    assert same_text(" Ik  voelde\nme ") == same_text("ik voelde me") == "ik voelde me"
    assert same_text("Ik voelde me.") != same_text("Ik voelde me")
    assert same_text("één") != same_text("een")


@pytest.mark.parametrize("typed", ["", "niet meer alleen"])
def test_fragments_with_the_same_text_are_one_hit_at_the_best_place(typed: str) -> None:
    fragments, vectors, stories = _corpus()
    hits = search(_unit(1, 0), fragments, vectors, stories, {}, SearchFilter(), 3, text=typed)
    assert [h.fragment.id for h in hits] == [1, 3, 5]  # three distinct passages, the ranking kept
    shared = hits[0]
    assert [h.fragment.id for h in shared.all] == [1, 6, 2, 4]  # best first, also beyond the third place
    assert shared.story_ids == ["a", "b", "d"]
    assert all(not h.same for h in hits[1:])
    assert [
        h.fragment.id for h in search(_unit(1, 0), fragments, vectors, stories, {}, SearchFilter(), 1)
    ] == [1]


def test_filters_and_the_excluded_fragment_apply_before_the_grouping() -> None:
    fragments, vectors, stories = _corpus()
    in_groups = SearchFilter(contains="groep")
    hits = search(_unit(1, 0), fragments, vectors, stories, {}, in_groups, 10)
    assert [[h.fragment.id for h in hit.all] for hit in hits] == [[1, 6, 2, 4]]
    like = search(vectors[1], fragments, vectors, stories, {}, SearchFilter(), 10, exclude=1)
    assert [h.fragment.id for h in like[0].all] == [6, 2, 4]  # the source itself is not a result


def _story(bench: Workbench, story_id: str, practice: str, sentence: str) -> None:
    bench.import_story(
        Story(story_id, practice, "ouder", f"Het was een lange week. {sentence} Toen ging ik naar huis.")
    )


@pytest.fixture
def shared_url(demo_url: str) -> str:
    bench = Workbench(make_settings(demo_url, Path(demo_url[10:]).parent))
    practice = bench.repo.practices()[0].id
    for n, sentence in enumerate([SHARED, SHARED.upper(), SHARED.replace(" ", "  ")]):
        _story(bench, f"DUBBEL-0{n + 1}", practice, sentence)
    bench.repo.engine.dispose()
    return demo_url


def test_the_workbench_search_groups_the_demo_with_a_shared_sentence(shared_url: str, tmp_path: Path) -> None:
    bench = Workbench(make_settings(shared_url, tmp_path))
    hits = search_fragments(bench, "niet meer alleen in de groep", limit=10)
    first = hits[0]
    assert first.match.kind == "exact" and same_text(first.fragment.text) == same_text(SHARED)
    assert sorted(first.story_ids) == ["DUBBEL-01", "DUBBEL-02", "DUBBEL-03"]
    texts = [same_text(h.fragment.text) for h in hits]
    assert len(texts) == len(set(texts)) == 10  # ten distinct passages fill the list


def test_zoeken_shows_the_shared_sentence_once_and_leads_to_each(
    shared_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verhalen.ui.search_view import csv_bytes

    at = open_page(monkeypatch, shared_url, "zoeken")
    at.text_input[0].set_value("niet meer alleen in de groep").run()
    assert not at.exception, at.exception
    shown = [m.value for m in at.markdown if "niet meer alleen in de groep" in m.value.casefold()]
    assert len(shown) == 1
    captions = [c.value for c in at.caption]
    assert "Deze tekst staat in 3 fragmenten uit 3 verhalen." in captions
    assert any("verschillende passages in" in c and "gelijke teksten één keer" in c for c in captions)
    (places,) = [e for e in at.expander if e.label == "Alle 3 vindplaatsen"]
    links = [el.proto.query_string for el in places if getattr(el, "type", "") == "page_link"]
    assert sorted(q.split("&")[0] for q in links) == [f"verhaal=DUBBEL-0{n}" for n in (1, 2, 3)]
    assert all("&fragment=" in q for q in links)  # each place opens its own fragment in Coderen
    bench = Workbench(make_settings(shared_url, Path(shared_url[10:]).parent))
    rows = list(
        csv.DictReader(
            io.StringIO(
                csv_bytes(search_fragments(bench, "niet meer alleen in de groep")).decode("utf-8-sig")
            )
        )
    )
    assert [r["passage"] for r in rows[:3]] == ["1", "1", "1"] and rows[3]["passage"] == "2"
    assert {r["story_id"] for r in rows[:3]} == {"DUBBEL-01", "DUBBEL-02", "DUBBEL-03"}


def test_zoeken_in_english_names_the_shared_places(shared_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, shared_url, "zoeken")
    at.sidebar.selectbox[0].select("en").run()
    at.text_input[0].set_value("niet meer alleen in de groep").run()
    assert not at.exception, at.exception
    assert "This text appears in 3 fragments from 3 stories." in [c.value for c in at.caption]
    assert any(e.label == "All 3 places" for e in at.expander)


def test_the_cli_prints_one_line_per_passage_with_its_other_places(
    shared_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from verhalen.cli import main

    assert main(["search", "niet meer alleen in de groep", "--limit", "5", "--database", shared_url]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5 and len({same_text(r["text"]) for r in rows}) == 5
    first = rows[0]
    assert same_text(first["text"]) == same_text(SHARED)
    places = [first["story_id"], *(s["story_id"] for s in first["same"])]
    assert sorted(places) == ["DUBBEL-01", "DUBBEL-02", "DUBBEL-03"]
    assert all(r["same"] == [] for r in rows[1:])
