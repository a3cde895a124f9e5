"""Streamlit entry point: `streamlit run app.py` (or `make run`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from verhalen.ui import shell

PAGES = Path(__file__).parent / "src" / "verhalen" / "ui" / "app_pages"


def main() -> None:
    shell.restore_language()  # before the page titles are translated
    navigation = st.navigation(
        [
            st.Page(PAGES / "verhalen.py", title=shell.t("page_stories"), icon="📚", default=True),
            st.Page(PAGES / "coderen.py", title=shell.t("page_code"), icon="🏷️", url_path="coderen"),
            st.Page(
                PAGES / "overeenstemming.py",
                title=shell.t("page_agreement"),
                icon="🤝",
                url_path="overeenstemming",
            ),
            st.Page(
                PAGES / "vergelijken.py", title=shell.t("page_compare"), icon="📊", url_path="vergelijken"
            ),
            st.Page(PAGES / "themas.py", title=shell.t("page_themes"), icon="🧭", url_path="themas"),
            st.Page(PAGES / "codes.py", title=shell.t("page_codes"), icon="🗂️", url_path="codes"),
            st.Page(PAGES / "ophalen.py", title=shell.t("page_retrieve"), icon="📑", url_path="ophalen"),
            st.Page(PAGES / "zoeken.py", title=shell.t("page_search"), icon="🔎", url_path="zoeken"),
            st.Page(
                PAGES / "geschiedenis.py", title=shell.t("page_history"), icon="🕘", url_path="geschiedenis"
            ),
            st.Page(PAGES / "exporteren.py", title=shell.t("page_export"), icon="📦", url_path="exporteren"),
        ]
    )
    # opens the project (a database that cannot be reached is a message, not a traceback); in team mode
    # the login form comes first and ends this run normally, without a page
    if shell.sidebar():
        navigation.run()


st.set_page_config(page_title="verhalen", page_icon="📖", layout="wide")
shell.run_guarded(main)
