"""The codebook file is valid, complete, and errors name their line."""

from __future__ import annotations

import pytest

from verhalen.codebook import FACTOR_IDS, load_codebook, parse_codebook
from verhalen.config import DEFAULT_CODEBOOK
from verhalen.domain import ValidationError


def test_codebook_has_six_factors_with_examples_and_colours() -> None:
    book = load_codebook(DEFAULT_CODEBOOK)
    assert tuple(c.id for c in book.factors) == FACTOR_IDS
    for code in book.factors:
        assert len(code.examples) >= 6, code.id
        assert code.definition and code.when_to_use and code.when_not_to_use and code.signals
    assert len({c.colour for c in book.factors}) == 6
    assert {c.parent for c in book.children("netwerk")} == {"netwerk"}
    assert book.path("netwerk.praktisch") == "netwerk/netwerk.praktisch"
    assert book.version


def test_codebook_examples_are_not_copied_from_the_handreiking() -> None:
    from verhalen.config import PROJECT_ROOT

    source = (
        PROJECT_ROOT.parent / "shared" / "bronnen" / "handreiking-groepsgerichte-opvoedingsondersteuning.txt"
    )
    if not source.exists():
        pytest.skip("../shared not beside the repository")
    handreiking = " ".join(source.read_text(encoding="utf-8").split())
    book = load_codebook(DEFAULT_CODEBOOK)
    for code in book.codes:
        for sentence in (code.definition, *code.examples):
            assert " ".join(sentence.split()) not in handreiking


def test_error_names_the_line() -> None:
    text = DEFAULT_CODEBOOK.read_text(encoding="utf-8").replace('colour: "#', 'colour: "zz', 1)
    with pytest.raises(ValidationError, match=r"regel \d+: kleur"):
        parse_codebook(text)


def test_missing_factor_and_bad_yaml_are_reported() -> None:
    with pytest.raises(ValidationError, match=r"regel \d+: geen geldige YAML"):
        parse_codebook("version: 1\ncodes:\n  - id: [unclosed\n")
    with pytest.raises(ValidationError, match="werkfactoren ontbreken"):
        parse_codebook(
            "version: '1'\ncodes:\n  - id: leren\n    name: Leren\n    colour: '#000000'\n"
            "    definition: d\n    when_to_use: w\n    when_not_to_use: n\n"
            "    examples: [a, b, c, d, e, f]\n"
        )
