"""AppTest of the Overeenstemming page between coders: figures over the fragments both coders decided, n
shown, a plain word when they are few, and α across three coders with undecided fragments as missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apptest import open_page, shown
from tests.conftest import make_settings
from verhalen.app.workbench import Workbench
from verhalen.domain import Story


def _story(url: str, tmp_path: Path) -> tuple[Workbench, list[int], list[str]]:
    wb = Workbench(make_settings(url, tmp_path))
    wb.ensure_practices()
    text = "\n\n".join(
        f"Alinea {i}. Ik werkte toen in de buurt en sprak er veel mensen." for i in range(1, 15)
    )
    wb.import_story(Story("S1", "beijum", "ouder", text))
    fragments = [f.id for f in wb.repo.fragments("S1") if f.codable]
    assert len(fragments) >= 12
    return wb, fragments, [c.id for c in wb.codebook().factors]


def _ten_and_four(wb: Workbench, fragments: list[int], factors: list[str]) -> None:
    """anna decides fragments 0–9 (factor 0 on the even ones, factor 1 on the odd ones); bram decides only
    0–3, exactly as anna did. The other six are fragments bram never saw, not fragments without a code."""
    for i, fid in enumerate(fragments[:10]):
        for coder in ("anna", "bram") if i < 4 else ("anna",):
            wb.decide(fid, factors[i % 2], coder, "confirmed", refresh=False)


def test_two_coders_agree_over_the_fragments_both_decided(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    wb, fragments, factors = _story(sqlite_url, tmp_path)
    _ten_and_four(wb, fragments, factors)
    labels = {c.id: c.label for c in wb.codebook().factors}
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    assert [s.value for s in at.selectbox[:2]] == ["anna", "bram"]
    table = at.dataframe[0].value.set_index("code")
    assert all(table.loc[labels[f], "n"] == 4 for f in factors)  # not the 10 anna decided, nor the story
    assert table.loc["alle codes (fragment × code)", "n"] == 4 * 2  # the two factors given, not all six
    assert table.loc["eerste code per fragment", "n"] == 4
    for f in factors[:2]:
        row = table.loc[labels[f]]
        assert (row["% overeenstemming"], row["Cohens κ"], row["Krippendorffs α"]) == ("100%", "1,00", "1,00")
    unused = table.loc[labels[factors[2]]]  # neither gave it: no figure (not 100 %), and the page says why
    assert (unused["% overeenstemming"], unused["Cohens κ"]) == ("—", "—")
    assert "niemand gaf deze code" in unused["toelichting"]
    assert "te weinig" in table.loc[labels[factors[0]], "toelichting"]
    captions = " ".join(shown(c) for c in at.caption)
    assert "zowel anna als bram besliste" in captions and ": 4 fragmenten." in captions
    assert "6 fragmenten alleen door anna beslist, 0 fragmenten alleen door bram" in captions
    assert any("maar 4 fragmenten allebei" in shown(w) for w in at.warning)
    assert "0 fragmenten waarover anna en bram verschillen" in captions  # 4–9 are no disagreements


def test_in_english_with_one_shared_fragment(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    wb, fragments, factors = _story(sqlite_url, tmp_path)
    wb.decide(fragments[0], factors[0], "anna", "confirmed", refresh=False)
    wb.decide(fragments[1], factors[0], "anna", "confirmed", refresh=False)
    wb.decide(fragments[0], factors[1], "bram", "confirmed", refresh=False)
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    table = at.dataframe[0].value.set_index("code")
    assert table.loc["first code per fragment", "n"] == 1
    captions = " ".join(shown(c) for c in at.caption)
    assert "both anna and bram decided" in captions and ": 1 fragment." in captions
    assert "1 fragment decided by anna only, 0 fragments by bram only" in captions
    assert any("only 1 fragment" in shown(w) for w in at.warning)


def test_no_fragment_in_common_says_so(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    wb, fragments, factors = _story(sqlite_url, tmp_path)
    wb.decide(fragments[0], factors[0], "anna", "confirmed", refresh=False)
    wb.decide(fragments[1], factors[0], "bram", "confirmed", refresh=False)
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    assert any("geen fragment allebei beslist" in shown(i) for i in at.info)
    assert len(at.dataframe) == 1  # only the model table


def test_three_coders_alpha_with_undecided_as_missing(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    wb, fragments, factors = _story(sqlite_url, tmp_path)
    _ten_and_four(wb, fragments, factors)
    for fid in fragments[8:12]:  # cor: 8 and 9 shared with anna, 10 and 11 nobody else decided
        wb.decide(fid, factors[0], "cor", "confirmed", refresh=False)
    labels = {c.id: c.label for c in wb.codebook().factors}
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    assert len(at.dataframe) == 3  # pair, all coders, model
    group = at.dataframe[1].value.set_index("code")
    assert group.loc[labels[factors[0]], "n"] == 6  # 0–3 (anna, bram) and 8–9 (anna, cor)
    assert group.loc["eerste code per fragment", "n"] == 6
    captions = " ".join(shown(c) for c in at.caption)
    assert "alle 3 codeurs" in captions and "als ontbrekend, niet als 'geen code'" in captions
