"""Team-mode accounts in the ``users`` table; every change is an event (who did it, before and after)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verhalen.domain import ValidationError, VerhalenError
from verhalen.store.convert import dump as _dump
from verhalen.store.models import EventRow, UserRow
from verhalen.store.repository import Repository

ADMIN = "beheerder"


@dataclass(frozen=True)
class StoredUser:
    name: str
    role: str
    password_hash: str | None
    created_at: datetime

    @property
    def local(self) -> bool:
        """True for an account with a password; False for one that logs in through OIDC."""
        return self.password_hash is not None


def _user(row: UserRow) -> StoredUser:
    return StoredUser(row.name, row.role, row.password_hash, row.created_at)


def _admins_left(s: Session, without: str) -> int:
    query = select(func.count()).where(UserRow.role == ADMIN, UserRow.name != without)
    return int(s.scalar(query) or 0)


class UserStore:
    """Reads and writes ``users`` through the repository's sessions (one transaction per call)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def user(self, name: str) -> StoredUser | None:
        with self.repo.session() as s:
            row = s.get(UserRow, name)
            return None if row is None else _user(row)

    def failed_logins(self, name: str, since: datetime) -> int:
        """Failed logins of ``name`` after ``since`` and after their last successful login."""
        with self.repo.session() as s:
            last_ok = s.scalar(
                select(func.max(EventRow.id)).where(EventRow.coder == name, EventRow.kind == "login")
            )
            query = select(func.count()).where(
                EventRow.coder == name, EventRow.kind == "login_failed", EventRow.time > since
            )
            if last_ok is not None:
                query = query.where(EventRow.id > last_ok)
            return int(s.scalar(query) or 0)

    def users(self) -> list[StoredUser]:
        with self.repo.session() as s:
            return [_user(r) for r in s.scalars(select(UserRow).order_by(UserRow.name))]

    def add(self, name: str, role: str, password_hash: str | None, by: str) -> None:
        def work(s: Session) -> None:
            if s.get(UserRow, name) is not None:
                raise ValidationError("user_exists", name=name)
            s.add(UserRow(name=name, role=role, password_hash=password_hash))
            payload = {
                "user": name,
                "before": None,
                "after": {"role": role, "local": password_hash is not None},
            }
            s.add(EventRow(kind="user_add", coder=by, payload=_dump(payload)))

        self.repo.transaction(work)

    def remove(self, name: str, by: str) -> None:
        def work(s: Session) -> None:
            row = s.get(UserRow, name)
            if row is None:
                raise VerhalenError("user_not_found", name=name)
            if row.role == ADMIN and not _admins_left(s, name):
                raise ValidationError("last_admin")
            payload = {"user": name, "before": {"role": row.role}, "after": None}
            s.delete(row)
            s.add(EventRow(kind="user_remove", coder=by, payload=_dump(payload)))

        self.repo.transaction(work)

    def set_role(self, name: str, role: str, by: str) -> bool:
        def work(s: Session) -> bool:
            row = s.get(UserRow, name)
            if row is None:
                raise VerhalenError("user_not_found", name=name)
            if row.role == role:
                return False
            if row.role == ADMIN and not _admins_left(s, name):
                raise ValidationError("last_admin")
            payload = {"user": name, "before": {"role": row.role}, "after": {"role": role}}
            row.role = role
            s.add(EventRow(kind="user_role", coder=by, payload=_dump(payload)))
            return True

        return self.repo.transaction(work)

    def set_password_hash(self, name: str, password_hash: str, by: str) -> None:
        def work(s: Session) -> None:
            row = s.get(UserRow, name)
            if row is None:
                raise VerhalenError("user_not_found", name=name)
            row.password_hash = password_hash
            s.add(EventRow(kind="user_password", coder=by, payload=_dump({"user": name})))

        self.repo.transaction(work)
