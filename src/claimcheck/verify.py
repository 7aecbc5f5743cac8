"""Verification: check each claim's values against the reference facts and give it a verdict with evidence."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from claimcheck.claims import Claim
from claimcheck.reference import (
    OPERATIONAL_TYPES,
    DomainsFact,
    EventFact,
    Fact,
    LeadFact,
    OutcomeFact,
    PeriodFact,
    QuantityFact,
    Reference,
    SuccessionFact,
    TermsFact,
)
from claimcheck.values import DateValue, Duration, Quantity, durations_table

Verdict = Literal["supported", "contradicted", "unverified", "evaluative"]
Status = Literal["supported", "contradicted", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("contradicted", "unverified", "evaluative", "supported")
# Which recorded events a date with a given role can be checked against.
START_EVENTS = frozenset({"founded", "signed", "lead_assumed", "adopted", "announced"})
ROLE_EVENTS = {"signed": {"signed", "founded"}, "adopted": {"adopted"}, "invoked": {"invoked"}, "joined": {"joined"}}
# Roles checked as another: the first forces arriving as the start, forces leaving as the end.
CHECKED_AS = {"deployment": "start", "withdrawal": "end"}


@dataclass(frozen=True)
class Check:
    """The outcome of checking one thing a claim states."""

    aspect: str
    status: Status
    message: str
    facts: tuple[Fact, ...] = ()
    role: str = ""  # what the value is to its subject: start, end, transition, duration, leader, count …
    value: str = ""  # the value as the claim states it, normalised
    subject: tuple[str, ...] = ()  # the entities it was checked against
    at: tuple[int, int] | None = None  # where the value stands in the claim's clause text, when known


@dataclass
class Judgement:
    """A claim's verdict, the facts behind it, and a one-line explanation."""

    verdict: Verdict
    explanation: str
    checks: list[Check] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def evidence(self) -> list[dict[str, str]]:
        """One {fact, source} pair for every source of every fact used, in order."""
        return [{"fact": f.id, "source": s.url} for f in self.facts for s in f.sources]


@dataclass(frozen=True)
class Period:
    """When something ran: start, end (None while ongoing), and the facts that say so."""

    start: dt.date
    end: dt.date | None
    facts: tuple[Fact, ...]

    def last_day(self, as_of: dt.date) -> dt.date:
        return self.end or as_of

    def describe(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat() if self.end else 'today (ongoing)'}"


def name(ref: Reference, ids: Iterable[str]) -> str:
    """Readable names for entity ids: 'KFOR' or 'IFOR and SFOR'."""
    names = [ref.entities[i].name if i in ref.entities else i for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def period(ref: Reference, ids: Iterable[str]) -> Period | None:
    """The span covered by the entities' recorded periods taken together, or None when none is recorded."""
    facts = [f for i in ids for f in ref.facts_for(i, "period") if isinstance(f, PeriodFact)]
    if not facts:
        return None
    end = None if any(f.ongoing for f in facts) else max(f.end for f in facts if f.end)
    return Period(min(f.start for f in facts), end, tuple(facts))


def _when(value: DateValue) -> str:
    """'on 1999-06-12' for a day, 'in 1999-06', 'in mid-1999' or 'in 1999' otherwise."""
    return f"on {value.iso()}" if value.day else f"in {value.iso()}"


def same_date(claimed: DateValue, actual: dt.date) -> bool:
    """Whether a date written at some precision (year, month or day) names the actual date."""
    low, high = claimed.month_range()
    return claimed.year == actual.year and low <= actual.month <= high and claimed.day in (None, actual.day)


def _supported(aspect: str, message: str, *facts: Fact) -> Check:
    return Check(aspect, "supported", message, tuple(facts))


def _contradicted(aspect: str, message: str, *facts: Fact) -> Check:
    return Check(aspect, "contradicted", message, tuple(facts))


def _unknown(aspect: str, message: str) -> Check:
    return Check(aspect, "unknown", message)


# --- dates and durations -------------------------------------------------------------------------------

def check_date(ref: Reference, ids: tuple[str, ...], value: DateValue, role: str, as_of: dt.date,
               successors: tuple[str, ...]) -> Check:
    """Check one dated statement ('launched in 2011', 'ended in 2021', 'in 1999') about the entities."""
    who = name(ref, ids)
    when = _when(value)
    span = period(ref, ids)
    events = [f for i in ids for f in ref.facts_for(i, "event") if isinstance(f, EventFact)]
    role = CHECKED_AS.get(role, role)
    if role == "phase":
        return _unknown("date", f"no phases of {who} are recorded")
    if role == "transition":
        return _check_transition(ref, ids, value, successors)
    if role in ROLE_EVENTS:
        kinds = ROLE_EVENTS[role]
        relevant = [e for e in events if e.event in kinds]
        if not relevant:
            return _unknown("date", f"no date of being {role} is recorded for {who}")
        hit = next((e for e in relevant if same_date(value, e.date)), None)
        if hit:
            return _supported("date", f"{name(ref, [hit.entity])} was {hit.event.replace('_', ' ')} on {hit.date}",
                              hit)
        first = relevant[0]
        return _contradicted("date", f"{name(ref, [first.entity])} was {first.event.replace('_', ' ')} on "
                                     f"{first.date}, not {when}", *relevant)
    if role == "command":
        taken = [e for e in events if e.event == "lead_assumed"]
        hit = next((e for e in taken if same_date(value, e.date)), None)
        if hit:
            return _supported("date", f"{name(ref, [hit.entity])}: lead assumed on {hit.date}", hit)
        if taken:
            return _contradicted("date", f"{name(ref, [taken[0].entity])}: lead assumed on {taken[0].date}, not {when}",
                                 *taken)
        role = "start"  # no separate handover of command: taking command is the start
    if role == "start":
        starts = [(span.start, "began", span.facts)] if span else []
        starts += [(e.date, e.event.replace("_", " "), (e,)) for e in events if e.event in START_EVENTS]
        for day, what, facts in starts:
            if same_date(value, day):
                return _supported("date", f"{who}: {what} on {day}", *facts)
        if starts:
            day, what, facts = starts[0]
            return _contradicted("date", f"{who}: {what} on {day}, not {when}", *facts)
        return _unknown("date", f"no start date is recorded for {who}")
    if role == "end":
        if span is None:
            return _unknown("date", f"no end date is recorded for {who}")
        if span.end is None:
            return _contradicted("date", f"{who} has not ended: it has run since {span.start}", *span.facts)
        if same_date(value, span.end):
            return _supported("date", f"{who} ended on {span.end}", *span.facts)
        return _contradicted("date", f"{who} ended on {span.end}, not {when}", *span.facts)
    return _check_active(ref, ids, value, span, events, as_of)


def _check_active(ref: Reference, ids: tuple[str, ...], value: DateValue, span: Period | None,
                  events: list[EventFact], as_of: dt.date) -> Check:
    who = name(ref, ids)
    if span is not None:
        if _within(value, span.start, span.last_day(as_of)):
            return _supported("date", f"{who} ran {span.describe()}, which includes {value.iso()}", *span.facts)
        return _contradicted("date", f"{who} ran {span.describe()}, not {_when(value)}", *span.facts)
    hit = next((e for e in events if same_date(value, e.date)), None)
    if hit:
        return _supported("date", f"{who}: {hit.event.replace('_', ' ')} on {hit.date}", hit)
    return _unknown("date", f"no recorded date of {who} falls in {value.iso()}")


def _within(value: DateValue, start: dt.date, end: dt.date) -> bool:
    """Whether a date written at year, month or day precision falls within [start, end]."""
    months = value.month_range()
    lo = (value.year, months[0], value.day or 1)
    hi = (value.year, months[1], value.day or 31)
    return lo <= (end.year, end.month, end.day) and hi >= (start.year, start.month, start.day)


def _check_transition(ref: Reference, ids: tuple[str, ...], value: DateValue,
                      named: tuple[str, ...]) -> Check:
    """A handover date: checked against the recorded transitions of the entities, either way round (it gave way
    to something, or something gave way to it), restricted to the other party when the sentence names one.
    A date that fits none is contradicted only when exactly one transition is in question."""
    pairs = []
    for entity in ids:
        pairs += [(entity, f.successor, f) for f in ref.facts_for(entity, "succeeded_by")
                  if isinstance(f, SuccessionFact)]
        pairs += [(f.entity, entity, f) for other in ref.entities for f in ref.facts_for(other, "succeeded_by")
                  if isinstance(f, SuccessionFact) and f.successor == entity]
    pairs = list({f.id: (old, new, f) for old, new, f in pairs}.values())
    if named:
        # The handover the sentence names: between its subject and the party it names, not any other.
        pairs = [(old, new, f) for old, new, f in pairs
                 if (old in named and new == ids[0]) or (new in named and old == ids[0])]
    dated = []
    for old, new, fact in pairs:
        before, after = period(ref, [old]), period(ref, [new])
        days = [(d, p) for d, p in ((before.end if before else None, before), (after.start if after else None, after))
                if d and p]
        for day, p in days:
            if same_date(value, day):
                return _supported("date", f"{name(ref, [old])} gave way to {name(ref, [new])} on {day}", fact, *p.facts)
        if days:
            dated.append((old, new, fact, days[-1]))
    if len(dated) == 1:
        old, new, fact, (day, p) = dated[0]
        return _contradicted("date", f"{name(ref, [old])} gave way to {name(ref, [new])} on {day}, not {_when(value)}",
                             fact, *p.facts)
    others = [n[1:] for n in named if n.startswith("~")]
    if others:
        return _unknown("date", f"no handover between {name(ref, ids)} and {', '.join(others)} is recorded")
    return _unknown("date", f"no single recorded handover of {name(ref, ids)} is dated {value.iso()}")


def check_decade(ref: Reference, ids: tuple[str, ...], decade: int, as_of: dt.date) -> Check:
    """Check 'in the 1990s' against when the entities ran."""
    span = period(ref, ids)
    who = name(ref, ids)
    if span is None:
        return _unknown("date", f"no period is recorded for {who}")
    if span.start.year <= decade + 9 and span.last_day(as_of).year >= decade:
        return _supported("date", f"{who} ran {span.describe()}, within the {decade}s", *span.facts)
    return _contradicted("date", f"{who} ran {span.describe()}, not in the {decade}s", *span.facts)


def check_range(ref: Reference, ids: tuple[str, ...], years: tuple[int, int]) -> Check:
    """Check 'from 1995 to 2004' against the recorded start and end years."""
    span = period(ref, ids)
    who = name(ref, ids)
    if span is None:
        return _unknown("date", f"no period is recorded for {who}")
    end_year = span.end.year if span.end else None
    if span.start.year == years[0] and end_year == years[1]:
        return _supported("date", f"{who} ran {span.describe()}", *span.facts)
    return _contradicted("date", f"{who} ran {span.describe()}, not {years[0]} to {years[1]}", *span.facts)


def check_duration(ref: Reference, ids: tuple[str, ...], duration: Duration, as_of: dt.date) -> Check:
    """Check '78-day' or 'decade-long' against the length of the recorded period."""
    span = period(ref, ids)
    who = name(ref, ids)
    if span is None:
        return _unknown("duration", f"no period is recorded for {who}")
    table = durations_table()
    if span.last_day(as_of) < span.start:
        return _unknown("duration", f"{who} had not begun by {as_of}")
    actual = (span.last_day(as_of) - span.start).days / table["units"][duration.unit]
    shown = f"{actual:.0f} {duration.unit}s" if actual >= 2 else f"{actual:.1f} {duration.unit}s"
    tolerance = table["tolerance"][duration.unit]
    if duration.bound == "lower":
        fits = actual >= duration.amount - tolerance
    elif duration.bound == "upper":
        fits = actual <= duration.amount + tolerance and actual >= duration.amount * 0.5
    else:
        # Days are counted without or with the last day: both counts are right.
        extra = 1 / table["units"][duration.unit] if duration.unit == "day" else 0
        fits = abs(actual - duration.amount) <= tolerance or abs(actual + extra - duration.amount) <= tolerance
    if fits:
        return _supported("duration", f"{who} ran {span.describe()}, about {shown}", *span.facts)
    return _contradicted("duration", f"{who} ran {span.describe()}, about {shown}, not '{duration.text}'",
                         *span.facts)


# --- legal basis, leadership, scope, mandate -----------------------------------------------------------

def check_legal(ref: Reference, claim: Claim) -> list[Check]:
    """Check the instruments and the UN authorisation a claim names."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids)
    basis = [f for i in ids for f in ref.facts_for(i, "legal_basis")]
    auth = [f for i in ids for f in ref.facts_for(i, "un_authorisation")]
    known = {b for f in basis for b in f.basis} | {r for f in auth for r in f.resolutions}
    checks = []
    known_numbers = {ref.entities[k].number for k in known if k in ref.entities and ref.entities[k].number}
    unknown_numbers = [n for n in v.resolutions if n not in ref.resolution_by_number]
    if unknown_numbers:
        # A resolution the reference does not record may still be part of the basis: it decides nothing.
        listed = f" (recorded: {', '.join(str(n) for n in sorted(known_numbers))})" if known_numbers else ""
        checks.append(_unknown("legal_basis", f"resolution {', '.join(map(str, unknown_numbers))} is not in the "
                                              f"reference{listed}"))
    if v.instruments:
        listed = name(ref, sorted(known)) if known else ""
        missing = [i for i in v.instruments if i not in known]
        if not missing:
            checks.append(_supported("legal_basis", f"{who} rests on {name(ref, v.instruments)}", *basis, *auth))
        elif known:
            checks.append(_contradicted("legal_basis", f"{who} rests on {listed}, not {name(ref, missing)}",
                                        *basis, *auth))
        else:
            checks.append(_unknown("legal_basis", f"no legal basis is recorded for {who}"))
    for denied in v.instruments_excluded:
        if denied in known:
            checks.append(_contradicted("legal_basis", f"{who} rests on {name(ref, [denied])}", *basis))
        elif basis:
            checks.append(_supported("legal_basis", f"{who} rests on {name(ref, sorted(known))}, not "
                                                    f"{name(ref, [denied])}", *basis))
        else:
            checks.append(_unknown("legal_basis", f"no legal basis is recorded for {who}"))
    if v.authorised is not None:
        if not auth:
            checks.append(_unknown("legal_basis", f"no UN Security Council authorisation is recorded for {who}"))
        elif any(f.authorised == v.authorised for f in auth):
            said = "was authorised" if v.authorised else "had no authorisation"
            checks.append(_supported("legal_basis", f"{who} {said} by the UN Security Council", *auth))
        else:
            said = "was not authorised" if v.authorised else "was authorised"
            checks.append(_contradicted("legal_basis", f"{who} {said} by the UN Security Council", *auth))
    return checks


def check_leadership(ref: Reference, claim: Claim) -> list[Check]:
    """Check who led it and what it gave way to."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids[:1])
    checks = []
    if v.leaders:
        leads = [f for i in ids for f in ref.facts_for(i, "led_by") if isinstance(f, LeadFact)]
        by = {b for f in leads for b in f.by}
        if not leads:
            checks.append(_unknown("leadership", f"no leadership is recorded for {name(ref, ids)}"))
        elif set(v.leaders) <= by:
            checks.append(_supported("leadership", f"{name(ref, ids)} led by {name(ref, v.leaders)}", *leads))
        else:
            checks.append(_contradicted("leadership", f"{name(ref, ids)} was led by {name(ref, sorted(by))}, "
                                                      f"not {name(ref, v.leaders)}", *leads))
    checks += [_unknown("leadership", f"the reference does not record {leader} as leading {name(ref, ids)}")
               for leader in v.actor_leaders]
    checks += [check_founder(ref, ids, founder) for founder in v.founders]
    checks += [check_successor_leader(ref, ids[0], leader) for leader in v.successor_leaders]
    if v.successors:
        facts = [f for f in ref.facts_for(ids[0], "succeeded_by") if isinstance(f, SuccessionFact)]
        after = {f.successor for f in facts}
        if not facts:
            checks.append(_unknown("leadership", f"no successor is recorded for {who}"))
        elif set(v.successors) <= after:
            checks.append(_supported("leadership", f"{who} was succeeded by {name(ref, v.successors)}", *facts))
        else:
            checks.append(_contradicted("leadership", f"{who} was succeeded by {name(ref, sorted(after))}, "
                                                      f"not {name(ref, v.successors)}", *facts))
    return checks


def check_successor_leader(ref: Reference, entity: str, leader: str) -> Check:
    """'handed over to a UN mission': the recorded successor must be led by that organisation."""
    who, by = name(ref, [entity]), name(ref, [leader])
    successions = [f for f in ref.facts_for(entity, "succeeded_by") if isinstance(f, SuccessionFact)]
    leads = [f for s in successions for f in ref.facts_for(s.successor, "led_by") if isinstance(f, LeadFact)]
    if not leads:
        return _unknown("leadership", f"no leader is recorded for what followed {who}")
    if any(leader in f.by for f in leads):
        return _supported("leadership", f"{who} handed over to a mission led by {by}", *successions, *leads)
    real = name(ref, sorted({b for f in leads for b in f.by}))
    return _contradicted("leadership", f"{who} handed over to {name(ref, [successions[0].successor])}, led by "
                                       f"{real}, not {by}", *successions, *leads)


def check_founder(ref: Reference, ids: tuple[str, ...], founder: str) -> Check:
    """'NATO launched ISAF': the organisation must have led it from its start, not taken it over later."""
    who, by = name(ref, ids), name(ref, [founder])
    span = period(ref, ids)
    leads = [f for i in ids for f in ref.facts_for(i, "led_by") if isinstance(f, LeadFact) and founder in f.by]
    if span is None or not leads:
        return _unknown("leadership", f"no record of who started {who}")
    since = min((f.since or span.start) for f in leads)
    if (since - span.start).days > 31:
        return _contradicted("leadership", f"{who} began on {span.start}; {by} took it over on {since}",
                             *leads, *span.facts)
    return _supported("leadership", f"{who} was led by {by} from its start on {span.start}", *leads, *span.facts)


def _sets(facts: list[Fact], include: Callable[[Fact], list[str]],
          exclude: Callable[[Fact], list[str]]) -> tuple[set[str], set[str]]:
    return {x for f in facts for x in include(f)}, {x for f in facts for x in exclude(f)}


def _check_included(aspect: str, what: str, who: str, said: tuple[str, ...], denied: tuple[str, ...],
                    facts: list[Fact], included: set[str], excluded: set[str]) -> list[Check]:
    """Stated items must be recorded as included and none excluded; denied ones the other way round."""
    if not facts:
        return [_unknown(aspect, f"no {what} is recorded for {who}")]
    clash = [x for x in said if x in excluded] + [x for x in denied if x in included]
    if clash:
        return [_contradicted(aspect, f"the reference records {what} of {who} that rule out "
                                      f"{', '.join(x.replace('_', ' ') for x in clash)}", *facts)]
    if all(x in included for x in said) and all(x in excluded for x in denied):
        items = ", ".join(x.replace("_", " ").replace("-", " ") for x in (*said, *denied))
        verb = "include" if what.endswith("s") else "includes"
        return [_supported(aspect, f"the {what} of {who} {verb} {items}" if said else
                           f"the reference excludes {items} for {who}", *facts)]
    missing = [x for x in said if x not in included] + [x for x in denied if x not in excluded]
    return [_unknown(aspect, f"{', '.join(x.replace('_', ' ') for x in missing)}: not recorded "
                             f"in the {what} of {who}")]


def check_domains(ref: Reference, claim: Claim) -> list[Check]:
    """Check force domains (air, maritime, ground) stated or denied."""
    ids, v = claim.topic, claim.values
    if not (v.domains or v.domains_excluded):
        return []
    facts = [f for i in ids for f in ref.facts_for(i, "domains") if isinstance(f, DomainsFact)]
    inc, exc = _sets(facts, lambda f: f.include, lambda f: f.exclude)
    return _check_included("scope", "force domains", name(ref, ids), v.domains, v.domains_excluded, facts, inc, exc)


def check_distinctions(ref: Reference, claim: Claim) -> list[Check]:
    """Check 'first ...' distinctions: held by one of the subjects, or (contradicted) by another entity."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids)
    checks = []
    for term in v.distinctions:
        own = [f for i in ids for f in ref.facts_for(i, "distinction") if term in f.terms]
        other = [f for f in ref.facts.values() if f.aspect == "distinction" and term in f.terms and f.entity not in ids]
        label = term.replace("-", " ")
        if own:
            checks.append(_supported("scope", f"the reference records {who} as: {label}", *own))
        elif other:
            checks.append(_contradicted("scope", f"the reference records {name(ref, [other[0].entity])}, "
                                                 f"not {who}, as: {label}", *other))
        else:
            checks.append(_unknown("scope", f"no record of '{label}' for {who}"))
    return checks


def check_mandate(ref: Reference, claim: Claim) -> list[Check]:
    """Check the tasks a claim gives a mission against its recorded mandate."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids)
    facts = [f for i in ids for f in ref.facts_for(i, "mandate") if isinstance(f, TermsFact)]
    if not v.mandate and not v.mandate_excluded:
        return [_unknown("mandate", f"the stated aim of {who} names no recorded mandate task")]
    inc, exc = _sets(facts, lambda f: f.terms, lambda f: f.exclude)
    checks = _check_included("mandate", "mandate", who, v.mandate, v.mandate_excluded, facts, inc, exc)
    if v.mandate_unmatched and facts:
        listed = ", ".join(f"'{t}'" for t in v.mandate_unmatched)
        checks.append(_unknown("mandate", f"{listed}: not a recorded task of {who}"))
    return checks


# --- quantities ------------------------------------------------------------------------------------------

def check_quantity(ref: Reference, claim: Claim, q: Quantity, as_of: dt.date) -> Check:
    """Check a count against recorded counts of the same measure."""
    ids = claim.topic
    who = name(ref, ids)
    # A count of troops is checked against every recorded troop count (troops_peak, troops_initial, ...).
    facts = [f for i in ids for f in ref.facts_for(i, "quantity")
             if isinstance(f, QuantityFact) and f.measure.startswith(q.measure)]
    if q.value is None:
        return _unknown("quantity", f"'{q.text}' is too vague to check")
    if not facts:
        return _unknown("quantity", f"no {q.measure.replace('_', ' ')} count is recorded for {who}")
    if q.measure == "member_states":
        return _check_members(ref, claim, q, facts, as_of)
    if (when := _claim_time(claim, as_of)) is not None:
        facts = _counts_at(facts, when, period(ref, ids))
        if not facts:
            return _unknown("quantity", f"no {q.measure.replace('_', ' ')} count is recorded for {who} in {when.year}")
    close = sorted((f for f in facts if _close(q.value, f.value, q.approximate or f.approximate)),
                   key=lambda f: f.valid_from or dt.date.min, reverse=True)
    if close:
        return _supported("quantity", f"{who}: {close[0].measure.replace('_', ' ')} {close[0].value:,}", *close)
    peaks = [f for f in facts if f.measure.endswith("_peak")]
    if peaks and q.value > max(f.value for f in peaks) * 1.1:
        top = max(peaks, key=lambda f: f.value)
        return _contradicted("quantity", f"{who} peaked at {top.value:,}, fewer than {q.value:,}", top)
    dated = [f for f in facts if f.valid_from is not None]
    if dated and _claim_time(claim, as_of) is not None and not any(_close(q.value, f.value, True) for f in dated):
        latest = max(dated, key=lambda f: f.valid_from)
        if abs(q.value - latest.value) > 0.25 * latest.value:
            return _contradicted("quantity", f"{who}: {latest.measure.replace('_', ' ')} {latest.value:,} "
                                             f"(from {latest.valid_from}), not {q.value:,}", latest)
    exact = [f for f in facts if f.measure == q.measure and not f.valid_from]
    if exact and q.measure != "troops":
        return _contradicted("quantity", f"{who}: {q.measure.replace('_', ' ')} {exact[0].value:,}, not {q.value:,}",
                             *exact)
    return _unknown("quantity", f"{q.value:,} {q.measure.replace('_', ' ')} matches no recorded count for {who}")


def _claim_time(claim: Claim, as_of: dt.date) -> dt.date | None:
    """When a count is said to hold: the year the clause names, now for 'today'/'currently', else None."""
    if claim.values.dates:
        return dt.date(claim.values.dates[0].year, 7, 1)
    if re.search(r"\b(today|currently|now|at present|presently)\b", claim.text, re.IGNORECASE):
        return as_of
    return None


def _counts_at(facts: list[QuantityFact], when: dt.date, span: Period | None) -> list[QuantityFact]:
    """The counts that held at a time: dated ones by their validity, initial ones at the start, peaks always
    (as an upper bound); for 'today', the latest dated count."""
    out = []
    for f in facts:
        if f.measure.endswith("_peak"):
            out.append(f)
        elif f.measure.endswith("_initial"):
            if span is not None and span.start.year == when.year:
                out.append(f)
        elif f.valid_from is not None and f.valid_from.year <= when.year and (f.valid_to is None
                                                                                or when.year <= f.valid_to.year):
            out.append(f)
    dated = [f for f in facts if f.valid_from is not None and f.valid_from <= when
             and not f.measure.endswith("_peak")]
    if not any(f.valid_from is not None for f in out) and dated:
        out.append(max(dated, key=lambda f: f.valid_from))  # the latest count before that time
    return out


def _close(claimed: int, actual: int, approximate: bool) -> bool:
    return abs(claimed - actual) <= (0.1 if approximate else 0.02) * max(actual, 1)


def _check_members(ref: Reference, claim: Claim, q: Quantity, facts: list[QuantityFact],
                   as_of: dt.date) -> Check:
    ordered = sorted(facts, key=lambda f: f.valid_from or dt.date.min)
    if claim.values.founding:
        current = [ordered[0]]
    elif claim.values.dates or (claim.values.past and claim.values.context_years):
        years = {d.year for d in claim.values.dates} or set(claim.values.context_years)
        current = [f for f in ordered if any(_valid_in(f, y) for y in years)]
    elif claim.values.past:
        return _unknown("quantity", f"'{q.text}' names no time; the membership of {name(ref, claim.topic)} "
                                    f"changed over time")
    else:
        current = [f for f in ordered if (f.valid_from or dt.date.min) <= as_of <= (f.valid_to or dt.date.max)]
    who = name(ref, claim.topic)
    if not current:
        return _unknown("quantity", f"no member count is recorded for {who} at that time")
    hit = next((f for f in current if f.value == q.value), None)
    if hit:
        return _supported("quantity", f"{who} had {hit.value} members from {hit.valid_from}", hit)
    shown = ", ".join(f"{f.value} from {f.valid_from}" for f in current)
    return _contradicted("quantity", f"{who} had {shown}, not {q.value} members", *current)


def _valid_in(fact: QuantityFact, year: int) -> bool:
    start, end = fact.valid_from or dt.date.min, fact.valid_to or dt.date.max
    return start.year <= year <= end.year


# --- verdicts --------------------------------------------------------------------------------------------

def checks_for(ref: Reference, claim: Claim, as_of: dt.date) -> list[Check]:
    """Every check the claim's stated values call for, each tagged with the role and value it checks."""
    v, ids = claim.values, claim.topic
    checks: list[Check] = []
    if "date" in claim.aspects:
        for value, role in zip(v.dates, v.date_roles, strict=True):
            checks += _tag(_date_check(ref, claim, value, role, as_of), ids, role, value.iso(),
                           (value.offset, value.end))
        for d in v.decades:
            checks += _tag(_any_of(ref, claim, lambda e, d=d: check_decade(ref, e, d, as_of)), ids, "period", f"{d}s")
        for r in v.ranges:
            checks += _tag(_any_of(ref, claim, lambda e, r=r: check_range(ref, e, r)), ids, "period",
                           f"{r[0]}–{r[1]}")
    if "duration" in claim.aspects:
        for d in v.durations:
            if not v.subject_is_topic:
                checks += _tag(_unknown("duration", f"'{d.text}' is said of something else than {name(ref, ids)}"),
                               ids, "duration", d.text, (d.offset, d.offset + len(d.text)))
                continue
            if d.offset in v.activity_durations:
                # "The mandate was extended for six months": the time of some act, not of the operation.
                checks += _tag(_unknown("duration", f"'{d.text}' times something done, not how long "
                                                    f"{name(ref, ids)} ran"), ids, "duration", d.text,
                               (d.offset, d.offset + len(d.text)))
                continue
            checks += _tag(_any_of(ref, claim, lambda e, d=d: check_duration(ref, e, d, as_of)), ids, "duration",
                           d.text, (d.offset, d.offset + len(d.text)))
    if "legal_basis" in claim.aspects and _organisation(ref, ids) and not any(
            ref.entities[i].type == "treaty" for i in v.instruments if i in ref.entities):
        # "Resolution 816 authorised member states ...": a resolution is no organisation's legal basis.
        checks += _tag(_unknown("legal_basis", f"a resolution is not the legal basis of {name(ref, ids)}"), ids,
                       "legal_basis", ", ".join(v.instruments))
    elif "legal_basis" in claim.aspects:
        basis = ", ".join(v.instruments) or ("authorised" if v.authorised else "not authorised")
        checks += _tag(_each_of(ref, claim, check_legal), ids, "legal_basis", basis)
    if "leadership" in claim.aspects:
        checks += _tag(check_leadership(ref, claim), ids, "leader",
                       ", ".join((*v.leaders, *v.founders, *v.successors, *v.successor_leaders)))
    if "scope" in claim.aspects:
        checks += _tag(_each_of(ref, claim, check_domains) + check_distinctions(ref, claim), ids, "domain",
                       ", ".join((*v.domains, *(f"not {d}" for d in v.domains_excluded), *v.distinctions)))
    if "quantity" in claim.aspects:
        for q in v.quantities:
            checks += _tag(check_quantity(ref, claim, q, as_of), ids, "count", q.text,
                           (q.offset, q.offset + len(q.text)))
    if "mandate" in claim.aspects:
        checks += _tag(_each_of(ref, claim, check_mandate), ids, "task",
                       ", ".join((*v.mandate, *(f"not {m}" for m in v.mandate_excluded), *v.mandate_unmatched)))
    if checks and any(ref.entities[i].type in OPERATIONAL_TYPES for i in claim.topic if i in ref.entities):
        checks += _tag(check_locations(ref, claim), ids, "place", ", ".join(v.locations))
    if checks and v.unchecked:
        checks += _tag(_unknown("content", f"the reference does not record {'; '.join(v.unchecked)}"), ids,
                       "other", "; ".join(v.unchecked))
    return checks


def _tag(checks: Check | list[Check], subject: tuple[str, ...], role: str, value: str,
         at: tuple[int, int] | None = None) -> list[Check]:
    """Checks with the role, value and place they were made for (a check that names its own keeps them)."""
    items = [checks] if isinstance(checks, Check) else checks
    return [replace(c, role=c.role or role, value=c.value or value, subject=c.subject or subject, at=c.at or at)
            for c in items]


def _date_check(ref: Reference, claim: Claim, value: DateValue, role: str, as_of: dt.date) -> list[Check]:
    """The check of one date, by what it marks: a transition, an instrument's event, a start, an end, a time."""
    v, ids = claim.values, claim.topic
    if role == "transition":
        return [check_date(ref, ids, value, role, as_of, v.handover_parties)]
    if role == "active" and _organisation(ref, ids) and len(claim.aspects) > 1:
        return []  # "In 1999, NATO had 19 members": the year dates the count, not NATO
    if _organisation(ref, ids) and role in ("start", "end", "active", "transition", "command") and v.acts_on_object \
            and value.offset in v.predicate_dates:
        # "NATO launched Eastern Sentry on 12 September": the date is of what NATO did, not of NATO.
        return [_unknown("date", f"{_when(value)} dates something {name(ref, ids)} did, not {name(ref, ids)} itself")]
    if not v.subject_is_topic and role not in ROLE_EVENTS and value.offset not in v.own_dates:
        # "Every ISAF commander was replaced in 2003", "there had been no attack since 2010": the date marks
        # something the sentence is about, which is not the subject.
        return [_unknown("date", f"the sentence is about something else than {name(ref, ids)} "
                                 f"{_when(value)}; it decides nothing about {name(ref, ids)}")]
    if role == "active" and claim.topic_source == "context":
        # A sentence naming nothing, in a section about X: what it dates may be any event of the time.
        return [_unknown("date", f"the sentence names no subject; what happened {_when(value)} is not recorded "
                                 f"for {name(ref, ids)}")]
    if role in ROLE_EVENTS:
        # "the Alliance invoked Article 5 on 12 September 2001": the event may be the instrument's.
        return [check_date(ref, (*ids, *v.instruments), value, role, as_of, ())]
    if (owner := _named_before(claim, value.offset)) is not None:
        return [replace(check_date(ref, (owner,), value, role, as_of, ()), subject=(owner,))]
    check = _any_of(ref, claim, lambda e, d=value, r=role: check_date(ref, e, d, r, as_of, ()))
    if role == "active" and check.status == "contradicted" and claim.topic_source not in ("explicit", "unknown"):
        # "The first strikes came on 24 March": a time of something the sentence does not name decides only
        # when it fits; outside the period the sentence may be about something else.
        return [_unknown("date", f"{check.message}; the sentence does not name {name(ref, ids)}")]
    if role == "active" and check.status == "supported" and value.offset in v.activity_dates:
        # "From 2001 it escorted ships": the operation ran then, but that decides nothing about what the
        # sentence says it did.
        check = _unknown("date", f"{check.message}, but what the sentence says happened {_when(value)} is not recorded")
    return [check]


def check_locations(ref: Reference, claim: Claim) -> list[Check]:
    """A place the claim names that is not one the reference links to its subject leaves the claim unverified."""
    known = {p.lower() for i in claim.topic if i in ref.entities for p in ref.entities[i].places}
    unknown = [p for p in claim.values.locations
               if not any(p.lower() in k or k in p.lower() for k in known)]
    if not unknown:
        return []
    return [_unknown("scope", f"{', '.join(unknown)}: not a place the reference records for "
                              f"{name(ref, claim.topic)}")]


def _named_before(claim: Claim, offset: int) -> str | None:
    """With several operations named, a date belongs to the one named last before it
    ('NTM-I was set up in 2004 and NATO Mission Iraq in 2018')."""
    if claim.topic_source != "explicit" or len(claim.topic) < 2:
        return None
    before = [(at, i) for i, at in claim.values.mentions if at < offset and i in claim.topic]
    return max(before)[1] if before else None


def _organisation(ref: Reference, ids: tuple[str, ...]) -> bool:
    return all(ref.entities[i].type in ("organisation", "body") for i in ids if i in ref.entities)


def _each_of(ref: Reference, claim: Claim, check: Callable[[Reference, Claim], list[Check]]) -> list[Check]:
    """A legal basis, scope or mandate said of several operations must hold for each of them: one that
    contradicts it contradicts the claim, and it is supported only if every one supports it."""
    if len(claim.topic) == 1:
        return check(ref, claim)
    each = [check(ref, replace(claim, topic=(i,))) for i in claim.topic]
    if not any(each):
        return []
    flat = [c for checks in each for c in checks]
    bad = [c for c in flat if c.status == "contradicted"]
    if bad:
        return bad[:1]
    if all(checks and all(c.status == "supported" for c in checks) for checks in each):
        return flat
    aspect = flat[0].aspect if flat else "scope"
    return [c for c in flat if c.status == "unknown"][:1] or [_unknown(aspect, f"not every one of "
                                                                       f"{name(ref, claim.topic)} is decided")]


def _any_of(ref: Reference, claim: Claim, check: Callable[[tuple[str, ...]], Check]) -> Check:
    """A date or duration about several operations fits if it fits one of them, or (for 'the intervention in
    Kosovo') all of them taken together; it is contradicted only if it fits none."""
    if len(claim.topic) == 1:
        return check(claim.topic)
    candidates = [(i,) for i in claim.topic]
    if claim.topic_source != "explicit":
        candidates.append(claim.topic)
    each = [check(c) for c in candidates]
    for status in ("supported", "unknown"):
        hit = next((c for c in each if c.status == status), None)
        if hit:
            return hit
    return each[0]


def judge(ref: Reference, claim: Claim, as_of: dt.date) -> Judgement:
    """The verdict on one claim: contradicted beats evaluative beats supported; anything undecided is unverified."""
    if claim.unknown:
        return _judge_unknown(claim)
    if not claim.topic:
        return _judge_event(claim)
    checks = checks_for(ref, claim, as_of)
    if claim.values.negated:
        checks = [_negate(c) for c in checks]
    used = lambda status: _unique(f for c in checks if c.status == status for f in c.facts)  # noqa: E731
    bad = [c for c in checks if c.status == "contradicted"]
    if bad:
        return Judgement("contradicted", _sentence(bad[0].message), checks, used("contradicted"))
    if "outcome" in claim.aspects or claim.attribution:
        outcomes = [f for i in claim.topic for f in ref.facts_for(i, "outcome") if isinstance(f, OutcomeFact)]
        recorded = (f" The reference records: {outcomes[0].summary}" if outcomes
                    else " The reference records no outcome.")
        who = f" (attributed: {claim.attribution})" if claim.attribution else ""
        return Judgement("evaluative", f"A judgement of outcome{who} for an editor to review.{recorded}", checks,
                         _unique([*used("supported"), *outcomes]))
    unknown = [c for c in checks if c.status == "unknown"]
    if checks and not unknown:
        return Judgement("supported", _sentence("; ".join(c.message for c in checks)), checks, used("supported"))
    reasons = "; ".join(c.message for c in unknown) or "nothing in the reference decides it"
    partly = [c.message for c in checks if c.status == "supported"]
    extra = f" (checked: {'; '.join(partly)})" if partly else ""
    return Judgement("unverified", _sentence(f"Needs verification: {reasons}{extra}"), checks, used("supported"))


# The role an assertion of each aspect plays, where the check itself does not say.
ASPECT_ROLES = {"date": "time", "duration": "duration", "legal_basis": "legal_basis", "leadership": "leader",
                "scope": "domain", "quantity": "count", "mandate": "task", "outcome": "outcome"}


def _judge_event(claim: Claim) -> Judgement:
    """A dated or counted statement about something the reference does not record at all."""
    what = f"'{claim.about}'" if claim.about else "what the sentence is about"
    checks = [replace(_unknown(a, f"the reference records nothing about {what}"), role=ASPECT_ROLES.get(a, a))
              for a in claim.aspects]
    return Judgement("unverified", _sentence(f"The reference records nothing about {what}"), checks)


def _judge_unknown(claim: Claim) -> Judgement:
    """A claim about something the reference does not record: a gap to fill, never checked against another
    entity; a judgement about it is still one for an editor."""
    names = ", ".join(claim.unknown)
    checks = [_unknown(aspect, f"not in the reference: {names}") for aspect in claim.aspects if aspect != "outcome"]
    checks = [replace(c, role=ASPECT_ROLES.get(c.aspect, c.aspect)) for c in checks]
    if "outcome" in claim.aspects or claim.attribution:
        who = f" (attributed: {claim.attribution})" if claim.attribution else ""
        return Judgement("evaluative", f"A judgement{who} for an editor to review. Not in the reference: {names}.",
                         checks)
    return Judgement("unverified", f"Not in the reference: {names}.", checks)


# Aspects whose values already carry their own negation ("no ground troops", "not authorised", "non-combat").
SELF_NEGATING = frozenset({"scope", "mandate"})


def _negate(check: Check) -> Check:
    """A clause negated as a whole ('KFOR did not deploy in 1999'): what the facts support, it denies."""
    if check.aspect in SELF_NEGATING or "authoris" in check.message:
        return check
    if check.status == "supported":
        return Check(check.aspect, "contradicted", f"the sentence denies it, but {check.message}", check.facts)
    if check.status == "contradicted":
        return Check(check.aspect, "unknown", f"the sentence denies something the reference does not record: "
                                              f"{check.message}")
    return check


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _unique(facts: Iterable[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for f in facts:
        seen.setdefault(f.id, f)
    return list(seen.values())
