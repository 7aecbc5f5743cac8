"""Issue 7 as example tables: open-world subjects, values bound through the parse, handovers either way, one
verdict per assertion, article shapes and words. Each row is a short text, a quote inside it, and what the claim
over that quote must be."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.compare import find_disagreements
from claimcheck.ingest import parse
from claimcheck.nlp import DEFAULT_MODEL
from claimcheck.pipeline import Analysis, ClaimResult, analyse_documents
from claimcheck.report import to_json
from tests.conftest import AS_OF, ROOT


def analyse(nlp: Language, *texts: str, markdown: bool = False) -> Analysis:
    """The analysis of short articles ('a.txt', 'b.txt', ...) against the project's reference."""
    suffix = ".md" if markdown else ".txt"
    docs = [parse(text, f"{chr(97 + i)}{suffix}", markdown) for i, text in enumerate(texts)]
    return analyse_documents(docs, ROOT / "reference", DEFAULT_MODEL, AS_OF, nlp)


def claim_over(analysis: Analysis, quote: str) -> ClaimResult:
    """The claim whose text contains the quote."""
    hits = [c for d in analysis.documents for c in d.claims if quote in c.claim.text]
    assert hits, f"no claim over {quote!r}: {[c.claim.text for d in analysis.documents for c in d.claims]}"
    return hits[0]


OPEN_WORLD = [
    # A named operation the reference lacks is the subject: unverified, listed as a gap.
    pytest.param("Operation Distinguished Games protected the 2004 Athens Olympics.",
                 "Distinguished Games", "Operation Distinguished Games", id="unknown-operation"),
    # "NATO launched X": the only operation named frames the clause.
    pytest.param("In October 2001 NATO launched Operation Eagle Assist over the United States.",
                 "Eagle Assist", "Operation Eagle Assist", id="launched-unknown"),
    # An agreement is a named thing too.
    pytest.param("Background\n\nISAF was created in 2001.\n\nThe 1995 Dayton agreement, which NATO enforced, ended "
                 "the war.", "Dayton agreement", "Dayton agreement", id="agreement-after-isaf"),
    # A section about an operation the reference lacks: its sentences are not about the one before.
    pytest.param("KFOR\n\nKFOR entered Kosovo in June 1999.\n\nBaltic Air Policing\n\nBaltic Air Policing began in "
                 "March 2004. It rotates every four months.", "Baltic Air Policing began", "Baltic Air Policing",
                 id="section-about-unknown"),
]


@pytest.mark.parametrize(("text", "quote", "name"), OPEN_WORLD)
def test_unknown_subjects_are_not_carried_onto_known_ones(project_nlp: Language, text: str, quote: str,
                                                          name: str) -> None:
    """A claim about a named thing the reference lacks is about that thing: unverified, and a reference gap."""
    analysis = analyse(project_nlp, text)
    result = claim_over(analysis, quote)
    assert result.claim.unknown == (name,) and result.claim.topic == ()
    assert result.judgement.verdict in ("unverified", "evaluative")
    assert f"Not in the reference: {name}" in result.judgement.explanation
    gaps = to_json(analysis)["summary"]["reference_gaps"]
    assert name in [g["name"] for g in gaps]


BOUND_ELSEWHERE = [
    # The July date belongs to the massacre; 30 August is Deliberate Force's start.
    pytest.param("After the Srebrenica massacre in July 1995, NATO launched Operation Deliberate Force on 30 August "
                 "1995.", "Deliberate Force", ["1995-08-30"], "supported", id="massacre-owns-its-date"),
    # The clause is about the agreement, which owns the year it was signed: nothing is checked against NATO.
    pytest.param("NATO supported the Dayton Agreement, signed in 1995.", "Dayton Agreement", ["1995"], "unverified",
                 id="agreement-owns-its-date"),
    # A subordinate clause with a subject of its own owns its date: February 2008 is EULEX's, not KFOR's.
    pytest.param("KFOR, which entered Kosovo on 12 June 1999, handed policing to EULEX when EULEX deployed in "
                 "February 2008.", "which entered", ["1999-06-12"], "supported", id="subordinate-subject"),
]


@pytest.mark.parametrize(("text", "quote", "dates", "verdict"), BOUND_ELSEWHERE)
def test_values_are_bound_to_what_governs_them(project_nlp: Language, text: str, quote: str, dates: list[str],
                                               verdict: str) -> None:
    """Dates and durations go to the event, agreement or process that governs them on the parse."""
    analysis = analyse(project_nlp, text)
    result = claim_over(analysis, quote)
    assert [d.iso() for d in result.claim.values.dates] == dates
    assert result.judgement.verdict == verdict, result.judgement.explanation
    assert "founded" not in result.judgement.explanation
    assert not any(d.year == 2008 for c in analysis.documents[0].claims for d in c.claim.values.dates
                   if c.claim.topic == ("kfor",))


def test_a_process_owns_its_length(project_nlp: Language) -> None:
    """'A decade-long stabilisation process' is the process's length: KFOR's period is not checked against it."""
    result = claim_over(analyse(project_nlp, "KFOR contributed to a decade-long stabilisation process in Kosovo."),
                        "decade-long")
    assert result.claim.values.durations == ()
    assert result.judgement.verdict != "contradicted"


DIRECTION = [
    # The 1998 date is Eagle Eye's: nothing about Allied Force's start is contradicted.
    pytest.param("Operation Allied Force was preceded in 1998 by Operation Eagle Eye.", "preceded", "unverified",
                 id="preceded-by-unknown"),
    pytest.param("IFOR was replaced by SFOR on 20 December 1996.", "replaced", "supported", id="replaced-by"),
    pytest.param("SFOR replaced IFOR on 20 December 1996.", "replaced", "supported", id="replaced-active"),
    # A handover year is checked against the handover (SFOR ended in December 2004), not against the period of
    # the operation that took over (EUFOR Althea was running in 2006).
    pytest.param("SFOR handed over to the EU's Operation Althea in 2006.", "handed over", "contradicted",
                 id="handover-checked-as-handover"),
    # A handover to something the reference lacks decides nothing.
    pytest.param("SFOR handed over to Operation Blue Harbour in 2004.", "handed over", "unverified",
                 id="handover-to-unknown"),
    # The side that took over began that day, whether or not the reference knows the side before it.
    pytest.param("IFOR, which took over from UNPROFOR on 20 December 1995, had 60,000 troops.", "took over",
                 "supported", id="took-over-is-a-start"),
    pytest.param("IFOR took over from UNPROFOR on 20 December 1996.", "took over", "contradicted",
                 id="took-over-wrong-day"),
]


INSTRUMENT_OWNERS = [
    # The participle hangs on SFOR: 1088 is SFOR's basis, and IFOR's is not in question.
    pytest.param("On 20 December 1996 IFOR was replaced by the Stabilisation Force (SFOR), authorised by "
                 "Resolution 1088.", "sfor", "supported", id="participle-on-the-later-side"),
    pytest.param("IFOR, authorised by Resolution 1088, deployed in December 1995.", "ifor", "contradicted",
                 id="participle-on-the-subject"),
]


@pytest.mark.parametrize(("text", "owner", "verdict"), INSTRUMENT_OWNERS)
def test_an_instrument_belongs_to_what_it_hangs_on(project_nlp: Language, text: str, owner: str,
                                                   verdict: str) -> None:
    """A resolution is checked as the basis of the operation whose words it hangs on."""
    analysis = analyse(project_nlp, text)
    legal = [a for a in to_json(analysis)["documents"][0]["claims"][0]["assertions"] if a["role"] == "legal_basis"]
    assert [(a["subject"], a["verdict"]) for a in legal] == [(owner, verdict)]


@pytest.mark.parametrize(("text", "quote", "verdict"), DIRECTION)
def test_handovers_have_a_direction(project_nlp: Language, text: str, quote: str, verdict: str) -> None:
    """'Preceded by', 'replaced by', 'replaced' and 'handed over to' date the right side of a handover."""
    result = claim_over(analyse(project_nlp, text), quote)
    assert result.judgement.verdict == verdict, result.judgement.explanation


def test_each_assertion_has_its_own_verdict(project_nlp: Language) -> None:
    """'Essential Harvest, led by France, ended in September 2001': the date is checked, the lead nation is not
    recorded, so the claim is not supported and the report says which part is which."""
    analysis = analyse(project_nlp, "Operation Essential Harvest, led by France, ended in September 2001.")
    result = claim_over(analysis, "Essential Harvest")
    assert result.judgement.verdict == "unverified"
    assertions = to_json(analysis)["documents"][0]["claims"][0]["assertions"]
    by_role = {a["role"]: a for a in assertions}
    assert by_role["end"]["verdict"] == "supported" and by_role["end"]["value"] == "2001-09"
    assert by_role["end"]["subject"] == "operation-essential-harvest"
    assert by_role["leader"]["verdict"] == "unverified" and "France" in by_role["leader"]["explanation"]
    start, end = by_role["end"]["start"], by_role["end"]["end"]
    assert analysis.documents[0].document.text[start:end] == "September 2001"


SHAPES = [
    # A table row is a record: the header says what each cell asserts.
    pytest.param("# Operations\n\n| Operation | Dates | Legal basis |\n|---|---|---|\n"
                 "| Operation Deny Flight | 1993–1995 | UNSCR 816 |\n", True, "1993–1995", "supported",
                 "operation-deny-flight", id="table-dates"),
    pytest.param("# Operations\n\n| Operation | Dates | Legal basis |\n|---|---|---|\n"
                 "| Operation Deny Flight | 1993–1995 | UNSCR 816 |\n", True, "UNSCR 816", "supported",
                 "operation-deny-flight", id="table-legal-basis"),
    # A table row about an operation the reference lacks: a gap, not a claim about the row above.
    pytest.param("# Operations\n\n| Operation | Start |\n|---|---|\n| KFOR | June 1999 |\n"
                 "| Eagle Assist | October 2001 |\n", True, "October 2001", "unverified", None, id="table-unknown-row"),
    # A numbered listicle heading opens a section and states its dates.
    pytest.param("Six operations\n\n1. Operation Sharp Guard (1993–1996)\n\nIt enforced the embargo at sea.\n\n"
                 "2. Operation Deny Flight (1993–1995)\n\nIt ran from Italian bases.\n", False,
                 "Operation Sharp Guard (1993–1996)", "supported", "operation-sharp-guard", id="numbered-heading"),
    # An FAQ answer takes the question's subject.
    pytest.param("FAQ\n\nWhen did Operation Deliberate Force begin?\n\nIt began on 30 August 1995.\n", False,
                 "It began on 30 August 1995", "supported", "operation-deliberate-force", id="faq-answer"),
    # Lines in a box drawn with characters are read.
    pytest.param("Kosovo\n\n┌──────────────────────────────┐\n│ • KFOR entered Kosovo in June 1999. │\n"
                 "└──────────────────────────────┘\n", False, "KFOR entered Kosovo", "supported", "kfor", id="box"),
    # A two-column table of facts: each row is a field of the section's subject.
    pytest.param("# Operation Allied Force\n\nThe campaign was fought from the air.\n\n| Fact | Figure |\n|---|---|\n"
                 "| Duration | 78 days |\n| Sorties | about 38,000 |\n", True, "about 38,000", "supported",
                 "operation-allied-force", id="fact-table"),
    # A fact box under a heading: each field is read for the section's subject.
    pytest.param("Operation Allied Force\n\nQuick facts:\nLaunched: 24 March 1999\nEnded: 10 June 1999\n", False,
                 "Ended: 10 June 1999", "supported", "operation-allied-force", id="fact-box"),
]


@pytest.mark.parametrize(("text", "markdown", "quote", "verdict", "topic"), SHAPES)
def test_article_shapes(project_nlp: Language, text: str, markdown: bool, quote: str, verdict: str,
                        topic: str | None) -> None:
    """Tables, numbered headings, FAQs, boxes and fact boxes give claims about the right subject."""
    result = claim_over(analyse(project_nlp, text, markdown=markdown), quote)
    assert result.judgement.verdict == verdict, result.judgement.explanation
    assert result.claim.topic == ((topic,) if topic else ())


WORDS = [
    # "no-fly zone" is no negation.
    pytest.param("Operation Deny Flight enforced the no-fly zone authorised by UN Security Council Resolution 816.",
                 "Deny Flight", "supported", id="no-fly-zone"),
    # "non-Article 5" denies the basis of the operation it describes.
    pytest.param("Operation Active Endeavour was a non-Article 5 operation.", "non-Article 5", "contradicted",
                 id="non-article-5"),
    # Thousands separated by a space, as in translated text; and numbers in words.
    pytest.param("IFOR deployed about 60 000 soldiers.", "60 000", "supported", id="space-thousands"),
    pytest.param("IFOR deployed sixty thousand soldiers.", "sixty thousand", "supported", id="number-words"),
    # "mid-1999" is not March: the start of Allied Force is contradicted.
    pytest.param("Operation Allied Force began in mid-1999.", "mid-1999", "contradicted", id="mid-year"),
    # Day-first dates, ISO dates and a month without a year that takes the paragraph's year.
    pytest.param("Operation Allied Force began on 24.03.1999.", "24.03.1999", "supported", id="dotted-date"),
    pytest.param("Operation Allied Force began on 1999-03-24.", "1999-03-24", "supported", id="iso-date"),
    pytest.param("Operation Allied Force was a campaign of 1999. It began on 24 March.", "24 March", "supported",
                 id="month-without-year"),
    pytest.param("Operation Allied Force lasted two and a half months.", "two and a half", "supported",
                 id="two-and-a-half-months"),
    # A day count is right counted with or without the last day, and wrong otherwise.
    pytest.param("Operation Allied Force lasted 77 days.", "77 days", "contradicted", id="a-day-short"),
]


@pytest.mark.parametrize(("text", "quote", "verdict"), WORDS)
def test_words(project_nlp: Language, text: str, quote: str, verdict: str) -> None:
    """The words of issue 7's sixth class, each a row."""
    result = claim_over(analyse(project_nlp, text), quote)
    assert result.judgement.verdict == verdict, result.judgement.explanation


LEADERS_AND_JUDGEMENTS = [
    pytest.param("Operation Allied Force was commanded by General Wesley Clark.", "Wesley Clark", "unverified",
                 "leadership", id="commander"),
    pytest.param("Operation Amber Fox had Germany as lead nation.", "Germany", "unverified", "leadership",
                 id="lead-nation"),
    pytest.param("Operation Allied Force was a watershed for the Alliance.", "watershed", "evaluative", "outcome",
                 id="watershed"),
    pytest.param("Operation Unified Protector was contested. Defenders counter that it saved Benghazi.",
                 "Defenders counter", "evaluative", "outcome", id="defenders-counter"),
]


@pytest.mark.parametrize(("text", "quote", "verdict", "aspect"), LEADERS_AND_JUDGEMENTS)
def test_leaders_and_judgements(project_nlp: Language, text: str, quote: str, verdict: str, aspect: str) -> None:
    """Lead nations and commanders are leadership claims the reference cannot decide; judgements without stock
    words are for an editor."""
    result = claim_over(analyse(project_nlp, text), quote)
    assert aspect in result.claim.aspects
    assert result.judgement.verdict == verdict, result.judgement.explanation


def test_one_disagreement_per_conflicting_group(project_nlp: Language) -> None:
    """Three articles on one start date, two agreeing: one disagreement listing every claim involved."""
    analysis = analyse(project_nlp, "KFOR was established in 1999.", "KFOR was established in 1999.",
                       "KFOR was established in 2005.")
    assert len(analysis.disagreements) == 1
    group = analysis.disagreements[0]
    assert group.subject == "kfor" and group.aspect == "date"
    assert {p for p, _ in group.claims} == {"a.txt", "b.txt", "c.txt"}


def test_different_events_are_not_a_disagreement(project_nlp: Language) -> None:
    """The UN authorising ISAF and NATO taking command of it are two events, not two dates of one."""
    analysis = analyse(project_nlp, "The UN Security Council authorised ISAF in December 2001.",
                       "NATO took command of ISAF in August 2003.")
    assert analysis.disagreements == []


def test_disagreements_in_linear_time(project_nlp: Language) -> None:
    """Claims are compared only within their (subject, aspect) group: many articles, few comparisons."""
    analysis = analyse(project_nlp, "KFOR was established in 1999.", "KFOR was established in 2005.")
    docs = [(f"doc{i}.txt", [c.claim for c in analysis.documents[i % 2].claims]) for i in range(400)]
    found = find_disagreements(analysis.reference, docs)
    assert len(found) == 1 and len(found[0].claims) == 400


def test_results_survive_the_cache(project_nlp: Language) -> None:
    """A cached result is the result: claims with unknown subjects and checks with roles, values and places come
    back equal, so a cached report is byte-identical to a fresh one."""
    from claimcheck.cache import claim_from_json, claim_to_json, judgement_from_json, judgement_to_json

    analysis = analyse(project_nlp, "Operation Essential Harvest, led by France, ended in September 2001. "
                                    "Operation Eagle Assist began in October 2001.")
    results = analysis.documents[0].claims
    assert results and any(r.claim.unknown for r in results)
    for r in results:
        assert claim_from_json(claim_to_json(r.claim)) == r.claim
        assert judgement_from_json(judgement_to_json(r.judgement), analysis.reference) == r.judgement


@pytest.mark.parametrize(("text", "ranges"), [
    ("1993–1996", [(1993, 1996)]),
    ("the 1995-96 winter", [(1995, 1996)]),
    ("16 Dec 2002 – 31 Mar 2003", []),  # 31 is a day of March, not the year 2031
])
def test_year_ranges(text: str, ranges: list[tuple[int, int]]) -> None:
    """A two-digit end of a year range is a year only when no month follows it."""
    from claimcheck import values as V

    assert V.find_ranges(text) == ranges


@pytest.mark.parametrize(("text", "dates"), [
    ("UNSCRs on Somali piracy (1816 and follow-ons)", []),  # a resolution's number, not the year 1816
    ("under Resolution 1244 (1999)", ["1999"]),  # the year the resolution was adopted
    ("adopted Resolution 1973 in 2011", ["2011"]),
    ("ISAF was established on 2001-12-20.", ["2001-12-20"]),  # an ISO date, not the years 2001 to 2012
])
def test_numbers_near_resolutions(text: str, dates: list[str]) -> None:
    """Numbers written after resolutions are their numbers unless a date word or brackets make them years."""
    from claimcheck import values as V

    assert [d.iso() for d in V.find_dates(text)] == dates
    assert V.find_ranges(text) == []


def test_it_may_mean_the_sections_subject(project_nlp: Language) -> None:
    """'It' after a sentence that named another operation, in a section about Resolute Support: a value that the
    section's subject fits is not contradicted for the operation named in passing."""
    text = ("Missions\n\nResolute Support Mission\n\nISAF had 130,000 troops at its peak. It ended in September "
            "2021.\n")
    result = claim_over(analyse(project_nlp, text), "It ended in September 2021")
    assert result.judgement.verdict == "supported", result.judgement.explanation
    assert "Resolute Support" in result.judgement.explanation


def test_an_era_named_in_passing_is_not_the_subject(project_nlp: Language) -> None:
    """'The 1990s marked a turning point after the Cold War': the clause is not about the Cold War."""
    analysis = analyse(project_nlp, "History\n\nThe 1990s marked a significant turning point after the Cold War.")
    assert all("Cold War" not in c.claim.unknown for d in analysis.documents for c in d.claims)
