"""What every command shares: the workbench of ``--database``."""

from __future__ import annotations

import argparse

from verhalen.app.workbench import Workbench
from verhalen.config import load_settings


def workbench(args: argparse.Namespace) -> Workbench:
    """The project of ``--database``; stories an interrupted command stored without suggestions are
    embedded and suggested first (as the app does when it opens the project)."""
    bench = Workbench(load_settings(args.database))
    bench.index_missing()
    return bench
