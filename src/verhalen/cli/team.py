"""``verhalen backup``, ``verhalen restore`` and ``verhalen erase`` (registered by cli/__init__.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from verhalen.app.accounts import Actor
from verhalen.app.backup import backup, restore
from verhalen.app.team import TeamBench
from verhalen.app.workbench import Workbench
from verhalen.cli.users import _by
from verhalen.config import load_settings
from verhalen.domain import ValidationError


def cmd_backup(args: argparse.Namespace) -> int:
    settings = load_settings(args.database)
    out = backup(settings.database_url, Path(args.out))
    Workbench(settings).repo.log("backup", _by(), {"file": out.name})
    print(f"Back-up geschreven: {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if not args.yes:
        raise ValidationError("Terugzetten vervangt de hele projectinhoud; bevestig met --yes.")
    settings = load_settings(args.database)
    done = restore(settings.database_url, Path(args.file), _by())
    Workbench(settings).repo.log(
        "restore", _by(), {"file": Path(args.file).name, "erased_again": list(done.erased_again)}
    )
    print(f"Teruggezet uit {args.file}." + (f" De vorige inhoud staat in {done.kept}." if done.kept else ""))
    if done.erased_again:
        print(
            f"{len(done.erased_again)} verha{'al' if len(done.erased_again) == 1 else 'len'} uit de back-up "
            f"opnieuw gewist, omdat ze na de back-up gewist waren: {', '.join(done.erased_again)}."
        )
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    if not args.yes:
        raise ValidationError(
            f"Wissen van '{args.story}' kan niet ongedaan worden gemaakt; bevestig met --yes."
        )
    team = TeamBench(Workbench(load_settings(args.database)), Actor(_by(), "beheerder"))
    erased = team.erase_story(args.story)
    rows = ", ".join(f"{n} {k}" for k, n in erased.removed.items() if n)
    print(f"Verhaal '{erased.story_id}' gewist ({rows}); het logboek vermeldt de wissing zonder inhoud.")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="maak een back-up (SQLite: online backup; PostgreSQL: pg_dump)")
    p.add_argument("--out", required=True, metavar="PAD", help="het back-upbestand")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="zet een back-up terug (vervangt de projectinhoud)")
    p.add_argument("file", metavar="BACKUP")
    p.add_argument("--yes", action="store_true", help="ja, vervang de huidige inhoud")
    p.set_defaults(handler=cmd_restore)
    p = sub.add_parser("erase", help="wis een verhaal met alles wat eraan hangt (AVG-verzoek)")
    p.add_argument("story", metavar="VERHAAL_ID")
    p.add_argument("--yes", action="store_true", help="ja, wis dit verhaal definitief")
    p.set_defaults(handler=cmd_erase)
