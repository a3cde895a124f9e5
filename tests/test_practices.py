"""The deployment's practices come from a data file, not from code."""

from __future__ import annotations

from pathlib import Path

import pytest

from verhalen.config import DEFAULT_PRACTICES, load_practices
from verhalen.domain import ValidationError


def test_the_default_file_holds_the_three_practices() -> None:
    practices = load_practices(DEFAULT_PRACTICES)
    assert [p.id for p in practices] == ["beijum", "hoogeveen", "veendam"]
    assert all(p.name for p in practices)


def test_another_deployment_brings_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "eigen.toml"
    own.write_text('[[practice]]\nid = "assen"\nname = "Ouderkamer Assen"\n', encoding="utf-8")
    monkeypatch.setenv("VERHALEN_PRACTICES", str(own))
    assert [(p.id, p.name) for p in load_practices()] == [("assen", "Ouderkamer Assen")]


@pytest.mark.parametrize("text", ['[[practice]]\nid = "x"\n', "[[practice]\n"])
def test_a_broken_file_is_one_dutch_line(tmp_path: Path, text: str) -> None:
    broken = tmp_path / "kapot.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=r"kapot\.toml"):
        load_practices(broken)
