"""AppTest of the Vergelijken page, and the chart builders' PNG/SVG export."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page
from verhalen.app.workbench import PRACTICES
from verhalen.domain import ROLES
from verhalen.ui import charts

PRACTICE_NAMES = {p.name for p in PRACTICES}
VEENDAM = next(p.name for p in PRACTICES if p.id == "veendam")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _table(at: AppTest) -> pd.DataFrame:
    frame = at.dataframe[0].value
    assert isinstance(frame, pd.DataFrame)
    return frame


def _quote_meta(at: AppTest) -> list[list[str]]:
    """Story id, practice and role of every quote shown under the chosen cell."""
    metas = [_unescape(c.value).split(" · ") for c in at.caption]
    return [m for m in metas if len(m) == 3 and m[2] in ROLES]


def _int(text: str) -> int:
    return int(text.replace(".", "").replace(",", ""))  # 1.318 (nl) or 1,318 (en)


def _assert_marks_follow_shares(table: pd.DataFrame) -> None:
    """Every ▲ sits on a share above the share of all groups together, every ▼ below it."""
    for _, row in table.iterrows():
        cells = [re.match(r"([\d.,]+)/([\d.,]+)", str(v)) for v in row]
        counts = [(_int(m[1]), _int(m[2])) for m in cells if m]
        pooled = sum(k for k, _ in counts) / sum(n for _, n in counts)
        for value, m in zip(row, cells, strict=True):
            if m and str(value).endswith(("▲", "▼")):
                share = _int(m[1]) / _int(m[2])
                assert share > pooled if str(value).endswith("▲") else share < pooled, (row.name, value)


def test_table_of_practices_with_test_and_sentence(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    assert at.title[0].value == "Vergelijken"
    table = _table(at)
    assert set(table.columns) == PRACTICE_NAMES
    assert "Netwerk" in table.index
    cell = table.loc["Netwerk", VEENDAM]
    assert re.match(r"\d+/\d+ · \d+% \[\d+–\d+\]", cell), cell  # 11%, as ui/numbers.percent writes it
    assert at.radio(key="cmp_unit").value == "story"  # stories are the default unit
    # at story level a story counts in several rows: no χ² on the table, the permutation test over stories
    assert not any("χ²(" in m.value for m in at.markdown)
    assert any("permutatietoets (2.000 herschikkingen van hele verhalen), p " in m.value for m in at.markdown)
    assert any("niet geldig" in i.value for i in at.info)
    assert any(c.value.startswith("▲ / ▼: het percentage ligt significant boven") for c in at.caption)
    _assert_marks_follow_shares(_table(at))
    at.radio(key="cmp_unit").set_value("fragment").run()
    assert any("statistisch significant" in i.value for i in at.info)
    # fragments of one story hang together: the verdict is the permutation test over whole stories
    assert any(
        "volgens de permutatietoets over verhalen" in i.value and "hele verhalen" in i.value for i in at.info
    )
    assert any("χ²(" in m.value for m in at.markdown)
    _assert_marks_follow_shares(_table(at))
    assert any("▲" in str(v) or "▼" in str(v) for v in _table(at).to_numpy().ravel())  # some cell stands out


def test_switching_unit_and_grouping(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    at.radio(key="cmp_unit").set_value("fragment").run()
    assert not at.exception
    fragments = _table(at).loc["Netwerk", VEENDAM]
    at.radio(key="cmp_mode").set_value("role").run()
    assert not at.exception
    assert list(_table(at).columns) == list(ROLES)
    at.radio(key="cmp_unit").set_value("per1000").run()
    assert not at.exception
    assert any("1.000 woorden" in i.value for i in at.info)
    at.radio(key="cmp_mode").set_value("practice").run()
    at.radio(key="cmp_unit").set_value("fragment").run()
    assert _table(at).loc["Netwerk", VEENDAM] == fragments


def test_practice_by_role_for_one_code(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    at.radio(key="cmp_mode").set_value("cross").run()
    at.selectbox(key="cmp_code").set_value("netwerk").run()
    assert not at.exception
    table = _table(at)
    assert set(table.index) == PRACTICE_NAMES
    assert list(table.columns) == list(ROLES)
    assert any("groepen (praktijk × rol)" in _unescape(i.value) for i in at.info)
    assert any("Permutatietoets" in m.value for m in at.markdown)  # 4 stories per cell: small expected


def test_fallback_pickers_show_quotes_of_that_group_only(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    assert _quote_meta(at) == []
    stories_with_code = int(_table(at).loc["Netwerk", VEENDAM].split("/")[0])
    at.selectbox(key="cmp_pick_row").set_value("netwerk")
    at.selectbox(key="cmp_pick_group").set_value(VEENDAM).run()
    assert not at.exception
    metas = _quote_meta(at)
    assert metas, "no quotes shown"
    assert {practice for _, practice, _ in metas} == {VEENDAM}
    assert len({story for story, _, _ in metas}) == stories_with_code
    quotes = [m for m in at.markdown if m.value and not m.value.startswith("χ²")]
    assert quotes and not any(m.proto.allow_html for m in quotes)


def test_other_decision_sources_and_english(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    at.radio(key="cmp_source").set_value("coder").run()
    assert at.selectbox(key="cmp_coder").value == "onderzoeker-a"
    at.radio(key="cmp_source").set_value("suggested").run()
    at.slider(key="cmp_threshold").set_value(0.3).run()
    assert not at.exception
    assert "36 verhalen" in " ".join(c.value for c in at.caption)
    at.radio(key="cmp_unit").set_value("fragment").run()
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Compare"
    assert any("statistically significant" in i.value for i in at.info)
    assert any(c.value.startswith("▲ / ▼: the percentage is significantly above") for c in at.caption)
    _assert_marks_follow_shares(_table(at))


def test_roles_are_named_in_the_pages_language(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    at.radio(key="cmp_mode").set_value("role").run()
    assert {"ouder", "vrijwilliger", "professional"} <= set(_table(at).columns)
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert {"parent", "volunteer", "professional"} <= set(_table(at).columns)  # stored Dutch, shown English


def test_empty_project_says_there_is_nothing_to_compare(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    at = open_page(monkeypatch, sqlite_url, "vergelijken")
    assert any("Nog niets te vergelijken" in i.value for i in at.info)
    assert not at.dataframe


def _cells() -> pd.DataFrame:
    rows = [
        {
            "row_id": code,
            "row": code.title(),
            "group": group,
            "percent": p,
            "ci_low": p / 2,
            "ci_high": min(100.0, p * 1.5),
            "residual": (p - 40) / 10,
            "rate": p / 10,
            "label": f"{p:.0f} %",
        }
        for code, shift in (("netwerk", 10.0), ("leren", 30.0))
        for group, p in (("ouder", 20.0 + shift), ("vrijwilliger", 40.0), ("professional", 70.0 - shift))
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    "build",
    [
        lambda f: charts.table_heatmap(f, "percent", title="t", groups=list(ROLES)),
        lambda f: charts.table_heatmap(f, "residual", title="t", tooltip={"row": "code"}),
        lambda f: charts.grouped_bars(f, title="t", rows=["Netwerk", "Leren"]),
        lambda f: charts.rate_bars(f, title="t"),
    ],
)
def test_chart_builders_export_png_and_svg(build: object) -> None:
    chart = build(_cells())  # type: ignore[operator]
    assert charts.CELL in chart.to_json()
    assert charts.to_png(chart).startswith(b"\x89PNG")
    assert charts.to_svg(chart).lstrip().startswith("<svg")


def test_co_occurrence_chart_exports() -> None:
    frame = pd.DataFrame(
        [
            {"row": a, "col": b, "count": 2.0, "share": 50.0}
            for a in ("Netwerk", "Leren")
            for b in ("Netwerk", "Leren")
        ]
    )
    chart = charts.co_occurrence_heatmap(frame, title="samen", codes=["Netwerk", "Leren"])
    assert charts.to_png(chart).startswith(b"\x89PNG")
    assert "<svg" in charts.to_svg(chart)
