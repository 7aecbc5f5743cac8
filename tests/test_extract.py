"""Claim extraction: example tables for each claim kind, values, subject carry-over and attribution."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck import values as V
from claimcheck.claims import Claim
from claimcheck.extract import extract
from claimcheck.ingest import parse
from claimcheck.records import iter_nlp_inputs
from claimcheck.reference import Reference
from claimcheck.vocab import build_vocab


def claims_of(text: str, nlp: Language, ref: Reference, markdown: bool = False) -> list[Claim]:
    """Extract the claims of a small article."""
    doc = parse(text, "example.txt", markdown)
    inputs = list(iter_nlp_inputs(doc))
    parsed = list(zip([b for b, _ in inputs], nlp.pipe([t for _, t in inputs]), strict=True))
    return extract(doc, parsed, ref, build_vocab(ref))


def only(claims: list[Claim]) -> Claim:
    """The single claim of a one-claim text."""
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


KIND_EXAMPLES = [
    ("The Kosovo Force was established in 1999.", "date", ("kfor",)),
    ("Operation Allied Force was a 78-day air campaign.", "duration", ("operation-allied-force",)),
    ("KFOR operates under UN Security Council Resolution 1244.", "legal_basis", ("kfor",)),
    ("Operation Unified Protector was NATO-led.", "leadership", ("operation-unified-protector",)),
    ("ISAF transitioned to the Resolute Support Mission.", "leadership", ("isaf", "resolute-support-mission")),
    ("Operation Unified Protector deployed ground troops.", "scope", ("operation-unified-protector",)),
    ("At its peak ISAF had about 130,000 troops.", "quantity", ("isaf",)),
    ("The mandate of Operation Ocean Shield was counter-piracy.", "mandate", ("operation-ocean-shield",)),
    ("Operation Unified Protector was a resounding success.", "outcome", ("operation-unified-protector",)),
]


@pytest.mark.parametrize(("text", "kind", "topic"), KIND_EXAMPLES, ids=[k for _, k, _ in KIND_EXAMPLES])
def test_claim_kinds(text: str, kind: str, topic: tuple[str, ...], project_nlp: Language,
                     project_reference: Reference) -> None:
    """Each kind of checkable statement becomes one claim of that kind about the named operation."""
    claim = only(claims_of(text, project_nlp, project_reference))
    assert claim.kind == kind
    assert claim.topic == topic


NON_CLAIMS = [
    "NATO intervention missions aim to foster stability and security.",
    "NATO is expected to adapt its strategies to emerging threats.",
    "These operations demonstrate a commitment to global security.",
    "Future missions will rely on cyber capabilities.",
    "How does the alliance balance sovereignty and intervention?",
]


@pytest.mark.parametrize("text", NON_CLAIMS)
def test_generic_and_future_statements_are_not_claims(text: str, project_nlp: Language,
                                                      project_reference: Reference) -> None:
    """Generic statements of purpose, the future and questions assert nothing checkable."""
    assert claims_of(text, project_nlp, project_reference) == []


CARRY_OVER = [
    ("Kosovo Force (KFOR)\n\nIts primary goal is to maintain a secure environment.", ("kfor",)),
    ("Libya\n\nOperation Unified Protector began in 2011. It enforced an arms embargo.",
     ("operation-unified-protector",)),
    ("Afghanistan\n\nISAF was created in 2001. The mission ended in 2014.", ("isaf",)),
    ("Missions\n\nISAF gave way to the Resolute Support Mission. The mission ended in 2021.",
     ("resolute-support-mission",)),
    ("History\n\nThe intervention in Libya in 2011 was controversial.", ("operation-unified-protector",)),
    ("Afghanistan\n\nNATO led ISAF and the Resolute Support Mission. These operations trained Afghan forces.",
     ("isaf", "resolute-support-mission")),
]


@pytest.mark.parametrize(("text", "topic"), CARRY_OVER)
def test_subjects_carry_over(text: str, topic: tuple[str, ...], project_nlp: Language,
                             project_reference: Reference) -> None:
    """'It', 'the mission', 'these operations' and place-named interventions resolve to reference entities."""
    claims = claims_of(text, project_nlp, project_reference)
    assert claims, "no claim found"
    assert claims[-1].topic == topic


def test_heading_subject_carries_into_list_items(project_nlp: Language, project_reference: Reference) -> None:
    """List items after a lead-in about an operation's objectives are mandate claims about it."""
    text = ("KFOR\n\nKey objectives of KFOR include:\n\n"
            "  • Ensuring freedom of movement\n  • Supporting refugees to return\n")
    claims = claims_of(text, project_nlp, project_reference)
    assert [c.kind for c in claims] == ["mandate", "mandate"]
    assert all(c.topic == ("kfor",) and c.block == "list_item" for c in claims)


def test_new_section_without_subject_does_not_make_nato_statements_about_the_old_operation(
        project_nlp: Language, project_reference: Reference) -> None:
    """An organisation named in a new, subject-less section is the subject itself."""
    text = ("Operation Unified Protector\n\nIt began in 2011.\n\nLegal Frameworks\n\n"
            "NATO's core legal basis is the North Atlantic Treaty.")
    claims = claims_of(text, project_nlp, project_reference)
    assert claims[-1].topic == ("nato",)
    assert claims[-1].kind == "legal_basis"


ATTRIBUTION = [
    ("Critics argue that Operation Unified Protector exceeded its mandate.", "Critics argue"),
    ("Some analysts say KFOR was a success.", "Some analysts say"),
    ("According to Human Rights Watch, Operation Allied Force caused civilian casualties.",
     "According to Human Rights Watch"),
    ("Operation Ocean Shield is widely seen as a success.", "is widely seen as"),
]


@pytest.mark.parametrize(("text", "who"), ATTRIBUTION)
def test_attribution(text: str, who: str, project_nlp: Language, project_reference: Reference) -> None:
    """Attributed judgements record who holds them and are outcome claims."""
    claim = only(claims_of(text, project_nlp, project_reference))
    assert claim.attribution is not None and claim.attribution.lower().startswith(who.lower())
    assert claim.kind == "outcome"


def test_hedged(project_nlp: Language, project_reference: Reference) -> None:
    """Hedging words are recorded."""
    claim = only(claims_of("KFOR reportedly had 50,000 troops in 1999.", project_nlp, project_reference))
    assert claim.hedged


def test_clauses_are_split(project_nlp: Language, project_reference: Reference) -> None:
    """'X, but it also Y' gives two claims with their own framing and exact offsets."""
    text = ("Operation Unified Protector\n\nIt successfully enforced a no-fly zone, "
            "but it also left a power vacuum in Libya.")
    claims = claims_of(text, project_nlp, project_reference)
    assert [c.values.polarity for c in claims] == ["positive", "negative"]
    assert [text[c.start:c.end] for c in claims] == [c.text for c in claims]


VALUE_EXAMPLES = [
    ("KFOR deployed on 12 June 1999.", "dates", ["1999-06-12"]),
    ("KFOR deployed in June 1999.", "dates", ["1999-06"]),
    ("IFOR ran from 1995 to 1996.", "year_ranges", [[1995, 1996]]),
    ("Operation Deny Flight ran in the 1990s.", "decades", ["1990s"]),
    ("Operation Unified Protector enforced resolutions 1970 and 1973.", "resolutions", [1970, 1973]),
    ("Operation Unified Protector used air and naval power.", "domains", ["air", "maritime"]),
    ("Operation Unified Protector sent no ground troops.", "domains_excluded", ["ground"]),
]


@pytest.mark.parametrize(("text", "key", "expected"), VALUE_EXAMPLES)
def test_normalised_values(text: str, key: str, expected: list, project_nlp: Language,
                           project_reference: Reference) -> None:
    """Values are normalised to ISO dates, year pairs, decades, numbers and domain names."""
    claim = only(claims_of(text, project_nlp, project_reference))
    assert claim.values.as_json()[key] == expected


DURATIONS = [
    ("a 78-day campaign", 78.0, "day"),
    ("the decade-long process", 1.0, "decade"),
    ("two decades of war", 2.0, "decade"),
    ("a seven-month operation", 7.0, "month"),
    ("an 11-week air war", 11.0, "week"),
    ("ten years later", None, None),
    ("years of unrest", None, None),
]


@pytest.mark.parametrize(("text", "amount", "unit"), DURATIONS)
def test_durations(text: str, amount: float | None, unit: str | None) -> None:
    """Written durations normalise to an amount and unit; relative times and bare plurals do not."""
    found = V.find_durations(text)
    if amount is None:
        assert found == []
    else:
        assert [(d.amount, d.unit) for d in found] == [(amount, unit)]


QUANTITIES = [
    ("about 130,000 troops", 130000, "troops", True),
    ("32 member states", 32, "member_states", False),
    ("twelve founding members", 12, "member_states", False),
    ("more than 38,000 sorties", 38000, "sorties", True),
    ("thousands of troops", None, "troops", True),
]


@pytest.mark.parametrize(("text", "value", "measure", "approximate"), QUANTITIES)
def test_quantities(text: str, value: int | None, measure: str, approximate: bool) -> None:
    """Counts normalise to a number, a measure and whether they are approximate (vague ones have no number)."""
    (q,) = V.find_quantities(text)
    assert (q.value, q.measure, q.approximate) == (value, measure, approximate)


def test_years_in_resolution_numbers_are_not_dates() -> None:
    """'Resolution 1999' style numbers are resolution numbers; '(1999)' after one is its year."""
    assert [d.year for d in V.find_dates("UNSCR 2016 ended the mandate")] == []
    assert V.find_resolutions("UNSCR 2016 ended the mandate") == [2016]


def test_claim_ids_are_stable_and_offsets_exact(project_nlp: Language, project_reference: Reference) -> None:
    """The same text gives the same ids; ids differ for repeated text; text equals the offset slice."""
    text = "KFOR\n\nKFOR was established in 1999.\n\nKFOR was established in 1999.\n"
    first = claims_of(text, project_nlp, project_reference)
    again = claims_of(text, project_nlp, project_reference)
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == 2
    assert all(text[c.start:c.end] == c.text for c in first)


SUBJECT_EXAMPLES = [
    ("KFOR\n\nFrom 2008, every KFOR commander was an Italian general.", "unknown"),
    ("KFOR\n\nIn 2008, KFOR kept patrolling the north.", "supported"),
    ("SFOR\n\nThe mission remained until 2004, when it handed over to a United Nations peacekeeping mission.",
     "contradicted"),
]


@pytest.mark.parametrize(("text", "status"), SUBJECT_EXAMPLES)
def test_incidental_dates_and_successor_leaders(text: str, status: str, project_nlp: Language,
                                                project_reference: Reference) -> None:
    """A year in a sentence about something else decides nothing; a handover names who led what came next."""
    from claimcheck.verify import checks_for
    from tests.conftest import AS_OF

    claim = claims_of(text, project_nlp, project_reference)[-1]
    checks = checks_for(project_reference, claim, AS_OF)
    assert status in {c.status for c in checks}, [(c.status, c.message) for c in checks]


@pytest.mark.parametrize("text", ["training, advising, and assisting Afghan security forces",
                                  "a force of soldiers", "an army of volunteers"])
def test_articles_are_not_counts(text: str) -> None:
    """'a' and 'an' never count troops, and number words only match whole words."""
    assert V.find_quantities(text) == []
