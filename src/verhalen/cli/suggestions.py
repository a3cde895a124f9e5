"""Suggestion commands: ``suggest``, ``evaluate`` (with ``--learn-from``) and ``code --batch``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from verhalen.app.workbench import Workbench
from verhalen.cli.common import workbench
from verhalen.suggest.model import FittedModel

EXPORT_FORMATS = ("csv", "xlsx", "qdpx", "qdc", "matrix")


def _learned(bench: Workbench, args: argparse.Namespace) -> FittedModel | None:
    """``--learn-from LABELLED``: the engine refitted as if a researcher had confirmed those rows."""
    if not args.learn_from:
        return None
    from verhalen.suggest.evaluate import labelled_decisions, read_gold

    return bench.model_with(labelled_decisions(bench.engine(), read_gold(Path(args.learn_from))))


def cmd_suggest(args: argparse.Namespace) -> int:
    from verhalen.ingest.files import read_rows

    rows = read_rows(Path(args.file), ["text"])
    bench = workbench(args)
    engine = bench.engine()
    model = _learned(bench, args)
    results = engine.score(engine.prepare([r["text"] for r in rows]), model)
    for row, suggestions in zip(rows, results, strict=True):
        out = {
            "text": row["text"],
            "suggestions": [{"code": s.code, "score": round(s.score, 4)} for s in suggestions],
        }
        print(json.dumps(out, ensure_ascii=False))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from verhalen.suggest.evaluate import evaluate, format_report, read_gold

    gold = read_gold(Path(args.file))
    bench = workbench(args)
    report = evaluate(bench.engine(), gold, model=_learned(bench, args))
    print(json.dumps(report.as_json(), ensure_ascii=False) if args.json else format_report(report))
    return 0


def _add_learn_from(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--learn-from",
        metavar="GELABELD",
        help="leer eerst van deze rijen (.csv/.xlsx: text, code; code is een werkfactor of 'geen'), "
        "alsof een onderzoeker ze had bevestigd; er wordt niets opgeslagen",
    )


def cmd_code(args: argparse.Namespace) -> int:
    from verhalen.app.batch import apply_batch

    report = apply_batch(workbench(args), Path(args.batch))  # one transaction: all rows or none
    print(f"{report.applied} beslissingen verwerkt, {report.unchanged} ongewijzigd.")
    if report.refresh_error:
        print(
            "let op: de beslissingen zijn opgeslagen, maar de suggesties konden nu niet worden "
            "bijgewerkt; dat gebeurt bij de volgende beslissing.",
            file=sys.stderr,
        )
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("suggest", help="codesuggesties voor de kolom 'text' van een .csv of .xlsx")
    p.add_argument("file")
    _add_learn_from(p)
    p.set_defaults(handler=cmd_suggest)

    p = sub.add_parser("evaluate", help="vergelijk met een gouden standaard (.csv/.xlsx: text, code)")
    p.add_argument("file")
    _add_learn_from(p)
    p.add_argument("--json", action="store_true", help="de cijfers als één JSON-object")
    p.set_defaults(handler=cmd_evaluate)

    p = sub.add_parser("code", help="pas beslissingen uit een CSV toe")
    p.add_argument(
        "--batch", required=True, metavar="FILE.csv", help="kolommen fragment_id, code, status, coder[, memo]"
    )
    p.set_defaults(handler=cmd_code)
