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

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import vl_convert

Chart = alt.Chart | alt.LayerChart | alt.FacetChart
CELL = "cel"
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
        x=alt.X("group:N", title=None, sort=list(groups) or None, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("row:N", title=None, sort=list(rows) or None),
    )
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", scale=scale, title=value_title),
        opacity=alt.condition(select, alt.value(1.0), alt.value(0.45)),
        tooltip=_tooltip(tooltip or {}),
    )
    text = base.mark_text(fontSize=12).encode(text="label:N", color=_ink(frame, value, diverging))
    layered = alt.layer(rect.add_params(select), text).properties(width=alt.Step(150), height=alt.Step(34))
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
    select = _select()
    group_sort = list(groups) or None
    base = alt.Chart(frame).encode(
        x=alt.X("row:N", title=None, sort=list(rows) or None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("group:N", sort=group_sort),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("percent:Q", title=y_title),
        color=alt.Color("group:N", sort=group_sort, title=None, legend=alt.Legend(orient="bottom")),
        opacity=alt.condition(select, alt.value(1.0), alt.value(0.45)),
        tooltip=_tooltip(tooltip or {}),
    )
    errors = base.mark_rule(color="#333333").encode(y="ci_low:Q", y2="ci_high:Q")
    layered = alt.layer(bars.add_params(select), errors).properties(height=320, width=alt.Step(22))
    return _finish(layered, title)


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
    select = _select()
    group_sort = list(groups) or None
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("row:N", title=None, sort=list(rows) or None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("group:N", sort=group_sort),
            y=alt.Y("rate:Q", title=y_title),
            color=alt.Color("group:N", sort=group_sort, title=None, legend=alt.Legend(orient="bottom")),
            opacity=alt.condition(select, alt.value(1.0), alt.value(0.45)),
            tooltip=_tooltip(tooltip or {}),
        )
        .add_params(select)
        .properties(height=320, width=alt.Step(22))
    )
    return _finish(bars, title)


def co_occurrence_heatmap(
    frame: pd.DataFrame,
    *,
    title: str = "",
    value_title: str = "",
    codes: Sequence[str] = (),
    tooltip: Mapping[str, str] | None = None,
) -> Chart:
    """Code × code heatmap: colour is ``share``, the cell text is ``count``."""
    order = list(codes) or None
    base = alt.Chart(frame).encode(
        x=alt.X("col:N", title=None, sort=order, axis=alt.Axis(labelAngle=-30, orient="top")),
        y=alt.Y("row:N", title=None, sort=order),
    )
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("share:Q", scale=alt.Scale(scheme="purples", domain=[0, 100]), title=value_title),
        tooltip=_tooltip(tooltip or {}),
    )
    text = base.mark_text(fontSize=12).encode(
        text="count:Q",
        color=alt.condition(alt.datum.share > 60, alt.value("white"), alt.value("black")),
    )
    layered = alt.layer(rect, text).properties(width=alt.Step(70), height=alt.Step(34))
    return _finish(layered, title)


def to_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (rendered by vl-convert, no browser)."""
    png: bytes = vl_convert.vegalite_to_png(chart.to_json(), scale=scale)
    return png


def to_svg(chart: Chart) -> str:
    """The chart as SVG text."""
    svg: str = vl_convert.vegalite_to_svg(chart.to_json())
    return svg
