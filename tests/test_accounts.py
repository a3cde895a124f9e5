"""Team-mode accounts: argon2 passwords, roles, logins logged, ``verhalen user`` (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import make_settings
from verhalen.app.accounts import Accounts, LoginError, hash_password
from verhalen.app.workbench import Workbench
from verhalen.cli import main
from verhalen.domain import ValidationError, VerhalenError

PASSWORD = "correct paard batterij"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


@pytest.fixture
def accounts(any_url: str, tmp_path: Path) -> Accounts:
    return Accounts(Workbench(make_settings(any_url, tmp_path)).repo)


def _events(accounts: Accounts, kind: str) -> list[dict[str, object]]:
    return [{"coder": e.coder, **json.loads(e.payload)} for e in accounts.repo.events(1000) if e.kind == kind]


def test_a_password_is_stored_as_an_argon2_hash_and_checked(accounts: Accounts) -> None:
    accounts.add("anna", "codeur", PASSWORD, by="test")
    stored = accounts.store.user("anna")
    assert stored is not None and stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    actor = accounts.login("anna", PASSWORD)
    assert (actor.name, actor.role) == ("anna", "codeur")
    with pytest.raises(LoginError, match="verkeerd wachtwoord"):
        accounts.login("anna", PASSWORD + "!")
    with pytest.raises(LoginError, match="verkeerd wachtwoord"):  # the same message: no name probing
        accounts.login("bert", PASSWORD)
    assert [e["coder"] for e in _events(accounts, "login")] == ["anna"]
    assert sorted(str(e["coder"]) for e in _events(accounts, "login_failed")) == ["anna", "bert"]
    assert all(PASSWORD not in e.payload for e in accounts.repo.events(1000))


def test_an_oidc_account_has_no_password_and_cannot_log_in_locally(accounts: Accounts) -> None:
    accounts.add("anna@example.org", "lezer", None, by="test")
    assert accounts.login_oidc("anna@example.org").role == "lezer"
    with pytest.raises(LoginError):
        accounts.login("anna@example.org", "")
    with pytest.raises(LoginError, match="geen account"):
        accounts.login_oidc("onbekend@example.org")


def test_roles_names_and_passwords_are_checked(accounts: Accounts) -> None:
    with pytest.raises(ValidationError, match="Onbekende rol"):
        accounts.add("anna", "baas", PASSWORD, by="test")
    with pytest.raises(ValidationError, match="minstens"):
        accounts.add("anna", "codeur", "kort", by="test")
    for bad in ("", "   ", "a\x00b", "a\u200bb", "x" * 101):
        with pytest.raises(ValidationError):
            accounts.add(bad, "codeur", PASSWORD, by="test")
    assert accounts.users() == []
    with pytest.raises(ValidationError):
        hash_password("\x00" * 20)


def test_roles_change_and_the_last_beheerder_stays(accounts: Accounts) -> None:
    accounts.add("anna", "beheerder", PASSWORD, by="test")
    accounts.add("bert", "codeur", PASSWORD, by="test")
    with pytest.raises(ValidationError, match="laatste beheerder"):
        accounts.set_role("anna", "lezer", by="test")
    with pytest.raises(ValidationError, match="laatste beheerder"):
        accounts.remove("anna", by="test")
    assert accounts.set_role("bert", "beheerder", by="anna") is True
    assert accounts.set_role("bert", "beheerder", by="anna") is False
    accounts.remove("anna", by="bert")
    assert [(u.name, u.role) for u in accounts.users()] == [("bert", "beheerder")]
    roles = _events(accounts, "user_role")
    assert roles == [
        {"coder": "anna", "user": "bert", "before": {"role": "codeur"}, "after": {"role": "beheerder"}}
    ]
    with pytest.raises(VerhalenError, match="bestaat niet"):
        accounts.remove("anna", by="bert")
    with pytest.raises(ValidationError, match="bestaat al"):
        accounts.add("bert", "codeur", PASSWORD, by="test")


def test_the_user_command(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VERHALEN_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        main(["user", "add", "anna", "--role", "beheerder", "--password-stdin", "--database", sqlite_url])
        == 0
    )
    assert main(["user", "add", "bert@example.org", "--oidc", "--database", sqlite_url]) == 0
    assert main(["user", "role", "bert@example.org", "lezer", "--database", sqlite_url]) == 0
    assert main(["user", "list", "--database", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "anna\tbeheerder\tlokaal" in out and "bert@example.org\tlezer\tOIDC" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["user", "add", "carla", "--password-stdin", "--database", sqlite_url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("fout: Een wachtwoord is minstens")
    assert main(["user", "remove", "bert@example.org", "--database", sqlite_url]) == 0
    accounts = Accounts(Workbench(make_settings(sqlite_url, tmp_path)).repo)
    assert [u.name for u in accounts.users()] == ["anna"]
    assert accounts.login("anna", PASSWORD).role == "beheerder"
