"""Widgets of the Thema's page: choices, the search on a click, the theme table, a chart, quotes per theme.

The themes are computed only when the researcher clicks "Thema's zoeken"; the click stores the choices and
the project version of that moment, and the result is cached per (version, choices) with st.cache_data, so
later reruns (opening a theme, adding a code) reuse it. Story text is shown only through ``plain()`` or in
tables, never as HTML.
"""

from __future__ import annotations

import io
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from verhalen.analysis.coverage import CodeOverlap, ThemeResult
from verhalen.analysis.themes import DEFAULT_MIN_SIZE, MAX_AUTO_THEMES, Theme, preload
from verhalen.app import pages
from verhalen.app.explore import project_themes
from verhalen.app.workbench import Workbench
from verhalen.domain import ROLES, VerhalenError
from verhalen.interchange.cells import write_csv_table
from verhalen.ui import charts, state
from verhalen.ui.compare_data import data_version
from verhalen.ui.i18n import error_text, role_name, t
from verhalen.ui.numbers import percent
from verhalen.ui.resources import bench
from verhalen.ui.shell import require_coder
from verhalen.ui.widgets import plain

REQUEST = state.THEMES
Choices = tuple[str | None, str | None, int, int | None]
PRELOAD_DELAY_S = 1.5
CSV_COLUMNS = ("fragment_id", "story_id", "practice", "role", "theme", "theme_label", "text")


_preload_lock = threading.Lock()
_preload_started = False


def preload_once() -> None:
    """Import BERTopic in a background thread once the page is on screen, so the first click need not wait
    for it; the short delay lets the page reach the browser first (the import holds the GIL for seconds)."""
    global _preload_started
    with _preload_lock:
        if _preload_started:
            return
        _preload_started = True
    timer = threading.Timer(PRELOAD_DELAY_S, preload)
    timer.daemon = True
    timer.start()


@st.cache_data(show_spinner=False, max_entries=8)
def compute(
    version: tuple[str, int], practice: str | None, role: str | None, min_size: int, n_themes: int | None
) -> ThemeResult:
    return project_themes(bench(), practice=practice, role=role, min_size=min_size, n_themes=n_themes)


def controls(practices: dict[str, str]) -> Choices:
    left, middle, right, last = st.columns(4)
    practice = left.selectbox(
        t("practice"),
        [None, *practices],
        format_func=lambda p: t("all") if p is None else practices[p],
        key="themes_practice",
    )
    role = middle.selectbox(
        t("role"),
        [None, *ROLES],
        format_func=lambda r: t("all") if r is None else role_name(r),
        key="themes_role",
    )
    min_size = right.number_input(
        t("themes_min_size"),
        min_value=2,
        max_value=200,
        value=DEFAULT_MIN_SIZE,
        step=1,
        key="themes_min_size",
        help=t("themes_min_size_help"),
    )
    n_themes = last.selectbox(
        t("themes_n"),
        [None, *range(2, MAX_AUTO_THEMES + 1)],
        format_func=lambda n: t("themes_auto") if n is None else str(n),
        key="themes_n",
        help=t("themes_n_help"),
    )
    return practice, role, int(min_size), n_themes


def name_of(theme: Theme) -> str:
    return f"{theme.id + 1}. {theme.label or t('themes_unnamed')}"


def _percent(share: float) -> str:
    """A share as the page's language writes a percentage (numbers.percent): '60%'."""
    return percent(share)


def _spread(values: Sequence[str]) -> str:
    """'Veendam 60% · Beijum 40%': how a theme's fragments spread over practices or roles."""
    counts = Counter(values)
    total = sum(counts.values())
    return " · ".join(f"{v} {_percent(n / total)}" for v, n in sorted(counts.items(), key=lambda x: -x[1]))


def _codes(o: CodeOverlap, name: Callable[[str], str]) -> dict[str, str]:
    def share(code: str | None, value: float) -> str:
        return f"{name(code)} {_percent(value)}" if code else ""

    return {
        t("themes_col_confirmed"): " · ".join(f"{name(code)} {n}" for code, n in o.confirmed[:3]),
        t("themes_col_suggested"): share(o.top_suggested, o.suggested_share),
        t("themes_col_covered"): share(o.covering, o.covering_share),
        t("themes_col_new"): t("themes_new") if o.new else "",
    }


def theme_table(result: ThemeResult, name: Callable[[str], str]) -> pd.DataFrame:
    rows = []
    for theme, o in zip(result.themes, result.overlaps, strict=True):
        members = [f for f in result.fragments if f.theme == theme.id]
        rows.append(
            {
                t("themes_col_theme"): name_of(theme),
                t("themes_col_keywords"): ", ".join(theme.keywords),
                t("themes_col_size"): theme.size,
                t("themes_col_practices"): _spread([f.practice for f in members]),
                t("themes_col_roles"): _spread([role_name(f.role) for f in members]),
                **_codes(o, name),
            }
        )
    return pd.DataFrame(rows)


def chart_frame(result: ThemeResult, by: str) -> pd.DataFrame:
    """Theme × group cells: ``percent`` of the group's fragments that fall in the theme."""
    shown = role_name if by == "role" else str  # a role in the page's language, a practice by its name
    frame = pd.DataFrame({"group": [shown(getattr(f, by)) for f in result.fragments]})
    frame["theme"] = [f.theme for f in result.fragments]
    totals = frame.groupby("group").size()
    rows = []
    for theme in result.themes:
        counts = frame[frame["theme"] == theme.id].groupby("group").size()
        for group, total in totals.items():
            count = int(counts.get(group, 0))
            share = 100 * count / int(total)
            rows.append(
                {"row_id": str(theme.id), "row": name_of(theme), "group": str(group), "count": count}
                | {"total": int(total), "percent": round(share, 1), "label": percent(share / 100)}
            )
    return pd.DataFrame(rows)


def chart(result: ThemeResult) -> Any:
    by = "role" if result.practice is not None else "practice"
    frame = chart_frame(result, by)
    tips = {"row": t("themes_col_theme"), "group": t(by), "count": t("themes_col_size")}
    return charts.table_heatmap(
        frame,
        "percent",
        title=t(f"themes_chart_{by}"),
        value_title=t("themes_chart_value"),
        rows=[name_of(theme) for theme in result.themes],
        tooltip=tips | {"total": t("themes_chart_total"), "percent": t("themes_chart_value")},
    )


def csv_bytes(result: ThemeResult) -> bytes:
    """Fragment → theme, every cell neutralised against spreadsheet formulas."""
    labels = {theme.id: theme.label for theme in result.themes}
    rows = [
        {
            "fragment_id": str(f.fragment_id),
            "story_id": f.story_id,
            "practice": f.practice,
            "role": f.role,
            "theme": str(f.theme + 1) if f.theme in labels else "",
            "theme_label": labels.get(f.theme, t("themes_no_theme")),
            "text": f.text,
        }
        for f in result.fragments
    ]
    buffer = io.BytesIO()
    write_csv_table(buffer, CSV_COLUMNS, rows)
    return buffer.getvalue()


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.strip().lower()).strip("-")


def _make_code(wb: Workbench, key: str, coder: str) -> None:
    """Callback: add the (edited) name as an inductive code; the message shows on the next run."""
    name = str(st.session_state.get(key) or "").strip()
    try:
        code = wb.add_inductive_code(_slug(name), name, coder)
        state.notify(t("themes_code_added", name=code.name, id=code.id))
    except VerhalenError as exc:
        state.notify(t("error", msg=error_text(exc)))


def theme_details(result: ThemeResult, theme: Theme, o: CodeOverlap, coder: str | None) -> None:
    with st.expander(plain(t("themes_expander", name=name_of(theme), n=theme.size))):
        st.caption(plain(t("themes_keywords", words=", ".join(theme.keywords) or "–")))
        if o.new:
            st.caption(t("themes_new_help"))
        for fragment_id in theme.representative_ids:
            f = result.fragment(fragment_id)
            with st.container(border=True):
                st.caption(plain(f"{f.story_id} · {f.practice} · {role_name(f.role)}"))
                st.markdown(plain(f.text))
        key = f"themes_code_name_{theme.id}"
        st.text_input(t("themes_code_name"), value=" ".join(theme.keywords[:2]), key=key)
        st.button(
            t("themes_make_code"),
            key=f"themes_make_code_{theme.id}",
            disabled=not coder,
            on_click=_make_code,
            args=(bench(), key, str(coder or "")),
        )


def results(result: ThemeResult) -> None:
    book = bench().codebook()
    labels = {c.id: c.label for c in book.codes}
    model = result.model
    outliers = model.assignment.count(-1)
    stories = len({f.story_id for f in result.fragments})
    fragments = len(result.fragments)
    st.caption(t("themes_summary", themes=len(result.themes), fragments=fragments, stories=stories))
    if outliers:
        st.caption(t("themes_outliers", n=outliers, share=_percent(model.outlier_share)))
    st.dataframe(theme_table(result, lambda c: labels.get(c, c)), hide_index=True, key="themes_table")
    st.caption(t("themes_table_help"))
    st.download_button(
        t("themes_csv"), csv_bytes(result), "themas.csv", "text/csv", on_click="ignore", key="themes_csv"
    )
    st.altair_chart(chart(result), key="themes_chart")
    st.subheader(t("themes_quotes"))
    coder = require_coder()
    for theme, o in zip(result.themes, result.overlaps, strict=True):
        theme_details(result, theme, o, coder)


def page() -> None:
    wb = bench()
    practices = pages.practice_names(wb)
    choices = controls(practices)
    if st.button(t("themes_run"), type="primary", key="themes_run"):
        st.session_state[REQUEST] = (data_version(), *choices)
    preload_once()  # the choices are on screen; BERTopic loads while the researcher makes them
    request = st.session_state.get(REQUEST)
    if request is None:
        st.info(t("themes_start"))
        return
    if tuple(request[1:]) != choices:
        st.caption(t("themes_stale"))
    with st.spinner(t("themes_busy")):
        result = compute(*request)
    results(result)
