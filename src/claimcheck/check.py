"""`claimcheck check`: compare freshly extracted claims with the ledger and the reference, as lint findings."""

from __future__ import annotations

import datetime as dt
import fnmatch
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from claimcheck.config import SEVERITY_RANK, Config, Severity
from claimcheck.errors import ConfigError, GitError
from claimcheck.ledger import Ledger, LedgerClaim, ledger_path, load_ledger
from claimcheck.pipeline import Analysis, ClaimResult

Baseline = Literal["new", "unchanged", "updated", "absent"]


@dataclass(frozen=True)
class Rule:
    """A check with a stable id, a default severity and what it means."""

    id: str
    severity: Severity
    summary: str
    help: str


RULES = {r.id: r for r in [
    Rule("contradicted", "error", "A reference fact contradicts the claim.",
         "Correct the article, or accept the claim in the ledger (review.status = \"accepted\") with a note."),
    Rule("not-in-ledger", "error", "The claim is new or changed and is not in the ledger.",
         "Run `claimcheck extract` and commit the ledger."),
    Rule("removed-from-article", "error", "A claim in the ledger is no longer in the article.",
         "Run `claimcheck extract` and commit the ledger."),
    Rule("disputed", "error", "A reviewer disputed the claim.",
         "Correct the article, or change the review once the claim is settled."),
    Rule("missing-fact", "error", "The ledger cites a reference fact that no longer exists.",
         "Run `claimcheck extract` to re-check the claim against the current reference data."),
    Rule("needs-review", "warning", "An unverified or evaluative claim has not been reviewed.",
         "Check it against a source and set review.status (verified, disputed or accepted) with a note."),
    Rule("review-expired", "warning", "The claim's review has expired.", "Review the claim again."),
    Rule("disagreement", "warning", "Articles disagree about the same subject.",
         "Check the reference data and make the articles consistent."),
    Rule("orphaned-review", "info", "A review is kept for a claim that is no longer in the article.",
         "Move the review to the new claim or delete it from orphaned_reviews."),
    Rule("ledger-without-article", "warning", "A ledger file has no article.",
         "Delete the ledger file if the article is gone for good."),
]}
STALE_RULES = frozenset({"not-in-ledger", "removed-from-article"})


@dataclass(frozen=True)
class Finding:
    """One result, flat like a lint alert: where, which rule, how severe, which claim, what to do."""

    path: str
    line: int
    column: int
    start: int
    end: int
    rule: str
    severity: Severity
    claim_id: str | None
    message: str
    link: str | None = None
    baseline: Baseline = "unchanged"
    suppressed: str | None = None


@dataclass
class CheckResult:
    """All findings in order, and whether the ledger is out of date."""

    findings: list[Finding] = field(default_factory=list)
    stale: bool = False
    checked: list[str] = field(default_factory=list)

    def failing(self, fail_on: Severity) -> list[Finding]:
        """Findings at or above the failing severity, not suppressed."""
        floor = SEVERITY_RANK[fail_on]
        return [f for f in self.findings if f.suppressed is None and SEVERITY_RANK[f.severity] >= floor]


def _finding(rule: str, path: str, claim: ClaimResult | LedgerClaim, message: str, config: Config,
             baseline: Baseline = "unchanged", link: str | None = None, suppressed: str | None = None) -> Finding:
    if isinstance(claim, ClaimResult):
        line, column, start, end, cid = claim.line, claim.column, claim.claim.start, claim.claim.end, claim.claim.id
    else:
        line, column, start, end, cid = claim.line, claim.column, claim.start, claim.end, claim.id
    return Finding(path, line, column, start, end, rule, _severity(rule, config), cid, message, link, baseline,
                   suppressed)


def _severity(rule: str, config: Config) -> str:
    """The rule's severity as configured in [tool.claimcheck] severity, else its default ('off' disables it)."""
    return config.severity.get(rule, RULES[rule].severity)


def _enabled(rule: str, path: str, config: Config) -> bool:
    if _severity(rule, config) == "off":
        return False
    return not any(fnmatch.fnmatch(path, glob) and rule in rules for glob, rules in config.ignore.items())


def check_document(result_path: str, claims: list[ClaimResult], ledger: Ledger | None, known_facts: set[str],
                   config: Config, today: dt.date) -> tuple[list[Finding], bool]:
    """Findings for one article against its ledger; and whether the ledger is out of date."""
    recorded = ledger.by_id() if ledger else {}
    out: list[Finding] = []
    for c in claims:
        entry = recorded.get(c.claim.id)
        verdict, link = c.judgement.verdict, next((e["source"] for e in c.judgement.evidence()), None)
        if entry is None:
            out.append(_finding("not-in-ledger", result_path, c, f"new or changed {c.claim.kind} claim "
                                f"({verdict}) is not in the ledger: run `claimcheck extract`", config, "new", link))
            if verdict == "contradicted":
                out.append(_finding("contradicted", result_path, c, c.judgement.explanation, config, "new", link))
            continue
        review = entry.review
        baseline: Baseline = "updated" if entry.verdict != verdict else "unchanged"
        if verdict == "contradicted":
            accepted = f"accepted: {review.note}" if review.status == "accepted" else None
            out.append(_finding("contradicted", result_path, c, c.judgement.explanation, config, baseline, link,
                                accepted))
        if review.status == "disputed":
            out.append(_finding("disputed", result_path, c, f"disputed by {review.reviewer or 'a reviewer'}: "
                                f"{review.note or 'no note'}", config, baseline, review.source))
        if verdict in ("unverified", "evaluative") and review.status == "unreviewed":
            out.append(_finding("needs-review", result_path, c, f"{verdict} {c.claim.kind} claim needs review: "
                                f"{c.judgement.explanation}", config, baseline, link))
        if review.expires is not None and review.expires < today:
            out.append(_finding("review-expired", result_path, c, f"review expired on {review.expires}",
                                config, baseline))
        for gone in sorted({e.fact for e in entry.evidence} - known_facts):
            out.append(_finding("missing-fact", result_path, c, f"the ledger cites reference fact '{gone}', which no "
                                f"longer exists: run `claimcheck extract`", config, baseline))
    current = {c.claim.id for c in claims}
    for entry in (ledger.claims if ledger else []):
        if entry.id not in current:
            out.append(_finding("removed-from-article", result_path, entry, f"claim is in the ledger but no longer "
                                f"in the article: “{entry.text[:80]}”: run `claimcheck extract`", config, "absent"))
    for orphan in (ledger.orphaned_reviews if ledger else []):
        out.append(Finding(result_path, 1, 1, 0, 0, "orphaned-review", _severity("orphaned-review", config),
                           orphan.id, f"review ({orphan.review.status}) kept for a claim no longer in the article: "
                                      f"“{orphan.text[:80]}”"))
    kept = [f for f in out if _enabled(f.rule, result_path, config)]
    return kept, any(f.rule in STALE_RULES for f in out)


def check(analysis: Analysis, root: Path, config: Config, today: dt.date,
          claims_dir: Path | None = None) -> CheckResult:
    """Findings for every article of an analysis, ordered by path and position, with disagreements."""
    result = CheckResult()
    claims_dir = claims_dir or root / config.claims
    known = set(analysis.reference.facts)
    shown = {doc.document.path: relative_to_root(doc.document.path, root) for doc in analysis.documents}
    for doc in analysis.documents:
        path = shown[doc.document.path]
        ledger = load_ledger(ledger_path(claims_dir, path))
        findings, stale = check_document(path, doc.claims, ledger, known, config, today)
        result.findings += findings
        result.stale |= stale
        result.checked.append(path)
    lookup = {c.claim.id: c for d in analysis.documents for c in d.claims}
    for g in analysis.disagreements:
        for given, claim_id in g.claims:
            path = shown[given]
            if _enabled("disagreement", path, config):
                others = ", ".join(sorted({shown[p] for p, _ in g.claims if p != given}))
                result.findings.append(_finding("disagreement", path, lookup[claim_id], f"{g.explanation} "
                                                f"(see {others})", config))
    result.findings.sort(key=lambda f: (f.path, f.start, f.end, f.rule, f.claim_id or ""))
    return result


def ledgers_without_article(claims_dir: Path, checked: list[str], config: Config) -> list[Finding]:
    """Ledger files whose article is gone: their reviews are kept, and reported so a person decides."""
    if not claims_dir.is_dir():
        return []
    wanted = {ledger_path(claims_dir, p).resolve() for p in checked}
    out = []
    for path in sorted(claims_dir.rglob("*.json")):
        if path.resolve() not in wanted:
            shown = path.relative_to(claims_dir.parent).as_posix() if claims_dir.parent in path.parents else str(path)
            if _enabled("ledger-without-article", shown, config):
                out.append(Finding(shown, 1, 1, 0, 0, "ledger-without-article",
                                   _severity("ledger-without-article", config), None,
                                   "no article for this ledger: delete it if the article is gone for good"))
    return out


def validate_rule_ids(config: Config) -> None:
    """Rule ids named in [tool.claimcheck] severity and ignore must exist."""
    named = set(config.severity) | {r for rules in config.ignore.values() for r in rules}
    unknown = sorted(named - set(RULES))
    if unknown:
        raise ConfigError(f"[tool.claimcheck]: unknown rule id(s) {', '.join(unknown)}; known rules: "
                          f"{', '.join(RULES)}")


def relative_to_root(path: str, root: Path) -> str:
    """An article path relative to the project root, in POSIX form (as ledgers and SARIF name it)."""
    p = Path(path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def only_paths(result: CheckResult, paths: set[str]) -> CheckResult:
    """The result restricted to some articles."""
    return CheckResult([f for f in result.findings if f.path in paths],
                       any(f.rule in STALE_RULES for f in result.findings if f.path in paths),
                       [p for p in result.checked if p in paths])


# --- git -------------------------------------------------------------------------------------------------

def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed; --changed-only needs git") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _require_repository(root: Path) -> None:
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except GitError:
        raise GitError(f"{root} is not in a git repository; --changed-only needs git history (run in a clone, "
                       f"or drop --changed-only)") from None


def default_since(root: Path) -> str:
    """The merge base of HEAD with the default branch (origin/HEAD, origin/main, main, master)."""
    _require_repository(root)
    for branch in ("origin/HEAD", "origin/main", "origin/master", "main", "master"):
        try:
            _git(root, "rev-parse", "--verify", "--quiet", branch)
        except GitError:
            continue
        try:
            return _git(root, "merge-base", "HEAD", branch).strip()
        except GitError:
            raise GitError(f"no merge base of HEAD and {branch}: the history is missing (a shallow clone?). "
                           f"Fetch more history (actions/checkout with fetch-depth: 0) or pass --since REV") from None
    raise GitError("no default branch found (origin/HEAD, origin/main, main, master); pass --since REV")


def changed_files(root: Path, since: str) -> set[str]:
    """Files changed since a revision, including uncommitted and untracked ones, relative to the root."""
    _require_repository(root)
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision '{since}': the history may be missing (a shallow clone?). Fetch it "
                       f"(fetch-depth: 0) or pass another --since") from None
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    # -z: names are NUL-separated and never quoted, so non-ASCII file names come through as they are.
    names = _git(root, "diff", "--name-only", "-z", since, "--").split("\0")
    names += _git(root, "ls-files", "-z", "--others", "--exclude-standard", "--full-name").split("\0")
    out = set()
    for name in filter(None, names):
        try:
            out.add((top / name).resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            continue
    return out
