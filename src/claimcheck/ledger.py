"""The claims ledger: one reviewed JSON file per article in claims/, merged on every extract without losing reviews."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimcheck.errors import LedgerError
from claimcheck.files import write_atomic
from claimcheck.pipeline import ClaimResult, DocumentResult

LEDGER_VERSION = 1
ReviewStatus = Literal["unreviewed", "verified", "disputed", "accepted"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Review(_Strict):
    """What a person decided about a claim; claimcheck never changes it."""

    status: ReviewStatus = "unreviewed"
    note: str = ""
    source: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    reviewer: str | None = None
    date: dt.date | None = None
    expires: dt.date | None = None

    def is_default(self) -> bool:
        """Whether nobody has written anything in this review yet."""
        return self == Review()


class Evidence(_Strict):
    """A reference fact and one of its sources."""

    fact: str
    source: str


class LedgerClaim(_Strict):
    """One claim as recorded at the last extract, with its review."""

    id: str
    text: str
    start: int
    end: int
    line: int
    column: int
    kind: str
    subjects: list[str]
    verdict: Literal["supported", "contradicted", "unverified", "evaluative"]
    evidence: list[Evidence] = []
    explanation: str = ""
    review: Review = Field(default_factory=Review)


class Orphan(_Strict):
    """A review whose claim no longer exists in the article: kept, never dropped, until a person removes it."""

    id: str
    text: str
    review: Review
    orphaned: dt.date


class Ledger(_Strict):
    """The ledger file of one article."""

    schema_version: Literal[1] = LEDGER_VERSION
    article: str
    sha256: str
    reference_sha256: str
    claims: list[LedgerClaim]
    orphaned_reviews: list[Orphan] = []

    def by_id(self) -> dict[str, LedgerClaim]:
        """Claims by id."""
        return {c.id: c for c in self.claims}


@dataclass
class MergeReport:
    """What an extract changed in one ledger."""

    path: Path
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[LedgerClaim] = field(default_factory=list)
    orphaned: list[Orphan] = field(default_factory=list)
    written: bool = False


def ledger_path(claims_dir: Path, article: str) -> Path:
    """Where an article's ledger lives: 'articles/x.txt' -> 'claims/articles/x.txt.json'."""
    parts = [p for p in PurePath(article.replace("\\", "/")).parts if p not in ("", ".", "/")]
    return claims_dir.joinpath(*parts[:-1], parts[-1] + ".json")


def load_ledger(path: Path) -> Ledger | None:
    """Read and validate a ledger file; None when it does not exist."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{path}: cannot read: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LedgerError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}; fix the file or restore it "
                          f"from version control") from None
    try:
        return Ledger.model_validate(data)
    except ValidationError as exc:
        raise LedgerError(f"{path}: " + "; ".join(_describe(data, e) for e in exc.errors())) from None


def _describe(data: object, error: dict) -> str:
    loc = error["loc"]
    where = []
    if len(loc) >= 2 and loc[0] in ("claims", "orphaned_reviews") and isinstance(loc[1], int):
        items = data.get(loc[0], []) if isinstance(data, dict) else []
        item = items[loc[1]] if loc[1] < len(items) else {}
        where.append(f"claim {item.get('id', '#' + str(loc[1]))}" if isinstance(item, dict) else f"#{loc[1]}")
        loc = loc[2:]
    where.append("field " + ".".join(str(p) for p in loc) if loc else "file")
    return f"{', '.join(where)}: {error['msg']}"


def ledger_claim(result: ClaimResult, review: Review) -> LedgerClaim:
    """A ledger entry for a claim as just extracted, carrying a review."""
    c, j = result.claim, result.judgement
    return LedgerClaim(id=c.id, text=c.text, start=c.start, end=c.end, line=result.line, column=result.column,
                       kind=c.kind, subjects=list(c.subjects), verdict=j.verdict,
                       evidence=[Evidence(**e) for e in j.evidence()], explanation=j.explanation, review=review)


def merge(old: Ledger | None, result: DocumentResult, article: str, reference_sha256: str,
          today: dt.date) -> tuple[Ledger, MergeReport]:
    """The new ledger for an article: every claim as extracted now, reviews kept by claim id; reviews of claims
    that are gone become orphans."""
    previous = {c.id: c.review for c in old.claims} if old else {}
    # A claim that comes back (an edit undone) gets its orphaned review back.
    restored = {o.id: o.review for o in (old.orphaned_reviews if old else []) if o.id not in previous}
    report = MergeReport(Path())
    claims = []
    for r in result.claims:
        review = previous.get(r.claim.id) or restored.get(r.claim.id)
        claims.append(ledger_claim(r, review or Review()))
        (report.kept if r.claim.id in previous else report.added).append(r.claim.id)
    current = {r.claim.id for r in result.claims}
    orphans = [o for o in (old.orphaned_reviews if old else []) if o.id not in current]
    for gone in (c for c in (old.claims if old else []) if c.id not in current):
        report.removed.append(gone)
        if not gone.review.is_default():
            orphan = Orphan(id=gone.id, text=gone.text, review=gone.review, orphaned=today)
            orphans.append(orphan)
            report.orphaned.append(orphan)
    ledger = Ledger(article=article, sha256=result.document.sha256, reference_sha256=reference_sha256,
                    claims=claims, orphaned_reviews=orphans)
    return ledger, report


def render_ledger(ledger: Ledger) -> str:
    """The ledger as diff-friendly JSON: fixed key order, one claim per record, two-space indent."""
    return json.dumps(ledger.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def write_ledger(path: Path, ledger: Ledger) -> bool:
    """Write the ledger atomically if its content changed; whether it was written."""
    text = render_ledger(ledger)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True
