"""Vergelijken, per code: in how many stories of each group a code occurs, with an exact test per code
(Holm-corrected) and Cramér's V with its interval; only at story level, where each story counts once."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from verhalen.analysis.presence import MIN_PER_GROUP, PresenceTest, presence_tests
from verhalen.app import units as analysis
from verhalen.ui.compare_data import Controls, quotes
from verhalen.ui.i18n import t
from verhalen.ui.numbers import number, p_value
from verhalen.ui.widgets import plain


@st.cache_data(show_spinner=False, max_entries=16)
def per_code_tests(version: tuple[str, int], c: Controls, codes: tuple[str, ...]) -> list[PresenceTest]:
    by: analysis.By = "role" if c.mode == "role" else "practice"
    return presence_tests(analysis.units(quotes(version, c.selection, c.coded_only), by), by, codes)


def _v_text(test: PresenceTest) -> str:
    if test.too_few:
        return f"{number(test.cramers_v, 2)} ({t('cmp_pc_too_few')})"
    if math.isnan(test.ci_low):
        return number(test.cramers_v, 2)
    return f"{number(test.cramers_v, 2)} [{number(test.ci_low, 2)}–{number(test.ci_high, 2)}]"


def per_code_frame(tests: Sequence[PresenceTest], name: Callable[[str], str]) -> pd.DataFrame:
    """One row per code: stories with it per group, exact p, Holm's p, Cramér's V [95 % interval]."""
    rows = []
    for test in tests:
        row: dict[str, str] = {t("cmp_code"): name(test.code)}
        for group, k, n in zip(test.groups, test.present, test.totals, strict=True):
            row[group] = f"{number(k)}/{number(n)}"
        untested = math.isnan(test.p)
        row[t("cmp_pc_p")] = "–" if untested else p_value(test.p).removeprefix("p = ")
        row[t("cmp_pc_holm")] = "–" if untested else p_value(test.p_holm).removeprefix("p = ")
        row[t("cmp_pc_v")] = "–" if untested else _v_text(test)
        row[t("cmp_pc_differs")] = t("cmp_pc_yes") if test.significant else ""
        rows.append(row)
    return pd.DataFrame(rows)


def per_code_section(
    version: tuple[str, int], c: Controls, codes: tuple[str, ...], name: Callable[[str], str]
) -> None:
    """The test to report per code; only at story level, where each story counts once per code."""
    if c.mode == "cross" or c.unit != "story":
        return
    tests = per_code_tests(version, c, codes)
    st.subheader(t("cmp_pc_title", by=t(f"cmp_by_{c.mode}")))
    st.caption(t("cmp_pc_help", n=sum(1 for x in tests if not math.isnan(x.p))))
    st.dataframe(per_code_frame(tests, name), hide_index=True, key="cmp_per_code")
    few = (
        [g for g, n in zip(tests[0].groups, tests[0].totals, strict=True) if n < MIN_PER_GROUP]
        if tests
        else []
    )
    if few and any(x.too_few for x in tests):
        st.caption(plain(t("cmp_pc_too_few_note", groups=", ".join(few))))
    differing = [x for x in tests if x.significant]
    if differing:
        claims = "; ".join(f"{name(x.code)} ({p_value(x.p_holm)}, Holm; V = {_v_text(x)})" for x in differing)
        st.markdown(plain(t("cmp_pc_differ", claims=claims)))
    else:
        st.markdown(plain(t("cmp_pc_none")))
