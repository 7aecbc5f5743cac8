"""Who a clause names and in what role: leaders, founders, successors, places, and specifics no check covers."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from claimcheck.claims import LEADER_TYPES, dedupe
from claimcheck.names import ACTOR, display_name, unknown_spans
from claimcheck.reference import OPERATIONAL_TYPES, Reference
from claimcheck.tables import phrase_pattern
from claimcheck.vocab import Vocab, base_tables

LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "into", "over", "off", "across", "throughout", "through", "around", "near"})
FOUNDING_VERBS = frozenset({"launched", "established", "created", "founded", "set", "initiated", "started", "formed"})


def leaders_and_successors(clause: Span, found: list[tuple[str, Span]], ref: Reference,
                           vocab: Vocab) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who is said to lead ('NATO-led', 'led by the UN'), and what an operation is said to become."""
    text, base = clause.text, clause.start_char
    leaders, successors = [], []
    for entity_id, span in found:
        entity = ref.entities[entity_id]
        before = text[:span.start_char - base]
        after = text[span.end_char - base:]
        if entity.type in LEADER_TYPES and (vocab.led_after.match(after) or vocab.led_before.search(before)):
            leaders.append(entity_id)
        if entity.type in OPERATIONAL_TYPES and (
            vocab.successor_before.search(before)
            or re.search(r"\breplaced\b.{1,80}\bwith\s+(?:the\s+)?$", before, re.IGNORECASE)
        ):
            successors.append(entity_id)
    return dedupe(leaders), dedupe(successors)


def successor_leaders(clause: Span, found: list[tuple[str, Span]], ref: Reference, vocab: Vocab) -> tuple[str, ...]:
    """'handed over to a United Nations mission', 'replaced by an EU force': who leads what came next."""
    text, base = clause.text, clause.start_char
    out = []
    for entity_id, span in found:
        if ref.entities[entity_id].type not in LEADER_TYPES:
            continue
        before = text[:span.start_char - base]
        after = text[span.end_char - base:]
        if (re.search(rf"(?:{vocab.successor.pattern})\s+(?:an?\s+|the\s+)?$", before, re.IGNORECASE)
                and re.match(r"[\s-]*(?:led\s+)?(?:[\w-]+\s+){0,2}?(?:mission|force|operation|peacekeeping)",
                             after, re.IGNORECASE)):
            out.append(entity_id)
    return dedupe(out)


def founders(clause: Span, found: list[tuple[str, Span]], ref: Reference) -> tuple[str, ...]:
    """'NATO launched ISAF', 'the UN established UNMIK': an organisation said to have started an operation."""
    out = []
    for entity_id, span in found:
        if ref.entities[entity_id].type not in LEADER_TYPES:
            continue
        verb = span.root.head
        if (span.root.dep_ == "nsubj" and verb.lower_ in FOUNDING_VERBS
                and any(ref.entities[i].type in OPERATIONAL_TYPES for i, s in found
                        if s.root.head == verb or s.root.head.head == verb or s.root.head.head.head == verb)):
            out.append(entity_id)
    return dedupe(out)


def locations(clause: Span, found: list[tuple[str, Span]]) -> tuple[str, ...]:
    """Places where the clause says something happened: 'in the Gulf of Aden', 'over Serbia'."""
    linked = {i for _, s in found for i in range(s.start, s.end)}
    out = []
    for ent in clause.ents:
        if ent.label_ not in LOCATION_LABELS or ent.start in linked or ent.start == clause.start:
            continue
        before = clause.doc[ent.start - 1]
        if before.lower_ == "the" and ent.start >= 2:
            before = clause.doc[ent.start - 2]
        if before.lower_ in LOCATIVE_PREPOSITIONS:
            out.append(re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE))
    return dedupe(out)


NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


def unchecked_specifics(clause: Span, found: list[tuple[str, Span]], consumed: list[tuple[int, int]],
                        vocab: Vocab) -> tuple[str, ...]:
    """What the clause states specifically that no value read from it covers: a commander ('Lieutenant General
    Martin Dempsey'), a lead nation ('led by France'), a named thing the reference lacks ('Task Force 150'),
    a number that is no date, duration, count or resolution. A claim with such content cannot be supported
    as a whole."""
    base = clause.start_char
    linked = {i for _, s in found for i in range(s.start, s.end)}
    out = []
    for span in unknown_spans(clause):
        if not _locative(span) and _argument(span):
            out.append(display_name(span))  # "escorted by Standing NATO Maritime Group 1"
    for span in unknown_spans(clause, ACTOR):
        # A person as an argument ('commanded by General X'); a nation, a group or an organisation when it is
        # said to lead.
        if (span.root.ent_type_ == "PERSON" and _argument(span)) or leader_position(span) \
                or _requester(span, vocab):
            out.append(display_name(span))
    for ent in clause.ents:
        if ent.label_ in NUMBER_LABELS and ent.text.lower() != "one" \
                and not any(i in linked for i in range(ent.start, ent.end)):
            lo, hi = ent.start_char - base, ent.end_char - base
            if not any(a < hi and lo < b for a, b in consumed):
                out.append(ent.text)
    return dedupe(out)


# Arcs by which a name is an argument of its predicate rather than a passing mention.
ARGUMENT_ARCS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "agent", "appos", "oprd", "pobj", "conj"})
# Prepositions that set a scene in time rather than state a fact about what they govern ("after the war").
TEMPORAL_PREPOSITIONS = frozenset({"after", "before", "during", "following", "since", "until", "amid", "throughout",
                                   "in the wake of", "prior"})


def _requester(span: Span, vocab: Vocab) -> bool:
    """'at the request of the African Union', 'requested by Turkey': who asked for it, which the reference does
    not record."""
    before = span.doc.text[max(0, span.start_char - 40):span.start_char]
    return bool(vocab.request_before.search(before))


def _argument(span: Span) -> bool:
    """Whether a name is an argument of its clause ('escorted by X', 'X deployed'), not a modifier ('the Gaddafi
    regime') or a scene-setter ('after the Kosovo conflict')."""
    root = span.root
    if root.dep_ not in ARGUMENT_ARCS:
        return False
    return not (root.dep_ == "pobj" and root.head.lower_ in TEMPORAL_PREPOSITIONS)


@cache
def _lead_words() -> tuple[frozenset[str], re.Pattern[str]]:
    t = base_tables()["leadership"]
    return frozenset(t["lead_verbs"]), phrase_pattern(t["lead_nouns"])


def leader_position(span: Span) -> bool:
    """'led by France', 'Germany led it', 'Germany as lead nation', 'under French command', 'a Canadian
    general': the actor is said to lead."""
    verbs, nouns = _lead_words()
    root, doc = span.root, span.doc
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lower_ in verbs:
        return True
    # "Its first commander was Admiral X", "overall command lay with General Y": the clause's subject is a lead
    # noun and the actor its complement.
    verb = root.head if root.dep_ in ("attr", "dobj", "oprd", "appos") else (
        root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else None)
    if verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and nouns.fullmatch(c.text) for c in verb.children):
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in verbs:
        return True
    if root.dep_ in ("compound", "amod", "poss") and nouns.fullmatch(root.head.text):
        return True
    after = doc[span.end:span.end + 4].text
    return bool(re.match(r"\s*(?:as|was|is|,)?\s*(?:the\s+)?(?:lead|framework)\s+nation|\s*in\s+command", " " + after,
                         re.IGNORECASE))


def _locative(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    return before is not None and before.lower_ in LOCATIVE_PREPOSITIONS | {"to", "from", "of", "at"}
