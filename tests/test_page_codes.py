"""AppTest of the Codes page: rename, recolour, move and merge an inductive code; the handreiking's codes."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import ROOT, open_page
from verhalen.app.retrieval import code_name
from verhalen.domain import Code, Coding
from verhalen.store import Repository, connect
from verhalen.ui.i18n import TEXTS


def t_nl(key: str) -> str:
    return TEXTS[key]["nl"]


def _with_inductive_code(url: str) -> tuple[int, int]:
    """'Lotgenoten' (inductive, top level) confirmed on two fragments; coder a also has Herkenning on one."""
    repo = Repository(connect(url))
    book = repo.active_codebook()
    assert book is not None
    repo.add_code(book.version, Code("lotgenoten", "Lotgenoten", inductive=True), "onderzoeker-a")
    first, second = repo.fragments("BEI-OUD-01", codable_only=True)[:2]
    repo.decide_many(
        [
            Coding(first.id, "lotgenoten", "onderzoeker-a", "confirmed", memo="moeders onder elkaar"),
            Coding(second.id, "lotgenoten", "onderzoeker-a", "confirmed"),
            Coding(second.id, "groepsgevoel.herkenning", "onderzoeker-a", "confirmed", memo="herkenning"),
        ]
    )
    repo.engine.dispose()
    return first.id, second.id


def _messages(at: AppTest) -> list[str]:
    return [m.value.replace("\\", "") for m in (*at.success, *at.error, *at.info)]


def test_rename_recolour_move_and_merge_through_the_page(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    first, second = _with_inductive_code(demo_url)
    at = open_page(monkeypatch, demo_url, "codes")
    assert at.title[0].value == "Codes"
    pick = at.selectbox(key="codes_code")
    assert "Groepsgevoel › Herkenning" in pick.options and "Lotgenoten" in pick.options
    assert not any("." in option for option in pick.options)  # names, never raw ids
    assert pick.value == "lotgenoten"  # it opens on the first code that can change more than its colour

    # a code of the handreiking: only the colour
    pick.set_value("groepsgevoel").run()
    assert at.text_input(key="codes_name_groepsgevoel").disabled
    assert at.button(key="codes_rename").disabled and at.button(key="codes_move").disabled
    at.color_picker(key="codes_colour_groepsgevoel").pick("#224466").run()
    at.button(key="codes_recolour").click().run()
    assert not at.exception
    assert "Kleur van 'Groepsgevoel' opgeslagen." in _messages(at)

    # rename, move, merge an inductive code
    at.selectbox(key="codes_code").set_value("lotgenoten").run()
    at.text_input(key="codes_name_lotgenoten").input("Lotgenoten en buren").run()
    at.button(key="codes_rename").click().run()
    assert "'Lotgenoten' heet nu 'Lotgenoten en buren'." in _messages(at)
    assert at.selectbox(key="codes_code").value == "lotgenoten"  # new option labels keep the choice
    at.selectbox(key="codes_parent_lotgenoten").set_value("groepsgevoel").run()
    at.button(key="codes_move").click().run()
    assert "'Lotgenoten en buren' staat nu als 'Groepsgevoel › Lotgenoten en buren'." in _messages(at)
    assert "Groepsgevoel › Lotgenoten en buren" in at.selectbox(key="codes_code").options

    assert at.button(key="codes_merge").disabled  # until the researcher says yes
    at.selectbox(key="codes_target_lotgenoten").set_value("groepsgevoel.herkenning").run()
    at.checkbox(key="codes_sure_lotgenoten").check().run()
    at.button(key="codes_merge").click().run()
    assert not at.exception
    merged = next(m for m in _messages(at) if "samengevoegd met" in m)
    assert merged.startswith(
        "'Groepsgevoel › Lotgenoten en buren' is samengevoegd met 'Groepsgevoel › Herkenning'"
    )
    assert "2 coderingen verplaatst, waarvan 1 samengevoegd" in merged
    assert at.selectbox(key="codes_code").value == "groepsgevoel.herkenning"  # the merge's target
    assert "Groepsgevoel › Lotgenoten en buren" not in at.selectbox(key="codes_code").options

    repo = Repository(connect(demo_url))
    book = repo.active_codebook()
    assert book is not None and "lotgenoten" not in {c.id for c in book.codes}
    assert book.get("groepsgevoel").colour == "#224466"
    mine = {(c.fragment_id, c.code): c for c in repo.codings(coder="onderzoeker-a")}
    assert not any(code == "lotgenoten" for _, code in mine)
    assert mine[(first, "groepsgevoel.herkenning")].memo == "moeders onder elkaar"
    assert mine[(second, "groepsgevoel.herkenning")].status == "confirmed"
    kinds = [e.kind for e in repo.events(10)]
    assert {"merge_code", "merge_coding", "move_code", "rename_code", "recolour_code"} <= set(kinds)
    assert code_name(book, "groepsgevoel.herkenning") == "Groepsgevoel › Herkenning"
    repo.engine.dispose()


def test_a_refused_change_is_one_dutch_line(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    _with_inductive_code(demo_url)
    at = open_page(monkeypatch, demo_url, "codes")
    at.selectbox(key="codes_code").set_value("lotgenoten").run()
    at.text_input(key="codes_name_lotgenoten").input("Netwerk").run()  # the name of a factor
    at.button(key="codes_rename").click().run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [
        "Dat ging niet: Er is al een code 'Netwerk'; kies een andere naam."
    ]


def test_english_and_no_coder(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "codes")
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Codes"
    assert at.button(key="codes_rename").label == "Save name"
    assert [s.value for s in at.subheader] == ["Place", "Merge"]
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    fresh.switch_page("src/verhalen/ui/app_pages/codes.py")
    fresh.run()
    assert not fresh.exception
    assert [i.value for i in fresh.info] == [t_nl("coder_needed")]
    assert not fresh.get("selectbox") or all(s.key != "codes_code" for s in fresh.selectbox)
