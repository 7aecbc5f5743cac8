"""What a check finds: one assertion's status, message and facts, and a claim's verdict with its evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from claimcheck.reference import Fact, Reference

Verdict = Literal["supported", "contradicted", "unverified", "evaluative"]
Status = Literal["supported", "contradicted", "unknown"]


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


def name(ref: Reference, ids: Iterable[str]) -> str:
    """Readable names for entity ids: 'KFOR' or 'IFOR and SFOR'."""
    names = [ref.entities[i].name if i in ref.entities else i for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def supported_check(aspect: str, message: str, *facts: Fact) -> Check:
    """A check the facts support."""
    return Check(aspect, "supported", message, tuple(facts))


def contradicted_check(aspect: str, message: str, *facts: Fact) -> Check:
    """A check the facts contradict."""
    return Check(aspect, "contradicted", message, tuple(facts))


def unknown_check(aspect: str, message: str) -> Check:
    """A check no fact decides."""
    return Check(aspect, "unknown", message)


def as_sentence(text: str) -> str:
    """A message as a sentence: capitalised, with a full stop."""
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def unique_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Facts without repeats, in first-seen order."""
    seen: dict[str, Fact] = {}
    for f in facts:
        seen.setdefault(f.id, f)
    return list(seen.values())
