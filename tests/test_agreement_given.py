"""Only codes that occur count: a code nobody gave on the units compared is no evidence of agreement. It is
left out of the pooled row ("alle codes") on Overeenstemming; the codebook's six factors keep a row without
figures, an inductive code nobody gave has no row there nor on Vergelijken."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.apptest import open_page
from tests.conftest import make_settings
from verhalen.analysis import agreement
from verhalen.app import units
from verhalen.app.workbench import Workbench
from verhalen.domain import Story

# three fragments both coders decided; only "x" was ever given
A = {1: {"x": True}, 2: {"x": True}, 3: {"x": False}}
B = {1: {"x": True}, 2: {"x": False}, 3: {"x": True}}


def test_a_pair_counts_only_codes_someone_gave() -> None:
    rows = agreement.report_pair(A, B, ["x", "leeg"])
    assert [r.code for r in rows] == ["*", "primair", "x"]
    pooled = rows[0]
    assert pooled.n == 3 and pooled.percent == pytest.approx(1 / 3)  # not 4/6 with "leeg" as agreement
    listed = agreement.report_pair(A, B, ["x", "leeg"], always={"leeg"})
    empty = listed[-1]
    assert empty.code == "leeg" and not empty.given and empty.n == 3 and math.isnan(empty.percent)
    assert listed[0] == pooled


def test_all_coders_count_only_codes_someone_gave() -> None:
    c = {1: {"x": True}, 2: {"x": True}, 3: {"x": True}}
    rows = agreement.report_group({"a": A, "b": B, "c": c}, ["x", "leeg"], always={"leeg"})
    assert [r.code for r in rows] == ["*", "primair", "x", "leeg"]
    assert rows[0].n == 3 and rows[0].alpha == pytest.approx(rows[2].alpha)  # pooled = "x" alone
    assert not rows[-1].given and math.isnan(rows[-1].alpha)


def test_model_against_a_coder_counts_only_codes_someone_gave() -> None:
    model = {1: frozenset({"x"}), 2: frozenset(), 3: frozenset({"x"})}
    rows = agreement.report_decided(model, A, ["x", "leeg", "ook"], always={"ook"})
    assert [r.code for r in rows] == ["*", "primair", "x", "ook"]
    assert rows[0].n == 3 and rows[0].given
    assert not rows[-1].given and rows[-1].n == 0


def _two_coders(url: str, tmp_path: Path) -> Workbench:
    """Anna and Bert decide the same three fragments; only the first factor is ever given. An inductive
    code exists that nobody used."""
    wb = Workbench(make_settings(url, tmp_path))
    wb.ensure_practices()
    text = " ".join(f"Dit is zin nummer {i} over de buurt." for i in range(1, 9))
    wb.import_story(Story("S1", "beijum", "ouder", text))
    fragments = wb.repo.fragments("S1")
    first = wb.codebook().factors[0].id
    choices = [("confirmed", "confirmed"), ("confirmed", "rejected"), ("rejected", "confirmed")]
    for fragment, (anna, bert) in zip(fragments[:3], choices, strict=True):
        wb.decide(fragment.id, first, "anna", anna, refresh=False)
        wb.decide(fragment.id, first, "bert", bert, refresh=False)
    wb.add_inductive_code("leeg", "Leeg thema", "anna")
    return wb


def test_overeenstemming_leaves_out_codes_nobody_gave(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    wb = _two_coders(sqlite_url, tmp_path)
    book = wb.codebook()
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    pair = at.dataframe[0].value
    n = dict(zip(pair["code"], pair["n"], strict=True))
    assert n["alle codes (fragment × code)"] == 3  # 3 fragments × the one code given, not × 7 codes
    assert "Leeg thema" not in n  # an inductive code nobody gave: no row
    first, rest = book.factors[0], [f for f in book.factors if not f.inductive][1:]
    notes = dict(zip(pair["code"], pair["toelichting"], strict=True))
    percents = dict(zip(pair["code"], pair["% overeenstemming"], strict=True))
    assert percents["alle codes (fragment × code)"] == percents[first.label] == "33%"
    for factor in rest:  # the six factors stay listed, without a figure
        assert percents[factor.label] == "—" and notes[factor.label].startswith("niemand gaf deze code")
    captions = " ".join(str(c.value) for c in at.caption)
    assert "Codes die niemand gaf tellen niet mee" in captions
    model = at.dataframe[-1].value
    assert "Leeg thema" not in set(model["code"])


def test_vergelijken_has_no_row_for_an_inductive_code_nobody_gave(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path: Path
) -> None:
    wb = Workbench(make_settings(demo_url, tmp_path))
    wb.add_inductive_code("leeg", "Leeg thema", "lead")
    book = wb.codebook()
    six = [f.label for f in book.factors if not f.inductive]
    table = units.compare_json(wb, "practice")["table"]  # `verhalen compare --json`
    assert set(table) == {f.id for f in book.factors if not f.inductive}
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, demo_url, "vergelijken", coder="lead")
    rows = list(at.dataframe[0].value.index)
    assert "Leeg thema" not in rows and set(six) <= set(rows)
