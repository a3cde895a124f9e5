"""Import use case: read files, check them for identifiers, pseudonymise or keep with a reason, store.

Shared by the CLI (`verhalen import`, `verhalen scan`) and the Verhalen page. A story is stored whole
or not at all; in a batch the good files go in and the report lists the bad ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from verhalen import ingest, privacy
from verhalen.config import Settings
from verhalen.domain import IngestError, Story, VerhalenError
from verhalen.services import PRACTICES, Workbench

ALLOW = ("Huiskamer", "Beijum", "Hoogeveen", "Veendam", "WIJ", "VVE", "Groningen")


@dataclass(frozen=True)
class ImportOptions:
    practice: str
    role: str
    pseudonymise: bool = False
    accept_identifiers: bool = False
    coder: str = ""


@dataclass(frozen=True)
class Candidate:
    """A story read from a file and scanned, not yet stored."""

    name: str
    story: Story
    hits: tuple[privacy.Hit, ...]


@dataclass
class ImportReport:
    stored: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def lines(self) -> list[str]:
        out = [f"opgeslagen: {name} ({n} fragmenten)" for name, n in self.stored]
        return out + [f"niet opgeslagen: {name}: {why}" for name, why in self.failed]


def allow_list(bench_or_settings: Workbench | Settings | None = None) -> tuple[str, ...]:
    names = [p.name for p in PRACTICES]
    if isinstance(bench_or_settings, Workbench):
        names += [p.name for p in bench_or_settings.repo.practices()]
    words = {w for name in names for w in name.replace("(", " ").replace(")", " ").split() if w[:1].isupper()}
    return tuple(sorted(set(ALLOW) | words))


def read_candidate(
    name: str, data: bytes, options: ImportOptions, settings: Settings, **story: Any
) -> Candidate:
    """Read one file into a story and scan it; raises IngestError with a Dutch message."""
    parsed = ingest.story_from_file(
        name, data, practice=options.practice, role=options.role, max_bytes=settings.max_upload_bytes, **story
    )
    return scan_story(name, parsed, settings)


def scan_story(name: str, story: Story, settings: Settings) -> Candidate:
    hits = privacy.scan(story.text, extra_names=settings.extra_names, allow=allow_list(settings))
    return Candidate(name, story, tuple(hits))


def finalise(candidate: Candidate, keep: Mapping[int, str]) -> tuple[Story, dict[str, Any]]:
    """Pseudonymise every hit not kept; ``keep`` maps hit index to the researcher's reason."""
    missing = [i for i, reason in keep.items() if not reason.strip()]
    if missing:
        raise VerhalenError(f"{candidate.name}: geef een reden voor elk behouden gegeven.")
    text, replacements = privacy.pseudonymise(candidate.story.text, candidate.hits, keep=set(keep))
    payload = {
        "hits": len(candidate.hits),
        "pseudonymised": [{"label": r.label, "placeholder": r.placeholder} for r in replacements],
        "kept": [
            {"label": candidate.hits[i].label, "text": candidate.hits[i].text, "reason": reason}
            for i, reason in sorted(keep.items())
        ],
    }
    return replace(candidate.story, text=text), payload


def store(bench: Workbench, candidate: Candidate, keep: Mapping[int, str], coder: str) -> int:
    story, payload = finalise(candidate, keep)
    return bench.import_story(story, coder=coder, privacy=payload)


def _decide_hits(candidate: Candidate, options: ImportOptions) -> dict[int, str]:
    if not candidate.hits or options.pseudonymise:
        return {}
    if options.accept_identifiers:
        return {i: "geaccepteerd met --accept-identifiers" for i in range(len(candidate.hits))}
    labels = ", ".join(sorted({h.label for h in candidate.hits}))
    raise IngestError(
        f"{len(candidate.hits)} mogelijk herleidbare gegevens ({labels}); controleer met 'verhalen scan' en "
        "kies --pseudonymise of --accept-identifiers."
    )


def import_paths(bench: Workbench, paths: Sequence[Path], options: ImportOptions) -> ImportReport:
    report = ImportReport()
    known = {p.id for p in bench.repo.practices()}
    if options.practice not in known:
        raise VerhalenError(f"Onbekende praktijk '{options.practice}'; bekend: {', '.join(sorted(known))}.")
    for path in paths:
        try:
            candidate = read_candidate(path.name, _read_bytes(path), options, bench.settings)
            keep = _decide_hits(candidate, options)
            report.stored.append((path.name, store(bench, candidate, keep, options.coder)))
        except VerhalenError as exc:
            report.failed.append((path.name, str(exc)))
    return report


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path.name} kan niet gelezen worden: {exc.strerror}") from exc


def scan_files(paths: Sequence[Path], settings: Settings) -> Iterator[dict[str, Any]]:
    """One dict per hit: {"file", "text", "label", "start", "end"}; unreadable files raise IngestError."""
    for path in paths:
        text = ingest.read_text_file(path.name, _read_bytes(path), settings.max_upload_bytes)
        for hit in privacy.scan(text, extra_names=settings.extra_names, allow=allow_list(settings)):
            yield {
                "file": str(path),
                "text": hit.text,
                "label": hit.label,
                "start": hit.start,
                "end": hit.end,
            }


def dumps_hits(candidate: Candidate) -> str:
    return json.dumps([h.__dict__ for h in candidate.hits], ensure_ascii=False)
