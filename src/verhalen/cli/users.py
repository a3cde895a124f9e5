"""``verhalen user add|remove|role|list``: team-mode accounts (whoever runs the command on the server is
trusted; the event log names them as ``cli:<os user>``)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from verhalen.app.accounts import TEAM_ROLES, Accounts
from verhalen.app.workbench import Workbench
from verhalen.config import load_settings
from verhalen.domain import ValidationError


def _accounts(args: argparse.Namespace) -> Accounts:
    return Accounts(Workbench(load_settings(args.database)).repo)


def _by() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name (e.g. a container without passwd entry)
        return "cli"


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ValidationError("Geef het wachtwoord via --password-stdin of typ het in een terminal.")
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog een keer: ") != first:
        raise ValidationError("De wachtwoorden verschillen; niets opgeslagen.")
    return first


def cmd_user(args: argparse.Namespace) -> int:
    accounts = _accounts(args)
    if args.action == "add":
        password = None if args.oidc else _password(args)
        user = accounts.add(args.name, args.role, password, _by())
        kind = "OIDC" if not user.local else "lokaal"
        print(f"Gebruiker '{user.name}' toegevoegd als {user.role} ({kind}).")
    elif args.action == "remove":
        accounts.remove(args.name, _by())
        print(f"Gebruiker '{args.name}' verwijderd.")
    elif args.action == "role":
        changed = accounts.set_role(args.name, args.role, _by())
        print(f"Gebruiker '{args.name}' is {args.role}." + ("" if changed else " (ongewijzigd)"))
    elif args.action == "password":
        accounts.set_password(args.name, _password(args), _by())
        print(f"Wachtwoord van '{args.name}' gewijzigd.")
    else:
        for user in accounts.users():
            print(f"{user.name}\t{user.role}\t{'lokaal' if user.local else 'OIDC'}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("user", help="accounts voor teammodus: add, remove, role, password, list")
    actions = p.add_subparsers(dest="action", required=True)
    a = actions.add_parser("add", help="voeg een gebruiker toe")
    a.add_argument("name", help="gebruikersnaam (bij --oidc: het e-mailadres van de identity provider)")
    a.add_argument("--role", choices=TEAM_ROLES, default="codeur")
    a.add_argument("--oidc", action="store_true", help="logt in via OIDC: geen wachtwoord")
    a.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin")
    r = actions.add_parser("remove", help="verwijder een gebruiker")
    r.add_argument("name")
    o = actions.add_parser("role", help="geef een gebruiker een andere rol")
    o.add_argument("name")
    o.add_argument("role", choices=TEAM_ROLES)
    w = actions.add_parser("password", help="stel een nieuw wachtwoord in")
    w.add_argument("name")
    w.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin")
    ls = actions.add_parser("list", help="toon alle gebruikers")
    for parser in (a, r, o, w, ls):  # --database also after the action (verhalen user add x --database …)
        parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help="database-URL")
    p.set_defaults(handler=cmd_user)
