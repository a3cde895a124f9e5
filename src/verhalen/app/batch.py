"""Apply coding decisions from a CSV (``fragment_id, code, status, coder[, memo]``): all rows or none.

Every row is validated first; then all rows are stored in ONE transaction (a database error or a kill
halfway stores nothing), and the suggestion engine is refitted once for the whole batch."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from verhalen.app import limits
from verhalen.app.workbench import Workbench
from verhalen.domain import STATUSES, Coding, ValidationError, VerhalenError

COLUMNS = ("fragment_id", "code", "status", "coder")
STATUS_ALIASES = {
    "bevestigd": "confirmed",
    "afgewezen": "rejected",
    "confirm": "confirmed",
    "reject": "rejected",
}


@dataclass(frozen=True)
class BatchReport:
    applied: int
    unchanged: int
    refresh_error: str = ""  # the decisions are stored; only refreshing the suggestions failed


def read_batch(path: Path, known_codes: set[str], known_fragments: set[int]) -> list[Coding]:
    """Parse and validate every row first; one bad row rejects the file with its line number."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ValidationError(f"{path.name}: kolom(men) ontbreken: {', '.join(missing)}.")
            return [_row(row, reader.line_num, known_codes, known_fragments) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise VerhalenError(f"{path.name} kan niet gelezen worden als UTF-8 CSV: {exc}") from exc


def _row(row: dict[str, str], line: int, codes: set[str], fragments: set[int]) -> Coding:
    where = f"regel {line}"
    try:
        fragment_id = int(row["fragment_id"])
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{where}: fragment_id '{row['fragment_id']}' is geen getal.") from exc
    status = STATUS_ALIASES.get(row["status"].strip().lower(), row["status"].strip().lower())
    code, coder = row["code"].strip(), row["coder"].strip()
    if fragment_id not in fragments:
        raise ValidationError(f"{where}: fragment {fragment_id} bestaat niet.")
    if code not in codes:
        raise ValidationError(f"{where}: code '{code}' staat niet in het codeboek.")
    if status not in STATUSES:
        raise ValidationError(f"{where}: status '{row['status']}' is niet confirmed of rejected.")
    if not coder:
        raise ValidationError(f"{where}: codeur ontbreekt.")
    coding = Coding(fragment_id, code, coder, status, None, (row.get("memo") or "").strip())  # type: ignore[arg-type]
    try:
        return limits.coding(coding)
    except ValidationError as exc:
        raise ValidationError(f"{where}: {exc}") from exc


def apply_batch(bench: Workbench, path: Path) -> BatchReport:
    codes = {c.id for c in bench.codebook().codes}
    decisions = read_batch(path, codes, bench.repo.fragment_ids())
    applied = sum(bench.repo.decide_many(decisions, kind="decide"))
    refresh_error = ""
    if applied:
        try:
            bench.refresh_after_decision()  # once per batch, not per row
        except VerhalenError as exc:
            refresh_error = str(exc)
    return BatchReport(applied=applied, unchanged=len(decisions) - applied, refresh_error=refresh_error)
