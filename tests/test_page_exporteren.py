"""AppTest of the Exporteren page."""

from __future__ import annotations

import pytest

from tests.apptest import open_page


def test_a_download_per_format(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "exporteren")
    labels = [element.proto.label for element in at.get("download_button")]
    assert len(labels) == 5
    assert any(".qdpx" in label for label in labels)
