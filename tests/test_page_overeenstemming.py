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
