"""Import a spreadsheet with one story per row: map columns (remembered per file layout), then check."""

from __future__ import annotations

import json

import streamlit as st

from verhalen import ingest
from verhalen.domain import ROLES, VerhalenError
from verhalen.importing import scan_story
from verhalen.services import Workbench
from verhalen.ui import state

NONE = "—"
FIELDS = (
    ("text", "Tekst"),
    ("practice", "Praktijk"),
    ("role", "Rol"),
    ("story_id", "Verhaal-id"),
    ("date", "Datum"),
    ("interviewer", "Interviewer"),
)
TYPES = ("text", "number", "date")


def _remembered(wb: Workbench, key: str) -> dict[str, object]:
    raw = wb.repo.get_setting(f"layout:{key}")
    return dict(json.loads(raw)) if raw else {}


def _guess(columns: tuple[str, ...], field: str) -> str:
    aliases = {
        "text": ("text", "tekst", "verhaal"),
        "practice": ("praktijk", "practice"),
        "role": ("rol", "role"),
        "story_id": ("id", "story_id", "verhaal_id"),
        "date": ("datum", "date"),
        "interviewer": ("interviewer",),
    }
    for column in columns:
        if column.strip().lower() in aliases[field]:
            return column
    return NONE


def _mapping_form(
    table: ingest.Table, saved: dict[str, object]
) -> tuple[ingest.ColumnMapping, dict[str, object]]:
    options = [NONE, *table.columns]
    chosen: dict[str, object] = {}
    cols = st.columns(3)
    for i, (field, label) in enumerate(FIELDS):
        default = str(saved.get(field) or _guess(table.columns, field))
        index = options.index(default) if default in options else 0
        chosen[field] = cols[i % 3].selectbox(label, options, index=index, key=f"map-{field}")
    used = {v for v in chosen.values() if v != NONE}
    rest = [c for c in table.columns if c not in used]
    saved_attrs = dict(saved.get("attributes", []))  # type: ignore[call-overload]
    attributes = st.multiselect("Vrije attributen", rest, default=[c for c in rest if c in saved_attrs])
    typed = tuple(
        (
            c,
            st.selectbox(
                f"Type van {c}", TYPES, index=TYPES.index(saved_attrs.get(c, "text")), key=f"type-{c}"
            ),
        )
        for c in attributes
    )
    chosen["attributes"] = [list(pair) for pair in typed]
    values: dict[str, str | None] = {
        k: (None if v == NONE else str(v)) for k, v in chosen.items() if k != "attributes"
    }
    mapping = ingest.ColumnMapping(
        text=values["text"] or "",
        practice=values["practice"],
        role=values["role"],
        story_id=values["story_id"],
        date=values["date"],
        interviewer=values["interviewer"],
        attributes=typed,  # type: ignore[arg-type]
    )
    return mapping, chosen


def table_section(wb: Workbench) -> None:
    upload = st.file_uploader("Tabel", type=["csv", "xlsx"], key="table-upload")
    if upload is None:
        return
    try:
        table = ingest.read_table(upload.name, upload.getvalue(), wb.settings.max_upload_bytes)
    except VerhalenError as exc:
        st.error(str(exc))
        return
    key = ingest.layout_key(table)
    saved = _remembered(wb, key)
    if saved:
        st.caption("Kolomindeling van een eerder bestand met dezelfde kolommen is overgenomen.")
    mapping, chosen = _mapping_form(table, saved)
    practices = [p.id for p in wb.repo.practices()]
    left, right = st.columns(2)
    default_practice = left.selectbox("Praktijk als de kolom leeg is", practices, key="table-practice")
    default_role = right.selectbox("Rol als de kolom leeg is", ROLES, key="table-role")
    if st.button("Controleren op herleidbare gegevens", key="table-check", disabled=mapping.text == ""):
        wb.repo.set_setting(f"layout:{key}", json.dumps(chosen, ensure_ascii=False))
        _check_rows(wb, table, mapping, str(default_practice), str(default_role), upload.name)


def _check_rows(
    wb: Workbench, table: ingest.Table, mapping: ingest.ColumnMapping, practice: str, role: str, name: str
) -> None:
    try:
        results = ingest.stories_from_table(
            table, mapping, default_practice=practice, default_role=role, source_name=name
        )
    except VerhalenError as exc:
        st.error(str(exc))
        return
    for result in results:
        if result.error:
            st.warning(result.error)
    stories = [r.story for r in results if r.story is not None]
    candidates = [scan_story(f"{name} rij {r.line}", r.story, wb.settings) for r in results if r.story]
    st.caption(f"{len(stories)} van {len(results)} rijen gelezen.")
    state.put(state.IMPORT_BATCH, {"candidates": candidates, "coder": str(state.get(state.CODER) or "")})
