"""AppTest of the Coderen page: every action writes to the database at once."""

from __future__ import annotations

import pytest

from tests.apptest import open_page
from verhalen.domain import Coding
from verhalen.store import Repository, connect


def _first_button(at, prefix: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if str(b.key or "").startswith(prefix))


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
    _first_button(at, "no-").click().run()
    repo = Repository(connect(demo_url))
    assert [c.status for c in repo.codings(coder="tester")] == ["rejected"]
    next(b for b in at.button if "Ongedaan" in b.label).click().run()
    assert repo.codings(coder="tester") == []


def test_add_a_subcode_and_a_memo(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    adder = next(s for s in at.selectbox if str(s.key or "").startswith("add-"))
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
    from verhalen.domain import Story
    from verhalen.services import Workbench

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
    assert at.selectbox[0].value == repo.stories()[1].id
    assert any("wachtrij" in c.value for c in at.caption)


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
    button.click().run()
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
    assert any("onderzoeker-a" in m.value for m in at.markdown)
    next(t for t in at.toggle if "Blind" in t.label).set_value(True).run()
    assert not any("onderzoeker-a" in m.value for m in at.markdown)


def test_split_and_uncertain_order(monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.domain import Story
    from verhalen.services import Workbench

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
    reloaded = open_page(monkeypatch, demo_url, "coderen", coder="tester")  # kept for the project
    assert reloaded.slider(key="show_from").value == pytest.approx(0.95)


def test_why_says_where_a_quoted_example_comes_from(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.domain import Story
    from verhalen.services import Workbench

    text = "Van de andere moeders leerde ik hoe je een peuter laat helpen met tafeldekken."
    bench = Workbench(make_settings(demo_url, tmp_path))
    bench.import_story(Story("ECHO-A", "beijum", "ouder", text))
    (fragment,) = bench.repo.fragments("ECHO-A", codable_only=True)
    bench.decide(fragment.id, "leren", "tester", "confirmed")
    bench.import_story(Story("ECHO-B", "veendam", "ouder", text))
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    at.session_state["story_id"] = "ECHO-B"
    at.run()
    quoted = [c.value for c in at.caption if c.value.startswith("Lijkt op")]
    assert any(c.startswith("Lijkt op (gecodeerd in ECHO-A)") for c in quoted)
    assert any("(codeboek)" in c for c in quoted)
