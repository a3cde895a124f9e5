"""Exporteren: a download per format; import a REFI-QDA project (.qdpx) or codebook (.qdc).

The import section runs before the downloads (it sits below them on the page), so the downloads of the
same run already include what was just imported. Texts from a file are shown in tables or escaped.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from verhalen.domain import Code, Codebook
from verhalen.exporting import FORMATS, export
from verhalen.project_import import (
    activate_codebook,
    changed_fields,
    diff_codebooks,
    import_qdpx,
    propose_codebook,
)
from verhalen.services import Workbench
from verhalen.ui import state
from verhalen.ui.shell import bench, guard, require_coder, t
from verhalen.ui.widgets import plain

LABELS = {
    "csv": ("CSV — één rij per fragment × beslissing", "Voor R, SPSS, Python of een spreadsheet."),
    "xlsx": ("Excel — coderingen, verhalen, codeboek, praktijk × code", "Met een blad per onderdeel."),
    "matrix": ("Aanwezigheidsmatrix (fragment × code, 0/1)", "Voor statistiek in SPSS of R."),
    "qdpx": ("REFI-QDA-project (.qdpx)", "Openen in ATLAS.ti, NVivo, MAXQDA of QualCoder."),
    "qdc": ("REFI-QDA-codeboek (.qdc)", "Alleen het codeboek, voor een ander QDA-programma."),
}
FIELDS = {
    "name": "naam",
    "colour": "kleur",
    "parent": "bovenliggende code",
    "short": "korte naam",
    "definition": "definitie",
    "when_to_use": "wanneer wel",
    "when_not_to_use": "wanneer niet",
    "signals": "signalen",
    "examples": "voorbeelden",
}


@st.cache_data(show_spinner=False, max_entries=10)
def _render(fmt: str, version: int, level: str) -> bytes:
    buffer = io.BytesIO()
    export(bench().snapshot(), fmt, buffer, level=level)  # type: ignore[arg-type]
    return buffer.getvalue()


def downloads(wb: Workbench) -> None:
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
                f"{t('download')} {suffix}",
                data,
                file_name=f"verhalen-{fmt}{suffix}",
                mime=mime,
                key=f"dl-{fmt}",
            )


def project_import(wb: Workbench, coder: str | None) -> None:
    st.subheader("Project uit een ander programma (.qdpx)")
    stories = int(wb.repo.counts()["stories"])
    if stories:
        st.info(
            f"Dit project bevat al {stories} verhaal/verhalen. Een QDPX-project kan alleen in een leeg "
            "project worden geïmporteerd: start verhalen met een nieuwe, lege database."
        )
        return
    st.caption(
        "Codeboek, praktijken, verhalen met kenmerken, selecties als fragmenten, coderingen (als "
        "bevestigd, per codeur) en memo's. De verhalen worden niet op herleidbare gegevens "
        "gecontroleerd: importeer alleen geanonimiseerde verhalen."
    )
    upload = st.file_uploader("REFI-QDA-project", type=["qdpx"], key="import-qdpx")
    clicked = st.button("Project importeren", type="primary", disabled=upload is None or not coder)
    if not clicked or upload is None or not coder:
        return
    with guard(), st.spinner("Project importeren en suggesties berekenen…"):
        summary = import_qdpx(wb, io.BytesIO(upload.getvalue()), coder)
        st.success(
            f"Geïmporteerd: {summary.stories} verhalen, {summary.fragments} fragmenten, "
            f"{summary.codings} coderingen en {summary.memos} memo's. "
            f"Actieve codeboekversie: {plain(summary.codebook_version)}."
        )
        if summary.codes_added:
            st.info(f"{len(summary.codes_added)} code(s) als inductieve code toegevoegd.")
        for warning in summary.warnings:
            st.warning(plain(warning))


def _table(rows: list[dict[str, str]]) -> None:
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)


def _code_row(code: Code) -> dict[str, str]:
    return {"code": code.id, "naam": code.name, "onder": code.parent or "", "definitie": code.definition}


def _activate(wb: Workbench, proposal: Codebook, coder: str) -> None:
    with guard():
        saved = activate_codebook(wb, proposal, coder)
        state.notify(f"Codeboekversie {saved.version} is nu actief.")


def codebook_import(wb: Workbench, coder: str | None) -> None:
    st.subheader("Codeboek uit een ander programma (.qdc)")
    upload = st.file_uploader("REFI-QDA-codeboek", type=["qdc"], key="import-qdc")
    if upload is None:
        return
    with guard():
        active = wb.codebook()
        proposal = propose_codebook(io.BytesIO(upload.getvalue()), active)
        diff = diff_codebooks(active, proposal)
        if diff.empty:
            st.info("Dit codeboek verandert niets aan het actieve codeboek.")
            return
        st.markdown(f"Voorstel: codeboekversie `{proposal.version}` (nu actief: `{active.version}`).")
        if diff.added:
            st.markdown(f"**Nieuw ({len(diff.added)})**, als inductieve code")
            _table([_code_row(c) for c in diff.added])
        if diff.changed:
            st.markdown(f"**Gewijzigd ({len(diff.changed)})**")
            changes = [(old, new, changed_fields(old, new)) for old, new in diff.changed]
            _table(
                [_code_row(new) | {"gewijzigd": ", ".join(FIELDS[f] for f in fs)} for _, new, fs in changes]
            )
        if diff.missing:
            st.markdown(f"**Ontbreekt in het bestand ({len(diff.missing)})**: blijft in de nieuwe versie")
            _table([_code_row(c) for c in diff.missing])
        st.button(
            "Nieuwe codeboekversie opslaan",
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
st.header("Importeren")
coder = require_coder()
project_tab, codebook_tab = st.tabs(["Project (.qdpx)", "Codeboek (.qdc)"])
with project_tab:
    project_import(wb, coder)
with codebook_tab:
    codebook_import(wb, coder)
with export_area:
    downloads(wb)
