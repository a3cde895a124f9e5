"""Settings from the environment (and an optional ``verhalen.toml``), resolved once per call site."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from verhalen.domain import Practice, ValidationError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / "var"
DEFAULT_CODEBOOK = PROJECT_ROOT / "codebook" / "werkfactoren.yaml"
DEMO_DIR = PROJECT_ROOT / "data" / "demo"
DEFAULT_PRACTICES = PROJECT_ROOT / "data" / "practices.toml"


def load_practices(path: Path | None = None) -> tuple[Practice, ...]:
    """The deployment's practices from a TOML file (``[[practice]]`` with ``id`` and ``name``):
    ``path``, else ``VERHALEN_PRACTICES``, else data/practices.toml."""
    file = path or Path(os.environ.get("VERHALEN_PRACTICES", DEFAULT_PRACTICES))
    try:
        with file.open("rb") as handle:
            rows = tomllib.load(handle).get("practice", [])
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError("practices_unreadable", file=file.name, reason=exc) from exc
    if not isinstance(rows, list) or not all(
        isinstance(r, dict) and r.get("id") and r.get("name") for r in rows
    ):
        raise ValidationError("practices_incomplete", file=file.name)
    return tuple(Practice(str(r["id"]), str(r["name"])) for r in rows)


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    codebook_path: Path = DEFAULT_CODEBOOK
    embedder: str = "use-multilingual-v3"
    max_upload_bytes: int = 10 * 1024 * 1024
    extra_names: tuple[str, ...] = field(default_factory=tuple)
    team_mode: bool = False


def _toml_settings(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    section = data.get("verhalen", data)
    return dict(section) if isinstance(section, dict) else {}


def _megabytes(value: object) -> int:
    try:
        megabytes = float(str(value).replace(",", "."))
    except ValueError as exc:
        raise ValidationError("upload_limit_not_a_number", value=value) from exc
    if megabytes <= 0:
        raise ValidationError("upload_limit_not_positive")
    return int(megabytes * 1024 * 1024)


def load_settings(database_url: str | None = None) -> Settings:
    """Resolve settings: explicit argument > environment > verhalen.toml > defaults."""
    toml = _toml_settings(Path(os.environ.get("VERHALEN_CONFIG", PROJECT_ROOT / "verhalen.toml")))
    data_dir = Path(str(os.environ.get("VERHALEN_DATA_DIR", toml.get("data_dir", DEFAULT_DATA_DIR))))
    url = (
        database_url
        or os.environ.get("VERHALEN_DATABASE_URL")
        or str(toml.get("database_url", ""))
        or f"sqlite:///{data_dir / 'verhalen.db'}"
    )
    names_env = os.environ.get("VERHALEN_EXTRA_NAMES", "")
    names_toml = toml.get("extra_names", [])
    extra = [n.strip() for n in names_env.split(",") if n.strip()]
    if isinstance(names_toml, list):
        extra += [str(n) for n in names_toml]
    return Settings(
        database_url=url,
        data_dir=data_dir,
        codebook_path=Path(str(os.environ.get("VERHALEN_CODEBOOK", toml.get("codebook", DEFAULT_CODEBOOK)))),
        embedder=str(os.environ.get("VERHALEN_EMBEDDER", toml.get("embedder", "use-multilingual-v3"))),
        max_upload_bytes=_megabytes(os.environ.get("VERHALEN_MAX_UPLOAD_MB", toml.get("max_upload_mb", 10))),
        extra_names=tuple(extra),
        team_mode=str(
            os.environ.get("VERHALEN_TEAM", os.environ.get("VERHALEN_TEAM_MODE", toml.get("team_mode", "")))
        ).lower()
        in {"1", "true", "ja"},
    )
