"""Team mode's lasting local logins in ``login_sessions``: the hash of a random token, never the token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from verhalen.store.models import LoginSessionRow, UserRow
from verhalen.store.repository import Repository


@dataclass(frozen=True)
class StoredLoginSession:
    """A login session with its account as it is now (``current_role`` None: the account has no password
    any more or is gone)."""

    user_name: str
    role: str
    expires_at: datetime
    current_role: str | None


class LoginSessionStore:
    """Reads and writes ``login_sessions`` through the repository's sessions (one transaction per call)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def add(self, token_hash: str, user_name: str, role: str, expires_at: datetime, now: datetime) -> None:
        """Store a new login session; ended ones of every user are removed in the same transaction."""

        def work(s: Session) -> None:
            s.execute(delete(LoginSessionRow).where(LoginSessionRow.expires_at <= now))
            s.add(
                LoginSessionRow(token_hash=token_hash, user_name=user_name, role=role, expires_at=expires_at)
            )

        self.repo.transaction(work)

    def find(self, token_hash: str) -> StoredLoginSession | None:
        with self.repo.session() as s:
            found = s.execute(
                select(LoginSessionRow, UserRow)
                .join(UserRow, UserRow.name == LoginSessionRow.user_name, isouter=True)
                .where(LoginSessionRow.token_hash == token_hash)
            ).first()
            if found is None:
                return None
            row, user = found
            local = user is not None and user.password_hash is not None
            return StoredLoginSession(row.user_name, row.role, row.expires_at, user.role if local else None)

    def remove(self, token_hash: str) -> None:
        self.repo.transaction(
            lambda s: s.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash))
        )

    def remove_user(self, user_name: str) -> None:
        """End every login session of one account (a new password, a new role, a removed account)."""
        self.repo.transaction(
            lambda s: s.execute(delete(LoginSessionRow).where(LoginSessionRow.user_name == user_name))
        )
