"""Project configuration: [tool.claimcheck] in pyproject.toml, validated strictly, overridable on the command line."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimcheck.errors import ConfigError
from claimcheck.nlp import DEFAULT_MODEL

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Author(BaseModel):
    """Who publishes ClaimReview exports."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "claimcheck"
    url: str | None = None


class Config(BaseModel):
    """Settings for `claimcheck check` and `claimcheck extract`; paths are relative to the project root."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    articles: list[str] = Field(default=["articles/**/*.txt", "articles/**/*.md"],
                                description="Glob patterns of the articles to check.")
    reference: str = "reference"
    claims: str = "claims"
    model: str = DEFAULT_MODEL
    fail_on: Severity = Field(default="error", alias="fail-on")
    severity: dict[str, Severity | Literal["off"]] = Field(default_factory=dict,
                                                           description="Severity per rule id, or 'off'.")
    ignore: dict[str, list[str]] = Field(default_factory=dict,
                                         description="Rule ids to ignore, per article path glob.")
    cache_dir: str = Field(default=".claimcheck-cache", alias="cache-dir")
    claimreview_author: Author = Field(default_factory=lambda: Author(), alias="claimreview-author")


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest directory with a pyproject.toml or a reference/ of TOML files, else the
    working directory."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() or any((folder / "reference").glob("*.toml")):
            return folder
    return here


def load_config(root: Path) -> Config:
    """Read [tool.claimcheck] from root/pyproject.toml; a missing file or table gives the defaults."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    section = data.get("tool", {}).get("claimcheck", {})
    try:
        return Config.model_validate(section)
    except ValidationError as exc:
        problems = "; ".join(f"[tool.claimcheck] {'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        raise ConfigError(f"{path}: {problems}. Known keys: {', '.join(_keys())}") from None


def _keys() -> list[str]:
    return [f.alias or name for name, f in Config.model_fields.items()]
