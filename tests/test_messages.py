"""The core's message catalogue: both languages, the same placeholders, plural forms, coded errors."""

from __future__ import annotations

import string

import pytest

from verhalen.domain import ValidationError, VerhalenError
from verhalen.messages import CATALOGUE, LANGUAGES, render


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _forms(text: str | tuple[str, str]) -> list[str]:
    return list(text) if isinstance(text, tuple) else [text]


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_in_every_language_with_the_same_placeholders(key: str) -> None:
    texts = CATALOGUE[key]
    assert set(texts) == set(LANGUAGES)
    fields = {lang: [_fields(form) for form in _forms(texts[lang])] for lang in LANGUAGES}
    assert all(form == fields["nl"][0] for lang in LANGUAGES for form in fields[lang])
    assert isinstance(texts["nl"], tuple) == isinstance(texts["en"], tuple)
    if isinstance(texts["nl"], tuple):
        assert "n" in fields["nl"][0]  # a plural is chosen by n


def test_plural_forms_follow_n() -> None:
    assert render("qdpx_empty", "nl", n=1) == "1 lege selectie overgeslagen."
    assert render("qdpx_empty", "nl", n=3) == "3 lege selecties overgeslagen."
    assert render("qdpx_empty", "en", n=1) == "1 empty selection skipped."
    assert render("qdpx_empty", "en", n=0) == "0 empty selections skipped."


def test_a_coded_error_is_dutch_as_a_string_and_english_on_request() -> None:
    error = ValidationError("code_unknown", code="werk/school")
    assert str(error) == "Code 'werk/school' staat niet in het codeboek."
    assert error.text("en") == "Code 'werk/school' is not in the codebook."
    assert error.key == "code_unknown" and error.params == {"code": "werk/school"}


def test_a_plain_sentence_stays_as_it_is() -> None:
    error = VerhalenError("Iets ging mis met bestand x.txt.")
    assert error.key is None
    assert str(error) == error.text("en") == "Iets ging mis met bestand x.txt."


def test_no_key_is_in_two_parts_of_the_catalogue() -> None:
    from verhalen.messages import CATALOGUE, PARTS

    assert sum(len(part) for part in PARTS) == len(CATALOGUE)
