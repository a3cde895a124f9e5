"""AppTest of Vergelijken's per-code section: one exact test per code at story level, Holm-corrected."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.apptest import open_page
from verhalen.analysis.presence import presence_tests
from verhalen.app import units as analysis
from verhalen.app.workbench import PRACTICES


def _per_code(at) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    frame = next(d.value for d in at.dataframe if "p (Holm)" in d.value.columns)
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_one_exact_test_per_code_with_holm_and_v(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    assert any("tussen praktijken" in h.value for h in at.subheader)
    table = _per_code(at)
    assert set(p.name for p in PRACTICES) <= set(table.columns)
    assert "Netwerk" in set(table["Code"])
    row = table[table["Code"] == "Netwerk"].iloc[0]
    assert re.fullmatch(r"\d+/\d+", row[PRACTICES[0].name])
    assert re.fullmatch(r"(< )?0,\d{3}|1,000", row["p (Holm)"]), row["p (Holm)"]
    assert re.fullmatch(r"0,\d\d \[0,\d\d–[01],\d\d\]", row["Cramérs V [95%-BI]"]), row["Cramérs V [95%-BI]"]
    summary = " ".join(m.value for m in at.markdown)
    assert "Holm" in summary and ("Verschilt na Holm-correctie" in summary or "Geen enkele code" in summary)
    at.radio(key="cmp_unit").set_value("fragment").run()
    assert not any("p (Holm)" in d.value.columns for d in at.dataframe)  # story level only


def test_the_page_agrees_with_the_pure_function(monkeypatch: pytest.MonkeyPatch, demo_bench) -> None:  # type: ignore[no-untyped-def]
    found = analysis.coded_fragments(demo_bench, analysis.Selection("confirmed", None, 0.5))
    decided = {c.fragment_id for c in demo_bench.repo.codings()}
    stories = {q.story_id for q in found if q.fragment_id in decided}
    units = analysis.units([q for q in found if q.story_id in stories], "role")
    codes = [c.id for c in demo_bench.codebook().factors]
    tests = presence_tests(units, "role", codes)
    at = open_page(monkeypatch, demo_bench.settings.database_url, "vergelijken")
    at.radio(key="cmp_mode").set_value("role").run()
    table = _per_code(at)
    names = {c.id: c.label for c in demo_bench.codebook().factors}
    for test in tests:
        row = table[table["Code"] == names[test.code]].iloc[0]
        assert [row[g] for g in test.groups] == [
            f"{k}/{n}" for k, n in zip(test.present, test.totals, strict=True)
        ]
        assert (row["verschilt"] == "ja") == test.significant
