"""The vocabulary tables and the reference's terms and places, compiled once per reference."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimcheck.reference import Reference
from claimcheck.tables import compile_any, phrase_alternation, phrase_pattern, table

# Markers that open a subordinate clause we split off: it usually carries its own claim.
CONCESSIVE_MARKS = frozenset({"while", "although", "though", "whereas", "as", "because"})
# Words that deny or take back what follows: "no ground troops", "reducing direct combat", "non-combat",
# and phrases that set something aside: "training rather than combat", "away from combat operations".
NEGATORS = frozenset({"no", "not", "never", "without", "non", "nor", "reducing", "reduced", "reduce", "ending",
                      "ended", "excluding", "excluded", "ruled"})
SET_ASIDE = re.compile(r"\b(?:rather than|instead of|away from|as opposed to)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# How far (in characters) a trigger word may stand from a date to say what the date marks.
ROLE_WINDOW = 50
# A modifier word between a determiner and an intervention noun ("the NATO-led mission"), never a preposition.
_FILLER = r"(?!(?:of|in|on|for|to|with|by|and|or)\s)[\w’'-]+\s+"


@dataclass
class Vocab:
    """Compiled vocabulary tables, plus patterns generated from the reference data."""

    roles: dict[str, re.Pattern[str]]
    domains: dict[str, re.Pattern[str]]
    mandate_terms: dict[str, re.Pattern[str]]
    task_phrases: list[re.Pattern[str]]
    distinction_terms: dict[str, re.Pattern[str]]
    mandate_strong: re.Pattern[str]
    task_verbs: re.Pattern[str]
    shift_from: re.Pattern[str]
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    purpose: re.Pattern[str]
    judgement: re.Pattern[str]
    background: re.Pattern[str]
    attribution: re.Pattern[str]
    hedges: re.Pattern[str]
    future: re.Pattern[str]
    legal_basis: re.Pattern[str]
    authorised: re.Pattern[str]
    unauthorised: re.Pattern[str]
    security_council: re.Pattern[str]
    led_after: re.Pattern[str]
    led_before: re.Pattern[str]
    from_start: re.Pattern[str]
    successor: re.Pattern[str]
    predecessor: re.Pattern[str]
    relational: re.Pattern[str]
    handover_before: re.Pattern[str]
    request_before: re.Pattern[str]
    successor_before: re.Pattern[str]
    event_nouns: re.Pattern[str]
    generic_heading: re.Pattern[str]
    intervention: re.Pattern[str]
    intervention_plural: re.Pattern[str]
    anaphor: re.Pattern[str]
    definite_anaphor: re.Pattern[str]
    plural_anaphor: re.Pattern[str]
    places: re.Pattern[str] | None
    coordinated: re.Pattern[str]
    attached_place: re.Pattern[str] | None
    distinction_marker: re.Pattern[str]
    founding: re.Pattern[str]


@cache
def base_tables() -> dict:
    """The claims vocabulary table, read once."""
    return table("claims")


_VOCABS: dict[str, Vocab] = {}


def build_vocab(ref: Reference) -> Vocab:
    """Compile the vocabulary tables and the reference's terms and places into patterns, once per reference."""
    if ref.sha256 not in _VOCABS:
        _VOCABS[ref.sha256] = _compile_vocab(ref)
    return _VOCABS[ref.sha256]


def _compile_vocab(ref: Reference) -> Vocab:
    t = base_tables()
    nouns = t["reference_nouns"]["intervention"]
    plural_nouns = [n + ("es" if n.endswith("s") else "s") for n in nouns]
    dets = "|".join(t["reference_nouns"]["anaphor_determiners"])
    places = sorted({p for e in ref.entities.values() for p in e.places})

    def terms(kind: str) -> dict[str, re.Pattern[str]]:
        return {term.id: phrase_pattern(term.phrases) for term in ref.terms.values() if term.kind == kind}

    return Vocab(
        roles={role: phrase_pattern(words) for role, words in t["date_roles"].items()},
        domains={d: phrase_pattern(words) for d, words in t["domains"].items()},
        mandate_terms=terms("mandate"),
        task_phrases=[phrase_pattern([p]) for term in ref.terms.values() if term.kind == "mandate"
                      for p in term.phrases],
        distinction_terms=terms("distinction"),
        mandate_strong=phrase_pattern(t["mandate"]["strong"]),
        task_verbs=phrase_pattern(t["mandate"]["task_verbs"]),
        shift_from=re.compile(rf"\b(?:{'|'.join(map(re.escape, t['mandate']['shift_from']))})\b(.{{0,80}}?)\bto\b",
                              re.IGNORECASE),
        positive=phrase_pattern(t["outcome"]["positive"]),
        negative=phrase_pattern(t["outcome"]["negative"]),
        purpose=_ending_after(t["outcome"]["purpose"]),
        judgement=phrase_pattern(t["outcome"]["judgement"]),
        background=_ending_after(t["outcome"]["background"]),
        attribution=compile_any(t["attribution"]["patterns"]),
        hedges=phrase_pattern(t["attribution"]["hedges"]),
        future=phrase_pattern(t["non_claim"]["future"]),
        legal_basis=phrase_pattern(t["legal"]["basis"]),
        authorised=phrase_pattern(t["legal"]["authorised"]),
        unauthorised=phrase_pattern(t["legal"]["unauthorised"]),
        security_council=phrase_pattern(t["legal"]["security_council"]),
        led_after=re.compile(rf"\s*{phrase_alternation(t['leadership']['after_leader'])}\b", re.IGNORECASE),
        from_start=phrase_pattern(t["leadership"]["from_start"]),
        led_before=re.compile(rf"\b{phrase_alternation(t['leadership']['before_leader'])}\s*:?\s+(?:the\s+)?$",
                              re.IGNORECASE),
        successor=phrase_pattern(t["leadership"]["successor"]),
        predecessor=phrase_pattern(t["leadership"]["predecessor"]),
        relational=phrase_pattern(t["leadership"]["relational"]),
        request_before=re.compile(rf"(?:{phrase_pattern(t['legal']['request']).pattern})\s+(?:the\s+)?$",
                                  re.IGNORECASE),
        handover_before=re.compile(
            rf"(?:{phrase_pattern(t['leadership']['successor']).pattern}|"
            rf"{phrase_pattern(t['leadership']['predecessor']).pattern})\s+(?:[\w'’.-]+\s+){{0,3}}$", re.IGNORECASE),
        successor_before=re.compile(
            rf"(?:{phrase_pattern(t['leadership']['successor']).pattern})\s+(?:the\s+|an?\s+)?(?:[\w.’'-]+\s+){{0,2}}$",
            re.IGNORECASE),
        generic_heading=phrase_pattern(table("structure")["generic_headings"]["words"]),
        event_nouns=phrase_pattern([w + suffix for w in t["event_nouns"]["words"] for suffix in ("", "s")]),
        intervention=phrase_pattern(nouns),
        intervention_plural=phrase_pattern(plural_nouns),
        anaphor=re.compile(rf"\b(?:(?:{dets})\s+(?:{_FILLER}){{0,2}}?(?:{'|'.join(nouns)})\b|it\b|its\b)",
                           re.IGNORECASE),
        definite_anaphor=re.compile(rf"\b(?:the|this|that)\s+(?:{_FILLER}){{0,2}}?(?:{'|'.join(nouns)})\b",
                                    re.IGNORECASE),
        plural_anaphor=re.compile(
            rf"\b(?:(?:these|those|both|the two|such|their)\s+(?:{_FILLER}){{0,2}}?(?:{'|'.join(plural_nouns)})\b"
            rf"|they\b|their\b|them\b)", re.IGNORECASE),
        places=phrase_pattern(places) if places else None,
        coordinated=_coordinated_pattern(t["coordinated_domains"]),
        attached_place=_attached_place_pattern(nouns, places),
        distinction_marker=phrase_pattern(t["distinction"]["markers"]),
        founding=re.compile(r"\bfound(?:ing|ed|ers?)\b|\boriginal\b", re.IGNORECASE),
    )


def _ending_after(phrases: list[str]) -> re.Pattern[str]:
    """Text that ends at most six words after one of the phrases ('to address the growing ...')."""
    return re.compile(rf"{phrase_pattern(phrases).pattern}(?:\s+[\w’'-]+){{0,6}}\s*$", re.IGNORECASE)


def _coordinated_pattern(cfg: dict) -> re.Pattern[str]:
    word = "(?:" + "|".join(cfg["words"]) + ")"
    nouns = "(?:" + "|".join(cfg["nouns"]) + ")"
    return re.compile(rf"\b(?P<list>{word}(?:\s*,\s*(?:and\s+|or\s+)?{word}|\s+(?:and|or)\s+{word})+)\s+{nouns}\b",
                      re.IGNORECASE)


def _attached_place_pattern(nouns: list[str], places: list[str]) -> re.Pattern[str] | None:
    if not places:
        return None
    noun = r"(?:" + "|".join(re.escape(n) for n in nouns) + r")s?"
    place = r"(?:" + "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)) + r")"
    return re.compile(
        rf"\b{noun}\b[^.;:]{{0,40}}?\b(?:in|over|into|against|off|to|of)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
        rf"(?P<place>{place})\b"
        rf"|\b(?P<place2>{place})(?:’s|'s)?\s+(?:[\w-]+\s+){{0,1}}?{noun}\b"
        rf"|\b(?:in|over)\s+(?P<place3>{place}),\s+(?:NATO|the alliance)\b",
        re.IGNORECASE)
