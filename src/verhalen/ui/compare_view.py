"""Widgets of the Vergelijken page: controls, table and tests, charts, quotes behind a cell, downloads.

Computations are pure (``compare``/``analysis``) and cached per (data version, choices) with st.cache_data,
so a rerun that only changes a chart toggle recomputes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from verhalen.analysis import compare
from verhalen.app import pages
from verhalen.app import units as analysis
from verhalen.app.units import Quote, Source
from verhalen.domain import Codebook
from verhalen.ui import charts, state
from verhalen.ui.compare_codes import per_code_section
from verhalen.ui.compare_data import (
    MAX_QUOTES,
    MODES,
    N_PERMUTATIONS,
    SOURCES,
    UNITS,
    Controls,
    Result,
    co_occurrence,
    codebook,
    compute,
    data_version,
    quotes,
)
from verhalen.ui.compare_tables import (
    _XLSX,
    _num,
    display_frame,
    excel,
    export_frame,
    mark,
    stats_frame,
    stats_line,
    styled_table,
)
from verhalen.ui.i18n import lang, role_name, t
from verhalen.ui.numbers import count, number, p_value, signed
from verhalen.ui.resources import bench
from verhalen.ui.widgets import plain


def controls(book: Codebook, coders: Callable[[], list[str]]) -> Controls:
    factors = [c.id for c in book.factors]
    left, middle, right = st.columns([3, 3, 4])
    mode = left.radio(t("by"), MODES, format_func=lambda m: t(f"cmp_mode_{m}"), key="cmp_mode")
    code = ""
    if mode == "cross":
        code = left.selectbox(t("cmp_code"), factors, format_func=label_of(book), key="cmp_code")
    unit = middle.radio(
        t("unit"),
        UNITS,
        index=1,
        format_func=lambda u: t(f"cmp_unit_{u}"),
        key="cmp_unit",
        help=t("cmp_unit_help"),
    )
    source, coder, threshold = _source_controls(right, coders)
    coded_only = middle.checkbox(
        t("cmp_coded_only"),
        value=True,
        key="cmp_coded_only",
        help=t("cmp_coded_only_help"),
        disabled=source == "suggested",
    )
    return Controls(mode, unit, source, coder, threshold, str(code or ""), bool(coded_only))


def _source_controls(column: Any, coders: Callable[[], list[str]]) -> tuple[Source, str | None, float]:
    """Which decisions count: confirmed by anyone, one coder's, or also suggestions above a threshold."""
    source = column.radio(
        t("cmp_source"), SOURCES, format_func=lambda s: t(f"cmp_source_{s}"), key="cmp_source"
    )
    coder, threshold = None, 0.5
    if source == "coder":
        names = coders()
        coder = column.selectbox(t("coder"), names, key="cmp_coder") if names else None
        if not names:
            column.caption(t("cmp_no_coders"))
    elif source == "suggested":
        threshold = column.slider(
            t("cmp_threshold"), 0.05, 0.95, 0.5, 0.05, key="cmp_threshold", format="percent"
        )
    return source, coder, float(threshold)


def label_of(book: Codebook) -> Callable[[str], str]:
    names = {c.id: c.label for c in book.codes}
    return lambda code: names.get(code, code)


def words(c: Controls, codes: tuple[str, ...], name: Callable[[str], str]) -> dict[str, str]:
    """The translated words the cached computation needs, the codes' names among them (``code:<id>``)."""
    named = {f"code:{code}": name(code) for code in codes}
    return {"lang": lang(), "by": t(f"cmp_by_{c.mode}"), "without": t("cmp_without", code=c.code), **named}


# -- the table ---------------------------------------------------------------------------------------------
def downloads(stem: str, sheets: dict[str, pd.DataFrame] | None = None, chart: Any | None = None) -> None:
    """CSV (first sheet) and Excel (all sheets) of a table, PNG and SVG of a chart; built on click."""
    buttons: list[tuple[str, Callable[[], Any], str, str]] = []
    if sheets:
        first = next(iter(sheets.values()))
        buttons += [
            (t("cmp_csv"), partial(first.to_csv, index=False), "csv", "text/csv"),
            (t("cmp_xlsx"), partial(excel, sheets), "xlsx", _XLSX),
        ]
    if chart is not None:
        buttons += [
            (t("cmp_png"), partial(charts.to_png, chart), "png", "image/png"),
            (t("cmp_svg"), partial(charts.to_svg, chart), "svg", "image/svg+xml"),
        ]
    for column, (label, data, ext, mime) in zip(st.columns(4), buttons, strict=False):
        column.download_button(
            label,
            data,
            f"{stem}.{ext}",
            mime,
            on_click="ignore",
            key=f"{stem}_{ext}",
            icon=":material/download:",
        )


# -- quotes behind a cell ------------------------------------------------------------------------------------
def chart_pick(event: Any, chart_key: str) -> None:
    """Copy a new click in chart ``chart_key`` into the fallback selectboxes (state.DRILL: last clicks)."""
    picked = (getattr(event, "selection", None) or {}).get(charts.CELL) or []
    seen = dict(state.get(state.DRILL) or {})
    pick = (str(picked[0].get("row_id")), str(picked[0].get("group"))) if picked else None
    if pick is not None and seen.get(chart_key) != pick:
        st.session_state["cmp_pick_row"], st.session_state["cmp_pick_group"] = pick
    seen[chart_key] = pick
    state.put(state.DRILL, seen)


def _belongs(q: Quote, c: Controls, row: str, group: str) -> bool:
    if c.mode == "cross":
        return c.code in q.codes and q.practice == row and q.role == group
    return row in q.codes and (q.practice if c.mode == "practice" else q.role) == group


def quotes_behind(found: Sequence[Quote], c: Controls, result: Result, name: Callable[[str], str]) -> None:
    for key, options in (("cmp_pick_row", result.rows), ("cmp_pick_group", result.groups)):
        if st.session_state.get(key) not in options:
            st.session_state[key] = None
    left, right = st.columns(2)
    row_label = t("practice") if c.mode == "cross" else t("cmp_code")
    row = left.selectbox(
        row_label, result.rows, index=None, format_func=name, key="cmp_pick_row", placeholder=t("cmp_choose")
    )
    group = right.selectbox(
        t("role") if c.mode == "cross" else t("cmp_group"),
        result.groups,
        index=None,
        key="cmp_pick_group",
        placeholder=t("cmp_choose"),
    )
    if row is None or group is None:
        st.caption(t("cmp_quotes_help"))
        return
    shown = [q for q in found if _belongs(q, c, row, group)]
    code = c.code if c.mode == "cross" else row
    where = f"{row} · {group}" if c.mode == "cross" else group
    st.caption(plain(t("cmp_quotes_n", n=number(len(shown)), code=name(code), group=where)))
    for q in shown[:MAX_QUOTES]:
        with st.container(border=True):
            st.caption(plain(f"{q.story_id} · {q.practice} · {role_name(q.role)}"))
            st.markdown(plain(q.text))
    if len(shown) > MAX_QUOTES:
        st.caption(t("cmp_quotes_more", m=MAX_QUOTES))


# -- charts ----------------------------------------------------------------------------------------------
def _chart_label(row: pd.Series, value: str) -> str:
    if value == "rate":
        return _num(row["rate"], 1)
    if value == "residual":
        return "" if math.isnan(row["residual"]) else signed(row["residual"], 1)
    sign = mark(row)
    return "–" if math.isnan(row["percent"]) else f"{_num(row['percent'])}%{' ' + sign if sign else ''}"


def chart_frame(result: Result, name: Callable[[str], str], value: str) -> pd.DataFrame:
    cells = result.cells
    frame = cells.assign(row=cells["row_id"].map(name), label=cells.apply(_chart_label, axis=1, value=value))
    return frame.round({"percent": 1, "ci_low": 1, "ci_high": 1, "residual": 2, "expected": 2, "rate": 2})


def _tips(c: Controls) -> dict[str, str]:
    first = t("practice") if c.mode == "cross" else t("cmp_code")
    second = t("role") if c.mode == "cross" else t("cmp_col_group")
    values = (
        ["rate"] if c.unit == "per1000" else ["count", "total", "percent", "ci_low", "ci_high", "residual"]
    )
    return {"row": first, "group": second, **{v: t(f"cmp_col_{v}") for v in values}}


def chart_title(c: Controls, name: Callable[[str], str]) -> str:
    title = t("cmp_title_cross", code=name(c.code)) if c.mode == "cross" else t(f"cmp_title_{c.mode}")
    return f"{title} — {t(f'cmp_unit_{c.unit}')}"


def heatmap_tab(result: Result, c: Controls, name: Callable[[str], str]) -> None:
    value = "rate"
    if c.unit != "per1000":
        value = st.radio(
            t("cmp_heat_value"),
            ("percent", "residual"),
            horizontal=True,
            key="cmp_heat",
            format_func=lambda v: t(f"cmp_heat_{v}"),
        )
    legend = t("cmp_axis_rate") if value == "rate" else t(f"cmp_heat_{value}")
    chart = charts.table_heatmap(
        chart_frame(result, name, value),
        value,
        title=chart_title(c, name),
        value_title=legend,
        groups=result.groups,
        rows=[name(r) for r in result.rows],
        tooltip=_tips(c),
    )
    event = st.altair_chart(chart, on_select="rerun", key="cmp_heat_chart")
    chart_pick(event, "heat")
    downloads(f"vergelijken-heatmap-{c.mode}-{c.unit}", chart=chart)


def bars_tab(result: Result, c: Controls, name: Callable[[str], str]) -> None:
    frame = chart_frame(result, name, "rate" if c.unit == "per1000" else "percent")
    options: dict[str, Any] = {
        "title": chart_title(c, name),
        "groups": result.groups,
        "rows": [name(r) for r in result.rows],
        "tooltip": _tips(c),
    }
    if c.unit == "per1000":
        chart = charts.rate_bars(frame, y_title=t("cmp_axis_rate"), **options)
    else:
        chart = charts.grouped_bars(frame, y_title=t("cmp_axis_percent"), **options)
    event = st.altair_chart(chart, on_select="rerun", key="cmp_bars_chart")
    chart_pick(event, "bars")
    downloads(f"vergelijken-staven-{c.mode}-{c.unit}", chart=chart)


def co_occurrence_tab(
    version: tuple[str, int], c: Controls, codes: tuple[str, ...], name: Callable[[str], str]
) -> None:
    level = st.radio(
        t("cmp_level"),
        ("fragment", "story"),
        horizontal=True,
        key="cmp_level",
        format_func=lambda v: t(f"cmp_level_{v}"),
    )
    frame = co_occurrence(version, c.selection, c.coded_only, codes, level)
    frame = frame.assign(row=frame["row_id"].map(name), col=frame["col_id"].map(name)).round({"share": 1})
    st.caption(t("cmp_cooc_help"))
    labels = [name(code) for code in codes]
    tips = {"row": t("cmp_code"), "col": t("cmp_code"), "count": t("cmp_col_count"), "share": t("cmp_share")}
    chart = charts.co_occurrence_heatmap(
        frame,
        title=f"{t('cmp_cooc_title')} — {t(f'cmp_level_{level}')}",
        value_title=t("cmp_share"),
        codes=labels,
        tooltip=tips,
    )
    st.altair_chart(chart, key="cmp_cooc_chart")
    table = frame.pivot(index="row", columns="col", values="count").reindex(index=labels, columns=labels)
    sheet = table.reset_index(names=t("cmp_code"))
    downloads(f"vergelijken-samen-{level}", {"samen": sheet}, chart)


# -- the page ----------------------------------------------------------------------------------------------
def story_level_tests(version: tuple[str, int], c: Controls, codes: tuple[str, ...]) -> None:
    """At story level a story with several codes counts in several rows, so the χ² on this table is no
    valid test: the overall test is the permutation test over whole stories, the claims per code follow."""
    p = overall_permutation(version, c, codes)
    if not math.isnan(p):
        st.markdown(t("cmp_story_overall", n=_num(N_PERMUTATIONS), p=p_value(p)))
    st.info(t("cmp_story_chi_note"))


@st.cache_data(show_spinner=False, max_entries=16)
def overall_permutation(version: tuple[str, int], c: Controls, codes: tuple[str, ...]) -> float:
    by: analysis.By = "role" if c.mode == "role" else "practice"
    units = analysis.units(quotes(version, c.selection, c.coded_only), by)
    return compare.permutation_test(units, by, codes, N_PERMUTATIONS, unit="story")


def table_section(
    version: tuple[str, int], result: Result, c: Controls, codes: tuple[str, ...], name: Callable[[str], str]
) -> None:
    st.subheader(plain(chart_title(c, name)))
    st.caption(t("cmp_rate_help" if c.unit == "per1000" else "cmp_table_help"))
    widest = max((len(name(r)) for r in result.rows), default=10)
    index = st.column_config.Column(width=min(320, 8 * widest + 24), pinned=True)
    st.dataframe(styled_table(result, name), key="cmp_table", column_config={"_index": index})
    if c.unit != "per1000":
        st.caption(t("cmp_marker_help"))
    if c.unit == "story" and c.mode != "cross":
        story_level_tests(version, c, codes)
    else:
        line = stats_line(result)
        if line:
            st.markdown(line)
        st.info(t("cmp_no_test_rate") if c.unit == "per1000" else plain(result.sentence))
    if result.chi is not None:
        with st.expander(t("cmp_expected")):
            cells = export_frame(result, name)
            st.dataframe(display_frame(cells), hide_index=True)
    sheets = {"tabel": export_frame(result, name), "toets": stats_frame(result, c)}
    downloads(f"vergelijken-{c.mode}-{c.unit}", sheets)


def page() -> None:
    version = data_version()
    book = codebook(version)
    name = label_of(book)
    c = controls(book, lambda: pages.coders(bench()))
    found = quotes(version, c.selection, c.coded_only)
    codes = analysis.compared_codes(book, found)  # an inductive code nobody gave here is no row
    coded = sum(1 for q in found if q.codes)
    stories = count(len({q.story_id for q in found}), "story")
    st.caption(
        t("cmp_scope_counted", stories=stories, fragments=count(len(found), "fragment"), coded=number(coded))
    )
    if not coded or (c.mode == "cross" and not c.code):
        st.info(t("cmp_empty"))
        return
    result = compute(version, c, codes, words(c, codes, name))
    table_section(version, result, c, codes, name)
    per_code_section(version, c, codes, name)
    heat, bars, together = st.tabs([t("cmp_tab_heatmap"), t("cmp_tab_bars"), t("cmp_tab_cooc")])
    with heat:
        heatmap_tab(result, c, name)
    with bars:
        bars_tab(result, c, name)
    with together:
        co_occurrence_tab(version, c, codes, name)
    st.subheader(t("cmp_quotes"))
    quotes_behind(found, c, result, name)
