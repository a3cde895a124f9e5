"""The `verhalen` command: stable names and output formats that scripts rely on."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from verhalen.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json_of_the_demo(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--json", "--database", demo_url)
    stats = json.loads(out)
    assert code == 0
    assert stats["stories"] >= 36 and stats["fragments"] > stats["stories"]
    assert len(stats["practices"]) == 3 and set(stats["roles"]) == {"ouder", "vrijwilliger", "professional"}
    assert stats["codings"] > 0


def test_suggest_prints_every_code_per_row_highest_first(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    texts = ["We drinken koffie en lachen veel samen.", "De juf luisterde echt naar mij, zonder oordeel."]
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([[i, t] for i, t in enumerate(texts)])
    code, out, _ = run(capsys, "suggest", str(source), "--database", demo_url)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["text"] for r in rows] == texts
    for row in rows:
        codes = [s["code"] for s in row["suggestions"]]
        scores = [s["score"] for s in row["suggestions"]]
        assert sorted(codes) == sorted(
            ["professional", "structuur", "groepsgevoel", "netwerk", "leren", "ontspannen"]
        )
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_suggest_without_text_column_is_one_line_error(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("tekst\nhallo\n", encoding="utf-8")
    code, out, err = run(capsys, "suggest", str(source), "--database", demo_url)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "text" in err and "Traceback" not in err


def test_export_csv_has_the_contract_columns(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    code, _, _ = run(capsys, "export", "--format", "csv", "--out", str(target), "--database", demo_url)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    required = [
        "story_id",
        "practice",
        "role",
        "fragment_id",
        "start",
        "end",
        "text",
        "code",
        "status",
        "coder",
        "score",
    ]
    assert all(column in rows[0] for column in required)
    coded = [r for r in rows if r["code"]]
    uncoded = [r for r in rows if not r["code"]]
    assert coded and uncoded
    assert len({r["fragment_id"] for r in uncoded}) == len(uncoded)  # uncoded fragments appear once


def test_compare_json_shape(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "--by", "role", "--unit", "story", "--json", "--database", demo_url)
    result = json.loads(out)
    assert code == 0
    assert set(result) >= {"table", "chi2", "p", "dof", "cramers_v", "residuals"}
    assert set(next(iter(result["table"].values()))) <= {"ouder", "vrijwilliger", "professional"}
    assert 0 <= result["p"] <= 1


def test_code_batch_applies_all_or_nothing(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verhalen.store import Repository, connect

    repo = Repository(connect(demo_url))
    fragment = repo.fragments(codable_only=True)[0]
    good = tmp_path / "good.csv"
    good.write_text(
        f"fragment_id,code,status,coder,memo\n{fragment.id},leren,confirmed,extern,uit ATLAS\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"fragment_id,code,status,coder\n{fragment.id},netwerk,confirmed,extern\n999999,leren,"
        "confirmed,extern\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "code", "--batch", str(bad), "--database", demo_url)
    assert code == 1 and "regel 3" in err
    assert not [c for c in repo.codings(coder="extern")]
    code, out, _ = run(capsys, "code", "--batch", str(good), "--database", demo_url)
    assert code == 0 and "1 beslissingen" in out
    code, out, _ = run(capsys, "code", "--batch", str(good), "--database", demo_url)
    assert "0 beslissingen" in out  # idempotent
    assert [(c.code, c.memo) for c in repo.codings(coder="extern")] == [("leren", "uit ATLAS")]


def test_bad_database_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "stats", "--database", "nonsense://")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_unexpected_error_is_one_line_without_debug(
    demo_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from verhalen.app.workbench import Workbench

    def broken(self: Workbench) -> dict[str, object]:
        raise RuntimeError("kapot")

    monkeypatch.delenv("VERHALEN_DEBUG", raising=False)
    monkeypatch.setattr(Workbench, "stats", broken)
    code, out, err = run(capsys, "stats", "--json", "--database", demo_url)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [err.strip()] and "RuntimeError" in err and "Traceback" not in err


def test_search_prints_json_lines_most_similar_first(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "search", "--like", "12", "--role", "ouder", "--limit", "4", "--database", demo_url
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4 and all(r["role"] == "ouder" and r["fragment_id"] != 12 for r in rows)
    assert [r["similarity"] for r in rows] == sorted((r["similarity"] for r in rows), reverse=True)
    code, _, err = run(capsys, "search", "--database", demo_url)
    assert code == 1 and err.startswith("fout: Typ een zoekvraag")


def test_evaluate_reads_a_semicolon_csv_with_empty_codes(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "goud.csv"
    gold.write_bytes(
        "text;code\nWe drinken koffie en lachen veel samen.;ontspannen\nIk woon hier twee jaar.;\n".encode(
            "cp1252"
        )
    )
    code, out, err = run(capsys, "evaluate", str(gold), "--database", demo_url)
    assert code == 0, err
    assert "Fragmenten: 2 (waarvan 1 met een werkfactor)" in out and "Top-1" in out


def test_evaluate_learn_from_json(demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "goud.csv"
    gold.write_text(
        "text,code\nOp woensdag staat de kraam met spelletjes klaar.,ontspannen\n"
        "Ik woon hier twee jaar.,geen\n",
        encoding="utf-8",
    )
    labelled = tmp_path / "geleerd.csv"
    rows = [f"Op woensdag staat de kraam met spelletjes klaar in week {i}.,structuur" for i in range(25)]
    labelled.write_text("text,code\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "evaluate", str(gold), "--json", "--database", demo_url)
    assert code == 0, err
    before = json.loads(out)
    assert set(before) == {
        "n", "n_coded", "top1", "top2", "macro_f1", "kappa", "ece_top_label", "ece_classwise", "threshold",
        "suggester",
    }  # fmt: skip
    assert before["n"] == 2 and before["n_coded"] == 1
    code, out, err = run(
        capsys, "evaluate", str(gold), "--json", "--learn-from", str(labelled), "--database", demo_url
    )
    assert code == 0, err
    assert json.loads(out)["top1"] == 0.0  # learned 'structuur' for exactly this kind of sentence
    # Nothing was stored: the project still scores as before.
    code, out, _ = run(capsys, "evaluate", str(gold), "--json", "--database", demo_url)
    assert json.loads(out) == before


def test_suggest_learn_from_moves_the_first_suggestion(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text\nOp woensdag staat de kraam met spelletjes klaar.\n", encoding="utf-8")
    labelled = tmp_path / "geleerd.csv"
    rows = [f"Op woensdag staat de kraam met spelletjes klaar in week {i}.,netwerk" for i in range(25)]
    labelled.write_text("text,code\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(
        capsys, "suggest", str(source), "--learn-from", str(labelled), "--database", demo_url
    )
    assert code == 0, err
    assert json.loads(out)["suggestions"][0]["code"] == "netwerk"


def test_learn_from_with_an_unknown_code_is_one_line(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text\nHallo.\n", encoding="utf-8")
    labelled = tmp_path / "geleerd.csv"
    labelled.write_text("text,code\nHallo.,gezelligheid\n", encoding="utf-8")
    code, _, err = run(capsys, "suggest", str(source), "--learn-from", str(labelled), "--database", demo_url)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "gezelligheid" in err
