"""Widgets of the Coderen page. Every button writes its decision to the database in its callback."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import streamlit as st

from verhalen.domain import Codebook, Coding, Fragment, Suggestion, VerhalenError
from verhalen.review import QueueMode, merge_with_next, next_in_queue, split_at, uncertainty
from verhalen.segment import split_points
from verhalen.services import Workbench
from verhalen.ui import state
from verhalen.ui.i18n import t
from verhalen.ui.widgets import chip, chips, plain

SHOW_AT_MOST = 3
SHOW_FROM_DEFAULT = 0.2
SHOW_FROM_SETTING = "coderen.toon_vanaf"  # project setting: the "Toon suggesties vanaf" value


def show_from(wb: Workbench) -> float:
    """The display threshold: this session's slider, else the project's saved value, else 20 %."""
    if state.SHOW_FROM not in st.session_state:
        saved = wb.repo.get_setting(SHOW_FROM_SETTING)
        try:
            value = min(0.95, max(0.05, float(saved))) if saved else SHOW_FROM_DEFAULT
        except ValueError:
            value = SHOW_FROM_DEFAULT
        st.session_state[state.SHOW_FROM] = value
    return float(st.session_state[state.SHOW_FROM])


def _save_show_from(wb: Workbench) -> None:
    wb.repo.set_setting(SHOW_FROM_SETTING, f"{float(st.session_state[state.SHOW_FROM]):.2f}")


@dataclass
class CodingView:
    """Everything one rerun of the page shows, read from the database in a few queries."""

    story_id: str
    coder: str
    codebook: Codebook
    fragments: list[Fragment]
    suggestions: dict[int, list[Suggestion]]
    mine: dict[int, dict[str, Coding]]
    others: dict[int, list[Coding]]
    memos: dict[int, str]
    sources: dict[str, str]  # a quoted example that is a coded fragment -> its story

    @classmethod
    def load(cls, wb: Workbench, story_id: str, coder: str, blind: bool) -> CodingView:
        mine: dict[int, dict[str, Coding]] = defaultdict(dict)
        others: dict[int, list[Coding]] = defaultdict(list)
        for coding in wb.repo.codings(story_id=story_id):
            if coding.coder == coder:
                mine[coding.fragment_id][coding.code] = coding
            elif not blind:
                others[coding.fragment_id].append(coding)
        fragments = wb.repo.fragments(story_id)
        ids = {f.id for f in fragments}
        memos = {m.fragment_id: m.text for m in wb.repo.memos() if m.coder == coder and m.fragment_id in ids}
        suggestions = wb.repo.suggestions(story_id)
        quoted = {e for ss in suggestions.values() for s in ss[:SHOW_AT_MOST] for e in s.rationale.examples}
        sources = wb.repo.stories_of_texts(quoted)
        return cls(story_id, coder, wb.codebook(), fragments, suggestions, mine, others, memos, sources)

    def decided(self, fragment_id: int) -> bool:
        return bool(self.mine.get(fragment_id))

    def uncertainty(self, fragment_id: int) -> float:
        return uncertainty([s.score for s in self.suggestions.get(fragment_id, [])])

    def ordered(self, order: str, focus: int | None = None) -> list[Fragment]:
        fragments = self.fragments
        if order == "uncertain":
            fragments = sorted(fragments, key=lambda f: (self.decided(f.id), -self.uncertainty(f.id)))
        return sorted(fragments, key=lambda f: f.id != focus)  # stable: the queue's fragment first


def _decide(wb: Workbench, fragment_id: int, code: str, coder: str, status: str) -> None:
    try:
        wb.decide(fragment_id, code, coder, status)
    except VerhalenError as exc:
        state.notify(str(exc))


def _withdraw(wb: Workbench, fragment_id: int, code: str, coder: str) -> None:
    wb.withdraw(fragment_id, code, coder)


def _undo(wb: Workbench, coder: str) -> None:
    if not wb.undo(coder):
        state.notify(t("nothing_to_undo"))


def _add(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    code = st.session_state.get(key)
    if code:
        _decide(wb, fragment_id, str(code), coder, "confirmed")
        st.session_state[key] = None


def _memo(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    wb.set_memo(fragment_id, coder, str(st.session_state.get(key) or ""))


def story_picker(wb: Workbench) -> str | None:
    stories = wb.repo.stories()
    if not stories:
        st.info(t("no_stories"))
        return None
    ids = [s.id for s in stories]
    if state.get(state.STORY) not in ids:
        state.put(state.STORY, ids[0])
    progress = {p.story_id: p for p in wb.progress(str(state.get(state.CODER) or "") or None)}

    def label(story_id: str) -> str:
        p = progress.get(story_id)
        return f"{story_id} ({p.decided}/{p.total})" if p else story_id

    left, right = st.columns([3, 2])
    chosen = left.selectbox(t("story"), ids, key=state.STORY, format_func=label)
    done = sum(p.decided for p in progress.values())
    total = sum(p.total for p in progress.values())
    right.progress(done / total if total else 0.0, text=t("project_progress", d=done, t=total))
    return str(chosen)


def _jump(wb: Workbench, coder: str, mode: QueueMode) -> None:
    item = next_in_queue(wb, coder, mode)
    if item is None:
        state.notify(t("queue_empty"))
        return
    state.put(state.STORY, item.story_id)
    state.put(state.FOCUS, item.fragment_id)


def _confirm_above(wb: Workbench, story_id: str, coder: str) -> None:
    threshold = float(state.get(state.THRESHOLD))
    count = wb.confirm_above(story_id, coder, threshold)
    state.notify(t("bulk_done", n=count, p=f"{threshold:.0%}"))


def toolbar(wb: Workbench, view: CodingView) -> None:
    codable = [f for f in view.fragments if f.codable]
    done = sum(view.decided(f.id) for f in codable)
    st.progress(done / len(codable) if codable else 0.0, text=t("progress", d=done, t=len(codable)))
    cols = st.columns([3, 2, 2, 2])
    cols[0].radio(
        t("order"),
        ["reading", "uncertain"],
        key=state.ORDER,
        horizontal=True,
        format_func=lambda o: t(f"order_{o}"),
    )
    cols[1].toggle(t("blind"), key=state.BLIND, help=t("blind_help"))
    cols[2].button(t("next_undecided"), on_click=_jump, args=(wb, view.coder, "undecided"))
    cols[3].button(t("next_uncertain"), on_click=_jump, args=(wb, view.coder, "uncertain"))
    cols = st.columns([3, 2, 2, 2])
    cols[0].slider(t("threshold"), 0.5, 0.99, key=state.THRESHOLD, step=0.01, format="percent")
    cols[1].button(
        t("bulk_confirm"), on_click=_confirm_above, args=(wb, view.story_id, view.coder), help=t("bulk_help")
    )
    show_from(wb)
    cols[2].slider(
        t("show_from"),
        0.05,
        0.95,
        key=state.SHOW_FROM,
        step=0.05,
        format="percent",
        help=t("show_from_help"),
        on_change=_save_show_from,
        args=(wb,),
    )
    cols[3].button(t("undo"), on_click=_undo, args=(wb, view.coder), help=t("undo_help"))


def _suggestion_row(wb: Workbench, view: CodingView, fragment: Fragment, s: Suggestion, added: bool) -> None:
    code = view.codebook.get(s.code)
    mine = view.mine.get(fragment.id, {}).get(s.code)
    cols = st.columns([4, 1, 1], vertical_alignment="center")
    status = "" if mine is None else (" ✓" if mine.status == "confirmed" else " ✗")
    label = view.codebook.path(s.code).replace("/", " › ") if code.parent else code.label
    score = "" if added else f" {s.score:.0%}"
    cols[0].markdown(
        chip(code, f"{label}{score}{status}", faded=mine is not None and mine.status == "rejected"),
        unsafe_allow_html=True,
    )
    if mine is None:
        cols[1].button(
            "✓",
            key=f"ok-{fragment.id}-{s.code}",
            help=t("confirm"),
            type="tertiary",
            on_click=_decide,
            args=(wb, fragment.id, s.code, view.coder, "confirmed"),
        )
        cols[2].button(
            "✗",
            key=f"no-{fragment.id}-{s.code}",
            help=t("reject"),
            type="tertiary",
            on_click=_decide,
            args=(wb, fragment.id, s.code, view.coder, "rejected"),
        )
    else:
        cols[1].button(
            "↺",
            key=f"wd-{fragment.id}-{s.code}",
            help=t("withdraw"),
            type="tertiary",
            on_click=_withdraw,
            args=(wb, fragment.id, s.code, view.coder),
        )


def _rationale(view: CodingView, suggestions: list[Suggestion]) -> None:
    with st.expander(t("why")):
        if len(view.fragments) > 1:  # see context.py: a fragment is scored with its neighbours
            st.caption(t("why_context"))
        for s in suggestions:
            r = s.rationale
            st.markdown(
                f"**{plain(view.codebook.get(s.code).label)}** · {s.score:.0%} · "
                f"{t('definition_similarity')}: {r.definition_similarity:.2f}"
            )
            if r.signals:
                st.caption(f"{t('signals')}: " + plain(", ".join(r.signals)))
            for example in r.examples[:2]:
                story = view.sources.get(example)
                source = t("example_from_story", s=story) if story else t("example_from_codebook")
                st.caption(f"{t('nearest_examples')} ({source}): “{plain(example)}”")


def render_fragment(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    with st.container(border=True):
        text_col, code_col = st.columns([3, 2])
        speaker = f"**{plain(fragment.speaker)}:** " if fragment.speaker else ""
        text_col.markdown(speaker + plain(fragment.text))
        if not fragment.codable:
            text_col.caption(t("interviewer_turn"))
            return
        mine = view.mine.get(fragment.id, {})
        others = [
            chip(view.codebook.get(c.code), f"{c.code} · {c.coder}", faded=c.status == "rejected")
            for c in view.others.get(fragment.id, [])
            if c.code in {x.id for x in view.codebook.codes}
        ]
        with text_col:
            chips(others)
        ranked = view.suggestions.get(fragment.id, [])
        cut = show_from(wb)  # hidden ones stay reachable through "add code"
        suggestions = [s for s in ranked[:SHOW_AT_MOST] if s.score >= cut]
        suggestions += [s for s in ranked if s.code in mine and s not in suggestions]
        with code_col:
            shown = {s.code for s in suggestions}
            for s in suggestions:
                _suggestion_row(wb, view, fragment, s, added=False)
            for code_id in mine:
                if code_id not in shown:
                    _suggestion_row(wb, view, fragment, Suggestion(fragment.id, code_id, 1.0), added=True)
            if not suggestions and not mine:
                st.caption(t("no_code_above", p=f"{cut:.0%}"))
            add_col, similar_col = st.columns(2, vertical_alignment="center")
            with add_col:
                _adder(wb, view, fragment)
            similar_col.page_link(
                "src/verhalen/ui/app_pages/zoeken.py",
                label=t("search_similar"),
                icon="🔎",
                help=t("search_similar_help"),
                query_params={"lijkt_op": str(fragment.id)},
            )
        if suggestions:
            with text_col:
                _rationale(view, suggestions)


def _new_code(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    """Add an inductive code to the codebook and confirm it on this fragment."""
    name = str(st.session_state.get(key) or "").strip()
    if not name:
        return
    try:
        code = wb.add_inductive_code(name, name, coder)
        wb.decide(fragment_id, code.id, coder, "confirmed")
    except VerhalenError as exc:
        state.notify(str(exc))
    st.session_state[key] = ""


def _merge(wb: Workbench, fragment_id: int, coder: str) -> None:
    try:
        merge_with_next(wb, fragment_id, coder)
    except VerhalenError as exc:
        state.notify(str(exc))


def _split(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    try:
        split_at(wb, fragment_id, int(st.session_state[key]), coder)
    except VerhalenError as exc:
        state.notify(str(exc))


def _code_memo(wb: Workbench, fragment_id: int, coder: str, key: str, code: str, status: str) -> None:
    _decide_memo(wb, fragment_id, code, coder, status, str(st.session_state.get(key) or ""))


def _decide_memo(wb: Workbench, fragment_id: int, code: str, coder: str, status: str, memo: str) -> None:
    try:
        wb.decide(fragment_id, code, coder, status, memo=memo, refresh=False)
    except VerhalenError as exc:
        state.notify(str(exc))


def _tools(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    """Merge with the next fragment, or split at a sentence start (only while nothing is decided)."""
    cols = st.columns(2)
    cols[0].button(
        t("merge_next"), key=f"merge-{fragment.id}", on_click=_merge, args=(wb, fragment.id, view.coder)
    )
    text = fragment.text
    points = [p for p in split_points(text, _relative(fragment))]
    if points:
        key = f"split-{fragment.id}"
        cols[1].selectbox(
            t("split_at"),
            [fragment.start + p for p in points],
            key=key,
            format_func=lambda a: "“" + text[a - fragment.start : a - fragment.start + 30] + "…”",
        )
        cols[1].button(
            t("split"),
            key=f"do-split-{fragment.id}",
            on_click=_split,
            args=(wb, fragment.id, view.coder, key),
        )


def _relative(fragment: Fragment) -> Fragment:
    return Fragment(
        fragment.story_id, 0, 0, len(fragment.text), fragment.text, fragment.kind, fragment.speaker
    )


def _adder(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    key = f"add-{fragment.id}"
    mine = view.mine.get(fragment.id, {})
    options = [c.id for c in view.codebook.codes if c.id not in mine]
    with st.popover(t("add_code")):
        st.selectbox(
            t("add_code"),
            options,
            index=None,
            key=key,
            format_func=view.codebook.path,
            placeholder=t("choose_code"),
            on_change=_add,
            args=(wb, fragment.id, view.coder, key),
            label_visibility="collapsed",
        )
        st.text_input(
            t("new_code"),
            key=f"new-{fragment.id}",
            placeholder=t("new_code_hint"),
            on_change=_new_code,
            args=(wb, fragment.id, view.coder, f"new-{fragment.id}"),
        )
        memo_key = f"memo-{fragment.id}"
        st.text_area(
            "Memo",
            value=view.memos.get(fragment.id, ""),
            key=memo_key,
            on_change=_memo,
            args=(wb, fragment.id, view.coder, memo_key),
        )
        for code_id, coding in mine.items():
            code_key = f"cmemo-{fragment.id}-{code_id}"
            st.text_input(
                f"{t('code_memo')} {view.codebook.get(code_id).label}",
                value=coding.memo,
                key=code_key,
                on_change=_code_memo,
                args=(wb, fragment.id, view.coder, code_key, code_id, coding.status),
            )
        if not mine:
            _tools(wb, view, fragment)
