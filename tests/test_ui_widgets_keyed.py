"""Every input widget of the UI has a key, so a language switch (which changes every label, and with it the
identity Streamlit gives a widget without a key) keeps what the researcher chose and typed."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "src" / "verhalen" / "ui"
INPUTS = {
    "text_input", "multiselect", "selectbox", "radio", "toggle", "checkbox", "slider", "number_input",
    "text_area", "segmented_control", "pills", "select_slider", "date_input", "file_uploader", "data_editor",
}  # fmt: skip
# The login form is shown before a language can matter, and a password must not live in the session state.
UNKEYED_ON_PURPOSE = {"login.py"}


def unkeyed(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            selectable = node.func.attr == "dataframe" and any(k.arg == "on_select" for k in node.keywords)
            if (node.func.attr in INPUTS or selectable) and not any(k.arg == "key" for k in node.keywords):
                found.append(f"{node.func.attr} on line {node.lineno}")
    return found


def test_the_check_finds_an_unkeyed_widget() -> None:
    assert unkeyed('st.text_input(t("search"))\nst.text_input(t("x"), key="x")') == ["text_input on line 1"]
    assert unkeyed('st.dataframe(df, on_select="rerun")') == ["dataframe on line 1"]
    assert unkeyed("st.dataframe(df)") == []


def test_every_input_widget_has_a_key() -> None:
    missing = {
        str(path.relative_to(UI)): found
        for path in sorted(UI.rglob("*.py"))
        if path.name not in UNKEYED_ON_PURPOSE and (found := unkeyed(path.read_text(encoding="utf-8")))
    }
    assert missing == {}
