"""The .qdpx container: a zip archive with one project.qde and its Sources/ (names as other programs write
them: braces, upper case, backslashes)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import BinaryIO

from verhalen.domain import IngestError

MAX_UNPACKED = 2 * 1024**3  # bytes: a larger archive is refused before anything is unpacked


def open_zip(file: BinaryIO) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(file.read()))
    except zipfile.BadZipFile as exc:
        raise IngestError("qdpx_not_zip") from exc
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        raise IngestError("qdpx_too_large")
    return archive


def find_qde(archive: zipfile.ZipFile) -> str:
    names = [n for n in archive.namelist() if n.lower().endswith(".qde")]
    if not names:
        raise IngestError("qdpx_no_project")
    return min(names, key=lambda n: (n.lower() != "project.qde", n.count("/"), n))


def file_key(path: str) -> str:
    """Match ``internal://{GUID}.TXT`` with ``Sources/guid.txt``: base name, no braces, lower case."""
    return re.split(r"[/\\]", path)[-1].replace("{", "").replace("}", "").lower()
