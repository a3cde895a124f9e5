"""AppTest of the Overeenstemming page."""

from __future__ import annotations

import pytest

from tests.apptest import open_page
from verhalen.store import Repository, connect


def test_shows_kappa_and_alpha_and_settles_a_disagreement(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "overeenstemming", coder="lead")
    assert len(at.dataframe) == 2
    table = at.dataframe[0].value
    assert "Cohens κ" in table.columns and "Krippendorffs α" in table.columns
    only = [str(c.value) for c in at.caption if str(c.value).startswith("alleen ")]
    assert only and all(
        part[:1].isupper() or part == "—" for c in only for part in c.split(": ", 1)[1].split(", ")
    )
    settle = next(b for b in at.button if str(b.key or "").startswith("res-ok-"))
    _, _, fragment_id, code = str(settle.key).split("-", 3)
    settle.click().run()
    assert Repository(connect(demo_url)).resolutions() == {(int(fragment_id), code): "confirmed"}


def test_model_threshold_starts_at_the_engines_own_cut_off(
    monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings
    from verhalen.app.workbench import Workbench

    at = open_page(monkeypatch, demo_url, "overeenstemming", coder="lead")
    engine_cut = Workbench(make_settings(demo_url, tmp_path)).engine().threshold
    slider = at.slider[0]
    assert abs(slider.value - engine_cut) <= 0.025 + 1e-9
    assert slider.value != 0.8  # the bulk-confirm threshold is not the model's cut-off


def test_model_agreement_counts_only_the_coders_decisions(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Counted by hand: one story of several fragments; the coder decided factor 0 on two fragments
    (confirmed, rejected) and factor 1 on one. n is 2, 1 and 0 per code, not every fragment of the story."""
    from tests.conftest import make_settings
    from verhalen.app.workbench import Workbench
    from verhalen.domain import Story

    wb = Workbench(make_settings(sqlite_url, tmp_path))
    wb.ensure_practices()
    text = " ".join(f"Dit is zin nummer {i} over de buurt." for i in range(1, 9))
    wb.import_story(Story("S1", "beijum", "ouder", text))
    fragments = wb.repo.fragments("S1")
    assert len(fragments) >= 4
    book = wb.codebook()
    f0, f1 = book.factors[0], book.factors[1]
    wb.decide(fragments[0].id, f0.id, "anna", "confirmed", refresh=False)
    wb.decide(fragments[1].id, f0.id, "anna", "rejected", refresh=False)
    wb.decide(fragments[2].id, f1.id, "anna", "confirmed", refresh=False)
    wb.repo.engine.dispose()
    at = open_page(monkeypatch, sqlite_url, "overeenstemming", coder="anna")
    table = at.dataframe[-1].value
    n = dict(zip(table["code"], table["n"], strict=True))
    assert n[f0.label] == 2 and n[f1.label] == 1
    assert all(n[c.label] == 0 for c in book.factors[2:])
    assert n["alle codes (fragment × code)"] == 3 and n["eerste code per fragment"] == 3
    captions = " ".join(str(c.value) for c in at.caption)
    assert "fragmenten zonder beslissing tellen niet mee" in captions
