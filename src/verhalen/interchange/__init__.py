"""Export and import: CSV and Excel tables, code-presence matrices, REFI-QDA projects and codebooks.

Every function takes domain objects and a binary file object; none knows about the web layer.
"""

from __future__ import annotations

from verhalen.interchange.cells import neutralise, read_rows, unneutralise
from verhalen.interchange.refi import read_qdc, read_qdpx, write_qdc, write_qdpx
from verhalen.interchange.tables import coding_columns, coding_rows, write_csv, write_matrix, write_xlsx

__all__ = [
    "coding_columns",
    "coding_rows",
    "neutralise",
    "read_qdc",
    "read_qdpx",
    "read_rows",
    "unneutralise",
    "write_csv",
    "write_matrix",
    "write_qdc",
    "write_qdpx",
    "write_xlsx",
]
