"""Altair chart builders for the Vergelijken page: pure (a DataFrame in, a chart out) plus PNG/SVG export.

The frames are long: one row per code × group cell. Expected columns:

- table charts: ``row_id``, ``row`` (label: a code, or a practice in practice × role mode), ``group``,
  ``percent``, ``ci_low``, ``ci_high`` (percent), ``residual`` (may be NaN), ``label`` (text in the cell),
  and the tooltip columns, given as ``{column: title}``;
- co-occurrence: ``row``, ``col``, ``count``, ``share`` (% of units with ``col`` that also carry ``row``).

Selections are named :data:`CELL`; ``st.altair_chart(..., on_select="rerun")`` reports the clicked
``row_id`` and ``group``.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import altair as alt
import pandas as pd
import vl_convert

Chart = alt.Chart | alt.LayerChart | alt.FacetChart
CELL = "cel"
WRAP = 18  # characters per line of an axis label
LINE_HEIGHT = 15
CHAR_WIDTH = 7.0
RESIDUAL_DOMAIN = (-4.0, 4.0)
_FONT = "sans-serif"
_CELL_FIELDS = ["row_id", "group"]


def _select() -> alt.Parameter:
    return alt.selection_point(name=CELL, fields=_CELL_FIELDS, on="click", clear="dblclick")


def _finish(chart: Chart, title: str) -> Chart:
    finished: Chart = (
        chart.properties(title=title)
        .configure(font=_FONT, background="white")
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=260)
        .configure_title(fontSize=14, anchor="start")
        .configure_view(strokeWidth=0)
    )
    return finished


def _lines(labels: Sequence[str], width: int) -> dict[str, list[str]]:
    return {
        label: textwrap.wrap(label, width, break_long_words=False) for label in labels if len(label) > width
    }


def _wrap(labels: Sequence[str], width: int = WRAP) -> str:
    """A Vega label expression that breaks long labels (e.g. practice names) over lines."""
    long = _lines(labels, width)
    if not long:
        return "datum.label"
    return f"({json.dumps(long, ensure_ascii=False)})[datum.label] || datum.label"


def _line_count(labels: Sequence[str]) -> int:
    return max((len(v) for v in _lines(labels, WRAP).values()), default=1)


def _labels(frame: pd.DataFrame, column: str) -> list[str]:
    return [str(v) for v in frame[column].unique()] if column in frame else []


def _group_axis(
    frame: pd.DataFrame, column: str = "group", orient: Literal["top", "bottom"] = "bottom"
) -> alt.Axis:
    """Horizontal, wrapped labels; on a top axis extra padding keeps the lines above the plot."""
    labels = _labels(frame, column)
    extra = _line_count(labels) - 1
    padding = 4 + (LINE_HEIGHT * extra if orient == "top" else 0)
    return alt.Axis(
        labelAngle=0, orient=orient, labelExpr=_wrap(labels), labelOverlap=False, labelPadding=padding
    )


def band(frame: pd.DataFrame, column: str = "row", per: str = "group") -> int:
    """Width of one bar so that the wrapped ``column`` labels fit under their group of bars."""
    longest = max((min(len(v), WRAP) for v in _labels(frame, column)), default=0)
    return max(22, -(-int(longest * CHAR_WIDTH + 12) // max(1, len(_labels(frame, per)))))


def _tooltip(columns: Mapping[str, str]) -> list[alt.Tooltip]:
    return [alt.Tooltip(field, title=title) for field, title in columns.items()]


def _ink(frame: pd.DataFrame, value: str, diverging: bool) -> Any:
    """White text on dark cells, black elsewhere."""
    if diverging:
        dark = f"abs(datum.{value}) > 2.6"
    else:
        top = float(frame[value].max()) if len(frame) else 0.0
        dark = f"datum.{value} > {0.6 * top if top > 0 else 1e9}"
    return alt.condition(dark, alt.value("white"), alt.value("black"))


def table_heatmap(
    frame: pd.DataFrame,
    value: str,
    *,
    title: str = "",
    value_title: str = "",
    groups: Sequence[str] = (),
    rows: Sequence[str] = (),
    tooltip: Mapping[str, str] | None = None,
) -> Chart:
    """Code × group heatmap of ``value`` ("percent" or "residual"); residuals use a diverging scale."""
    diverging = value == "residual"
    scale = (
        alt.Scale(scheme="redblue", domain=list(RESIDUAL_DOMAIN), reverse=True, clamp=True)
        if diverging
        else alt.Scale(scheme="blues", domainMin=0)
    )
    select = _select()
    base = alt.Chart(frame).encode(
        x=alt.X("group:N", title=None, sort=list(groups) or None, axis=_group_axis(frame, orient="top")),
        y=alt.Y(
            "row:N",
            title=None,
            sort=list(rows) or None,
            axis=alt.Axis(labelExpr=_wrap(_labels(frame, "row")), labelOverlap=False),
        ),
    )
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", scale=scale, title=value_title),
        opacity=alt.condition(select, alt.value(1.0), alt.value(0.45)),
        tooltip=_tooltip(tooltip or {}),
    )
    text = base.mark_text(fontSize=12).encode(text="label:N", color=_ink(frame, value, diverging))
    height = max(34, LINE_HEIGHT * _line_count(_labels(frame, "row")) + 8)
    layered = alt.layer(rect.add_params(select), text).properties(
        width=alt.Step(150), height=alt.Step(height)
    )
    return _finish(layered, title)


def _bars(
    frame: pd.DataFrame,
    value: str,
    intervals: bool,
    *,
    title: str,
    y_title: str,
    groups: Sequence[str],
    rows: Sequence[str],
    tooltip: Mapping[str, str] | None,
) -> Chart:
    """Bars of ``value`` per row, one bar per group side by side; optional interval error bars."""
    select = _select()
    group_sort = list(groups) or None
    base = alt.Chart(frame).encode(
        x=alt.X("row:N", title=None, sort=list(rows) or None, axis=_group_axis(frame, "row")),
        xOffset=alt.XOffset("group:N", sort=group_sort),
    )
    bars = base.mark_bar().encode(
        y=alt.Y(f"{value}:Q", title=y_title),
        color=alt.Color(
            "group:N",
            sort=group_sort,
            title=None,
            legend=alt.Legend(orient="bottom", labelLimit=0),
        ),
        opacity=alt.condition(select, alt.value(1.0), alt.value(0.45)),
        tooltip=_tooltip(tooltip or {}),
    )
    layers = [bars.add_params(select)]
    if intervals:
        layers.append(base.mark_rule(color="#333333").encode(y="ci_low:Q", y2="ci_high:Q"))
    layered = alt.layer(*layers).properties(height=320, width=alt.Step(band(frame)))
    return _finish(layered, title)


def grouped_bars(
    frame: pd.DataFrame,
    *,
    title: str = "",
    y_title: str = "%",
    groups: Sequence[str] = (),
    rows: Sequence[str] = (),
    tooltip: Mapping[str, str] | None = None,
) -> Chart:
    """Bars of ``percent`` per row, one bar per group side by side, Wilson intervals as error bars."""
    return _bars(
        frame, "percent", True, title=title, y_title=y_title, groups=groups, rows=rows, tooltip=tooltip
    )


def rate_bars(
    frame: pd.DataFrame,
    *,
    title: str = "",
    y_title: str = "",
    groups: Sequence[str] = (),
    rows: Sequence[str] = (),
    tooltip: Mapping[str, str] | None = None,
) -> Chart:
    """Like :func:`grouped_bars` for rates (column ``rate``), without intervals."""
    return _bars(
        frame, "rate", False, title=title, y_title=y_title, groups=groups, rows=rows, tooltip=tooltip
    )


def co_occurrence_heatmap(
    frame: pd.DataFrame,
    *,
    title: str = "",
    value_title: str = "",
    codes: Sequence[str] = (),
    tooltip: Mapping[str, str] | None = None,
) -> Chart:
    """Code × code heatmap: colour is ``share``, the cell text is ``count``; the diagonal (units with the
    code at all) is grey so that it does not swamp the scale."""
    order = list(codes) or None
    off = frame["row"] != frame["col"]
    top = float(frame.loc[off, "share"].max()) if off.any() else 0.0
    base = alt.Chart(frame).encode(
        x=alt.X("col:N", title=None, sort=order, axis=_group_axis(frame, "col", orient="top")),
        y=alt.Y("row:N", title=None, sort=order),
        tooltip=_tooltip(tooltip or {}),
    )
    diagonal = base.transform_filter("datum.row === datum.col").mark_rect(color="#e6e6e6", stroke="white")
    rect = (
        base.transform_filter("datum.row !== datum.col")
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(color=alt.Color("share:Q", scale=alt.Scale(scheme="purples", domainMin=0), title=value_title))
    )
    dark = f"datum.row !== datum.col && datum.share > {0.6 * top if top > 0 else 1e9}"
    text = base.mark_text(fontSize=12).encode(
        text="count:Q", color=alt.condition(dark, alt.value("white"), alt.value("black"))
    )
    layered = alt.layer(diagonal, rect, text).properties(width=alt.Step(100), height=alt.Step(34))
    return _finish(layered, title)


def to_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (rendered by vl-convert, no browser)."""
    png: bytes = vl_convert.vegalite_to_png(chart.to_json(), scale=scale)
    return png


def to_svg(chart: Chart) -> str:
    """The chart as SVG text."""
    svg: str = vl_convert.vegalite_to_svg(chart.to_json())
    return svg
