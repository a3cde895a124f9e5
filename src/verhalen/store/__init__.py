"""Persistence: the only package that imports SQLAlchemy."""

from verhalen.store.db import connect, migrate
from verhalen.store.repository import Repository

__all__ = ["Repository", "connect", "migrate"]
