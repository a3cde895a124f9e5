from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from tests.test_suggest import CODEBOOK
from verhalen.domain import VerhalenError
from verhalen.suggest.embeddings import FakeEmbedder
from verhalen.suggest.engine import Engine
from verhalen.suggest.evaluate import (
    evaluate,
    evaluate_scores,
    expected_calibration_error,
    format_evaluation,
    format_report,
    read_gold,
)

CODES = ("a", "b")
SCORES = np.array([[0.9, 0.1], [0.4, 0.7], [0.2, 0.3], [0.6, 0.55]])
GOLD = ["a", "b", "geen", "b"]


def test_hand_example() -> None:
    result = evaluate_scores(CODES, SCORES, GOLD, threshold=0.5)
    assert result.n == 4 and result.n_coded == 3
    assert result.top1 == pytest.approx(2 / 3)
    assert result.top2 == pytest.approx(1.0)
    # decisions: {a}, {b}, {geen}, {a, b} -> F1 a = 2/3, b = 1, geen = 1
    assert dict(result.per_code_f1) == pytest.approx({"a": 2 / 3, "b": 1.0, "geen": 1.0})
    assert result.macro_f1 == pytest.approx((2 / 3 + 1 + 1) / 3)
    # top label or geen: a, b, geen, a  -> po = 3/4, pe = 5/16
    assert result.kappa == pytest.approx((0.75 - 5 / 16) / (1 - 5 / 16))
    assert result.kappa == pytest.approx(cohen_kappa_score(GOLD, ["a", "b", "geen", "a"]))
    # eight (score, hit) pairs, each alone in its bin
    assert result.ece == pytest.approx((0.1 + 0.1 + 0.4 + 0.3 + 0.2 + 0.3 + 0.6 + 0.45) / 8)


def test_ece_of_a_perfectly_calibrated_bin_is_zero() -> None:
    confidence = np.full(10, 0.3)
    outcome = np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], dtype=float)
    assert expected_calibration_error(confidence, outcome) == pytest.approx(0.0)
    assert expected_calibration_error(np.array([]), np.array([])) == 0.0


def test_shape_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError):
        evaluate_scores(CODES, SCORES[:2], GOLD, 0.5)


def test_evaluate_engine_and_format() -> None:
    engine = Engine(CODEBOOK, FakeEmbedder())
    gold = [
        ("Koffie drinken en kletsen geeft rust.", "koffie"),
        ("Ze haalt mijn kinderen op van school.", "oppas"),
        ("Die tip over bedtijd probeer ik uit.", "tips"),
        ("Het regende die dag heel hard.", "geen"),
    ]
    result = evaluate(engine, gold)
    assert result.n == 4 and result.n_coded == 3
    assert 0.0 <= result.top1 <= result.top2 <= 1.0
    assert 0.0 <= result.ece <= 1.0 and -1.0 <= result.kappa <= 1.0
    assert result.suggester == engine.version
    text = format_report(result)
    assert format_evaluation(result) == text
    assert "Top-1" in text and "kappa" in text and len(text.splitlines()) <= 8


def test_read_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text('text,code,role\n"Een zin, met komma",leren,ouder\nNog een,,ouder\n', encoding="utf-8")
    assert read_gold(path) == [("Een zin, met komma", "leren"), ("Nog een", "geen")]
    bad = tmp_path / "bad.csv"
    bad.write_text("tekst\nx\n", encoding="utf-8")
    with pytest.raises(VerhalenError, match="code"):
        read_gold(bad)


def test_read_gold_as_dutch_excel_saves_it(tmp_path: Path) -> None:
    """Semicolons, Windows-1252, capitalised headers; and the same rows as .xlsx."""
    from openpyxl import Workbook

    rows = [("Café-ochtend: één keer per week", "structuur"), ("Niets bijzonders", "geen")]
    path = tmp_path / "goud.csv"
    path.write_bytes(("Text;Code\r\n" + "".join(f"{t};{c}\r\n" for t, c in rows)).encode("cp1252"))
    assert read_gold(path) == rows
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["text", "code"])
    for row in rows:
        sheet.append(list(row))
    book.save(tmp_path / "goud.xlsx")
    assert read_gold(tmp_path / "goud.xlsx") == rows


def test_unknown_gold_codes_are_a_clear_error_and_case_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "goud.csv"
    path.write_text("text,code\nWe drinken koffie.,Koffie\nIets.,GEEN\n", encoding="utf-8")
    gold = read_gold(path)
    assert [code for _, code in gold] == ["koffie", "geen"]
    engine = Engine(CODEBOOK, FakeEmbedder())
    assert evaluate(engine, gold).n == 2
    with pytest.raises(VerhalenError, match="relaxen"):
        evaluate(engine, [("Even bijkomen.", "relaxen")])
