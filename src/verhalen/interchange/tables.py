"""Tables for spreadsheets, SPSS and R: codings, stories, codebook, practice × code, code-presence matrix.

Every function takes a :class:`ProjectSnapshot` and, when it writes, a binary file object.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO, Literal

from verhalen.domain import Coding, Fragment, Memo, ProjectSnapshot, Story, Suggestion
from verhalen.interchange.cells import add_sheet, new_workbook, save_workbook, write_csv_table

Level = Literal["fragment", "story"]
Format = Literal["csv", "xlsx"]
CODING_TAIL: tuple[str, ...] = (
    "date",
    "interviewer",
    "fragment_id",
    "start",
    "end",
    "text",
    "code",
    "code_name",
    "code_path",
    "status",
    "coder",
    "time",
    "score",
    "suggester_version",
    "codebook_version",
    "memo",
)
_NUMERIC_CODING = ("fragment_id", "start", "end", "score")
STORY_COLUMNS: tuple[str, ...] = (
    "story_id",
    "practice",
    "role",
    "title",
    "date",
    "interviewer",
    "source_name",
    "words",
    "fragments",
)
CODEBOOK_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "path",
    "parent",
    "colour",
    "definition",
    "when_to_use",
    "when_not_to_use",
    "signals",
)


@dataclass
class _Index:
    """Lookups over one snapshot, built once."""

    snapshot: ProjectSnapshot
    stories: dict[str, Story] = field(default_factory=dict)
    codings: dict[int, list[Coding]] = field(default_factory=lambda: defaultdict(list))
    memos: dict[int, list[Memo]] = field(default_factory=lambda: defaultdict(list))
    scores: dict[tuple[int, str], Suggestion] = field(default_factory=dict)
    attrs: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stories = {s.id: s for s in self.snapshot.stories}
        self.attrs = [f"attr:{name}" for name in attribute_names(self.snapshot)]
        for coding in self.snapshot.codings:
            self.codings[coding.fragment_id].append(coding)
        for memo in self.snapshot.memos:
            self.memos[memo.fragment_id].append(memo)
        wanted = self.snapshot.suggester_version
        for s in sorted(self.snapshot.suggestions, key=lambda x: (x.suggester == wanted, x.score)):
            self.scores[(s.fragment_id, s.code)] = s  # the current suggester's, else the highest score

    def fragments(self) -> list[Fragment]:
        return sorted(self.snapshot.fragments, key=lambda f: (f.story_id, f.start, f.end, f.id))

    def confirmed(self, fragment_id: int) -> set[str]:
        return {c.code for c in self.codings.get(fragment_id, ()) if c.status == "confirmed"}


def attribute_names(snapshot: ProjectSnapshot) -> list[str]:
    return sorted({a.name for story in snapshot.stories for a in story.attributes})


def _story_cells(index: _Index, story: Story | None, story_id: str) -> dict[str, str]:
    """story_id, practice (its name), role and every ``attr:`` column of one story."""
    cells = {"story_id": story_id, "practice": "", "role": ""} | dict.fromkeys(index.attrs, "")
    if story is not None:
        cells["practice"] = index.snapshot.practice_name(story.practice)
        cells["role"] = story.role
        for attribute in story.attributes:  # the first value of a name wins
            key = f"attr:{attribute.name}"
            cells[key] = cells[key] or attribute.value
    return cells


def coding_columns(snapshot: ProjectSnapshot) -> list[str]:
    attrs = [f"attr:{name}" for name in attribute_names(snapshot)]
    return ["story_id", "practice", "role", *attrs, *CODING_TAIL]


def _score(value: float) -> str:
    return format(round(value, 4), "g")


def _decision_cells(index: _Index, fragment: Fragment, coding: Coding | None) -> dict[str, str]:
    snapshot = index.snapshot
    if coding is None:
        memos = [m.text for m in index.memos.get(fragment.id, ()) if m.text]
        return {"memo": "\n\n".join(memos), "codebook_version": snapshot.codebook.version}
    known = {c.id: c for c in snapshot.codebook.codes}
    suggestion = index.scores.get((fragment.id, coding.code))
    own = [m for m in index.memos.get(fragment.id, ()) if m.coder == coding.coder]
    memos = [coding.memo] + [m.text for m in own if m.code in (None, coding.code)]
    return {
        "code": coding.code,
        "code_name": known[coding.code].name if coding.code in known else "",
        "code_path": snapshot.codebook.path(coding.code) if coding.code in known else coding.code,
        "status": coding.status,
        "coder": coding.coder,
        "time": coding.time.isoformat() if coding.time else "",
        "score": _score(suggestion.score) if suggestion else "",
        "suggester_version": (suggestion.suggester or snapshot.suggester_version) if suggestion else "",
        "codebook_version": snapshot.codebook.version,
        "memo": "\n\n".join(m for m in memos if m),
    }


def coding_rows(snapshot: ProjectSnapshot) -> list[dict[str, str]]:
    """One row per fragment × decision; a fragment without decisions once, with an empty code.

    Sorted by story id, fragment start (and end, id), code, coder.
    """
    index = _Index(snapshot)
    columns = coding_columns(snapshot)
    rows: list[dict[str, str]] = []
    for fragment in index.fragments():
        story = index.stories.get(fragment.story_id)
        base = _story_cells(index, story, fragment.story_id)
        base |= {
            "date": (story.date or "") if story else "",
            "interviewer": (story.interviewer or "") if story else "",
            "fragment_id": str(fragment.id),
            "start": str(fragment.start),
            "end": str(fragment.end),
            "text": fragment.text,
        }
        decisions: list[Coding | None] = sorted(
            index.codings.get(fragment.id, ()), key=lambda c: (c.code, c.coder)
        )
        for coding in decisions or [None]:
            cells = base | _decision_cells(index, fragment, coding)
            rows.append({c: cells.get(c, "") for c in columns})
    return rows


def write_csv(snapshot: ProjectSnapshot, out: BinaryIO) -> None:
    """The coding rows as plain UTF-8 CSV with a header row."""
    write_csv_table(out, coding_columns(snapshot), coding_rows(snapshot))


def story_rows(snapshot: ProjectSnapshot) -> tuple[list[str], list[dict[str, str]]]:
    """One row per story: attributes, word count and number of fragments."""
    index = _Index(snapshot)
    counts: dict[str, int] = defaultdict(int)
    for fragment in snapshot.fragments:
        counts[fragment.story_id] += 1
    columns = [*STORY_COLUMNS, *index.attrs]
    rows = []
    for story in sorted(snapshot.stories, key=_id):
        cells = _story_cells(index, story, story.id) | {
            "title": story.title,
            "date": story.date or "",
            "interviewer": story.interviewer or "",
            "source_name": story.source_name,
            "words": str(story.word_count),
            "fragments": str(counts[story.id]),
        }
        rows.append({c: cells.get(c, "") for c in columns})
    return columns, rows


def codebook_rows(snapshot: ProjectSnapshot) -> list[dict[str, str]]:
    book = snapshot.codebook
    return [
        {
            "id": code.id,
            "name": code.name,
            "path": book.path(code.id),
            "parent": code.parent or "",
            "colour": code.colour,
            "definition": code.definition,
            "when_to_use": code.when_to_use,
            "when_not_to_use": code.when_not_to_use,
            "signals": "; ".join(code.signals),
        }
        for code in book.codes
    ]


def _practice_labels(snapshot: ProjectSnapshot) -> dict[str, str]:
    """Practice id → column label (its name; with the id added when two practices share a name)."""
    ids = sorted({p.id for p in snapshot.practices} | {s.practice for s in snapshot.stories})
    names = {i: snapshot.practice_name(i) for i in ids}
    doubles = {n for n in names.values() if list(names.values()).count(n) > 1}
    labels = {i: f"{n} ({i})" if n in doubles else n for i, n in names.items()}
    return dict(sorted(labels.items(), key=lambda item: (item[1], item[0])))


def practice_code_rows(snapshot: ProjectSnapshot) -> tuple[list[str], list[dict[str, str]]]:
    """Fragments with a confirmed coding (by any coder) per code × practice."""
    index = _Index(snapshot)
    labels = _practice_labels(snapshot)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for fragment in snapshot.fragments:
        story = index.stories.get(fragment.story_id)
        practice = story.practice if story else ""
        for code_id in index.confirmed(fragment.id):
            counts[(code_id, practice)] += 1
    columns = ["code", "code_name", *labels.values(), "totaal"]
    rows = []
    for code in snapshot.codebook.codes:
        cells: dict[str, str] = {"code": code.id, "code_name": code.name}
        cells |= {label: str(counts[(code.id, pid)]) for pid, label in labels.items()}
        cells["totaal"] = str(sum(counts[(code.id, pid)] for pid in labels))
        rows.append(cells)
    return columns, rows


def write_xlsx(snapshot: ProjectSnapshot, out: BinaryIO) -> None:
    """Sheets Coderingen, Verhalen, Codeboek and Praktijk x code."""
    workbook = new_workbook()
    add_sheet(workbook, "Coderingen", coding_columns(snapshot), coding_rows(snapshot), _NUMERIC_CODING)
    columns, rows = story_rows(snapshot)
    add_sheet(workbook, "Verhalen", columns, rows, ("words", "fragments"))
    add_sheet(workbook, "Codeboek", CODEBOOK_COLUMNS, codebook_rows(snapshot))
    columns, rows = practice_code_rows(snapshot)
    add_sheet(workbook, "Praktijk x code", columns, rows, columns[2:])
    save_workbook(workbook, out, last_change(snapshot))


def last_change(snapshot: ProjectSnapshot) -> datetime | None:
    """The time of the newest decision or memo: the workbook's date, the same for the same database."""
    times = [c.time for c in snapshot.codings if c.time] + [m.time for m in snapshot.memos if m.time]
    return max((_utc(t) for t in times), default=None)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def matrix_rows(snapshot: ProjectSnapshot, level: Level) -> tuple[list[str], list[dict[str, str]]]:
    """Code presence (confirmed codings only), one row per codable fragment or per story."""
    index = _Index(snapshot)
    codes = [c.id for c in snapshot.codebook.codes]
    unit = ["fragment_id", "start", "end", "words"] if level == "fragment" else ["words", "fragments"]
    columns = ["story_id", "practice", "role", *index.attrs, *unit, *codes]
    fragments = [f for f in index.fragments() if f.codable or index.confirmed(f.id)]
    if level == "fragment":
        rows = [_fragment_matrix_row(index, f, codes) for f in fragments]
    else:
        by_story: dict[str, list[Fragment]] = defaultdict(list)
        for fragment in fragments:
            by_story[fragment.story_id].append(fragment)
        stories = sorted(index.stories.values(), key=_id)
        rows = [_story_matrix_row(index, s, by_story[s.id], codes) for s in stories]
    return columns, [{c: row.get(c, "") for c in columns} for row in rows]


def _id(story: Story) -> str:
    return story.id


def _fragment_matrix_row(index: _Index, fragment: Fragment, codes: Sequence[str]) -> dict[str, str]:
    story = index.stories.get(fragment.story_id)
    present = index.confirmed(fragment.id)
    return _story_cells(index, story, fragment.story_id) | {
        "fragment_id": str(fragment.id),
        "start": str(fragment.start),
        "end": str(fragment.end),
        "words": str(len(fragment.text.split())),
        **{code: "1" if code in present else "0" for code in codes},
    }


def _story_matrix_row(
    index: _Index, story: Story, fragments: Sequence[Fragment], codes: Sequence[str]
) -> dict[str, str]:
    present: set[str] = set().union(*(index.confirmed(f.id) for f in fragments))
    return _story_cells(index, story, story.id) | {
        "words": str(story.word_count),
        "fragments": str(len(fragments)),
        **{code: "1" if code in present else "0" for code in codes},
    }


def write_matrix(
    snapshot: ProjectSnapshot, out: BinaryIO, level: Level = "fragment", fmt: Format = "csv"
) -> None:
    """Code-presence matrix (0/1 per code) with story attributes, for SPSS or R."""
    columns, rows = matrix_rows(snapshot, level)
    if fmt == "csv":
        write_csv_table(out, columns, rows)
        return
    workbook = new_workbook()
    numeric = [c for c in columns if c not in {"story_id", "practice", "role"} and not c.startswith("attr:")]
    add_sheet(workbook, "Matrix", columns, rows, numeric)
    save_workbook(workbook, out, last_change(snapshot))
