"""Exporteren: a download per format (CSV, Excel, presence matrix, REFI-QDA project and codebook)."""

from __future__ import annotations

import io

import streamlit as st

from verhalen.exporting import FORMATS, export
from verhalen.ui.shell import bench, guard, t

LABELS = {
    "csv": ("CSV — één rij per fragment × beslissing", "Voor R, SPSS, Python of een spreadsheet."),
    "xlsx": ("Excel — coderingen, verhalen, codeboek, praktijk × code", "Met een blad per onderdeel."),
    "matrix": ("Aanwezigheidsmatrix (fragment × code, 0/1)", "Voor statistiek in SPSS of R."),
    "qdpx": ("REFI-QDA-project (.qdpx)", "Openen in ATLAS.ti, NVivo, MAXQDA of QualCoder."),
    "qdc": ("REFI-QDA-codeboek (.qdc)", "Alleen het codeboek, voor een ander QDA-programma."),
}


@st.cache_data(show_spinner=False, max_entries=10)
def _render(fmt: str, version: int, level: str) -> bytes:
    buffer = io.BytesIO()
    export(bench().snapshot(), fmt, buffer, level=level)  # type: ignore[arg-type]
    return buffer.getvalue()


wb = bench()
st.title(t("page_export"))
st.write(t("export_intro"))
events = wb.repo.events(limit=1)
version = events[0].id if events else 0
level = st.radio(
    "Matrix per",
    ["fragment", "story"],
    horizontal=True,
    format_func={"fragment": "fragment", "story": "verhaal"}.__getitem__,
)
for fmt, (title, help_text) in LABELS.items():
    with st.container(border=True), guard():
        st.markdown(f"**{title}**")
        st.caption(help_text)
        suffix, mime = FORMATS[fmt]
        data = _render(fmt, version, level)
        st.download_button(
            f"{t('download')} {suffix}", data, file_name=f"verhalen-{fmt}{suffix}", mime=mime, key=f"dl-{fmt}"
        )
