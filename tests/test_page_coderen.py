"""AppTest of the Coderen page: every action writes to the database at once."""

from __future__ import annotations

import pytest

from tests.apptest import open_page
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


def test_story_text_is_never_html(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "coderen", coder="tester")
    for element in at.markdown:
        if "<span" in element.value:  # only code chips are HTML, and they carry no story text
            assert "span style" in element.value
