"""Claim extraction: small functions over spaCy sentences and clauses that yield typed claims in document order."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import PurePath

from spacy.tokens import Doc, Span, Token

from claimcheck import values as V
from claimcheck.ingest import CLAIM_BLOCKS, Block, Document, field_line, mask_markdown
from claimcheck.names import ACTOR, display_name, unknown_spans
from claimcheck.nlp import REF_SPANS
from claimcheck.reference import OPERATIONAL_TYPES, Reference
from claimcheck.tables import compile_any, phrase_alternation, phrase_pattern, table

# Aspects that make an attributed sentence a factual claim ("some say NATO was founded in 1951").
HARD_ASPECTS = frozenset({"date", "duration", "quantity", "legal_basis", "leadership"})
# What a sentence that names no subject may still be checked for, against the section's subject.
CONTEXT_ASPECTS = frozenset({"date", "duration", "quantity"})
KINDS = ("legal_basis", "date", "duration", "leadership", "scope", "quantity", "mandate", "outcome")
LEADER_TYPES = frozenset({"organisation", "body"})
INSTRUMENT_TYPES = frozenset({"resolution", "treaty", "treaty_article"})
# Markers that open a subordinate clause we split off: it usually carries its own claim.
CONCESSIVE_MARKS = frozenset({"while", "although", "though", "whereas", "as", "because"})
# Words that deny or take back what follows: "no ground troops", "reducing direct combat", "non-combat",
# and phrases that set something aside: "training rather than combat", "away from combat operations".
NEGATORS = frozenset({"no", "not", "never", "without", "non", "nor", "reducing", "reduced", "reduce", "ending",
                      "ended", "excluding", "excluded", "ruled"})
_SET_ASIDE = re.compile(r"\b(?:rather than|instead of|away from|as opposed to)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
PRONOUNS = frozenset({"it", "its", "they", "their"})
# How far (in characters) a trigger word may stand from a date to say what the date marks.
ROLE_WINDOW = 50
# A modifier word between a determiner and an intervention noun ("the NATO-led mission"), never a preposition.
_FILLER = r"(?!(?:of|in|on|for|to|with|by|and|or)\s)[\w’'-]+\s+"
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "into", "over", "off", "across", "throughout", "through", "around", "near"})
FOUNDING_VERBS = frozenset({"launched", "established", "created", "founded", "set", "initiated", "started", "formed"})


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
    existence: bool = True  # whether the clause's predicate only says its subject existed or ran ("ran in 1999")
    activity_durations: tuple[int, ...] = ()  # offsets of durations of some activity ("extended for six months")
    acts_on_object: bool = False  # the main verb has an object: "NATO launched Eastern Sentry on 12 September"
    activity_dates: tuple[int, ...] = ()  # offsets of dates on a verb of doing ("escorted ships from 2001")
    predicate_dates: tuple[int, ...] = ()  # offsets of dates on a verb (not on a noun such as "its founding")
    own_dates: tuple[int, ...] = ()  # offsets of dates on a noun the topic possesses ("its founding in 1949")
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

    def value_span(self, at: tuple[int, int]) -> tuple[int, int]:
        """Document offsets of a value found at clause offsets 'at', kept within the claim."""
        base = self.start if self.origin < 0 else self.origin
        return max(self.start, base + at[0]), min(self.end, base + at[1])


# Topics inside extraction are entity ids, or "~Name" for a named thing the reference does not know.
UNKNOWN = "~"


def is_unknown(topic_id: str) -> bool:
    """Whether a topic id stands for a named thing the reference does not know."""
    return topic_id.startswith(UNKNOWN)


@dataclass
class _Context:
    """What 'it', 'the mission' and 'these operations' refer to at this point of the document."""

    heading: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    lead_in: tuple[str, ...] = ()
    lead_in_mandate: bool = False
    default: tuple[str, ...] = ()
    block_years: tuple[int, ...] = ()
    last_year: int | None = None  # the last year the document named, for "on 3 May" far from any year
    inherited: bool = False
    latest: tuple[tuple[str, ...], str] = ((), "none")

    def reset(self, topic: tuple[str, ...]) -> None:
        """A new section: its heading's subject, or (weakly) the previous section's when the heading names none."""
        self.inherited = not topic
        if topic:
            self.heading = self.last = self.group = topic
        self.lead_in = ()
        self.lead_in_mandate = False

    def singular(self) -> tuple[str, ...]:
        return self.last or self.heading

    def plural(self) -> tuple[str, ...]:
        group = self.group or self.heading
        return group if len(group) > 1 else ()


@dataclass
class _Vocab:
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
def _base_tables() -> dict:
    return table("claims")


_VOCABS: dict[str, _Vocab] = {}


def build_vocab(ref: Reference) -> _Vocab:
    """Compile the vocabulary tables and the reference's terms and places into patterns, once per reference."""
    if ref.sha256 not in _VOCABS:
        _VOCABS[ref.sha256] = _compile_vocab(ref)
    return _VOCABS[ref.sha256]


def _compile_vocab(ref: Reference) -> _Vocab:
    t = _base_tables()
    nouns = t["reference_nouns"]["intervention"]
    plural_nouns = [n + ("es" if n.endswith("s") else "s") for n in nouns]
    dets = "|".join(t["reference_nouns"]["anaphor_determiners"])
    places = sorted({p for e in ref.entities.values() for p in e.places})

    def terms(kind: str) -> dict[str, re.Pattern[str]]:
        return {term.id: phrase_pattern(term.phrases) for term in ref.terms.values() if term.kind == kind}

    return _Vocab(
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
        purpose=re.compile(rf"{phrase_pattern(t['outcome']['purpose']).pattern}(?:\s+[\w’'-]+){{0,6}}\s*$",
                           re.IGNORECASE),
        judgement=phrase_pattern(t["outcome"]["judgement"]),
        background=re.compile(rf"{phrase_pattern(t['outcome']['background']).pattern}(?:\s+[\w’'-]+){{0,6}}\s*$",
                              re.IGNORECASE),
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


def claim_id(path: str, text: str, occurrence: int) -> str:
    """A stable id from the document's file name, the claim text and which repeat of that text it is."""
    name = PurePath(path.replace("\\", "/")).name
    digest = hashlib.sha256(f"{name}\0{text}\0{occurrence}".encode()).hexdigest()
    return f"c{digest[:12]}"


# --- clauses ---------------------------------------------------------------------------------------------

def clause_spans(sent: Span, doc: Doc, ref: Reference) -> list[Span]:
    """Split a sentence into clauses at coordinated independent clauses, concessive clauses and semicolons."""
    cuts: set[int] = set()
    root = sent.root
    op_tokens = {i for s in doc.spans[REF_SPANS] if ref.entities[s.kb_id_].type in OPERATIONAL_TYPES
                 for i in range(s.start, s.end)}
    for tok in sent:
        # "..., but it also drew criticism": a conjoined verb with its own subject starts a clause.
        if (tok.dep_ == "conj" and tok.head == root and tok.pos_ in ("VERB", "AUX")
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
            cuts.add(_back_over_connectives(doc, tok.left_edge.i, sent.start))
        # "While they improved ..., the insurgency limited ...": a concessive clause is its own claim;
        # so is "..., which shifted focus ...", a relative clause on a named mission.
        elif _concessive(tok, sent) or _relative_on_mission(tok, op_tokens, sent, doc):
            cuts.update({tok.left_edge.i, tok.right_edge.i + 1})
        elif tok.text == ";":
            cuts.add(tok.i + 1)
    bounds = sorted(c for c in cuts if sent.start < c < sent.end)
    pieces = []
    for a, b in zip([sent.start, *bounds], [*bounds, sent.end], strict=True):
        span = _trim(doc[a:b])
        if span is not None:
            pieces.append(span)
    return pieces


def _concessive(tok: Token, sent: Span) -> bool:
    """A 'while/although/as' clause with its own subject, not one wedged after a verbless opener
    ('In February 2011, as ... , the Council adopted ...', where splitting would cut the date off)."""
    before = sent.doc[sent.start:tok.left_edge.i]
    return (tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in tok.children)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            and (len(before) == 0 or any(t.pos_ in ("VERB", "AUX") for t in before)))


def _relative_on_mission(tok: Token, op_tokens: set[int], sent: Span, doc: Doc) -> bool:
    return (tok.dep_ == "relcl" and tok.head.i in op_tokens and tok.left_edge.i > sent.start
            and doc[tok.left_edge.i - 1].text == ",")


def _back_over_connectives(doc: Doc, i: int, floor: int) -> int:
    while i - 1 > floor and (doc[i - 1].dep_ == "cc" or doc[i - 1].is_punct or doc[i - 1].is_space):
        i -= 1
    return i


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].dep_ == "cc" or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].text in {",", ";", "—", "–", "-"}):
        end -= 1
    if end - start < 3 or not any(t.is_alpha for t in span.doc[start:end]):
        return None
    return span.doc[start:end]


# --- mentions and subjects -------------------------------------------------------------------------------

def mentions(clause: Span) -> list[tuple[str, Span]]:
    """Reference entities mentioned in a clause, in order."""
    return [(s.kb_id_, s) for s in clause.doc.spans[REF_SPANS] if clause.start <= s.start and s.end <= clause.end]


def _dedupe(ids: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def resolve_topic(clause: Span, found: list[tuple[str, Span]], ref: Reference, vocab: _Vocab,
                  ctx: _Context, in_list: bool) -> tuple[tuple[str, ...], str]:
    """What the clause is about: named operations, else what a pronoun or 'the mission' refers to,
    else a place's operations, else a named organisation or the document's main one."""
    text = clause.text
    # "ISAF's successor was a smaller mission": an operation named as the possessor of its successor or
    # predecessor is not what the clause is about; nor is an organisation named only as a modifier ("the NATO
    # flag went up", "seven NATO AWACS aircraft").
    found = [(i, s) for i, s in found if not (s.root.dep_ == "poss" and vocab.relational.fullmatch(s.root.head.text))
             and not (ref.entities[i].type == "organisation" and s.root.dep_ in ("compound", "amod", "nmod"))]
    ops = _dedupe([i for i, _ in found if ref.entities[i].type in OPERATIONAL_TYPES])
    # "Operation Eagle Eye preceded Allied Force": a name the reference lacks, as the subject, is the topic.
    section_places = frozenset(p.lower() for t in ctx.singular() if t in ref.entities for p in ref.entities[t].places)
    if (named := _named_subject(clause, found, vocab, bool(ops), section_places if ctx.singular() else None)) \
            is not None:
        return (named,), "unknown"
    # "It was replaced by EUFOR Althea": an operation named only as the successor of the one before.
    if ops and ctx.singular() and set(ops) <= set(_named_successors(clause, found, ref, vocab)):
        return _dedupe([*ctx.singular(), *ops]), "carried"
    # "KFOR was established in 1999": a named operation.
    if ops:
        return ops, "explicit"
    # "..., which ran in 2007": the operation the relative clause hangs on.
    if (head := _relative_head(clause)) is not None:
        return (head,), "explicit"
    # "The force's main tasks were:" followed by list items.
    if in_list and ctx.lead_in:
        return ctx.lead_in, "carried"
    # "It enforced ...", "They trained ...": a pronoun opening the clause.
    first = clause[0].lower_
    if first in ("they", "their") and ctx.plural():
        return _narrow_by_domain(ctx.plural(), text, ref, vocab), "carried"
    if first in PRONOUNS and ctx.singular():
        return _narrow_by_domain(ctx.singular(), text, ref, vocab), "carried"
    # "Its membership grew ..." with no section subject: the organisation the document is about.
    if first in ("it", "its") and ctx.default and not found:
        return ctx.default, "document"
    # "The operation continued only with airplanes" in a section about a named thing the reference lacks:
    # that thing, not the operations the reference records in some place the sentence names.
    if ctx.singular() and any(is_unknown(t) for t in ctx.singular()) and vocab.definite_anaphor.search(text) \
            and not _attached_places(text, vocab):
        return ctx.singular(), "carried"
    # "The intervention in Libya": the operations the reference records in that place.
    if group := _dedupe([e for p in _attached_places(text, vocab) for e in ref.entities_at(p)]):
        return _narrow_by_domain(group, text, ref, vocab), "place"
    # "These operations ...": the group named before, if there was one; otherwise a general statement.
    if vocab.plural_anaphor.search(text):
        return (_narrow_by_domain(ctx.plural(), text, ref, vocab), "carried") if ctx.plural() else ((), "generic")
    # "NATO interventions often ...": a general statement.
    if _generic_subject(clause, vocab):
        return (), "generic"
    # "The mission ...", or "NATO assumed responsibility for ..." inside a section about an operation.
    others = [i for i, _ in found if ref.entities[i].type != "body"]
    only_orgs = all(ref.entities[i].type == "organisation" for i in others) and not ctx.inherited
    # In a section whose heading names nothing, a stray "its" is not enough to carry an operation over.
    anaphor = vocab.definite_anaphor if ctx.inherited else vocab.anaphor
    if (anaphor.search(text) or (others and only_orgs and not _organisation_statement(text, vocab))) \
            and ctx.singular():
        return _narrow_by_domain(ctx.singular(), text, ref, vocab), "carried"
    # "NATO was founded in 1949": the organisation itself.
    if organisations := [i for i in others if ref.entities[i].type == "organisation"]:
        return tuple(organisations[:1]), "explicit"
    # "Resolution 816 authorised member states to enforce the no-fly zone", in a section on Deny Flight: the
    # basis of the section's operation.
    if others and all(ref.entities[i].type == "resolution" for i in others) and ctx.singular() \
            and (vocab.legal_basis.search(text) or vocab.authorised.search(text)) \
            and all(t in ref.entities and ref.entities[t].type in OPERATIONAL_TYPES for t in ctx.singular()):
        return ctx.singular(), "carried"
    # "Its legal foundation is the Washington Treaty": the document's main organisation.
    if others and ctx.default and vocab.legal_basis.search(text):
        return ctx.default, "document"
    # "Resolution 1973 was adopted on 17 March 2011": the instrument itself.
    if others:
        return (others[0],), "explicit"
    # A sentence naming nothing: the section's subject, checked for hard facts only (see CONTEXT_ASPECTS).
    if ctx.singular():
        return ctx.singular(), "context"
    return (), "none"


def _subject_token(clause: Span) -> Token | None:
    """The grammatical subject of the clause's main verb, if it has one."""
    root = clause.root
    return next((t for t in clause if t.dep_ in ("nsubj", "nsubjpass") and t.head == root), None)


ACTOR_MARK = "@"


def unknown_id(span: Span) -> str:
    """The topic id of a named thing the reference does not know ('~@' for an actor: a person, a nation)."""
    return UNKNOWN + (ACTOR_MARK if span.label_ == ACTOR else "") + display_name(span)


def _named_subject(clause: Span, found: list[tuple[str, Span]], vocab: _Vocab, known_ops: bool,
                   section_places: frozenset[str] | None = None) -> str | None:
    """A named thing the reference lacks that the clause is about: its subject ('Operation Distinguished Games
    protected ...', or an actor: 'Milošević accepted ...'), or, when no known operation is named and the subject
    is an organisation or absent, the
    one it acts on ('NATO launched Operation Eagle Assist', 'NATO supported the Dayton Agreement'). A name
    that only follows 'replaced by' or 'handed over to' is a successor, not the topic."""
    named = [s for s in unknown_spans(clause) if not _handover_position(clause, s, vocab)]
    subject = _subject_token(clause)
    if subject is not None:
        # The subject itself, or a name inside its phrase ("the target strength for the Afghan National Army").
        tree = range(subject.left_edge.i, subject.right_edge.i + 1)
        if not any(s.start in tree for _, s in found):
            inside = [s for s in named if s.start in tree]
            # A person or an organisation acts for itself; a nation too, inside a section about an operation
            # that is not in that nation ("Sweden had to wait until March 2024" under Allied Force).
            actors = [s for s in unknown_spans(clause, ACTOR) if s.start <= subject.i < s.end
                      and (s.root.ent_type_ in ("PERSON", "ORG") or s.text.isupper() or (
                          section_places is not None and display_name(s).lower() not in section_places))]
            if inside or (actors and not known_ops):
                return unknown_id((inside or actors)[0])
    if not named or known_ops:
        return None
    if subject is None or subject.lower_ in (*PRONOUNS, "which", "who", "that") \
            or vocab.intervention.fullmatch(subject.text) or clause[0].lower_ in PRONOUNS:
        return None if subject is not None or clause[0].lower_ in PRONOUNS else unknown_id(named[0])
    # "NATO launched Operation Eagle Assist", "Under Operation Eagle Assist, seven aircraft patrolled ...":
    # the only operation named frames what its subject did.
    return unknown_id(named[0])


def _handover_position(clause: Span, span: Span, vocab: _Vocab) -> bool:
    """'... was replaced by Operation X', 'handed over to X', 'took over from X', 'preceded by X': the other side
    of a handover, not what the clause is about."""
    before = clause.doc.text[clause.start_char:span.start_char]
    return bool(vocab.handover_before.search(before))


def _named_successors(clause: Span, found: list[tuple[str, Span]], ref: Reference, vocab: _Vocab) -> list[str]:
    return list(leaders_and_successors(clause, found, ref, vocab)[1])


def _organisation_statement(text: str, vocab: _Vocab) -> bool:
    """'NATO was founded in 1949 with 12 members': about the organisation, even inside an operation's section."""
    return bool(vocab.founding.search(text) or re.search(r"\bmembers?\b|\bmember states\b|\ballies\b", text,
                                                         re.IGNORECASE)
                or any(vocab.roles[r].search(text) for r in ("signed", "joined", "invoked")))


def _relative_head(clause: Span) -> str | None:
    """'..., which ran in 2007': a relative clause split off a named operation is about that operation."""
    first = clause[0]
    if first.lower_ not in ("which", "who", "that") or first.head.dep_ != "relcl":
        return None
    noun = first.head.head
    for span in clause.doc.spans[REF_SPANS]:
        if span.start <= noun.i < span.end:
            return span.kb_id_
    return None


def _generic_subject(clause: Span, vocab: _Vocab) -> bool:
    """'NATO interventions often ...', 'critics argue that military interventions undermine ...': a plural
    intervention noun as the subject of the clause, or of what it reports, makes a general statement."""
    root = clause.root
    heads = [root, *(c for c in root.children if c.dep_ == "ccomp")]
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head in heads and t.tag_ in ("NNS", "NNPS")
               and vocab.intervention_plural.fullmatch(t.text) for t in clause)


def _places(text: str, vocab: _Vocab) -> list[str]:
    if vocab.places is None:
        return []
    return [m.group() for m in vocab.places.finditer(text)]


def _attached_places(text: str, vocab: _Vocab) -> list[str]:
    """Places that name where an intervention was ('the intervention in Libya', 'the Libya mission'), with the
    places listed right after one ('the deployments in the Balkans, chiefly in Bosnia')."""
    if vocab.attached_place is None or vocab.places is None:
        return []
    # "Unlike the Kosovo air campaign, the Libya operation ...": the contrast is not the subject.
    text = _CONTRAST.sub(lambda m: " " * len(m.group()), text)
    out = []
    for m in vocab.attached_place.finditer(text):
        out.append(m.group("place") or m.group("place2") or m.group("place3"))
        pos = m.end()
        while more := _FOLLOWING_PLACE.match(text, pos):
            place = vocab.places.match(text, more.end())
            if place is None:
                break
            out.append(place.group())
            pos = place.end()
    return _dedupe(out)


_CONTRAST = re.compile(r"^\s*(?:unlike|in contrast to|compared with|compared to|as opposed to)\b[^,]*,",
                       re.IGNORECASE)
# What may stand between places listed together: "Bosnia and Croatia", "the Balkans, especially Bosnia".
_FOLLOWING_PLACE = re.compile(r"(?:\s*,\s*|\s+)(?:and\s+|or\s+|notably\s+|especially\s+|particularly\s+|"
                              r"including\s+|such\s+as\s+|in\s+|the\s+)*", re.IGNORECASE)


def _narrow_by_domain(group: tuple[str, ...], text: str, ref: Reference, vocab: _Vocab) -> tuple[str, ...]:
    """'the air campaign' among a place's operations means the ones that were fought from the air."""
    if len(group) < 2:
        return group
    named = {d for d, pat in vocab.domains.items() if pat.search(text)}
    if not named:
        return group
    kept = tuple(e for e in group
                 if any(named & set(f.include) for f in ref.facts_for(e, "domains")))
    return kept or group


# --- values ----------------------------------------------------------------------------------------------

# Nouns that only situate a value in time ("in the summer of 1995"): the owner is what they hang on.
TIME_NOUNS = frozenset({"year", "years", "month", "months", "day", "days", "summer", "spring", "autumn", "fall",
                        "winter", "week", "weeks", "period", "time", "decade", "decades", "end", "start", "beginning",
                        "middle", "course", "date", "half", "quarter", "part", "mid", "early", "late"})
# Dependency arcs by which a value hangs directly on a noun ("the 2003 invasion", "a decade-long process").
NOUN_MODIFIER_ARCS = frozenset({"compound", "nummod", "amod", "npadvmod", "quantmod", "nmod", "appos"})


# Parts of speech a value climbs through to the word it hangs on: prepositions, the rest of a date, modifiers.
_CLIMB_POS = frozenset({"ADP", "NUM", "PUNCT", "CCONJ", "ADJ", "ADV", "DET", "PART", "SYM"})


def value_governor(clause: Span, offset: int, values: list[tuple[int, int]] = ()) -> Token | None:  # type: ignore[assignment]
    """The verb or noun a value at this clause offset hangs on, read off the parse: 'launched' in 'launched it on
    30 August', 'massacre' in 'after the massacre in July 1995', 'process' in 'a decade-long process'. None when
    the value is the clause's root or hangs outside the clause."""
    tok = next((t for t in clause if t.idx - clause.start_char <= offset < t.idx - clause.start_char + len(t)), None)
    for _ in range(16):
        if tok is None or tok.head == tok:
            return None
        head = tok.head
        if not clause.start <= head.i < clause.end:
            return None
        at = head.idx - clause.start_char
        if head.pos_ in _CLIMB_POS or head.lower_ in TIME_NOUNS or any(a <= at < b for a, b in values) \
                or (head.ent_type_ == "DATE" and head.pos_ not in ("VERB", "AUX")):
            tok = head  # through the preposition, the rest of the date, a time noun or a modifier
            continue
        return head
    return None


def value_owner(clause: Span, offset: int, values: list[tuple[int, int]] = ()) -> Token | None:  # type: ignore[assignment]
    """The noun a value describes, or None when it describes the clause's own predicate ('NATO launched it on
    30 August'). 'After the massacre in July 1995' gives 'massacre'; 'the Agreement, signed in 1995' gives
    'Agreement'; 'a decade-long process' gives 'process'."""
    gov = value_governor(clause, offset, values)
    if gov is None:
        return None
    if gov.pos_ in ("NOUN", "PROPN"):
        return gov
    if gov.dep_ in ("acl", "relcl") and gov.head.pos_ in ("NOUN", "PROPN") and clause.start <= gov.head.i < clause.end:
        return gov.head  # "the Agreement, signed in 1995": the participle describes its noun
    return None


def values_elsewhere(clause: Span, offsets: list[int], found: list[tuple[str, Span]], topic: tuple[str, ...],
                     vocab: _Vocab, values: list[tuple[int, int]] = ()) -> set[int]:  # type: ignore[assignment]
    """Offsets of values that belong to some other noun than the clause's topic: an event ('the massacre'),
    an agreement, a process, or another operation named in passing."""
    topic_tokens = {i for e, s in found if e in topic for i in range(s.start, s.end)}
    topic_tokens |= {i for s in (*unknown_spans(clause), *unknown_spans(clause, ACTOR)) if unknown_id(s) in topic
                     for i in range(s.start, s.end)}
    other_tokens = {i for e, s in found if e not in topic for i in range(s.start, s.end)}
    out = set()
    for offset in offsets:
        if _other_actor(clause, value_governor(clause, offset, values), topic_tokens, vocab):
            out.add(offset)  # "... when EULEX deployed in February 2008": the subordinate clause's subject's
            continue
        owner = value_owner(clause, offset, values)
        if owner is None or owner.i in topic_tokens:
            continue
        if owner.i not in other_tokens and (
            owner.lower_ in PRONOUNS or vocab.intervention.fullmatch(owner.text)
            or any(p.fullmatch(owner.text) for p in vocab.roles.values())
        ):
            continue  # "the mission", "its launch", "the deployment in 1999": the topic's own
        # Only an event, a process or a named thing owns its value: "the massacre in July 1995", "the Dayton
        # Agreement, signed in 1995"; "12 members in 1949" and "aircraft in 1993" date the clause.
        place = owner.ent_type_ in ("GPE", "LOC", "FAC")  # "shot down near Belgrade on 27 March": where, not what
        if owner.i in other_tokens or (owner.pos_ == "PROPN" and not place) or owner.ent_type_ in ("EVENT", "LAW") \
                or vocab.event_nouns.fullmatch(owner.text):
            out.add(offset)
    return out


# Verbs whose active subject comes after the other party: "Allied Protector followed on 24 March 2009",
# "SFOR replaced IFOR"; passive ("was followed by", "was replaced by"), the subject came first.
_AFTER_VERBS = frozenset({"followed", "follows", "succeeded", "succeeds", "replaced", "replaces", "superseded",
                          "supersedes", "came", "took"})


def _succeeds(clause: Span, vocab: _Vocab) -> bool:
    """Whether the clause's subject is the later side of a handover ('took over from NATO', 'followed on 24
    March', 'replaced IFOR'), read off the voice of its verb; 'handed over to X' and 'was replaced by X' make
    it the earlier side."""
    text = clause.text
    if vocab.successor.search(text):
        return False
    if vocab.predecessor.search(text):
        return True
    root = clause.root
    passive = any(c.dep_ in ("auxpass", "agent", "nsubjpass") for c in root.children)
    return root.lower_ in _AFTER_VERBS and not passive


def _other_actor(clause: Span, gov: Token | None, topic_tokens: set[int], vocab: _Vocab) -> bool:
    """Whether the verb a value hangs on is not the clause's main verb and has a subject of its own that is not
    the topic ('when EULEX deployed in 2008', 'which the coalition set up in 2009')."""
    if gov is None or gov.pos_ not in ("VERB", "AUX") or gov == clause.root:
        return False
    subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and not any(
        s.i in topic_tokens or s.lower_ in (*PRONOUNS, "which", "who", "that")
        or (vocab.intervention.fullmatch(s.text)
            and not any(c.dep_ in ("poss", "compound", "amod") for c in s.children))
        or any(t.i in topic_tokens for t in s.subtree) for s in subjects)


def instrument_dates(clause: Span, found: list[tuple[str, Span]], ref: Reference) -> set[int]:
    """Offsets of dates that belong to a named instrument: 'Resolution 1244 of 10 June 1999', 'UNSCR 1973 (2011)'."""
    base = clause.start_char
    ends = [s.end_char - base for i, s in found if ref.entities[i].type in INSTRUMENT_TYPES]
    return {d.offset for d in V.find_dates(clause.text) if any(_right_after(clause.text, d.offset, e) for e in ends)}


def _right_after(text: str, offset: int, end: int) -> bool:
    """Whether a date at offset directly follows an instrument ending at end ('of', '(' or ', adopted on' between)."""
    return 0 <= offset - end <= 16 and bool(re.fullmatch(r"\s*(?:of|\(|,\s*adopted\s+on)?\s*", text[end:offset]))


def date_roles(text: str, dates: list[V.DateValue], vocab: _Vocab, clause: Span | None = None) -> tuple[str, ...]:
    """For each date, what it marks: start, end, transition, signed, adopted, invoked, joined, or active.

    The role is read from the word the date hangs on ('launched ... on 30 August', 'its end in 2014', 'took
    command in 2003'); without a parse, from the nearest trigger word.
    """
    spans = [(d.offset, d.end) for d in dates]
    roles = []
    for d in dates:
        if clause is not None and clause.doc.has_annotation("DEP"):
            roles.append(_governed_role(clause, d, spans, vocab))
            continue
        triggers = [(m.start(), role) for role, pat in vocab.roles.items() for m in pat.finditer(text)]
        near = [t for t in triggers if abs(t[0] - d.offset) <= ROLE_WINDOW]
        roles.append(min(near, key=lambda t: (abs(t[0] - d.offset), t[1]))[1] if near else "active")
    # "Oct 1992 – Apr 1993", "June 1993 to October 1996": a span of two dates is a start and an end;
    # "March 2004 – present": a start.
    for i, d in enumerate(dates):
        after = text[d.end:dates[i + 1].offset] if i + 1 < len(dates) else ""
        if i + 1 < len(dates) and _DATE_SPAN.fullmatch(after) and roles[i] == roles[i + 1] == "active":
            roles[i], roles[i + 1] = "start", "end"
        elif roles[i] == "active" and _ONGOING.match(text, d.end):
            roles[i] = "start"
    return tuple(roles)


# Dependents that complete a verb's meaning for a role: "took command", "set up", "came to an end".
_PHRASE_ARCS = frozenset({"prt", "dobj", "attr", "acomp", "prep", "pobj", "aux", "auxpass"})


def _governed_role(clause: Span, date: V.DateValue, spans: list[tuple[int, int]], vocab: _Vocab) -> str:
    gov = value_governor(clause, date.offset, spans)
    if gov is None:
        return "active"
    own = {t.i for t in clause if any(a <= t.idx - clause.start_char < b for a, b in spans)}
    path = {t.i for t in clause if t.i in own or (any(d.i in own for d in t.subtree) and t.i != gov.i)}
    words = [gov] + [c for c in gov.children if c.dep_ in _PHRASE_ARCS and abs(c.i - gov.i) <= 3
                     and c.i not in own]
    words += [g for c in words if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if gov.pos_ in ("VERB", "AUX") and not _existence_words().fullmatch(gov.text):
        # "no ship was hijacked since May 2012": 'since' or 'until' on a verb of doing marks that act's time.
        words = [w for w in words if w.i not in path]
    phrase = " ".join(t.text for t in sorted(set(words), key=lambda t: t.i))
    hits = [(m.start(), role) for role, pat in vocab.roles.items() for m in pat.finditer(phrase)]
    if any(role == "phase" for _, role in hits):
        return "phase"  # "moved into its second phase on 7 October": the phase's start, not the operation's
    if hits:
        # The verb or noun itself decides before the words around it.
        at = phrase.find(gov.text)
        return min(hits, key=lambda h: (abs(h[0] - at), h[1]))[1]
    return "active"


_DATE_SPAN = re.compile(r"\s*(?:[–—-]|to|until|till|through)\s*", re.IGNORECASE)
_ONGOING = re.compile(r"\s*[–—-]\s*(?:present|today|now|ongoing)\b", re.IGNORECASE)


def coordinated_domains(text: str, vocab: _Vocab) -> list[tuple[int, str, bool]]:
    """Domains named in a coordinated list before a force noun: 'air and naval power' gives air and maritime."""
    words = _base_tables()["coordinated_domains"]["words"]
    hits = []
    for m in vocab.coordinated.finditer(text):
        negated = _negated(text, m.start())
        for w in re.finditer(r"[A-Za-z]+", m.group("list")):
            if w.group().lower() in words:
                hits.append((m.start() + w.start(), words[w.group().lower()], negated))
    return hits


def _negated(text: str, start: int) -> bool:
    """'no ground troops', 'without ground forces', 'rather than combat', 'non-combat'."""
    if text[max(0, start - 4):start].lower() == "non-":
        return True
    window = text[max(0, start - 40):start]
    before = re.findall(r"[\w-]+", window.lower())[-3:]
    return any(w in NEGATORS for w in before) or bool(_SET_ASIDE.search(window))


def term_hits(text: str, patterns: dict[str, re.Pattern[str]]) -> list[tuple[int, str, bool]]:
    """Every (position, term, negated) a text states."""
    return [(m.start(), term, _negated(text, m.start())) for term, pat in patterns.items() for m in pat.finditer(text)]


def split_hits(hits: list[tuple[int, str, bool]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Terms stated and terms negated ('no ground troops', 'non-combat'), each in order of first mention."""
    ordered = sorted(hits)
    said = _dedupe([t for _, t, neg in ordered if not neg])
    return said, tuple(t for t in _dedupe([t for _, t, neg in ordered if neg]) if t not in said)


def found_terms(text: str, patterns: dict[str, re.Pattern[str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Terms stated and terms negated in text."""
    return split_hits(term_hits(text, patterns))


def unmatched_tasks(clause: Span, mandate_text: str, vocab: _Vocab) -> tuple[str, ...]:
    """Items listed alongside recorded tasks ('counterinsurgency and nation-building') that name no recorded task."""
    base = clause.start_char
    covered = [m.span() for pat in vocab.task_phrases for m in pat.finditer(mandate_text)]

    def recognised(tok) -> bool:
        lo, hi = tok.left_edge.idx - base, tok.right_edge.idx + len(tok.right_edge) - base
        return any(a < hi and lo < b for a, b in covered)

    anchors = {t for t in clause if any(a <= t.idx - base < b for a, b in covered)}
    items = set()
    for tok in anchors:
        head = tok
        while head.dep_ == "conj" and head.head.i >= clause.start:
            head = head.head
        for member in [head, *head.conjuncts]:
            if clause.start <= member.i < clause.end:
                items.add(member)
    unmatched = []
    for tok in sorted(items, key=lambda t: t.i):
        if not recognised(tok) and tok.pos_ in ("NOUN", "VERB", "PROPN") and not _negated(mandate_text, tok.idx - base):
            unmatched.append(clause.doc[tok.left_edge.i:tok.i + 1].text if tok.pos_ == "NOUN" else tok.text)
    listed = _unmatched_list_items(mandate_text, covered, vocab) if vocab.mandate_strong.search(mandate_text) else []
    return _dedupe([*unmatched, *listed])


# A list of tasks: items separated by commas or "and", up to a clause boundary.
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_END = re.compile(r";|,\s*(?:which|who|it|they|but|yet|though|although)\b|\s+while\s+|\s+whereas\s+"
                       r"|\s+to\s+(?:assist|help|ensure)\b")
# Words that carry no task of their own ("in and around Kabul").
_FUNCTION_WORDS = frozenset({"around", "within", "across", "through", "throughout", "during", "including", "about",
                             "after", "before", "between", "under", "over", "from", "with", "into", "onto", "upon",
                             "their", "there", "these", "those", "which", "while", "also", "both", "other"})


def _unmatched_list_items(text: str, covered: list[tuple[int, int]], vocab: _Vocab) -> list[str]:
    """Items of a listed mandate that no recorded task covers, when the parse misses the coordination."""
    trigger = vocab.mandate_strong.search(text)
    after = [a for a, _ in covered if trigger is None or a >= trigger.start()]
    if not after:
        return []
    start = min(after)
    end_match = _LIST_END.search(text, start)
    segment = text[start:end_match.start() if end_match else len(text)].rstrip(" .")
    out, pos = [], start
    for piece in _LIST_SPLIT.split(segment):
        lo = text.index(piece, pos) if piece else pos
        hi = lo + len(piece)
        pos = hi
        words = [w for w in re.findall(r"\b[a-z]{4,}\b", piece) if w not in _FUNCTION_WORDS]
        if words and not any(a < hi and lo < b for a, b in covered) and not _negated(text, lo):
            out.append(" ".join(piece.split()[:4]))
    return out


def _mandate_text(text: str, vocab: _Vocab) -> str:
    """The text with the old focus of a shift ('from combat operations to ...') blanked out."""
    return vocab.shift_from.sub(lambda m: " " * len(m.group(0)[:-2]) + "to", text)


def leaders_and_successors(clause: Span, found: list[tuple[str, Span]], ref: Reference,
                           vocab: _Vocab) -> tuple[tuple[str, ...], tuple[str, ...]]:
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
    return _dedupe(leaders), _dedupe(successors)


def successor_leaders(clause: Span, found: list[tuple[str, Span]], ref: Reference, vocab: _Vocab) -> tuple[str, ...]:
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
    return _dedupe(out)


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
    return _dedupe(out)


def authorisation(text: str, vocab: _Vocab) -> bool | None:
    """Whether the clause says the UN Security Council authorised (True) or did not authorise (False) it."""
    council = vocab.security_council.search(text)
    if not council:
        return None
    window = text[max(0, council.start() - 60):council.end() + 40]
    unnumbered = re.search(r"\bresolutions?\b(?!\s*\d)", window, re.IGNORECASE)
    if not (vocab.authorised.search(window) or unnumbered):
        return None
    # A negator joined by a hyphen is part of a compound ("no-fly zone"), not a denial.
    denied = re.search(r"(?<![\w-])(?:not|never|no|neither|nor|without)(?![\w-])", window, re.IGNORECASE)
    return not (vocab.unauthorised.search(window) or denied)


def subject_is_topic(clause: Span, found: list[tuple[str, Span]], topic: tuple[str, ...], vocab: _Vocab) -> bool:
    """Whether the clause's grammatical subject is its topic (named, a pronoun, 'the mission', a possessor),
    rather than something else that merely mentions it ('every ISAF commander was ...')."""
    subjects = [t for t in clause if t.dep_ in ("nsubj", "nsubjpass") and t.head == clause.root]
    if any(t.dep_ == "expl" and t.head == clause.root for t in clause):
        # "There had been no attack since 2010": the subject is what there was.
        subjects = [t for t in clause if t.dep_ in ("attr", "nsubj") and t.head == clause.root] or subjects
    if not subjects:
        return True
    subject = subjects[0]
    spans = [s for i, s in found if i in topic]
    # The topic itself, or any named actor ("NATO took command", "the Security Council adopted ...").
    if any(s.start <= subject.i < s.end for _, s in found):
        return True
    if any(unknown_id(s) in topic and s.start <= subject.i < s.end for s in (*unknown_spans(clause),
                                                                             *unknown_spans(clause, ACTOR))):
        return True
    if subject.lower_ in (*PRONOUNS, "which", "who", "that") or vocab.intervention.fullmatch(subject.text):
        return True
    possessors = [c for c in subject.children if c.dep_ == "poss"]
    return any(s.start <= p.i < s.end for p in possessors for s in spans) or any(p.lower_ in PRONOUNS
                                                                             for p in possessors)


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
    return _dedupe(out)


# Verbs whose subject count of members is a membership count ("32 members are ..."), unlike "16 members contributed".
MEMBERSHIP_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "number", "numbered", "total",
                              "totalled", "totaled", "grew", "joined", "signed", "became", "become"})


def quantities(clause: Span) -> tuple[V.Quantity, ...]:
    """Quantities, without counts that are really durations or dates, and without member counts that are the
    subject of some other action ('sixteen NATO members contributed aircraft')."""
    acting = [t for t in clause if t.lower_ in ("members", "allies", "states", "countries") and t.dep_ == "nsubj"
              and t.head.lower_ not in MEMBERSHIP_VERBS]
    out = []
    for q in V.find_quantities(clause.text):
        if re.search(r"\b(days?|weeks?|months?|years?)\b", q.text):
            continue
        if q.measure == "member_states" and any(t.text in q.text.split() for t in acting):
            continue
        out.append(q)
    taken = [(q.offset, q.offset + len(q.text)) for q in out]
    return tuple(sorted([*out, *_counted_nouns(clause, taken)], key=lambda q: q.offset))


def _listed_count(clause: Span, q: V.Quantity, found: list[tuple[str, Span]], ref: Reference, vocab: _Vocab) -> bool:
    """'NATO led two major missions: ISAF and Resolute Support': a count of operations that the clause then
    names one by one states nothing beyond the names."""
    noun = q.measure.split()[-1] if q.measure else ""
    if not vocab.intervention_plural.fullmatch(noun) or q.value is None:
        return False
    after = [i for i, s in found
             if ref.entities[i].type in OPERATIONAL_TYPES and s.start_char - clause.start_char > q.offset]
    return len(set(after)) == q.value


def _counted_nouns(clause: Span, taken: list[tuple[int, int]]) -> list[V.Quantity]:
    """Counts of anything, read off the parse: a number modifying a plural noun ('830 crew members', 'seven
    AWACS aircraft', '45 Albanians'). Their measure is the noun; unless the reference records that measure,
    they are unverified, but they are claims."""
    base = clause.start_char
    out = []
    for ent in clause.ents:
        if ent.label_ not in NUMBER_LABELS or any(a < ent.end_char - base and ent.start_char - base < b
                                                  for a, b in taken):
            continue
        root = ent.root
        noun = root.head
        if root.dep_ not in ("nummod", "quantmod", "compound") or noun.pos_ not in ("NOUN", "PROPN") \
                or noun.lower_ in TIME_NOUNS or noun.lower_.rstrip("s") in ("day", "week", "month", "year", "decade"):
            continue
        value, approximate = V.parse_count(ent.text)
        if value is None or re.fullmatch(r"1[89]\d\d|20\d\d", ent.text.strip()):
            continue
        words = clause.doc[ent.end:noun.i + 1].text if noun.i >= ent.end else noun.text
        out.append(V.Quantity(value, words.lower(), approximate, f"{ent.text} {words}", ent.start_char - base))
    return out


# Entity labels whose mention states something specific: a person, a nation or group, an organisation.
SPECIFIC_ACTORS = frozenset({"PERSON", "NORP", "ORG"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


def unchecked_specifics(clause: Span, found: list[tuple[str, Span]],
                        consumed: list[tuple[int, int]]) -> tuple[str, ...]:
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
        if (span.root.ent_type_ == "PERSON" and _argument(span)) or _leader_position(span):
            out.append(display_name(span))
    for ent in clause.ents:
        if ent.label_ in NUMBER_LABELS and ent.text.lower() != "one" \
                and not any(i in linked for i in range(ent.start, ent.end)):
            lo, hi = ent.start_char - base, ent.end_char - base
            if not any(a < hi and lo < b for a, b in consumed):
                out.append(ent.text)
    return _dedupe(out)


# Arcs by which a name is an argument of its predicate rather than a passing mention.
ARGUMENT_ARCS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "agent", "appos", "oprd", "pobj", "conj"})
# Prepositions that set a scene in time rather than state a fact about what they govern ("after the war").
TEMPORAL_PREPOSITIONS = frozenset({"after", "before", "during", "following", "since", "until", "amid", "throughout",
                                   "in the wake of", "prior"})


def _argument(span: Span) -> bool:
    """Whether a name is an argument of its clause ('escorted by X', 'X deployed'), not a modifier ('the Gaddafi
    regime') or a scene-setter ('after the Kosovo conflict')."""
    root = span.root
    if root.dep_ not in ARGUMENT_ARCS:
        return False
    return not (root.dep_ == "pobj" and root.head.lower_ in TEMPORAL_PREPOSITIONS)


@cache
def _lead_words() -> tuple[frozenset[str], re.Pattern[str]]:
    t = _base_tables()["leadership"]
    return frozenset(t["lead_verbs"]), phrase_pattern(t["lead_nouns"])


def _leader_position(span: Span) -> bool:
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


@cache
def _existence_words() -> re.Pattern[str]:
    return phrase_pattern(_base_tables()["predicates"]["existence"])


def _existence(clause: Span) -> bool:
    """Whether the clause's main predicate only says that its subject existed or ran: 'KFOR was in Kosovo
    in 1999', 'it ran until 2016', 'the operation lasted 78 days'."""
    root = clause.root
    words = " ".join(t.text for t in root.subtree if t.dep_ in ("aux", "auxpass", "prt") or t == root)
    return root.pos_ not in ("VERB", "AUX") or bool(_existence_words().search(words)) or bool(
        _existence_words().fullmatch(root.text))


def _possessed(clause: Span, offset: int, found: list[tuple[str, Span]], topic: tuple[str, ...]) -> bool:
    """Whether a value hangs on a noun its topic possesses: 'its founding in 1949', 'ISAF's launch in 2001'."""
    gov = value_governor(clause, offset)
    if gov is None or gov.pos_ not in ("NOUN", "PROPN"):
        return False
    owners = [c for c in gov.children if c.dep_ == "poss"]
    return any(o.lower_ in PRONOUNS or any(i in topic and s.start <= o.i < s.end for i, s in found) for o in owners)


def _describes_topic(span: Span, found: list[tuple[str, Span]], topic: tuple[str, ...], vocab: _Vocab) -> bool:
    """Whether a modifier ('non-Article 5') describes the topic: its own name, or 'the mission' said of it,
    not another operation ('replaced by the non-Article 5 Operation Sea Guardian')."""
    noun = span.root.head
    while noun.dep_ in ("compound", "amod", "nmod") and noun.head != noun:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("into", "to", "by"):
        return False  # "turned into a non-Article 5 operation": what it became, not what it was
    if any(s.start <= noun.i < s.end for i, s in found if i in topic[:1]):
        return True
    # "... with Operation Sea Guardian, a non-Article 5 operation": an apposition describes the name it follows.
    target = noun.head if noun.dep_ == "appos" else noun
    named_other = any(s.start <= target.i < s.end for i, s in found if i not in topic[:1])
    return not named_other and bool(vocab.intervention.fullmatch(noun.text))


def _on_verb(clause: Span, offset: int) -> bool:
    """Whether a value hangs on a verb of the clause (or on nothing: the clause's own time)."""
    gov = value_governor(clause, offset)
    return gov is None or gov.pos_ in ("VERB", "AUX")


def _activity_value(clause: Span, offset: int) -> bool:
    """Whether a value hangs on a verb that is not one of existing or running: 'the mandate was extended for
    six months' times the extension, not the operation."""
    gov = value_governor(clause, offset)
    return gov is not None and gov.pos_ in ("VERB", "AUX") and not _existence_words().fullmatch(gov.text)


def _locative(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    return before is not None and before.lower_ in LOCATIVE_PREPOSITIONS | {"to", "from", "of", "at"}


def _located(text: str, part: str) -> tuple[int, int]:
    at = text.find(part)
    return (at, at + len(part)) if at >= 0 else (0, 0)


def polarity(text: str, vocab: _Vocab) -> str | None:
    """The outcome framing of a clause: positive, negative, mixed, or None; purposes and mandates are not framing."""
    if _strong_mandate(text, vocab):
        return None
    def framing(m: re.Match[str]) -> bool:
        before = text[:m.start()]
        return not (vocab.purpose.search(before) or vocab.background.search(before))

    pos = {m.start() for m in vocab.positive.finditer(text) if framing(m)}
    neg = {m.start() for m in vocab.negative.finditer(text) if framing(m)}
    if len(pos) == len(neg):
        return "mixed" if pos else None
    return "positive" if len(pos) > len(neg) else "negative"


# --- claims ----------------------------------------------------------------------------------------------

def read_values(clause: Span, found: list[tuple[str, Span]], topic: tuple[str, ...], ref: Reference,
                vocab: _Vocab, default_year: int | None = None, role_hint: str | None = None) -> Values:
    """Every normalised value the clause states."""
    text = clause.text
    spans = V.range_spans(text)
    in_ranges = {y for _, r in spans for y in r}
    all_dates = V.find_dates(text, default_year)
    if any(d.year == default_year and not d.inferred_year for d in all_dates):
        # "31 Mar – 15 Dec 2003": a day taking the year written beside it in the same clause is not a guess.
        all_dates = [replace(d, inferred_year=False) for d in all_dates]
    durations = V.find_durations(text)
    elsewhere = values_elsewhere(clause, [*(d.offset for d in all_dates), *(o for o, _ in spans),
                                          *(d.offset for d in durations)], found, topic, vocab,
                                 [(d.offset, d.end) for d in all_dates])
    background = elsewhere | instrument_dates(clause, found, ref)
    dates = [d for d in all_dates
             if not (d.month is None and d.year in in_ranges) and d.offset not in background]
    ranges = [r for o, r in spans if o not in background]
    resolutions = V.find_resolutions(text)
    # "a non-Article 5 operation": the instrument is denied, not named as the basis.
    at = {i: sp.start_char - clause.start_char for i, sp in found}
    denied = {i for i, sp in found if ref.entities[i].type in INSTRUMENT_TYPES
              and text[max(0, at[i] - 4):at[i]].lower() == "non-" and _describes_topic(sp, found, topic, vocab)}
    instruments = [i for i, _ in found
                   if ref.entities[i].type in INSTRUMENT_TYPES and i not in topic and i not in denied]
    instruments += [ref.resolution_by_number[n] for n in resolutions
                    if n in ref.resolution_by_number and ref.resolution_by_number[n] not in topic]
    domains, domains_excluded = split_hits(term_hits(text, vocab.domains) + coordinated_domains(text, vocab))
    mandate_text = _mandate_text(text, vocab)
    mandate, mandate_excluded = found_terms(mandate_text, vocab.mandate_terms)
    distinctions = found_terms(text, vocab.distinction_terms)[0] if vocab.distinction_marker.search(text) else ()
    leaders, successors = leaders_and_successors(clause, found, ref, vocab)
    parties = _dedupe([*(i for i, s in found if ref.entities[i].type in OPERATIONAL_TYPES and i not in topic[:1]
                         and _handover_position(clause, s, vocab)),
                       *(UNKNOWN + display_name(s) for s in unknown_spans(clause)
                         if _handover_position(clause, s, vocab))])
    roles = date_roles(text, dates, vocab, clause)
    if role_hint is not None:
        # A table cell under 'End' or 'Launched': the header says what its dates mark.
        roles = tuple(role_hint if r == "active" else r for r in roles)
    if parties and vocab.roles["transition"].search(text):
        # "X handed over to Y in 2006": a date in a handover sentence dates the handover, wherever it stands.
        roles = tuple("transition" if r == "active" else r for r in roles)
    elif not parties and any(c.dep_ == "dobj" for c in clause.root.children):
        # "It followed damage to a cable on Christmas Day": following an event is no handover.
        roles = tuple("active" if r == "transition" else r for r in roles)
    return Values(
        dates=tuple(dates),
        date_roles=roles,
        decades=tuple(V.find_decades(text)),
        ranges=tuple(ranges),
        durations=tuple(d for d in durations if d.offset not in background),
        resolutions=tuple(resolutions),
        instruments=_dedupe(instruments),
        instruments_excluded=tuple(sorted(denied)),
        authorised=authorisation(text, vocab),
        domains=domains,
        domains_excluded=domains_excluded,
        mandate=mandate,
        mandate_excluded=mandate_excluded,
        mandate_unmatched=unmatched_tasks(clause, mandate_text, vocab) if mandate or mandate_excluded else (),
        distinctions=distinctions,
        leaders=leaders,
        founders=_dedupe([*founders(clause, found, ref), *(leaders if vocab.from_start.search(text) else ())]),
        successors=tuple(s for s in successors if s not in topic[:1]),
        successor_leaders=successor_leaders(clause, found, ref, vocab),
        handover_parties=parties,
        succeeds=_succeeds(clause, vocab) if parties or vocab.roles["transition"].search(text) else False,
        existence=_existence(clause),
        actor_leaders=tuple(display_name(s) for s in (*unknown_spans(clause, ACTOR), *unknown_spans(clause))
                            if _leader_position(s)),
        acts_on_object=any(c.dep_ == "dobj" for v in (clause.root, *(c for c in clause.root.children
                                                                      if c.dep_ == "xcomp")) for c in v.children),
        activity_dates=tuple(d.offset for d in dates if _activity_value(clause, d.offset)),
        predicate_dates=tuple(d.offset for d in dates if _on_verb(clause, d.offset)),
        own_dates=tuple(d.offset for d in dates if _possessed(clause, d.offset, found, topic)),
        activity_durations=tuple(d.offset for d in durations if _activity_value(clause, d.offset)),
        unchecked=unchecked_specifics(clause, found, [
            *((d.offset, d.end) for d in all_dates), *((o, o + len(str(r[0]))) for o, r in spans),
            *((d.offset, d.offset + len(d.text)) for d in durations),
            *((m.start(), m.end()) for m in V.resolution_spans(text)),
            *(_located(text, q.text) for q in quantities(clause))]),
        quantities=tuple(q for q in quantities(clause) if not _listed_count(clause, q, found, ref, vocab)),
        polarity=polarity(text, vocab),
        founding=bool(vocab.founding.search(text)),
        past=any(t.tag_ in ("VBD", "VBN") and t.dep_ in ("ROOT", "conj", "advcl", "relcl") for t in clause),
        subject_is_topic=subject_is_topic(clause, found, topic, vocab),
        negated=any(t.dep_ == "neg" and t.head == clause.root for t in clause),
        mentions=tuple((i, s.start_char - clause.start_char) for i, s in found
                       if ref.entities[i].type in OPERATIONAL_TYPES),
        locations=locations(clause, found),
    )


def aspects_of(values: Values, text: str, topic: tuple[str, ...], ref: Reference, vocab: _Vocab,
               attributed: bool, listed_task: bool = False) -> tuple[str, ...]:
    """Which checkable aspects the clause asserts about its topic."""
    operational = any(is_unknown(t) or ref.entities[t].type in OPERATIONAL_TYPES for t in topic)
    mandating = operational or any(not is_unknown(t) and ref.entities[t].type == "resolution" for t in topic)
    if not operational:
        values = _organisation_values(values)
    found = []
    legal_words = vocab.legal_basis.search(text) or values.resolutions
    if (values.instruments and (legal_words or values.authorised is not None)) or values.authorised is not None \
            or values.instruments_excluded:
        found.append("legal_basis")
    if values.dates or values.decades or values.ranges:
        found.append("date")
    if values.durations:
        found.append("duration")
    if values.leaders or values.successors or values.founders or values.successor_leaders or values.actor_leaders:
        found.append("leadership")
    if values.domains or values.domains_excluded or values.distinctions:
        found.append("scope")
    if values.quantities:
        found.append("quantity")
    tasked = _strong_mandate(text, vocab) or bool(vocab.task_verbs.search(text)) or listed_task
    if mandating and tasked and (values.mandate or values.mandate_excluded or _strong_mandate(text, vocab)
                                 or listed_task):
        found.append("mandate")
    # A judgement of an operation (known or not) is one for an editor; judgements of the Alliance's policies in
    # general are commentary, not claims about any operation.
    if operational and (values.polarity or attributed or vocab.judgement.search(text)):
        found.append("outcome")
    return tuple(found)


def _organisation_values(values: Values) -> Values:
    """About an organisation, treaty or resolution, only dates, legal bases, leadership, membership counts and
    (for resolutions) mandates are checkable."""
    members = tuple(q for q in values.quantities if q.measure == "member_states")
    return replace(values, domains=(), domains_excluded=(), distinctions=(), quantities=members, durations=(),
                   authorised=None if not values.instruments else values.authorised)


def _strong_mandate(text: str, vocab: _Vocab) -> bool:
    return bool(vocab.mandate_strong.search(text))


def choose_kind(aspects: tuple[str, ...], judged: bool = True) -> str:
    """The claim's kind: an outcome if it judges one, else the first checkable aspect by priority
    (an attributed date, 'some say NATO was founded in 1951', stays a date claim)."""
    if "outcome" in aspects and (judged or aspects == ("outcome",)):
        return "outcome"
    return next(k for k in KINDS if k in aspects and k != "outcome")


def is_non_claim(text: str, vocab: _Vocab) -> bool:
    """Statements about the future, questions and lead-ins assert nothing checkable."""
    stripped = text.rstrip()
    return stripped.endswith(("?", ":")) or bool(vocab.future.search(text))


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    aspects: tuple[str, ...]
    topic: tuple[str, ...]
    subjects: tuple[str, ...]
    topic_source: str
    values: Values
    attribution: str | None
    hedged: bool
    block: str
    unknown: tuple[str, ...] = ()
    origin: int = -1
    about: str = ""
    unknown_actor: bool = False


def analyse_clause(clause: Span, block: Block, ref: Reference, vocab: _Vocab, ctx: _Context) -> _Draft | None:
    """Turn one clause into a draft claim, or None when it asserts nothing checkable."""
    text = clause.text
    found = mentions(clause)
    topic, source = resolve_topic(clause, found, ref, vocab, ctx, block.kind == "list_item")
    if block.prefix and block.header and source not in ("explicit", "unknown"):
        topic, source = (UNKNOWN + block.header[0],), "unknown"  # a record about something the reference lacks
    _remember(ctx, topic, source, found, ref,
              _succeeds(clause, vocab) if vocab.roles["transition"].search(text) else None)
    ctx.latest = (topic, source)
    if source == "none" and not is_non_claim(text, vocab):
        return _event_draft(clause, block, ref, vocab, ctx)
    if not topic or is_non_claim(text, vocab):
        return None
    attribution = vocab.attribution.search(text)
    values = replace(read_values(clause, found, topic, ref, vocab, _default_year(text, ctx), _role_hint(block, vocab)),
                     context_years=ctx.block_years)
    if any(is_unknown(t) for t in topic):
        return _unknown_draft(clause, block, topic, source, values, attribution, vocab, ref)
    organisations = [i for i, _ in found if ref.entities[i].type == "organisation"]
    if organisations and values.quantities and all(q.measure == "member_states" for q in values.quantities):
        topic, source = (organisations[0],), "explicit"  # "NATO had 19 members": a count of the organisation's
    listed_task = block.kind == "list_item" and ctx.lead_in_mandate and source == "carried"
    aspects = aspects_of(values, text, topic, ref, vocab, attribution is not None, listed_task)
    if source == "context":
        aspects = _context_aspects(aspects, values, text, attribution is not None, vocab)
    if not aspects:
        return _owned_event_draft(clause, block, vocab, ctx)
    subjects = _dedupe([*topic, *(i for i, _ in found), *values.instruments, *values.leaders, *values.successors])
    start, end = _document_span(block, clause)
    return _Draft(
        start=start, end=end, origin=block.start - len(block.prefix) + clause.start_char,
        kind=choose_kind(aspects, values.polarity is not None or bool(vocab.judgement.search(text))
                         or not set(aspects) & HARD_ASPECTS), aspects=aspects,
        topic=topic, subjects=subjects,
        topic_source=source,
        values=values, attribution=attribution.group().strip() if attribution else None,
        hedged=bool(vocab.hedges.search(text)), block=block.kind,
    )


def _unknown_draft(clause: Span, block: Block, topic: tuple[str, ...], source: str, values: Values,
                   attribution: re.Match[str] | None, vocab: _Vocab, ref: Reference) -> _Draft | None:
    """A claim about a named thing the reference lacks: kept, so that it is reported as a gap, never judged
    against some known entity."""
    text = clause.text
    aspects = aspects_of(values, text, topic, ref, vocab, attribution is not None)
    if source == "context":
        aspects = _context_aspects(aspects, values, text, attribution is not None, vocab)
    if not aspects and source == "unknown" and (dates := V.find_dates(text)):
        # "Operation Distinguished Games protected the 2004 Athens Olympics": the year is the Games', but the
        # clause is still a claim about the operation, and the reference cannot decide it.
        aspects, values = ("date",), replace(values, dates=tuple(dates), date_roles=("active",) * len(dates))
    if not aspects:
        return None
    known = tuple(t for t in topic if not is_unknown(t))
    judged = values.polarity is not None or bool(vocab.judgement.search(text)) or not set(aspects) & HARD_ASPECTS
    start, end = _document_span(block, clause)
    return _Draft(
        start=start, end=end, origin=block.start - len(block.prefix) + clause.start_char,
        kind=choose_kind(aspects, judged),
        aspects=aspects, topic=known, subjects=_dedupe([*known, *(i for i, _ in mentions(clause))]),
        topic_source=source, values=values, attribution=attribution.group().strip() if attribution else None,
        hedged=bool(vocab.hedges.search(text)), block=block.kind,
        unknown=tuple(t[len(UNKNOWN):].removeprefix(ACTOR_MARK) for t in topic if is_unknown(t)),
        unknown_actor=any(t.startswith(UNKNOWN + ACTOR_MARK) for t in topic),
    )


def _owned_event_draft(clause: Span, block: Block, vocab: _Vocab, ctx: _Context) -> _Draft | None:
    """'NATO's summit in Washington in April 1999 adopted a new Strategic Concept': when every date of a clause
    belongs to an event it names (a summit, a massacre, an agreement), the clause is a claim about that event,
    which the reference does not record."""
    dates = V.find_dates(clause.text, _default_year(clause.text, ctx))
    owners = [o for d in dates if (o := value_owner(clause, d.offset, [(x.offset, x.end) for x in dates])) is not None
              and (o.pos_ == "PROPN" or o.ent_type_ in ("EVENT", "LAW") or vocab.event_nouns.fullmatch(o.text))]
    if not dates or not owners:
        return None
    owner = owners[0]
    about = " ".join(clause.doc[owner.left_edge.i:owner.i + 1].text.split())
    start, end = _document_span(block, clause)
    values = Values(dates=tuple(dates), date_roles=("active",) * len(dates))
    return _Draft(start=start, end=end, origin=block.start - len(block.prefix) + clause.start_char, kind="date",
                  aspects=("date",), topic=(), subjects=(), topic_source="event", values=values, attribution=None,
                  hedged=bool(vocab.hedges.search(clause.text)), block=block.kind, about=about)


def _event_draft(clause: Span, block: Block, ref: Reference, vocab: _Vocab, ctx: _Context) -> _Draft | None:
    """A clause that names nothing the reference knows and has no section subject, but states a date or a count
    ('Peace talks opened at Rambouillet on 6 February 1999'): a claim about what its subject phrase names, which
    the reference cannot decide."""
    values = read_values(clause, [], (), ref, vocab, _default_year(clause.text, ctx))
    aspects = tuple(a for a, present in (("date", values.dates or values.ranges), ("duration", values.durations),
                                         ("quantity", values.quantities), ("leadership", values.actor_leaders))
                    if present)
    if not aspects:
        return None
    subject = _subject_token(clause)
    about = " ".join(clause.doc[subject.left_edge.i:subject.i + 1].text.split()) if subject is not None else ""
    start, end = _document_span(block, clause)
    attribution = vocab.attribution.search(clause.text)
    return _Draft(start=start, end=end, origin=block.start - len(block.prefix) + clause.start_char,
                  kind=choose_kind(aspects, False), aspects=aspects, topic=(), subjects=(), topic_source="event",
                  values=values, attribution=attribution.group().strip() if attribution else None,
                  hedged=bool(vocab.hedges.search(clause.text)), block=block.kind, about=about)


def _context_aspects(aspects: tuple[str, ...], values: Values, text: str, attributed: bool,
                     vocab: _Vocab) -> tuple[str, ...]:
    """What a clause that names nothing may assert about its section's subject. A fact-box field ('Legal
    basis: none') says what it is about by its label; a sentence only hard facts, dates, durations and counts
    (a date that marks no start, end or handover is kept as a claim but decides nothing: 'in 2001, clashes
    ...'); and a judgement ('critics argue ...') is one for an editor whatever it names."""
    if field_line().match(text.strip()):
        return aspects
    return tuple(a for a in aspects if a in CONTEXT_ASPECTS
                 or (a == "outcome" and (attributed or vocab.judgement.search(text)))
                 or (a == "leadership" and values.actor_leaders))


def _role_hint(block: Block, vocab: _Vocab) -> str | None:
    """What the header of a table cell says its dates mark ('Start', 'Ended', 'Launched'), if anything."""
    if len(block.header) < 2:
        return None
    label = block.header[1].lower()
    return next((role for role, pat in vocab.roles.items() if pat.search(label)), None)


def _document_span(block: Block, clause: Span) -> tuple[int, int]:
    """Where a clause stands in the document; a table cell's claims run from the start of its row to the end of
    the cell (the words its header implies are not in the text)."""
    if block.anchor >= 0:
        return block.anchor, block.end if block.prefix or block.suffix else block.start + clause.end_char
    return block.start + clause.start_char, block.start + clause.end_char


def _default_year(text: str, ctx: _Context) -> int | None:
    """The year a day or month written without one ('on 25 March') falls in: the clause's own year, else the
    last one its paragraph named."""
    years = [d.year for d in V.find_dates(text)]
    return years[0] if years else (ctx.block_years[-1] if ctx.block_years else ctx.last_year)


def _remember(ctx: _Context, topic: tuple[str, ...], source: str, found: list[tuple[str, Span]],
              ref: Reference, handover: bool | None = None) -> None:
    """Update what 'it' and 'the mission' refer to after a clause; handover says, for a clause about a handover,
    whether its subject is the later side ('SFOR replaced IFOR': True, 'ISAF gave way to RSM': False)."""
    # "Article 5: The collective defence clause ...": a clause that opens with an operation or an instrument
    # (a glossary entry, a fact box) is about it, and so is the 'it' that follows.
    if found and found[0][1].start <= found[0][1].sent.start + 1 and ref.entities[found[0][0]].type in (
            *OPERATIONAL_TYPES, *INSTRUMENT_TYPES):
        ctx.last, ctx.inherited = (found[0][0],), False
        if source != "explicit":
            return
    if source == "unknown" and not topic[0].startswith(UNKNOWN + ACTOR_MARK):
        # A named thing the reference lacks becomes what 'it' refers to; a person or a nation does not.
        ctx.last = ctx.group = topic
        ctx.inherited = False
    elif source == "explicit":
        ops = [(i, s) for i, s in found if ref.entities[i].type in OPERATIONAL_TYPES]
        if ops:
            # 'It' next refers to the operation this clause was about: its subject, else one it acts on or hands
            # over to; one named only in passing ('larger than ISAF') leaves the reference as it was.
            subjects = [i for i, s in ops if s.root.dep_ in ("nsubj", "nsubjpass")]
            objects = [i for i, s in ops if s.root.dep_ in ("dobj", "attr", "appos", "agent", "conj", "ROOT")
                       or (s.root.dep_ == "pobj" and s.root.head.head.dep_ in ("ROOT", "agent"))]
            if len({i for i, _ in ops}) == 1:
                chosen = [ops[0][0]]
            elif subjects and handover is not None and not handover:
                chosen = [i for i in objects if i not in subjects][-1:] or subjects[-1:]  # "ISAF gave way to RSM"
            else:
                chosen = subjects[-1:] or objects[-1:] or ([] if ctx.last else [ops[-1][0]])
            if chosen:
                ctx.last = (chosen[0],)
            ctx.group = _dedupe([i for i, _ in ops])
            ctx.inherited = False
        elif topic and not is_unknown(topic[0]) and ref.entities[topic[0]].type in INSTRUMENT_TYPES:
            ctx.last = topic[:1]
    elif source == "place":
        ctx.last = ctx.group = topic
        ctx.inherited = False
    elif source == "carried" and len(topic) < len(ctx.last) and set(topic) <= set(ctx.last):
        ctx.last = topic  # 'the air campaign' picked one of the operations named before


def extract(document: Document, parsed: list[tuple[Block, Doc]], ref: Reference, vocab: _Vocab) -> list[Claim]:
    """All claims in a document, in order, with stable ids."""
    ctx = _Context(default=main_organisation(parsed, ref))
    common = frozenset(t.text for block, doc in parsed if block.kind in CLAIM_BLOCKS for t in doc if t.text.islower())
    drafts: list[_Draft] = []
    for block, doc in parsed:
        if block.kind in ("heading", "title"):
            ctx.reset(_heading_topic(doc, ref, vocab, common))
            drafts += heading_claims(doc, block, ref, vocab, ctx)
            continue
        if block.kind not in CLAIM_BLOCKS:
            continue
        if block.kind == "paragraph":
            ctx.lead_in, ctx.lead_in_mandate = (), False
            ctx.block_years = ()
        cell = bool(block.prefix or block.suffix)
        for sent in ([doc[:]] if cell else doc.sents):
            # A table cell is one record field: its words are not split into clauses.
            for clause in ([sent] if cell else clause_spans(sent, doc, ref)):
                draft = analyse_clause(clause, block, ref, vocab, ctx)
                if draft is not None:
                    drafts.append(draft)
            ctx.block_years = _dedupe([*ctx.block_years, *(d.year for d in V.find_dates(sent.text))])
            ctx.last_year = ctx.block_years[-1] if ctx.block_years else ctx.last_year
            if block.kind == "paragraph" and sent.text.rstrip().endswith(":"):
                topic, source = ctx.latest
                ctx.lead_in = topic if source in ("explicit", "carried", "place") else ()
                ctx.lead_in_mandate = _strong_mandate(sent.text, vocab)
    return _finish(document, drafts)


def heading_claims(doc: Doc, block: Block, ref: Reference, vocab: _Vocab, ctx: _Context) -> list[_Draft]:
    """'4. Operation Sharp Guard (1993–1996)': a heading that names its subject and gives it dates states them.
    Only dates and durations of a subject the heading names itself count; the section's context is not changed."""
    saved = replace(ctx)
    out = []
    for sent in doc.sents:
        draft = analyse_clause(sent, block, ref, vocab, ctx)
        if draft is not None and draft.topic_source in ("explicit", "unknown") \
                and set(draft.aspects) <= {"date", "duration"} and draft.kind != "outcome":
            out.append(draft)
    ctx.__dict__.update(saved.__dict__)
    return out


def main_organisation(parsed: list[tuple[Block, Doc]], ref: Reference) -> tuple[str, ...]:
    """The organisation the document mentions most, which unnamed legal statements are about."""
    counts: dict[str, int] = {}
    for _, doc in parsed:
        for span in doc.spans[REF_SPANS]:
            if ref.entities[span.kb_id_].type == "organisation":
                counts[span.kb_id_] = counts.get(span.kb_id_, 0) + 1
    if not counts:
        return ()
    return (min(counts, key=lambda k: (-counts[k], k)),)


def _heading_topic(doc: Doc, ref: Reference, vocab: _Vocab, common: frozenset[str] = frozenset()) -> tuple[str, ...]:
    found = mentions(doc[:])
    ops = _dedupe([i for i, _ in found if ref.entities[i].type in OPERATIONAL_TYPES])
    if ops:
        return ops
    # "4. Operation Eagle Assist (2001–2002)": a section about a named thing the reference lacks (an era or a
    # war named in a heading, "The Post-Cold War Era", is the time, not the subject).
    if named := [s for s in unknown_spans(doc[:]) if s.root.ent_type_ != "EVENT"]:
        return (unknown_id(named[0]),)
    # "Baltic Sentry": a heading that is a proper name names the section's subject, even without a head word.
    if (proper := _proper_heading(doc, vocab, common)) is not None:
        return (UNKNOWN + proper,)
    places = _places(doc.text, vocab)
    if places and vocab.intervention.search(doc.text):
        return _dedupe([e for p in places for e in ref.entities_at(p)])
    return ()


PROPER_HEADING_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "LAW", "WORK_OF_ART"})


def _proper_heading(doc: Doc, vocab: _Vocab, common: frozenset[str] = frozenset()) -> str | None:
    """The proper name a heading consists of ('Baltic Sentry', 'Eagle Assist (2001–2002)'), unless it is a
    generic section title ('Key Facts', 'Frequently Asked Questions') or a place, a date or a person."""
    generic = {t.i for m in vocab.generic_heading.finditer(doc.text) for t in doc
               if m.start() <= t.idx < m.end()}
    words = [t for t in doc if not (t.is_punct or t.like_num or t.ent_type_ == "DATE" or t.is_space
                                    or t.i in generic)]
    if not words:
        return None
    # The statistical NER must see one name covering the heading's words: title case alone is no name.
    ents = [e for e in doc.ents
            if e.label_ in PROPER_HEADING_LABELS and sum(1 for t in e if t in words) * 2 >= len(words)]
    if not ents or len(words) > 6:
        return None
    # A proper name keeps its capitals in the running text; "Supporting Peace Processes" does not.
    if sum(1 for t in words if t.lower_ in common) * 2 >= len(words):
        return None
    return " ".join(ents[0].text.split())


def _finish(document: Document, drafts: list[_Draft]) -> list[Claim]:
    seen: dict[str, int] = {}
    claims = []
    for d in sorted(drafts, key=lambda d: (d.start, d.end)):
        text = document.text[d.start:d.end]
        seen[text] = seen.get(text, 0) + 1
        claims.append(Claim(
            id=claim_id(document.path, text, seen[text]), text=text, start=d.start, end=d.end, kind=d.kind,
            aspects=d.aspects, topic=d.topic, subjects=d.subjects, topic_source=d.topic_source, values=d.values,
            attribution=d.attribution, hedged=d.hedged, block=d.block, unknown=d.unknown, origin=d.origin,
            about=d.about,
            unknown_actor=d.unknown_actor,
        ))
    return claims


def iter_nlp_inputs(document: Document) -> Iterator[tuple[Block, str]]:
    """The blocks that go through the pipeline (headings for context, paragraphs and list items for claims,
    and each value cell of a table row, read as the sentence its header implies)."""
    for block in document.blocks:
        if block.kind == "table_row":
            for cell in record_cells(block, document.markdown):
                yield cell, cell.prefix + document.nlp_text(cell) + cell.suffix
        elif block.kind in CLAIM_BLOCKS or block.kind in ("heading", "title"):
            yield block, document.nlp_text(block)


@cache
def _record_headers() -> dict[str, re.Pattern[str]]:
    t = _base_tables()["records"]
    return {k: phrase_pattern(v) for k, v in t.items()}


def record_cells(row: Block, markdown: bool) -> Iterator[Block]:
    """The value cells of a table row as blocks of their own, each with the words its header implies: 'Sharp
    Guard, legal basis: UNSCR 820', 'IFOR: 60,000 troops', 'EUFOR Althea was led by the EU'. A row whose first
    cell is a date ('1999 | NATO bombs Yugoslavia') is one sentence, read as it stands."""
    cells = row.cells
    if len(cells) < 2 or not row.header:
        return
    first = _plain_cell(cells[0].text, markdown)
    kind = _plain_cell(row.header[0], markdown) if row.header else ""
    if _is_date_cell(first):
        yield Block("table_row", row.start, row.end, row.text, anchor=row.start)
        return
    headers = _record_headers()
    if len(cells) == 2 and (headers["field"].fullmatch(kind.strip()) or not re.search(r"[A-Z]", first[1:])):
        # A two-column table of facts ("| Crew members | about 830 |"): the label says what the value counts or
        # is, and the row is about the section's subject, like a fact-box line.
        value = _plain_cell(cells[1].text, markdown)
        counted = re.match(r"(?:about|around|nearly|some|over|more than|roughly|up to|approximately)?\s*[\d,.]+\+?\s*$",
                           value, re.IGNORECASE)
        prefix, suffix = ("", f" {first.lower()}") if counted else (f"{first}: ", "")
        yield Block("table_row", cells[1].start, cells[1].end, cells[1].text, prefix=prefix, suffix=suffix,
                    anchor=row.start)
        return
    first = _record_subject(first, kind)
    for index, cell in enumerate(cells[1:], start=1):
        label = _plain_cell(row.header[index], markdown) if index < len(row.header) else ""
        if not cell.text.strip() or not re.search(r"\w", cell.text):
            continue
        if headers["measure"].fullmatch(label.strip()):
            prefix, suffix = f"{first}: ", f" {label.lower()}"
        elif headers["actor"].search(label):
            prefix, suffix = f"{first} was {label.lower()} ", ""
        else:
            prefix, suffix = f"{first}, {label.lower()}: " if label else f"{first}: ", ""
        yield Block("table_row", cell.start, cell.end, cell.text, header=(first, label), prefix=prefix, suffix=suffix,
                    anchor=row.start)


def _record_subject(cell: str, header: str) -> str:
    """The row's subject as a name: without a bracketed note ('Sharp Guard (NATO/WEU)'), and with the kind its
    column header gives when the cell leaves it out (header 'Operation', cell 'Concordia': 'Operation
    Concordia')."""
    name = re.sub(r"\s*\([^)]*\)?", "", cell).strip() or cell
    word = header.strip().rstrip("s")
    if word.lower() in ("operation", "mission") and not name.lower().startswith(word.lower()):
        name = f"{word.capitalize()} {name}"
    return name


_MONTH_WORDS = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|early|mid|late|since|until|to|from)\b", re.IGNORECASE)


def _is_date_cell(text: str) -> bool:
    """Whether a cell holds only a date or a span of dates ('1999', '24 March 1999', '2001–2014')."""
    return not re.search(r"[^\W\d_]", _MONTH_WORDS.sub("", text))


def _plain_cell(text: str, markdown: bool) -> str:
    return " ".join((mask_markdown(text) if markdown else text).split())
