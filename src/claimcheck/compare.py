"""Disagreements between articles: claims about the same subject and aspect that cannot both be right."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from claimcheck.extract import Claim
from claimcheck.reference import Reference
from claimcheck.values import Duration, durations_table
from claimcheck.verify import name

FRAMING = {"positive": "a success", "negative": "contested, criticised or failed"}


@dataclass(frozen=True)
class Side:
    """What one article says on a subject and aspect: a comparable value and the claims that say it."""

    path: str
    value: object
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Disagreement:
    """Two articles that say different things about the same subject and aspect."""

    id: str
    subject: str
    aspect: str
    claims: tuple[tuple[str, str], ...]
    explanation: str


def _subjects(claim: Claim) -> tuple[str, ...]:
    """Only claims about one operation, or naming each of theirs, align: 'the interventions in Bosnia and Kosovo'
    is too vague to set against another article."""
    if claim.unknown:
        return ()  # about something the reference lacks: too loosely named to set against another article
    return claim.topic if len(claim.topic) == 1 or claim.topic_source == "explicit" else ()


def framing(claim: Claim) -> str | None:
    """How a claim frames an outcome: positive, negative (criticism counts as negative), or None."""
    if "outcome" not in claim.aspects:
        return None
    if claim.values.polarity in ("positive", "negative"):
        return claim.values.polarity
    return "negative" if claim.attribution else None


def statements(claim: Claim) -> Iterator[tuple[str, str, object]]:
    """The (subject, aspect, value) triples a claim commits to that another article could contradict."""
    v = claim.values
    for subject in _subjects(claim):
        if (f := framing(claim)) is not None:
            yield subject, "outcome", f
        if len(claim.topic) == 1:
            for date, role in zip(v.dates, v.date_roles, strict=True):
                if role in ("start", "end"):
                    yield subject, f"date:{role}", date.year
            for d in v.durations:
                yield subject, "duration", d
        if v.authorised is not None:
            yield subject, "un_authorisation", v.authorised
        if v.instruments:
            yield subject, "legal_basis", frozenset(v.instruments)


def _tolerance_days(d: Duration) -> float:
    table = durations_table()
    return table["tolerance"][d.unit] * table["units"][d.unit]


def _sides(path: str, claims: list[Claim]) -> dict[tuple[str, str], dict[object, list[Claim]]]:
    grouped: dict[tuple[str, str], dict[object, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        for subject, aspect, value in statements(claim):
            grouped[(subject, aspect)][value].append(claim)
    return grouped


def _conflicts(aspect: str, a: object, b: object) -> bool:
    if aspect == "legal_basis":
        return not (a & b)  # type: ignore[operator]
    if aspect == "duration":
        tolerance = max(_tolerance_days(a), _tolerance_days(b))  # type: ignore[arg-type]
        return abs(a.days - b.days) > tolerance  # type: ignore[attr-defined]
    return a != b


def _explain(ref: Reference, subject: str, aspect: str, left: Side, right: Side) -> str:
    who = name(ref, [subject])
    if aspect == "outcome":
        negative = [s for s in (left, right) if s.value == "negative"]
        crit = [c.attribution for s in negative for c in s.claims if c.attribution]
        by = f" (in the words of '{crit[0]}')" if crit else ""
        return (f"{left.path} presents the outcome of {who} as {FRAMING[str(left.value)]}, while {right.path} "
                f"presents it as {FRAMING[str(right.value)]}{by}.")
    if aspect.startswith("date:"):
        role = aspect.split(":")[1]
        return f"{left.path} dates the {role} of {who} to {left.value}, {right.path} to {right.value}."
    if aspect == "duration":
        return (f"{left.path} says {who} lasted '{left.value.text}', {right.path} "  # type: ignore[attr-defined]
                f"'{right.value.text}'.")  # type: ignore[attr-defined]
    if aspect == "un_authorisation":
        said = {True: "authorised", False: "not authorised"}
        return (f"{left.path} says {who} was {said[bool(left.value)]} by the UN Security Council, "
                f"{right.path} that it was {said[bool(right.value)]}.")
    return f"{left.path} and {right.path} give {who} different legal bases."


def find_disagreements(ref: Reference, documents: list[tuple[str, list[Claim]]]) -> list[Disagreement]:
    """Disagreements between every pair of documents, ordered by subject, aspect and claim position."""
    sides = {path: _sides(path, claims) for path, claims in documents}
    found: dict[tuple[str, str, str, str], tuple[list[Side], list[Side]]] = {}
    for (pa, sa), (pb, sb) in combinations(sides.items(), 2):
        for key in sorted(set(sa) & set(sb)):
            subject, aspect = key
            pairs = [(va, vb) for va in sa[key] for vb in sb[key] if _conflicts(aspect, va, vb)]
            if aspect == "outcome" and _both_ways(pairs):
                continue  # each article frames the outcome both ways: they do not disagree
            for va, vb in pairs:
                left, right = found.setdefault((subject, aspect, pa, pb), ([], []))
                left.append(Side(pa, va, tuple(sa[key][va])))
                right.append(Side(pb, vb, tuple(sb[key][vb])))
    return [_disagreement(ref, key, left, right) for key, (left, right) in sorted(found.items())]


def _both_ways(pairs: list[tuple[object, object]]) -> bool:
    """Whether the conflicting pairs run in both directions (A positive/B negative and A negative/B positive)."""
    return any((b, a) in pairs for a, b in pairs)


def _disagreement(ref: Reference, key: tuple[str, str, str, str], left: list[Side], right: list[Side]) -> Disagreement:
    subject, aspect, pa, pb = key
    ordered: dict[str, tuple[str, str]] = {}
    for side in (*left, *right):
        for c in sorted(side.claims, key=lambda c: c.start):
            ordered.setdefault(c.id, (side.path, c.id))
    claims = tuple(pc for pc in ordered.values() if pc[0] == pa) + tuple(pc for pc in ordered.values() if pc[0] == pb)
    digest = hashlib.sha256("\0".join([subject, aspect, *(c for _, c in claims)]).encode()).hexdigest()
    return Disagreement(f"d{digest[:12]}", subject, aspect.split(":")[0] if ":" in aspect else aspect, claims,
                        _explain(ref, subject, aspect, left[0], right[0]))
