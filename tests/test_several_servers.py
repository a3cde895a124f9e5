"""Two processes on one database (a second app server, the CLI): each picks up what the other wrote.

Process A is this test's Workbench, as an app server holds it; process B is a real second process
(``verhalen code --batch`` and a script that adds a code). The events table is the change counter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_settings
from verhalen.app.workbench import Workbench
from verhalen.domain import Story

TEXT = (
    "Op dinsdag zitten we met zes moeders aan tafel en delen we wat we meemaken met de kinderen. "
    "De begeleider legt uit hoe je een kind rustig naar bed krijgt. "
    "Na afloop drinken we koffie en lachen we om wat er die week gebeurde."
)

pytestmark = pytest.mark.xdist_group("processes")  # real second processes: one such test at a time


def _other_process(args: list[str], url: str, tmp_path: Path) -> None:
    env = {**os.environ, "VERHALEN_EMBEDDER": "fake", "VERHALEN_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, *args, "--database", url] if args[0] == "-m" else [sys.executable, *args],
                   check=True, env=env, capture_output=True, timeout=300)  # fmt: skip


def test_a_server_picks_up_another_processs_decisions_and_codes(db_url: str, tmp_path: Path) -> None:
    a = Workbench(make_settings(db_url, tmp_path))
    a.ensure_practices()
    a.import_story(Story("S1", "beijum", "ouder", TEXT))
    assert a.engine().model.n_decisions == 0  # A has built its engine: what an app server holds
    assert a.follow_others() is False  # nothing new yet

    fragment = a.repo.fragments("S1", codable_only=True)[0]
    batch = tmp_path / "batch.csv"
    batch.write_text(
        f"fragment_id,code,status,coder\n{fragment.id},groepsgevoel,confirmed,b\n", encoding="utf-8"
    )
    _other_process(["-m", "verhalen.cli", "code", "--batch", str(batch)], db_url, tmp_path)

    assert a.follow_others() is True  # B's decision is newer than A's fit
    assert a.wait_for_refresh(timeout=120)
    assert a.engine().model.n_decisions == 1  # A's suggestions now learn from B's decision
    assert a.follow_others() is False  # and nothing is refreshed twice

    script = (
        "from tests.conftest import make_settings\n"
        "from pathlib import Path\n"
        "from verhalen.app.workbench import Workbench\n"
        f"wb = Workbench(make_settings({db_url!r}, Path({str(tmp_path)!r})))\n"
        "wb.add_inductive_code('werk', 'Werk', 'b')\n"
    )
    _other_process(["-c", script], db_url, tmp_path)
    assert a.follow_others() is True
    assert a.wait_for_refresh(timeout=120)
    assert "werk" in {c.id for c in a.engine().codebook.codes}  # a new codebook: A's engine was rebuilt


def test_a_memo_elsewhere_refits_nothing(sqlite_url: str, tmp_path: Path) -> None:
    a = Workbench(make_settings(sqlite_url, tmp_path))
    a.ensure_practices()
    a.import_story(Story("S1", "beijum", "ouder", TEXT))
    a.engine()
    other = Workbench(make_settings(sqlite_url, tmp_path))  # a second server object on the same file
    other.set_memo(a.repo.fragments("S1")[0].id, "b", "alleen een notitie")
    assert a.follow_others() is False
