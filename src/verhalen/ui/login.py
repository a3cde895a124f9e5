"""Team mode's login: a local account form and, when ``[auth]`` is configured in Streamlit's secrets, a
button for the institution's identity provider (OIDC through ``st.login``). Until someone is logged in no
page renders; afterwards the coder of every decision is the logged-in user."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import streamlit as st

from verhalen.app import pages, team
from verhalen.app.accounts import Accounts, Actor, LoginError
from verhalen.app.team import TeamBench
from verhalen.messages import in_language
from verhalen.ui import state
from verhalen.ui.i18n import error_text, lang, t
from verhalen.ui.resources import bench
from verhalen.ui.widgets import plain

ACTOR = "team_actor"  # session state: the logged-in Actor
SIGN_IN = "team_sign_in"  # session state: a token for this sign-in, so its logout is logged once

_logged_out: set[str] = set()  # sign-in tokens whose logout event is written (this server process)
_logged_out_lock = threading.Lock()


def first_logout(token: str) -> bool:
    """True the first time a sign-in's logout is asked for, False every later time: Streamlit may run a
    button's callback a second time when a rerun of the polling line interrupts the first run (CI saw
    two logout events for one click), and the history must show one logout per login."""
    with _logged_out_lock:
        if token in _logged_out:
            return False
        _logged_out.add(token)
        return True


def _auth() -> dict[str, Any]:
    try:
        auth: Any = st.secrets.get("auth")
    except Exception:  # no secrets file at all
        return {}
    return auth.to_dict() if hasattr(auth, "to_dict") else dict(auth or {})


def _provider() -> str | None:
    """The named provider section ([auth.<name>]) if there is one, else None: the [auth] section itself."""
    return next((name for name, value in _auth().items() if isinstance(value, dict)), None)


def oidc_configured() -> bool:
    auth = _auth()
    return bool(auth.get("server_metadata_url") or _provider())


def _login_oidc() -> None:
    provider = _provider()
    if provider is None:
        st.login()
    else:
        st.login(provider)


def _oidc_user() -> str | None:
    """Who the identity provider vouched for: the e-mail address if its ID token carries one, else its
    subject identifier."""
    user = getattr(st, "user", None)
    if user is None or not user.get("is_logged_in"):
        return None
    return str(user.get("email") or user.get("sub") or "")


def actor() -> Actor | None:
    found = st.session_state.get(ACTOR)
    return found if isinstance(found, Actor) else None


def may(action: str) -> bool:
    """Outside team mode everything is allowed (one researcher on 127.0.0.1)."""
    if not bench().settings.team_mode:
        return True
    current = actor()
    return current is not None and current.may(action)


def role_label(role: str) -> str:
    """A stored role (beheerder, codeur, lezer) in the chosen language (administrator, coder, reader)."""
    return in_language(team.role_name(role), lang())


def only_line(action: str) -> str:
    """One line for a page that leaves out what the logged-in role may not do: which role may, and yours
    (markdown-safe)."""
    current = actor()
    return plain(team.only_line(current.role if current else "?", action))


def team_bench() -> TeamBench:
    """The logged-in user's view of the project: every action is checked against their role."""
    current = actor()
    if current is None:
        st.stop()
    return TeamBench(bench(), current)


def _sign_in(found: Actor) -> None:
    st.session_state[ACTOR] = found
    st.session_state[SIGN_IN] = uuid.uuid4().hex
    state.put(state.CODER, found.name)


def _log_out() -> None:
    current = actor()
    token = str(st.session_state.pop(SIGN_IN, "") or "")
    if current is not None and token and first_logout(token):
        pages.accounts(bench()).logout(current)
    st.session_state.pop(ACTOR, None)
    state.put(state.CODER, "")
    if _oidc_user() is not None:
        st.logout()


def _form(accounts: Accounts) -> None:
    st.title(t("login_title"))
    if not accounts.users():  # nobody can log in yet: say how the first beheerder is made
        st.warning(t("login_no_accounts"))
    with st.form("login"):
        name = st.text_input(t("login_name"), autocomplete="username")
        password = st.text_input(t("login_password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(t("login_button"))
    if submitted:
        try:
            _sign_in(accounts.login(name, password))
        except LoginError as exc:
            st.error(plain(error_text(exc)))
        else:
            st.rerun()
    if oidc_configured():
        st.button(t("login_oidc"), on_click=_login_oidc, type="primary")


def require() -> Actor:
    """Team mode: the logged-in user; otherwise the login form and nothing else (``st.stop``)."""
    current = actor()
    accounts = pages.accounts(bench())
    if current is None:
        email = _oidc_user() if oidc_configured() else None
        if email:
            try:
                current = accounts.login_oidc(email)
            except LoginError as exc:
                st.error(plain(error_text(exc)))
                st.button(t("logout"), on_click=st.logout)
                st.stop()
            _sign_in(current)
        else:
            _form(accounts)
            st.stop()
    state.put(state.CODER, current.name)
    with st.sidebar:
        st.text(t("logged_in_as", name=current.name, role=role_label(current.role)))
        st.button(t("logout"), on_click=_log_out, key="team_logout")
    return current
