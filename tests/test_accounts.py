"""Team-mode accounts: argon2 passwords, roles, logins logged, ``verhalen user`` (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import make_settings
from verhalen.app.accounts import ACTIONS, TEAM_ROLES, Accounts, Actor, LoginError, hash_password
from verhalen.app.team import PermissionDenied, TeamBench
from verhalen.app.workbench import Workbench
from verhalen.cli import main
from verhalen.domain import Story, ValidationError, VerhalenError
from verhalen.store.audit import table_rows

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


# -- roles in the service layer: every action for every role -------------------------------------------
ALLOWED = {
    "lezer": {"read", "export"},
    "codeur": {"read", "export", "code", "memo", "undo"},
    "beheerder": set(ACTIONS),
}


def _story(story_id: str) -> Story:
    return Story(story_id, "beijum", "ouder", "Ik kwam binnen. De koffie stond klaar. We praatten lang.")


@pytest.fixture(scope="module")
def team_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two stories, a decision of every user on the first fragment, and a spare account."""
    path = tmp_path_factory.mktemp("team") / "team.db"
    bench = Workbench(make_settings(f"sqlite:///{path}", path.parent))
    bench.ensure_practices()
    for story_id in ("S1", "S2"):
        bench.import_story(_story(story_id))
    first = bench.repo.fragments("S1")[0].id
    code = bench.codebook().codes[0].id
    accounts = Accounts(bench.repo)
    for role in TEAM_ROLES:
        accounts.add(f"{role}1", role, PASSWORD, by="test")
        bench.decide(first, code, f"{role}1", "confirmed", refresh=False)
    accounts.add("extra", "lezer", None, by="test")
    bench.repo.engine.dispose()
    return path


def _actions() -> dict[str, tuple[str, Callable[[TeamBench], object]]]:
    def fragment(team: TeamBench, n: int = 0) -> int:
        return team.bench.repo.fragments("S1")[n].id

    def code(team: TeamBench) -> str:
        return team.bench.codebook().codes[1].id

    def first_code(team: TeamBench) -> str:
        return team.bench.codebook().codes[0].id

    return {
        "stories": ("read", lambda t: t.stories()),
        "history": ("read", lambda t: t.history(story_id="S1")),
        "export": ("export", lambda t: t.export("csv", io.BytesIO())),
        "decide": ("code", lambda t: t.decide(fragment(t, 1), code(t), "confirmed", refresh=False)),
        "withdraw": ("code", lambda t: t.withdraw(fragment(t), first_code(t), refresh=False)),
        "confirm_above": ("code", lambda t: t.confirm_above("S2", 0.0, refresh=False)),
        "memo": ("memo", lambda t: t.set_memo(fragment(t), "een memo")),
        "undo": ("undo", lambda t: t.undo(refresh=False)),
        "inductive_code": ("codebook", lambda t: t.add_inductive_code("nieuw", "Nieuw")),
        "resolve": ("settle", lambda t: t.resolve(fragment(t), first_code(t), "confirmed")),
        "import": ("import", lambda t: t.import_story(_story("S3"))),
        "erase": ("erase", lambda t: t.erase_story("S2")),
        "add_user": ("users", lambda t: t.add_user("nieuw", "codeur", PASSWORD)),
        "set_role": ("users", lambda t: t.set_role("extra", "codeur")),
        "remove_user": ("users", lambda t: t.remove_user("extra")),
        "setting": ("settings", lambda t: t.set_setting("iets", "anders")),
    }


@pytest.mark.parametrize("role", TEAM_ROLES)
@pytest.mark.parametrize("action", sorted(_actions()))
def test_each_role_may_do_only_its_actions(team_db: Path, tmp_path: Path, role: str, action: str) -> None:
    copy = tmp_path / "team.db"
    shutil.copy(team_db, copy)
    bench = Workbench(make_settings(f"sqlite:///{copy}", tmp_path))
    team = TeamBench(bench, Actor(f"{role}1", role))
    permission, run = _actions()[action]
    before = table_rows(bench.repo)
    if permission in ALLOWED[role]:
        run(team)
        if permission not in {"read", "export"}:
            assert table_rows(bench.repo) != before  # the action did write (so the check below can fail)
    else:
        with pytest.raises(PermissionDenied, match=f"^Als {role} mag je niet "):
            run(team)
        assert table_rows(bench.repo) == before


def test_decisions_carry_the_logged_in_name(team_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "team.db"
    shutil.copy(team_db, copy)
    bench = Workbench(make_settings(f"sqlite:///{copy}", tmp_path))
    team = TeamBench(bench, Actor("codeur1", "codeur"))
    fragment = bench.repo.fragments("S2")[0].id
    team.decide(fragment, bench.codebook().codes[0].id, "rejected", refresh=False)
    assert [c.coder for c in bench.repo.codings(story_id="S2")] == ["codeur1"]
    team.set_memo(fragment, "memo")
    assert {(m.coder, m.text) for m in bench.repo.memos()} == {("codeur1", "memo")}
    assert team.undo(refresh=False) is True  # its own rejection, not beheerder1's confirmation on S1
    assert bench.repo.codings(story_id="S2") == []
    assert len(bench.repo.codings(story_id="S1")) == 3


def test_team_mode_asks_for_a_login_first(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    from tests.apptest import open_page

    monkeypatch.setenv("VERHALEN_TEAM", "1")
    at = open_page(monkeypatch, sqlite_url, "verhalen", coder="iemand-anders")
    assert any("nog geen account" in w.value for w in at.warning)
    Accounts(Workbench(make_settings(sqlite_url, tmp_path)).repo).add("bert", "lezer", PASSWORD, by="test")
    at.run()
    assert not at.warning
    at.text_input[0].input("bert")
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Inloggen").click()
    at.run()
    assert not at.exception, at.exception
    assert any("Ingelogd als bert (lezer)" in x.value for x in at.text)
    assert at.session_state["coder"] == "bert"  # the typed name before the login counts for nothing


def test_one_logout_event_per_login_even_when_the_callback_runs_twice(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    """Streamlit may run a button's callback again when a rerun interrupts the first run (CI saw two
    logout events for one click): the history keeps one logout per login."""
    from tests.apptest import open_page
    from verhalen.ui import login

    monkeypatch.setenv("VERHALEN_TEAM", "1")
    bench = Workbench(make_settings(sqlite_url, tmp_path))
    Accounts(bench.repo).add("bert", "codeur", PASSWORD, by="test")
    at = open_page(monkeypatch, sqlite_url, "verhalen")
    at.text_input[0].input("bert")
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Inloggen").click()
    at.run()
    token = at.session_state[login.SIGN_IN]
    next(b for b in at.button if b.label == "Uitloggen").click()
    at.run()
    assert not at.exception, at.exception
    assert any(b.label == "Inloggen" for b in at.button)
    assert login.first_logout(token) is False  # a second run of the callback finds it written
    kinds = [e.kind for e in reversed(bench.repo.events(limit=1000)) if e.coder == "bert"]
    assert kinds == ["login", "logout"]


def test_five_failed_logins_lock_the_name_for_a_while(accounts: Accounts) -> None:
    from verhalen.app.accounts import MAX_FAILED_LOGINS

    accounts.add("sam", "codeur", "een-lang-wachtwoord", by="test")
    accounts.add("kim", "codeur", "nog-een-wachtwoord", by="test")
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(LoginError, match="verkeerd wachtwoord"):
            accounts.login("sam", "fout")
    with pytest.raises(LoginError, match="Te veel mislukte pogingen"):
        accounts.login("sam", "een-lang-wachtwoord")  # even the right password waits now
    assert accounts.login("kim", "nog-een-wachtwoord").name == "kim"  # other names are not locked
    kinds = [e.kind for e in accounts.repo.events(limit=20) if e.coder == "sam"]
    assert kinds[0] == "login_locked" and kinds.count("login_failed") == MAX_FAILED_LOGINS
