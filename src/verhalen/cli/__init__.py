"""The ``verhalen`` command. Every command takes ``--database URL``; errors are one line, exit code 1.

One module per command group: ``project`` (demo, stats, import, scan), ``suggestions`` (suggest, evaluate,
code), ``analysis`` (compare, search), ``interchange`` (export, import-project, import-codebook).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from verhalen.domain import VerhalenError

Handler = Callable[[argparse.Namespace], int]


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="database-URL (standaard: VERHALEN_DATABASE_URL of var/verhalen.db)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verhalen", description="Werkbank voor verhalenonderzoek.")
    parser.add_argument("--debug", action="store_true", help="toon volledige foutmeldingen")
    sub = parser.add_subparsers(dest="command", required=True)
    from verhalen.cli import analysis, interchange, project, suggestions, team, users

    for group in (project, suggestions, analysis, interchange, users, team):
        group.register(sub)
    for choice in sub.choices.values():
        _add_common(choice)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except VerhalenError as exc:
        print(f"fout: {' '.join(str(exc).split())}", file=sys.stderr)  # one line, always
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug or os.environ.get("VERHALEN_DEBUG"):
            raise
        # The message of an unexpected error may hold SQL with the user's texts: only its kind is shown,
        # the detail goes to the log.
        logging.getLogger("verhalen").info("command failed", exc_info=exc)
        kind = type(exc).__name__
        print(f"fout: onverwacht probleem ({kind}); gebruik --debug voor details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
