"""One validation for both databases (issue #17): the same input gets the same one-line Dutch refusal on
SQLite and PostgreSQL, and nothing is stored; without it SQLite took what PostgreSQL refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_settings
from verhalen.app import batch, limits, names_list
from verhalen.app.importing import ImportOptions, import_paths
from verhalen.app.workbench import Workbench
from verhalen.domain import ValidationError, VerhalenError

STORY = "De juf zei dat het goed ging met de kinderen. Wij waren blij en dronken samen koffie.\n"
OPTIONS = ImportOptions(practice="hoogeveen", role="professional", pseudonymise=True)


def _bench(url: str, where: Path) -> Workbench:
    where.mkdir(exist_ok=True)
    return Workbench(make_settings(url, where))


def _refusals(bench: Workbench, where: Path) -> list[str]:
    """Import each bad input; the refusal of each, as the report gives it."""
    cases: list[tuple[str, bytes, ImportOptions]] = [
        ("lang-id.txt", STORY.encode(), ImportOptions(**{**OPTIONS.__dict__, "story_id": "v" * 300})),
        ("nul.txt", (STORY + "en toen\x00").encode(), OPTIONS),
        ("onzichtbaar.txt", "\u200b\u200b \u00a0\u2060\ufeff\u200d\n".encode(), OPTIONS),
        ("een-byte.txt", b"x", OPTIONS),
        ("te-lang.txt", (STORY * 20).encode(), OPTIONS),  # over a lowered MAX_STORY_CHARS
        ("codeur.txt", STORY.encode(), ImportOptions(**{**OPTIONS.__dict__, "coder": "c" * 5000})),
        ("tabel.csv", f"id;tekst\n{'w' * 300};{STORY.strip()}\nV-2;{STORY.strip()}\n".encode(), OPTIONS),
        ("interviewer.txt", STORY.encode(), ImportOptions(**{**OPTIONS.__dict__, "interviewer": "i" * 250})),
    ]
    found = []
    for name, data, options in cases:
        path = where / name
        path.write_bytes(data)
        try:
            report = import_paths(bench, [path], options)
        except VerhalenError as exc:
            found.append(f"{name}: {exc}")
            continue
        assert not report.stored, (name, report.stored)
        found.extend(report.failed_lines())
    return found


def _batch_refusals(bench: Workbench, where: Path) -> list[str]:
    fragment = min(bench.repo.fragment_ids())
    code = bench.codebook().factors[0].id
    rows = {
        "lange-codeur.csv": f"{fragment},{code},{'c' * 5000},confirmed,",
        "nul-codeur.csv": f"{fragment},{code},a\x00b,confirmed,",
        "onzichtbare-codeur.csv": f"{fragment},{code},\u200b\u200b,confirmed,",
        "nul-memo.csv": f"{fragment},{code},lead,confirmed,memo\x00",
    }
    found = []
    for name, row in rows.items():
        path = where / name
        path.write_text(f"fragment_id,code,coder,status,memo\n{row}\n", encoding="utf-8")
        with pytest.raises(ValidationError) as refused:
            batch.apply_batch(bench, path)
        found.append(f"{name}: {refused.value}")
    return found


@pytest.mark.postgres
def test_the_same_input_is_refused_the_same_way_on_both_databases(
    sqlite_url: str, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_STORY_CHARS", len(STORY) * 10)
    seen = {}
    for name, url in (("sqlite", sqlite_url), ("postgres", pg_url)):
        bench = _bench(url, tmp_path / name)
        refusals = _refusals(bench, tmp_path / name)
        assert bench.repo.counts()["stories"] == 0, name
        import_paths(bench, [_good(tmp_path / name)], OPTIONS)  # one story, for the decisions
        refusals += _batch_refusals(bench, tmp_path / name)
        assert bench.repo.codings() == [], name
        seen[name] = refusals
    assert seen["sqlite"] == seen["postgres"]
    assert len(seen["sqlite"]) == 12
    for line in seen["sqlite"]:
        assert "\n" not in line and "onverwacht" not in line.lower() and "INSERT" not in line, line
        assert not any(x * 50 in line for x in "cvwi")  # no echo of the input
    text = "\n".join(seen["sqlite"])
    for expected in (
        "Het verhaal-id is langer dan 120 tekens",
        "stuurteken",
        "leeg of bestaat alleen uit onzichtbare tekens",
        "bevat geen woorden",
        "is te lang: " + f"{len(STORY) * 20:,}".replace(",", ".") + f" tekens, hoogstens {len(STORY) * 10}",
        "De naam van de codeur is langer dan 100 tekens",
        "Regel 2: Het verhaal-id is langer dan 120 tekens",
        "De naam van de interviewer is langer dan 200 tekens",
    ):
        assert expected in text, (expected, seen["sqlite"])


def _good(where: Path) -> Path:
    path = where / "goed.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_limits_on_names_and_texts() -> None:
    assert limits.coder("  onderzoeker   a ") == "onderzoeker a"
    assert limits.story_id("v" * 120) == "v" * 120
    for bad in ("", " \u200b\u2060 ", "a\x00b", "a\nb", "a\x1bb", "x" * 101):
        with pytest.raises(ValidationError):
            limits.coder(bad)
    assert (
        limits.memo_text("") == ""
        and limits.memo_text("regel 1\nregel 2\tmet tab") == "regel 1\nregel 2\tmet tab"
    )
    with pytest.raises(ValidationError, match="te lang"):
        limits.memo_text("m" * (limits.MAX_MEMO + 1))
    with pytest.raises(ValidationError):
        names_list.normalise("Sanne\x00")
    with pytest.raises(ValidationError):
        names_list.normalise("\u200b\u200b")


def test_the_service_layer_checks_what_the_app_sends(db_url: str, tmp_path: Path) -> None:
    """Decisions, memos, codes and practices typed in the app pass the same limits as imports."""
    wb = Workbench(make_settings(db_url, tmp_path))
    wb.ensure_practices()
    from verhalen.domain import Story

    wb.import_story(Story("S1", "beijum", "ouder", "We drinken samen koffie. De juf leest voor."))
    fragment = wb.repo.fragments("S1", codable_only=True)[0]
    for bad in ("an\x00na", "x" * (limits.MAX_CODER + 1)):
        with pytest.raises(ValidationError, match="codeur"):
            wb.decide(fragment.id, "leren", bad, "confirmed", refresh=False)
    with pytest.raises(ValidationError):
        wb.decide(fragment.id, "leren", "anna", "confirmed", memo="m" * 20_001, refresh=False)
    with pytest.raises(ValidationError):
        wb.set_memo(fragment.id, "anna", "\x00")
    with pytest.raises(ValidationError):
        wb.add_practice("\u200b\u200b")  # only invisible characters
    assert wb.repo.codings() == [] and wb.repo.memos() == []
