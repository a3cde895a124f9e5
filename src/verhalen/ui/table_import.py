"""Import a spreadsheet with one story per row: map columns (remembered per file layout), then check.

The mapping starts from the one remembered for this layout (``importing.remembered_mapping``) or from
the column titles (``files.guess_mapping``); other columns can be added as typed free attributes.
"""

from __future__ import annotations

import streamlit as st

from verhalen.app.import_review import Candidate
from verhalen.app.importing import ImportOptions, remember_mapping, remembered_mapping, table_candidates
from verhalen.app.workbench import Workbench
from verhalen.domain import AttributeType, VerhalenError
from verhalen.ingest import files
from verhalen.ingest.tables import ATTRIBUTE_TYPES, FIELDS
from verhalen.ui import uploads
from verhalen.ui.i18n import t
from verhalen.ui.widgets import plain

NONE = "—"
LABELS = {
    "text": "imp_col_text",
    "practice": "practice",
    "role": "role",
    "story_id": "story_id",
    "date": "imp_date",
    "interviewer": "imp_interviewer",
}
TYPE_LABELS = {"text": "imp_type_text", "number": "imp_type_number", "date": "imp_type_date"}


def _start_mapping(name: str, table: files.Table, wb: Workbench) -> files.ColumnMapping:
    saved = remembered_mapping(wb, table)
    if saved is not None:
        st.caption(t("imp_mapping_remembered"))
        return saved
    try:
        return files.guess_mapping(name, table)
    except VerhalenError as exc:
        st.warning(f"{plain(exc)} {t('imp_choose_text_column_below')}")
        return files.guess_mapping(name, table, require_text=False)


def _attribute_form(
    table: files.Table, start: files.ColumnMapping, used: set[str], key: str
) -> tuple[tuple[str, AttributeType], ...]:
    rest = [c for c in table.columns if c not in used]
    types = dict(start.attributes)
    type_labels = {kind: t(label) for kind, label in TYPE_LABELS.items()}
    chosen = st.multiselect(
        t("imp_table_attributes"),
        rest,
        default=[c for c in rest if c in types],
        key=f"attrs-{key}",
    )
    return tuple(
        (
            column,
            st.selectbox(
                t("imp_type_of", column=column),
                ATTRIBUTE_TYPES,
                index=ATTRIBUTE_TYPES.index(types.get(column, "text")),
                format_func=type_labels.__getitem__,
                key=f"type-{key}-{column}",
            ),
        )
        for column in chosen
    )


def _mapping_form(table: files.Table, start: files.ColumnMapping, key: str) -> files.ColumnMapping:
    options = [NONE, *table.columns]
    values: dict[str, str | None] = {}
    cols = st.columns(3)
    for i, field in enumerate(FIELDS):
        default = getattr(start, field) or NONE
        choice = cols[i % 3].selectbox(
            t(LABELS[field]),
            options,
            index=options.index(default) if default in options else 0,
            key=f"map-{key}-{field}",
        )
        values[field] = None if choice == NONE else str(choice)
    attributes = _attribute_form(table, start, {v for v in values.values() if v}, key)
    text = values.pop("text") or ""
    return files.ColumnMapping(text, **values, attributes=attributes)


def table_section(wb: Workbench, practice: str | None, role: str, limit_mb: int) -> list[Candidate] | None:
    """The scanned stories of the good rows once the researcher clicks "Controleren", else None."""
    upload = uploads.file_uploader(
        t("imp_table_label"),
        type=["csv", "xlsx"],
        key="table-upload",
        max_upload_size=limit_mb,
        help=t("imp_table_help", mb=limit_mb),
    )
    if upload is None:
        st.caption(t("imp_table_hint"))
        return None
    try:
        table = files.read_table(upload.name, upload.getvalue(), wb.settings.max_upload_bytes)
    except VerhalenError as exc:
        st.error(plain(exc))
        return None
    key = files.layout_key(table)
    mapping = _mapping_form(table, _start_mapping(upload.name, table, wb), key)
    if not mapping.text:
        st.warning(t("imp_choose_text_column"))
    st.caption(t("imp_table_defaults"))
    if st.button(t("imp_check"), key="table-check", disabled=not mapping.text or not practice):
        remember_mapping(wb, table, mapping)
        return _check_rows(wb, table, mapping, ImportOptions(practice=str(practice), role=role), upload.name)
    return None


def _check_rows(
    wb: Workbench, table: files.Table, mapping: files.ColumnMapping, options: ImportOptions, name: str
) -> list[Candidate]:
    try:
        candidates, errors = table_candidates(wb, name, table, mapping, options)
    except VerhalenError as exc:
        st.error(plain(exc))
        return []
    for error in errors:
        st.warning(plain(error))
    st.caption(t("imp_rows_read", n=len(candidates), total=len(table.rows)))
    return candidates
