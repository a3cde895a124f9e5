"""The whole workbench (not only the repository) on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_settings
from verhalen.app.units import compare_json
from verhalen.app.workbench import PRACTICES, Workbench
from verhalen.domain import Story

TEXT = (
    "I: Wat betekent de groep voor jou?\n"
    "R: We drinken koffie en lachen veel, dat is mijn uurtje voor mezelf.\n"
    "I: En buiten de groep?\n"
    "R: Een andere moeder past soms op mijn dochter als ik moet werken.\n"
)


def test_import_decide_undo_compare(db_url: str, tmp_path: Path) -> None:
    bench = Workbench(make_settings(db_url, tmp_path))
    bench.ensure_practices(PRACTICES)
    assert bench.import_story(Story("T1", "veendam", "ouder", TEXT)) == 4
    bench.import_story(Story("T2", "hoogeveen", "professional", "De ouders komen elke dinsdag om negen uur."))
    codable = bench.repo.fragments(codable_only=True)
    assert [f.speaker for f in codable[:2]] == ["R", "R"]
    suggestions = bench.repo.suggestions()
    assert all(len(suggestions[f.id]) == 6 for f in codable)
    bench.decide(codable[0].id, "ontspannen", "a", "confirmed")
    bench.decide(codable[1].id, "netwerk", "a", "confirmed")
    assert bench.decide(codable[1].id, "netwerk", "a", "confirmed") is False
    assert bench.undo("a")
    assert [(c.code, c.status) for c in bench.repo.codings()] == [("ontspannen", "confirmed")]
    result = compare_json(bench, "practice", "story")
    assert result["table"]["ontspannen"] == {
        "Alleenstaande-moedergroepen Veendam": 1.0,
        "VVE & opvoedondersteuning Hoogeveen": 0.0,
    }
    assert bench.stats()["codings"] == 1


def test_opening_rescores_what_an_older_engine_suggested(db_url: str, tmp_path: Path) -> None:
    from dataclasses import replace

    bench = Workbench(make_settings(db_url, tmp_path))
    bench.ensure_practices(PRACTICES)
    bench.import_story(Story("T1", "veendam", "ouder", TEXT))
    codable = bench.repo.fragments(codable_only=True)
    bench.decide(codable[0].id, "ontspannen", "a", "confirmed")
    old = [replace(s, suggester="hybride-0/oud") for ss in bench.repo.suggestions().values() for s in ss]
    bench.repo.replace_suggestions(old)
    assert bench.warm_up() == len(codable) - 1  # the decided fragment keeps what it was decided on
    versions = {fid: {s.suggester for s in ss} for fid, ss in bench.repo.suggestions().items()}
    assert versions[codable[0].id] == {"hybride-0/oud"}
    assert all(versions[f.id] == {bench.engine().version} for f in codable[1:])
    assert bench.warm_up() == 0


def test_stories_of_texts(db_url: str, tmp_path: Path) -> None:
    bench = Workbench(make_settings(db_url, tmp_path))
    bench.ensure_practices(PRACTICES)
    bench.import_story(Story("T1", "veendam", "ouder", TEXT))
    bench.import_story(Story("T2", "beijum", "ouder", TEXT))  # the same sentences again: T1 comes first
    texts = [f.text for f in bench.repo.fragments("T1")]
    assert len(texts) == 4
    found = bench.repo.stories_of_texts([*texts, "niet in het project"])
    assert found == dict.fromkeys(texts, "T1")
