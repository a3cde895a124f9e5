"""REFI-QDA interchange (ATLAS.ti, NVivo, MAXQDA, QualCoder): projects (.qdpx) and codebooks (.qdc)."""

from __future__ import annotations

from verhalen.interchange.refi.read_codebook import read_qdc
from verhalen.interchange.refi.read_project import read_qdpx
from verhalen.interchange.refi.write import project_xml, write_qdc, write_qdpx

__all__ = ["project_xml", "read_qdc", "read_qdpx", "write_qdc", "write_qdpx"]
