"""Exporteren: a file per format, made when asked for; import a REFI-QDA project (.qdpx) or codebook (.qdc).

Opening the page builds nothing: every format has a "Maak bestand" button that reads the project as it is at
that click and builds that one file; its download button follows. A file is kept for this session only while
the project is unchanged (the newest event): after any change, here or in another session, it is dropped and
the button comes back, so a download never hands over a file from before a decision. Not a callable
``data`` of st.download_button: when that fails, Streamlit shows its own English line for five seconds, and
an export that fails must say so in the page's language (here it is an st.error, never a traceback).

The import section runs before the downloads (it sits below them on the page), so a file made in the same
run already includes what was just imported. Texts from a file are shown in tables or escaped.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast

import pandas as pd
import streamlit as st

from verhalen.app import pages
from verhalen.app.exporting import FORMATS, Level, export_bytes
from verhalen.app.project_import import (
    activate_codebook,
    changed_fields,
    diff_codebooks,
    import_qdpx,
    propose_codebook,
)
from verhalen.app.workbench import Workbench
from verhalen.domain import Code, Codebook, VerhalenError
from verhalen.ui import state, uploads
from verhalen.ui.i18n import error_text
from verhalen.ui.numbers import count, number
from verhalen.ui.shell import bench, guard, require_coder, t
from verhalen.ui.widgets import plain, tp

FORMAT_ORDER = ("csv", "xlsx", "matrix", "qdpx", "qdc")  # texts: exp_fmt_<format>, exp_fmt_<format>_help
BUILT = "export_built"  # session state: {file key: Built}, the files made on this page


@dataclass(frozen=True)
class Built:
    """A file made on this page: from the project at event ``version``."""

    version: int
    data: bytes
    made: datetime


def _file_key(fmt: str, level: str) -> str:
    return f"{fmt}-{level}" if fmt == "matrix" else fmt  # only the matrix depends on "Matrix per"


def _files() -> dict[str, Built]:
    files = st.session_state.get(BUILT)
    if not isinstance(files, dict):
        files = st.session_state[BUILT] = {}
    return files


def _size(n: int) -> str:
    return f"{number(n / 1_000_000, 1)} MB" if n >= 1_000_000 else f"{number(max(n / 1000, 1))} kB"


def _make(wb: Workbench, fmt: str, level: Level, version: int) -> Built | None:
    """Build ``fmt`` from the project as it is now; a failure is a message on the page, not a traceback."""
    try:
        with st.spinner(t("exp_building")):
            data = export_bytes(wb.snapshot(), fmt, level)
    except VerhalenError as exc:
        st.error(tp("error", msg=" ".join(error_text(exc).split())))
        return None
    except Exception as exc:  # a file that cannot be made must not take the page (or a traceback) with it
        logging.getLogger("verhalen").exception("export %s failed", fmt)
        st.error(t("exp_build_failed", kind=type(exc).__name__))
        return None
    built = Built(version, data, datetime.now())
    _files()[_file_key(fmt, level)] = built
    return built


def _downloaded(wb: Workbench, fmt: str, level: str, coder: str) -> None:
    """Log the export; that event changes nothing in the project, so the files made just before it stay."""
    before = pages.data_version(wb)[1]
    wb.log_export(fmt, level, coder)
    newest = pages.newest_events(wb, 2)
    if len(newest) == 2 and newest[0].kind == "export" and newest[1].id == before:
        files = _files()
        for key, built in list(files.items()):
            if built.version == before:
                files[key] = replace(built, version=newest[0].id)


def downloads(wb: Workbench, coder: str | None) -> None:
    version = pages.data_version(wb)[1]
    level = cast(
        Level,
        st.radio(
            t("exp_matrix_per"),
            ["fragment", "story"],
            horizontal=True,
            format_func={"fragment": t("exp_matrix_fragment"), "story": t("exp_matrix_story")}.__getitem__,
            key="export_matrix_level",
        ),
    )
    files = _files()
    for fmt in FORMAT_ORDER:
        with st.container(border=True):
            st.markdown(f"**{t(f'exp_fmt_{fmt}')}**")
            st.caption(t(f"exp_fmt_{fmt}_help"))
            suffix, mime = FORMATS[fmt]
            built = files.get(_file_key(fmt, level))
            if built is not None and built.version != version:
                del files[_file_key(fmt, level)]
                built = None
                st.caption(t("exp_changed_since"))
            if built is None and st.button(t("exp_build"), key=f"build-{fmt}", icon=":material/build:"):
                built = _make(wb, fmt, level, version)
            if built is None:
                continue
            st.download_button(
                f"{t('download')} {suffix}",
                built.data,
                file_name=f"verhalen-{fmt}{suffix}",
                mime=mime,
                key=f"dl-{fmt}",
                type="primary",
                icon=":material/download:",
                on_click=_downloaded,
                args=(wb, fmt, level, coder or ""),
            )
            st.caption(t("exp_built", time=f"{built.made:%H:%M:%S}", size=_size(len(built.data))))


def project_import(wb: Workbench, coder: str | None) -> None:
    st.subheader(t("exp_project_title"))
    stories = pages.story_count(wb)
    if stories:
        st.info(t("exp_project_not_empty", stories=count(stories, "story")))
        return
    st.caption(t("exp_project_contents"))
    upload = uploads.file_uploader(t("exp_project_upload"), type=["qdpx"], key="import-qdpx")
    clicked = st.button(t("exp_project_import"), type="primary", disabled=upload is None or not coder)
    if not clicked or upload is None or not coder:
        return
    with guard(), st.spinner(t("exp_project_importing")):
        summary = import_qdpx(wb, io.BytesIO(upload.getvalue()), coder)
        st.success(
            t(
                "exp_project_imported",
                stories=count(summary.stories, "story"),
                fragments=count(summary.fragments, "fragment"),
                codings=count(summary.codings, "coding"),
                memos=count(summary.memos, "memo"),
                version=plain(summary.codebook_version),
            )
        )
        if summary.codes_added:
            st.info(t("exp_codes_added", codes=count(len(summary.codes_added), "code")))
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
    upload = uploads.file_uploader(t("exp_codebook_upload"), type=["qdc"], key="import-qdc")
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
