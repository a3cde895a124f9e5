"""Interchange commands: ``export`` (CSV, Excel, matrix, QDPX, QDC), ``import-project FILE.qdpx`` and
``import-codebook FILE.qdc``."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any, BinaryIO

from verhalen.cli.common import workbench
from verhalen.domain import VerhalenError

EXPORT_FORMATS = ("csv", "xlsx", "qdpx", "qdc", "matrix")


def cmd_export(args: argparse.Namespace) -> int:
    from verhalen.app.exporting import export

    bench = workbench(args)
    out = Path(args.out)
    try:
        with out.open("wb") as handle:
            export(bench.snapshot(), args.format, handle, level=args.level)
    except OSError as exc:
        raise VerhalenError(f"Kan {out} niet schrijven: {exc.strerror}") from exc
    bench.log_export(args.format, args.level, "cli")
    print(f"Geschreven: {out}")
    return 0


def _read(path: str, suffixes: tuple[str, ...], what: str) -> BinaryIO:
    """The file's bytes; a clear Dutch error for a missing, unreadable or wrongly named file."""
    file = Path(path)
    if file.suffix.lower() not in suffixes:
        raise VerhalenError(f"{file.name} is geen {what} (verwacht: {' of '.join(suffixes)}).")
    try:
        return io.BytesIO(file.read_bytes())
    except FileNotFoundError as exc:
        raise VerhalenError(f"Bestand {file} bestaat niet.") from exc
    except IsADirectoryError as exc:
        raise VerhalenError(f"{file} is een map, geen bestand.") from exc
    except OSError as exc:
        raise VerhalenError(f"Kan {file} niet lezen: {exc.strerror}") from exc


def _one_line(exc: VerhalenError) -> VerhalenError:
    """The error's message on one line (an XML parser's message can span lines)."""
    return VerhalenError(" ".join(str(exc).split()))


def cmd_import_project(args: argparse.Namespace) -> int:
    from verhalen.app.project_import import import_qdpx

    data = _read(args.file, (".qdpx",), "REFI-QDA-project")
    try:
        summary = import_qdpx(workbench(args), data, args.coder)
    except VerhalenError as exc:
        raise _one_line(exc) from exc
    print(
        f"Geïmporteerd: {summary.stories} verhalen, {summary.fragments} fragmenten, "
        f"{summary.codings} coderingen, {summary.memos} memo's; codeboekversie {summary.codebook_version}"
        + (f" ({len(summary.codes_added)} nieuwe code(s))." if summary.codes_added else ".")
    )
    for warning in summary.warnings:
        print(f"let op: {warning}", file=sys.stderr)
    return 0


def cmd_import_codebook(args: argparse.Namespace) -> int:
    from verhalen.app.project_import import activate_codebook, diff_codebooks, propose_codebook

    data = _read(args.file, (".qdc", ".xml"), "REFI-QDA-codeboek")
    bench = workbench(args)
    try:
        active = bench.codebook()
        proposal = propose_codebook(data, active)
        diff = diff_codebooks(active, proposal)
        if diff.empty:
            print(f"Het codeboek verandert niets; versie {active.version} blijft actief.")
            return 0
        saved = activate_codebook(bench, proposal, args.coder)
    except VerhalenError as exc:
        raise _one_line(exc) from exc
    print(
        f"Codeboekversie {saved.version} is actief: {len(diff.added)} nieuwe code(s), "
        f"{len(diff.changed)} gewijzigd, {len(diff.missing)} niet in het bestand en behouden."
    )
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="exporteer coderingen")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--level", choices=["fragment", "story"], default="fragment", help="voor --format matrix")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import-project", help="importeer een REFI-QDA-project (.qdpx) in een leeg project (alles of niets)"
    )
    p.add_argument("file", metavar="FILE.qdpx")
    p.add_argument("--coder", default="cli", help="wie importeert (voor het logboek)")
    p.set_defaults(handler=cmd_import_project)

    p = sub.add_parser(
        "import-codebook", help="importeer een REFI-QDA-codeboek (.qdc) als nieuwe actieve codeboekversie"
    )
    p.add_argument("file", metavar="FILE.qdc")
    p.add_argument("--coder", default="cli", help="wie importeert (voor het logboek)")
    p.set_defaults(handler=cmd_import_codebook)
