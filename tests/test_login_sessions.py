"""Team mode: a local login lasts SESSION_HOURS in one browser through a random token whose hash alone is
stored (SQLite and PostgreSQL); logging out revokes it; a new role or password, a removed account and the
end of the time end it. The browser side is in tests/test_team_browser_session.py."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from tests.conftest import make_settings
from verhalen.app.accounts import SESSION_HOURS, Accounts, Actor
from verhalen.app.workbench import Workbench
from verhalen.store.audit import table_rows
from verhalen.store.models import utcnow

PASSWORD = "correct paard batterij"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def accounts(request: pytest.FixtureRequest, tmp_path: Path) -> Accounts:
    url = str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
    found = Accounts(Workbench(make_settings(url, tmp_path)).repo)
    found.add("anna", "codeur", PASSWORD, by="test")
    found.add("beheer", "beheerder", PASSWORD, by="test")
    return found


def _login(accounts: Accounts, name: str = "anna") -> str:
    token, _ = accounts.start_session(accounts.login(name, PASSWORD))
    return token


def test_the_migration_makes_the_table(accounts: Accounts) -> None:
    columns = {c["name"] for c in inspect(accounts.repo.engine).get_columns("login_sessions")}
    assert columns == {"token_hash", "user_name", "role", "created_at", "expires_at"}


def test_a_token_resumes_its_login_and_only_its_hash_is_stored(accounts: Accounts) -> None:
    before = utcnow()
    token, until = accounts.start_session(accounts.login("anna", PASSWORD))
    assert len(token) == 43 and until - before >= timedelta(hours=SESSION_HOURS)
    assert until - before < timedelta(hours=SESSION_HOURS, minutes=1)
    assert accounts.resume(token) == Actor("anna", "codeur")
    stored = repr(table_rows(accounts.repo))
    assert token not in stored and hashlib.sha256(token.encode()).hexdigest() in stored
    assert token not in repr([e.payload for e in accounts.repo.events(100)])
    assert _login(accounts) != token  # every login its own token
    kinds = [e.kind for e in accounts.repo.events(100) if e.coder == "anna"]
    accounts.resume(token)
    assert [e.kind for e in accounts.repo.events(100) if e.coder == "anna"] == kinds  # a resume logs nothing


@pytest.mark.parametrize("token", ["", "x", "a" * 42, "a" * 44, "a" * 42 + "!", "a" * 42 + "\n"])
def test_anything_but_a_stored_token_opens_nothing(accounts: Accounts, token: str) -> None:
    _login(accounts)
    assert accounts.resume(token) is None
    assert accounts.resume("A" * 43) is None  # the right shape, never issued


def test_logging_out_revokes_the_token(accounts: Accounts) -> None:
    token, other = _login(accounts), _login(accounts)
    accounts.end_session(token)
    assert accounts.resume(token) is None
    assert accounts.resume(other) == Actor("anna", "codeur")  # another browser's login stays


def test_a_token_expires(accounts: Accounts) -> None:
    token = _login(accounts)
    later = utcnow() + timedelta(hours=SESSION_HOURS, seconds=1)
    assert accounts.resume(token, now=later - timedelta(seconds=2)) is not None
    assert accounts.resume(token, now=later) is None
    accounts.start_session(Actor("beheer", "beheerder"), now=later)  # a new login clears ended ones
    assert len(table_rows(accounts.repo)["login_sessions"]) == 1


def test_a_new_role_a_new_password_or_a_removed_account_ends_the_login(accounts: Accounts) -> None:
    token = _login(accounts)
    accounts.set_role("anna", "codeur", by="beheer")  # no change: the login stays
    assert accounts.resume(token) == Actor("anna", "codeur")
    accounts.set_role("anna", "lezer", by="beheer")
    assert accounts.resume(token) is None  # never the old rights, and not the new ones without a login
    token = _login(accounts)
    assert accounts.resume(token) == Actor("anna", "lezer")
    accounts.set_password("anna", PASSWORD + "!", by="beheer")
    assert accounts.resume(token) is None
    token, _ = accounts.start_session(accounts.login("anna", PASSWORD + "!"))
    accounts.remove("anna", by="beheer")
    assert accounts.resume(token) is None
    assert table_rows(accounts.repo)["login_sessions"] == []
    accounts.add("anna", "beheerder", PASSWORD, by="beheer")  # the same name again is another account
    assert accounts.resume(token) is None


def test_a_role_changed_behind_the_stores_back_is_not_resumed(accounts: Accounts) -> None:
    """Even if the login's rows were not removed (a role changed by hand in the database), the role the
    login was made with must still be the account's."""
    token = _login(accounts)
    accounts.store.set_role("anna", "beheerder", by="sql")  # the store alone: the login's row stays
    assert accounts.resume(token) is None


def test_the_app_starts_a_lasting_login_and_its_logout_revokes_it(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    from tests.apptest import open_page
    from verhalen.ui import login

    monkeypatch.setenv("VERHALEN_TEAM", "1")
    bench = Workbench(make_settings(sqlite_url, tmp_path))
    accounts = Accounts(bench.repo)
    accounts.add("bert", "codeur", PASSWORD, by="test")
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    assert any("12 uur ingelogd" in c.value for c in at.caption)
    at.text_input[0].input("bert")
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Inloggen").click()
    at.run()
    assert not at.exception, at.exception
    token = at.session_state[login.TOKEN]
    assert accounts.resume(token) == Actor("bert", "codeur")
    script = next(h.proto.body for h in at.html if login.COOKIE in h.proto.body)
    assert f"{login.COOKIE}={token}; Path=/; Expires=" in script and "SameSite=Strict" in script
    accounts.set_role("bert", "lezer", by="test")  # a beheerder changes the role meanwhile
    at.run()
    assert any(b.label == "Inloggen" for b in at.button)  # the next click ends the session
    assert not any("Ingelogd als" in x.value for x in at.text)
    assert any(f"{login.COOKIE}=; Path=/; Max-Age=0" in h.proto.body for h in at.html)
    at.text_input[0].input("bert")
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Inloggen").click()
    at.run()
    token = at.session_state[login.TOKEN]
    next(b for b in at.button if b.label == "Uitloggen").click()
    at.run()
    assert not at.exception, at.exception
    assert accounts.resume(token) is None
    assert any(b.label == "Inloggen" for b in at.button)
    assert any(f"{login.COOKIE}=; Path=/; Max-Age=0" in h.proto.body for h in at.html)
