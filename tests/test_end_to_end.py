"""End to end on the seed articles: the report the README's first command writes."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from tests.conftest import ROOT

ARTICLES = ["articles/nato-intervention-missions.txt", "articles/nato-sovereignty-and-intervention.txt"]


@pytest.fixture(scope="module")
def report(monkeypatch_module: pytest.MonkeyPatch) -> dict:
    """The JSON report of articles/, produced through the CLI from the repository root."""
    monkeypatch_module.chdir(ROOT)
    result = CliRunner().invoke(cli, ["report", "articles/", "--format", "json", "--as-of", "2026-11-21"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def monkeypatch_module():
    """A module-scoped monkeypatch."""
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_both_articles_with_their_disclaimers(report: dict) -> None:
    """Both seed articles are read, in order, each with its AI-assistance disclaimer."""
    assert [d["path"] for d in report["documents"]] == ARTICLES
    for doc in report["documents"]:
        text = (ROOT / doc["path"]).read_text("utf-8")
        disclosure = doc["ai_disclosure"]
        assert disclosure is not None
        assert text[disclosure["start"]:disclosure["end"]] == disclosure["text"]
        assert "AI" in disclosure["text"]


def test_claims_are_exact_and_ordered(report: dict) -> None:
    """Every claim's text is its offset slice, claims are in document order and the disclaimer is no claim."""
    for doc in report["documents"]:
        text = (ROOT / doc["path"]).read_text("utf-8")
        starts = [c["start"] for c in doc["claims"]]
        assert starts == sorted(starts)
        for c in doc["claims"]:
            assert text[c["start"]:c["end"]] == c["text"]
            assert not (doc["ai_disclosure"]["start"] <= c["start"] < doc["ai_disclosure"]["end"])
            assert c["verdict"] in {"supported", "contradicted", "unverified", "evaluative"}
            assert c["explanation"]
            if c["verdict"] in ("supported", "contradicted"):
                assert c["evidence"] and all(re.match(r"https?://", e["source"]) for e in c["evidence"])


def claim_with(report: dict, path: str, fragment: str) -> dict:
    """The claim of a document whose text contains a fragment."""
    doc = next(d for d in report["documents"] if d["path"] == path)
    return next(c for c in doc["claims"] if fragment in c["text"])


@pytest.mark.parametrize(("path", "fragment", "verdict", "subject"), [
    (ARTICLES[0], "maritime, aerial, and ground operations", "contradicted", "operation-unified-protector"),
    (ARTICLES[0], "established in 1999 following the Kosovo conflict", "supported", "kfor"),
    (ARTICLES[0], "It operates under UN Security Council Resolution 1244", "supported", "kfor"),
    (ARTICLES[0], "In 2015, ISAF transitioned", "supported", "isaf"),
    (ARTICLES[0], "It successfully enforced a no-fly zone", "evaluative", "operation-unified-protector"),
    (ARTICLES[1], "Critics argue this intervention blurred lines", "evaluative", "operation-unified-protector"),
    (ARTICLES[1], "NATO’s intervention in Kosovo in 1999", "supported", "operation-allied-force"),
])
def test_key_verdicts(report: dict, path: str, fragment: str, verdict: str, subject: str) -> None:
    """The claims an editor would look at first get the right verdict and subject."""
    claim = claim_with(report, path, fragment)
    assert claim["verdict"] == verdict, claim["explanation"]
    assert subject in claim["subjects"]


def test_libya_outcome_disagreement(report: dict) -> None:
    """The two articles frame the outcome of the 2011 Libya intervention with opposite polarity."""
    libya = [d for d in report["disagreements"]
             if d["subject"] == "operation-unified-protector" and d["aspect"] == "outcome"]
    assert len(libya) == 1
    assert set(libya[0]["documents"]) == set(ARTICLES)
    ids = {c["id"] for d in report["documents"] for c in d["claims"]}
    assert set(libya[0]["claims"]) <= ids


def test_report_is_deterministic(report: dict, monkeypatch_module: pytest.MonkeyPatch) -> None:
    """A second run gives byte-identical Markdown and JSON."""
    runner = CliRunner()
    for fmt in ("json", "markdown"):
        first = runner.invoke(cli, ["report", "--format", fmt, "--as-of", "2026-11-21"])
        second = runner.invoke(cli, ["report", "--format", fmt, "--as-of", "2026-11-21"])
        assert first.exit_code == second.exit_code == 0
        assert first.output == second.output
