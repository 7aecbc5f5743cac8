"""The claim model: what a claim states (Values), the claim itself, and how unknown subjects are named."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from spacy.tokens import Span

from claimcheck import values as V
from claimcheck.names import ACTOR, display_name

# Aspects that make an attributed sentence a factual claim ("some say NATO was founded in 1951").
HARD_ASPECTS = frozenset({"date", "duration", "quantity", "legal_basis", "leadership"})
# What a sentence that names no subject may still be checked for, against the section's subject.
CONTEXT_ASPECTS = frozenset({"date", "duration", "quantity"})
KINDS = ("legal_basis", "date", "duration", "leadership", "scope", "quantity", "mandate", "outcome")
LEADER_TYPES = frozenset({"organisation", "body"})
INSTRUMENT_TYPES = frozenset({"resolution", "treaty", "treaty_article"})
PRONOUNS = frozenset({"it", "its", "they", "their"})


@dataclass(frozen=True)
class Values:
    """What a claim states, normalised."""

    dates: tuple[V.DateValue, ...] = ()
    date_roles: tuple[str, ...] = ()
    decades: tuple[int, ...] = ()
    ranges: tuple[tuple[int, int], ...] = ()
    durations: tuple[V.Duration, ...] = ()
    resolutions: tuple[int, ...] = ()
    instruments: tuple[str, ...] = ()
    instruments_excluded: tuple[str, ...] = ()  # "a non-Article 5 operation"
    # (instrument, subject) where the parse gives an instrument to one of several subjects: "IFOR gave way to
    # SFOR, authorised by Resolution 1088" gives 1088 to SFOR.
    instrument_owners: tuple[tuple[str, str], ...] = ()
    authorised: bool | None = None
    domains: tuple[str, ...] = ()
    domains_excluded: tuple[str, ...] = ()
    mandate: tuple[str, ...] = ()
    mandate_excluded: tuple[str, ...] = ()
    distinctions: tuple[str, ...] = ()
    mandate_unmatched: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    founders: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    successor_leaders: tuple[str, ...] = ()
    # The other side of a handover the clause names: "handed over to X", "took over from Y" (ids, or "~Name" for
    # names the reference lacks); a handover date is checked against that pair only.
    handover_parties: tuple[str, ...] = ()
    succeeds: bool = False  # the subject took over from the other party ("took over from NATO"), not the reverse
    unchecked: tuple[str, ...] = ()  # specifics no check covers: a commander, a lead nation, another count
    activity_durations: tuple[int, ...] = ()  # offsets of durations of some activity ("extended for six months")
    acts_on_object: bool = False  # the main verb has an object: "NATO launched Eastern Sentry on 12 September"
    activity_dates: tuple[int, ...] = ()  # offsets of dates on a verb of doing ("escorted ships from 2001")
    predicate_dates: tuple[int, ...] = ()  # offsets of dates on a verb (not on a noun such as "its founding")
    own_dates: tuple[int, ...] = ()  # dates that are the topic's own ("its founding in 1949", "when it ended on …")
    actor_leaders: tuple[str, ...] = ()  # leaders the reference lacks: "led by France", "commanded by General X"
    quantities: tuple[V.Quantity, ...] = ()
    polarity: str | None = None
    founding: bool = False
    past: bool = False
    context_years: tuple[int, ...] = ()
    subject_is_topic: bool = True
    negated: bool = False
    mentions: tuple[tuple[str, int], ...] = ()  # (operation id, offset in the clause) of each one named
    locations: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The normalised values for the JSON report, empty ones left out."""
        out: dict = {
            "dates": [d.iso() for d in self.dates],
            "date_roles": list(self.date_roles),
            "decades": [f"{d}s" for d in self.decades],
            "year_ranges": [list(r) for r in self.ranges],
            "durations": [{"amount": d.amount, "unit": d.unit, "days": round(d.days, 1), "text": d.text}
                          for d in self.durations],
            "resolutions": list(self.resolutions),
            "instruments": list(self.instruments),
            "instruments_excluded": list(self.instruments_excluded),
            "un_authorised": self.authorised,
            "domains": list(self.domains),
            "domains_excluded": list(self.domains_excluded),
            "mandate": list(self.mandate),
            "mandate_excluded": list(self.mandate_excluded),
            "mandate_unrecorded": list(self.mandate_unmatched),
            "distinctions": list(self.distinctions),
            "leaders": list(self.leaders),
            "founders": list(self.founders),
            "locations": list(self.locations),
            "successors": list(self.successors),
            "successor_leaders": list(self.successor_leaders),
            "handover_parties": list(self.handover_parties),
            "actor_leaders": list(self.actor_leaders),
            "unchecked": list(self.unchecked),
            "quantities": [{"value": q.value, "measure": q.measure, "approximate": q.approximate, "text": q.text}
                           for q in self.quantities],
            "polarity": self.polarity,
            "negated": self.negated,
        }
        return {k: v for k, v in out.items() if v not in (None, [], False)}


@dataclass
class Claim:
    """A checkable statement: where it is, what kind, what it is about and what it states."""

    id: str
    text: str
    start: int
    end: int
    kind: str
    aspects: tuple[str, ...]
    topic: tuple[str, ...]
    subjects: tuple[str, ...]
    topic_source: str
    values: Values
    attribution: str | None = None
    hedged: bool = False
    block: str = "paragraph"
    unknown: tuple[str, ...] = ()  # names of subjects the reference does not know ("Operation Eagle Assist")
    origin: int = -1  # document offset of the clause text that value offsets count from (-1: start)
    about: str = ""  # for a claim about no entity: the words of its subject ("Peace talks")
    unknown_actor: bool = False  # the unknown subject is an actor (a person, a nation), not a named thing
    # For a subject carried over from an earlier sentence: the section's own subject, which 'it' may mean instead.
    alternatives: tuple[str, ...] = ()

    def value_span(self, at: tuple[int, int]) -> tuple[int, int] | None:
        """Document offsets of a value found at clause offsets 'at', or None when it lies outside the claim (in
        the words a table's header adds around a cell)."""
        base = self.start if self.origin < 0 else self.origin
        start, end = base + at[0], base + at[1]
        return (start, end) if self.start <= start < end <= self.end else None


# Topics inside extraction are entity ids, or "~Name" for a named thing the reference does not know.
UNKNOWN = "~"


def is_unknown(topic_id: str) -> bool:
    """Whether a topic id stands for a named thing the reference does not know."""
    return topic_id.startswith(UNKNOWN)


def claim_id(path: str, text: str, occurrence: int) -> str:
    """A stable id from the document's file name, the claim text and which repeat of that text it is."""
    name = PurePath(path.replace("\\", "/")).name
    digest = hashlib.sha256(f"{name}\0{text}\0{occurrence}".encode()).hexdigest()
    return f"c{digest[:12]}"


def dedupe(ids: list[str]) -> tuple[str, ...]:
    """The ids without repeats, in first-seen order."""
    return tuple(dict.fromkeys(ids))


ACTOR_MARK = "@"


def unknown_id(span: Span) -> str:
    """The topic id of a named thing the reference does not know ('~@' for an actor: a person, a nation)."""
    return UNKNOWN + (ACTOR_MARK if span.label_ == ACTOR else "") + display_name(span)
