"""One entry point for every export format; the writers live in verhalen.interchange."""

from __future__ import annotations

import io
from typing import BinaryIO, Literal

from verhalen.domain import ProjectSnapshot, ValidationError

Level = Literal["fragment", "story"]

FORMATS: dict[str, tuple[str, str]] = {
    # format: (file suffix, MIME type)
    "csv": (".csv", "text/csv"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "qdpx": (".qdpx", "application/zip"),
    "qdc": (".qdc", "application/xml"),
    "matrix": (".csv", "text/csv"),
}


def export(snapshot: ProjectSnapshot, fmt: str, out: BinaryIO, level: Level = "fragment") -> None:
    """Write ``snapshot`` as ``fmt`` to the binary file object ``out``."""
    from verhalen.interchange import refi, tables

    if fmt == "csv":
        tables.write_csv(snapshot, out)
    elif fmt == "xlsx":
        tables.write_xlsx(snapshot, out)
    elif fmt == "matrix":
        tables.write_matrix(snapshot, out, level=level, fmt="csv")
    elif fmt == "qdpx":
        refi.write_qdpx(snapshot, out)
    elif fmt == "qdc":
        refi.write_qdc(snapshot.codebook, out)
    else:
        raise ValidationError("export_format_unknown", fmt=fmt, formats=", ".join(FORMATS))


def export_bytes(snapshot: ProjectSnapshot, fmt: str, level: Level = "fragment") -> bytes:
    """``snapshot`` as ``fmt``, in memory (what a download button hands over)."""
    buffer = io.BytesIO()
    export(snapshot, fmt, buffer, level=level)
    return buffer.getvalue()
