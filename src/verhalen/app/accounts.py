"""Team-mode accounts: local ones with argon2-hashed passwords, OIDC ones without; three roles.

beheerder: users, codebook, settling disagreements, import, erase, settings (and everything a codeur may do);
codeur: code, memo, undo of their own decisions (and everything a lezer may do);
lezer: read and export.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from verhalen.domain import ValidationError, VerhalenError
from verhalen.messages import render
from verhalen.store.models import utcnow
from verhalen.store.repository import Repository
from verhalen.store.sessions import LoginSessionStore
from verhalen.store.users import StoredUser, UserStore

TEAM_ROLES: tuple[str, ...] = ("beheerder", "codeur", "lezer")
MAX_NAME = 100
MAX_FAILED_LOGINS = 5  # failed local logins of one name within LOCKOUT_MINUTES lock it for that long
LOCKOUT_MINUTES = 15
MIN_PASSWORD = 10
MAX_PASSWORD = 1000
SESSION_HOURS = 12  # a local login lasts this long in one browser (reloads, new tabs), unless logged out
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32): 256 random bits

ALL_ACTIONS = (
    "read",
    "export",
    "code",
    "memo",
    "undo",
    "users",
    "codebook",
    "settle",
    "import",
    "erase",
    "settings",
)
PERMISSIONS: dict[str, frozenset[str]] = {
    "lezer": frozenset({"read", "export"}),
    "codeur": frozenset({"read", "export", "code", "memo", "undo"}),
    "beheerder": frozenset(ALL_ACTIONS),  # everything
}
ACTIONS: dict[str, str] = {  # the Dutch name of each action (the refusal's text: catalogue key action_<name>)
    action: render(f"action_{action}") for action in ALL_ACTIONS
}

_hasher = PasswordHasher()


class LoginError(VerhalenError):
    """Wrong name or password, or an OIDC identity without an account (the message never says which)."""


@dataclass(frozen=True)
class Actor:
    """The logged-in user: the name on every decision, the role every action is checked against."""

    name: str
    role: str

    def may(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, frozenset())


def roles_allowed(action: str) -> list[str]:
    """The roles that may do ``action``, in TEAM_ROLES's order (the "only … may" line of a page)."""
    return [role for role in TEAM_ROLES if action in PERMISSIONS[role]]


def check_role(role: str) -> str:
    if role not in TEAM_ROLES:
        raise ValidationError("team_role_unknown", role=role, roles=", ".join(TEAM_ROLES))
    return role


def check_name(name: str) -> str:
    """A user name: printable, at most MAX_NAME characters, no leading or trailing spaces."""
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise ValidationError("user_name_missing")
    if len(name) > MAX_NAME:
        raise ValidationError("user_name_too_long", max=MAX_NAME)
    if any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in name):
        raise ValidationError("user_name_control")
    return name


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password_too_short", min=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD or "\x00" in password:
        raise ValidationError("password_unusable")
    return _hasher.hash(password)


class Accounts:
    """User administration and login over one project's database."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.store = UserStore(repo)
        self.sessions = LoginSessionStore(repo)

    def users(self) -> list[StoredUser]:
        return self.store.users()

    def add(self, name: str, role: str, password: str | None, by: str) -> StoredUser:
        """A local account (with ``password``) or an OIDC one (``password`` None: the name is the e-mail
        address the identity provider reports)."""
        name, role = check_name(name), check_role(role)
        self.store.add(name, role, hash_password(password) if password is not None else None, by)
        user = self.store.user(name)
        assert user is not None
        return user

    def remove(self, name: str, by: str) -> None:
        self.store.remove(check_name(name), by)

    def set_role(self, name: str, role: str, by: str) -> bool:
        """A new role ends the account's lasting logins: nobody resumes with the rights of the old one."""
        changed = self.store.set_role(check_name(name), check_role(role), by)
        if changed:
            self.sessions.remove_user(check_name(name))
        return changed

    def set_password(self, name: str, password: str, by: str) -> None:
        """A new password ends the account's lasting logins in every browser."""
        self.store.set_password_hash(check_name(name), hash_password(password), by)
        self.sessions.remove_user(check_name(name))

    def login(self, name: str, password: str) -> Actor:
        """Check a local account's password; logs the attempt (never the password)."""
        name = unicodedata.normalize("NFC", name).strip()[:MAX_NAME]
        since = utcnow() - timedelta(minutes=LOCKOUT_MINUTES)
        if name and self.store.failed_logins(name, since) >= MAX_FAILED_LOGINS:
            self.repo.log("login_locked", name, {"method": "local"})
            raise LoginError("login_locked", minutes=LOCKOUT_MINUTES)
        user = self.store.user(name) if name else None
        ok = False
        if user is not None and user.password_hash is not None:
            try:
                ok = _hasher.verify(user.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
            if ok and _hasher.check_needs_rehash(user.password_hash):
                self.store.set_password_hash(name, _hasher.hash(password), by=name)
        self.repo.log("login" if ok else "login_failed", name, {"method": "local"})
        if not ok or user is None:
            raise LoginError("login_failed")
        return Actor(user.name, user.role)

    def login_oidc(self, email: str) -> Actor:
        """An identity the provider vouched for: it needs an account (added by a beheerder)."""
        name = unicodedata.normalize("NFC", email).strip()[:MAX_NAME]
        user = self.store.user(name) if name else None
        if user is not None and user.local:  # a local account's name is no OIDC identity
            user = None
        self.repo.log("login" if user is not None else "login_failed", name, {"method": "oidc"})
        if user is None:
            raise LoginError("login_no_account", name=name)
        return Actor(user.name, user.role)

    def logout(self, actor: Actor) -> None:
        self.repo.log("logout", actor.name, {})

    def start_session(self, actor: Actor, now: datetime | None = None) -> tuple[str, datetime]:
        """A lasting login for a local account that just logged in: a random token (for the browser's
        cookie; only its hash is stored) and when it ends (SESSION_HOURS from now)."""
        now = now or utcnow()
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(hours=SESSION_HOURS)
        self.sessions.add(_token_hash(token), actor.name, actor.role, expires, now)
        return token, expires

    def resume(self, token: str, now: datetime | None = None) -> Actor | None:
        """The user a lasting login belongs to, or None when the token is unknown, revoked or expired, or
        the account is gone, has no password any more or has another role than the login was made with
        (no stale rights). Resuming is not a new login: it logs nothing."""
        if not TOKEN_SHAPE.fullmatch(token or ""):
            return None
        found = self.sessions.find(_token_hash(token))
        if found is None or found.expires_at <= (now or utcnow()) or found.current_role != found.role:
            return None
        return Actor(found.user_name, found.role)

    def end_session(self, token: str) -> None:
        """Revoke a lasting login (logging out): the token opens nothing any more."""
        if TOKEN_SHAPE.fullmatch(token or ""):
            self.sessions.remove(_token_hash(token))


def _token_hash(token: str) -> str:
    """SHA-256 of the token: enough for 256 random bits (no password to slow down guessing of)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()
