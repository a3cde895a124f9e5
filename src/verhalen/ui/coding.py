"""Widgets of the Coderen page. Every button writes its decision to the database in its callback."""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from verhalen.app import pages
from verhalen.app.coding_view import SHOW_AT_MOST, CodingView
from verhalen.app.review import QueueMode, next_in_queue
from verhalen.app.workbench import Workbench
from verhalen.domain import Fragment, Suggestion
from verhalen.ui import state
from verhalen.ui.coding_actions import decide, undo, withdraw
from verhalen.ui.coding_adder import card_actions
from verhalen.ui.coding_prefs import blind, save_show_from, show_from
from verhalen.ui.i18n import t
from verhalen.ui.numbers import number
from verhalen.ui.widgets import chip, chips, plain, tp

WINDOW = 15  # fragments rendered per rerun: a long interview has hundreds and each card is a dozen widgets


@dataclass(frozen=True)
class Window:
    """The part of the story on screen: WINDOW fragments around the focused one."""

    shown: list[Fragment]
    focus: int | None  # the focused fragment: the keys act on it
    start: int  # position of shown[0] in the ordered story
    total: int
    steps: list[int]  # the codable fragments in order: what J / K move through
    pages: list[int]  # the fragment each window starts on: what the pager jumps to


def window(view: CodingView, order: str) -> Window:
    """The focused fragment (kept per story in the session) and the window that holds it."""
    ordered = view.ordered(order)
    ids = [f.id for f in ordered]
    steps = [f.id for f in ordered if f.codable]
    focus = state.focus(view.story_id)
    if focus not in ids:  # first visit (or the fragment was merged away): the first undecided one
        focus = next((i for i in steps if not view.decided(i)), steps[0] if steps else None)
        if focus is not None:
            state.set_focus(view.story_id, focus)
    at = ids.index(focus) if focus in ids else 0
    start = at // WINDOW * WINDOW
    pages = [ids[i] for i in range(0, len(ids), WINDOW)]
    return Window(ordered[start : start + WINDOW], focus, start, len(ids), steps, pages)


def card_key(fragment_id: int) -> str:
    return f"card-{fragment_id}"


def follow_link() -> None:
    """Open the story of ``?verhaal=`` when it is new to this session (a reload, a link from Zoeken);
    ``?fragment=`` focuses a fragment once and is then removed from the URL."""
    linked, fragment = st.query_params.get(state.STORY_PARAM), st.query_params.get(state.FRAGMENT_PARAM)
    if linked and (linked != state.get(state.STORY_IN_URL) or fragment is not None):
        state.open_story(linked, int(fragment) if fragment and fragment.isdigit() else None)
        state.put(state.STORY_IN_URL, linked)
    state.put_param(state.FRAGMENT_PARAM, None)


def _picked() -> None:
    state.put(state.STORY, st.session_state[state.STORY_PICKER])


def story_picker(wb: Workbench) -> str | None:
    """The story selectbox. Its value lives in state.STORY (a story id), not in the widget, so labels that
    change with every decision, a language switch or another page in between never lose the story."""
    progress = {p.story_id: p for p in wb.progress(str(state.get(state.CODER) or "") or None)}
    ids = list(progress) or [s.id for s in pages.stories(wb)]  # counts in SQL: no story texts per rerun
    if not ids:
        st.info(t("no_stories"))
        return None
    current = state.get(state.STORY)
    if current not in ids:
        if current:  # a link or a reload to a story that is not (or no longer) here: say so
            st.warning(tp("story_not_found", story=str(current)))
        current = ids[0]
        state.put(state.STORY, current)
    st.session_state[state.STORY_PICKER] = current

    def label(story_id: str) -> str:
        p = progress.get(story_id)
        return f"{story_id} ({p.decided}/{p.total})" if p else story_id

    left, right = st.columns([3, 2])
    left.selectbox(t("story"), ids, key=state.STORY_PICKER, format_func=label, on_change=_picked)
    done = sum(p.decided for p in progress.values())
    total = sum(p.total for p in progress.values())
    text = t("project_progress", d=number(done), t=number(total))
    right.progress(done / total if total else 0.0, text=text)
    state.put_param(state.STORY_PARAM, str(current))  # in the URL, so a reload opens the same story
    state.put(state.STORY_IN_URL, str(current))
    return str(current)


def _jump(wb: Workbench, coder: str, mode: QueueMode, story_id: str) -> None:
    item = next_in_queue(wb, coder, mode, story_id, state.focus(story_id))
    if item is None:
        state.notify(t("queue_empty"))
        return
    if item.story_id != story_id:  # the open story is done: say where the queue went
        state.notify(t("queue_next_story", done=story_id, story=item.story_id))
    state.open_story(item.story_id, item.fragment_id)
    state.put(state.SCROLL, True)


def _confirm_above(wb: Workbench, story_id: str, coder: str) -> None:
    threshold = float(state.get(state.THRESHOLD))
    count = wb.confirm_above(story_id, coder, threshold, refresh="background")
    state.notify(t("bulk_done", n=count, p=f"{threshold:.0%}"))


def _story_progress(view: CodingView) -> None:
    """The open story's progress, counted from the view (a card's click reads its decisions back)."""
    codable = [f for f in view.fragments if f.codable]
    done = sum(view.decided(f.id) for f in codable)
    text = t("progress", d=number(done), t=number(len(codable)))
    st.progress(done / len(codable) if codable else 0.0, text=text)


def toolbar(wb: Workbench, view: CodingView) -> None:
    _story_progress(view)
    cols = st.columns([3, 2, 2, 2])
    st.session_state[state.ORDER_PICKER] = state.get(state.ORDER)  # the value outlives a language switch
    orders = {o: t(f"order_{o}") for o in ("reading", "uncertain")}  # labels fixed now, not when formatted
    cols[0].radio(
        t("order"),
        list(orders),
        key=state.ORDER_PICKER,
        horizontal=True,
        format_func=orders.__getitem__,
        on_change=lambda: state.put(state.ORDER, st.session_state[state.ORDER_PICKER]),
    )
    st.session_state[state.BLIND_PICKER] = blind(wb)  # plain state: kept through page switches
    cols[1].toggle(
        t("blind"),
        key=state.BLIND_PICKER,
        help=t("blind_help"),
        on_change=lambda: state.put(state.BLIND, bool(st.session_state[state.BLIND_PICKER])),
    )
    for col, mode in ((cols[2], "undecided"), (cols[3], "uncertain")):
        col.button(
            t(f"next_{mode}"),
            on_click=_jump,
            args=(wb, view.coder, mode, view.story_id),
            help=t(f"next_{mode}_help"),
        )
    cols = st.columns([3, 2, 2, 2])
    cols[0].slider(t("threshold"), 0.5, 0.99, key=state.THRESHOLD, step=0.01, format="percent")
    cols[1].button(
        t("bulk_confirm"), on_click=_confirm_above, args=(wb, view.story_id, view.coder), help=t("bulk_help")
    )
    show_from(wb, view.coder)
    cols[2].slider(
        t("show_from"),
        0.05,
        0.95,
        key=state.SHOW_FROM,
        step=0.05,
        format="percent",
        help=t("show_from_help"),
        on_change=save_show_from,
        args=(wb, view.coder),
    )
    cols[3].button(t("undo"), on_click=undo, args=(wb, view.coder), help=t("undo_help"), shortcut="U")


def _suggestion_row(
    wb: Workbench,
    view: CodingView,
    fragment: Fragment,
    s: Suggestion,
    added: bool,
    keys: tuple[str | None, str | None] = (None, None),
) -> None:
    """One code with ✓ / ✗ and, once decided, ↺ in a column of its own; ``keys`` are the shortcuts of ✓
    and ✗ (focused fragment). A decided row keeps ✓ and ✗ where they were, disabled: a double click on
    ✓ lands on a disabled ✓, never on ↺."""
    code = view.codebook.get(s.code)
    mine = view.mine.get(fragment.id, {}).get(s.code)
    cols = st.columns([4, 1, 1, 1], vertical_alignment="center")
    status = "" if mine is None else (" ✓" if mine.status == "confirmed" else " ✗")
    label = view.name(s.code)
    score = "" if added else f" {s.score:.0%}"
    cols[0].markdown(
        chip(code, f"{label}{score}{status}", faded=mine is not None and mine.status == "rejected"),
        unsafe_allow_html=True,
    )
    decided = mine is not None
    for col, mark, prefix, status_of, help_key, shortcut in (
        (cols[1], "✓", "ok", "confirmed", "confirm", keys[0]),
        (cols[2], "✗", "no", "rejected", "reject", keys[1]),
    ):
        col.button(
            mark,
            key=f"{prefix}-{fragment.id}-{s.code}",
            help=t(help_key),
            type="primary" if decided and mine.status == status_of else "tertiary",  # type: ignore[union-attr]
            on_click=decide,
            args=(wb, fragment.id, s.code, view.coder, status_of, view),
            shortcut=None if decided else shortcut,
            disabled=decided,
        )
    if decided:
        cols[3].button(
            "↺",
            key=f"wd-{fragment.id}-{s.code}",
            help=t("withdraw"),
            type="tertiary",
            on_click=withdraw,
            args=(wb, fragment.id, s.code, view.coder, view),
        )


def _rationale(view: CodingView, suggestions: list[Suggestion]) -> None:
    with st.expander(t("why")):
        if len(view.fragments) > 1:  # see context.py: a fragment is scored with its neighbours
            st.caption(t("why_context"))
        for s in suggestions:
            r = s.rationale
            st.markdown(
                f"**{plain(view.name(s.code))}** · {s.score:.0%} · "
                f"{t('definition_similarity')}: {r.definition_similarity:.2f}"
            )
            if r.signals:
                st.caption(f"{t('signals')}: " + plain(", ".join(r.signals)))
            for example in r.examples[:2]:
                story = view.sources.get(example)
                source = tp("example_from_story", s=story) if story else t("example_from_codebook")
                st.caption(f"{t('nearest_examples')} ({source}): “{plain(example)}”")


FOCUS_CARD = "focus-card"  # st.container key: the page styles and scrolls to it by its class
CONFIRM_KEYS = ("1", "2")  # ✓ of the focused fragment's first and second open suggestion
REJECT_KEY = "X"  # ✗ of its first open suggestion
NEXT_KEY, PREVIOUS_KEY = "J", "K"
UNDO_KEY = "U"


def render_fragment(
    wb: Workbench,
    view: CodingView,
    fragment: Fragment,
    focused: bool = False,
    alone: bool = True,
    stacked: bool = False,
) -> None:
    """One fragment's card. With ``alone`` its codes with ✓ / ✗ / ↺ are a fragment of their own: a click
    there reruns only those rows (the decision is stored in the click's callback), so a click costs a
    few rows, not the page. ``stacked`` puts the codes under the text instead of beside it (the document
    view's narrow side column)."""
    view.cards_alone = alone
    with st.container(border=True, key=FOCUS_CARD if focused else None):
        if focused:
            st.caption(t("focused_fragment"))
        if stacked:
            text_col, code_col = st.container(), st.container()
        else:
            text_col, code_col = st.columns([3, 2])
        speaker = f"**{plain(fragment.speaker)}:** " if fragment.speaker else ""
        text_col.markdown(speaker + plain(fragment.text))
        if not fragment.codable:
            text_col.caption(t("interviewer_turn"))
            return
        if view.has_memo(fragment.id):
            text_col.caption(t("memo_marker"), help=t("memo_marker_help"))
        with text_col:
            chips(others_chips(view, fragment.id))
        suggestions = _shown_suggestions(view, fragment)
        with code_col:
            if alone:
                st.fragment(_code_rows, key=card_key(fragment.id))(wb, view, fragment, focused)
            else:
                _code_rows(wb, view, fragment, focused)
            card_actions(wb, view, fragment, focused)
        if suggestions:
            with text_col:
                _rationale(view, suggestions)


def others_chips(view: CodingView, fragment_id: int) -> list[str]:
    """The other coders' decisions on a fragment (not in blind coding): "✓ Netwerk · anna" for a code
    they gave, "✗ Netwerk · anna" (dimmed) for one they rejected; the tooltip says it in words."""
    known = {x.id for x in view.codebook.codes}
    shown = []
    for c in view.others.get(fragment_id, []):
        if c.code not in known:
            continue
        rejected = c.status == "rejected"
        mark, title = ("✗", "rejected_by") if rejected else ("✓", "confirmed_by")
        label = f"{mark} {view.name(c.code)} · {c.coder}"
        shown.append(chip(view.codebook.get(c.code), label, faded=rejected, title=t(title, coder=c.coder)))
    return shown


def _shown_suggestions(view: CodingView, fragment: Fragment) -> list[Suggestion]:
    """The suggestions above the display threshold (at most SHOW_AT_MOST), then any this coder decided."""
    mine = view.mine.get(fragment.id, {})
    ranked = view.suggestions.get(fragment.id, [])
    suggestions = [s for s in ranked[:SHOW_AT_MOST] if s.score >= view.show_from]
    return suggestions + [s for s in ranked if s.code in mine and s not in suggestions]


def _code_rows(wb: Workbench, view: CodingView, fragment: Fragment, focused: bool) -> None:
    """The card's codes with ✓ / ✗ / ↺ (hidden ones stay reachable through "code toevoegen")."""
    mine = view.mine.get(fragment.id, {})
    suggestions = _shown_suggestions(view, fragment)
    open_codes = [s.code for s in suggestions if s.code not in mine]
    shown = {s.code for s in suggestions}
    for s in suggestions:
        keys: tuple[str | None, str | None] = (None, None)
        if focused and s.code in open_codes[: len(CONFIRM_KEYS)]:
            rank = open_codes.index(s.code)
            keys = (CONFIRM_KEYS[rank], REJECT_KEY if rank == 0 else None)
        _suggestion_row(wb, view, fragment, s, added=False, keys=keys)
    for code_id in mine:
        if code_id not in shown:
            _suggestion_row(wb, view, fragment, Suggestion(fragment.id, code_id, 1.0), added=True)
    if not suggestions and not mine:
        st.caption(t("no_code_above", p=f"{view.show_from:.0%}"))


def _step(story_id: str, steps: list[int], delta: int) -> None:
    """J / K: focus the next or previous codable fragment (in the page's order)."""
    if not steps:
        return
    current = state.focus(story_id)
    at = steps.index(current) if current in steps else -1 if delta > 0 else len(steps)
    state.set_focus(story_id, steps[max(0, min(len(steps) - 1, at + delta))])
    state.put(state.ADDING, None)
    state.put(state.SCROLL, True)


def _to_page(story_id: str, fragment_id: int) -> None:
    state.set_focus(story_id, fragment_id)
    state.put(state.SCROLL, True)


def navigator(view: CodingView, shown: Window) -> None:
    """Previous / next fragment (K / J), the window's place in the story and the pager."""
    cols = st.columns([2, 2, 3, 1, 1], vertical_alignment="center")
    args = (view.story_id, shown.steps)
    cols[0].button(t("previous_fragment"), on_click=_step, args=(*args, -1), shortcut=PREVIOUS_KEY)
    cols[1].button(t("next_fragment"), on_click=_step, args=(*args, 1), shortcut=NEXT_KEY)
    end = shown.start + len(shown.shown)
    cols[2].caption(t("window_place", a=shown.start + 1 if shown.total else 0, b=end, n=shown.total))
    page = shown.start // WINDOW
    if page > 0:
        cols[3].button(
            "◀",
            key="page-back",
            help=t("page_back"),
            on_click=_to_page,
            args=(view.story_id, shown.pages[page - 1]),
        )
    if page + 1 < len(shown.pages):
        cols[4].button(
            "▶",
            key="page-on",
            help=t("page_on"),
            on_click=_to_page,
            args=(view.story_id, shown.pages[page + 1]),
        )


def shortcut_legend() -> None:
    st.caption(t("shortcut_legend"))


def page_styles() -> None:
    """The focused card stands out; after a key or a queue jump it is scrolled into view (our own constant
    script: no story text goes into it)."""
    st.html(f"<style>.st-key-{FOCUS_CARD} {{ border: 2px solid #e8590c !important; }}</style>")
    if state.get(state.SCROLL):
        state.put(state.SCROLL, False)
        nonce = int(time.monotonic() * 1000)
        st.html(
            f"<script>/* {nonce} */ setTimeout(() => {{ for (const sel of ['#verhalen-focus', "
            f"'.st-key-{FOCUS_CARD}']) {{ const el = document.querySelector(sel); "
            "if (el) el.scrollIntoView({block: 'center'}); } }, 150);</script>",
            unsafe_allow_javascript=True,
        )
