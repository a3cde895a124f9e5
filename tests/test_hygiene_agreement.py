"""Overeenstemming with an inductive code whose id holds a '/' (issue #17): no KeyError, the code counts."""

from __future__ import annotations

import pytest

from tests.apptest import open_page
from verhalen.domain import Code, Coding
from verhalen.store import Repository, connect


def test_an_inductive_code_with_a_slash_in_its_id(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    repo = Repository(connect(demo_url))
    book = repo.active_codebook()
    assert book is not None
    repo.add_code(book.version, Code("werk/school", "Werk of school", inductive=True), "a1")
    fragments = [f.id for f in repo.fragments(codable_only=True)[:4]]
    for i, fid in enumerate(fragments):
        repo.decide(Coding(fid, "werk/school", "a1", "confirmed"))
        # the first one is a disagreement to settle: a2 decided it too, and rejected the code
        repo.decide(Coding(fid, "werk/school", "a2", "confirmed" if i else "rejected"))
    updated = repo.active_codebook()
    assert updated is not None and updated.factor_of("werk/school") == "werk/school"

    at = open_page(monkeypatch, demo_url, "overeenstemming", coder="lead")
    assert not at.exception
    assert [s.value for s in at.selectbox[:2]] == ["a1", "a2"]
    table = at.dataframe[0].value
    assert "Werk of school" in set(table["code"])
    settle = next(b for b in at.button if str(b.key or "").startswith("res-ok-"))
    assert str(settle.key).endswith("-werk/school")
