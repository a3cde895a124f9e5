"""AppTest of the Coderen page: every action writes to the database at once."""

from __future__ import annotations

import pytest

from tests.apptest import open_page, shown
from verhalen.domain import Coding
from verhalen.store import Repository, connect
from verhalen.ui.widgets import plain


def _click_row(at, button) -> None:  # type: ignore[no-untyped-def]
    """Click a card's ✓ / ✗ / ↺ (in a browser only the card's rows rerun), then the researcher's next
    action, here a plain rerun of the page."""
    button.click().run()
    assert not at.exception
    at.run()


def _first_button(at, prefix: str):  # type: ignore[no-untyped-def]
    """The first enabled button whose key starts with ``prefix`` (a decided row's ✓ / ✗ are disabled)."""
    return next(b for b in at.button if str(b.key or "").startswith(prefix) and not b.disabled)


def test_confirm_a_suggestion_is_stored_and_survives_a_reload(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    button = _first_button(at, "ok-")
    _, fragment_id, code = str(button.key).split("-", 2)
    button.click().run()
    assert not at.exception
    repo = Repository(connect(demo_url))
    stored = [(c.fragment_id, c.code, c.status) for c in repo.codings(coder="tester")]
    assert stored == [(int(fragment_id), code, "confirmed")]
    reloaded = open_page(monkeypatch, demo_url, "coderen", coder="tester")  # a new session = a browser reload
    assert any(str(b.key) == f"wd-{fragment_id}-{code}" for b in reloaded.button)


def test_reject_then_undo(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    _click_row(at, _first_button(at, "no-"))
    repo = Repository(connect(demo_url))
    assert [c.status for c in repo.codings(coder="tester")] == ["rejected"]
    next(b for b in at.button if "Ongedaan" in b.label).click().run()
    assert repo.codings(coder="tester") == []


def test_add_a_subcode_and_a_memo(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    next(b for b in at.button if str(b.key or "").startswith("kadd-open-")).click().run()  # "+ Code kiezen"
    adder = next(s for s in at.selectbox if str(s.key or "").startswith("kadd-"))
    fragment_id = int(str(adder.key).split("-")[1])
    adder.set_value("netwerk.praktisch").run()
    memo = next(a for a in at.text_area if str(a.key) == f"memo-{fragment_id}")
    memo.input("Let op: gaat over de buurvrouw.").run()
    repo = Repository(connect(demo_url))
    assert [(c.fragment_id, c.code) for c in repo.codings(coder="tester")] == [
        (fragment_id, "netwerk.praktisch")
    ]
    assert [m.text for m in repo.memos() if m.coder == "tester"] == ["Let op: gaat over de buurvrouw."]


def test_without_coder_name_nothing_can_be_decided(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="")
    assert any("codeur" in i.value for i in at.info)
    assert not [b for b in at.button if str(b.key or "").startswith("ok-")]


def test_story_text_is_never_html(monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.app.workbench import Workbench
    from verhalen.domain import Story

    nasty = "Ik zei <b>vet</b> en <script>alert(1)</script> tegen *haar* met [link](http://x.nl) erbij."
    Workbench(make_settings(demo_url, tmp_path)).import_story(Story("HTML-1", "beijum", "ouder", nasty))
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.session_state["story_id"] = "HTML-1"
    at.run()
    shown = [m for m in at.markdown if "vet" in m.value]
    assert shown, "the fragment is on the page"
    for element in shown:
        assert not element.proto.allow_html
        assert "\\<b\\>" in element.value and "\\*haar\\*" in element.value  # escaped, shown literally


def test_bulk_confirm_above_threshold(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.slider[0].set_value(0.5).run()
    next(b for b in at.button if "boven drempel" in b.label).click().run()
    assert not at.exception
    stored = Repository(connect(demo_url)).codings(coder="tester")
    assert stored and all(c.status == "confirmed" for c in stored)


def test_queue_jumps_to_the_next_undecided_story(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    first_story = repo.stories()[0].id
    for fragment in repo.fragments(first_story, codable_only=True):
        repo.decide(Coding(fragment.id, "leren", "tester", "rejected"))
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    next(b for b in at.button if "Volgende onbesliste" in b.label).click().run()
    second = repo.stories()[1].id
    assert at.selectbox(key="story_picker").value == second
    first_open = repo.fragments(second, codable_only=True)[0].id
    assert at.session_state["focus_fragment"][second] == first_open  # the queue's fragment is in focus
    assert any("In focus" in c.value for c in at.caption)


def test_queue_stays_in_the_open_story(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    story = repo.stories()[2].id  # not the first story: the queue must not jump to the project's start
    fragments = repo.fragments(story, codable_only=True)
    at = open_page(monkeypatch, demo_url, "coderen", coder="wachtrij")
    at.session_state["story_id"] = story
    at.session_state["focus_fragment"] = {story: fragments[1].id}
    at.run()
    next(b for b in at.button if "Volgende onbesliste" in b.label).click().run()
    assert not at.exception
    assert at.selectbox(key="story_picker").value == story
    assert at.session_state["focus_fragment"][story] == fragments[2].id  # the next one after the focus
    for fragment in fragments:
        repo.decide(Coding(fragment.id, "leren", "wachtrij", "rejected"))
    next(b for b in at.button if "Volgende onbesliste" in b.label).click().run()
    following = repo.stories()[3].id
    assert at.selectbox(key="story_picker").value == following
    toasts = [str(t.value).replace("\\", "") for t in at.toast]  # (markdown escapes)
    assert any(story in text and following in text for text in toasts)  # it says where the queue went


def test_merge_with_next_from_the_page(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    coded = {f.story_id for f in repo.fragments() if f.id in {c.fragment_id for c in repo.codings()}}
    story = next(s.id for s in repo.stories() if s.id not in coded)
    before = repo.fragments(story)
    at = open_page(monkeypatch, demo_url, "coderen", coder="nieuw")
    at.session_state["story_id"] = story
    at.run()
    next(b for b in at.button if str(b.key) == f"merge-{before[0].id}").click().run()
    assert not at.exception
    after = repo.fragments(story)
    assert len(after) == len(before) - 1
    assert after[0].text == repo.story(story).text[before[0].start : before[1].end]


def test_add_an_inductive_code_from_the_page(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    box = next(i for i in at.text_input if str(i.key or "").startswith("new-"))
    fragment_id = int(str(box.key).split("-")[1])
    box.input("Humor als steun").run()
    assert not at.exception
    repo = Repository(connect(demo_url))
    assert [(c.fragment_id, c.code) for c in repo.codings(coder="tester")] == [
        (fragment_id, "humor-als-steun")
    ]
    book = repo.active_codebook()
    assert book is not None and book.get("humor-als-steun").inductive


def test_withdraw_and_memo_on_a_code(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    button = _first_button(at, "ok-")
    _, fragment_id, code = str(button.key).split("-", 2)
    _click_row(at, button)
    memo = next(i for i in at.text_input if str(i.key) == f"cmemo-{fragment_id}-{code}")
    memo.input("twijfel: ook groepsgevoel?").run()
    repo = Repository(connect(demo_url))
    assert [(c.code, c.memo) for c in repo.codings(coder="tester")] == [(code, "twijfel: ook groepsgevoel?")]
    next(b for b in at.button if str(b.key) == f"wd-{fragment_id}-{code}").click().run()
    assert repo.codings(coder="tester") == []
    assert [e.kind for e in repo.events(limit=3)][:1] == ["withdraw"]


def test_blind_mode_hides_other_coders(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.session_state["story_id"] = "BEI-OUD-01"  # coded by onderzoeker-a and -b
    at.run()
    from html import unescape  # a chip's label may be written as character references

    assert any("onderzoeker-a" in unescape(m.value) for m in at.markdown)
    next(t for t in at.toggle if "Blind" in t.label).set_value(True).run()
    assert not any("onderzoeker-a" in unescape(m.value) for m in at.markdown)


def test_split_and_uncertain_order(monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.app.workbench import Workbench
    from verhalen.domain import Story

    text = "R: We drinken koffie. Daarna praten we over de kinderen en de school.\nI: Fijn.\n"
    Workbench(make_settings(demo_url, tmp_path)).import_story(Story("SPLIT-1", "beijum", "ouder", text))
    at = open_page(monkeypatch, demo_url, "coderen", coder="nieuw")
    at.session_state["story_id"] = "SPLIT-1"
    at.run()
    repo = Repository(connect(demo_url))
    (turn,) = repo.fragments("SPLIT-1", codable_only=True)
    next(b for b in at.button if str(b.key) == f"do-split-{turn.id}").click().run()
    assert [f.text for f in repo.fragments("SPLIT-1", codable_only=True)] == [
        "We drinken koffie.",
        "Daarna praten we over de kinderen en de school.",
    ]
    at.radio[0].set_value("uncertain").run()
    assert not at.exception


def test_display_threshold_hides_unlikely_suggestions(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    before = [b for b in at.button if str(b.key or "").startswith("ok-")]
    assert before
    at.slider(key="show_from").set_value(0.95).run()
    assert not at.exception
    after = [b for b in at.button if str(b.key or "").startswith("ok-")]
    assert len(after) < len(before)
    assert any("niets vanaf 95%" in c.value for c in at.caption)
    reloaded = open_page(monkeypatch, demo_url, "coderen", coder="tester")  # kept for this coder
    assert reloaded.slider(key="show_from").value == pytest.approx(0.95)


def test_why_says_where_a_quoted_example_comes_from(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.app.workbench import Workbench
    from verhalen.domain import Story

    text = "Van de andere moeders leerde ik hoe je een peuter laat helpen met tafeldekken."
    bench = Workbench(make_settings(demo_url, tmp_path))
    bench.import_story(Story("ECHO-A", "beijum", "ouder", text))
    (fragment,) = bench.repo.fragments("ECHO-A", codable_only=True)
    bench.decide(fragment.id, "leren", "tester", "confirmed")
    bench.import_story(Story("ECHO-B", "veendam", "ouder", text))
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.session_state["story_id"] = "ECHO-B"
    at.run()
    quoted = [shown(c) for c in at.caption if shown(c).startswith("Lijkt op")]
    assert any(c.startswith("Lijkt op (gecodeerd in ECHO-A)") for c in quoted)
    assert any("(codeboek)" in c for c in quoted)


def _story_of(at) -> str:  # type: ignore[no-untyped-def]
    return str(at.selectbox(key="story_picker").value)


def _wait_for_marker(at, text: str = "suggesties bijgewerkt") -> bool:  # type: ignore[no-untyped-def]
    """Rerun until the background refresh's marker shows (the watcher fragment does this in a browser)."""
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        at.run()
        if any(text in c.value for c in at.caption):
            return True
        time.sleep(0.2)
    return False


def test_story_survives_decisions_undo_language_and_other_pages(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    repo = Repository(connect(demo_url))
    story = repo.stories()[2].id  # not the first in the list
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.selectbox(key="story_picker").set_value(story).run()
    assert _story_of(at) == story
    assert at.query_params["verhaal"] in (story, [story])  # a reload opens it again
    own = {f.id for f in repo.fragments(story)}
    for _ in range(4):  # each decision changes the picker's label (the decided count)
        button = _first_button(at, "ok-")
        assert int(str(button.key).split("-")[1]) in own
        _click_row(at, button)
        assert _story_of(at) == story
    assert len(repo.codings(coder="tester")) == 4
    focused = at.session_state["focus_fragment"][story]
    next(b for b in at.button if "Ongedaan" in b.label).click().run()
    assert _story_of(at) == story and len(repo.codings(coder="tester")) == 3
    at.selectbox(key="lang").set_value("en").run()  # the picker's label changes language
    assert _story_of(at) == story
    at.switch_page("src/verhalen/ui/app_pages/zoeken.py").run()
    assert not at.exception
    at.switch_page("src/verhalen/ui/app_pages/coderen.py").run()
    assert not at.exception
    assert _story_of(at) == story
    assert at.session_state["focus_fragment"][story] == focused


def test_the_url_opens_the_story_after_a_reload(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    story = repo.stories()[3].id
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.query_params["verhaal"] = story  # what a reload of .../coderen?verhaal=... brings
    at.session_state["story_in_url"] = None  # a new browser session has not followed it yet
    at.run()
    assert _story_of(at) == story
    at.selectbox(key="story_picker").set_value(repo.stories()[1].id).run()  # the picker wins afterwards
    assert _story_of(at) == repo.stories()[1].id


def test_a_link_to_an_unknown_story_says_so(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.query_params["verhaal"] = "GEEN-VERHAAL-99"  # a stale bookmark, a typo, an erased story
    at.session_state["story_in_url"] = None
    at.run()
    assert not at.exception
    shown = plain("GEEN-VERHAAL-99")  # escaped as every id on the page
    assert any(shown in w.value and "bestaat niet" in w.value for w in at.warning)
    assert _story_of(at) == repo.stories()[0].id
    at.run()
    assert not any(shown in w.value for w in at.warning)  # said once


def test_keys_move_the_focus_and_decide_on_the_focused_fragment(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    repo = Repository(connect(demo_url))
    story = repo.stories()[1].id
    codable = [f.id for f in repo.fragments(story, codable_only=True)]
    at = open_page(monkeypatch, demo_url, "coderen", coder="sneltoets")
    at.selectbox(key="story_picker").set_value(story).run()
    assert at.session_state["focus_fragment"][story] == codable[0]
    shortcuts = {str(b.proto.shortcut).lower() for b in at.button if b.proto.shortcut}
    assert {"j", "k", "a", "u"} <= shortcuts
    assert any("Sneltoetsen" in m.value for m in at.caption)
    by_key = lambda key: [b for b in at.button if str(b.proto.shortcut).lower() == key]  # noqa: E731
    by_key("j")[0].click().run()
    assert at.session_state["focus_fragment"][story] == codable[1]
    while not by_key("1"):  # the next fragment with a suggestion above the display threshold
        by_key("j")[0].click().run()
    focused = at.session_state["focus_fragment"][story]
    assert focused != codable[0]
    assert len(by_key("1")) == 1 and len(by_key("x")) == 1
    one = by_key("1")[0]
    assert str(one.key).startswith(f"ok-{focused}-")  # the key acts on the focused fragment
    assert str(by_key("x")[0].key) == "no-" + str(one.key)[3:]
    _click_row(at, one)
    assert [c.fragment_id for c in repo.codings(coder="sneltoets")] == [focused]
    assert at.session_state["focus_fragment"][story] == focused  # focus stays for a second code
    by_key("k")[0].click().run()
    assert at.session_state["focus_fragment"][story] == codable[codable.index(focused) - 1]
    while at.session_state["focus_fragment"][story] != codable[0]:
        by_key("k")[0].click().run()
    by_key("a")[0].click().run()
    adder = at.selectbox(key=f"kadd-{codable[0]}")
    adder.set_value("netwerk.praktisch").run()
    assert (codable[0], "netwerk.praktisch") in {
        (c.fragment_id, c.code) for c in repo.codings(coder="sneltoets")
    }


def test_suggestions_follow_in_the_background_with_a_marker(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    button = _first_button(at, "ok-")
    button.click().run()
    assert not at.exception
    stored = Repository(connect(demo_url)).codings(coder="tester")
    assert len(stored) == 1  # stored in the click's own rerun
    assert _wait_for_marker(at)  # the open story's new suggestions (the rest of the project follows)
    from verhalen.config import load_settings
    from verhalen.ui.resources import _workbench

    assert _workbench(load_settings().database_url).wait_for_refresh(timeout=120)  # the page's Workbench
    at.run()  # may show the marker once more: the rest of the project was stored meanwhile
    at.run()
    assert not any("bijgewerkt" in c.value for c in at.caption)  # nothing new: no marker


def test_only_a_window_of_a_long_story_is_rendered(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.app.workbench import Workbench
    from verhalen.domain import Story
    from verhalen.ui.coding import WINDOW

    text = "\n\n".join(f"Op dag {i} gingen we samen naar de markt en kochten we groente." for i in range(40))
    Workbench(make_settings(demo_url, tmp_path)).import_story(Story("LANG-1", "beijum", "ouder", text))
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.selectbox(key="story_picker").set_value("LANG-1").run()
    shown = {str(b.key).split("-")[1] for b in at.button if str(b.key or "").startswith("ok-")}
    assert 0 < len(shown) <= WINDOW
    assert any("fragment 1–15 van 40" in c.value for c in at.caption)
    at.button(key="page-on").click().run()
    assert any("fragment 16–30 van 40" in c.value for c in at.caption)
    later = {str(b.key).split("-")[1] for b in at.button if str(b.key or "").startswith("ok-")}
    assert later and not later & shown


def test_document_view_shows_the_story_as_one_coloured_text(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.app.workbench import Workbench
    from verhalen.domain import Story

    text = "Ik zei <b>vet</b> tegen haar. Daarna kwam de buurvrouw koffie drinken.\n\nDat gaf rust."
    bench = Workbench(make_settings(demo_url, tmp_path))
    bench.import_story(Story("DOC-1", "beijum", "ouder", text))
    first, second, _ = bench.repo.fragments("DOC-1", codable_only=True)
    bench.decide(second.id, "netwerk", "tester", "confirmed")
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.selectbox(key="story_picker").set_value("DOC-1").run()
    at.radio(key="coding_view_picker").set_value("document").run()
    assert not at.exception
    bodies = [e.proto.body for e in at.get("html") if "verhalen-focus" in e.proto.body]
    assert len(bodies) == 1
    body = bodies[0]
    assert "&lt;b&gt;vet&lt;/b&gt;" in body and "<b>vet" not in body  # story text escaped
    colour = bench.codebook().get("netwerk").colour
    coded = body.split("Daarna kwam")[0].rsplit("<span", 1)[1]
    assert colour in coded  # the coded fragment carries its code's colour
    assert body.index('id="verhalen-focus"') < body.index("vet")  # the first fragment is in focus
    assert body.count("</p><p>") == 1  # two paragraphs
    ok = [b for b in at.button if str(b.key or "").startswith("ok-")]
    assert ok and all(str(b.key).startswith(f"ok-{first.id}-") for b in ok)  # codes of the focused one
    next(b for b in at.button if str(b.proto.shortcut).lower() == "j").click().run()
    body = next(e.proto.body for e in at.get("html") if "verhalen-focus" in e.proto.body)
    assert body.index('id="verhalen-focus"') > body.index("vet")
    at.selectbox(key="lang").set_value("en").run()  # the view survives a language switch
    assert at.radio(key="coding_view_picker").value == "document"


def test_a_decided_row_keeps_check_and_cross_in_place_and_withdraw_apart(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    """A double click on ✓ lands on a disabled ✓ (stored once), never on ↺ (which has its own column)."""
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    button = _first_button(at, "ok-")
    _, fragment_id, code = str(button.key).split("-", 2)
    button.click().run()
    again = at.button(key=f"ok-{fragment_id}-{code}")
    assert again.disabled and at.button(key=f"no-{fragment_id}-{code}").disabled  # still there, disabled
    assert not at.button(key=f"wd-{fragment_id}-{code}").disabled
    assert not again.proto.shortcut  # no key can reach a decided row's ✓
    repo = Repository(connect(demo_url))
    assert [(c.fragment_id, c.code, c.status) for c in repo.codings(coder="tester")] == [
        (int(fragment_id), code, "confirmed")
    ]
    at.run()  # the next action: the page, with the story's progress (a card's click reruns its rows)
    assert at.button(key=f"ok-{fragment_id}-{code}").disabled
    progress = [str(p.proto.text) for p in at.get("progress")]
    assert any(p.startswith("1 van") and "fragmenten beslist" in p for p in progress)
    assert len(Repository(connect(demo_url)).codings(coder="tester")) == 1


def test_memo_marker_on_the_card(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    story = repo.stories()[1].id
    at = open_page(monkeypatch, demo_url, "coderen", coder="memo-codeur")
    at.selectbox(key="story_picker").set_value(story).run()
    assert not any("📝" in c.value for c in at.caption)  # no memo of this coder yet
    memo = next(a for a in at.text_area if str(a.key or "").startswith("memo-"))
    memo.input("Terugkomen op dit fragment.").run()
    assert not at.exception
    assert sum("📝" in c.value for c in at.caption) == 1  # on that card only
    reloaded = open_page(monkeypatch, demo_url, "coderen", coder="memo-codeur")
    reloaded.selectbox(key="story_picker").set_value(story).run()
    assert sum("📝" in c.value for c in reloaded.caption) == 1
    other = open_page(monkeypatch, demo_url, "coderen", coder="iemand-anders")  # a memo is per coder
    other.selectbox(key="story_picker").set_value(story).run()
    assert not any("📝" in c.value for c in other.caption)


def test_a_memo_on_a_code_marks_the_card(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    button = _first_button(at, "ok-")
    _, fragment_id, code = str(button.key).split("-", 2)
    _click_row(at, button)
    assert not any("📝" in c.value for c in at.caption)
    at.session_state["focus_fragment"] = {at.session_state["story_id"]: int(fragment_id)}
    at.run()
    next(i for i in at.text_input if str(i.key) == f"cmemo-{fragment_id}-{code}").input("twijfel").run()
    assert not at.exception
    assert sum("📝" in c.value for c in at.caption) == 1


def test_merge_a_run_and_code_it_from_the_page(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    coded = {f.story_id for f in repo.fragments() if f.id in {c.fragment_id for c in repo.codings()}}
    story = next(s.id for s in repo.stories() if s.id not in coded and repo.fragments(s.id)[0].codable)
    before = repo.fragments(story)
    first = before[0]
    at = open_page(monkeypatch, demo_url, "coderen", coder="nieuw")
    at.session_state["story_id"] = story
    at.run()
    at.number_input(key=f"run-n-{first.id}").set_value(2).run()
    at.selectbox(key=f"run-code-{first.id}").set_value("leren.tips").run()
    at.button(key=f"do-run-{first.id}").click().run()
    assert not at.exception
    after = repo.fragments(story)
    assert len(after) == len(before) - 2  # the focused fragment and the next two became one
    merged = after[0]
    assert merged.text == repo.story(story).text[first.start : before[2].end]
    stored = [(c.fragment_id, c.code, c.status) for c in repo.codings(coder="nieuw")]
    assert stored == [(merged.id, "leren.tips", "confirmed")]
    assert at.session_state["focus_fragment"][story] == merged.id  # the focus moved to the new fragment
    assert any(str(b.key) == f"wd-{merged.id}-leren.tips" for b in at.button)  # its card shows the code


def test_merge_a_run_without_a_code_merges_nothing(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    coded = {f.story_id for f in repo.fragments() if f.id in {c.fragment_id for c in repo.codings()}}
    story = next(s.id for s in repo.stories() if s.id not in coded and repo.fragments(s.id)[0].codable)
    before = repo.fragments(story)
    at = open_page(monkeypatch, demo_url, "coderen", coder="nieuw")
    at.session_state["story_id"] = story
    at.run()
    at.button(key=f"do-run-{before[0].id}").click().run()
    assert not at.exception
    assert repo.fragments(story) == before and repo.codings(coder="nieuw") == []
    assert any("Kies eerst een code" in shown(m) for m in [*at.warning, *at.info, *at.toast, *at.error])


def test_the_codebook_panel_opens_with_every_code(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    from verhalen.ui.coding_codebook import PANEL_KEY

    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    panel = next(e for e in at.expander if e.label == "Codeboek")
    assert not [m for m in panel.markdown]  # closed by default: nothing rendered inside
    at.session_state[PANEL_KEY] = True  # the researcher opens it
    at.run()
    texts = [m.value for m in next(e for e in at.expander if e.label == "Codeboek").markdown]
    assert any("Wel coderen" in v and "Niet coderen" in v and "Voorbeelden" in v for v in texts)
    assert sum(v.startswith("> ") for v in texts) >= 10  # the sub-codes, indented under their parents


def test_the_codebook_panel_escapes_every_text() -> None:
    from verhalen.domain import Code
    from verhalen.ui.coding_codebook import code_markdown

    nasty = "<script>alert(1)</script> *vet* [link](http://x.nl)"
    code = Code("x", nasty, "<b>kort</b>", "#ff0000", nasty, nasty, nasty, examples=(nasty, nasty, "derde"))
    text = code_markdown(code, sub=True)
    assert "<script>" not in text and "<b>" not in text and "*vet*" not in text and "](http" not in text
    assert "\\<script\\>" in text and "derde" not in text  # escaped, shown literally; two examples
    assert all(line.startswith("> ") for line in text.split("\n"))


def test_the_coder_lives_in_plain_state_and_survives_page_switches(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    """The coder's name lives in plain state, not in the sidebar box's widget key (whose value Streamlit
    may drop on a page switch: seen in Chromium as a reload without ?codeur=); the box is set from it."""
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    box = at.text_input(key="coder_field")
    assert box.value == "tester"
    at.switch_page("src/verhalen/ui/app_pages/zoeken.py").run()
    at.switch_page("src/verhalen/ui/app_pages/coderen.py").run()
    assert not at.exception
    assert at.text_input(key="coder_field").value == "tester"
    assert at.query_params["codeur"] in ("tester", ["tester"])
    at.text_input(key="coder_field").input("iemand-anders").run()  # typing a name still sets the coder
    assert at.session_state["coder"] == "iemand-anders"
    assert at.query_params["codeur"] in ("iemand-anders", ["iemand-anders"])
