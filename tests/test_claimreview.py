"""ClaimReview JSON-LD export and terminal behaviour (--quiet, --verbose, progress)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from tests.conftest import ROOT

REQUIRED = {"@context", "@type", "url", "claimReviewed", "itemReviewed", "reviewRating", "author"}


@pytest.fixture(scope="module")
def reviews() -> tuple[list[dict], dict]:
    """The ClaimReview export and the JSON report of articles/."""
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        export = runner.invoke(cli, ["report", "--format", "claimreview", "--as-of", "2026-11-21"])
        report = runner.invoke(cli, ["report", "--format", "json", "--as-of", "2026-11-21"])
    assert export.exit_code == report.exit_code == 0
    return json.loads(export.output), json.loads(report.output)


def test_one_review_per_evidence_backed_claim(reviews: tuple[list[dict], dict]) -> None:
    """Supported and contradicted claims with evidence get a review; unverified and evaluative ones do not."""
    export, report = reviews
    backed = [c for d in report["documents"] for c in d["claims"]
              if c["verdict"] in ("supported", "contradicted") and c["evidence"]]
    assert [r["identifier"] for r in export] == [c["id"] for c in backed]


def test_claimreview_shape(reviews: tuple[list[dict], dict]) -> None:
    """Each item is a schema.org ClaimReview with the article as appearance and a rating on the 1-5 scale."""
    export, report = reviews
    claims = {c["id"]: (d, c) for d in report["documents"] for c in d["claims"]}
    for review in export:
        assert review.keys() >= REQUIRED
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        doc, claim = claims[review["identifier"]]
        assert review["claimReviewed"] == claim["text"]
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["appearance"]["url"] == doc["path"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["worstRating"] == 1 and rating["bestRating"] == 5
        assert rating["alternateName"] == claim["verdict"]
        assert rating["ratingValue"] == {"supported": 5, "contradicted": 1}[claim["verdict"]]
        assert review["url"] in {e["source"] for e in claim["evidence"]}
        assert review["url"].startswith(("https://", "http://"))
        assert review["author"] == {"@type": "Organization", "name": "claimcheck"}
        assert "datePublished" not in review


def test_author_from_config(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[tool.claimcheck] claimreview-author names the publisher."""
    reference = (ROOT / "reference").as_posix()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.claimcheck]\nreference = "{reference}"\n'
        'claimreview-author = { name = "Desk", url = "https://desk.example" }\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("KFOR\n\nThe Kosovo Force was established in 1999.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", "a.txt", "--format", "claimreview", "--no-cache", "--timestamp"])
    assert result.exit_code == 0, result.output
    (review,) = json.loads(result.output)
    assert review["author"] == {"@type": "Organization", "name": "Desk", "url": "https://desk.example"}
    assert review["datePublished"]


@pytest.mark.parametrize(("flags", "says_wrote", "says_details"), [
    ([], True, False),
    (["--quiet"], False, False),
    (["--verbose"], True, True),
])
def test_quiet_and_verbose(flags: list[str], says_wrote: bool, says_details: bool, tmp_path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """--quiet prints nothing but errors, --verbose adds what was read and cached; no progress bar off a terminal."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "r.md"
    result = CliRunner().invoke(cli, [*flags, "report", "--output", str(out), "--as-of", "2026-11-21"])
    assert result.exit_code == 0
    assert ("wrote " in result.stderr) is says_wrote
    assert ("claims, disclaimer found" in result.stderr) is says_details
    assert "Reading articles" not in result.stderr


def test_quiet_and_verbose_exclude_each_other() -> None:
    """Both at once is a usage error."""
    result = CliRunner().invoke(cli, ["--quiet", "--verbose", "report"])
    assert result.exit_code == 2
