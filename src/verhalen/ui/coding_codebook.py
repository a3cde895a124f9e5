"""The Coderen page's codebook panel: per code its name in its colour, the definition, when to code it
and when not, and two examples; sub-codes under their parent. Collapsed by default, and outside the
cards' fragments: a ✓ / ✗ / ↺ on a card never renders it. Closed it renders nothing; open, one
st.markdown per code."""

from __future__ import annotations

import streamlit as st

from verhalen.domain import Code, Codebook
from verhalen.ui.i18n import t
from verhalen.ui.widgets import chip, plain

EXAMPLES_SHOWN = 2


def _flat(text: str) -> str:
    """A codebook text on one line (YAML keeps line breaks of a literal block)."""
    return " ".join(text.split())


def code_markdown(code: Code, sub: bool = False) -> str:
    """One code as markdown: its chip (the label as character references) and full name, then the texts
    the codebook gives, escaped. A sub-code is a block quote: indented under its parent."""
    head = chip(code)
    if code.name != code.label:
        head += f" **{plain(_flat(code.name))}**"
    if code.inductive:
        head += f" · *{t('cb_inductive')}*"
    lines = [head]
    for key, text in (
        ("cb_definition", code.definition),
        ("cb_when", code.when_to_use),
        ("cb_when_not", code.when_not_to_use),
    ):
        if text.strip():
            lines.append(f"**{t(key)}:** {plain(_flat(text))}")
    examples = [_flat(e) for e in code.examples if e.strip()][:EXAMPLES_SHOWN]
    if examples:
        lines.append(f"**{t('cb_examples')}:** " + " · ".join(f"“{plain(e)}”" for e in examples))
    if sub:
        return "  \n".join("> " + line for line in lines)
    return "  \n".join(lines)


PANEL_KEY = "codebook_panel"  # the expander's open state: shared by the cards and the document view
PANEL_HEIGHT = 420  # px: the open panel scrolls inside itself instead of pushing the text down the page


def codebook_panel(book: Codebook, height: int = PANEL_HEIGHT) -> None:
    """The codebook in an expander, collapsed by default. Its open state is tracked (opening it reruns
    the page once), so while it is closed nothing inside it is rendered at all. Open: the top-level codes
    in codebook order, each followed by its sub-codes (a sub-code whose parent is gone comes last)."""
    panel = st.expander(t("cb_panel"), icon=":material/menu_book:", key=PANEL_KEY, on_change="rerun")
    if not panel.open:
        return
    with panel, st.container(height=height, border=False):
        placed: set[str] = set()
        for factor in book.factors:
            st.markdown(code_markdown(factor), unsafe_allow_html=True)
            placed.add(factor.id)
            for sub in book.children(factor.id):
                st.markdown(code_markdown(sub, sub=True), unsafe_allow_html=True)
                placed.add(sub.id)
        for code in book.codes:
            if code.id not in placed:
                st.markdown(code_markdown(code, sub=True), unsafe_allow_html=True)
