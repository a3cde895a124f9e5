"""Team mode's service layer: every action of a logged-in user goes through :class:`TeamBench`, which checks
the user's role before it delegates to the :class:`Workbench`, and passes the user's own name as the coder
(never a typed one). A refused action raises a Dutch :class:`PermissionDenied` and writes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, Literal

from verhalen.app.accounts import Accounts, Actor, roles_allowed
from verhalen.app.workbench import Refresh, StoryProgress, Workbench
from verhalen.domain import (
    Code,
    Codebook,
    Coding,
    Event,
    Fragment,
    Practice,
    ProjectSnapshot,
    Story,
    VerhalenError,
)
from verhalen.messages import Joined, Message, is_key
from verhalen.store.audit import Erasure, erase_story, history
from verhalen.store.users import StoredUser


class PermissionDenied(VerhalenError):
    """The logged-in user's role does not allow this action; nothing was written."""


def require(actor: Actor, action: str) -> None:
    """The one role check of team mode (TeamBench and GuardedWorkbench both call it)."""
    if not actor.may(action):
        raise PermissionDenied("role_refused", role=role_name(actor.role), action=Message(f"action_{action}"))


def role_name(role: str) -> object:
    """A role as the user reads it (administrator in English); the stored value stays as it is."""
    return Message(f"role_name_{role}") if is_key(f"role_name_{role}") else role


def only_line(role: str, action: str) -> Message:
    """ "Only the role beheerder may import stories; your role is codeur." (a page without the form)."""
    return Message(
        "role_only",
        roles=Joined([role_name(r) for r in roles_allowed(action)], separator=" / "),
        action=Message(f"action_{action}"),
        role=role_name(role),
    )


class TeamBench:
    """A Workbench as one logged-in user may use it."""

    def __init__(self, bench: Workbench, actor: Actor) -> None:
        self.bench = bench
        self.actor = actor
        self.accounts = Accounts(bench.repo)

    def _need(self, action: str) -> None:
        require(self.actor, action)

    def may(self, action: str) -> bool:
        return self.actor.may(action)

    # -- read --------------------------------------------------------------------------------------
    def codebook(self) -> Codebook:
        self._need("read")
        return self.bench.codebook()

    def stories(self) -> list[Story]:
        self._need("read")
        return self.bench.repo.stories()

    def fragments(self, story_id: str | None = None) -> list[Fragment]:
        self._need("read")
        return self.bench.repo.fragments(story_id)

    def codings(self, story_id: str | None = None) -> list[Coding]:
        self._need("read")
        return self.bench.repo.codings(story_id=story_id)

    def progress(self) -> list[StoryProgress]:
        self._need("read")
        return self.bench.progress(self.actor.name)

    def history(self, story_id: str | None = None, fragment_id: int | None = None) -> list[Event]:
        self._need("read")
        return history(self.bench.repo, story_id=story_id, fragment_id=fragment_id)

    def stats(self) -> dict[str, Any]:
        self._need("read")
        return self.bench.stats()

    # -- export --------------------------------------------------------------------------------------
    def snapshot(self) -> ProjectSnapshot:
        self._need("export")
        return self.bench.snapshot()

    def export(self, fmt: str, out: BinaryIO, level: Literal["fragment", "story"] = "fragment") -> None:
        """Write an export and log it (who, which format, the codebook and suggester version)."""
        from verhalen.app.exporting import export

        self._need("export")
        snapshot = self.bench.snapshot()
        export(snapshot, fmt, out, level=level)
        self.bench.repo.log(
            "export",
            self.actor.name,
            {
                "format": fmt,
                "level": level,
                "codebook": snapshot.codebook.version,
                "suggester": snapshot.suggester_version,
                "stories": len(snapshot.stories),
            },
        )

    # -- code, memo, undo ----------------------------------------------------------------------------
    def decide(
        self, fragment_id: int, code: str, status: str, memo: str = "", refresh: Refresh = True
    ) -> bool:
        self._need("code")
        return self.bench.decide(fragment_id, code, self.actor.name, status, memo, refresh=refresh)

    def withdraw(self, fragment_id: int, code: str, refresh: Refresh = True) -> bool:
        self._need("code")
        return self.bench.withdraw(fragment_id, code, self.actor.name, refresh=refresh)

    def confirm_above(self, story_id: str, threshold: float, refresh: Refresh = True) -> int:
        self._need("code")
        return self.bench.confirm_above(story_id, self.actor.name, threshold, refresh=refresh)

    def set_memo(self, fragment_id: int, text: str) -> None:
        self._need("memo")
        self.bench.set_memo(fragment_id, self.actor.name, text)

    def undo(self, refresh: Refresh = True) -> bool:
        """Undo this user's own newest decision (never someone else's)."""
        self._need("undo")
        return self.bench.undo(self.actor.name, refresh=refresh)

    # -- codebook ------------------------------------------------------------------------------------
    def add_inductive_code(self, code_id: str, name: str, parent: str | None = None) -> Code:
        self._need("codebook")
        return self.bench.add_inductive_code(code_id, name, self.actor.name, parent)

    def resolve(self, fragment_id: int, code: str, status: str) -> None:
        """The lead's final decision on a disagreement (beheerder)."""
        self._need("settle")
        self.bench.repo.resolve(fragment_id, code, status, self.actor.name)

    # -- import and erasure --------------------------------------------------------------------------
    def import_story(self, story: Story, privacy: dict[str, Any] | None = None) -> int:
        self._need("import")
        return self.bench.import_story(story, coder=self.actor.name, privacy=privacy)

    def import_paths(self, paths: Sequence[Path], options: Any) -> Any:
        """``app.importing.import_paths`` with this user as the importer."""
        from verhalen.app.importing import import_paths

        self._need("import")
        return import_paths(self.bench, paths, replace(options, coder=self.actor.name))

    def erase_story(self, story_id: str) -> Erasure:
        """Erase a participant's story and everything linked to it; the log keeps who, when and how many
        rows, not the content."""
        self._need("erase")
        erased = erase_story(self.bench.repo, story_id, self.actor.name)
        self.bench.reset_cache()
        return erased

    # -- users and settings --------------------------------------------------------------------------
    def users(self) -> list[StoredUser]:
        self._need("users")
        return self.accounts.users()

    def add_user(self, name: str, role: str, password: str | None) -> StoredUser:
        self._need("users")
        return self.accounts.add(name, role, password, by=self.actor.name)

    def remove_user(self, name: str) -> None:
        self._need("users")
        self.accounts.remove(name, by=self.actor.name)

    def set_role(self, name: str, role: str) -> bool:
        self._need("users")
        return self.accounts.set_role(name, role, by=self.actor.name)

    def set_setting(self, key: str, value: str) -> None:
        self._need("settings")
        before = self.bench.repo.get_setting(key)
        self.bench.repo.set_setting(key, value)
        self.bench.repo.log("setting", self.actor.name, {"key": key, "before": before, "after": value})


def project_history(
    bench: Workbench, story_id: str | None = None, fragment_id: int | None = None
) -> list[Event]:
    """The audit trail of one story or one fragment, newest first (the Geschiedenis page; in team mode the
    page asks :meth:`TeamBench.history`, which checks the reader's role)."""
    return history(bench.repo, story_id=story_id, fragment_id=fragment_id)


class GuardedWorkbench(Workbench):
    """The app's shared Workbench as one logged-in user sees it in team mode. The pages keep using the
    Workbench API; every write checks the user's role first (PermissionDenied, nothing written) and
    decisions, memos and undo are always the user's own, whatever coder a page passes. Use cases that
    write through the repository (code manager, imports, the names list, resolutions) call
    :meth:`require` first. State lives in the shared workbench: this object only adds the user."""

    def __init__(self, inner: Workbench, actor: Actor) -> None:
        self.__dict__["_inner"] = inner
        self.__dict__["actor"] = actor

    def __getattr__(self, name: str) -> Any:
        # the parts (project, index, refresher, coding) are the shared workbench's
        return getattr(self.__dict__["_inner"], name)

    @property
    def shared(self) -> Workbench:
        return self.__dict__["_inner"]  # type: ignore[no-any-return]

    def require(self, action: str) -> None:
        require(self.__dict__["actor"], action)

    @property
    def _me(self) -> str:
        return str(self.__dict__["actor"].name)

    def decide(
        self, fragment_id: int, code: str, coder: str, status: str, memo: str = "", refresh: Refresh = True
    ) -> bool:
        self.require("code")
        return super().decide(fragment_id, code, self._me, status, memo, refresh)

    def withdraw(self, fragment_id: int, code: str, coder: str, refresh: Refresh = True) -> bool:
        self.require("code")
        return super().withdraw(fragment_id, code, self._me, refresh)

    def confirm_above(self, story_id: str, coder: str, threshold: float, refresh: Refresh = True) -> int:
        self.require("code")
        return super().confirm_above(story_id, self._me, threshold, refresh)

    def set_memo(self, fragment_id: int, coder: str, text: str) -> None:
        self.require("memo")
        super().set_memo(fragment_id, self._me, text)

    def undo(self, coder: str, refresh: Refresh = True) -> bool:
        self.require("undo")
        return super().undo(self._me, refresh)

    def add_inductive_code(self, code_id: str, name: str, coder: str, parent: str | None = None) -> Code:
        self.require("codebook")
        return super().add_inductive_code(code_id, name, self._me, parent)

    def add_practice(self, name: str) -> Practice:
        self.require("import")
        return super().add_practice(name)

    def log_export(self, fmt: str, level: str, who: str) -> None:
        super().log_export(fmt, level, self._me)

    def import_story(self, story: Story, coder: str = "", privacy: dict[str, Any] | None = None) -> int:
        self.require("import")
        return super().import_story(story, self._me, privacy)
