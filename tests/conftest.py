"""Shared fixtures: the spaCy pipeline is loaded once per test session, for each reference directory used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from claimcheck import reference as refdata
from claimcheck.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = dt.date(2026, 11, 21)


@pytest.fixture(scope="session")
def project_reference() -> refdata.Reference:
    """The project's curated reference data."""
    return refdata.load(ROOT / "reference")


@pytest.fixture(scope="session")
def fixture_reference() -> refdata.Reference:
    """The tiny reference data set in tests/fixtures/reference."""
    return refdata.load(FIXTURES / "reference")


@pytest.fixture
def project_nlp() -> Language:
    """The default pipeline (loaded once per session) linking to the project's reference data."""
    return load_pipeline(ROOT / "reference")


@pytest.fixture
def fixture_nlp() -> Language:
    """The default pipeline (loaded once per session) linking to the fixture reference data."""
    return load_pipeline(FIXTURES / "reference")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show the accuracy figures measured by tests/test_accuracy.py at the end of every run."""
    from tests.accuracy import LAST_TABLES

    for name, text in LAST_TABLES.items():
        terminalreporter.write_sep("-", f"claim extraction and verdict accuracy ({name})")
        terminalreporter.write_line(text)
