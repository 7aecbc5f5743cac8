"""The hand annotations themselves are well formed: exact unique quotes, known kinds, labels and entities."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.ingest import read_document
from claimcheck.reference import Reference
from tests.accuracy import ANNOTATIONS, BLIND_DEV, BLIND_FINAL, HELDOUT, load_annotations
from tests.conftest import ROOT

KINDS = {"date", "duration", "mandate", "legal_basis", "scope", "quantity", "leadership", "outcome"}
VERDICTS = {"supported", "contradicted", "unverified", "evaluative"}
TRUTHS = {"true", "false", "evaluative"}
REFERENCE_SETS = {**load_annotations(ANNOTATIONS), **load_annotations(HELDOUT)}
BLIND_SETS = {**load_annotations(BLIND_DEV), **(load_annotations(BLIND_FINAL) if BLIND_FINAL.is_dir() else {})}
SETS = {**REFERENCE_SETS, **BLIND_SETS}


def _quotes_are_exact(article: str) -> dict:
    data = SETS[article]
    text = (ROOT / article).read_text(encoding="utf-8")
    if data["disclaimer"]["present"]:
        assert text.count(data["disclaimer"]["quote"]) == 1
    for claim in data["claims"]:
        assert text.count(claim["quote"]) == 1, claim["quote"]
        assert claim["kind"] in KINDS, claim
    for other in data.get("disagreements", []):
        assert text.count(other["quotes"][0]) == 1, other
        assert (ROOT / other["other"]).read_text(encoding="utf-8").count(other["quotes"][1]) == 1, other
    return data


@pytest.mark.parametrize("article", sorted(REFERENCE_SETS))
def test_reference_annotation_file(article: str, project_reference: Reference) -> None:
    """Every quote occurs exactly once in its article; kinds, verdicts and subject ids are valid."""
    for claim in _quotes_are_exact(article)["claims"]:
        assert claim["verdict"] in VERDICTS, claim
        assert set(claim) <= {"quote", "kind", "subjects", "verdict", "why", "borderline"}, claim
        assert all(s in project_reference.entities for s in claim["subjects"]), claim["subjects"]


@pytest.mark.parametrize("article", sorted(BLIND_SETS))
def test_blind_annotation_file(article: str) -> None:
    """Blind annotations label truth, not verdicts, and name their subject in words (no reference ids)."""
    for claim in _quotes_are_exact(article)["claims"]:
        assert claim["truth"] in TRUTHS, claim
        assert set(claim) <= {"quote", "kind", "subject", "truth", "why", "borderline"}, claim
        assert claim["subject"].strip(), claim


# The sealed final batch was measured once and is never tuned to: a miss found there stays a recorded miss.
FINAL_BATCH_MISSES = {
    "tests/blind/final/articles/nato-balkans-operations-at-a-glance-1992-2004.md":
        "'Compiled with AI assistance.': 'compiled' is not among the words of a short notice (tests/blind/RESULTS.md)",
}


@pytest.mark.parametrize("article", [
    pytest.param(a, marks=pytest.mark.xfail(reason=FINAL_BATCH_MISSES[a], strict=True)) if a in FINAL_BATCH_MISSES
    else a for a in sorted(SETS)])
def test_disclaimer_detection(article: str) -> None:
    """The AI-assistance disclaimer is found where annotated, with the annotated wording inside, and nowhere else."""
    wanted = SETS[article]["disclaimer"]
    found = read_document(Path(ROOT / article), article).disclaimer
    if not wanted["present"]:
        assert found is None
    else:
        assert found is not None and wanted["quote"] in found.text
