"""Team mode in the app: the pages keep calling the Workbench, and the GuardedWorkbench the app hands a
logged-in user checks the role on every write (issue #17: "checked in the service layer, not by hiding
buttons") and writes decisions under the user's own name."""

from __future__ import annotations

import pytest

from tests.conftest import make_settings
from verhalen.app import codes, names_list, pages
from verhalen.app.accounts import Actor
from verhalen.app.team import GuardedWorkbench, PermissionDenied
from verhalen.app.workbench import Workbench
from verhalen.domain import Story


def _everything(wb: Workbench) -> tuple[object, ...]:
    repo = wb.repo
    return (
        repo.codings(),
        repo.memos(),
        repo.stories(),
        wb.codebook(),
        repo.resolutions(),
        names_list.project_names(wb),
    )


def test_a_lezer_writes_nothing_through_any_page_action(demo_bench: Workbench) -> None:
    lezer = GuardedWorkbench(demo_bench, Actor("lotte", "lezer"))
    fragment = demo_bench.repo.fragments(codable_only=True)[0]
    before = _everything(demo_bench)
    refused = [
        lambda: lezer.decide(fragment.id, "leren", "lotte", "confirmed", refresh=False),
        lambda: lezer.withdraw(fragment.id, "leren", "lotte", refresh=False),
        lambda: lezer.undo("lotte", refresh=False),
        lambda: lezer.set_memo(fragment.id, "lotte", "mijn notitie"),
        lambda: lezer.confirm_above(fragment.story_id, "lotte", 0.5, refresh=False),
        lambda: lezer.add_inductive_code("werk", "Werk", "lotte"),
        lambda: lezer.import_story(Story("NIEUW", "beijum", "ouder", "Een nieuw verhaal over de groep.")),
        lambda: pages.resolve(lezer, fragment.id, "leren", "confirmed", "lotte"),
        lambda: names_list.add_project_name(lezer, "Fatima"),
    ]
    for action in refused:
        with pytest.raises(PermissionDenied, match="lezer"):
            action()
    assert _everything(demo_bench) == before
    assert lezer.codebook() == demo_bench.codebook()  # reading is allowed


def test_a_codeur_codes_as_herself_but_may_not_change_the_codebook(demo_bench: Workbench) -> None:
    codeur = GuardedWorkbench(demo_bench, Actor("chris", "codeur"))
    fragment = demo_bench.repo.fragments(codable_only=True)[0]
    assert codeur.decide(fragment.id, "leren", "iemand-anders", "confirmed", refresh=False)
    (mine,) = [c for c in demo_bench.repo.codings() if c.fragment_id == fragment.id and c.code == "leren"
               and c.coder in {"chris", "iemand-anders"}]  # fmt: skip
    assert mine.coder == "chris"  # a typed name never reaches the database
    inductive = demo_bench.add_inductive_code("buurt", "Buurt", "beheer")
    book = demo_bench.codebook()
    with pytest.raises(PermissionDenied, match="codeur"):
        codes.rename(codeur, inductive.id, "Wijk", "chris")
    with pytest.raises(PermissionDenied):
        codeur.import_story(Story("NIEUW", "beijum", "ouder", "Een nieuw verhaal over de groep."))
    assert demo_bench.codebook() == book


def test_a_beheerder_may_do_it_all(demo_bench: Workbench) -> None:
    beheerder = GuardedWorkbench(demo_bench, Actor("bo", "beheerder"))
    code = beheerder.add_inductive_code("werk", "Werk", "typed")
    assert codes.rename(beheerder, code.id, "Werk en school", "bo", refresh=False)
    assert "Werk en school" in {c.name for c in demo_bench.codebook().codes}


def test_every_export_is_logged_a_lezer_may_export(demo_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from verhalen.cli import main

    out = tmp_path / "coderingen.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--database", demo_url]) == 0
    wb = Workbench(make_settings(demo_url, tmp_path))
    GuardedWorkbench(wb, Actor("lotte", "lezer")).log_export("qdpx", "fragment", "typed")
    exports = [e for e in wb.repo.events(limit=10) if e.kind == "export"]
    assert [e.coder for e in exports] == ["lotte", "cli"]  # newest first: the page's (as the user), the CLI's
    assert '"format": "csv"' in exports[1].payload


def test_sessions_share_the_coding_cache_through_the_shared_workbench(demo_bench: Workbench) -> None:
    from verhalen.app.coding_view import story_suggestions

    story = demo_bench.repo.stories()[0].id
    ids = tuple(f.id for f in demo_bench.repo.fragments(story))
    first = GuardedWorkbench(demo_bench, Actor("chris", "codeur"))
    second = GuardedWorkbench(demo_bench, Actor("bo", "beheerder"))
    assert first.shared is second.shared is demo_bench.shared is demo_bench
    version = demo_bench.codebook().version
    assert story_suggestions(first, story, version, ids) is story_suggestions(second, story, version, ids)
