"""Load the TOML vocabulary tables shipped in claimcheck/data once, compiled for use."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def table(name: str) -> dict[str, Any]:
    """The parsed contents of data/<name>.toml."""
    return tomllib.loads(resources.files("claimcheck.data").joinpath(f"{name}.toml").read_text(encoding="utf-8"))


def compile_any(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regular expression that matches when any of the patterns does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def phrase_alternation(phrases: list[str]) -> str:
    """A regex alternation of literal phrases, longest first; a space also matches hyphens and runs of space."""
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"[\s\-]+") for p in ordered) + ")"


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """A case-insensitive pattern for literal phrases that match only on word boundaries."""
    return re.compile(rf"(?<![\w-]){phrase_alternation(phrases)}(?![\w-])", re.IGNORECASE)
