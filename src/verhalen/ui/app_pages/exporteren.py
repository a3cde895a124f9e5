"""Exporteren: a download per format; import a REFI-QDA project (.qdpx) or codebook (.qdc).

The import section runs before the downloads (it sits below them on the page), so the downloads of the
same run already include what was just imported. Texts from a file are shown in tables or escaped.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from verhalen.app import pages
from verhalen.app.exporting import FORMATS, export
from verhalen.app.project_import import (
    activate_codebook,
    changed_fields,
    diff_codebooks,
    import_qdpx,
    propose_codebook,
)
from verhalen.app.workbench import Workbench
from verhalen.domain import Code, Codebook
from verhalen.ui import state
from verhalen.ui.shell import bench, guard, require_coder, t
from verhalen.ui.widgets import plain, tp

FORMAT_ORDER = ("csv", "xlsx", "matrix", "qdpx", "qdc")  # texts: exp_fmt_<format>, exp_fmt_<format>_help


@st.cache_data(show_spinner=False, max_entries=10)
def _render(fmt: str, version: int, level: str) -> bytes:
    buffer = io.BytesIO()
    export(bench().snapshot(), fmt, buffer, level=level)  # type: ignore[arg-type]
    return buffer.getvalue()


def downloads(wb: Workbench, coder: str | None) -> None:
    version = pages.data_version(wb)[1]
    level = st.radio(
        t("exp_matrix_per"),
        ["fragment", "story"],
        horizontal=True,
        format_func={"fragment": t("exp_matrix_fragment"), "story": t("exp_matrix_story")}.__getitem__,
    )
    for fmt in FORMAT_ORDER:
        with st.container(border=True), guard():
            st.markdown(f"**{t(f'exp_fmt_{fmt}')}**")
            st.caption(t(f"exp_fmt_{fmt}_help"))
            suffix, mime = FORMATS[fmt]
            data = _render(fmt, version, level)
            st.download_button(
                f"{t('download')} {suffix}",
                data,
                file_name=f"verhalen-{fmt}{suffix}",
                mime=mime,
                key=f"dl-{fmt}",
                on_click=wb.log_export,
                args=(fmt, level, coder or ""),
            )


def project_import(wb: Workbench, coder: str | None) -> None:
    st.subheader(t("exp_project_title"))
    stories = pages.story_count(wb)
    if stories:
        st.info(t("exp_project_not_empty", n=stories))
        return
    st.caption(t("exp_project_contents"))
    upload = st.file_uploader(t("exp_project_upload"), type=["qdpx"], key="import-qdpx")
    clicked = st.button(t("exp_project_import"), type="primary", disabled=upload is None or not coder)
    if not clicked or upload is None or not coder:
        return
    with guard(), st.spinner(t("exp_project_importing")):
        summary = import_qdpx(wb, io.BytesIO(upload.getvalue()), coder)
        st.success(
            t(
                "exp_project_imported",
                stories=summary.stories,
                fragments=summary.fragments,
                codings=summary.codings,
                memos=summary.memos,
                version=plain(summary.codebook_version),
            )
        )
        if summary.codes_added:
            st.info(t("exp_codes_added", n=len(summary.codes_added)))
        for warning in summary.warnings:
            st.warning(plain(warning))


def _table(rows: list[dict[str, str]]) -> None:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _code_row(code: Code) -> dict[str, str]:
    return {
        t("exp_col_code"): code.id,
        t("exp_col_name"): code.name,
        t("exp_col_parent"): code.parent or "",
        t("exp_col_definition"): code.definition,
    }


def _activate(wb: Workbench, proposal: Codebook, coder: str) -> None:
    with guard():
        saved = activate_codebook(wb, proposal, coder)
        state.notify(t("exp_codebook_active", version=saved.version))


def codebook_import(wb: Workbench, coder: str | None) -> None:
    st.subheader(t("exp_codebook_title"))
    upload = st.file_uploader(t("exp_codebook_upload"), type=["qdc"], key="import-qdc")
    if upload is None:
        return
    with guard():
        active = wb.codebook()
        proposal = propose_codebook(io.BytesIO(upload.getvalue()), active)
        diff = diff_codebooks(active, proposal)
        if diff.empty:
            st.info(t("exp_codebook_no_change"))
            return
        st.markdown(tp("exp_codebook_proposal", new=proposal.version, active=active.version))
        if diff.added:
            st.markdown(t("exp_codebook_added", n=len(diff.added)))
            _table([_code_row(c) for c in diff.added])
        if diff.changed:
            st.markdown(t("exp_codebook_changed", n=len(diff.changed)))
            changes = [(old, new, changed_fields(old, new)) for old, new in diff.changed]
            _table(
                [
                    _code_row(new) | {t("exp_col_changed"): ", ".join(t(f"exp_field_{f}") for f in fs)}
                    for _, new, fs in changes
                ]
            )
        if diff.missing:
            st.markdown(t("exp_codebook_missing", n=len(diff.missing)))
            _table([_code_row(c) for c in diff.missing])
        st.button(
            t("exp_codebook_save"),
            type="primary",
            disabled=not coder,
            on_click=_activate,
            args=(wb, proposal, str(coder)),
        )


wb = bench()
st.title(t("page_export"))
st.write(t("export_intro"))
export_area = st.container()
st.divider()
st.header(t("exp_import_header"))
coder = require_coder()
project_tab, codebook_tab = st.tabs([t("exp_tab_project"), t("exp_tab_codebook")])
with project_tab:
    project_import(wb, coder)
with codebook_tab:
    codebook_import(wb, coder)
with export_area:
    downloads(wb, coder)
