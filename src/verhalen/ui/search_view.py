"""Widgets of the Zoeken page: the query's words first, then meaning, over every codable fragment.

The query is embedded once; the fragments' vectors come from the database (stored at import). Matching
words are highlighted; every piece of story text is escaped with ``plain`` first (never HTML).
A search can also start from a fragment (``?lijkt_op=<id>``, linked from the Coderen page).
"""

from __future__ import annotations

import io

import streamlit as st

from verhalen.analysis.search import MAX_HITS, Hit, SearchFilter
from verhalen.app import pages
from verhalen.app.retrieval import code_name, code_options
from verhalen.app.workbench import Workbench
from verhalen.domain import Codebook
from verhalen.interchange.cells import write_csv_table
from verhalen.ui import state
from verhalen.ui.i18n import role_name, t
from verhalen.ui.numbers import count, number
from verhalen.ui.retrieval_view import code_chip
from verhalen.ui.widgets import chips, group_filters, plain, tp

CODEREN = "src/verhalen/ui/app_pages/coderen.py"
ZOEKEN = "src/verhalen/ui/app_pages/zoeken.py"
LIKE_PARAM = "lijkt_op"


def like_from_url() -> int | None:
    value = st.query_params.get(LIKE_PARAM)
    return int(value) if value and str(value).isdigit() else None


def filters(wb: Workbench, codebook: Codebook) -> tuple[SearchFilter, int]:
    """Practice, role, code and word filters plus the number of results, in one row."""
    practices = pages.practice_names(wb)
    everything = t("all")
    cols = st.columns([2, 2, 2, 2, 1])
    practice, role = group_filters(cols, practices, "search")
    codes = {c: code_name(codebook, c) for c in code_options(codebook)}  # 'Groepsgevoel › Herkenning'
    code = cols[2].selectbox(
        t("search_code"),
        [None, *codes],
        format_func=lambda c: everything if c is None else codes[c],
        help=t("search_code_help"),
        key="search_code",
    )
    contains = cols[3].text_input(t("search_contains"), help=t("search_contains_help"), key="search_contains")
    limit = int(
        cols[4].number_input(t("search_limit"), min_value=1, max_value=MAX_HITS, value=20, key="search_limit")
    )
    return SearchFilter(practice, role, code, contains.strip()), limit


def source(wb: Workbench, fragment_id: int) -> None:
    """The fragment a 'vergelijkbaar' search started from, with a link back to a free search."""
    fragment = pages.fragment(wb, fragment_id)
    with st.container(border=True):
        st.caption(tp("search_like", story=fragment.story_id))
        st.markdown(plain(fragment.text))
        st.page_link(ZOEKEN, label=t("search_clear"), icon="✖️")


def highlighted(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Markdown of ``text`` with ``spans`` marked; each piece is escaped, so no story text is markup."""
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if start >= end:
            continue
        pieces += [plain(text[position:start]), f":orange-background[**{plain(text[start:end])}**]"]
        position = end
    pieces.append(plain(text[position:]))
    return "".join(pieces)


def _where(hit: Hit, practices: dict[str, str], kind: str = "") -> str:
    """'story · practice · role[ · match] · overeenkomst 0,83' (markdown-safe)."""
    return plain(
        f"{hit.story.id} · {practices.get(hit.story.practice, hit.story.practice)} · "
        f"{role_name(hit.story.role)}{kind} · {t('search_similarity')} {number(hit.score, 2)}"
    )


def _open_link(hit: Hit) -> None:
    st.page_link(
        CODEREN,
        label=t("search_open"),
        icon="🏷️",
        query_params={state.STORY_PARAM: hit.story.id, state.FRAGMENT_PARAM: str(hit.fragment.id)},
    )


def _count_line(hits: list[Hit], typed: bool) -> str:
    """How many results: passages, and the fragments behind them when some share a text."""
    fragments = count(sum(len(h.all) for h in hits), "fragment")
    if len(hits) != sum(len(h.all) for h in hits):  # some passages stand for more fragments
        key = "search_passage_one" if len(hits) == 1 else "search_passage_many"
        fragments = t("search_grouped", passages=t(key, n=number(len(hits), 0)), fragments=fragments)
    return t("search_count_words" if typed else "search_count_like", fragments=fragments)


def _same_text(hit: Hit, practices: dict[str, str]) -> None:
    """A passage that several fragments share: in how many fragments and stories, and each of them."""
    st.caption(
        t(
            "search_same_text",
            fragments=count(len(hit.all), "fragment"),
            stories=count(len(hit.story_ids), "story"),
        )
    )
    with st.expander(t("search_same_text_all", n=number(len(hit.all), 0))):
        for other in hit.all:
            meta, link = st.columns([5, 1], vertical_alignment="center")
            meta.caption(_where(other, practices))
            with link:
                _open_link(other)


def results(hits: list[Hit], codebook: Codebook, practices: dict[str, str], typed: bool = True) -> None:
    if not hits:
        st.info(t("search_none"))
        return
    st.caption(_count_line(hits, typed))
    known = {c.id: c for c in codebook.codes}
    for hit in hits:
        with st.container(border=True):
            meta, link = st.columns([5, 1], vertical_alignment="center")
            kind = f" · {t(f'search_kind_{hit.match.kind}')}" if typed else ""
            meta.caption(_where(hit, practices, kind))
            with link:
                _open_link(hit)
            st.markdown(highlighted(hit.fragment.text, hit.match.spans))
            chips([code_chip(codebook, c) for c in code_options(codebook) if c in hit.codes and c in known])
            if hit.same:
                _same_text(hit, practices)


def csv_bytes(hits: list[Hit]) -> bytes:
    """The results as CSV for a spreadsheet (cells that could be read as a formula are neutralised): one
    row per fragment, those that share a text with the same ``passage`` number (the result's place)."""
    columns = (
        "fragment_id",
        "story_id",
        "practice",
        "role",
        "match",
        "similarity",
        "codes",
        "passage",
        "text",
    )
    rows = [
        {
            "fragment_id": str(h.fragment.id),
            "story_id": h.story.id,
            "practice": h.story.practice,
            "role": h.story.role,
            "match": h.match.kind,
            "similarity": f"{h.score:.4f}",
            "codes": ";".join(sorted(h.codes)),
            "passage": str(place),
            "text": h.fragment.text,
        }
        for place, passage in enumerate(hits, start=1)
        for h in passage.all
    ]
    buffer = io.BytesIO()
    write_csv_table(buffer, columns, rows)
    return buffer.getvalue()
