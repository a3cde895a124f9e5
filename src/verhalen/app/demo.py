"""Build the demo project from data/demo: stories, the codebook, demo codings, embeddings, suggestions."""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

from verhalen.app.workbench import PRACTICES, Workbench
from verhalen.config import DEMO_DIR
from verhalen.domain import Coding, Fragment, Story, VerhalenError

DEMO_MARKER = "demo_built"


@dataclass(frozen=True)
class DemoReport:
    stories: int
    fragments: int
    codings: int
    seconds: float


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def demo_stories(demo_dir: Path = DEMO_DIR) -> list[Story]:
    stories = []
    for row in _read_csv(demo_dir / "stories.csv"):
        text = (demo_dir / row["file"]).read_text(encoding="utf-8").strip() + "\n"
        stories.append(
            Story(
                id=row["story_id"],
                practice=row["practice"],
                role=row["role"],
                text=text,
                date=row.get("date") or None,
                interviewer=row.get("interviewer") or None,
                source_name=row["file"],
            )
        )
    return stories


def _fragment_for(fragments: list[Fragment], quote: str) -> Fragment:
    for fragment in fragments:
        if quote in fragment.text:
            return fragment
    raise VerhalenError(f"Demo-citaat niet gevonden in een fragment: {quote!r}")


def demo_codings(bench: Workbench, demo_dir: Path = DEMO_DIR) -> list[Coding]:
    by_story: dict[str, list[Fragment]] = {}
    codings = []
    for row in _read_csv(demo_dir / "codings.csv"):
        fragments = by_story.setdefault(row["story_id"], bench.repo.fragments(row["story_id"]))
        fragment = _fragment_for(fragments, row["quote"])
        codings.append(Coding(fragment.id, row["code"], row["coder"], row["status"]))  # type: ignore[arg-type]
    return codings


def is_built(bench: Workbench) -> bool:
    return bench.repo.get_setting(DEMO_MARKER) is not None


def build_demo(bench: Workbench, reset: bool = False, demo_dir: Path = DEMO_DIR) -> DemoReport:
    """Fill the project with the demo corpus. Without ``reset`` an existing demo is left alone."""
    started = time.perf_counter()
    if reset:
        bench.repo.reset()
        bench.reset_cache()
    if not is_built(bench):
        bench.codebook()
        bench.ensure_practices(PRACTICES)
        for story in demo_stories(demo_dir):
            if not bench.repo.has_story(story.id):
                bench.repo.add_story(story, _segment(story), {"coder": "demo", "source": story.source_name})
        # Suggest first, then decide: decided fragments keep the suggestion made before the decision,
        # so model-versus-coder agreement is not measured on the model's own training data.
        bench.reset_cache()
        bench.index()
        for coding in demo_codings(bench, demo_dir):
            bench.repo.decide(coding)
        bench.refresh_after_decision()
        bench.repo.set_setting(DEMO_MARKER, time.strftime("%Y-%m-%dT%H:%M:%S"))
    counts = bench.stats()
    return DemoReport(
        counts["stories"], counts["fragments"], counts["codings"], time.perf_counter() - started
    )


def _segment(story: Story) -> list[Fragment]:
    from verhalen.ingest.segment import segment

    return segment(story.id, story.text)
