"""SQLAlchemy 2.0 typed tables. Schema changes go through Alembic (store/migrations)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class PracticeRow(Base):
    __tablename__ = "practices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class StoryRow(Base):
    __tablename__ = "stories"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    story_id: Mapped[str] = mapped_column(String(200), unique=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id"), index=True)
    role: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(32), nullable=True)
    interviewer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    source_name: Mapped[str] = mapped_column(String(300), default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    fragments: Mapped[list[FragmentRow]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="FragmentRow.start"
    )
    attributes: Mapped[list[AttributeRow]] = relationship(cascade="all, delete-orphan")


class AttributeRow(Base):
    __tablename__ = "story_attributes"
    story_pk: Mapped[int] = mapped_column(ForeignKey("stories.pk", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16), default="text")


class FragmentRow(Base):
    __tablename__ = "fragments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    story_pk: Mapped[int] = mapped_column(ForeignKey("stories.pk", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="sentence")
    speaker: Mapped[str | None] = mapped_column(String(100), nullable=True)
    codable: Mapped[bool] = mapped_column(Boolean, default=True)
    story: Mapped[StoryRow] = relationship(back_populates="fragments")
    __table_args__ = (UniqueConstraint("story_pk", "start", name="uq_fragment_start"),)


class CodebookRow(Base):
    __tablename__ = "codebooks"
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CodeRow(Base):
    __tablename__ = "codes"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    codebook_version: Mapped[str] = mapped_column(ForeignKey("codebooks.version", ondelete="CASCADE"))
    code_id: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    short: Mapped[str] = mapped_column(String(100), default="")
    colour: Mapped[str] = mapped_column(String(16), default="#777777")
    definition: Mapped[str] = mapped_column(Text, default="")
    when_to_use: Mapped[str] = mapped_column(Text, default="")
    when_not_to_use: Mapped[str] = mapped_column(Text, default="")
    signals: Mapped[str] = mapped_column(Text, default="[]")
    examples: Mapped[str] = mapped_column(Text, default="[]")
    inductive: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (UniqueConstraint("codebook_version", "code_id", name="uq_code_version"),)


class SuggestionRow(Base):
    __tablename__ = "suggestions"
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), primary_key=True)
    code_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    rationale: Mapped[str] = mapped_column(Text, default="{}")
    suggester: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CodingRow(Base):
    """Current state of one coder's decision on (fragment, code); history lives in events."""

    __tablename__ = "codings"
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), primary_key=True)
    code_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    coder: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    memo: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (Index("ix_codings_coder", "coder"),)


class MemoRow(Base):
    __tablename__ = "fragment_memos"
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), primary_key=True)
    coder: Mapped[str] = mapped_column(String(100), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EmbeddingRow(Base):
    __tablename__ = "embeddings"
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), primary_key=True)
    model_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class EventRow(Base):
    """Append-only log of every decision and import; rows are never updated or deleted."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    time: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    coder: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(32))
    fragment_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    code_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    payload: Mapped[str] = mapped_column(Text, default="{}")


class SettingRow(Base):
    """Small key/value store: remembered column mappings, demo marker."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ResolutionRow(Base):
    """A lead coder's final decision on a disagreement; kept apart from the coders' own codings."""

    __tablename__ = "resolutions"
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), primary_key=True)
    code_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    lead: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class UserRow(Base):
    """A team-mode account: a local one (argon2 hash) or one that logs in through OIDC (no hash)."""

    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LoginSessionRow(Base):
    """A local login that outlives one Streamlit session (team mode): only the SHA-256 of its random token
    is stored, with the role it was issued for and when it ends. Removing the account removes its rows."""

    __tablename__ = "login_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(
        ForeignKey("users.name", ondelete="CASCADE", onupdate="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
