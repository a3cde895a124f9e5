"""Tables of the Vergelijken page: cell texts, residual shading, statistics line, downloadable frames."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from verhalen.analysis import compare
from verhalen.ui.compare_data import COLUMNS, N_PERMUTATIONS, Controls, Result
from verhalen.ui.i18n import role_name, t
from verhalen.ui.numbers import number, p_value


def _num(x: float, digits: int = 0) -> str:
    return number(x, digits)  # 1.234,5 in Dutch, 1,234.5 in English


def _p(p: float) -> str:
    return p_value(p)


def mark(row: pd.Series) -> str:
    """▲ / ▼ of a cell: its share significantly above / below the share over all groups (Holm, per cell)."""
    return compare.marker(float(row["residual"]), float(row.get("p_holm", math.nan)))


def _cell_text(row: pd.Series) -> str:
    if not math.isnan(row["rate"]):
        return _num(row["rate"], 1)
    sign = mark(row)
    mark_text = f" {sign}" if sign else ""
    if not row["total"]:
        return "–"
    return (
        f"{_num(row['count'])}/{_num(row['total'])} · {_num(row['percent'])}% "
        f"[{_num(row['ci_low'])}–{_num(row['ci_high'])}]{mark_text}"
    )


def _shade(z: float, marked: bool) -> str:
    if math.isnan(z):
        return ""
    alpha = min(abs(z), 4.0) / 4.0 * (0.55 if marked else 0.25)
    rgb = "202, 0, 32" if z > 0 else "5, 113, 176"
    return f"background-color: rgba({rgb}, {alpha:.2f})"


def styled_table(result: Result, name: Callable[[str], str]) -> Any:
    """Cross table of cell texts, coloured by the cell test's adjusted residual (a pandas Styler); strong
    colour only on marked cells."""
    cells = result.cells.assign(text=result.cells.apply(_cell_text, axis=1))
    pairs = zip(cells["residual"], cells["p_holm"], strict=True)
    cells = cells.assign(shade=[_shade(z, bool(compare.marker(z, p))) for z, p in pairs])
    shown = cells.pivot(index="row_id", columns="group", values="text")
    shown = shown.reindex(index=list(result.rows), columns=list(result.groups)).fillna("–")
    shades = cells.pivot(index="row_id", columns="group", values="shade")
    shades = shades.reindex(index=list(result.rows), columns=list(result.groups)).fillna("")
    shown.index = pd.Index([name(r) for r in shown.index], name="")
    shown.columns = pd.Index([role_name(g) for g in shown.columns])  # a role in the page's language
    shown.columns.name = None
    colours = pd.DataFrame(shades.to_numpy(), index=shown.index, columns=shown.columns)
    return shown.style.apply(lambda _: colours, axis=None)


def stats_line(result: Result) -> str:
    chi = result.chi
    if chi is None or math.isnan(chi.chi2):
        return ""
    parts = [
        t(
            "cmp_stats",
            dof=chi.dof,
            chi2=_num(chi.chi2, 1),
            p=_p(chi.p),
            v=_num(chi.cramers_v, 2),
            n=_num(chi.n),
            e=_num(chi.min_expected, 1),
        )
    ]
    if result.perm_p is not None:
        parts.append(t("cmp_perm", n=_num(N_PERMUTATIONS), p=_p(result.perm_p)))
    if result.fisher_p is not None:
        parts.append(t("cmp_fisher", p=_p(result.fisher_p)))
    return "  \n".join(parts)


def export_frame(result: Result, name: Callable[[str], str]) -> pd.DataFrame:
    frame = result.cells.assign(row=result.cells["row_id"].map(name))[list(COLUMNS)]
    if not frame["rate"].notna().any():
        frame = frame.drop(columns=["rate"])
    return frame.rename(columns={c: t(f"cmp_col_{'code' if c == 'row' else c}") for c in COLUMNS})


def display_frame(frame: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """``frame`` with its decimal columns as text in the reader's notation (0,24 in Dutch) for st.dataframe;
    whole numbers without decimals. Downloads keep the numbers themselves."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_float_dtype(values):
            whole = bool(values.dropna().map(float.is_integer).all())
            shown[column] = values.map(lambda x, d=0 if whole else digits: number(float(x), d))
    return shown


def stats_frame(result: Result, c: Controls) -> pd.DataFrame:
    chi = result.chi
    rows: list[tuple[str, object]] = [
        (t("cmp_unit_label"), t(f"cmp_unit_{c.unit}")),
        (t("cmp_selection_label"), t(f"cmp_source_{c.source}")),
    ]
    if chi is not None:
        rows += [
            ("chi2", chi.chi2),
            ("df", chi.dof),
            ("p", chi.p),
            ("Cramér V", chi.cramers_v),
            ("n", chi.n),
            ("min. expected", chi.min_expected),
        ]
    if result.perm_p is not None:
        rows.append((f"p permutation ({N_PERMUTATIONS})", result.perm_p))
    if result.fisher_p is not None:
        rows.append(("p Fisher", result.fisher_p))
    rows.append((t("cmp_sentence"), result.sentence))
    return pd.DataFrame(rows, columns=[t("cmp_col_statistic"), t("cmp_col_value")])


def excel(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
