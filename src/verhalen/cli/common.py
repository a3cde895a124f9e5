"""What every command shares: the workbench of ``--database``."""

from __future__ import annotations

import argparse

from verhalen.app.workbench import Workbench
from verhalen.config import load_settings


def workbench(args: argparse.Namespace) -> Workbench:
    return Workbench(load_settings(args.database))
