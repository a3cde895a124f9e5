"""A project: its database (repository), settings, codebook versions and practices; no suggestions here."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from verhalen.app import limits
from verhalen.codebook import load_codebook
from verhalen.config import Settings, load_practices
from verhalen.domain import Code, Codebook, Practice, ValidationError
from verhalen.store import Repository, connect, migrate

PRACTICES: tuple[Practice, ...] = load_practices()  # data/practices.toml (or VERHALEN_PRACTICES)


@dataclass(frozen=True)
class StoryProgress:
    story_id: str
    decided: int
    total: int


class Project:
    """The database of one project (migrated on open), its settings and its codebook."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        engine = connect(settings.database_url)
        migrate(engine)
        self.repo = Repository(engine)

    @functools.cached_property
    def file_codebook(self) -> Codebook:
        return load_codebook(self.settings.codebook_path)

    def sync_codebook(self) -> bool:
        """Store codebook/*.yaml as the active version when its version is new to this project.

        Inductive codes of the previously active version are carried over. Returns True when it stored one.
        """
        file_book = self.file_codebook
        if file_book.version in self.repo.codebook_versions():
            return False
        previous = self.repo.active_codebook()
        known = {c.id for c in file_book.codes}
        carried = tuple(c for c in (previous.codes if previous else ()) if c.inductive and c.id not in known)
        self.repo.save_codebook(replace(file_book, codes=file_book.codes + carried))
        return True

    def codebook(self) -> Codebook:
        """The active codebook version from the database (codebook/*.yaml is stored on first use)."""
        stored = self.repo.active_codebook()
        if stored is None:
            self.sync_codebook()
            stored = self.repo.active_codebook()
            assert stored is not None
        return replace(stored, none_examples=self.file_codebook.none_examples)

    def add_inductive_code(self, code_id: str, name: str, coder: str, parent: str | None = None) -> Code:
        book = self.codebook()
        code_id = code_id.strip().lower().replace(" ", "-")
        if not code_id or any(c.id == code_id for c in book.codes):
            raise ValidationError("code_exists_or_empty", code=code_id)
        code = limits.code(
            Code(id=code_id, name=name.strip() or code_id, parent=parent, inductive=True, colour="#999999")
        )
        self.repo.add_code(book.version, code, coder)
        return code

    def ensure_practices(self, practices: Sequence[Practice] = PRACTICES) -> None:
        for practice in practices:
            self.repo.ensure_practice(practice)

    def add_practice(self, name: str) -> Practice:
        name = name.strip()
        if not name:
            raise ValidationError("practice_name_missing")
        practice_id = "".join(ch for ch in name.lower().replace(" ", "-") if ch.isalnum() or ch == "-")[:60]
        practice = limits.practice(Practice(practice_id or "praktijk", name))
        self.repo.ensure_practice(practice)
        return practice

    def progress(self, coder: str | None = None) -> list[StoryProgress]:
        counts = self.repo.progress(coder)
        return [StoryProgress(sid, d, t) for sid, (d, t) in sorted(counts.items())]
