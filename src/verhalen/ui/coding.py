"""Widgets of the Coderen page. Every button writes its decision to the database in its callback."""

from __future__ import annotations

import html
import threading
import time
import weakref
from collections import OrderedDict, defaultdict
from dataclasses import dataclass

import streamlit as st

from verhalen.app.review import QueueMode, merge_with_next, next_in_queue, split_at, uncertainty
from verhalen.app.workbench import Workbench
from verhalen.domain import Codebook, Coding, Fragment, Suggestion, VerhalenError
from verhalen.ingest.segment import split_points
from verhalen.ui import state
from verhalen.ui.i18n import t
from verhalen.ui.widgets import chip, chips, plain

SHOW_AT_MOST = 3
WINDOW = 15  # fragments rendered per rerun: a long interview has hundreds and each card is a dozen widgets
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


_Cached = OrderedDict[tuple[str, int, str, int], dict[int, list[Suggestion]]]
_SUGGESTIONS: weakref.WeakKeyDictionary[Workbench, _Cached] = weakref.WeakKeyDictionary()  # per database
_SUGGESTIONS_LOCK = threading.Lock()
SUGGESTIONS_CACHED = 32  # stories whose suggestions stay in memory (shared by the sessions of a server)


def story_suggestions(
    wb: Workbench, story_id: str, book_version: str, fragment_ids: tuple[int, ...]
) -> dict[int, list[Suggestion]]:
    """The story's stored suggestions, read once per refresh generation: every rerun of a page (a J, a
    pager click, another tab) reuses them until the background refresh stores new ones (it bumps the
    generation), the codebook changes or the story's fragments do (merge, split). Read-only."""
    key = (story_id, wb.refresh_generation, book_version, hash(fragment_ids))
    with _SUGGESTIONS_LOCK:
        cached = _SUGGESTIONS.setdefault(wb, OrderedDict())
        if key in cached:
            cached.move_to_end(key)
            return cached[key]
    suggestions = wb.repo.suggestions(story_id)
    with _SUGGESTIONS_LOCK:
        cached[key] = suggestions
        while len(cached) > SUGGESTIONS_CACHED:
            cached.popitem(last=False)
    return suggestions


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
    sources: dict[str, str]  # a quoted example that is a coded fragment -> its story (shown fragments only)
    show_from: float = SHOW_FROM_DEFAULT  # the display threshold of this rerun (see show_from)
    cards_alone: bool = True  # each card is a fragment that a click on it reruns alone (card view)

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
        book = wb.codebook()
        suggestions = story_suggestions(wb, story_id, book.version, tuple(f.id for f in fragments))
        return cls(story_id, coder, book, fragments, suggestions, mine, others, memos, {}, show_from(wb))

    def reload(self, wb: Workbench, fragment_id: int) -> None:
        """After a click on a card: this coder's decisions and memo on ``fragment_id`` as stored now
        (the card reruns alone with this view; the rest of the page keeps what it showed)."""
        self.mine[fragment_id] = {
            c.code: c
            for c in wb.repo.codings(story_id=self.story_id, coder=self.coder)
            if c.fragment_id == fragment_id
        }

    def has_memo(self, fragment_id: int) -> bool:
        """This coder wrote a memo on the fragment or on one of its codes."""
        mine = self.mine.get(fragment_id, {}).values()
        return bool(self.memos.get(fragment_id)) or any(c.memo for c in mine)

    def load_sources(self, wb: Workbench, shown: list[Fragment]) -> None:
        """Where the examples quoted under "Waarom?" come from, for the fragments on screen only."""
        quoted = {
            e
            for f in shown
            for s in self.suggestions.get(f.id, [])[:SHOW_AT_MOST]
            for e in s.rationale.examples
        }
        self.sources = wb.repo.stories_of_texts(quoted)

    def decided(self, fragment_id: int) -> bool:
        return bool(self.mine.get(fragment_id))

    def uncertainty(self, fragment_id: int) -> float:
        return uncertainty([s.score for s in self.suggestions.get(fragment_id, [])])

    def ordered(self, order: str) -> list[Fragment]:
        if order == "uncertain":
            return sorted(self.fragments, key=lambda f: (self.decided(f.id), -self.uncertainty(f.id)))
        return list(self.fragments)


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


def _focus_on(fragment_id: int) -> None:
    story_id = state.get(state.STORY)
    if isinstance(story_id, str):
        state.set_focus(story_id, fragment_id)


def card_key(fragment_id: int) -> str:
    return f"card-{fragment_id}"


REFRESH_LINE = "refresh-line"  # fragment key of the "bijgewerkt" line


def _after_card_click(wb: Workbench, view: CodingView | None, fragment_id: int) -> None:
    """A click on a card's rows reruns only those rows (their fragment): they show the decisions as
    stored, read back here. The story's progress line follows at the next full rerun (naming it in an
    ``st.rerun([...])`` here cost ~350 ms of server time per click, measured). Without a view, or in the
    document view, the click reruns the page."""
    if view is not None and view.cards_alone:
        view.reload(wb, fragment_id)


def _decide(
    wb: Workbench, fragment_id: int, code: str, coder: str, status: str, view: CodingView | None = None
) -> None:
    """Store the decision now; the refit and rescore run in the Workbench's background worker. A click
    on a card leaves the keyboard focus where it was (moving it would need the whole page)."""
    if view is None or not view.cards_alone:
        _focus_on(fragment_id)
    try:
        wb.decide(fragment_id, code, coder, status, refresh="background")
    except VerhalenError as exc:
        state.notify(str(exc))
        st.rerun()  # the notice is shown by the page, outside the card
    _after_card_click(wb, view, fragment_id)


def _withdraw(wb: Workbench, fragment_id: int, code: str, coder: str, view: CodingView | None = None) -> None:
    wb.withdraw(fragment_id, code, coder, refresh="background")
    _after_card_click(wb, view, fragment_id)


def _undo(wb: Workbench, coder: str) -> None:
    if not wb.undo(coder, refresh="background"):
        state.notify(t("nothing_to_undo"))


def _add(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    code = st.session_state.get(key)
    st.session_state[key] = None
    if code:
        _decide(wb, fragment_id, str(code), coder, "confirmed")


def _memo(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    wb.set_memo(fragment_id, coder, str(st.session_state.get(key) or ""))


def follow_link() -> None:
    """Open the story of ``?verhaal=`` when it is new to this session (a reload, a link from Zoeken);
    ``?fragment=`` focuses a fragment once and is then removed from the URL."""
    linked, fragment = st.query_params.get("verhaal"), st.query_params.get("fragment")
    if linked and (linked != state.get(state.STORY_IN_URL) or fragment is not None):
        state.open_story(linked, int(fragment) if fragment and fragment.isdigit() else None)
        state.put(state.STORY_IN_URL, linked)
    if fragment is not None:
        del st.query_params["fragment"]


def _picked() -> None:
    state.put(state.STORY, st.session_state[state.STORY_PICKER])


def story_picker(wb: Workbench) -> str | None:
    """The story selectbox. Its value lives in state.STORY (a story id), not in the widget, so labels that
    change with every decision, a language switch or another page in between never lose the story."""
    progress = {p.story_id: p for p in wb.progress(str(state.get(state.CODER) or "") or None)}
    ids = list(progress) or [s.id for s in wb.repo.stories()]  # counts in SQL: no story texts per rerun
    if not ids:
        st.info(t("no_stories"))
        return None
    current = state.get(state.STORY)
    if current not in ids:
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
    right.progress(done / total if total else 0.0, text=t("project_progress", d=done, t=total))
    if st.query_params.get("verhaal") != current:  # in the URL, so a reload opens the same story
        st.query_params["verhaal"] = str(current)
    state.put(state.STORY_IN_URL, str(current))
    return str(current)


def _jump(wb: Workbench, coder: str, mode: QueueMode) -> None:
    item = next_in_queue(wb, coder, mode)
    if item is None:
        state.notify(t("queue_empty"))
        return
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
    st.progress(done / len(codable) if codable else 0.0, text=t("progress", d=done, t=len(codable)))


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
    cols[3].button(t("undo"), on_click=_undo, args=(wb, view.coder), help=t("undo_help"), shortcut="U")


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
    label = view.codebook.path(s.code).replace("/", " › ") if code.parent else code.label
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
            on_click=_decide,
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
            on_click=_withdraw,
            args=(wb, fragment.id, s.code, view.coder, view),
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


FOCUS_CARD = "focus-card"  # st.container key: the page styles and scrolls to it by its class
CONFIRM_KEYS = ("1", "2")  # ✓ of the focused fragment's first and second open suggestion
REJECT_KEY = "X"  # ✗ of its first open suggestion
ADD_KEY = "A"  # open "code toevoegen" on it
NEXT_KEY, PREVIOUS_KEY = "J", "K"
UNDO_KEY = "U"


def render_fragment(
    wb: Workbench, view: CodingView, fragment: Fragment, focused: bool = False, alone: bool = True
) -> None:
    """One fragment's card. With ``alone`` its codes with ✓ / ✗ / ↺ are a fragment of their own: a click
    there reruns only those rows (the decision is stored in the click's callback), so a click costs a
    few rows, not the page."""
    view.cards_alone = alone
    with st.container(border=True, key=FOCUS_CARD if focused else None):
        if focused:
            st.caption(t("focused_fragment"))
        text_col, code_col = st.columns([3, 2])
        speaker = f"**{plain(fragment.speaker)}:** " if fragment.speaker else ""
        text_col.markdown(speaker + plain(fragment.text))
        if not fragment.codable:
            text_col.caption(t("interviewer_turn"))
            return
        if view.has_memo(fragment.id):
            text_col.caption(t("memo_marker"), help=t("memo_marker_help"))
        others = [
            chip(view.codebook.get(c.code), f"{c.code} · {c.coder}", faded=c.status == "rejected")
            for c in view.others.get(fragment.id, [])
            if c.code in {x.id for x in view.codebook.codes}
        ]
        with text_col:
            chips(others)
        suggestions = _shown_suggestions(view, fragment)
        with code_col:
            if alone:
                st.fragment(_code_rows, key=card_key(fragment.id))(wb, view, fragment, focused)
            else:
                _code_rows(wb, view, fragment, focused)
            if focused:
                _keyboard_adder(wb, view, fragment)
            add_col, similar_col = st.columns(2, vertical_alignment="center")
            with add_col:
                if focused:  # the full "code toevoegen" (memo, new code, merge, split): a dozen widgets
                    _adder(wb, view, fragment)
                else:  # elsewhere one button that focuses the fragment and opens its code list
                    st.button(
                        t("add_code"),
                        key=f"add-open-{fragment.id}",
                        on_click=_toggle_adding,
                        args=(fragment.id,),
                    )
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


def _toggle_adding(fragment_id: int) -> None:
    _focus_on(fragment_id)
    state.put(state.ADDING, None if state.get(state.ADDING) == fragment_id else fragment_id)


def _keyboard_add(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    state.put(state.ADDING, None)
    _add(wb, fragment_id, coder, key)


def _keyboard_adder(wb: Workbench, view: CodingView, fragment: Fragment) -> None:
    """The focused fragment's "code toevoegen" (key A): a button that opens a code list in the card."""
    st.button(
        t("add_code_key"),
        key=f"kadd-open-{fragment.id}",
        on_click=_toggle_adding,
        args=(fragment.id,),
        shortcut=ADD_KEY,
        type="tertiary",
    )
    if state.get(state.ADDING) != fragment.id:
        return
    key = f"kadd-{fragment.id}"
    mine = view.mine.get(fragment.id, {})
    st.selectbox(
        t("add_code"),
        [c.id for c in view.codebook.codes if c.id not in mine],
        index=None,
        key=key,
        format_func=view.codebook.path,
        placeholder=t("choose_code"),
        on_change=_keyboard_add,
        args=(wb, fragment.id, view.coder, key),
    )


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


def view_switch() -> str:
    """Cards (one per fragment) or the document (the story as one text); kept like the order."""
    st.session_state[state.VIEW_PICKER] = state.get(state.VIEW)
    views = {v: t(f"view_{v}") for v in ("cards", "document")}
    st.radio(
        t("view"),
        list(views),
        key=state.VIEW_PICKER,
        horizontal=True,
        format_func=views.__getitem__,
        on_change=lambda: state.put(state.VIEW, st.session_state[state.VIEW_PICKER]),
        label_visibility="collapsed",
    )
    return str(state.get(state.VIEW))


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


REFRESH_POLL = 0.5  # seconds: how often the "bijgewerkt" line looks while a refresh runs
REFRESH_POLL_IDLE = 1.0  # … and while none runs (a click on a card may start one: the line reruns with it)


def refresh_marker(wb: Workbench, story_id: str) -> None:
    """ "Suggesties bijgewerkt" once the background refresh after a decision has written new suggestions.
    The line is always there (empty when there is nothing to say), so nothing on the page shifts. Only
    this line follows the refresh (a fragment that polls, and that a click on a card reruns): the page
    itself changes only when the researcher acts, so no timer ever reruns the page under her mouse; new
    suggestions show at her next action (or at once with the line's button)."""
    generation = wb.refresh_generation
    seen = state.get(state.SEEN_REFRESH)
    state.put(state.SEEN_REFRESH, generation)
    fresh = seen is not None and seen != generation  # this rerun shows suggestions new since the last
    every = REFRESH_POLL if wb.refresh_pending() else REFRESH_POLL_IDLE
    st.fragment(_refresh_line, key=REFRESH_LINE, run_every=every)(wb, story_id, generation, fresh)


def _refresh_line(wb: Workbench, story_id: str, shown: int, fresh: bool) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key="refresh-box"):
        if wb.refresh_pending(story_id):  # a decision in this story waits for its refit
            st.caption(t("suggestions_updating"))
        elif wb.refresh_generation != shown:  # stored after the page was drawn: shown at the next action
            st.caption(t("suggestions_ready"))
            st.button(t("show_new_suggestions"), key="refresh-show", type="tertiary", on_click=_whole_page)
        elif fresh:
            st.caption(t("suggestions_updated"))
        else:
            st.caption("\u00a0")


def _whole_page() -> None:
    st.rerun()  # from inside a fragment: the whole page


def _new_code(wb: Workbench, fragment_id: int, coder: str, key: str) -> None:
    """Add an inductive code to the codebook and confirm it on this fragment."""
    name = str(st.session_state.get(key) or "").strip()
    if not name:
        return
    try:
        code = wb.add_inductive_code(name, name, coder)
        wb.decide(fragment_id, code.id, coder, "confirmed", refresh="background")
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
        wb.decide(fragment_id, code, coder, status, memo=memo, refresh=False)  # a memo: no refit
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


# -- document view: the story as one text, coded fragments in their code's colour ----------------------
DOCUMENT_HEIGHT = 640  # px: the text scrolls inside its own box, the focused fragment's codes beside it


def document_html(view: CodingView, story_text: str, focus: int | None) -> str:
    """The story as continuous text: each fragment a span, coloured by the first code this coder
    confirmed on it, a stripe per confirmed code, the focused one outlined. Only escaped text and code
    colours go into the HTML (never story markup)."""
    parts: list[str] = []
    previous_end = 0
    for number, fragment in enumerate(view.fragments, start=1):
        gap = story_text[previous_end : fragment.start]
        if "\n" in gap or fragment.speaker:
            parts.append("</p><p>")
        elif parts:
            parts.append(" ")
        previous_end = fragment.end
        confirmed = [
            view.codebook.get(code)
            for code, coding in view.mine.get(fragment.id, {}).items()
            if coding.status == "confirmed" and code in {c.id for c in view.codebook.codes}
        ]
        style = ["padding:0.05em 0.15em", "border-radius:0.2em"]
        if confirmed:
            style.append(f"background:{html.escape(confirmed[0].colour)}33")
            stripes = ", ".join(
                f"inset {3 * (i + 1)}px 0 0 {html.escape(c.colour)}" for i, c in enumerate(confirmed[:4])
            )
            style.append(f"box-shadow:{stripes}")
            style.append(f"padding-left:{3 * min(len(confirmed), 4) + 3}px")
        if not fragment.codable:
            style.append("color:#777")
        marker = ' id="verhalen-focus"' if fragment.id == focus else ""
        if fragment.id == focus:
            style.append("outline:2px solid #e8590c")
        title = html.escape(", ".join(c.label for c in confirmed))
        speaker = f"<b>{html.escape(fragment.speaker)}:</b> " if fragment.speaker else ""
        parts.append(
            f'<span{marker} title="{title}" style="{";".join(style)}">'
            f'<sup style="color:#999">{number}</sup>{speaker}{html.escape(fragment.text)}</span>'
        )
    body = "".join(parts)
    return f'<div style="line-height:1.7;font-size:1rem"><p>{body}</p></div>'


def document_view(wb: Workbench, view: CodingView, shown: Window) -> None:
    """Left the whole story as one text, right the focused fragment with its suggestions (J / K move)."""
    text_col, code_col = st.columns([5, 4])
    with text_col:
        used = {code for codes in view.mine.values() for code, c in codes.items() if c.status == "confirmed"}
        known = {c.id for c in view.codebook.codes}
        chips([chip(view.codebook.get(code)) for code in sorted(used) if code in known])
        with st.container(height=DOCUMENT_HEIGHT, key="document"):
            st.html(document_html(view, wb.repo.story(view.story_id).text, shown.focus))
    with code_col:
        fragment = next((f for f in view.fragments if f.id == shown.focus), None)
        if fragment is not None:
            render_fragment(wb, view, fragment, focused=True, alone=False)  # a ✓ recolours the text
