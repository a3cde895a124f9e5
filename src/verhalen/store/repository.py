"""The one place that opens SQLAlchemy sessions. Returns domain objects, never ORM rows."""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own busy timeout only
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session, selectinload

from verhalen.domain import (
    Code,
    Codebook,
    Fragment,
    Practice,
    Story,
    ValidationError,
    VerhalenError,
)
from verhalen.store.codes import CodeStore
from verhalen.store.convert import chunks as _chunks
from verhalen.store.convert import code as _code
from verhalen.store.convert import code_row as _code_row
from verhalen.store.convert import dump as _dump
from verhalen.store.convert import fragment as _fragment
from verhalen.store.convert import story as _story
from verhalen.store.decisions import DecisionStore
from verhalen.store.errors import ConflictError, StoreError, store_error
from verhalen.store.models import (
    AttributeRow,
    CodebookRow,
    CodeRow,
    CodingRow,
    EmbeddingRow,
    EventRow,
    FragmentRow,
    MemoRow,
    PracticeRow,
    ResolutionRow,
    SettingRow,
    StoryRow,
    SuggestionRow,
)
from verhalen.store.suggestions import SuggestionStore

T = TypeVar("T")
RETRY_SECONDS = 60.0  # a write that meets a lock, busy database or deadlock is retried this long


class Repository(DecisionStore, CodeStore, SuggestionStore):
    """Typed access to the store. Every write commits before returning.

    A database error leaves as a ``StoreError`` with a Dutch one-line message (never SQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
        usable = fcntl is not None and database not in (None, "", ":memory:")
        self._turn_file = Path(f"{database}.writers") if usable else None
        self._in_turn = threading.local()

    @contextmanager
    def _writers_turn(self) -> Iterator[None]:
        """SQLite file: the writers of ``transaction`` take turns on an OS file lock (flock) next to the
        database. Waiting in the kernel's queue is fair; SQLite's own busy handler polls, and with 8
        processes writing at once it starved one of them past every timeout. PostgreSQL: nothing."""
        if self._turn_file is None or getattr(self._in_turn, "held", False):
            yield
            return
        try:
            handle = self._turn_file.open("a+b")
        except OSError:  # e.g. a read-only folder: SQLite's busy timeout alone
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            self._in_turn.held = True
            try:
                yield
            finally:
                self._in_turn.held = False
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def session(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except StatementError as exc:
            raise store_error(exc) from exc

    def transaction(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction (all or nothing). A transaction that meets a lock, a busy SQLite
        file (after its own busy timeout) or a deadlock is run again from the start, for up to
        ``RETRY_SECONDS``; ``work`` must therefore only touch the database."""
        deadline = time.monotonic() + RETRY_SECONDS
        for attempt in itertools.count():
            try:
                with self._writers_turn(), self.session() as s:
                    return work(s)
            except StoreError as exc:
                if not exc.transient or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.5, 1.0) * min(1.0, 0.02 * 2**attempt))
        raise AssertionError("unreachable")

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- practices and stories -------------------------------------------------------------
    def ensure_practice(self, practice: Practice) -> None:
        with self.session() as s:
            if s.get(PracticeRow, practice.id) is None:
                s.add(PracticeRow(id=practice.id, name=practice.name))

    def practices(self) -> list[Practice]:
        with self.session() as s:
            rows = s.scalars(select(PracticeRow).order_by(PracticeRow.name))
            return [Practice(r.id, r.name) for r in rows]

    def has_story(self, story_id: str) -> bool:
        with self.session() as s:
            return s.scalar(select(StoryRow.pk).where(StoryRow.story_id == story_id)) is not None

    def add_story(self, story: Story, fragments: Sequence[Fragment], event: dict[str, Any]) -> list[int]:
        """Store a story with its fragments and an import event in one transaction (all or nothing)."""
        try:
            with self.session() as s:
                if s.get(PracticeRow, story.practice) is None:
                    raise ValidationError("practice_not_known", practice=story.practice)
                row = StoryRow(
                    story_id=story.id,
                    practice_id=story.practice,
                    role=story.role,
                    title=story.title,
                    text=story.text,
                    date=story.date,
                    interviewer=story.interviewer,
                    source_name=story.source_name,
                    word_count=story.word_count,
                )
                row.attributes = [
                    AttributeRow(name=a.name, value=a.value, type=a.type) for a in story.attributes
                ]
                row.fragments = [self._fragment_row(f) for f in fragments]
                s.add(row)
                s.flush()
                s.add(EventRow(kind="import", coder=str(event.get("coder", "")), payload=_dump(event)))
                return [f.id for f in row.fragments]
        except ConflictError as exc:
            raise VerhalenError("story_exists", story=story.id) from exc

    @staticmethod
    def _fragment_row(f: Fragment) -> FragmentRow:
        return FragmentRow(
            start=f.start, end=f.end, text=f.text, kind=f.kind, speaker=f.speaker, codable=f.codable
        )

    def delete_story(self, story_id: str, coder: str) -> None:
        with self.session() as s:
            row = s.scalar(select(StoryRow).where(StoryRow.story_id == story_id))
            if row is None:
                raise VerhalenError("story_not_found", story=story_id)
            s.delete(row)
            s.add(EventRow(kind="delete_story", coder=coder, payload=_dump({"story_id": story_id})))

    def stories(self) -> list[Story]:
        with self.session() as s:
            rows = s.scalars(
                select(StoryRow).options(selectinload(StoryRow.attributes)).order_by(StoryRow.story_id)
            )
            return [_story(r) for r in rows]

    def story(self, story_id: str) -> Story:
        with self.session() as s:
            row = s.scalar(select(StoryRow).where(StoryRow.story_id == story_id))
            if row is None:
                raise VerhalenError("story_not_found", story=story_id)
            return _story(row)

    # -- fragments --------------------------------------------------------------------------
    def fragments(self, story_id: str | None = None, codable_only: bool = False) -> list[Fragment]:
        with self.session() as s:
            query = select(FragmentRow, StoryRow.story_id).join(StoryRow)
            if story_id is not None:
                query = query.where(StoryRow.story_id == story_id)
            if codable_only:
                query = query.where(FragmentRow.codable.is_(True))
            rows = s.execute(query.order_by(StoryRow.story_id, FragmentRow.start)).all()
            result: list[Fragment] = []
            counters: dict[str, int] = defaultdict(int)
            for row, sid in rows:
                result.append(_fragment(row, sid, counters[sid]))
                counters[sid] += 1
            return result

    def fragment(self, fragment_id: int) -> Fragment:
        with self.session() as s:
            found = s.execute(
                select(FragmentRow, StoryRow.story_id).join(StoryRow).where(FragmentRow.id == fragment_id)
            ).first()
            if found is None:
                raise ValidationError("fragment_not_found", fragment=fragment_id)
            return _fragment(found[0], found[1], 0)

    def replace_fragments(
        self, story_id: str, remove: Sequence[int], add: Sequence[Fragment], event: dict[str, Any]
    ) -> list[int]:
        """Merge/split: delete fragments ``remove`` and add ``add`` in one transaction. A removed fragment
        that has a decision is refused here, under a row lock (PostgreSQL) or the writers' turn (SQLite):
        a decision stored by someone else after the page's own check is never deleted with its fragment."""
        with self.session() as s:
            story_pk = s.scalar(select(StoryRow.pk).where(StoryRow.story_id == story_id))
            if story_pk is None:
                raise VerhalenError("story_not_found", story=story_id)
            s.execute(select(FragmentRow.id).where(FragmentRow.id.in_(remove)).with_for_update())
            if s.scalar(select(func.count()).select_from(CodingRow).where(CodingRow.fragment_id.in_(remove))):
                raise ValidationError("fragments_decided_meanwhile")
            s.execute(delete(FragmentRow).where(FragmentRow.id.in_(remove)))
            s.flush()
            rows = [self._fragment_row(f) for f in add]
            for row in rows:
                row.story_pk = story_pk
                s.add(row)
            s.flush()
            s.add(
                EventRow(
                    kind=str(event.get("kind", "resegment")),
                    coder=str(event.get("coder", "")),
                    payload=_dump(event),
                )
            )
            return [r.id for r in rows]

    # -- codebook -----------------------------------------------------------------------------
    def save_codebook(self, codebook: Codebook, activate: bool = True) -> bool:
        """Store a codebook version (no-op if it exists). Returns True when it was new."""
        with self.session() as s:
            if s.get(CodebookRow, codebook.version) is not None:
                return False
            if activate:
                for row in s.scalars(select(CodebookRow)):
                    row.active = False
            s.add(
                CodebookRow(
                    version=codebook.version, name=codebook.name, source=codebook.source, active=activate
                )
            )
            s.flush()
            s.add_all(_code_row(codebook.version, i, c) for i, c in enumerate(codebook.codes))
            s.add(EventRow(kind="codebook", payload=_dump({"version": codebook.version})))
            return True

    def add_code(self, version: str, code: Code, coder: str) -> None:
        with self.session() as s:
            count = s.scalar(select(func.count()).where(CodeRow.codebook_version == version)) or 0
            s.add(_code_row(version, int(count), code))
            s.add(
                EventRow(
                    kind="add_code",
                    coder=coder,
                    code_id=code.id,
                    payload=_dump({"version": version, "name": code.name}),
                )
            )

    def activate_codebook(self, version: str) -> None:
        """Make an existing codebook version the active one."""
        with self.session() as s:
            if s.get(CodebookRow, version) is None:
                raise VerhalenError("codebook_version_not_found", version=version)
            for row in s.scalars(select(CodebookRow)):
                row.active = row.version == version
            s.add(EventRow(kind="codebook", payload=_dump({"version": version, "activated": True})))

    def fragments_by_id(self, fragment_ids: Iterable[int]) -> list[Fragment]:
        wanted = sorted(set(fragment_ids))
        with self.session() as s:
            result: list[Fragment] = []
            for chunk in _chunks(wanted, 500):
                rows = s.execute(
                    select(FragmentRow, StoryRow.story_id).join(StoryRow).where(FragmentRow.id.in_(chunk))
                ).all()
                result += [_fragment(r, sid, 0) for r, sid in rows]
            return sorted(result, key=lambda f: (f.story_id, f.start))

    def codebook_versions(self) -> list[str]:
        with self.session() as s:
            return list(s.scalars(select(CodebookRow.version).order_by(CodebookRow.created_at)))

    def active_codebook(self, none_examples: Sequence[str] = ()) -> Codebook | None:
        with self.session() as s:
            book = s.scalar(select(CodebookRow).where(CodebookRow.active.is_(True)))
            if book is None:
                return None
            rows = s.scalars(
                select(CodeRow).where(CodeRow.codebook_version == book.version).order_by(CodeRow.position)
            )
            return Codebook(
                book.version, book.name, tuple(_code(r) for r in rows), tuple(none_examples), book.source
            )

    def codable_fragment_ids(self) -> set[int]:
        """The ids of the codable fragments (no texts: a tenth of the time of ``fragments(codable_only=True)``
        on 10,000 fragments; the agreement page asks it on every rerun)."""
        with self.session() as s:
            return {int(i) for i in s.scalars(select(FragmentRow.id).where(FragmentRow.codable.is_(True)))}

    def fragment_ids(self) -> set[int]:
        """The ids of all fragments (cheap: no texts), e.g. to validate a batch of decisions."""
        with self.session() as s:
            return {int(i) for i in s.scalars(select(FragmentRow.id))}

    # -- settings and figures -------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        with self.session() as s:
            row = s.get(SettingRow, key)
            return None if row is None else row.value

    def set_setting(self, key: str, value: str) -> None:
        with self.session() as s:
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value

    def counts(self) -> dict[str, Any]:
        with self.session() as s:
            by_practice = s.execute(
                select(PracticeRow.name, func.count(StoryRow.pk)).join(StoryRow).group_by(PracticeRow.name)
            ).all()
            by_role = s.execute(select(StoryRow.role, func.count()).group_by(StoryRow.role)).all()
            return {
                "stories": s.scalar(select(func.count()).select_from(StoryRow)) or 0,
                "fragments": s.scalar(select(func.count()).select_from(FragmentRow)) or 0,
                "codings": s.scalar(select(func.count()).select_from(CodingRow)) or 0,
                "practices": {str(n): int(c) for n, c in sorted(by_practice)},
                "roles": {str(r): int(c) for r, c in sorted(by_role)},
            }

    def reset(self) -> None:
        """Delete all project data (demo --reset); the schema, the accounts and the event log stay (the log
        is append-only: it records the reset)."""
        with self.session() as s:
            for model in (
                SuggestionRow,
                CodingRow,
                ResolutionRow,
                MemoRow,
                EmbeddingRow,
                FragmentRow,
                AttributeRow,
                StoryRow,
                CodeRow,
                CodebookRow,
                PracticeRow,
                SettingRow,
            ):
                s.execute(delete(model))
            s.add(EventRow(kind="reset", payload=_dump({})))
