"""Vergelijken early in a project: decisions in only a few stories, so a group has 0 or 1 story.

No statistic may crash the page; where a group has too few stories the page says so in its language."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.apptest import open_page
from tests.conftest import make_settings
from verhalen.app.workbench import Workbench
from verhalen.domain import Story

TEXT = "Ik kwam binnen met mijn zoon. De koffie stond al klaar. We praatten over de buurt en de school."


def _project(url: str, tmp_path: Path, stories: list[tuple[str, str, str]], coded: dict[str, int]) -> None:
    """``stories``: (id, practice, role); ``coded``: story id -> index of the factor confirmed in it."""
    bench = Workbench(make_settings(url, tmp_path))
    bench.ensure_practices()
    for story_id, practice, role in stories:
        bench.import_story(Story(story_id, practice, role, TEXT))
    factors = [c.id for c in bench.codebook().factors]
    for story_id, index in coded.items():
        fragment = bench.repo.fragments(story_id)[0]
        bench.decide(fragment.id, factors[index], "anna", "confirmed", refresh=False)
    bench.repo.engine.dispose()


@pytest.fixture
def two_stories(sqlite_url: str, tmp_path: Path) -> str:
    """One coded story per practice: every group has exactly one story."""
    _project(
        sqlite_url,
        tmp_path,
        [("S1", "beijum", "ouder"), ("S2", "hoogeveen", "professional")],
        {"S1": 0, "S2": 1},
    )
    return sqlite_url


def _text(at) -> str:  # type: ignore[no-untyped-def]
    parts = [*at.markdown, *at.caption, *at.info, *at.warning]
    return " ".join(str(p.value) for p in parts)


def _per_code(at) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    frame = next(d.value for d in at.dataframe if "p (Holm)" in d.value.columns)
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_one_story_per_practice_does_not_crash(monkeypatch: pytest.MonkeyPatch, two_stories: str) -> None:
    at = open_page(monkeypatch, two_stories, "vergelijken")
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    table = _per_code(at)
    tested = table[table["p (exact)"] != "–"]
    assert len(tested) == 2  # the two coded factors are tested (Fisher), V without an interval
    assert all(v.endswith("(te weinig verhalen voor een interval)") for v in tested["Cramérs V [95%-BI]"])
    assert "te weinig verhalen voor een interval" in _text(at).lower()
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception and not at.error
    table = _per_code(at)
    tested = table[table["p (exact)"] != "–"]
    assert all(v.endswith("(too few stories for an interval)") for v in tested["Cramér's V [95% CI]"])
    assert "too few stories for an interval" in _text(at).lower()


@pytest.mark.parametrize(
    ("stories", "coded"),
    [
        ([("S1", "beijum", "ouder"), ("S2", "hoogeveen", "professional")], {"S1": 0}),
        ([("S1", "beijum", "ouder"), ("S2", "beijum", "ouder")], {"S1": 0, "S2": 0}),
        (
            [
                ("S1", "beijum", "ouder"),
                ("S2", "hoogeveen", "professional"),
                ("S3", "beijum", "professional"),
            ],
            {"S1": 0, "S2": 1, "S3": 0},
        ),
    ],
    ids=["one-coded-story", "one-group", "one-group-with-one-story"],
)
def test_every_view_survives_groups_of_zero_or_one_story(
    monkeypatch: pytest.MonkeyPatch,
    sqlite_url: str,
    tmp_path: Path,
    stories: list[tuple[str, str, str]],
    coded: dict[str, int],
) -> None:
    _project(sqlite_url, tmp_path, stories, coded)
    at = open_page(monkeypatch, sqlite_url, "vergelijken")
    for mode in ("practice", "role", "cross"):
        for unit in ("fragment", "story", "per1000"):
            at.radio(key="cmp_mode").set_value(mode).run()
            at.radio(key="cmp_unit").set_value(unit).run()
            assert not at.exception, (mode, unit, at.exception)
            assert not at.error, (mode, unit, [e.value for e in at.error])
