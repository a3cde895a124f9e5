"""The one place that opens SQLAlchemy sessions. Returns domain objects, never ORM rows."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from verhalen.domain import (
    Attribute,
    Code,
    Codebook,
    Coding,
    Event,
    Fragment,
    Memo,
    Practice,
    Rationale,
    Story,
    Suggestion,
    ValidationError,
    VerhalenError,
)
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
    utcnow,
)


def _story(row: StoryRow) -> Story:
    return Story(
        id=row.story_id,
        practice=row.practice_id,
        role=row.role,
        text=row.text,
        title=row.title,
        date=row.date,
        interviewer=row.interviewer,
        attributes=tuple(
            Attribute(a.name, a.value, a.type)  # type: ignore[arg-type]
            for a in sorted(row.attributes, key=lambda a: a.name)
        ),
        source_name=row.source_name,
    )


def _fragment(row: FragmentRow, story_id: str, index: int) -> Fragment:
    return Fragment(
        story_id=story_id,
        index=index,
        start=row.start,
        end=row.end,
        text=row.text,
        kind=row.kind,  # type: ignore[arg-type]
        speaker=row.speaker,
        codable=row.codable,
        id=row.id,
    )


def _rationale_json(rationale: Rationale) -> str:
    return json.dumps(asdict(rationale), ensure_ascii=False)


def _rationale(text: str) -> Rationale:
    data: dict[str, Any] = json.loads(text or "{}")
    return Rationale(
        examples=tuple(data.get("examples", ())),
        signals=tuple(data.get("signals", ())),
        definition_similarity=float(data.get("definition_similarity", 0.0)),
        components=tuple((str(k), float(v)) for k, v in data.get("components", ())),
    )


def _code_row(version: str, position: int, code: Code) -> CodeRow:
    return CodeRow(
        codebook_version=version,
        code_id=code.id,
        parent_id=code.parent,
        position=position,
        name=code.name,
        short=code.short,
        colour=code.colour,
        definition=code.definition,
        when_to_use=code.when_to_use,
        when_not_to_use=code.when_not_to_use,
        signals=json.dumps(list(code.signals), ensure_ascii=False),
        examples=json.dumps(list(code.examples), ensure_ascii=False),
        inductive=code.inductive,
    )


def _code(row: CodeRow) -> Code:
    return Code(
        id=row.code_id,
        name=row.name,
        short=row.short,
        colour=row.colour,
        definition=row.definition,
        when_to_use=row.when_to_use,
        when_not_to_use=row.when_not_to_use,
        signals=tuple(json.loads(row.signals)),
        examples=tuple(json.loads(row.examples)),
        parent=row.parent_id,
        inductive=row.inductive,
    )


class Repository:
    """Typed access to the store. Every write commits before returning."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

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
                    raise ValidationError(f"Onbekende praktijk '{story.practice}'.")
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
        except IntegrityError as exc:
            raise VerhalenError(f"Verhaal-id '{story.id}' bestaat al; niets opgeslagen.") from exc

    @staticmethod
    def _fragment_row(f: Fragment) -> FragmentRow:
        return FragmentRow(
            start=f.start, end=f.end, text=f.text, kind=f.kind, speaker=f.speaker, codable=f.codable
        )

    def delete_story(self, story_id: str, coder: str) -> None:
        with self.session() as s:
            row = s.scalar(select(StoryRow).where(StoryRow.story_id == story_id))
            if row is None:
                raise VerhalenError(f"Verhaal '{story_id}' bestaat niet.")
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
                raise VerhalenError(f"Verhaal '{story_id}' bestaat niet.")
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
                raise ValidationError(f"Fragment {fragment_id} bestaat niet.")
            return _fragment(found[0], found[1], 0)

    def replace_fragments(
        self, story_id: str, remove: Sequence[int], add: Sequence[Fragment], event: dict[str, Any]
    ) -> list[int]:
        """Merge/split: delete fragments ``remove`` and add ``add`` in one transaction."""
        with self.session() as s:
            story_pk = s.scalar(select(StoryRow.pk).where(StoryRow.story_id == story_id))
            if story_pk is None:
                raise VerhalenError(f"Verhaal '{story_id}' bestaat niet.")
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

    # -- embeddings ---------------------------------------------------------------------------
    def fragments_without_embedding(self, model_id: str) -> list[Fragment]:
        with self.session() as s:
            have = select(EmbeddingRow.fragment_id).where(EmbeddingRow.model_id == model_id)
            rows = s.execute(
                select(FragmentRow, StoryRow.story_id).join(StoryRow).where(FragmentRow.id.not_in(have))
            ).all()
            return [_fragment(r, sid, 0) for r, sid in rows]

    def save_embeddings(self, model_id: str, vectors: dict[int, bytes]) -> None:
        with self.session() as s:
            s.add_all(EmbeddingRow(fragment_id=i, model_id=model_id, vector=v) for i, v in vectors.items())

    def embeddings(self, model_id: str, fragment_ids: Iterable[int] | None = None) -> dict[int, bytes]:
        with self.session() as s:
            query = select(EmbeddingRow.fragment_id, EmbeddingRow.vector).where(
                EmbeddingRow.model_id == model_id
            )
            if fragment_ids is not None:
                query = query.where(EmbeddingRow.fragment_id.in_(list(fragment_ids)))
            return {int(i): bytes(v) for i, v in s.execute(query)}

    # -- suggestions --------------------------------------------------------------------------
    def replace_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Replace the stored suggestions of the fragments that appear in ``suggestions``."""
        ids = sorted({x.fragment_id for x in suggestions})
        with self.session() as s:
            for chunk in _chunks(ids, 500):
                s.execute(delete(SuggestionRow).where(SuggestionRow.fragment_id.in_(chunk)))
            s.add_all(
                SuggestionRow(
                    fragment_id=x.fragment_id,
                    code_id=x.code,
                    score=float(x.score),
                    rationale=_rationale_json(x.rationale),
                    suggester=x.suggester,
                )
                for x in suggestions
            )

    def suggestions(self, story_id: str | None = None) -> dict[int, list[Suggestion]]:
        with self.session() as s:
            query = select(SuggestionRow)
            if story_id is not None:
                query = query.join(FragmentRow).join(StoryRow).where(StoryRow.story_id == story_id)
            result: dict[int, list[Suggestion]] = defaultdict(list)
            for r in s.scalars(query.order_by(SuggestionRow.fragment_id, SuggestionRow.score.desc())):
                result[r.fragment_id].append(
                    Suggestion(r.fragment_id, r.code_id, r.score, _rationale(r.rationale), r.suggester)
                )
            return dict(result)

    # -- codings and the event log --------------------------------------------------------------
    def decide(self, coding: Coding, kind: str = "decide") -> bool:
        """Record a decision idempotently. Returns False when it changed nothing (double click)."""
        with self.session() as s:
            row = s.get(CodingRow, (coding.fragment_id, coding.code, coding.coder))
            before = None if row is None else {"status": row.status, "memo": row.memo}
            if before == {"status": coding.status, "memo": coding.memo}:
                return False
            if s.get(FragmentRow, coding.fragment_id) is None:
                raise VerhalenError(f"Fragment {coding.fragment_id} bestaat niet.")
            if row is None:
                s.add(
                    CodingRow(
                        fragment_id=coding.fragment_id,
                        code_id=coding.code,
                        coder=coding.coder,
                        status=coding.status,
                        memo=coding.memo,
                    )
                )
            else:
                row.status, row.memo, row.updated_at = coding.status, coding.memo, utcnow()
            after = {"status": coding.status, "memo": coding.memo}
            s.add(
                EventRow(
                    kind=kind,
                    coder=coding.coder,
                    fragment_id=coding.fragment_id,
                    code_id=coding.code,
                    payload=_dump({"before": before, "after": after}),
                )
            )
            return True

    def withdraw(self, fragment_id: int, code: str, coder: str, kind: str = "withdraw") -> bool:
        """Remove a coder's decision (the event log keeps what it was)."""
        with self.session() as s:
            row = s.get(CodingRow, (fragment_id, code, coder))
            if row is None:
                return False
            before = {"status": row.status, "memo": row.memo}
            s.delete(row)
            s.add(
                EventRow(
                    kind=kind,
                    coder=coder,
                    fragment_id=fragment_id,
                    code_id=code,
                    payload=_dump({"before": before, "after": None}),
                )
            )
            return True

    def undo_last(self, coder: str) -> Event | None:
        """Undo the coder's newest decision that is not undone yet; returns the undone event."""
        with self.session() as s:
            events = s.scalars(
                select(EventRow)
                .where(EventRow.coder == coder, EventRow.kind.in_(["decide", "withdraw", "undo", "bulk"]))
                .order_by(EventRow.id.desc())
                .limit(500)
            ).all()
            undone = {json.loads(e.payload).get("undoes") for e in events if e.kind == "undo"}
            target = next((e for e in events if e.kind != "undo" and e.id not in undone), None)
            if target is None or target.fragment_id is None or target.code_id is None:
                return None
            before = json.loads(target.payload).get("before")
            row = s.get(CodingRow, (target.fragment_id, target.code_id, coder))
            if before is None and row is not None:
                s.delete(row)
            elif before is not None:
                if row is None:
                    row = CodingRow(fragment_id=target.fragment_id, code_id=target.code_id, coder=coder)
                    s.add(row)
                row.status, row.memo, row.updated_at = before["status"], before["memo"], utcnow()
            s.add(
                EventRow(
                    kind="undo",
                    coder=coder,
                    fragment_id=target.fragment_id,
                    code_id=target.code_id,
                    payload=_dump({"undoes": target.id, "restored": before}),
                )
            )
            return _event(target)

    def codings(self, story_id: str | None = None, coder: str | None = None) -> list[Coding]:
        with self.session() as s:
            query = select(CodingRow)
            if story_id is not None:
                query = query.join(FragmentRow).join(StoryRow).where(StoryRow.story_id == story_id)
            if coder is not None:
                query = query.where(CodingRow.coder == coder)
            rows = s.scalars(query.order_by(CodingRow.fragment_id, CodingRow.code_id, CodingRow.coder))
            return [
                Coding(r.fragment_id, r.code_id, r.coder, r.status, r.updated_at, r.memo)  # type: ignore[arg-type]
                for r in rows
            ]

    def progress(self, coder: str | None = None) -> dict[str, tuple[int, int]]:
        """story id -> (codable fragments with a decision [by coder], codable fragments), in SQL."""
        with self.session() as s:
            totals = s.execute(
                select(StoryRow.story_id, func.count(FragmentRow.id))
                .join(FragmentRow)
                .where(FragmentRow.codable.is_(True))
                .group_by(StoryRow.story_id)
            ).all()
            decided_q = (
                select(StoryRow.story_id, func.count(func.distinct(CodingRow.fragment_id)))
                .join(FragmentRow, FragmentRow.story_pk == StoryRow.pk)
                .join(CodingRow, CodingRow.fragment_id == FragmentRow.id)
                .where(FragmentRow.codable.is_(True))
                .group_by(StoryRow.story_id)
            )
            if coder is not None:
                decided_q = decided_q.where(CodingRow.coder == coder)
            decided = dict(s.execute(decided_q).tuples().all())
            return {str(sid): (int(decided.get(sid, 0)), int(n)) for sid, n in totals}

    def coders(self) -> list[str]:
        with self.session() as s:
            return list(s.scalars(select(CodingRow.coder).distinct().order_by(CodingRow.coder)))

    def decided_texts(self) -> list[tuple[int, str, str, str]]:
        """(fragment_id, text, code, status) of every decision, for training the suggester."""
        with self.session() as s:
            rows = s.execute(
                select(CodingRow.fragment_id, FragmentRow.text, CodingRow.code_id, CodingRow.status)
                .join(FragmentRow)
                .order_by(CodingRow.fragment_id, CodingRow.code_id, CodingRow.coder)
            ).all()
            return [(int(i), str(t), str(c), str(st)) for i, t, c, st in rows]

    def set_memo(self, memo: Memo) -> None:
        with self.session() as s:
            row = s.get(MemoRow, (memo.fragment_id, memo.coder))
            if row is not None and row.text == memo.text:
                return
            if row is None:
                s.add(MemoRow(fragment_id=memo.fragment_id, coder=memo.coder, text=memo.text))
            else:
                row.text, row.updated_at = memo.text, utcnow()
            s.add(
                EventRow(
                    kind="memo",
                    coder=memo.coder,
                    fragment_id=memo.fragment_id,
                    payload=_dump({"length": len(memo.text)}),
                )
            )

    def memos(self) -> list[Memo]:
        with self.session() as s:
            rows = s.scalars(select(MemoRow).where(MemoRow.text != "").order_by(MemoRow.fragment_id))
            return [Memo(r.fragment_id, r.coder, r.text, None, r.updated_at) for r in rows]

    def resolve(self, fragment_id: int, code: str, status: str, lead: str) -> None:
        with self.session() as s:
            row = s.get(ResolutionRow, (fragment_id, code))
            if row is None:
                s.add(ResolutionRow(fragment_id=fragment_id, code_id=code, status=status, lead=lead))
            else:
                row.status, row.lead, row.updated_at = status, lead, utcnow()
            s.add(
                EventRow(
                    kind="resolve",
                    coder=lead,
                    fragment_id=fragment_id,
                    code_id=code,
                    payload=_dump({"status": status}),
                )
            )

    def resolutions(self) -> dict[tuple[int, str], str]:
        with self.session() as s:
            return {(r.fragment_id, r.code_id): r.status for r in s.scalars(select(ResolutionRow))}

    def log(self, kind: str, coder: str, payload: dict[str, Any]) -> None:
        with self.session() as s:
            s.add(EventRow(kind=kind, coder=coder, payload=_dump(payload)))

    def events(self, limit: int = 100) -> list[Event]:
        with self.session() as s:
            rows = s.scalars(select(EventRow).order_by(EventRow.id.desc()).limit(limit))
            return [_event(r) for r in rows]

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
        """Delete all project data (demo --reset); the schema stays."""
        with self.session() as s:
            for model in (
                EventRow,
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


def _event(row: EventRow) -> Event:
    return Event(row.id, row.time, row.coder, row.kind, row.fragment_id, row.code_id, row.payload)


def _dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
