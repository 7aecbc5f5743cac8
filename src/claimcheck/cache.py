"""Per-article result cache, keyed by everything the result depends on; corrupt entries are rebuilt, never trusted."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from spacy import util as spacy_util

from claimcheck import __version__
from claimcheck import values as V
from claimcheck.assertions import Check, Judgement
from claimcheck.claims import Claim, Values
from claimcheck.errors import OutputError
from claimcheck.files import write_atomic
from claimcheck.reference import Reference

CACHE_FORMAT = 1


def model_identity(model: str) -> str:
    """The model's name and installed version, found without loading it."""
    if spacy_util.is_package(model):
        return f"{model}-{spacy_util.get_package_version(model)}"
    meta = Path(model) / "meta.json"
    if meta.is_file():
        return f"{Path(model).name}-{hashlib.sha256(meta.read_bytes()).hexdigest()[:12]}"
    return model


@cache
def code_fingerprint() -> str:
    """A hash of claimcheck's own code and vocabulary tables, so a changed rule never serves an old result."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.toml")]):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def cache_key(document_sha256: str, path: str, reference_sha256: str, model: str, as_of: dt.date) -> str:
    """The key of one article's result: its content, its file name (claim ids use it), the reference, the model,
    claimcheck's version and the date ongoing missions are measured to."""
    parts = [str(CACHE_FORMAT), document_sha256, PurePath(path.replace("\\", "/")).name, reference_sha256,
             model_identity(model), code_fingerprint(), as_of.isoformat()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def claim_to_json(claim: Claim) -> dict[str, Any]:
    """A claim as plain JSON data."""
    return asdict(claim)


def claim_from_json(data: dict[str, Any]) -> Claim:
    """Rebuild a claim from claim_to_json's output."""
    v = dict(data["values"])
    v["dates"] = tuple(V.DateValue(**d) for d in v["dates"])
    v["durations"] = tuple(V.Duration(**d) for d in v["durations"])
    v["quantities"] = tuple(V.Quantity(**q) for q in v["quantities"])
    for key, value in v.items():
        if isinstance(value, list):
            v[key] = tuple(tuple(x) if isinstance(x, list) else x for x in value)
    fields = {k: tuple(val) if isinstance(val, list) else val for k, val in data.items() if k != "values"}
    return Claim(**fields, values=Values(**v))


def judgement_to_json(judgement: Judgement) -> dict[str, Any]:
    """A verdict as plain JSON data, facts by id."""
    return {
        "verdict": judgement.verdict, "explanation": judgement.explanation,
        "checks": [{"aspect": c.aspect, "status": c.status, "message": c.message, "facts": [f.id for f in c.facts],
                    "role": c.role, "value": c.value, "subject": list(c.subject),
                    "at": list(c.at) if c.at else None}
                   for c in judgement.checks],
        "facts": [f.id for f in judgement.facts],
    }


def judgement_from_json(data: dict[str, Any], ref: Reference) -> Judgement:
    """Rebuild a verdict, looking its facts up in the reference (the key guarantees they exist)."""
    checks = [Check(c["aspect"], c["status"], c["message"], tuple(ref.facts[f] for f in c["facts"]), c["role"],
                    c["value"], tuple(c["subject"]), tuple(c["at"]) if c["at"] else None)
              for c in data["checks"]]
    return Judgement(data["verdict"], data["explanation"], checks, [ref.facts[f] for f in data["facts"]])


class ResultCache:
    """A directory of JSON entries, one per article result, each carrying a checksum of its payload."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0
        self.unwritable = False

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, ref: Reference) -> list[tuple[Claim, Judgement]] | None:
        """The cached result, or None when absent, partial or corrupt (a bad entry is removed)."""
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            payload = entry["payload"]
            if entry["format"] != CACHE_FORMAT or entry["key"] != key or entry["checksum"] != _checksum(payload):
                raise ValueError("stale or corrupt entry")
            result = [(claim_from_json(c), judgement_from_json(j, ref)) for c, j in payload]
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: list[tuple[Claim, Judgement]]) -> None:
        """Store a result atomically."""
        payload = [[claim_to_json(c), judgement_to_json(j)] for c, j in result]
        entry = {"format": CACHE_FORMAT, "key": key, "checksum": _checksum(payload), "payload": payload}
        try:
            write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        except OutputError:
            self.unwritable = True  # a cache that cannot be written only costs time


def _checksum(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
