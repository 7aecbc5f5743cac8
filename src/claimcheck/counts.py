"""Checks of counts (troops, sorties, members, ships) against the counts the reference records, at the time
the claim names."""

from __future__ import annotations

import datetime as dt
import re

from claimcheck.assertions import Check, contradicted_check, name, supported_check, unknown_check
from claimcheck.claims import Claim
from claimcheck.reference import (
    QuantityFact,
    Reference,
)
from claimcheck.timing import Period, period
from claimcheck.values import Quantity


def check_quantity(ref: Reference, claim: Claim, q: Quantity, as_of: dt.date) -> Check:
    """Check a count against recorded counts of the same measure."""
    ids = claim.topic
    who = name(ref, ids)
    # A count of troops is checked against every recorded troop count (troops_peak, troops_initial, ...).
    facts = [f for i in ids for f in ref.facts_for(i, "quantity")
             if isinstance(f, QuantityFact) and f.measure.startswith(q.measure)]
    if q.value is None:
        return unknown_check("quantity", f"'{q.text}' is too vague to check")
    if not facts:
        return unknown_check("quantity", f"no {q.measure.replace('_', ' ')} count is recorded for {who}")
    if q.measure == "member_states":
        return _check_members(ref, claim, q, facts, as_of)
    if (when := _claim_time(claim, as_of)) is not None:
        facts = _counts_at(facts, when, period(ref, ids))
        if not facts:
            what = q.measure.replace('_', ' ')
            return unknown_check("quantity", f"no {what} count is recorded for {who} in {when.year}")
    close = sorted((f for f in facts if _close(q.value, f.value, q.approximate or f.approximate)),
                   key=lambda f: f.valid_from or dt.date.min, reverse=True)
    if close:
        return supported_check("quantity", f"{who}: {close[0].measure.replace('_', ' ')} {close[0].value:,}", *close)
    peaks = [f for f in facts if f.measure.endswith("_peak")]
    if peaks and q.value > max(f.value for f in peaks) * 1.1:
        top = max(peaks, key=lambda f: f.value)
        return contradicted_check("quantity", f"{who} peaked at {top.value:,}, fewer than {q.value:,}", top)
    dated = [f for f in facts if f.valid_from is not None]
    if dated and _claim_time(claim, as_of) is not None and not any(_close(q.value, f.value, True) for f in dated):
        latest = max(dated, key=lambda f: f.valid_from)
        if abs(q.value - latest.value) > 0.25 * latest.value:
            return contradicted_check("quantity", f"{who}: {latest.measure.replace('_', ' ')} {latest.value:,} "
                                             f"(from {latest.valid_from}), not {q.value:,}", latest)
    exact = [f for f in facts if f.measure == q.measure and not f.valid_from]
    if exact and q.measure != "troops":
        what = q.measure.replace('_', ' ')
        return contradicted_check("quantity", f"{who}: {what} {exact[0].value:,}, not {q.value:,}",
                             *exact)
    return unknown_check("quantity", f"{q.value:,} {q.measure.replace('_', ' ')} matches no recorded count for {who}")


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
        return unknown_check("quantity", f"'{q.text}' names no time; the membership of {name(ref, claim.topic)} "
                                    f"changed over time")
    else:
        current = [f for f in ordered if (f.valid_from or dt.date.min) <= as_of <= (f.valid_to or dt.date.max)]
    who = name(ref, claim.topic)
    if not current:
        return unknown_check("quantity", f"no member count is recorded for {who} at that time")
    hit = next((f for f in current if f.value == q.value), None)
    if hit:
        return supported_check("quantity", f"{who} had {hit.value} members from {hit.valid_from}", hit)
    shown = ", ".join(f"{f.value} from {f.valid_from}" for f in current)
    return contradicted_check("quantity", f"{who} had {shown}, not {q.value} members", *current)


def _valid_in(fact: QuantityFact, year: int) -> bool:
    start, end = fact.valid_from or dt.date.min, fact.valid_to or dt.date.max
    return start.year <= year <= end.year
