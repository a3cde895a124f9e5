"""`verhalen import-project` and `import-codebook`: results, one-line Dutch errors, all or nothing."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_project_import import exported, foreign_project, qdc
from verhalen.app.workbench import Workbench
from verhalen.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stats(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, _ = run(capsys, "stats", "--json", "--database", url)
    assert code == 0
    return dict(json.loads(out))


def test_import_project_into_an_empty_project(
    demo_bench: Workbench, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "demo.qdpx"
    source.write_bytes(exported(demo_bench.snapshot(), "qdpx"))
    code, out, err = run(capsys, "import-project", str(source), "--database", sqlite_url, "--coder", "sam")
    assert (code, err) == (0, "")
    demo = demo_bench.repo.counts()
    assert out.startswith(f"Geïmporteerd: {demo['stories']} verhalen, ") and out.count("\n") == 1
    after = stats(sqlite_url, capsys)
    confirmed = sum(c.status == "confirmed" for c in demo_bench.repo.codings())  # REFI has no rejections
    assert (after["stories"], after["codings"]) == (demo["stories"], confirmed)

    # a second time: the project is no longer empty, and nothing changes
    code, out, err = run(capsys, "import-project", str(source), "--database", sqlite_url)
    assert code == 1 and out == "" and "leeg project" in err and len(err.strip().splitlines()) == 1
    assert stats(sqlite_url, capsys) == after


def test_import_project_warnings_go_to_stderr(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ander.qdpx"
    source.write_bytes(foreign_project().getvalue())
    code, out, err = run(capsys, "import-project", str(source), "--database", sqlite_url)
    assert code == 0 and "1 verhalen" in out
    assert err.startswith("let op: ") and "overlappende" in err


def _broken(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    cases: dict[str, tuple[Path, str]] = {}
    not_zip = tmp_path / "kapot.qdpx"
    not_zip.write_bytes(b"dit is geen zip")
    cases["not_zip"] = (not_zip, "geen geldig zip")
    bad_xml = tmp_path / "xml.qdpx"
    with zipfile.ZipFile(bad_xml, "w") as archive:
        archive.writestr("project.qde", "<Project><Sources>\n<TextSource>")
    cases["bad_xml"] = (bad_xml, "geen geldige XML")
    outside = tmp_path / "buiten.qdpx"
    body = foreign_project().getvalue()
    with zipfile.ZipFile(io.BytesIO(body)) as src, zipfile.ZipFile(outside, "w") as dst:
        document = src.read("Ander.qde").decode().replace('endPosition="', 'endPosition="9')
        dst.writestr("Ander.qde", document)
    cases["outside"] = (outside, "valt buiten bron")
    cases["missing"] = (tmp_path / "weg.qdpx", "bestaat niet")
    wrong = tmp_path / "verhaal.docx"
    wrong.write_bytes(b"x")
    cases["suffix"] = (wrong, "geen REFI-QDA-project")
    return cases


@pytest.mark.parametrize("case", ["not_zip", "bad_xml", "outside", "missing", "suffix"])
def test_import_project_errors_are_one_dutch_line_and_store_nothing(
    case: str, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, message = _broken(tmp_path)[case]
    code, out, err = run(capsys, "import-project", str(path), "--database", sqlite_url)
    assert code == 1 and out == ""
    assert err.startswith("fout: ") and message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert stats(sqlite_url, capsys)["stories"] == 0


def test_import_codebook_makes_a_new_active_version(
    bench: Workbench, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    active = bench.codebook()
    edited = replace(active.get("netwerk"), definition="Nieuwe definitie.")
    codes = tuple(edited if c.id == "netwerk" else c for c in active.codes)
    source = tmp_path / "boek.qdc"
    source.write_bytes(qdc(replace(active, codes=codes)).getvalue())
    code, out, err = run(capsys, "import-codebook", str(source), "--database", sqlite_url)
    assert (code, err) == (0, "")
    assert out.startswith("Codeboekversie ") and "0 nieuwe code(s), 1 gewijzigd" in out
    book = Workbench(bench.settings).codebook()
    assert book.version != active.version and book.get("netwerk").definition == "Nieuwe definitie."

    code, out, _ = run(capsys, "import-codebook", str(source), "--database", sqlite_url)
    assert code == 0 and out == f"Het codeboek verandert niets; versie {book.version} blijft actief.\n"


def test_import_codebook_errors(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "leeg.qdc"
    empty.write_bytes(b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    broken = tmp_path / "kapot.qdc"
    broken.write_bytes(b"<CodeBook>\n<Codes>")
    for path, message in (
        (empty, "geen codes"),
        (broken, "geen geldige XML"),
        (tmp_path / "weg.qdc", "bestaat niet"),
    ):
        code, out, err = run(capsys, "import-codebook", str(path), "--database", sqlite_url)
        assert code == 1 and out == "" and message in err and len(err.strip().splitlines()) == 1
