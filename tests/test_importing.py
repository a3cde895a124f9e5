"""The import use case through `verhalen import` / `verhalen scan` and the `importing` functions.

Every bad input gives a Dutch one-line message, exit code 1 and no stored story; identifiers are never
stored unseen: refused without a decision, pseudonymised without a trace, or kept and logged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_ingest import make_docx, make_odt
from verhalen.app.import_review import Candidate, finalise
from verhalen.app.importing import ACCEPTED, ImportOptions, import_paths, parse_attributes, remember_mapping
from verhalen.app.workbench import Workbench
from verhalen.cli import main
from verhalen.domain import Attribute, VerhalenError
from verhalen.ingest import files, privacy

SOURCE = Path("/work/shared/bronnen/empowerende-oudergroepen.txt")
SECRETS = ("Barbara Hendriksen", "b.r.hendriksen@uu.nl", "Hendriksen")
CLEAN = "Ik kwam binnen en de koffie stond klaar. De andere moeders waren aardig."
TRANSCRIPT = (
    "I: Hoe was de eerste bijeenkomst?\r\n"
    "R: Spannend. Ik kende niemand, maar de koffie stond klaar en de juf was aardig in het cafe\u0301.\r\n"
    "I: En daarna?\r\n"
    "R: Daarna werd het een vaste club. We helpen elkaar met boodschappen en oppassen.\r\n"
)


@pytest.fixture(scope="module", autouse=True)
def deduce_loaded() -> None:
    privacy.warm_up()  # one deduce per process, shared with test_privacy and the page tests


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def import_args(url: str, *paths: Path, flag: str | None = "--pseudonymise") -> list[str]:
    args = ["import", *map(str, paths), "--practice", "beijum", "--role", "ouder", "--database", url]
    return [*args, flag] if flag else args


def stories(bench: Workbench) -> int:
    return int(bench.repo.counts()["stories"])


def everything_stored(bench: Workbench) -> str:
    """Every text the database holds about stories: texts, titles, sources, fragments and the log."""
    texts = [f"{s.text} {s.title} {s.source_name}" for s in bench.repo.stories()]
    texts += [f.text for f in bench.repo.fragments()]
    texts += [e.payload for e in bench.repo.events(limit=10_000)]
    return "\n".join(texts)


# ---------------------------------------------------------------- bad input: message, exit 1, nothing stored


def _truncated_docx(tmp_path: Path) -> bytes:
    good = make_docx(tmp_path)
    return good[: len(good) // 2]


BAD: dict[str, tuple[str, Callable[[Path], bytes], str]] = {
    "leeg": ("leeg.txt", lambda _: b"", "is leeg"),
    "binair-als-docx": ("nep.docx", lambda _: b"MZ\x90\x00 dit is een programma", "geen geldig Word-bestand"),
    "corrupte-zip": ("kapot.docx", _truncated_docx, "beschadigd"),
    "te-groot": ("groot.txt", lambda _: CLEAN.encode() * 30_000, "groter dan de limiet van 1 MB"),
    "onleesbaar": ("ruis.txt", lambda _: bytes(range(256)) * 4, "UTF-8"),
    "csv-zonder-tekst": ("lijst.csv", lambda _: b"naam;leeftijd\nA;3\n", "geen tekstkolom"),
    "dubbel-id-in-csv": ("dubbel.csv", lambda _: f"id;tekst\nv1;{CLEAN}\nv1;{CLEAN}\n".encode(), "v1"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_exit_1_and_nothing_stored(
    case: str,
    bench: Workbench,
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VERHALEN_MAX_UPLOAD_MB", "1")
    name, make, keyword = BAD[case]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    code, out, err = run(capsys, *import_args(sqlite_url, path))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert keyword in err and name in err
    assert stories(bench) == 0


def test_duplicate_story_id_is_refused(
    bench: Workbench, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "verhaal.txt"
    path.write_text(CLEAN, encoding="utf-8")
    assert run(capsys, *import_args(sqlite_url, path))[0] == 0
    code, out, err = run(capsys, *import_args(sqlite_url, path))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "verhaal-id 'verhaal' bestaat al" in err
    assert stories(bench) == 1


def test_unknown_practice_and_bad_attribute_are_one_line(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "verhaal.txt"
    path.write_text(CLEAN, encoding="utf-8")
    args = import_args(sqlite_url, path)
    code, _, err = run(capsys, *[a if a != "beijum" else "nergens" for a in args])
    assert code == 1 and "Onbekende praktijk 'nergens'" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, *args, "--attribute", "zonder waarde")
    assert code == 1 and "naam = waarde" in err


# ---------------------------------------------------------------- identifiers


def test_source_scan_then_pseudonymised_import_leaves_no_trace(
    bench: Workbench, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "scan", str(SOURCE))
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and hits
    assert all(set(hit) == {"file", "text", "label", "start", "end"} for hit in hits)
    assert {("Barbara Hendriksen", "persoon"), ("b.r.hendriksen@uu.nl", "email")} <= {
        (h["text"], h["label"]) for h in hits
    }
    text = files.read_text_file(SOURCE.name, SOURCE.read_bytes())
    assert all(text[h["start"] : h["end"]] == h["text"] for h in hits)

    code, out, err = run(capsys, *import_args(sqlite_url, SOURCE))
    assert code == 0 and err == "" and out.startswith("opgeslagen: ")
    stored = everything_stored(bench)
    assert not [secret for secret in SECRETS if secret in stored]
    story = bench.repo.stories()[0]
    assert "[PERSOON-1]" in story.text and "[EMAIL-1]" in story.text
    payload = json.loads(next(e for e in bench.repo.events() if e.kind == "import").payload)
    assert {"label": "persoon", "placeholder": "[PERSOON-1]"} in payload["privacy"]["pseudonymised"]


def test_unreviewed_hits_refuse_the_file(
    bench: Workbench, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *import_args(sqlite_url, SOURCE, flag=None))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "--pseudonymise" in err and "--accept-identifiers" in err
    assert stories(bench) == 0
    assert not [e for e in bench.repo.events() if e.kind == "import"]


def test_accept_identifiers_stores_and_logs_the_reason(
    bench: Workbench, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, *import_args(sqlite_url, SOURCE, flag="--accept-identifiers"))
    assert code == 0
    assert "Barbara Hendriksen" in bench.repo.stories()[0].text
    event = next(e for e in bench.repo.events() if e.kind == "import")
    kept = json.loads(event.payload)["privacy"]["kept"]
    assert {"label": "persoon", "text": "Barbara Hendriksen", "reason": ACCEPTED} in kept


def test_extra_names_are_flagged_consistently_and_leave_title_and_log(
    bench: Workbench,
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VERHALEN_EXTRA_NAMES", "Kwebbel")
    path = tmp_path / "gesprek-kwebbel.txt"
    path.write_text("Kwebbel kwam ook naar de groep. Later zei kwebbel dat het goed ging.", encoding="utf-8")
    assert run(capsys, *import_args(sqlite_url, path, flag=None))[0] == 1
    assert run(capsys, *import_args(sqlite_url, path))[0] == 0
    story = bench.repo.stories()[0]
    assert story.text == "[PERSOON-1] kwam ook naar de groep. Later zei [PERSOON-1] dat het goed ging."
    assert "kwebbel" not in everything_stored(bench).casefold()


def test_project_names_list_lives_in_the_database_and_is_used_by_an_import(
    bench: Workbench, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verhalen.app import names_list

    assert names_list.project_names(bench) == ()
    names_list.add_project_name(bench, "  Kwebbel ")
    names_list.add_project_name(bench, "Het Speelhol", label="instelling")
    names_list.add_project_name(bench, "kwebbel")  # duplicates are ignored, case-insensitively
    assert names_list.project_names(bench) == ("Kwebbel", "instelling:Het Speelhol")
    again = Workbench(bench.settings)  # another session of the same project sees the same list
    assert names_list.project_names(again) == ("Kwebbel", "instelling:Het Speelhol")
    path = tmp_path / "verhaal.txt"
    path.write_text("Kwebbel zat in het speelhol. Daarna zei kwebbel dat het goed ging.", encoding="utf-8")
    assert run(capsys, *import_args(sqlite_url, path))[0] == 0
    story = bench.repo.stories()[0]
    assert story.text == "[PERSOON-1] zat in [INSTELLING-1]. Daarna zei [PERSOON-1] dat het goed ging."
    assert names_list.remove_project_name(bench, "KWEBBEL") == ("instelling:Het Speelhol",)


@pytest.mark.parametrize(
    ("entry", "message"),
    [("   ", "leeg"), ("x" * 101, "te lang"), ("lokatie:Beijum", "Onbekend soort"), ("!!", "letters")],
)
def test_bad_names_list_entry_is_refused(bench: Workbench, entry: str, message: str) -> None:
    from verhalen.app import names_list

    names_list.set_project_names(bench, ["Sanne"])
    with pytest.raises(VerhalenError, match=message):
        names_list.add_project_name(bench, entry)
    with pytest.raises(VerhalenError, match=message):
        names_list.set_project_names(bench, ["Pim", entry if entry.strip() else "persoon:"])
    assert names_list.project_names(bench) == ("Sanne",)


def test_kept_hit_needs_a_reason_and_pseudonymised_text_is_not_logged() -> None:
    from verhalen.domain import Story

    text = "Anna en anna."
    hits = (privacy.Hit("Anna", "persoon", 0, 4), privacy.Hit("anna", "persoon", 8, 12))
    candidate = Candidate("a.txt", Story("a", "beijum", "ouder", text), hits)
    with pytest.raises(VerhalenError, match="reden"):
        finalise(candidate, {0: "  "})
    story, payload = finalise(candidate, {})
    assert story.text == "[PERSOON-1] en [PERSOON-1]."
    assert "nna" not in json.dumps(payload)
    story, payload = finalise(candidate, {1: "bijnaam, niet herleidbaar"})
    assert story.text == "[PERSOON-1] en anna."
    assert payload["kept"] == [{"label": "persoon", "text": "anna", "reason": "bijnaam, niet herleidbaar"}]


# ---------------------------------------------------------------- batches, formats, round trip


def test_batch_stores_the_good_file_and_lists_the_bad(
    bench: Workbench, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "goed.txt", tmp_path / "nep.docx"
    good.write_text(CLEAN, encoding="utf-8")
    bad.write_bytes(b"geen zip")
    code, out, err = run(capsys, *import_args(sqlite_url, good, bad))
    assert code == 1
    assert "opgeslagen: goed.txt" in out and "nep.docx" not in out
    assert err.strip().splitlines() == [err.strip()] and "niet opgeslagen: nep.docx" in err
    assert [s.id for s in bench.repo.stories()] == ["goed"]


def _rebuild(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, list[str]]:
    """The text from the exported fragments placed at their offsets, and the gaps between them."""
    parts: list[str] = []
    gaps: list[str] = []
    position = 0
    for start, end, fragment in sorted(spans):
        assert start >= position
        gaps.append(text[position:start])
        parts += [gaps[-1], fragment]
        position = end
    gaps.append(text[position:])
    return "".join(parts) + gaps[-1], gaps


def test_import_then_csv_export_returns_the_text_exactly(
    bench: Workbench, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, transcript = tmp_path / "verhaal.txt", tmp_path / "interview.txt"
    plain.write_bytes(f"{CLEAN}\r\n\r\nTweede alinea: de juf van het cafe\u0301 hielp.\r\n".encode())
    transcript.write_bytes(TRANSCRIPT.encode("utf-8"))
    code, _, _ = run(
        capsys, *import_args(sqlite_url, plain, transcript), "--date", "3-2-2024", "--interviewer", "X"
    )
    assert code == 0
    out = tmp_path / "export.csv"
    assert run(capsys, "export", "--format", "csv", "--out", str(out), "--database", sqlite_url)[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    for path in (plain, transcript):
        story = bench.repo.story(path.stem)
        assert story.text == files.normalise(path.read_text(encoding="utf-8"))  # NFC, \n line ends
        assert "café" in story.text and (story.date, story.interviewer) == ("2024-02-03", "X")
        spans = {(int(r["start"]), int(r["end"]), r["text"]) for r in rows if r["story_id"] == story.id}
        assert len(spans) == len(bench.repo.fragments(story.id))
        rebuilt, gaps = _rebuild(story.text, sorted(spans))
        assert rebuilt == story.text
        allowed = r"\s*" if path is plain else r"\s*(?:[IR]:\s*)?"  # speaker labels stay outside the turns
        assert all(re.fullmatch(allowed, gap) for gap in gaps), gaps


def test_transcript_turns_have_speakers_and_interviewer_is_not_codable(
    bench: Workbench, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "interview.txt"
    path.write_bytes(TRANSCRIPT.encode("utf-8"))
    assert run(capsys, *import_args(sqlite_url, path))[0] == 0
    turns = [(f.speaker, f.codable, f.kind) for f in bench.repo.fragments("interview")]
    assert turns == [("I", False, "turn"), ("R", True, "turn")] * 2


def test_csv_docx_and_odt_through_importing(bench: Workbench, tmp_path: Path) -> None:
    table = tmp_path / "verhalen.csv"
    table.write_text(
        "id;tekst;praktijk;rol;datum;leeftijdsgroep;kinderen\n"
        f"V-1;{CLEAN};Huiskamer Beijum (WIJ Groningen);moeder;1-3-2024;30-40;2\n"
        f"V-2;De vrijwilligers zetten koffie en thee klaar.;veendam;vrijwilliger;;;1\n",
        encoding="utf-8",
    )
    (tmp_path / "verhaal.docx").write_bytes(make_docx(tmp_path))
    (tmp_path / "verhaal.odt").write_bytes(make_odt(tmp_path))
    paths = [table, tmp_path / "verhaal.docx", tmp_path / "lied.odt"]
    paths[2].write_bytes((tmp_path / "verhaal.odt").read_bytes())
    options = ImportOptions(practice="hoogeveen", role="professional", pseudonymise=True)
    report = import_paths(bench, paths, options)
    assert report.ok, report.failed
    stored = {s.id: s for s in bench.repo.stories()}
    assert set(stored) == {"V-1", "V-2", "verhaal", "lied"}
    assert (stored["V-1"].practice, stored["V-1"].role, stored["V-1"].date) == (
        "beijum",
        "ouder",
        "2024-03-01",
    )
    assert set(stored["V-1"].attributes) == {
        Attribute("kinderen", "2", "number"),
        Attribute("leeftijdsgroep", "30-40", "text"),
    }
    assert (stored["V-2"].practice, stored["V-2"].role) == ("veendam", "vrijwilliger")
    assert "Laatste alinea, na de tabel." in stored["verhaal"].text
    assert stored["lied"].text.endswith("Tweede alinea.") and stored["lied"].practice == "hoogeveen"


def test_remembered_layout_maps_an_unknown_text_column(bench: Workbench, tmp_path: Path) -> None:
    path = tmp_path / "notities.csv"
    path.write_text(f"nummer,beschrijving\nN1,{CLEAN}\n", encoding="utf-8")
    options = ImportOptions(practice="beijum", role="ouder", pseudonymise=True)
    assert "geen tekstkolom" in str(import_paths(bench, [path], options).failed[0][1])
    table = files.read_table(path.name, path.read_bytes())
    remember_mapping(bench, table, files.ColumnMapping(text="beschrijving", story_id="nummer"))
    assert import_paths(bench, [path], options).ok
    assert bench.repo.story("N1").text == CLEAN


def test_parse_attributes_types() -> None:
    assert parse_attributes(
        ["groep = 30-40", "kinderen = 2", "start = 1-3-2024", "code:tekst = 0123", ""]
    ) == (
        Attribute("groep", "30-40", "text"),
        Attribute("kinderen", "2", "number"),
        Attribute("start", "2024-03-01", "date"),
        Attribute("code", "0123", "text"),
    )
    with pytest.raises(VerhalenError):
        parse_attributes(["jaar:kleur = rood"])


def test_only_names_leave_the_file_name_derived_id() -> None:
    from verhalen.domain import Story

    text = "Anna was 8 jaar."
    hits = (privacy.Hit("Anna", "persoon", 0, 4), privacy.Hit("8", "leeftijd", 9, 10))
    story = Story("anna-08", "beijum", "ouder", text, title="anna-08", source_name="anna-08.txt")
    final, _ = finalise(Candidate("anna-08.txt", story, hits), {})
    assert (final.id, final.title, final.source_name) == ("[PERSOON-1]-08",) * 2 + ("[PERSOON-1]-08.txt",)
    assert final.text == "[PERSOON-1] was [LEEFTIJD-1] jaar."


def test_rescan_lists_what_stored_stories_still_hold_except_what_was_kept(bench: Workbench) -> None:
    from verhalen.app.scanning import rescan_stored
    from verhalen.domain import Story

    bench.ensure_practices()
    # stored before the scan knew these names (as an older version or an accepted import would)
    old = "Mijn buurvrouw Tsehaye hielp mij. Bel 06-12345678 als er iets is."
    bench.import_story(Story("oud-1", "beijum", "ouder", old), privacy={"kept": []})
    kept = "Juf Anouk deed de groep; haar naam mag blijven."
    payload = {"kept": [{"label": "persoon", "text": "juf anouk", "reason": "met toestemming"}]}
    bench.import_story(Story("oud-2", "beijum", "ouder", kept), privacy=payload)
    found = list(rescan_stored(bench))
    assert {(f["story"], f["text"], f["label"]) for f in found} == {
        ("oud-1", "Tsehaye", "persoon"),
        ("oud-1", "06-12345678", "telefoon"),
    }
    assert all(old[f["start"] : f["end"]] == f["text"] for f in found)


def test_scan_without_files_rescans_the_stored_stories(
    bench: Workbench, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from verhalen.domain import Story

    bench.ensure_practices()
    bench.import_story(Story("oud-1", "beijum", "ouder", "Mijn buurvrouw Tsehaye hielp mij."), privacy={})
    code, out, _ = run(capsys, "scan", "--database", sqlite_url)
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"story": "oud-1", "text": "Tsehaye", "label": "persoon", "start": 15, "end": 22}
    ]
