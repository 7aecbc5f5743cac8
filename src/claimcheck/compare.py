"""Disagreements between articles: claims about the same subject and aspect that cannot all be right.

Claims are indexed by (subject, aspect) and their values grouped; one disagreement is reported per group in
which two articles hold incompatible values. Agreement between articles is never evidence, so nothing here
changes a verdict.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck.assertions import name
from claimcheck.claims import UNKNOWN, Claim, is_unknown
from claimcheck.ingest import field_line
from claimcheck.reference import Reference
from claimcheck.values import DateValue, Duration, durations_table

FRAMING = {"positive": "a success", "negative": "contested, criticised or failed"}
# Topic sources whose subject the clause names or refers back to ('it', 'the intervention in Libya'); a
# section's subject taken for a clause that names nothing is too loosely bound to compare.
NAMED_SOURCES = frozenset({"explicit", "unknown", "carried", "place"})
# Date roles that mark one moment of a subject's life, comparable across articles.
COMPARED_ROLES = ("start", "end", "command", "deployment", "withdrawal", "phase")
# Reference entity types whose dates mark many events (an organisation founded, acting, meeting): not compared.
UNDATED_TYPES = frozenset({"organisation", "body", "treaty", "treaty_article", "document"})


@dataclass(frozen=True)
class Side:
    """What one article says on a subject and aspect: a comparable value and the claims that say it."""

    path: str
    value: object
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Disagreement:
    """Articles that say incompatible things about the same subject and aspect: every claim involved."""

    id: str
    subject: str
    aspect: str
    claims: tuple[tuple[str, str], ...]
    explanation: str


def subject_key(claim: Claim) -> str | None:
    """The one subject a claim's values can be compared on: a reference id, or the normalised name of something
    the reference lacks ('operation eagle assist' and 'eagle assist' are one); None when it is not one named
    subject."""
    if claim.unknown and len(claim.unknown) == 1 and not claim.topic and (
            claim.topic_source in NAMED_SOURCES or _field(claim)):
        return UNKNOWN + normalised_name(claim.unknown[0])
    if len(claim.topic) == 1 and (claim.topic_source in NAMED_SOURCES or _field(claim)):
        return claim.topic[0]
    return None


def _field(claim: Claim) -> bool:
    """A fact-box field ('Ended: 29 September 2004') states a fact of the section's subject by its label."""
    return claim.topic_source == "context" and bool(field_line().match(claim.text.strip()))


def normalised_name(text: str) -> str:
    """A name without case, a leading article, 'Operation', 'NATO's' or a bracketed acronym."""
    text = re.sub(r"\s*\([^)]*\)", "", text.replace("’", "'").lower())
    text = re.sub(r"^(?:the\s+|nato's\s+|nato\s+|operation\s+|eu\s+)+", "", text.strip())
    return " ".join(text.split())


# Names of bodies and units, which meet, act and rotate rather than begin and end once.
_BODY = re.compile(r"\b(?:council|committee|group|command|headquarters|brigade|battalion|squadron|fleet|corps|"
                   r"alliance|union|organi[sz]ation|parliament|government|ministry)\b", re.IGNORECASE)


def framing(claim: Claim) -> str | None:
    """How a claim frames an outcome: positive or negative, when its words say so; criticism is negative."""
    if "outcome" not in claim.aspects:
        return None
    if claim.values.polarity in ("positive", "negative"):
        return claim.values.polarity
    return "negative" if claim.attribution and claim.values.polarity is None and _critical(claim) else None


def _critical(claim: Claim) -> bool:
    return bool(re.search(r"\b(?:critics?|criticis|criticiz|condemn|accus|denounc|opponents?)\w*", claim.text,
                          re.IGNORECASE))


def statements(claim: Claim, ref: Reference) -> Iterator[tuple[str, str, object]]:
    """The (subject, aspect, value) triples a claim commits to that another article could contradict: the
    dates of one moment of an operation's life, how long it lasted, whether and by which resolution it was
    authorised, and an outcome judged in so many words about a subject the clause names."""
    subject = subject_key(claim)
    if subject is None or claim.unknown_actor:
        return  # a nation or a person has no start or end to compare
    v = claim.values
    if (f := framing(claim)) is not None and claim.topic_source in NAMED_SOURCES:
        yield subject, "outcome", f
    entity = ref.entities.get(subject)
    undated = entity.type in UNDATED_TYPES if entity else bool(_BODY.search(subject))
    if not undated:
        for date, role in zip(v.dates, v.date_roles, strict=True):
            if not (v.subject_is_topic or date.offset in v.own_dates):
                continue
            if role == "transition":
                # "It took over from NATO on 1 April 2003" starts the subject; "handed over to X" ends it.
                role = "start" if v.succeeds else "end"
            if role in COMPARED_ROLES:
                yield subject, f"date:{role}", date
        for first, last in v.ranges:
            yield subject, "date:start", DateValue(first)
            yield subject, "date:end", DateValue(last)
        for d in v.durations:
            if d.offset not in v.activity_durations:
                yield subject, "duration", d
    if v.authorised is not None:
        yield subject, "un_authorisation", v.authorised
        if v.authorised and v.resolutions:
            # "authorised by Resolution 781" against "Resolution 816 authorised": which resolution authorised it.
            yield subject, "authorised_by", frozenset(v.resolutions)


def conflicts(aspect: str, a: object, b: object) -> bool:
    """Whether two values of one aspect cannot both be right."""
    if aspect == "authorised_by":
        return not (a & b)  # type: ignore[operator]
    if aspect == "duration":
        return _durations_conflict(a, b)  # type: ignore[arg-type]
    if aspect.startswith("date:"):
        return not _same_time(a, b)  # type: ignore[arg-type]
    return a != b


def _same_time(a: DateValue, b: DateValue) -> bool:
    """Dates that may name the same moment at their common precision ('October 2001' and '9 October 2001')."""
    if a.year != b.year:
        return False
    (a_lo, a_hi), (b_lo, b_hi) = a.month_range(), b.month_range()
    if a_hi < b_lo or b_hi < a_lo:
        return False
    return a.day is None or b.day is None or a.month != b.month or a.day == b.day


def _durations_conflict(a: Duration, b: Duration) -> bool:
    """Two stated lengths that cannot both hold: different day counts, lengths apart by more than the
    tolerance, or an exact length outside a bound ('five years' against 'a little over seven years')."""
    tolerance = max(_tolerance_days(a), _tolerance_days(b))
    if a.bound and b.bound:
        return False
    if a.bound or b.bound:
        bound, exact = (a, b) if a.bound else (b, a)
        if bound.bound == "lower":
            return exact.days < bound.days - tolerance
        return exact.days > bound.days + tolerance
    if a.unit == b.unit == "day":
        return a.amount != b.amount
    return abs(a.days - b.days) > tolerance


def _tolerance_days(d: Duration) -> float:
    table = durations_table()
    return table["tolerance"][d.unit] * table["units"][d.unit]


def find_disagreements(ref: Reference, documents: list[tuple[str, list[Claim]]]) -> list[Disagreement]:
    """One disagreement per (subject, aspect) on which two articles hold incompatible values, in linear time:
    claims are indexed by subject and aspect, and only the values within one index entry are compared."""
    index: dict[tuple[str, str], dict[object, dict[str, list[Claim]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    names: dict[str, str] = {}
    for path, claims in documents:
        for claim in claims:
            for subject, aspect, value in statements(claim, ref):
                index[(subject, aspect)][value][path].append(claim)
                if is_unknown(subject):
                    names.setdefault(subject, claim.unknown[0])
    out = []
    for (subject, aspect), by_value in sorted(index.items()):
        involved = _involved(aspect, by_value)
        if involved:
            out.append(_disagreement(ref, subject, aspect, involved, names))
    return out


def _involved(aspect: str, by_value: dict[object, dict[str, list[Claim]]]) -> list[Side]:
    """The sides (article, value) that conflict with a value held by another article."""
    sides = [Side(path, value, tuple(claims)) for value, paths in by_value.items() for path, claims in paths.items()]
    if len(sides) < 2:
        return []
    hit = [s for s in sides if any(o.path != s.path and conflicts(aspect, s.value, o.value) for o in sides)]
    if aspect == "outcome":
        return _framing_conflict(sides)
    return hit


def _framing_conflict(sides: list[Side]) -> list[Side]:
    """Outcome framings disagree when one article mostly calls it a success and another mostly calls it contested
    or failed; an article that weighs both views evenly takes no side."""
    leaning: dict[str, str] = {}
    for path in {s.path for s in sides}:
        counts = {v: sum(len(s.claims) for s in sides if s.path == path and s.value == v) for v in FRAMING}
        if counts["positive"] != counts["negative"]:
            leaning[path] = max(counts, key=lambda v: counts[v])
    if len(set(leaning.values())) < 2:
        return []
    return [s for s in sides if leaning.get(s.path) == s.value]


def _disagreement(ref: Reference, subject: str, aspect: str, sides: list[Side], names: dict[str, str]) -> Disagreement:
    ordered = sorted(sides, key=lambda s: (s.path, min(c.start for c in s.claims)))
    claims = tuple(dict.fromkeys((s.path, c.id) for s in ordered for c in sorted(s.claims, key=lambda c: c.start)))
    shown_subject = names.get(subject, subject)
    digest = hashlib.sha256("\0".join([subject, aspect, *(c for _, c in claims)]).encode()).hexdigest()
    who = shown_subject if is_unknown(subject) else name(ref, [subject])
    return Disagreement(f"d{digest[:12]}", shown_subject, aspect.split(":")[0], claims,
                        _explain(who, aspect, ordered))


def _shown(aspect: str, value: object) -> str:
    if aspect == "outcome":
        return FRAMING[str(value)]
    if isinstance(value, DateValue):
        return value.iso()
    if isinstance(value, Duration):
        return f"'{value.text}'"
    if aspect == "un_authorisation":
        return "authorised by the UN Security Council" if value else "not authorised by the UN Security Council"
    if isinstance(value, frozenset):
        return "resolution(s) " + ", ".join(str(n) for n in sorted(value))
    return str(value)


def _explain(who: str, aspect: str, sides: list[Side]) -> str:
    what = {"outcome": "the outcome", "duration": "how long it lasted", "un_authorisation": "UN authorisation",
            "authorised_by": "which resolution authorised it"}.get(aspect, f"the date of its {aspect.split(':')[-1]}")
    views: dict[str, list[str]] = defaultdict(list)
    for s in sides:
        views[_shown(aspect, s.value)].append(s.path)
    said = "; ".join(f"{', '.join(dict.fromkeys(paths))}: {value}" for value, paths in views.items())
    return f"Articles disagree on {what} of {who} — {said}."
