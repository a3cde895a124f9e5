"""The ``verhalen`` command. Every command takes ``--database URL``; errors are one line, exit code 1."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import ROLES, VerhalenError
from verhalen.suggest.engine import FittedModel

Handler = Callable[[argparse.Namespace], int]


def _bench(args: argparse.Namespace) -> Workbench:
    return Workbench(load_settings(args.database))


def cmd_demo(args: argparse.Namespace) -> int:
    from verhalen.app.demo import build_demo

    report = build_demo(_bench(args), reset=args.reset)
    print(
        f"Demo klaar: {report.stories} verhalen, {report.fragments} fragmenten, "
        f"{report.codings} coderingen ({report.seconds:.1f} s)."
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = _bench(args).stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _learned(bench: Workbench, args: argparse.Namespace) -> FittedModel | None:
    """``--learn-from LABELLED``: the engine refitted as if a researcher had confirmed those rows."""
    if not args.learn_from:
        return None
    from verhalen.suggest.evaluate import labelled_decisions, read_gold

    return bench.model_with(labelled_decisions(bench.engine(), read_gold(Path(args.learn_from))))


def cmd_suggest(args: argparse.Namespace) -> int:
    from verhalen.ingest.files import read_rows

    rows = read_rows(Path(args.file), ["text"])
    bench = _bench(args)
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
    bench = _bench(args)
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


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="database-URL (standaard: VERHALEN_DATABASE_URL of var/verhalen.db)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verhalen", description="Werkbank voor verhalenonderzoek.")
    parser.add_argument("--debug", action="store_true", help="toon volledige foutmeldingen")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="bouw de demodatabase")
    p.add_argument("--reset", action="store_true", help="wis eerst alle projectgegevens")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("stats", help="aantallen verhalen, fragmenten, coderingen")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("suggest", help="codesuggesties voor de kolom 'text' van een .csv of .xlsx")
    p.add_argument("file")
    _add_learn_from(p)
    p.set_defaults(handler=cmd_suggest)

    p = sub.add_parser("evaluate", help="vergelijk met een gouden standaard (.csv/.xlsx: text, code)")
    p.add_argument("file")
    _add_learn_from(p)
    p.add_argument("--json", action="store_true", help="de cijfers als één JSON-object")
    p.set_defaults(handler=cmd_evaluate)

    from verhalen.cli import interchange, more, users

    more.register(sub)
    interchange.register(sub)
    users.register(sub)
    for choice in sub.choices.values():
        _add_common(choice)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except VerhalenError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug or os.environ.get("VERHALEN_DEBUG"):
            raise
        print(
            f"fout: onverwacht probleem ({type(exc).__name__}: {exc}); gebruik --debug voor details",
            file=sys.stderr,
        )
        return 1


ROLE_CHOICES = ROLES

if __name__ == "__main__":
    raise SystemExit(main())
