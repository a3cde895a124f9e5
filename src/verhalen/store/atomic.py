"""One transaction across many repository calls, e.g. a whole project import: all of it or nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from verhalen.store.repository import Repository


@contextmanager
def one_transaction(repo: Repository) -> Iterator[None]:
    """Inside the block every call of ``repo`` from this thread shares one session and transaction.

    It is committed when the block ends and rolled back, all of it, when the block raises. Calls from
    other threads (a warm-up in the background) keep their own sessions. Nested blocks join the outer one.
    """
    if "session" in vars(repo):
        yield
        return
    owner = threading.get_ident()
    plain = repo.session
    with plain() as shared:

        @contextmanager
        def session() -> Iterator[Session]:
            if threading.get_ident() == owner:
                yield shared
            else:
                with plain() as own:
                    yield own

        vars(repo)["session"] = session
        try:
            yield
        finally:
            del vars(repo)["session"]
