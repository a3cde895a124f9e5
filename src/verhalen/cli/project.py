"""Project commands: ``demo``, ``stats``, ``import`` (whole stories or nothing) and ``scan``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from verhalen.cli.common import workbench
from verhalen.config import load_settings
from verhalen.domain import ROLES

EXPORT_FORMATS = ("csv", "xlsx", "qdpx", "qdc", "matrix")


def cmd_demo(args: argparse.Namespace) -> int:
    from verhalen.app.demo import build_demo

    report = build_demo(workbench(args), reset=args.reset)
    print(
        f"Demo klaar: {report.stories} verhalen, {report.fragments} fragmenten, "
        f"{report.codings} coderingen ({report.seconds:.1f} s)."
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = workbench(args).stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
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
    report = import_paths(workbench(args), [Path(p) for p in args.paths], options)
    for line in report.stored_lines():
        print(line)
    for line in report.failed_lines():
        print(line, file=sys.stderr)
    return 0 if report.ok else 1


def cmd_scan(args: argparse.Namespace) -> int:
    from verhalen.app.scanning import rescan_stored, scan_files

    settings = load_settings(args.database)
    found = (
        scan_files([Path(p) for p in args.files], settings) if args.files else rescan_stored(workbench(args))
    )
    for hit in found:
        print(json.dumps(hit, ensure_ascii=False))
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="bouw de demodatabase")
    p.add_argument("--reset", action="store_true", help="wis eerst alle projectgegevens")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("stats", help="aantallen verhalen, fragmenten, coderingen")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stats)

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

    p = sub.add_parser(
        "scan", help="zoek herleidbare gegevens (JSON per treffer); zonder bestanden: de opgeslagen verhalen"
    )
    p.add_argument("files", nargs="*")
    p.set_defaults(handler=cmd_scan)
