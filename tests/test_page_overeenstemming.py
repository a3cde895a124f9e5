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
