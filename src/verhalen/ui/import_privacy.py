"""Privacy tools beside the import on the Verhalen page: the project's names list, and checking the stored
stories again with the current scan."""

from __future__ import annotations

import streamlit as st

from verhalen.app import names_list
from verhalen.app.scanning import rescan_stored
from verhalen.app.workbench import Workbench
from verhalen.domain import VerhalenError
from verhalen.ui.i18n import hit_kind, t
from verhalen.ui.numbers import count
from verhalen.ui.widgets import plain


def names_section(wb: Workbench) -> None:
    """The project's names list, one entry per line, saved whole or not at all."""
    with st.expander(t("names_title")):
        current = "\n".join(names_list.project_names(wb))
        text = st.text_area(t("names_title"), value=current, help=t("names_help"), key="names-list")
        if st.button(t("names_save"), key="names-save"):
            try:
                saved = names_list.set_project_names(wb, text.splitlines())
            except VerhalenError as exc:
                st.error(plain(exc))
            else:
                st.success(t("names_saved", names=count(len(saved), "name")))


def rescan_section(wb: Workbench) -> None:
    """Check the stored stories again with the current scan (e.g. after it learnt more names)."""
    with st.expander(t("rescan_title")):
        st.caption(t("rescan_help"))
        if st.button(t("rescan_button"), key="rescan"):
            with st.spinner(t("rescan_busy")):
                found = list(rescan_stored(wb))
            if not found:
                st.success(t("rescan_none"))
                return
            st.warning(
                t(
                    "rescan_found",
                    hits=count(len(found), "identifying"),
                    stories=count(len({f["story"] for f in found}), "story"),
                )
            )
            rows = [
                {
                    t("story_id"): f["story"],
                    t("rescan_label"): hit_kind(f["label"]),
                    t("rescan_text"): f["text"],
                }
                for f in found
            ]
            st.dataframe(rows, hide_index=True, width="stretch")
