"""Queue, merge and split, bulk confirmation, and the learning loop at the service level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import make_settings
from verhalen.app.review import (
    merge_run,
    merge_with_next,
    next_in_queue,
    split_at,
    split_options,
    uncertainty,
)
from verhalen.app.workbench import PRACTICES, Workbench
from verhalen.domain import Story, ValidationError

TEXT = (
    "We dronken koffie en lachten veel. De begeleider luisterde goed naar ons.\n\n"
    "Mijn buurvrouw past nu soms op. Ik leerde een nieuwe aanpak voor het slapen gaan."
)


@pytest.fixture
def story_bench(bench: Workbench) -> Workbench:
    bench.ensure_practices(PRACTICES)
    bench.import_story(Story("S1", "veendam", "ouder", TEXT))
    return bench


def test_uncertainty_is_highest_at_one_half() -> None:
    assert uncertainty([0.5]) == 1.0
    assert uncertainty([0.0, 1.0]) == 0.0
    assert uncertainty([]) == 0.0
    assert uncertainty([0.9, 0.4]) == pytest.approx(0.8)


def test_queue_skips_decided_fragments(story_bench: Workbench) -> None:
    fragments = story_bench.repo.fragments("S1")
    first = next_in_queue(story_bench, "a")
    assert first is not None and first.fragment_id == fragments[0].id
    story_bench.decide(fragments[0].id, "ontspannen", "a", "confirmed")
    second = next_in_queue(story_bench, "a")
    assert second is not None and second.fragment_id == fragments[1].id
    uncertain = next_in_queue(story_bench, "a", "uncertain")
    assert uncertain is not None and uncertain.fragment_id != fragments[0].id
    for f in fragments[1:]:
        story_bench.decide(f.id, "leren", "a", "rejected", refresh=False)
    assert next_in_queue(story_bench, "a") is None


def test_queue_stays_in_the_open_story_until_it_is_done(story_bench: Workbench) -> None:
    story_bench.import_story(Story("S0", "veendam", "ouder", TEXT))  # before S1 in the picker's order
    s0, s1 = story_bench.repo.fragments("S0"), story_bench.repo.fragments("S1")
    # from the second fragment of S1: the next one in S1, not the first undecided fragment of the project
    item = next_in_queue(story_bench, "a", story_id="S1", after=s1[1].id)
    assert item is not None and (item.story_id, item.fragment_id) == ("S1", s1[2].id)
    story_bench.decide(s1[3].id, "leren", "a", "confirmed", refresh=False)
    item = next_in_queue(story_bench, "a", story_id="S1", after=s1[2].id)  # past the end: round to S1's start
    assert item is not None and (item.story_id, item.fragment_id) == ("S1", s1[0].id)
    uncertain = next_in_queue(story_bench, "a", "uncertain", story_id="S1")
    assert uncertain is not None and uncertain.story_id == "S1" and uncertain.fragment_id != s1[3].id
    for f in s1:
        story_bench.decide(f.id, "leren", "a", "rejected", refresh=False)
    item = next_in_queue(story_bench, "a", story_id="S1", after=s1[3].id)  # S1 done: the next story (round)
    assert item is not None and (item.story_id, item.fragment_id) == ("S0", s0[0].id)
    other = next_in_queue(story_bench, "b", story_id="S1")  # another coder's queue is their own
    assert other is not None and (other.story_id, other.fragment_id) == ("S1", s1[0].id)


def test_merge_and_split_keep_offsets_exact(story_bench: Workbench) -> None:
    fragments = story_bench.repo.fragments("S1")
    merged_id = merge_with_next(story_bench, fragments[0].id, "a")
    after = story_bench.repo.fragments("S1")
    assert len(after) == len(fragments) - 1
    merged = next(f for f in after if f.id == merged_id)
    assert merged.text == TEXT[fragments[0].start : fragments[1].end]
    assert story_bench.repo.suggestions("S1").get(merged_id)  # the new fragment gets suggestions at once
    (point,) = split_options(merged)
    left, right = split_at(story_bench, merged_id, point, "a")
    final = {f.id: f for f in story_bench.repo.fragments("S1")}
    assert final[left].text == fragments[0].text and final[right].text == fragments[1].text
    assert all(TEXT[f.start : f.end] == f.text for f in final.values())
    kinds = [e.kind for e in story_bench.repo.events()]
    assert "merge" in kinds and "split" in kinds


def test_resegmenting_a_decided_fragment_is_refused(story_bench: Workbench) -> None:
    fragments = story_bench.repo.fragments("S1")
    story_bench.decide(fragments[1].id, "professional", "a", "confirmed")
    with pytest.raises(ValidationError, match="trek die eerst in"):
        merge_with_next(story_bench, fragments[0].id, "a")
    with pytest.raises(ValidationError, match="laatste fragment"):
        merge_with_next(story_bench, fragments[-1].id, "a")
    assert len(story_bench.repo.codings()) == 1


def test_a_decision_stored_after_the_page_checked_is_never_deleted_with_its_fragment(
    db_url: str, tmp_path: Path
) -> None:
    """The store refuses inside its own transaction too (SQLite and PostgreSQL): a coder's decision that
    arrives between the page's check and the merge (another tab, another coder) stays, nothing merged."""
    story_bench = Workbench(make_settings(db_url, tmp_path))
    story_bench.ensure_practices(PRACTICES)
    story_bench.import_story(Story("S1", "veendam", "ouder", TEXT))
    fragments = story_bench.repo.fragments("S1")
    story_bench.decide(fragments[1].id, "professional", "b", "confirmed")  # after the page looked
    with pytest.raises(ValidationError, match="intussen een beslissing"):
        story_bench.repo.replace_fragments(
            "S1", [fragments[0].id, fragments[1].id], [fragments[0]], {"kind": "merge", "coder": "a"}
        )
    assert [f.id for f in story_bench.repo.fragments("S1")] == [f.id for f in fragments]
    assert [(c.fragment_id, c.coder) for c in story_bench.repo.codings()] == [(fragments[1].id, "b")]


def _merges(bench: Workbench) -> list[dict[str, object]]:
    return [json.loads(e.payload) for e in bench.repo.events(limit=1000) if e.kind == "merge"]


def test_merge_run_is_one_fragment_with_the_story_text_from_first_start_to_last_end(
    story_bench: Workbench,
) -> None:
    before = story_bench.repo.fragments("S1")
    new_id = merge_run(story_bench, before[0].id, 2, "a")
    after = story_bench.repo.fragments("S1")
    assert [f.id for f in after] == [new_id, before[3].id]
    merged = after[0]
    assert (merged.start, merged.end) == (before[0].start, before[2].end)
    assert merged.text == TEXT[before[0].start : before[2].end]  # the paragraph break in between included
    assert merged.codable and merged.speaker is None
    assert story_bench.repo.suggestions("S1").get(new_id)  # suggestions at once, as after one merge
    (event,) = _merges(story_bench)  # one event for the whole run
    assert event["removed"] == [f.id for f in before[:3]] and event["coder"] == "a"
    assert (event["start"], event["end"]) == (merged.start, merged.end)


def test_merge_run_refusals_store_nothing(story_bench: Workbench) -> None:
    fragments = story_bench.repo.fragments("S1")
    story_bench.decide(fragments[2].id, "leren", "b", "confirmed")  # another coder's decision counts too
    events = len(story_bench.repo.events(limit=1000))
    with pytest.raises(ValidationError, match=r"Fragment 3 van de 3 .* trek die eerst in"):
        merge_run(story_bench, fragments[0].id, 2, "a")
    with pytest.raises(ValidationError, match="nog maar 1 fragment"):
        merge_run(story_bench, fragments[2].id, 2, "a")  # the run would cross the end of the story
    with pytest.raises(ValidationError, match="laatste fragment"):
        merge_run(story_bench, fragments[3].id, 1, "a")
    for count in (0, 11):
        with pytest.raises(ValidationError, match="1 tot 10"):
            merge_run(story_bench, fragments[0].id, count, "a")
    assert story_bench.repo.fragments("S1") == fragments
    assert len(story_bench.repo.events(limit=1000)) == events and not _merges(story_bench)
    assert [(c.fragment_id, c.code) for c in story_bench.repo.codings()] == [(fragments[2].id, "leren")]


def test_merge_run_takes_an_interviewer_turn_along_as_one_merge_does(story_bench: Workbench) -> None:
    transcript = (
        "I: Hoe ging het?\nR: Goed, we dronken koffie.\nI: Hm-hm.\nR: En ik leerde veel van de anderen."
    )
    story_bench.import_story(Story("T1", "veendam", "ouder", transcript))
    first, question, second = story_bench.repo.fragments("T1")[1:]
    assert not question.codable
    merged = story_bench.repo.fragment(merge_run(story_bench, first.id, 2, "a"))
    assert merged.text == transcript[first.start : second.end] and "I: Hm-hm." in merged.text
    assert merged.codable and merged.speaker == "R"


def test_undo_after_merge_and_code_takes_the_code_back_and_keeps_the_merge(story_bench: Workbench) -> None:
    fragments = story_bench.repo.fragments("S1")
    new_id = merge_run(story_bench, fragments[1].id, 2, "a")
    story_bench.decide(new_id, "leren", "a", "confirmed")
    assert story_bench.undo("a")
    assert story_bench.repo.codings() == []
    assert [f.id for f in story_bench.repo.fragments("S1")] == [fragments[0].id, new_id]
    assert not story_bench.undo("a")  # undo takes back decisions only: the merge stays


def test_confirm_above_threshold_only_takes_high_scores(story_bench: Workbench) -> None:
    suggestions = story_bench.repo.suggestions("S1")
    threshold = sorted(s.score for ss in suggestions.values() for s in ss)[-3]
    expected = sum(1 for ss in suggestions.values() for s in ss if s.score >= threshold)
    assert story_bench.confirm_above("S1", "a", threshold) == expected
    assert story_bench.confirm_above("S1", "a", threshold) == 0  # idempotent
    assert all(c.status == "confirmed" for c in story_bench.repo.codings(coder="a"))


def test_a_confirmation_updates_suggestions_of_undecided_fragments(story_bench: Workbench) -> None:
    story_bench.import_story(Story("S2", "veendam", "ouder", "We dronken samen koffie en lachten heel veel."))
    target = story_bench.repo.fragments("S2")[0]
    before = {s.code: s.score for s in story_bench.repo.suggestions("S2")[target.id]}
    source = story_bench.repo.fragments("S1")[0]  # "We dronken koffie en lachten veel."
    story_bench.decide(source.id, "netwerk", "a", "confirmed")
    after = {s.code: s.score for s in story_bench.repo.suggestions("S2")[target.id]}
    assert after["netwerk"] > before["netwerk"]
    assert story_bench.refresh_after_decision() < 2.0


def test_a_new_codebook_version_in_the_file_becomes_active_and_keeps_inductive_codes(
    story_bench: Workbench, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from verhalen.config import DEFAULT_CODEBOOK

    story_bench.add_inductive_code("humor", "Humor", "a")
    text = DEFAULT_CODEBOOK.read_text(encoding="utf-8")
    old_version = story_bench.codebook().version
    newer = tmp_path / "codeboek.yaml"
    newer.write_text(text.replace(f'version: "{old_version}"', 'version: "99.0"', 1), encoding="utf-8")
    reopened = Workbench(replace(story_bench.settings, codebook_path=newer))
    book = reopened.codebook()
    assert book.version == "99.0"
    assert "humor" in {c.id for c in book.codes} and book.get("humor").inductive
    assert reopened.repo.codebook_versions() == [old_version, "99.0"]
    assert not Workbench(replace(story_bench.settings, codebook_path=newer)).sync_codebook()


def test_index_missing_repairs_fragments_without_suggestions(story_bench: Workbench) -> None:
    from verhalen.store.models import SuggestionRow

    with story_bench.repo.session() as s:
        s.query(SuggestionRow).delete()
    assert story_bench.index_missing() == len(story_bench.repo.fragments(codable_only=True))
    assert story_bench.index_missing() == 0


def test_upload_limit_accepts_decimals_and_refuses_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    from verhalen.config import load_settings

    monkeypatch.setenv("VERHALEN_MAX_UPLOAD_MB", "0,5")
    assert load_settings().max_upload_bytes == 512 * 1024
    monkeypatch.setenv("VERHALEN_MAX_UPLOAD_MB", "veel")
    with pytest.raises(ValidationError, match="getal"):
        load_settings()
