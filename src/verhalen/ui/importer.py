"""Import on the Verhalen page: upload, check for identifiers, pseudonymise or keep with a reason, store.

Nothing is stored until the researcher has decided on every hit. The batch under review (a list of
``importing.Candidate``) waits in session state (a display cache); "Opslaan" stores it through
``importing.store_batch`` and replaces it by the ``ImportReport``, which is shown once.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from verhalen.domain import ROLES, Attribute, VerhalenError
from verhalen.importing import (
    Candidate,
    ImportOptions,
    ImportReport,
    duplicate_ids,
    missing_reasons,
    parse_attributes,
    practice_options,
    read_text_candidate,
    store_batch,
)
from verhalen.ingest import MB
from verhalen.services import Workbench
from verhalen.ui import state
from verhalen.ui.table_import import table_section
from verhalen.ui.widgets import plain

CONTEXT = 40
NEW_PRACTICE = "__nieuw__"
PSEUDONYMISE, KEEP = "pseudonimiseren", "behouden"


def upload_limit_mb(wb: Workbench) -> int:
    """The per-file limit for ``st.file_uploader`` (the server checks it again on reading)."""
    return max(1, math.ceil(wb.settings.max_upload_bytes / MB))


def _add_practice(wb: Workbench, key: str) -> None:
    practice = wb.add_practice(str(st.session_state.get(f"{key}-new") or ""))
    st.session_state[key] = practice.id


def _practice_choice(wb: Workbench, key: str) -> str | None:
    practices = {p.id: p.name for p in practice_options(wb)}
    label = {**practices, NEW_PRACTICE: "➕ nieuwe praktijk…"}
    choice = st.selectbox("Praktijk", [*practices, NEW_PRACTICE], format_func=label.__getitem__, key=key)
    if choice != NEW_PRACTICE:
        return str(choice)
    name = st.text_input("Naam van de nieuwe praktijk", key=f"{key}-new")
    st.button(
        "Praktijk toevoegen", key=f"{key}-add", on_click=_add_practice, args=(wb, key), disabled=not name
    )
    return None


def import_section(wb: Workbench) -> None:
    st.subheader("Verhalen importeren")
    _show_report()
    left, right = st.columns(2)
    with left:
        practice = _practice_choice(wb, "import-practice")
    role = str(right.selectbox("Rol", ROLES, key="import-role"))
    files_tab, table_tab = st.tabs(
        ["Bestanden (.txt, .docx, .odt)", "Tabel (.csv, .xlsx), één verhaal per rij"]
    )
    with files_tab:
        found = _files_form(wb, practice, role)
    with table_tab:
        from_table = table_section(wb, practice, role, upload_limit_mb(wb))
    if found is not None or from_table is not None:
        put_batch(wb, (found or []) + (from_table or []))
    batch = state.get(state.IMPORT_BATCH)
    if isinstance(batch, list) and batch:
        review(wb, batch)


def _show_report() -> None:
    report = state.get(state.IMPORT_BATCH)
    if not isinstance(report, ImportReport):
        return
    for name, n in report.stored:
        st.success(f"Opgeslagen: {name} ({n} fragmenten).")
    for name, why in report.failed:
        st.error(f"Niet opgeslagen: {name}: {why}")
    state.put(state.IMPORT_BATCH, None)


def _files_form(wb: Workbench, practice: str | None, role: str) -> list[Candidate] | None:
    """The scanned stories of the readable uploads once the researcher clicks "Controleren", else None."""
    uploads = st.file_uploader(
        "Verhalen",
        type=["txt", "docx", "odt"],
        accept_multiple_files=True,
        key="uploads",
        max_upload_size=upload_limit_mb(wb),
        help=f"Hoogstens {upload_limit_mb(wb)} MB per bestand.",
    )
    story_id = st.text_input("Verhaal-id", help="Leeg laten: de bestandsnaam wordt het id.", key="import-id")
    left, right = st.columns(2)
    when = left.text_input("Datum", placeholder="JJJJ-MM-DD of D-M-JJJJ", key="import-date")
    interviewer = right.text_input("Interviewer", key="import-interviewer")
    extra = st.text_area(
        "Vrije kenmerken",
        placeholder="leeftijdsgroep = 30-40\naantal kinderen:getal = 2",
        help="Eén per regel: naam = waarde. Het type (tekst, getal, datum) volgt uit de waarde, "
        "of geef het op na de naam: 'naam:datum = 1-3-2024'.",
        key="import-attributes",
    )
    if st.button("Controleren op herleidbare gegevens", type="primary", disabled=not uploads or not practice):
        try:
            attributes = parse_attributes(extra.splitlines())
        except VerhalenError as exc:
            st.error(str(exc))
            return None
        return _check(
            wb, uploads or [], _options(str(practice), role, story_id, when, interviewer, attributes)
        )
    return None


def _options(
    practice: str, role: str, story_id: str, when: str, interviewer: str, attributes: tuple[Attribute, ...]
) -> ImportOptions:
    return ImportOptions(
        practice=practice,
        role=role,
        story_id=story_id.strip() or None,
        date=when.strip() or None,
        interviewer=interviewer.strip() or None,
        attributes=attributes,
    )


def _check(wb: Workbench, uploads: Sequence[UploadedFile], options: ImportOptions) -> list[Candidate]:
    """Read and scan every upload; the unreadable ones are listed with the reason."""
    if len(uploads) > 1 and options.story_id:
        st.error("Een verhaal-id kan alleen bij één bestand worden opgegeven; laat het veld leeg.")
        return []
    candidates: list[Candidate] = []
    progress = st.progress(0.0, text="Bestanden lezen en controleren…")
    for i, upload in enumerate(uploads):
        try:
            candidates.append(read_text_candidate(wb, upload.name, upload.getvalue(), options))
        except VerhalenError as exc:
            st.error(str(exc))
        progress.progress((i + 1) / len(uploads), text=f"{i + 1} van {len(uploads)} bestanden gecontroleerd")
    return candidates


def put_batch(wb: Workbench, candidates: list[Candidate]) -> None:
    """Put the candidates with a new story id up for review; report the others."""
    duplicates = duplicate_ids(wb, [c.story.id for c in candidates])
    for i, message in duplicates.items():
        st.error(f"{candidates[i].name}: {message}")
    fresh = [c for i, c in enumerate(candidates) if i not in duplicates]
    state.put(state.IMPORT_BATCH, fresh or None)


# ---------------------------------------------------------------- review


def batch_token(batch: Sequence[Candidate]) -> str:
    """Stable per batch, different for another batch: keeps widget choices from leaking between batches."""
    digest = hashlib.sha1(repr([(c.name, c.story.id, c.hits) for c in batch]).encode("utf-8"))
    return digest.hexdigest()[:10]


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"…{plain(before)}**{plain(text[start:end])}**{plain(after)}…"


def _hit_rows(token: str, index: int, candidate: Candidate) -> None:
    if not candidate.hits:
        st.caption("Geen mogelijk herleidbare gegevens gevonden.")
    for j, hit in enumerate(candidate.hits):
        cols = st.columns([4, 2, 3])
        cols[0].markdown(f"`{hit.label}` " + _context(candidate.story.text, hit.start, hit.end))
        choice = cols[1].radio(
            f"Keuze voor treffer {j + 1}",
            [PSEUDONYMISE, KEEP],
            key=f"hit-{token}-{index}-{j}",
            horizontal=True,
            label_visibility="collapsed",
        )
        if choice == KEEP:
            cols[2].text_input(
                "Reden", key=f"why-{token}-{index}-{j}", placeholder="bijv. naam van de praktijk"
            )


def _pseudonymise_all(token: str, batch: Sequence[Candidate]) -> None:
    for i, candidate in enumerate(batch):
        for j in range(len(candidate.hits)):
            st.session_state[f"hit-{token}-{i}-{j}"] = PSEUDONYMISE


def _keep(token: str, index: int, candidate: Candidate) -> dict[int, str]:
    return {
        j: str(st.session_state.get(f"why-{token}-{index}-{j}") or "")
        for j in range(len(candidate.hits))
        if st.session_state.get(f"hit-{token}-{index}-{j}") == KEEP
    }


def review(wb: Workbench, batch: list[Candidate]) -> None:
    token = batch_token(batch)
    st.subheader("Controle vóór opslaan")
    total = sum(len(c.hits) for c in batch)
    st.write(
        f"{len(batch)} verhalen, {total} mogelijk herleidbare gegevens. Kies per treffer: pseudonimiseren "
        "(vervangen door bijv. [PERSOON-1]) of behouden met een reden."
    )
    st.button(
        "Alles pseudonimiseren",
        on_click=_pseudonymise_all,
        args=(token, batch),
        disabled=total == 0,
        key="import-all",
    )
    for i, candidate in enumerate(batch):
        title = f"{candidate.story.id} ({candidate.name}) — {len(candidate.hits)} treffers"
        with st.expander(title, expanded=bool(candidate.hits)):
            _hit_rows(token, i, candidate)
    left, right = st.columns(2)
    if left.button("Opslaan", type="primary", key="import-store"):
        _store(wb, token, batch)
    if right.button("Annuleren", key="import-cancel"):
        state.put(state.IMPORT_BATCH, None)
        st.rerun()


def _store(wb: Workbench, token: str, batch: list[Candidate]) -> None:
    """Store the whole batch once every kept hit has a reason; otherwise store nothing."""
    keeps = [_keep(token, i, c) for i, c in enumerate(batch)]
    missing = [m for c, keep in zip(batch, keeps, strict=True) for m in missing_reasons(c, keep)]
    if missing:
        for message in missing:
            st.error(message)
        st.error("Niets opgeslagen: geef eerst een reden voor elk behouden gegeven.")
        return
    with st.spinner("Opslaan, segmenteren en suggesties berekenen…"):
        report = store_batch(wb, batch, keeps, str(state.get(state.CODER) or ""))
    state.put(state.IMPORT_BATCH, report)
    if report.stored:
        state.notify(f"{len(report.stored)} verhalen opgeslagen.")
    st.rerun()
