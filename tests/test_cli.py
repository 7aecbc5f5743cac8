"""The command line through click's CliRunner: report formats, the JSON schema, determinism and error paths."""

from __future__ import annotations

import hashlib
import json
import shutil
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from claimcheck import reference as refdata
from claimcheck.cli import Exit, cli
from claimcheck.report import shown_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"
NAMES = sorted(p.name for p in ARTICLES.iterdir())
REFERENCE = ROOT / "reference"
BASE = ["--reference", str(REFERENCE), "--as-of", "2026-11-21"]
VERDICTS = {"supported", "contradicted", "unverified", "evaluative"}

# The report schema documented in the issue; the report may add keys but must keep these.
TOP_KEYS = {"schema_version", "reference", "documents", "disagreements", "summary"}
DOCUMENT_KEYS = {"path", "sha256", "title", "ai_disclosure", "claims"}
CLAIM_KEYS = {"id", "text", "start", "end", "line", "column", "kind", "subjects", "attribution", "verdict",
              "evidence", "explanation"}
DISAGREEMENT_KEYS = {"id", "subject", "aspect", "claims", "explanation"}


def run(*args: str) -> Result:
    """Invoke the CLI in this process, so the spaCy pipeline stays cached."""
    return CliRunner().invoke(cli, list(args))


def report(*args: str) -> str:
    """The report printed for args; the run must succeed."""
    result = run("report", *args, *BASE)
    assert result.exit_code == Exit.OK, result.output
    return result.stdout


@pytest.fixture(scope="module")
def json_text() -> str:
    """The JSON report on the fixture articles."""
    return report(str(ARTICLES), "--format", "json")


@pytest.fixture(scope="module")
def data(json_text: str) -> dict[str, Any]:
    """The parsed JSON report."""
    return json.loads(json_text)


def document(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The report's entry for one fixture article."""
    return next(d for d in data["documents"] if d["path"] == str(ARTICLES / name))


# --- JSON report ----------------------------------------------------------------------------------------

def test_json_top_level(data: dict[str, Any]) -> None:
    """The JSON report has schema_version 1, the reference path and digest, and the documented keys."""
    assert data["schema_version"] == 1
    assert set(data) >= TOP_KEYS
    assert data["reference"]["path"] == shown_path(REFERENCE)
    assert data["reference"]["sha256"] == refdata.digest_dir(REFERENCE)
    assert [d["path"] for d in data["documents"]] == [str(ARTICLES / n) for n in NAMES]


@pytest.mark.parametrize("name", NAMES)
def test_json_document(data: dict[str, Any], name: str) -> None:
    """Each document has the documented keys, its text's digest and its AI disclosure at exact offsets."""
    doc = document(data, name)
    article = (ARTICLES / name).read_text(encoding="utf-8")
    assert set(doc) >= DOCUMENT_KEYS
    assert doc["sha256"] == hashlib.sha256(article.encode("utf-8")).hexdigest()
    assert doc["title"] is None or doc["title"] in article
    disclosure = doc["ai_disclosure"]
    if disclosure is not None:
        assert {"text", "start", "end"} <= set(disclosure)
        assert article[disclosure["start"]:disclosure["end"]] == disclosure["text"]


@pytest.mark.parametrize("name", NAMES)
def test_json_claims(data: dict[str, Any], name: str, project_reference: refdata.Reference) -> None:
    """Every claim quotes one block of the article exactly at its offsets, with matching line and column, in order."""
    doc = document(data, name)
    article = (ARTICLES / name).read_text(encoding="utf-8")
    assert doc["claims"], f"no claims found in {name}"
    for claim in doc["claims"]:
        assert set(claim) >= CLAIM_KEYS
        assert article[claim["start"]:claim["end"]] == claim["text"]
        assert "\n\n" not in claim["text"]
        line_start = article.rfind("\n", 0, claim["start"]) + 1
        assert claim["line"] == article.count("\n", 0, claim["start"]) + 1
        assert claim["column"] == claim["start"] - line_start + 1
        assert claim["verdict"] in VERDICTS
        assert claim["explanation"]
        assert all(s in project_reference.entities for s in claim["subjects"])
        for evidence in claim["evidence"]:
            assert set(evidence) == {"fact", "source"}
            fact = project_reference.facts[evidence["fact"]]
            assert evidence["source"] in [s.url for s in fact.sources]
    positions = [(c["start"], c["end"]) for c in doc["claims"]]
    assert positions == sorted(positions)
    assert all(a[1] <= b[0] for a, b in pairwise(positions))


def test_json_claim_ids_unique(data: dict[str, Any]) -> None:
    """Claim ids are unique across the report."""
    ids = [c["id"] for d in data["documents"] for c in d["claims"]]
    assert len(ids) == len(set(ids))


def test_json_disagreements(data: dict[str, Any]) -> None:
    """Disagreements have the documented keys and point at claims of two different articles."""
    where = {c["id"]: d["path"] for d in data["documents"] for c in d["claims"]}
    assert data["disagreements"]
    for disagreement in data["disagreements"]:
        assert set(disagreement) >= DISAGREEMENT_KEYS
        assert disagreement["explanation"]
        assert len({where[c] for c in disagreement["claims"]}) == 2
        assert all(where[c] == path for path, ids in disagreement["documents"].items() for c in ids)
        assert [c for ids in disagreement["documents"].values() for c in ids] == disagreement["claims"]


def test_json_summary(data: dict[str, Any]) -> None:
    """The summary counts agree with the documents and claims listed."""
    claims = [c for d in data["documents"] for c in d["claims"]]
    summary = data["summary"]
    assert summary["documents"] == len(data["documents"])
    assert summary["claims"] == len(claims)
    assert summary["disagreements"] == len(data["disagreements"])
    assert summary["verdicts"] == {v: sum(c["verdict"] == v for c in claims) for v in summary["verdicts"]}
    assert set(summary["verdicts"]) == VERDICTS


def test_json_byte_identical(json_text: str) -> None:
    """A second run gives the same bytes."""
    assert report(str(ARTICLES), "--format", "json") == json_text


def test_claim_ids_do_not_depend_on_directory_or_company(tmp_path: Path, data: dict[str, Any]) -> None:
    """An article checked alone from another directory gets the same claim ids as in the full run."""
    name = "operation-allied-force-kosovo.md"
    shutil.copy(ARTICLES / name, tmp_path / name)
    alone = json.loads(report(str(tmp_path / name), "--format", "json"))
    assert [c["id"] for c in alone["documents"][0]["claims"]] == [c["id"] for c in document(data, name)["claims"]]


# --- Markdown report and --output -----------------------------------------------------------------------

def test_markdown_report(data: dict[str, Any]) -> None:
    """The Markdown report names every article and lists every claim id, and is byte-identical across runs."""
    text = report(str(ARTICLES))
    assert text.startswith("# Claims report\n")
    assert "## Disagreements between articles" in text
    for doc in data["documents"]:
        assert f"`{doc['path']}`" in text
        for claim in doc["claims"]:
            assert f"`{claim['id']}`" in text
    assert report(str(ARTICLES)) == text


def test_output_file(tmp_path: Path, json_text: str) -> None:
    """--output writes the report to a new file, leaves no temporary file and says so on stderr."""
    out = tmp_path / "reports" / "claims.json"
    result = run("report", str(ARTICLES), "--format", "json", "--output", str(out), *BASE)
    assert result.exit_code == Exit.OK, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {out} (")
    assert out.read_text(encoding="utf-8") == json_text
    assert [p.name for p in out.parent.iterdir()] == ["claims.json"]


def test_output_replaces_file(tmp_path: Path) -> None:
    """--output replaces an existing file whole."""
    out = tmp_path / "claims.md"
    out.write_text("old report " * 1000, encoding="utf-8")
    name = "ocean-shield-counter-piracy.md"
    result = run("report", str(ARTICLES / name), "--output", str(out), *BASE)
    assert result.exit_code == Exit.OK, result.output
    assert out.read_text(encoding="utf-8") == report(str(ARTICLES / name))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.md"]


def test_report_uses_given_reference(tmp_path: Path) -> None:
    """--reference switches the data claims are checked against: evidence comes from the fixture reference."""
    article = tmp_path / "kfor.txt"
    article.write_text("KFOR in Kosovo\n\nThe NATO-led Kosovo Force (KFOR) deployed to Kosovo in June 1999 under "
                       "UN Security Council Resolution 1244.\n", encoding="utf-8")
    fixture = FIXTURES / "reference"
    result = run("report", str(article), "--format", "json", "--reference", str(fixture), "--as-of", "2026-11-21")
    assert result.exit_code == Exit.OK, result.output
    out = json.loads(result.stdout)
    assert out["reference"]["sha256"] == refdata.digest_dir(fixture)
    facts = {e["fact"] for c in out["documents"][0]["claims"] for e in c["evidence"]}
    assert facts
    assert facts <= set(refdata.load(fixture).facts)


# --- errors ---------------------------------------------------------------------------------------------

def test_missing_path(tmp_path: Path) -> None:
    """A path that does not exist is a usage error naming it."""
    missing = tmp_path / "nowhere.txt"
    result = run("report", str(missing), *BASE)
    assert result.exit_code == Exit.USAGE
    assert f"{missing}: no such file or directory" in result.stderr


def test_non_utf8_article(tmp_path: Path) -> None:
    """An article that is not UTF-8 is a usage error naming the file and byte, and --encoding reads it."""
    article = tmp_path / "legacy.txt"
    article.write_bytes("NATO’s air campaign began in 1999.".encode("cp1252"))
    result = run("report", str(article), *BASE)
    assert result.exit_code == Exit.USAGE
    assert f"{article}: not valid utf-8 at byte 4" in result.stderr
    assert "--encoding" in result.stderr
    result = run("report", str(article), "--encoding", "cp1252", "--format", "json", *BASE)
    assert result.exit_code == Exit.OK, result.output
    assert json.loads(result.stdout)["documents"][0]["sha256"] == hashlib.sha256(
        "NATO’s air campaign began in 1999.".encode()).hexdigest()


def test_invalid_reference(tmp_path: Path) -> None:
    """Invalid reference data is a usage error that lists each problem with file and field."""
    directory = tmp_path / "reference"
    shutil.copytree(FIXTURES / "reference", directory)
    path = directory / "kosovo.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("end = 1999-06-10", "end = 1999-01-10"),
                    encoding="utf-8")
    result = run("report", str(ARTICLES / NAMES[0]), "--reference", str(directory))
    assert result.exit_code == Exit.USAGE
    assert "1 problem(s)" in result.stderr
    assert "kosovo.toml: facts[1] (id allied-force.period): Value error, 'end' is before 'start'" in result.stderr


def test_missing_reference(tmp_path: Path) -> None:
    """A reference directory that does not exist is a usage error."""
    result = run("report", str(ARTICLES / NAMES[0]), "--reference", str(tmp_path / "nothing"))
    assert result.exit_code == Exit.USAGE
    assert "reference directory not found" in result.stderr


def test_unknown_model() -> None:
    """A spaCy pipeline that is not installed is a usage error that says how to install or choose one."""
    result = run("report", str(ARTICLES / NAMES[0]), "--model", "xx_no_such_pipeline", *BASE)
    assert result.exit_code == Exit.USAGE
    assert "'xx_no_such_pipeline' is not installed" in result.stderr
    assert "pip install" in result.stderr
    assert "--model" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["--as-of", "2026-02-30"], "'2026-02-30' is not a date; write it as YYYY-MM-DD", id="bad-as-of"),
    pytest.param(["--as-of", "yesterday"], "'yesterday' is not a date", id="word-as-of"),
    pytest.param(["--format", "pdf"], "Invalid value for '--format'", id="bad-format"),
    pytest.param(["--no-such-option"], "No such option", id="unknown-option"),
])
def test_usage_errors(args: list[str], message: str) -> None:
    """Bad option values are usage errors (exit 2) that name the option."""
    result = run("report", str(ARTICLES / NAMES[0]), "--reference", str(REFERENCE), *args)
    assert result.exit_code == Exit.USAGE
    assert message in result.stderr


def test_directory_without_articles(tmp_path: Path) -> None:
    """A directory with no .txt or .md files is a usage error."""
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = run("report", str(tmp_path), *BASE)
    assert result.exit_code == Exit.USAGE
    assert f"no .txt or .md articles found in {tmp_path}" in result.stderr


# --- reference validate ---------------------------------------------------------------------------------

@pytest.mark.parametrize("directory", [REFERENCE, FIXTURES / "reference"], ids=["project", "fixture"])
def test_validate_ok(directory: Path) -> None:
    """Valid reference data: exit 0 and a one-line count."""
    result = run("reference", "validate", "--reference", str(directory))
    assert result.exit_code == Exit.OK, result.output
    assert result.stdout.startswith(f"{directory}: ")
    assert result.stdout.endswith(" terms: valid\n")


def test_validate_broken(tmp_path: Path) -> None:
    """Broken reference data: exit 2, one 'file: field: message' line per problem on stderr."""
    directory = tmp_path / "reference"
    shutil.copytree(FIXTURES / "reference", directory)
    (directory / "extra.toml").write_text('[[operations]]\nid = "x"\n\n[[facts]]\nid = "ghost.period"\n'
                                          'entity = "ghost"\naspect = "period"\nstart = 2000-01-01\n'
                                          'ongoing = true\nsources = [{ url = "https://www.nato.int/x", '
                                          'title = "t", says = "s" }]\n', encoding="utf-8")
    result = run("reference", "validate", "--reference", str(directory))
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "extra.toml: operations: unknown table; use [[entities]], [[facts]] or [[terms]]",
        "extra.toml: facts[0].entity (id ghost.period): unknown entity 'ghost'; add it under [[entities]] or fix "
        "the id",
        f"Error: 2 problem(s) in {directory}",
    ]


def test_validate_missing_directory(tmp_path: Path) -> None:
    """Validating a directory that does not exist is a usage error."""
    result = run("reference", "validate", "--reference", str(tmp_path / "nothing"))
    assert result.exit_code == Exit.USAGE
    assert "reference directory not found" in result.stderr
