"""AppTest of the Coderen page with more than one coder: what one sees of another's decisions, blind coding
in team mode, code names instead of ids, and a display threshold of one's own."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest

from tests.apptest import open_page
from verhalen.domain import Code, Codebook, Coding
from verhalen.store import Repository, connect


def _uncoded_story(repo: Repository) -> tuple[str, int]:
    """A story nobody coded yet and its first codable fragment (the one in focus when it opens)."""
    coded = {f.story_id for f in repo.fragments() if f.id in {c.fragment_id for c in repo.codings()}}
    story = next(s.id for s in repo.stories() if s.id not in coded and repo.fragments(s.id)[0].codable)
    return story, repo.fragments(story, codable_only=True)[0].id


def _sub_code(book: Codebook) -> tuple[Code, Code]:
    """A sub-code and its factor."""
    sub = next(c for c in book.codes if c.parent)
    return sub, book.get(str(sub.parent))


def _html(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The chips on the page as the browser reads them (a label is written as character references)."""
    return [unescape(m.value) for m in at.markdown if m.proto.allow_html]


def test_another_coders_rejection_is_marked_in_words(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    book = repo.active_codebook()
    assert book is not None
    story, fragment = _uncoded_story(repo)
    sub, factor = _sub_code(book)
    repo.decide(Coding(fragment, factor.id, "anna", "rejected"))
    repo.decide(Coding(fragment, sub.id, "anna", "confirmed"))
    at = open_page(monkeypatch, demo_url, "coderen", coder="bert")
    at.session_state["story_id"] = story
    at.run()
    chips = " ".join(_html(at))
    assert (
        '<span title="afgewezen door anna"' in chips and f"✗ {factor.label} · anna</span>" in chips
    )  # a ✗ and a word, not a shade
    assert f"✓ {factor.label} › {sub.label} · anna</span>" in chips  # the code's name, never its id
    assert f"{factor.id} · anna" not in chips and f"{sub.id} · anna" not in chips
    at.selectbox(key="lang").set_value("en").run()
    chips = " ".join(_html(at))
    assert '<span title="rejected by anna"' in chips and f"✗ {factor.label} · anna</span>" in chips
    assert '<span title="given by anna"' in chips


def test_codes_are_named_in_the_picker_and_the_chips(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    book = repo.active_codebook()
    assert book is not None
    story, fragment = _uncoded_story(repo)
    sub, factor = _sub_code(book)
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.session_state["story_id"] = story
    at.run()
    at.button(key=f"kadd-open-{fragment}").click().run()
    picker = at.selectbox(key=f"kadd-{fragment}")
    name = f"{factor.label} › {sub.label}"
    assert name in picker.options and not [o for o in picker.options if "/" in o or o == sub.id]
    picker.set_value(sub.id).run()  # the option is the id, the list shows the name
    assert not at.exception
    assert [(c.fragment_id, c.code) for c in repo.codings(coder="tester")] == [(fragment, sub.id)]
    assert any(f"{name} ✓</span>" in h for h in _html(at))  # the added code's chip
    memo = at.text_input(key=f"cmemo-{fragment}-{sub.id}")
    assert name in memo.label and sub.id not in memo.label


def test_one_way_to_add_a_code_and_the_memo_says_what_it_is_on(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    repo = Repository(connect(demo_url))
    story, fragment = _uncoded_story(repo)
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.session_state["story_id"] = story
    at.run()
    popovers = [str(p.proto.popover.label) for p in at.get("popover")]
    assert popovers == ["Memo, nieuwe code, samenvoegen"]  # says what is in it
    adding = {b.label for b in at.button if str(b.key).startswith(("kadd-open-", "add-open-"))}
    assert adding == {"+ Code kiezen"}  # one way to add a code: the list in the card (key A)
    assert not [s for s in at.selectbox if str(s.key) == f"add-{fragment}"]  # no second code list
    assert at.text_area(key=f"memo-{fragment}").label == "Memo bij dit fragment"
    at.selectbox(key="lang").set_value("en").run()
    assert at.text_area(key=f"memo-{fragment}").label == "Memo on this fragment"


def test_show_suggestions_from_is_each_coders_own(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    from verhalen.app.coding_view import SHOW_FROM_DEFAULT

    anna = open_page(monkeypatch, demo_url, "coderen", coder="anna")
    assert anna.slider(key="show_from").value == pytest.approx(SHOW_FROM_DEFAULT)
    anna.slider(key="show_from").set_value(0.95).run()
    assert not anna.exception
    repo = Repository(connect(demo_url))
    assert repo.get_setting("coderen.toon_vanaf") is None  # the project's value is untouched
    bert = open_page(monkeypatch, demo_url, "coderen", coder="bert")
    assert bert.slider(key="show_from").value == pytest.approx(SHOW_FROM_DEFAULT)  # not anna's 95 %
    bert.slider(key="show_from").set_value(0.5).run()
    again = open_page(monkeypatch, demo_url, "coderen", coder="anna")  # a reload keeps anna's own
    assert again.slider(key="show_from").value == pytest.approx(0.95)
    again.text_input(key="coder_field").input("bert").run()  # another coder in the same browser: theirs
    assert again.slider(key="show_from").value == pytest.approx(0.5)
    repo.set_setting("coderen.toon_vanaf", "0.3")  # the project's default, for whoever never chose
    new = open_page(monkeypatch, demo_url, "coderen", coder="carla")
    assert new.slider(key="show_from").value == pytest.approx(0.3)


def test_blind_coding_is_on_by_default_in_team_mode(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path: Path
) -> None:
    from tests.conftest import make_settings
    from verhalen.app.accounts import Accounts
    from verhalen.app.workbench import Workbench

    password = "correct paard batterij"
    Accounts(Workbench(make_settings(demo_url, tmp_path)).repo).add("bert", "codeur", password, by="test")
    monkeypatch.setenv("VERHALEN_TEAM", "1")
    at = open_page(monkeypatch, demo_url, "coderen", coder="")
    at.text_input[0].input("bert")
    at.text_input[1].input(password)
    next(b for b in at.button if b.label == "Inloggen").click().run()
    at.session_state["story_id"] = "BEI-OUD-01"  # coded by onderzoeker-a and -b
    at.run()
    assert not at.exception, at.exception
    assert at.toggle(key="blind_picker").value is True
    assert not any("onderzoeker-a" in h for h in _html(at))
    at.toggle(key="blind_picker").set_value(False).run()  # the coder's own choice, kept in the session
    assert any("onderzoeker-a" in h for h in _html(at))
    at.switch_page("src/verhalen/ui/app_pages/geschiedenis.py").run()
    at.switch_page("src/verhalen/ui/app_pages/coderen.py").run()
    assert at.toggle(key="blind_picker").value is False


def test_blind_coding_stays_off_by_default_outside_team_mode(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.session_state["story_id"] = "BEI-OUD-01"
    at.run()
    assert at.toggle(key="blind_picker").value is False
    assert any("onderzoeker-a" in h for h in _html(at))
