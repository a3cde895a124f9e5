"""Retrieval: all segments of a code across stories, filters, memos per code and story, names, CSV."""

from __future__ import annotations

import csv
import io

import pytest

from verhalen.app import retrieval
from verhalen.app.retrieval import RetrievalFilter
from verhalen.app.workbench import Workbench
from verhalen.domain import Code, Codebook

STORIES = {
    "A-1": (
        "beijum",
        "ouder",
        "Ik voel me thuis in de groep. De koffie is lekker. Zij herkent wat ik meemaak.",
    ),
    "B-1": (
        "veendam",
        "professional",
        "De moeders steunen elkaar. Ik zet de stoelen klaar. Wij lachen veel.",
    ),
}


@pytest.fixture
def project(bench: Workbench) -> Workbench:
    from verhalen.domain import Story

    bench.ensure_practices()
    for story_id, (practice, role, text) in STORIES.items():
        bench.import_story(Story(story_id, practice, role, text))
    frag = {(f.story_id, f.index): f.id for f in bench.repo.fragments()}
    decide = bench.decide
    decide(frag[("A-1", 0)], "groepsgevoel", "ann", "confirmed", memo="thuisgevoel", refresh=False)
    decide(frag[("A-1", 0)], "groepsgevoel", "bob", "confirmed", refresh=False)
    decide(frag[("A-1", 2)], "groepsgevoel.herkenning", "bob", "confirmed", memo="=herkenning", refresh=False)
    decide(frag[("A-1", 1)], "groepsgevoel", "ann", "rejected", refresh=False)  # rejected: not a segment
    decide(frag[("B-1", 0)], "groepsgevoel.sfeer", "ann", "confirmed", refresh=False)
    decide(frag[("B-1", 0)], "netwerk", "bob", "confirmed", memo="steun", refresh=False)
    bench.set_memo(frag[("B-1", 0)], "ann", "mooi citaat")
    bench.set_memo(frag[("B-1", 1)], "bob", "uncoded fragment memo")
    return bench


def test_code_names_follow_the_path_and_never_show_raw_ids(bench: Workbench) -> None:
    book = bench.codebook()
    assert retrieval.code_name(book, "groepsgevoel.herkenning") == "Groepsgevoel › Herkenning"
    assert retrieval.code_name(book, "groepsgevoel") == "Groepsgevoel"
    assert retrieval.code_name(book, "weg") == "weg"  # unknown: as it is
    options = retrieval.code_options(book)
    assert options.index("groepsgevoel") + 1 == options.index("groepsgevoel.veiligheid")
    assert set(options) == {c.id for c in book.codes}
    deep = Codebook(
        "x",
        "x",
        (
            Code("a", "Alpha"),
            Code("a.b", "Beta", parent="a"),
            Code("a.b.c", "Gamma", short="G", parent="a.b"),
        ),
    )
    assert retrieval.code_name(deep, "a.b.c") == "Alpha › Beta › G"
    assert retrieval.descendants(deep, "a") == {"a", "a.b", "a.b.c"}
    assert retrieval.code_options(deep) == ["a", "a.b", "a.b.c"]


def test_segments_of_a_factor_include_its_subcodes_across_stories(project: Workbench) -> None:
    data = retrieval.load(project)
    found = retrieval.segments(data, "groepsgevoel")
    assert [(s.story.id, s.fragment.index) for s in found] == [("A-1", 0), ("A-1", 2), ("B-1", 0)]
    first, second, third = found
    assert first.codes == ("groepsgevoel",) and first.coders == ("ann", "bob")
    assert [m.text for m in first.memos] == ["thuisgevoel"]
    assert second.codes == ("groepsgevoel.herkenning",)
    # B-1's fragment memo shows, its memo on another code (netwerk) does not
    assert [(m.text, m.code) for m in third.memos] == [("mooi citaat", None)]
    only_factor = retrieval.segments(data, "groepsgevoel", RetrievalFilter(with_subcodes=False))
    assert [s.fragment.index for s in only_factor] == [0]
    sub = retrieval.segments(data, "groepsgevoel.herkenning")
    assert [(s.story.id, s.fragment.index) for s in sub] == [("A-1", 2)]


def test_filters_by_practice_role_and_coder(project: Workbench) -> None:
    data = retrieval.load(project)
    assert {s.story.id for s in retrieval.segments(data, "groepsgevoel", RetrievalFilter("veendam"))} == {
        "B-1"
    }
    assert {s.story.id for s in retrieval.segments(data, "groepsgevoel", RetrievalFilter(role="ouder"))} == {
        "A-1"
    }
    assert retrieval.segments(data, "groepsgevoel", RetrievalFilter("veendam", "ouder")) == []
    bobs = retrieval.segments(data, "groepsgevoel", RetrievalFilter(coder="bob"))
    assert [(s.story.id, s.fragment.index, s.coders) for s in bobs] == [
        ("A-1", 0, ("bob",)),
        ("A-1", 2, ("bob",)),
    ]
    assert all(m.coder == "bob" for s in bobs for m in s.memos)  # ann's memo is not bob's
    assert retrieval.segments(data, "leren") == []
    assert data.coders == ["ann", "bob"]


def test_memo_overview_per_code_and_per_story(project: Workbench) -> None:
    data = retrieval.load(project)
    by_code = retrieval.memos_by_code(data)
    assert list(by_code) == ["groepsgevoel", "groepsgevoel.herkenning", "netwerk"]  # codebook order
    assert [m.text for m in by_code["netwerk"]] == ["steun"]
    by_story = retrieval.memos_by_story(data)
    assert list(by_story) == ["A-1", "B-1"]
    assert [m.text for m in by_story["A-1"]] == ["thuisgevoel", "=herkenning"]
    assert {m.text for m in by_story["B-1"]} == {"mooi citaat", "steun", "uncoded fragment memo"}


def test_csv_export_has_names_memos_and_neutralised_formulas(project: Workbench) -> None:
    data = retrieval.load(project)
    found = retrieval.segments(data, "groepsgevoel")
    rows = list(csv.DictReader(io.StringIO(retrieval.csv_bytes(data, found).decode("utf-8"))))
    assert [r["story_id"] for r in rows] == ["A-1", "A-1", "B-1"]
    assert rows[1]["code_name"] == "Groepsgevoel › Herkenning"
    assert rows[1]["memos"] == "bob (Groepsgevoel › Herkenning): =herkenning"
    assert rows[0]["coders"] == "ann;bob" and rows[0]["practice"].startswith("Huiskamer Beijum")
    assert rows[2]["text"] == "De moeders steunen elkaar."
    formula = [r for r in retrieval.export_rows(data, found) if r["memos"].startswith("=")]
    assert formula == []  # a memo cell starts with the coder, never with the memo's own '='


def test_load_reads_through_the_workbench_on_the_demo(demo_bench: Workbench) -> None:
    data = retrieval.load(demo_bench)
    found = retrieval.segments(data, "ontspannen")
    confirmed = {
        c.fragment_id for c in demo_bench.repo.codings() if c.code == "ontspannen" and c.status == "confirmed"
    }
    assert {s.fragment.id for s in found} == confirmed and len({s.story.practice for s in found}) > 1
