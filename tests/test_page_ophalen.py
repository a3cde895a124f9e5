"""AppTest of the Ophalen page: segments of a code across stories, filters, memos, names of sub-codes."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import ROOT, open_page
from verhalen.domain import Coding, Memo
from verhalen.store import Repository, connect


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _texts(at: AppTest) -> list[str]:
    return [_plain(m.value) for m in at.markdown]


def _captions(at: AppTest) -> list[str]:
    return [_plain(c.value) for c in at.caption]


def _with_subcode_and_memos(url: str) -> int:
    repo = Repository(connect(url))
    rust = next(f for f in repo.fragments("BEI-OUD-01") if "uurtje voor mezelf" in f.text)
    repo.decide(Coding(rust.id, "ontspannen.rust", "onderzoeker-c", "confirmed", memo="even weg van thuis"))
    repo.set_memo(Memo(rust.id, "onderzoeker-a", "sleutelcitaat voor het rapport"))
    repo.engine.dispose()
    return rust.id


def test_segments_of_a_code_across_stories_with_filters(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "ophalen")
    assert at.title[0].value == "Ophalen"
    code = at.selectbox(key="ret_code")
    assert "Groepsgevoel › Herkenning" in code.options
    assert not any("." in option for option in code.options)  # names, never raw ids
    code.set_value("ontspannen").run()
    assert not at.exception
    texts = " ".join(_texts(at))
    assert "uurtje voor mezelf" in texts and "iets voor mezelf gedaan" in texts
    count = next(c for c in _captions(at) if " in " in c and "segment" in c)
    assert re.fullmatch(r"\d+ segmenten in \d+ verhalen\.", count), count
    metas = [c for c in _captions(at) if c.count(" · ") >= 3]
    assert {m.split(" · ")[0][:3] for m in metas} >= {"BEI", "VEE"}  # across stories and practices
    at.selectbox(key="ret_practice").set_value("veendam").run()
    metas = [c for c in _captions(at) if c.count(" · ") >= 3]
    assert metas and all(m.startswith("VEE") for m in metas)
    assert "uurtje voor mezelf" not in " ".join(_texts(at))
    at.selectbox(key="ret_role").set_value("vrijwilliger").run()
    assert not at.exception
    metas = [c for c in _captions(at) if c.count(" · ") >= 3]
    assert metas and all(m.startswith("VEE-VRW-03 · ") and " · vrijwilliger · " in m for m in metas)
    at.selectbox(key="ret_practice").set_value("hoogeveen").run()
    at.selectbox(key="ret_role").set_value("professional").run()
    assert any("Geen bevestigde segmenten" in i.value for i in at.info)


def test_subcode_segments_memos_and_coder_filter(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    fragment_id = _with_subcode_and_memos(demo_url)
    at = open_page(monkeypatch, demo_url, "ophalen")
    at.selectbox(key="ret_code").set_value("ontspannen").run()
    captions = _captions(at)
    assert "Memo van onderzoeker-c (Ontspannen › Even eruit en opladen): even weg van thuis" in captions
    assert "Memo van onderzoeker-a (bij het fragment): sleutelcitaat voor het rapport" in captions
    chips = next(m.value for m in at.markdown if "Ontspannen › Even eruit en opladen</span>" in m.value)
    colours = re.findall(r"background:(#[0-9A-Fa-f]{6})", chips)
    assert len(colours) == 2 and colours[0] == colours[1] != "#999999"  # a sub-code wears its factor's colour
    at.selectbox(key="ret_coder").set_value("onderzoeker-c").run()
    metas = [c for c in _captions(at) if c.count(" · ") >= 3]
    assert len(metas) == 1 and metas[0].startswith("BEI-OUD-01") and metas[0].endswith("onderzoeker-c")
    assert not any("sleutelcitaat" in c for c in _captions(at))  # another coder's memo
    links = [str(p.proto) for p in at.get("page_link")]
    assert any("BEI-OUD-01" in p and f"fragment={fragment_id}" in p for p in links), links
    at.checkbox(key="ret_subcodes").uncheck().run()
    assert any("Geen bevestigde segmenten" in i.value for i in at.info)
    # the memo overviews: per code and per story
    labels = [_plain(e.label) for e in at.expander]  # labels are markdown: user text is escaped
    assert "Ontspannen › Even eruit en opladen (1 memo)" in labels
    assert "BEI-OUD-01 (2 memo's)" in labels
    assert at.query_params["code"] == "ontspannen"


def test_code_in_the_url_and_english(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "ophalen")
    assert at.query_params["code"] == at.selectbox(key="ret_code").value
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    fresh.session_state["coder"] = "onderzoeker-a"
    fresh.query_params["code"] = "leren"
    fresh.switch_page("src/verhalen/ui/app_pages/ophalen.py")
    fresh.run()
    assert not fresh.exception
    assert fresh.selectbox(key="ret_code").value == "leren"
    fresh.selectbox(key="lang").set_value("en").run()
    assert fresh.title[0].value == "Retrieve"
    assert any(re.fullmatch(r"\d+ segments in \d+ stories\.", c) for c in _captions(fresh))
    assert [t.label for t in fresh.tabs] == ["Segments", "Memos per code", "Memos per story"]


def test_an_empty_project_explains_what_to_do(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    at = open_page(monkeypatch, sqlite_url, "ophalen")
    assert any("Nog niets gecodeerd" in i.value for i in at.info)
