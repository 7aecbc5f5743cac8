"""The hand annotations themselves are well formed: exact unique quotes, known kinds, verdicts and entities."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.ingest import read_document
from claimcheck.reference import Reference
from tests.accuracy import ANNOTATIONS, load_annotations
from tests.conftest import ROOT

KINDS = {"date", "duration", "mandate", "legal_basis", "scope", "quantity", "leadership", "outcome"}
VERDICTS = {"supported", "contradicted", "unverified", "evaluative"}
SETS = {**load_annotations(ANNOTATIONS), **load_annotations(ROOT / "tests" / "heldout" / "annotations")}


@pytest.mark.parametrize("article", sorted(SETS))
def test_annotation_file(article: str, project_reference: Reference) -> None:
    """Every quote occurs exactly once in its article; kinds, verdicts and subject ids are valid."""
    data = SETS[article]
    text = (ROOT / article).read_text(encoding="utf-8")
    if data["disclaimer"]["present"]:
        assert text.count(data["disclaimer"]["quote"]) == 1
    for claim in data["claims"]:
        assert text.count(claim["quote"]) == 1, claim["quote"]
        assert claim["kind"] in KINDS and claim["verdict"] in VERDICTS, claim
        assert set(claim) <= {"quote", "kind", "subjects", "verdict", "why", "borderline"}, claim
        assert all(s in project_reference.entities for s in claim["subjects"]), claim["subjects"]


@pytest.mark.parametrize("article", sorted(SETS))
def test_disclaimer_detection(article: str) -> None:
    """The AI-assistance disclaimer is found where annotated, with the annotated wording inside, and nowhere else."""
    wanted = SETS[article]["disclaimer"]
    found = read_document(Path(ROOT / article), article).disclaimer
    if not wanted["present"]:
        assert found is None
    else:
        assert found is not None and wanted["quote"] in found.text
