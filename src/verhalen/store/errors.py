"""Database errors as one catalogue message: no SQL, no parameters, no traceback reaches a user."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from verhalen.domain import VerhalenError

# SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6), also as extended codes (e.g. 517 BUSY_SNAPSHOT).
_SQLITE_BUSY = {5, 6}
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_PG_RETRY = {"40001", "40P01", "55P03"}
log = logging.getLogger("verhalen.store")


class StoreError(VerhalenError):
    """The database refused or could not do a read or write; a write was rolled back completely."""

    def __init__(self, message: str = "", /, transient: bool = False, **params: object) -> None:
        super().__init__(message, **params)
        self.transient = transient


class ConflictError(StoreError):
    """A write broke a constraint (a key that exists already, or a reference to something gone)."""


def is_transient(exc: BaseException) -> bool:
    """True for a lock, busy or deadlock error: the same transaction may succeed when tried again."""
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_BUSY:
        return True
    if getattr(orig, "sqlstate", None) in _PG_RETRY:
        return True
    text = str(orig or "").lower()
    return "database is locked" in text or "database is busy" in text


def store_error(exc: StatementError) -> StoreError:
    """The one-line catalogue error for a SQLAlchemy statement error (the original stays as __cause__).

    The message holds no SQL, no parameter and no text of the user's; the database's own message goes to
    the log (logger ``verhalen.store``, level INFO: for the operator, never shown to the user).
    """
    orig = getattr(exc, "orig", None)
    detail = " ".join(str(orig or "").split())[:500]
    log.info("database error %s (%s): %s", type(exc).__name__, type(orig).__name__, detail)
    if is_transient(exc):
        return StoreError("database_busy", transient=True)
    if isinstance(exc, IntegrityError):
        return ConflictError("database_conflict")
    if isinstance(exc, OperationalError):
        return StoreError("database_unusable")
    return StoreError("database_unexpected", kind=type(exc).__name__)
