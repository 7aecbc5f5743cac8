"""Checks of dates, periods, handovers and durations against the reference's periods and events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from claimcheck.assertions import Check, contradicted_check, name, supported_check, unknown_check
from claimcheck.claims import ACTOR_MARK, UNKNOWN, is_unknown
from claimcheck.reference import (
    EventFact,
    Fact,
    PeriodFact,
    Reference,
    SuccessionFact,
)
from claimcheck.values import DateValue, Duration, durations_table

# Which recorded events a date with a given role can be checked against.
START_EVENTS = frozenset({"founded", "signed", "lead_assumed", "adopted", "announced"})
ROLE_EVENTS = {"signed": {"signed", "founded"}, "adopted": {"adopted"}, "invoked": {"invoked"}, "joined": {"joined"}}
# Roles checked as another: the first forces arriving as the start, forces leaving as the end.
CHECKED_AS = {"deployment": "start", "withdrawal": "end"}


@dataclass(frozen=True)
class Period:
    """When something ran: start, end (None while ongoing), and the facts that say so."""

    start: dt.date
    end: dt.date | None
    facts: tuple[Fact, ...]

    def last_day(self, as_of: dt.date) -> dt.date:
        """The end, or as_of while it is ongoing."""
        return self.end or as_of

    def describe(self) -> str:
        """'1999-06-12 to today (ongoing)'."""
        return f"{self.start.isoformat()} to {self.end.isoformat() if self.end else 'today (ongoing)'}"


def period(ref: Reference, ids: Iterable[str]) -> Period | None:
    """The span covered by the entities' recorded periods taken together, or None when none is recorded."""
    facts = [f for i in ids for f in ref.facts_for(i, "period") if isinstance(f, PeriodFact)]
    if not facts:
        return None
    end = None if any(f.ongoing for f in facts) else max(f.end for f in facts if f.end)
    return Period(min(f.start for f in facts), end, tuple(facts))


def when_text(value: DateValue) -> str:
    """'on 1999-06-12' for a day, 'in 1999-06', 'in mid-1999' or 'in 1999' otherwise."""
    return f"on {value.iso()}" if value.day else f"in {value.iso()}"


def same_date(claimed: DateValue, actual: dt.date) -> bool:
    """Whether a date written at some precision (year, month or day) names the actual date."""
    low, high = claimed.month_range()
    return claimed.year == actual.year and low <= actual.month <= high and claimed.day in (None, actual.day)


def check_date(ref: Reference, ids: tuple[str, ...], value: DateValue, role: str, as_of: dt.date,
               successors: tuple[str, ...], succeeds: bool = False) -> Check:
    """Check one dated statement ('launched in 2011', 'ended in 2021', 'in 1999') about the entities; a handover
    the subject took over in ('took over from UNPROFOR on 20 December 1995') is its start."""
    who = name(ref, ids)
    when = when_text(value)
    span = period(ref, ids)
    events = [f for i in ids for f in ref.facts_for(i, "event") if isinstance(f, EventFact)]
    role = CHECKED_AS.get(role, role)
    if role == "phase":
        return unknown_check("date", f"no phases of {who} are recorded")
    if role == "transition":
        check = _check_transition(ref, ids, value, successors, succeeds)
        if succeeds and check.status == "unknown":
            role = "start"  # no recorded handover to it: the day it took over is the day it began
        else:
            return check
    if role in ROLE_EVENTS:
        kinds = ROLE_EVENTS[role]
        relevant = [e for e in events if e.event in kinds]
        if not relevant:
            return unknown_check("date", f"no date of being {role} is recorded for {who}")
        hit = next((e for e in relevant if same_date(value, e.date)), None)
        if hit:
            return supported_check("date", f"{name(ref, [hit.entity])} was {hit.event.replace('_', ' ')} on {hit.date}",
                              hit)
        first = relevant[0]
        return contradicted_check("date", f"{name(ref, [first.entity])} was {first.event.replace('_', ' ')} on "
                                     f"{first.date}, not {when}", *relevant)
    if role == "command":
        taken = [e for e in events if e.event == "lead_assumed"]
        hit = next((e for e in taken if same_date(value, e.date)), None)
        if hit:
            return supported_check("date", f"{name(ref, [hit.entity])}: lead assumed on {hit.date}", hit)
        if taken:
            first = taken[0]
            return contradicted_check("date", f"{name(ref, [first.entity])}: lead assumed on {first.date}, not {when}",
                                 *taken)
        role = "start"  # no separate handover of command: taking command is the start
    if role == "start":
        starts = [(span.start, "began", span.facts)] if span else []
        starts += [(e.date, e.event.replace("_", " "), (e,)) for e in events if e.event in START_EVENTS]
        for day, what, facts in starts:
            if same_date(value, day):
                return supported_check("date", f"{who}: {what} on {day}", *facts)
        if starts:
            day, what, facts = starts[0]
            return contradicted_check("date", f"{who}: {what} on {day}, not {when}", *facts)
        return unknown_check("date", f"no start date is recorded for {who}")
    if role == "end":
        if span is None:
            return unknown_check("date", f"no end date is recorded for {who}")
        if span.end is None:
            return contradicted_check("date", f"{who} has not ended: it has run since {span.start}", *span.facts)
        if same_date(value, span.end):
            return supported_check("date", f"{who} ended on {span.end}", *span.facts)
        return contradicted_check("date", f"{who} ended on {span.end}, not {when}", *span.facts)
    return _check_active(ref, ids, value, span, events, as_of)


def _check_active(ref: Reference, ids: tuple[str, ...], value: DateValue, span: Period | None,
                  events: list[EventFact], as_of: dt.date) -> Check:
    who = name(ref, ids)
    if span is not None:
        if _within(value, span.start, span.last_day(as_of)):
            return supported_check("date", f"{who} ran {span.describe()}, which includes {value.iso()}", *span.facts)
        return contradicted_check("date", f"{who} ran {span.describe()}, not {when_text(value)}", *span.facts)
    hit = next((e for e in events if same_date(value, e.date)), None)
    if hit:
        return supported_check("date", f"{who}: {hit.event.replace('_', ' ')} on {hit.date}", hit)
    return unknown_check("date", f"no recorded date of {who} falls in {value.iso()}")


def _within(value: DateValue, start: dt.date, end: dt.date) -> bool:
    """Whether a date written at year, month or day precision falls within [start, end]."""
    months = value.month_range()
    lo = (value.year, months[0], value.day or 1)
    hi = (value.year, months[1], value.day or 31)
    return lo <= (end.year, end.month, end.day) and hi >= (start.year, start.month, start.day)


def _check_transition(ref: Reference, ids: tuple[str, ...], value: DateValue,
                      named: tuple[str, ...], succeeds: bool = False) -> Check:
    """A handover date: checked against the recorded transitions of the entities, either way round (it gave way
    to something, or something gave way to it), restricted to the other party when the sentence names one, and
    to the handovers into the subject when it is the side that took over. A date that fits none is contradicted
    only when exactly one transition is in question."""
    pairs = []
    for entity in ids:
        pairs += [(entity, f.successor, f) for f in ref.facts_for(entity, "succeeded_by")
                  if isinstance(f, SuccessionFact)]
        pairs += [(f.entity, entity, f) for other in ref.entities for f in ref.facts_for(other, "succeeded_by")
                  if isinstance(f, SuccessionFact) and f.successor == entity]
    pairs = list({f.id: (old, new, f) for old, new, f in pairs}.values())
    if succeeds:
        pairs = [(old, new, f) for old, new, f in pairs if new == ids[0]]
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
                return supported_check("date", f"{name(ref, [old])} gave way to {name(ref, [new])} on {day}", fact,
                                       *p.facts)
        if days:
            dated.append((old, new, fact, days[-1]))
    if len(dated) == 1:
        old, new, fact, (day, p) = dated[0]
        return contradicted_check("date", f"{name(ref, [old])} gave way to {name(ref, [new])} on {day}, "
                                          f"not {when_text(value)}",
                             fact, *p.facts)
    others = [n[len(UNKNOWN):].removeprefix(ACTOR_MARK) for n in named if is_unknown(n)]
    if others:
        return unknown_check("date", f"no handover between {name(ref, ids)} and {', '.join(others)} is recorded")
    return unknown_check("date", f"no single recorded handover of {name(ref, ids)} is dated {value.iso()}")


def check_decade(ref: Reference, ids: tuple[str, ...], decade: int, as_of: dt.date) -> Check:
    """Check 'in the 1990s' against when the entities ran."""
    span = period(ref, ids)
    who = name(ref, ids)
    if span is None:
        return unknown_check("date", f"no period is recorded for {who}")
    if span.start.year <= decade + 9 and span.last_day(as_of).year >= decade:
        return supported_check("date", f"{who} ran {span.describe()}, within the {decade}s", *span.facts)
    return contradicted_check("date", f"{who} ran {span.describe()}, not in the {decade}s", *span.facts)


def check_range(ref: Reference, ids: tuple[str, ...], years: tuple[int, int]) -> Check:
    """Check 'from 1995 to 2004' against the recorded start and end years."""
    span = period(ref, ids)
    who = name(ref, ids)
    if span is None:
        return unknown_check("date", f"no period is recorded for {who}")
    end_year = span.end.year if span.end else None
    if span.start.year == years[0] and end_year == years[1]:
        return supported_check("date", f"{who} ran {span.describe()}", *span.facts)
    return contradicted_check("date", f"{who} ran {span.describe()}, not {years[0]} to {years[1]}", *span.facts)


def check_duration(ref: Reference, ids: tuple[str, ...], duration: Duration, as_of: dt.date) -> Check:
    """Check '78-day' or 'decade-long' against the length of the recorded period."""
    span = period(ref, ids)
    who = name(ref, ids)
    if span is None:
        return unknown_check("duration", f"no period is recorded for {who}")
    table = durations_table()
    if span.last_day(as_of) < span.start:
        return unknown_check("duration", f"{who} had not begun by {as_of}")
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
        return supported_check("duration", f"{who} ran {span.describe()}, about {shown}", *span.facts)
    return contradicted_check("duration", f"{who} ran {span.describe()}, about {shown}, not '{duration.text}'",
                         *span.facts)
