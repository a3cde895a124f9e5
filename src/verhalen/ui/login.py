"""Team mode's login: a local account form and, when ``[auth]`` is configured in Streamlit's secrets, a
button for the institution's identity provider (OIDC through ``st.login``). Until someone is logged in no
page renders; afterwards the coder of every decision is the logged-in user.

A local login lasts SESSION_HOURS in that browser (reloads, new tabs): the server keeps the hash of a random
token (``Accounts.start_session``), the browser the token in a cookie. Streamlit reads cookies
(``st.context.cookies``, sent with the page's connection) but cannot send a Set-Cookie header from a script,
so a one-line script (``st.html`` with JavaScript) writes it: SameSite=Strict, Secure on https, ending when
the login ends; being written by a script it cannot be HttpOnly. Every run checks the token again, so a
logout elsewhere, a new role or password, a removed account or the end of the 12 hours ends the session at
the next click. OIDC logins keep Streamlit's own cookie."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import streamlit as st

from verhalen.app import pages, team
from verhalen.app.accounts import SESSION_HOURS, TOKEN_SHAPE, Accounts, Actor, LoginError
from verhalen.app.team import TeamBench
from verhalen.messages import in_language
from verhalen.ui import state
from verhalen.ui.i18n import error_text, lang, t
from verhalen.ui.resources import bench
from verhalen.ui.widgets import plain

ACTOR = "team_actor"  # session state: the logged-in Actor
SIGN_IN = "team_sign_in"  # session state: a token for this sign-in, so its logout is logged once
TOKEN = "team_session_token"  # session state: the lasting login's token (a local login), server memory only
UNTIL = "team_session_until"  # session state: when that login ends (UTC), for the cookie the browser keeps
CLEAR = "team_session_clear"  # session state: the browser's cookie is to be removed (after a logout)
ENDED = "team_session_ended"  # session state: the lasting login ended elsewhere; the form says so once
COOKIE = "verhalen_sessie"

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


def _sign_in(found: Actor, token: str = "", until: datetime | None = None) -> None:
    st.session_state[ACTOR] = found
    st.session_state[SIGN_IN] = uuid.uuid4().hex
    st.session_state[TOKEN] = token
    st.session_state[UNTIL] = until
    st.session_state.pop(CLEAR, None)
    st.session_state.pop(ENDED, None)
    state.put(state.CODER, found.name)


def _forget() -> None:
    """This session no longer has anyone logged in (the browser's cookie is removed at the next render)."""
    st.session_state.pop(ACTOR, None)
    st.session_state.pop(TOKEN, None)
    st.session_state.pop(UNTIL, None)
    st.session_state[CLEAR] = True
    state.put(state.CODER, "")


def _log_out() -> None:
    current = actor()
    sign_in = str(st.session_state.pop(SIGN_IN, "") or "")
    token = str(st.session_state.get(TOKEN) or "")
    accounts = pages.accounts(bench())
    if token:
        accounts.end_session(token)  # revoked on the server: the cookie opens nothing any more
    if current is not None and sign_in and first_logout(sign_in):
        accounts.logout(current)
    _forget()
    if _oidc_user() is not None:
        st.logout()


def _browser_token() -> str:
    """The lasting login's token the browser sent when this session's connection opened ("" if none)."""
    try:
        return str(st.context.cookies.get(COOKIE) or "")
    except Exception:  # no browser behind this session (AppTest)
        return ""


def _cookie_script(token: str, until: datetime | None) -> str:
    """A script that stores (``until`` given) or removes the login cookie in the browser. The token is
    checked against its shape first, so nothing but the 43 characters of ``secrets.token_urlsafe`` is ever
    written into the page."""
    path = "/" + str(st.get_option("server.baseUrlPath") or "").strip("/")
    if until is not None and TOKEN_SHAPE.fullmatch(token):
        ends = format_datetime(until.replace(tzinfo=UTC), usegmt=True)
        cookie = f"{COOKIE}={token}; Path={path}; Expires={ends}; SameSite=Strict"
    else:
        cookie = f"{COOKIE}=; Path={path}; Max-Age=0; SameSite=Strict"
    secure = ' + (location.protocol === "https:" ? "; Secure" : "")'
    return f"<script>document.cookie = {json.dumps(cookie)}{secure};</script>"


def _keep_cookie() -> None:
    """After a local login: have the browser keep the token until the login ends (once it sends it back,
    nothing is written again)."""
    token = str(st.session_state.get(TOKEN) or "")
    until = st.session_state.get(UNTIL)
    if token and isinstance(until, datetime) and _browser_token() != token:
        st.html(_cookie_script(token, until), unsafe_allow_javascript=True)


def _clear_cookie() -> None:
    """On the login form: remove a cookie that opens nothing (revoked, expired) or belongs to a logout."""
    if st.session_state.get(CLEAR) or _browser_token():
        st.html(_cookie_script("", None), unsafe_allow_javascript=True)


def _form(accounts: Accounts) -> None:
    _clear_cookie()
    st.title(t("login_title"))
    if st.session_state.pop(ENDED, False):
        st.info(t("login_session_ended"))
    if not accounts.users():  # nobody can log in yet: say how the first beheerder is made
        st.warning(t("login_no_accounts"))
    with st.form("login"):
        name = st.text_input(t("login_name"), autocomplete="username")
        password = st.text_input(t("login_password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(t("login_button"))
        st.caption(t("login_lasts", hours=SESSION_HOURS))
    if submitted:
        try:
            found = accounts.login(name, password)
            _sign_in(found, *accounts.start_session(found))
        except LoginError as exc:
            st.error(plain(error_text(exc)))
        else:
            st.rerun()
    if oidc_configured():
        st.button(t("login_oidc"), on_click=_login_oidc, type="primary")


def require() -> Actor | None:
    """Team mode: the logged-in user; otherwise None after drawing the login form, and the caller draws
    nothing else. Not ``st.stop``: Streamlit forgets the fragments of the previous page (the Coderen
    page's polling line) only when a run ends normally, and a polling rerun still on its way after
    "Uitloggen" then ran that fragment on the login form, which blanked the page (browser test)."""
    current = actor()
    accounts = pages.accounts(bench())
    token = str(st.session_state.get(TOKEN) or "")
    if current is not None and token and accounts.resume(token) != current:
        _forget()  # logged out elsewhere, expired, a new role or password, or no account any more
        st.session_state[ENDED] = True
        current = None
    if current is None:
        email = _oidc_user() if oidc_configured() else None
        resumed = accounts.resume(_browser_token()) if not email and _browser_token() else None
        if email:
            try:
                current = accounts.login_oidc(email)
            except LoginError as exc:
                st.error(plain(error_text(exc)))
                st.button(t("logout"), on_click=st.logout)
                return None
            _sign_in(current)
        elif resumed is not None and not st.session_state.get(CLEAR):
            current = resumed  # a reload or a new tab: the browser's cookie still opens this login
            _sign_in(current, _browser_token())
        else:
            _form(accounts)
            return None
    state.put(state.CODER, current.name)
    with st.sidebar:
        st.text(t("logged_in_as", name=current.name, role=role_label(current.role)))
        st.button(t("logout"), on_click=_log_out, key="team_logout")
        _keep_cookie()
    return current
