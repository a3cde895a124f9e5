"""What the pages read and the few writes they make outside coding: the UI's only way to the data (ui/
never touches the repository; tests/test_architecture.py checks that)."""

from __future__ import annotations

from verhalen.app.accounts import Accounts
from verhalen.app.workbench import Workbench
from verhalen.domain import Coding, Event, Fragment, Story


def practice_names(wb: Workbench) -> dict[str, str]:
    """Practice id -> the name shown."""
    return {p.id: p.name for p in wb.repo.practices()}


def stories(wb: Workbench) -> list[Story]:
    return wb.repo.stories()


def story_count(wb: Workbench) -> int:
    return int(wb.repo.counts()["stories"])


def coders(wb: Workbench) -> list[str]:
    """Everyone who made a decision, in name order."""
    return wb.repo.coders()


def data_version(wb: Workbench) -> tuple[str, int]:
    """(database, id of the newest event): what cached results depend on; every change logs an event."""
    events = wb.repo.events(limit=1)
    return wb.settings.database_url, events[0].id if events else 0


def newest_events(wb: Workbench, n: int) -> list[Event]:
    """The project's ``n`` newest events, newest first."""
    return wb.repo.events(limit=n)


def fragment(wb: Workbench, fragment_id: int) -> Fragment:
    return wb.repo.fragment(fragment_id)


def codable_fragments(wb: Workbench, ids: set[int] | None = None) -> dict[int, Fragment]:
    """Codable fragments by id (only ``ids`` when given: only those are read, not every fragment's text)."""
    found = wb.repo.fragments(codable_only=True) if ids is None else wb.repo.fragments_by_id(ids)
    return {f.id: f for f in found if f.codable}


def codings(wb: Workbench, coder: str | None = None) -> list[Coding]:
    return wb.repo.codings(coder=coder)


def resolutions(wb: Workbench) -> dict[tuple[int, str], str]:
    """(fragment, code) -> the lead coder's status, for settled disagreements."""
    return wb.repo.resolutions()


def resolve(wb: Workbench, fragment_id: int, code: str, status: str, lead: str) -> None:
    """The lead coder settles a disagreement (logged as an event)."""
    wb.resolve(fragment_id, code, status, lead)


def setting(wb: Workbench, key: str) -> str | None:
    """A project setting (e.g. the Coderen page's display threshold)."""
    return wb.repo.get_setting(key)


def set_setting(wb: Workbench, key: str, value: str) -> None:
    wb.repo.set_setting(key, value)


def story_text(wb: Workbench, story_id: str) -> str:
    return wb.repo.story(story_id).text


def accounts(wb: Workbench) -> Accounts:
    """The project's accounts (team mode: login, logout)."""
    return Accounts(wb.repo)
