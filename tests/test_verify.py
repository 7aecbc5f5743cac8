"""Verdicts: claims built by hand, judged against the fixture reference, with the facts and sources used."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claimcheck.claims import Claim, Values
from claimcheck.reference import Reference
from claimcheck.values import DateValue, Duration, Quantity
from claimcheck.verify import judge

AS_OF = dt.date(2026, 11, 21)
AF = ("operation-allied-force",)
KFOR = ("kfor",)


def claim(topic: tuple[str, ...], *aspects: str, attribution: str | None = None, **values: Any) -> Claim:
    """A claim about topic stating values, as extraction would build it."""
    return Claim(id="c0", text="(built by hand)", start=0, end=15, kind=aspects[0], aspects=aspects, topic=topic,
                 subjects=topic, topic_source="explicit", values=Values(**values), attribution=attribution)


def started(year: int, month: int | None = None, day: int | None = None) -> dict[str, Any]:
    """Values saying it started on a date."""
    return {"dates": (DateValue(year, month, day),), "date_roles": ("start",)}


def ended(year: int) -> dict[str, Any]:
    """Values saying it ended in a year."""
    return {"dates": (DateValue(year),), "date_roles": ("end",)}


def active(year: int, month: int | None = None) -> dict[str, Any]:
    """Values saying it was active at a date."""
    return {"dates": (DateValue(year, month),), "date_roles": ("active",)}


# claim -> verdict, facts used as evidence (in order), a fragment of the explanation
VERDICTS = [
    # dates
    pytest.param(claim(AF, "date", **started(1999)), "supported", ["allied-force.period"],
                 "1999-03-24", id="start-year-supported"),
    pytest.param(claim(AF, "date", **started(1999, 3, 24)), "supported", ["allied-force.period"],
                 "1999-03-24", id="start-day-supported"),
    pytest.param(claim(AF, "date", **started(1998)), "contradicted", ["allied-force.period"],
                 "1999-03-24, not in 1998", id="start-year-contradicted"),
    pytest.param(claim(AF, "date", **started(1999, 4)), "contradicted", ["allied-force.period"],
                 "not in 1999-04", id="start-month-contradicted"),
    pytest.param(claim(AF, "date", **ended(1999)), "supported", ["allied-force.period"],
                 "ended on 1999-06-10", id="end-year-supported"),
    pytest.param(claim(AF, "date", **ended(2000)), "contradicted", ["allied-force.period"],
                 "ended on 1999-06-10, not in 2000", id="end-year-contradicted"),
    pytest.param(claim(KFOR, "date", **ended(2021)), "contradicted", ["kfor.period"],
                 "has not ended: it has run since 1999-06-12", id="end-year-of-ongoing"),
    pytest.param(claim(KFOR, "date", **active(2015)), "supported", ["kfor.period"],
                 "ran 1999-06-12 to today (ongoing), which includes 2015", id="active-inside-ongoing"),
    pytest.param(claim(KFOR, "date", **active(2026)), "supported", ["kfor.period"],
                 "which includes 2026", id="active-in-as-of-year"),
    pytest.param(claim(KFOR, "date", **active(2030)), "contradicted", ["kfor.period"],
                 "not in 2030", id="active-after-as-of"),
    pytest.param(claim(KFOR, "date", **active(1998)), "contradicted", ["kfor.period"],
                 "not in 1998", id="active-before-start"),
    pytest.param(claim(AF, "date", **active(2001)), "contradicted", ["allied-force.period"],
                 "ran 1999-03-24 to 1999-06-10, not in 2001", id="active-after-end"),
    pytest.param(claim(("nato",), "date", dates=(DateValue(1949),), date_roles=("signed",)), "supported",
                 ["nato.founded"], "founded on 1949-04-04", id="founding-event"),
    pytest.param(claim(("nato",), "date", **started(1950)), "contradicted", ["nato.founded"],
                 "founded on 1949-04-04, not in 1950", id="founding-event-wrong-year"),
    pytest.param(claim(("nato",), "date", **started(2025), acts_on_object=True, predicate_dates=(0,)), "unverified", [],
                 "dates something NATO did", id="organisation-acting-on-something"),
    pytest.param(claim(("un-security-council",), "date", **started(1946)), "unverified", [],
                 "no start date is recorded for United Nations Security Council", id="start-unrecorded"),
    pytest.param(claim(AF, "date", dates=(DateValue(1999, 6),), date_roles=("transition",)), "supported",
                 ["allied-force.succeeded-by", "allied-force.period"], "gave way to Kosovo Force on 1999-06-10",
                 id="transition-month"),
    pytest.param(claim(AF, "date", dates=(DateValue(2000),), date_roles=("transition",)), "contradicted",
                 ["allied-force.succeeded-by", "kfor.period"], "gave way to Kosovo Force on 1999-06-12, not in 2000",
                 id="transition-wrong-year"),
    pytest.param(claim(KFOR, "date", decades=(2010,)), "supported", ["kfor.period"], "within the 2010s",
                 id="decade-inside-ongoing"),
    pytest.param(claim(AF, "date", decades=(1990,)), "supported", ["allied-force.period"], "within the 1990s",
                 id="decade-supported"),
    pytest.param(claim(AF, "date", decades=(2000,)), "contradicted", ["allied-force.period"], "not in the 2000s",
                 id="decade-contradicted"),
    pytest.param(claim(AF, "date", ranges=((1999, 1999),)), "supported", ["allied-force.period"],
                 "ran 1999-03-24 to 1999-06-10", id="range-supported"),
    pytest.param(claim(AF, "date", ranges=((1998, 1999),)), "contradicted", ["allied-force.period"],
                 "not 1998 to 1999", id="range-contradicted"),
    # durations
    pytest.param(claim(AF, "duration", durations=(Duration(78, "day", "78-day"),)), "supported",
                 ["allied-force.period"], "about 78 days", id="duration-exact"),
    pytest.param(claim(AF, "duration", durations=(Duration(79, "day", "79 days"),)), "supported",
                 ["allied-force.period"], "about 78 days", id="duration-counting-the-last-day"),
    pytest.param(claim(AF, "duration", durations=(Duration(77, "day", "77 days"),)), "contradicted",
                 ["allied-force.period"], "not '77 days'", id="duration-a-day-short"),
    pytest.param(claim(AF, "duration", durations=(Duration(81, "day", "81 days"),)), "contradicted",
                 ["allied-force.period"], "not '81 days'", id="duration-outside-tolerance"),
    pytest.param(claim(AF, "duration", durations=(Duration(11, "week", "eleven weeks"),)), "supported",
                 ["allied-force.period"], "about 11 weeks", id="duration-weeks"),
    pytest.param(claim(AF, "duration", durations=(Duration(6, "month", "six months"),)), "contradicted",
                 ["allied-force.period"], "about 3 months, not 'six months'", id="duration-months-contradicted"),
    pytest.param(claim(KFOR, "duration", durations=(Duration(27, "year", "27 years"),)), "supported",
                 ["kfor.period"], "about 27 years", id="duration-of-ongoing-to-as-of"),
    pytest.param(claim(KFOR, "duration", durations=(Duration(1, "decade", "decade-long"),)), "contradicted",
                 ["kfor.period"], "not 'decade-long'", id="duration-decade-contradicted"),
    # scope
    pytest.param(claim(AF, "scope", domains=("ground",)), "contradicted", ["allied-force.domains"],
                 "rule out ground", id="excluded-domain"),
    pytest.param(claim(AF, "scope", domains=("air",)), "supported", ["allied-force.domains"],
                 "include air", id="included-domain"),
    pytest.param(claim(AF, "scope", domains=("air",), domains_excluded=("ground",)), "supported",
                 ["allied-force.domains"], "include air, ground", id="included-and-denied-domains"),
    pytest.param(claim(AF, "scope", domains_excluded=("ground",)), "supported", ["allied-force.domains"],
                 "excludes ground", id="denied-domain"),
    pytest.param(claim(AF, "scope", domains_excluded=("air",)), "contradicted", ["allied-force.domains"],
                 "rule out air", id="denied-included-domain"),
    pytest.param(claim(AF, "scope", domains=("maritime",)), "unverified", [],
                 "maritime: not recorded in the force domains", id="unrecorded-domain"),
    pytest.param(claim(("nato",), "scope", domains=("air",)), "unverified", [],
                 "no force domains is recorded for NATO", id="no-domains-fact"),
    # legal basis
    pytest.param(claim(KFOR, "legal_basis", authorised=True), "supported", ["kfor.un-authorisation"],
                 "was authorised by the UN Security Council", id="authorised-true-supported"),
    pytest.param(claim(AF, "legal_basis", authorised=False), "supported", ["allied-force.un-authorisation"],
                 "had no authorisation", id="authorised-false-supported"),
    pytest.param(claim(AF, "legal_basis", authorised=True), "contradicted", ["allied-force.un-authorisation"],
                 "was not authorised by the UN Security Council", id="authorised-true-contradicted"),
    pytest.param(claim(KFOR, "legal_basis", authorised=False), "contradicted", ["kfor.un-authorisation"],
                 "was authorised by the UN Security Council", id="authorised-false-contradicted"),
    pytest.param(claim(KFOR, "legal_basis", instruments=("unscr-1244",)), "supported",
                 ["kfor.legal-basis", "kfor.un-authorisation"], "rests on UN Security Council Resolution 1244 (1999)",
                 id="resolution-right"),
    pytest.param(claim(KFOR, "legal_basis", instruments=("unscr-1199",)), "contradicted",
                 ["kfor.legal-basis", "kfor.un-authorisation"],
                 "rests on UN Security Council Resolution 1244 (1999), not UN Security Council Resolution 1199 (1998)",
                 id="resolution-wrong"),
    pytest.param(claim(AF, "legal_basis", instruments=("unscr-1244",)), "unverified", [],
                 "no legal basis is recorded for Operation Allied Force", id="resolution-unrecorded"),
    # leadership
    pytest.param(claim(KFOR, "leadership", leaders=("nato",)), "supported", ["kfor.led-by"], "led by NATO",
                 id="leader-right"),
    pytest.param(claim(KFOR, "leadership", leaders=("un-security-council",)), "contradicted", ["kfor.led-by"],
                 "was led by NATO, not United Nations Security Council", id="leader-wrong"),
    pytest.param(claim(("unscr-1244",), "leadership", leaders=("nato",)), "unverified", [],
                 "no leadership is recorded", id="leader-unrecorded"),
    pytest.param(claim(AF, "leadership", successors=("kfor",)), "supported", ["allied-force.succeeded-by"],
                 "was succeeded by Kosovo Force", id="successor-right"),
    pytest.param(claim(AF, "leadership", successors=("nato",)), "contradicted", ["allied-force.succeeded-by"],
                 "was succeeded by Kosovo Force, not NATO", id="successor-wrong"),
    pytest.param(claim(KFOR, "leadership", successors=("operation-allied-force",)), "unverified", [],
                 "no successor is recorded for Kosovo Force", id="successor-unrecorded"),
    # mandate
    pytest.param(claim(KFOR, "mandate", mandate=("secure-environment",)), "supported", ["kfor.mandate"],
                 "includes secure environment", id="mandate-recorded"),
    pytest.param(claim(KFOR, "mandate", mandate=("secure-environment", "freedom-of-movement")), "supported",
                 ["kfor.mandate"], "includes secure environment, freedom of movement", id="mandate-two-recorded"),
    pytest.param(claim(KFOR, "mandate", mandate=("combat-operations",)), "contradicted", ["kfor.mandate"],
                 "rule out combat-operations", id="mandate-excluded"),
    pytest.param(claim(KFOR, "mandate", mandate_excluded=("combat-operations",)), "supported", ["kfor.mandate"],
                 "excludes combat operations", id="mandate-denied-and-excluded"),
    pytest.param(claim(KFOR, "mandate", mandate_excluded=("secure-environment",)), "contradicted",
                 ["kfor.mandate"], "rule out secure-environment", id="mandate-denied-but-recorded"),
    pytest.param(claim(KFOR, "mandate", mandate=("training",)), "unverified", [],
                 "training: not recorded in the mandate of Kosovo Force", id="mandate-unrecorded"),
    pytest.param(claim(KFOR, "mandate"), "unverified", [], "names no recorded mandate task",
                 id="mandate-no-term"),
    # quantities
    pytest.param(claim(KFOR, "quantity", quantities=(Quantity(80000, "troops", False, "80,000 troops"),)),
                 "contradicted", ["kfor.troops-peak"], "peaked at 50,000, fewer than 80,000", id="troops-over-peak"),
    pytest.param(claim(KFOR, "quantity", quantities=(Quantity(54000, "troops", False, "54,000 troops"),)),
                 "supported", ["kfor.troops-peak"], "troops peak 50,000", id="troops-near-approximate-peak"),
    pytest.param(claim(KFOR, "quantity", quantities=(Quantity(50000, "troops", True, "about 50,000 troops"),)),
                 "supported", ["kfor.troops-peak"], "troops peak 50,000", id="troops-at-peak"),
    pytest.param(claim(KFOR, "quantity", quantities=(Quantity(20000, "troops", False, "20,000 troops"),)),
                 "unverified", [], "20,000 troops matches no recorded count", id="troops-below-peak"),
    pytest.param(claim(KFOR, "quantity", quantities=(Quantity(None, "troops", True, "thousands of troops"),)),
                 "unverified", [], "'thousands of troops' is too vague to check", id="vague-quantity"),
    pytest.param(claim(AF, "quantity", quantities=(Quantity(900, "sorties", False, "900 sorties"),)),
                 "unverified", [], "no sorties count is recorded", id="unrecorded-measure"),
    # outcomes and combinations
    pytest.param(claim(AF, "outcome"), "evaluative", ["allied-force.outcome"],
                 "The reference records: NATO suspended the air strikes on 10 June 1999", id="outcome"),
    pytest.param(claim(AF, "outcome", attribution="critics"), "evaluative", ["allied-force.outcome"],
                 "(attributed: critics)", id="attributed-outcome"),
    pytest.param(claim(("nato",), "outcome"), "evaluative", [], "The reference records no outcome.",
                 id="outcome-unrecorded"),
    pytest.param(claim(AF, "date", "outcome", **started(1999)), "evaluative",
                 ["allied-force.period", "allied-force.outcome"], "for an editor to review",
                 id="outcome-with-supported-date"),
    pytest.param(claim(AF, "date", "outcome", **started(1998)), "contradicted", ["allied-force.period"],
                 "1999-03-24, not in 1998", id="contradicted-beats-evaluative"),
    pytest.param(claim(AF, "date", "scope", **started(1999), domains=("maritime",)), "unverified",
                 ["allied-force.period"], "maritime: not recorded", id="partial-truth-unverified"),
    pytest.param(claim(AF, "date", "scope", **started(1998), domains=("air",)), "contradicted",
                 ["allied-force.period"], "not in 1998", id="one-part-false"),
    pytest.param(claim(AF, "date", "duration", "scope", "leadership", **started(1999),
                       durations=(Duration(78, "day", "78 days"),), domains=("air",), leaders=("nato",)),
                 "supported", ["allied-force.period", "allied-force.led-by", "allied-force.domains"],
                 "1999-03-24", id="every-part-true"),
    pytest.param(claim(AF, "date"), "unverified", [], "nothing in the reference decides it", id="nothing-to-check"),
    pytest.param(claim(AF + KFOR, "date", **started(1999, 6)), "supported", ["kfor.period"],
                 "1999-06-12", id="one-of-two-subjects-fits"),
    pytest.param(
        claim(KFOR, "date", **active(1999, 3)), "contradicted", ["kfor.period"], "not in 1999-03",
        id="active-month-before-start",
    ),
]


@pytest.mark.parametrize(("subject", "verdict", "facts", "explanation"), VERDICTS)
def test_judge(fixture_reference: Reference, subject: Claim, verdict: str, facts: list[str],
               explanation: str) -> None:
    """Each claim gets its verdict, evidence from the facts that decided it, and an explanation saying why."""
    judgement = judge(fixture_reference, subject, AS_OF)
    assert judgement.verdict == verdict
    assert [f.id for f in judgement.facts] == facts
    assert explanation in judgement.explanation
    assert judgement.explanation[0].isupper()
    assert judgement.explanation.endswith(".")


@pytest.mark.parametrize("subject", [p.values[0] for p in VERDICTS if not p.marks],
                         ids=[p.id or "" for p in VERDICTS if not p.marks])
def test_evidence_lists_every_source(fixture_reference: Reference, subject: Claim) -> None:
    """Evidence is one {fact, source} pair for every source of every fact used, in order."""
    judgement = judge(fixture_reference, subject, AS_OF)
    assert judgement.evidence() == [
        {"fact": f.id, "source": s.url} for f in judgement.facts for s in fixture_reference.facts[f.id].sources
    ]


def test_evidence_urls(fixture_reference: Reference) -> None:
    """A supported start date cites the period fact's two sources by URL."""
    judgement = judge(fixture_reference, claim(AF, "date", **started(1999)), AS_OF)
    assert judgement.evidence() == [
        {"fact": "allied-force.period", "source": "https://www.nato.int/docu/update/1999/0324e.htm"},
        {"fact": "allied-force.period", "source": "http://edition.cnn.com/WORLD/europe/9906/20/kosovo.02/index.html"},
    ]


def test_partial_truth_mentions_checked_part(fixture_reference: Reference) -> None:
    """An unverified claim says what still needs checking and what did check out."""
    judgement = judge(fixture_reference, claim(AF, "date", "scope", **started(1999), domains=("maritime",)), AS_OF)
    assert judgement.explanation.startswith("Needs verification: maritime: not recorded in the force domains of "
                                            "Operation Allied Force (checked: ")
    assert "1999-03-24" in judgement.explanation
    assert [c.status for c in judgement.checks] == ["supported", "unknown"]


@pytest.mark.parametrize(("as_of", "verdict"), [
    pytest.param(dt.date(2009, 6, 12), "supported", id="ten-years-in-2009"),
    pytest.param(AS_OF, "contradicted", id="twenty-seven-years-in-2026"),
])
def test_ongoing_duration_measured_to_as_of(fixture_reference: Reference, as_of: dt.date, verdict: str) -> None:
    """An ongoing mission's length is measured up to the as-of date."""
    subject = claim(KFOR, "duration", durations=(Duration(10, "year", "ten years"),))
    assert judge(fixture_reference, subject, as_of).verdict == verdict


def test_an_open_basis_list_decides_nothing(project_reference: Reference) -> None:
    """A basis the sources do not give as whole may lack an instrument: naming another one is not contradicted."""
    judgement = judge(project_reference, claim(("operation-ocean-shield",), "legal_basis",
                                               instruments=("unscr-1816",)), AS_OF)
    assert judgement.verdict == "unverified"
    assert "does not record United Nations Security Council Resolution 1816" in judgement.explanation
