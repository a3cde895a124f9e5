"""The code manager on SQLite and PostgreSQL: rename, recolour, move and merge, decisions follow, events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import make_settings
from verhalen.app import codes
from verhalen.app.retrieval import code_name
from verhalen.app.workbench import Workbench
from verhalen.domain import Coding, Practice, Story, ValidationError

TEXT = (
    "Op woensdag drinken we koffie met de andere moeders. "
    "Daar hoorde ik dat mijn buurvrouw ook twijfelt over de opvoeding. "
    "Sinds kort neem ik op vrijdag een uur voor mezelf. "
    "De begeleider gaf me een tip over het slapengaan."
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def wb(request: pytest.FixtureRequest, tmp_path: Path) -> Workbench:
    url = str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
    bench = Workbench(make_settings(url, tmp_path))
    bench.ensure_practices([Practice("p1", "Praktijk Een")])
    bench.import_story(Story("V-01", "p1", "ouder", TEXT), coder="a")
    return bench


def _fragments(wb: Workbench) -> list[int]:
    return [f.id for f in wb.repo.fragments("V-01", codable_only=True)]


def _codings(wb: Workbench) -> dict[tuple[int, str, str], tuple[str, str]]:
    return {(c.fragment_id, c.code, c.coder): (c.status, c.memo) for c in wb.repo.codings()}


def test_rename_recolour_and_move_an_inductive_code(wb: Workbench) -> None:
    wb.add_inductive_code("tijd-voor-mezelf", "Tijd voor mezelf", "a")
    first = _fragments(wb)[2]
    wb.repo.decide(Coding(first, "tijd-voor-mezelf", "a", "confirmed"))

    assert codes.rename(wb, "tijd-voor-mezelf", "  Even   tijd voor mezelf ", "a", refresh=False)
    assert not codes.rename(wb, "tijd-voor-mezelf", "Even tijd voor mezelf", "a", refresh=False)  # same
    assert codes.recolour(wb, "tijd-voor-mezelf", "#AA3377", "a", refresh=False)
    assert codes.move(wb, "tijd-voor-mezelf", "ontspannen", "a", refresh=False)
    book = wb.codebook()
    code = book.get("tijd-voor-mezelf")
    assert (code.name, code.colour, code.parent) == ("Even tijd voor mezelf", "#aa3377", "ontspannen")
    assert code_name(book, "tijd-voor-mezelf") == "Ontspannen › Even tijd voor mezelf"
    assert _codings(wb)[(first, "tijd-voor-mezelf", "a")] == ("confirmed", "")  # the id and decision stay
    kinds = [e.kind for e in wb.repo.events(20)]
    assert kinds[:3] == ["move_code", "recolour_code", "rename_code"]
    moved = json.loads(wb.repo.events(1)[0].payload)
    assert (moved["before"], moved["after"]) == (None, "ontspannen")
    assert codes.move(wb, "tijd-voor-mezelf", None, "a", refresh=False)
    assert wb.codebook().get("tijd-voor-mezelf").parent is None


def test_the_handreiking_codes_keep_name_and_place_but_take_a_colour(wb: Workbench) -> None:
    with pytest.raises(ValidationError, match="handreiking: alleen de kleur"):
        codes.rename(wb, "groepsgevoel", "Samen", "a", refresh=False)
    with pytest.raises(ValidationError, match="handreiking"):
        codes.move(wb, "groepsgevoel.herkenning", "netwerk", "a", refresh=False)
    with pytest.raises(ValidationError, match="handreiking"):
        codes.merge(wb, "groepsgevoel.herkenning", "groepsgevoel", "a", refresh=False)
    assert codes.recolour(wb, "groepsgevoel", "#123456", "a", refresh=False)
    assert wb.codebook().get("groepsgevoel").colour == "#123456"
    with pytest.raises(ValidationError, match="geen #rrggbb"):
        codes.recolour(wb, "groepsgevoel", "rood", "a", refresh=False)


def test_two_levels_and_unique_names(wb: Workbench) -> None:
    wb.add_inductive_code("koffie", "Koffie", "a")
    wb.add_inductive_code("koffie.woensdag", "Woensdag", "a", parent="koffie")
    with pytest.raises(ValidationError, match="blijft daarom een hoofdcode"):
        codes.move(wb, "koffie", "groepsgevoel", "a", refresh=False)
    with pytest.raises(ValidationError, match="twee niveaus"):
        codes.move(wb, "koffie.woensdag", "groepsgevoel.herkenning", "a", refresh=False)
    with pytest.raises(ValidationError, match="al een code"):
        codes.rename(wb, "koffie", "groepsgevoel", "a", refresh=False)  # label of a factor at the top level
    assert codes.parent_options(wb.codebook(), "koffie") == [None]
    assert "koffie.woensdag" not in codes.merge_targets(wb.codebook(), "koffie")
    assert "groepsgevoel.herkenning" not in codes.merge_targets(wb.codebook(), "koffie")


def test_merge_moves_decisions_and_a_coder_with_both_keeps_one(wb: Workbench) -> None:
    wb.add_inductive_code("lotgenoten", "Lotgenoten", "a")
    wb.add_inductive_code("lotgenoten.twijfel", "Twijfel delen", "a", parent="lotgenoten")
    f0, f1, f2, _ = _fragments(wb)
    wb.repo.decide_many(
        [
            Coding(f0, "lotgenoten", "a", "confirmed", memo="koffie als start"),
            Coding(f1, "lotgenoten", "a", "confirmed", memo="herkenning bij de buurvrouw"),
            Coding(f1, "groepsgevoel.herkenning", "a", "rejected", memo="eerder getwijfeld"),
            Coding(f1, "lotgenoten", "b", "rejected"),
            Coding(f1, "groepsgevoel.herkenning", "b", "rejected"),
            Coding(f2, "groepsgevoel.herkenning", "b", "confirmed"),
        ]
    )
    wb.repo.resolve(f1, "lotgenoten", "confirmed", "lead")
    before_events = len(wb.repo.events(1000))

    # a code with sub-codes goes only into a top-level code
    with pytest.raises(ValidationError, match="kan niet worden samengevoegd"):
        codes.merge(wb, "lotgenoten", "groepsgevoel.herkenning", "a", refresh=False)
    result = codes.merge(wb, "lotgenoten", "groepsgevoel", "a", refresh=False)
    assert (result.moved, result.combined, result.resolutions, result.subcodes) == (3, 0, 1, 1)

    book = wb.codebook()
    assert "lotgenoten" not in {c.id for c in book.codes}
    assert book.get("lotgenoten.twijfel").parent == "groepsgevoel"  # the sub-code moved along
    got = _codings(wb)
    assert not any(code == "lotgenoten" for _, code, _ in got)
    assert got[(f0, "groepsgevoel", "a")] == ("confirmed", "koffie als start")
    assert got[(f1, "groepsgevoel", "b")] == ("rejected", "")
    assert wb.repo.resolutions()[(f1, "groepsgevoel")] == "confirmed"
    events = wb.repo.events(1000)
    assert len(events) - before_events == 4  # three decisions moved, one merge
    assert events[0].kind == "merge_code" and json.loads(events[0].payload)["source"] == "lotgenoten"

    # a coder who had both keeps one: confirmed wins, the memos are kept together
    wb.add_inductive_code("buurvrouw", "Buurvrouw", "a")
    wb.repo.decide_many(
        [
            Coding(f1, "buurvrouw", "a", "confirmed", memo="buurvrouw twijfelt ook"),
            Coding(f2, "buurvrouw", "b", "rejected"),
        ]
    )
    result = codes.merge(wb, "buurvrouw", "groepsgevoel.herkenning", "a", refresh=False)
    assert (result.moved, result.combined) == (0, 2)
    got = _codings(wb)
    assert got[(f1, "groepsgevoel.herkenning", "a")] == (
        "confirmed",
        "eerder getwijfeld\nbuurvrouw twijfelt ook",
    )
    assert got[(f2, "groepsgevoel.herkenning", "b")] == ("confirmed", "")  # confirmed on the target stays
    assert not any(code == "buurvrouw" for _, code, _ in got)
    merged = [e for e in wb.repo.events(10) if e.kind == "merge_coding"]
    payload = json.loads(merged[0].payload)
    assert payload["from"] == "buurvrouw" and payload["before"]["target"] is not None


def test_merge_of_a_code_that_is_gone_changes_nothing(wb: Workbench) -> None:
    wb.add_inductive_code("eenmalig", "Eenmalig", "a")
    codes.merge(wb, "eenmalig", "leren", "a", refresh=False)
    with pytest.raises(ValidationError, match="bestaat niet"):
        codes.merge(wb, "eenmalig", "leren", "a", refresh=False)
    with pytest.raises(ValidationError, match="bestaat niet"):
        wb.repo.merge_code(wb.codebook().version, "eenmalig", "leren", "a")


def test_a_merge_refits_the_suggester(wb: Workbench) -> None:
    wb.add_inductive_code("eigen-tijd", "Eigen tijd", "a")
    f2 = _fragments(wb)[2]
    wb.repo.decide(Coding(f2, "eigen-tijd", "a", "confirmed"))
    wb.reset_cache()  # add_inductive_code leaves the fitted engine as it was
    wb.refresh_after_decision()
    assert "eigen-tijd" in wb.engine().codes
    codes.merge(wb, "eigen-tijd", "ontspannen", "a", refresh=True)
    assert "eigen-tijd" not in wb.engine().codes
    assert not any(s.code == "eigen-tijd" for ss in wb.repo.suggestions("V-01").values() for s in ss)
