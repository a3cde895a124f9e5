"""Import on the Verhalen page: upload, check for identifiers, pseudonymise or keep with a reason, store.

Nothing is stored until the researcher has decided on every hit. The batch under review (a list of
``import_review.Candidate``) waits in session state (a display cache); "Opslaan" stores it through
``importing.store_batch`` and replaces it by the ``ImportReport``, which is shown once.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from verhalen.app import names_list
from verhalen.app.import_review import (
    Candidate,
    add_hits,
    hit_groups,
    missing_reasons,
    preview,
    with_story_id,
)
from verhalen.app.importing import (
    ImportOptions,
    ImportReport,
    duplicate_ids,
    parse_attributes,
    practice_options,
    read_text_candidate,
    store_batch,
)
from verhalen.app.workbench import Workbench
from verhalen.domain import ROLES, Attribute, VerhalenError
from verhalen.ingest.files import MB
from verhalen.ingest.privacy import LABELS
from verhalen.messages import Joined
from verhalen.ui import login, state
from verhalen.ui.i18n import error_text, hit_kind, role_names, t
from verhalen.ui.import_privacy import names_section, rescan_section
from verhalen.ui.numbers import count
from verhalen.ui.table_import import table_section
from verhalen.ui.uploads import file_uploader
from verhalen.ui.widgets import plain, tp

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
    label = {**practices, NEW_PRACTICE: t("imp_new_practice_option")}
    choice = st.selectbox(t("practice"), [*practices, NEW_PRACTICE], format_func=label.__getitem__, key=key)
    if choice != NEW_PRACTICE:
        return str(choice)
    name = st.text_input(t("imp_new_practice_name"), key=f"{key}-new")
    st.button(
        t("imp_add_practice"), key=f"{key}-add", on_click=_add_practice, args=(wb, key), disabled=not name
    )
    return None


def import_section(wb: Workbench) -> None:
    st.subheader(t("imp_title"))
    if not login.may("import"):  # team mode: no upload, check and review only to be refused at "Opslaan"
        st.info(login.only_line("import"))
        return
    _show_report()
    names_section(wb)
    rescan_section(wb)
    left, right = st.columns(2)
    with left:
        practice = _practice_choice(wb, "import-practice")
    role = str(right.selectbox(t("role"), ROLES, format_func=role_names(), key="import-role"))
    files_tab, table_tab = st.tabs([t("imp_tab_files"), t("imp_tab_table")])
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
        st.success(tp("imp_stored", name=name, fragments=count(n, "fragment")))
    for name, why in report.failed:
        st.error(tp("imp_not_stored", name=name, why=" ".join(error_text(why).split())))
    state.put(state.IMPORT_BATCH, None)


def _files_form(wb: Workbench, practice: str | None, role: str) -> list[Candidate] | None:
    """The scanned stories of the readable uploads once the researcher clicks "Controleren", else None."""
    uploads = file_uploader(
        t("imp_files_label"),
        type=["txt", "docx", "odt", "pdf"],
        accept_multiple_files=True,
        key="uploads",
        max_upload_size=upload_limit_mb(wb),
        help=t("imp_files_help", mb=upload_limit_mb(wb)),
    )
    story_id = st.text_input(t("story_id"), help=t("imp_story_id_help"), key="import-id")
    left, right = st.columns(2)
    when = left.text_input(t("imp_date"), placeholder=t("imp_date_placeholder"), key="import-date")
    interviewer = right.text_input(t("imp_interviewer"), key="import-interviewer")
    extra = st.text_area(
        t("imp_attributes"),
        placeholder=t("imp_attributes_placeholder"),
        help=t("imp_attributes_help"),
        key="import-attributes",
    )
    if st.button(t("imp_check"), type="primary", disabled=not uploads or not practice):
        try:
            attributes = parse_attributes(extra.splitlines())
        except VerhalenError as exc:
            st.error(plain(exc))
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
        st.error(t("imp_story_id_one_file"))
        return []
    candidates: list[Candidate] = []
    progress = st.progress(0.0, text=t("imp_checking_files"))
    for i, upload in enumerate(uploads):
        try:
            candidates.append(read_text_candidate(wb, upload.name, upload.getvalue(), options))
        except VerhalenError as exc:
            st.error(plain(exc))
        progress.progress((i + 1) / len(uploads), text=t("imp_files_checked", i=i + 1, n=len(uploads)))
    return candidates


def put_batch(wb: Workbench, candidates: list[Candidate]) -> None:
    """Put the candidates with a new story id up for review; report the others."""
    duplicates = duplicate_ids(wb, [c.story.id for c in candidates])
    for i, message in duplicates.items():
        st.error(plain(Joined([f"{candidates[i].name}:", message])))
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


def _hit_rows(wb: Workbench, token: str, index: int, candidate: Candidate) -> None:
    """One row per name (all its mentions), with the choice, a reason and "add to the names list"."""
    if not candidate.hits:
        st.caption(t("imp_no_hits"))
    labels = {PSEUDONYMISE: t("imp_pseudonimiseren"), KEEP: t("imp_behouden")}
    for g, group in enumerate(hit_groups(candidate)):
        hit = candidate.hits[group[0]]
        cols = st.columns([4, 2, 3, 2])
        mentions = f" {t('imp_mentions', n=len(group))}" if len(group) > 1 else ""
        context = _context(candidate.story.text, hit.start, hit.end)
        cols[0].markdown(f"`{plain(hit_kind(hit.label))}` " + context + mentions)
        choice = cols[1].radio(
            t("imp_hit_choice", n=g + 1),
            [PSEUDONYMISE, KEEP],
            format_func=labels.__getitem__,
            key=f"hit-{token}-{index}-{g}",
            horizontal=True,
            label_visibility="collapsed",
        )
        if choice == KEEP:
            cols[2].text_input(
                t("imp_reason"), key=f"why-{token}-{index}-{g}", placeholder=t("imp_reason_placeholder")
            )
        cols[3].button(
            t("imp_add_to_list"),
            key=f"list-{token}-{index}-{g}",
            help=t("imp_add_to_list_help"),
            on_click=_add_to_list,
            args=(wb, hit.text, hit.label),
        )


def _add_to_list(wb: Workbench, text: str, label: str) -> None:
    try:
        names_list.add_project_name(wb, text, label)
        st.session_state.pop("names-list", None)  # the list's editor shows the new entry
        state.notify(t("imp_added_to_list", name=" ".join(text.split())))
    except VerhalenError as exc:
        state.notify(error_text(exc))


def _pseudonymise_all(token: str, batch: Sequence[Candidate]) -> None:
    for i, candidate in enumerate(batch):
        for g in range(len(hit_groups(candidate))):
            st.session_state[f"hit-{token}-{i}-{g}"] = PSEUDONYMISE


def _keep(token: str, index: int, candidate: Candidate) -> dict[int, str]:
    """Hit index → reason for every mention of each name the researcher keeps."""
    keep: dict[int, str] = {}
    for g, group in enumerate(hit_groups(candidate)):
        if st.session_state.get(f"hit-{token}-{index}-{g}") == KEEP:
            reason = str(st.session_state.get(f"why-{token}-{index}-{g}") or "")
            keep |= dict.fromkeys(group, reason)
    return keep


def _decisions(token: str, index: int, candidate: Candidate) -> dict[tuple[str, str], tuple[object, object]]:
    groups = hit_groups(candidate)
    return {
        (candidate.hits[group[0]].label, candidate.hits[group[0]].text.casefold()): (
            st.session_state.get(f"hit-{token}-{index}-{g}"),
            st.session_state.get(f"why-{token}-{index}-{g}"),
        )
        for g, group in enumerate(groups)
    }


def _add_span(token: str, index: int) -> None:
    """Pseudonymise a span the researcher pasted; the choices made so far carry over to the new batch."""
    batch = state.get(state.IMPORT_BATCH)
    if not isinstance(batch, list):
        return
    surface = str(st.session_state.get(f"span-{token}-{index}") or "")
    label = str(st.session_state.get(f"span-label-{token}-{index}") or "persoon")
    try:
        changed = add_hits(batch[index], surface, label)
    except VerhalenError as exc:
        st.session_state[f"span-error-{token}-{index}"] = error_text(exc)
        return
    before = [_decisions(token, i, c) for i, c in enumerate(batch)]
    story_ids = [st.session_state.get(f"sid-{token}-{i}") for i in range(len(batch))]
    batch = [*batch[:index], changed, *batch[index + 1 :]]
    new = batch_token(batch)
    for i, candidate in enumerate(batch):
        if story_ids[i] is not None:
            st.session_state[f"sid-{new}-{i}"] = story_ids[i]
        for g, group in enumerate(hit_groups(candidate)):
            hit = candidate.hits[group[0]]
            choice, why = before[i].get((hit.label, hit.text.casefold()), (None, None))
            if choice is not None:
                st.session_state[f"hit-{new}-{i}-{g}"] = choice
            if why is not None:
                st.session_state[f"why-{new}-{i}-{g}"] = why
    state.put(state.IMPORT_BATCH, batch)


def _span_row(token: str, index: int) -> None:
    left, middle, right = st.columns([5, 2, 2], vertical_alignment="bottom")
    left.text_input(t("imp_span"), key=f"span-{token}-{index}", help=t("imp_span_help"))
    middle.selectbox(t("imp_span_label"), LABELS, format_func=hit_kind, key=f"span-label-{token}-{index}")
    right.button(t("imp_span_add"), key=f"span-add-{token}-{index}", on_click=_add_span, args=(token, index))
    error = st.session_state.pop(f"span-error-{token}-{index}", None)
    if error:
        st.error(plain(error))


def _candidate(wb: Workbench, token: str, index: int, candidate: Candidate) -> None:
    st.session_state.setdefault(f"sid-{token}-{index}", candidate.story.id)
    st.text_input(t("story_id"), key=f"sid-{token}-{index}", help=t("imp_story_id_proposed"))
    _hit_rows(wb, token, index, candidate)
    _span_row(token, index)
    if st.toggle(t("imp_preview"), key=f"preview-{token}-{index}"):
        st.code(preview(candidate, _keep(token, index, candidate)), language=None, wrap_lines=True)


def review(wb: Workbench, batch: list[Candidate]) -> None:
    token = batch_token(batch)
    st.subheader(t("imp_review_title"))
    total = sum(len(c.hits) for c in batch)
    st.write(t("imp_review_intro", stories=count(len(batch), "story"), hits=count(total, "identifying")))
    st.button(
        t("imp_pseudonymise_all"),
        on_click=_pseudonymise_all,
        args=(token, batch),
        disabled=total == 0,
        key="import-all",
    )
    for i, candidate in enumerate(batch):
        title = tp(
            "imp_candidate_title",
            id=candidate.story.id,
            name=candidate.name,
            hits=count(len(candidate.hits), "hit"),
        )
        with st.expander(title, expanded=bool(candidate.hits)):
            _candidate(wb, token, i, candidate)
    left, right = st.columns(2)
    if left.button(t("imp_store"), type="primary", key="import-store"):
        _store(wb, token, batch)
    if right.button(t("imp_cancel"), key="import-cancel"):
        state.put(state.IMPORT_BATCH, None)
        st.rerun()


def _store(wb: Workbench, token: str, batch: list[Candidate]) -> None:
    """Store the whole batch once every kept hit has a reason; otherwise store nothing."""
    try:
        batch = [
            with_story_id(c, str(st.session_state.get(f"sid-{token}-{i}") or c.story.id))
            for i, c in enumerate(batch)
        ]
    except VerhalenError as exc:
        st.error(plain(exc))
        return
    duplicates = duplicate_ids(wb, [c.story.id for c in batch])
    if duplicates:
        for i, message in duplicates.items():
            st.error(plain(Joined([f"{batch[i].name}:", message])))
        return
    keeps = [_keep(token, i, c) for i, c in enumerate(batch)]
    missing = [m for c, keep in zip(batch, keeps, strict=True) for m in missing_reasons(c, keep)]
    missing = list({str(m): m for m in missing}.values())  # one message per kept name, not per mention
    if missing:
        for message in missing:
            st.error(plain(message))
        st.error(t("imp_missing_reasons"))
        return
    with st.spinner(t("imp_storing")):
        report = store_batch(wb, batch, keeps, str(state.get(state.CODER) or ""))
    state.put(state.IMPORT_BATCH, report)
    if report.stored:
        state.notify(t("imp_stored_n", stories=count(len(report.stored), "story")))
    st.rerun()
