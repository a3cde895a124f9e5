"""CLI commands for import, scan, export, compare, search and batch coding (registered by cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import ROLES, VerhalenError

EXPORT_FORMATS = ("csv", "xlsx", "qdpx", "qdc", "matrix")


def _bench(args: argparse.Namespace) -> Workbench:
    return Workbench(load_settings(args.database))


def cmd_compare(args: argparse.Namespace) -> int:
    from verhalen.analysis.units import Selection, compare_json

    selection = Selection(source="coder", coder=args.coder) if args.coder else Selection()
    result = compare_json(_bench(args), args.by, args.unit, selection)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for code, row in result["table"].items():
            print(code, " ".join(f"{g}={v:g}" for g, v in row.items()))
        if "chi2" in result:
            print(f"chi2={result['chi2']} p={result['p']} dof={result['dof']} V={result['cramers_v']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from verhalen.app.exporting import export

    bench = _bench(args)
    out = Path(args.out)
    try:
        with out.open("wb") as handle:
            export(bench.snapshot(), args.format, handle, level=args.level)
    except OSError as exc:
        raise VerhalenError(f"Kan {out} niet schrijven: {exc.strerror}") from exc
    print(f"Geschreven: {out}")
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from verhalen.app.batch import apply_batch

    report = apply_batch(_bench(args), Path(args.batch))  # one transaction: all rows or none
    print(f"{report.applied} beslissingen verwerkt, {report.unchanged} ongewijzigd.")
    if report.refresh_error:
        print(
            "let op: de beslissingen zijn opgeslagen, maar de suggesties konden nu niet worden "
            "bijgewerkt; dat gebeurt bij de volgende beslissing.",
            file=sys.stderr,
        )
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    from verhalen.app.importing import rescan_stored, scan_files

    settings = load_settings(args.database)
    found = scan_files([Path(p) for p in args.files], settings) if args.files else rescan_stored(_bench(args))
    for hit in found:
        print(json.dumps(hit, ensure_ascii=False))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from verhalen.app.importing import ImportOptions, import_paths, parse_attributes

    options = ImportOptions(
        practice=args.practice,
        role=args.role,
        pseudonymise=args.pseudonymise,
        accept_identifiers=args.accept_identifiers,
        coder=args.coder,
        date=args.date,
        interviewer=args.interviewer,
        attributes=parse_attributes(args.attribute),
    )
    report = import_paths(_bench(args), [Path(p) for p in args.paths], options)
    for line in report.stored_lines():
        print(line)
    for line in report.failed_lines():
        print(line, file=sys.stderr)
    return 0 if report.ok else 1


def cmd_search(args: argparse.Namespace) -> int:
    from verhalen.analysis.search import SearchFilter
    from verhalen.app.explore import search_fragments

    where = SearchFilter(args.practice, args.role, args.code, args.contains)
    hits = search_fragments(_bench(args), args.query, like=args.like, where=where, limit=args.limit)
    for hit in hits:
        row = {
            "fragment_id": hit.fragment.id,
            "story_id": hit.story.id,
            "practice": hit.story.practice,
            "role": hit.story.role,
            "similarity": round(hit.score, 4),
            "codes": sorted(hit.codes),
            "text": hit.fragment.text,
        }
        print(json.dumps(row, ensure_ascii=False))
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("search", help="zoek fragmenten op betekenis (JSON per fragment)")
    p.add_argument("query", nargs="?", default="", help="zoekvraag in gewone taal")
    p.add_argument("--like", type=int, default=None, metavar="FRAGMENT_ID", help="lijkt op dit fragment")
    p.add_argument("--practice", default=None)
    p.add_argument("--role", choices=ROLES, default=None)
    p.add_argument("--code", default=None, help="alleen fragmenten met deze bevestigde code")
    p.add_argument("--contains", default="", help="alleen fragmenten met deze letters")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("compare", help="codes per praktijk of rol, met chi-kwadraattoets")
    p.add_argument("--by", choices=["practice", "role"], required=True)
    p.add_argument("--unit", choices=["fragment", "story", "per1000"], default="fragment")
    p.add_argument("--coder", default=None, help="alleen de bevestigingen van deze codeur")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("export", help="exporteer coderingen")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--level", choices=["fragment", "story"], default="fragment", help="voor --format matrix")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("code", help="pas beslissingen uit een CSV toe")
    p.add_argument(
        "--batch", required=True, metavar="FILE.csv", help="kolommen fragment_id, code, status, coder[, memo]"
    )
    p.set_defaults(handler=cmd_code)

    p = sub.add_parser(
        "scan", help="zoek herleidbare gegevens (JSON per treffer); zonder bestanden: de opgeslagen verhalen"
    )
    p.add_argument("files", nargs="*")
    p.set_defaults(handler=cmd_scan)

    p = sub.add_parser("import", help="importeer verhalen (heel of niet)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--practice", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--coder", default="cli")
    p.add_argument("--date", default=None, help="datum van het verhaal (JJJJ-MM-DD of D-M-JJJJ)")
    p.add_argument("--interviewer", default=None)
    p.add_argument(
        "--attribute", action="append", default=[], metavar="NAAM=WAARDE", help="vrij kenmerk (herhaalbaar)"
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--pseudonymise", action="store_true", help="vervang alle treffers door [PERSOON-1] enz."
    )
    group.add_argument(
        "--accept-identifiers", action="store_true", help="bewaar treffers ongewijzigd (gelogd)"
    )
    p.set_defaults(handler=cmd_import)
