"""Import on the Verhalen page: upload, check for identifiers, pseudonymise or keep with a reason, store.

Nothing is stored until the researcher has seen every hit; the candidates wait in session state
(a display cache) and are read again from the upload if the session is lost.
"""

from __future__ import annotations

import streamlit as st

from verhalen.domain import ROLES, VerhalenError
from verhalen.importing import Candidate, ImportOptions, read_candidate, store
from verhalen.services import Workbench
from verhalen.ui import state
from verhalen.ui.i18n import t
from verhalen.ui.table_import import table_section
from verhalen.ui.widgets import plain

CONTEXT = 40
NEW_PRACTICE = "__nieuw__"


def _practice_choice(wb: Workbench, key: str) -> str | None:
    practices = {p.id: p.name for p in wb.repo.practices()}
    options = [*practices, NEW_PRACTICE]
    label = {**practices, NEW_PRACTICE: "➕ nieuwe praktijk…"}
    choice = st.selectbox(t("practice"), options, format_func=label.__getitem__, key=key)
    if choice != NEW_PRACTICE:
        return str(choice)
    name = st.text_input("Naam van de nieuwe praktijk", key=f"{key}-new")
    if name.strip() and st.button("Praktijk toevoegen", key=f"{key}-add"):
        return wb.add_practice(name).id
    return None


def import_section(wb: Workbench) -> None:
    st.subheader(t("import_title"))
    files_tab, table_tab = st.tabs(
        ["Bestanden (.txt, .docx, .odt)", "Tabel (.csv, .xlsx), één verhaal per rij"]
    )
    with files_tab:
        _files_form(wb)
    with table_tab:
        table_section(wb)
    batch = state.get(state.IMPORT_BATCH)
    if batch:
        review(wb, batch)


def _files_form(wb: Workbench) -> None:
    uploads = st.file_uploader(
        "Verhalen", type=["txt", "docx", "odt"], accept_multiple_files=True, key="uploads"
    )
    left, right = st.columns(2)
    with left:
        practice = _practice_choice(wb, "import-practice")
    role = right.selectbox(t("role"), ROLES, key="import-role")
    story_id = st.text_input(t("story_id"), help="Leeg laten: de bestandsnaam wordt het id.", key="import-id")
    if st.button("Controleren op herleidbare gegevens", type="primary", disabled=not uploads or not practice):
        options = ImportOptions(
            practice=str(practice), role=str(role), coder=str(state.get(state.CODER) or "")
        )
        _check(wb, uploads or [], options, story_id.strip())


def _check(
    wb: Workbench,
    uploads: list[st.runtime.uploaded_file_manager.UploadedFile],
    options: ImportOptions,
    story_id: str,
) -> None:
    candidates: list[Candidate] = []
    errors: list[str] = []
    progress = st.progress(0.0, text="Bestanden lezen en controleren…")
    for i, upload in enumerate(uploads):
        try:
            extra = {"story_id": story_id} if story_id and len(uploads) == 1 else {}
            candidates.append(read_candidate(upload.name, upload.getvalue(), options, wb.settings, **extra))
        except VerhalenError as exc:
            errors.append(str(exc))
        progress.progress((i + 1) / len(uploads), text=f"{i + 1} van {len(uploads)} bestanden gecontroleerd")
    for error in errors:
        st.error(error)
    state.put(state.IMPORT_BATCH, {"candidates": candidates, "coder": options.coder})


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"…{plain(before)}**{plain(text[start:end])}**{plain(after)}…"


def _hit_rows(index: int, candidate: Candidate) -> None:
    for j, hit in enumerate(candidate.hits):
        cols = st.columns([4, 2, 3])
        cols[0].markdown(f"`{hit.label}` " + _context(candidate.story.text, hit.start, hit.end))
        cols[1].radio(
            "Keuze",
            ["pseudonimiseren", "behouden"],
            key=f"hit-{index}-{j}",
            horizontal=True,
            label_visibility="collapsed",
        )
        if st.session_state.get(f"hit-{index}-{j}") == "behouden":
            cols[2].text_input("Reden", key=f"why-{index}-{j}", placeholder="bijv. naam van de praktijk")


def _pseudonymise_all(batch: dict[str, object]) -> None:
    candidates: list[Candidate] = batch["candidates"]  # type: ignore[assignment]
    for i, candidate in enumerate(candidates):
        for j in range(len(candidate.hits)):
            st.session_state[f"hit-{i}-{j}"] = "pseudonimiseren"


def review(wb: Workbench, batch: dict[str, object]) -> None:
    candidates: list[Candidate] = batch["candidates"]  # type: ignore[assignment]
    st.subheader("Controle vóór opslaan")
    total = sum(len(c.hits) for c in candidates)
    st.write(f"{len(candidates)} verhalen, {total} mogelijk herleidbare gegevens gevonden.")
    st.button("Alles pseudonimiseren", on_click=_pseudonymise_all, args=(batch,), disabled=total == 0)
    for i, candidate in enumerate(candidates):
        with st.expander(
            f"{candidate.story.id} — {len(candidate.hits)} treffers", expanded=bool(candidate.hits)
        ):
            _hit_rows(i, candidate)
    if st.button("Opslaan", type="primary", key="import-store"):
        _store_all(wb, batch)


def _store_all(wb: Workbench, batch: dict[str, object]) -> None:
    candidates: list[Candidate] = batch["candidates"]  # type: ignore[assignment]
    done: set[int] = batch.setdefault("stored", set())  # type: ignore[assignment]
    for i, candidate in enumerate(candidates):
        if i in done:
            continue
        keep = {
            j: str(st.session_state.get(f"why-{i}-{j}") or "")
            for j in range(len(candidate.hits))
            if st.session_state.get(f"hit-{i}-{j}") == "behouden"
        }
        try:
            n = store(wb, candidate, keep, str(batch.get("coder") or ""))
            done.add(i)
            st.success(t("import_done", id=candidate.story.id, n=n))
        except VerhalenError as exc:
            st.error(str(exc))
    if len(done) == len(candidates):
        state.put(state.IMPORT_BATCH, None)
        state.notify(f"{len(done)} verhalen opgeslagen.")
        st.rerun()
