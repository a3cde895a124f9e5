"""Widgets of the Overeenstemming page: κ and α tables (two coders, all coders, model versus coder) over the
fragments each side decided, with n and a plain remark where a figure is missing or rests on few fragments;
disagreements to settle."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from verhalen.analysis import agreement
from verhalen.app import pages
from verhalen.app.units import (
    coder_decisions,
    coders_decisions,
    framework_factors,
    model_codes,
    model_threshold,
    pair,
)
from verhalen.app.workbench import Workbench
from verhalen.domain import VerhalenError
from verhalen.ui import login, state
from verhalen.ui.i18n import error_text, t
from verhalen.ui.numbers import count, number, percent
from verhalen.ui.resources import bench
from verhalen.ui.widgets import plain, tp


def _fmt(value: float) -> str:
    return "—" if math.isnan(value) else number(value, 2)


def _note(n: int, *figures: float, given: bool = True) -> str:
    """Why a figure is missing or weak: nobody gave the code, no units, no variation, or fewer than
    FEW_UNITS units."""
    if not given:
        return t("agr_note_not_given")
    if n == 0:
        return t("agr_note_none")
    if any(math.isnan(f) for f in figures):
        return t("agr_note_constant")
    if n < agreement.FEW_UNITS:
        return t("agr_note_few", min=agreement.FEW_UNITS)
    return ""


def _table(rows: list[agreement.Agreement], labels: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "code": labels.get(r.code, r.code),
                "n": r.n,
                t("agr_percent"): percent(r.percent) if not math.isnan(r.percent) else "—",
                t("agr_kappa"): _fmt(r.kappa),
                t("agr_alpha"): _fmt(r.alpha),
                t("agr_note"): _note(r.n, r.kappa, r.alpha, given=r.given),
            }
            for r in rows
        ]
    )


def _group_table(rows: list[agreement.GroupAlpha], labels: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "code": labels.get(r.code, r.code),
                "n": r.n,
                t("agr_alpha"): _fmt(r.alpha),
                t("agr_note"): _note(r.n, r.alpha, given=r.given),
            }
            for r in rows
        ]
    )


def _labels(wb: Workbench) -> dict[str, str]:
    labels = {c.id: c.label for c in wb.codebook().factors}
    labels.update({"*": t("agr_all_codes"), "primair": t("agr_primary")})
    return labels


def coder_pair_section(wb: Workbench, coders: list[str]) -> tuple[str, str] | None:
    """Two coders over the fragments both decided: n per figure, and a plain word when they are few."""
    st.subheader(t("agr_pair"))
    if len(coders) < 2:
        st.info(t("agr_one_coder"))
        return None
    left, right = st.columns(2)
    a = left.selectbox(t("agr_coder_a"), coders, index=0, key="agree_a")
    b = right.selectbox(t("agr_coder_b"), coders, index=1, key="agree_b")
    if a == b:
        st.warning(t("agr_two_coders"))
        return None
    both = coders_decisions(wb, [a, b])
    done_a, done_b = agreement.decided(both[a]), agreement.decided(both[b])
    shared = len(done_a & done_b)
    if not shared:
        st.info(tp("agr_nothing_common", a=a, b=b))
        return None
    codes = [c.id for c in wb.codebook().factors]
    st.caption(
        tp(
            "agr_pair_caption",
            a=a,
            b=b,
            n=count(shared, "fragment"),
            only_a=count(len(done_a - done_b), "fragment"),
            only_b=count(len(done_b - done_a), "fragment"),
        )
    )
    if shared < agreement.FEW_UNITS:
        st.warning(tp("agr_few_shared", a=a, b=b, n=count(shared, "fragment"), min=agreement.FEW_UNITS))
    rows = agreement.report_pair(both[a], both[b], codes, framework_factors(wb.codebook()))
    st.dataframe(_table(rows, _labels(wb)), hide_index=True)
    return a, b


def group_section(wb: Workbench, coders: list[str]) -> None:
    """Krippendorff's α across every coder (three or more): a fragment a coder did not decide is missing."""
    if len(coders) < 3:
        return  # with two coders this α is the pair table's α
    st.subheader(t("agr_group"))
    codes = [c.id for c in wb.codebook().factors]
    rows = agreement.report_group(coders_decisions(wb, coders), codes, framework_factors(wb.codebook()))
    st.caption(tp("agr_group_caption", k=len(coders), n=count(rows[1].n, "fragment")))
    st.dataframe(_group_table(rows, _labels(wb)), hide_index=True)


def model_section(wb: Workbench, coders: list[str]) -> None:
    st.subheader(t("agr_model"))
    left, right = st.columns(2)
    coder = left.selectbox(t("coder"), coders, key="agree_model_coder")
    default = model_threshold(wb)
    threshold = right.slider(
        t("agr_threshold"),
        0.1,
        0.9,
        default,
        0.05,
        format="percent",
        help=t("agr_threshold_help", p=default),
        key="agree_threshold",
    )
    decisions = coder_decisions(wb, coder)
    model = model_codes(wb, set(decisions), threshold)
    codes = [c.id for c in wb.codebook().factors]
    st.caption(t("agr_model_caption"))
    st.caption(tp("agr_model_n", coder=coder, n=count(len(decisions), "fragment")))
    rows = agreement.report_decided(model, decisions, codes, framework_factors(wb.codebook()))
    st.dataframe(_table(rows, _labels(wb)), hide_index=True)


SETTLE_FLASH = "agree_settle_flash"  # the refusal of the last Toekennen/Niet click, shown once


def _settle(fragment_id: int, code: str, status: str) -> None:
    """A button callback: it runs before the page, so an error is kept for the page to show (a callback's
    exception would otherwise replace the whole page, sidebar and all, by a traceback). The workbench is
    this session's as it is now (in team mode: the role of whoever is logged in at the click)."""
    lead = str(state.get(state.CODER) or "").strip()
    if not lead:
        state.notify(t("agr_lead_needed"))
        return
    try:
        pages.resolve(bench(), fragment_id, code, status, lead)
    except VerhalenError as exc:
        st.session_state[SETTLE_FLASH] = tp("error", msg=" ".join(error_text(exc).split()))


def disagreement_section(wb: Workbench, a: str, b: str) -> None:
    st.subheader(t("agr_settle"))
    refused = st.session_state.pop(SETTLE_FLASH, None)
    if refused:
        st.error(refused)
    codes_a, codes_b = pair(wb, a, b)
    differences = agreement.disagreements(codes_a, codes_b)
    resolved = pages.resolutions(wb)
    texts = pages.codable_fragments(wb, set(codes_a))
    st.caption(tp("agr_settle_caption", n=count(len(differences), "fragment"), a=a, b=b))
    settles = login.may("settle")  # a role that may not settle sees the list without the buttons
    if not settles:
        st.info(login.only_line("settle"))
    book = wb.codebook()
    for diff in differences[:50]:
        fragment = texts[diff.fragment_id]
        with st.container(border=True):
            st.markdown(f"**{plain(fragment.story_id)}** · " + plain(fragment.text))
            cols = st.columns(2)
            for col, coder, only in ((cols[0], a, diff.only_a), (cols[1], b, diff.only_b)):
                named = ", ".join(sorted(book.get(code).label for code in only))  # names, not ids
                col.caption(tp("agr_only", coder=coder) + (plain(named) or "—"))
            for code in sorted(diff.only_a | diff.only_b):
                final = resolved.get((diff.fragment_id, code))
                verdict = f"{plain(book.get(code).label)}: " + t(
                    {"confirmed": "agr_given", "rejected": "agr_not_given", None: "agr_open"}[final]
                )
                if not settles:
                    st.write(verdict)
                    continue
                c1, c2, c3 = st.columns([3, 1, 1])
                c1.write(verdict)
                c2.button(
                    t("agr_give"),
                    key=f"res-ok-{diff.fragment_id}-{code}",
                    on_click=_settle,
                    args=(diff.fragment_id, code, "confirmed"),
                )
                c3.button(
                    t("agr_not"),
                    key=f"res-no-{diff.fragment_id}-{code}",
                    on_click=_settle,
                    args=(diff.fragment_id, code, "rejected"),
                )
