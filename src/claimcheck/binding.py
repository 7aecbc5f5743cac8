"""Values bound through the parse: the word a value hangs on, what it marks, and who owns it."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from claimcheck import values as V
from claimcheck.claims import INSTRUMENT_TYPES, PRONOUNS, unknown_id
from claimcheck.names import ACTOR, unknown_spans
from claimcheck.reference import Reference
from claimcheck.tables import phrase_pattern
from claimcheck.vocab import ROLE_WINDOW, Vocab, base_tables


def subject_token(clause: Span) -> Token | None:
    """The grammatical subject of the clause's main verb, if it has one."""
    root = clause.root
    return next((t for t in clause if t.dep_ in ("nsubj", "nsubjpass") and t.head == root), None)


def handover_position(clause: Span, span: Span, vocab: Vocab) -> bool:
    """'... was replaced by Operation X', 'handed over to X', 'took over from X', 'preceded by X': the other side
    of a handover, not what the clause is about."""
    before = clause.doc.text[clause.start_char:span.start_char]
    return bool(vocab.handover_before.search(before))


# Nouns that only situate a value in time ("in the summer of 1995"): the owner is what they hang on.
TIME_NOUNS = frozenset({"year", "years", "month", "months", "day", "days", "summer", "spring", "autumn",
                        "winter", "week", "weeks", "period", "time", "decade", "decades", "end", "start", "beginning",
                        "middle", "course", "date", "half", "quarter", "part", "mid", "early", "late"})




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


def owning_subject(clause: Span, offset: int, found: list[tuple[str, Span]], topic: tuple[str, ...],
                   values: list[tuple[int, int]] = ()) -> str | None:  # type: ignore[assignment]
    """Which of the clause's subjects the noun owning a value names, if one does."""
    owner = value_owner(clause, offset, values)
    if owner is None:
        return None
    return next((e for e, s in found if e in topic and s.start <= owner.i < s.end), None)


def values_elsewhere(clause: Span, offsets: list[int], found: list[tuple[str, Span]], topic: tuple[str, ...],
                     vocab: Vocab, values: list[tuple[int, int]] = ()) -> set[int]:  # type: ignore[assignment]
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


def succeeds_in_handover(clause: Span, vocab: Vocab) -> bool:
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


def _other_actor(clause: Span, gov: Token | None, topic_tokens: set[int], vocab: Vocab) -> bool:
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


def date_roles(text: str, dates: list[V.DateValue], vocab: Vocab, clause: Span | None = None) -> tuple[str, ...]:
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


def _governed_role(clause: Span, date: V.DateValue, spans: list[tuple[int, int]], vocab: Vocab) -> str:
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


@cache
def _existence_words() -> re.Pattern[str]:
    return phrase_pattern(base_tables()["predicates"]["existence"])




def possessed_by_topic(clause: Span, offset: int, found: list[tuple[str, Span]], topic: tuple[str, ...],
                       vocab: Vocab) -> bool:
    """Whether a value is the topic's own whatever the clause's subject: it hangs on a noun the topic possesses
    ('its founding in 1949', 'ISAF's launch in 2001'), or on a verb whose own subject is the topic ('By the time
    the operation ended on 16 May 2002, its crews had flown ...')."""
    gov = value_governor(clause, offset)
    if gov is None:
        return False
    def is_topic(tok: Token) -> bool:
        return (tok.lower_ in PRONOUNS or any(i in topic and s.start <= tok.i < s.end for i, s in found)
                or (vocab.intervention.fullmatch(tok.text) is not None
                    and not any(c.dep_ in ("poss", "compound", "amod") for c in tok.children)))
    if gov.pos_ in ("NOUN", "PROPN"):
        return any(is_topic(o) for o in gov.children if o.dep_ == "poss")
    return gov != clause.root and any(is_topic(c) for c in gov.children if c.dep_ in ("nsubj", "nsubjpass"))


def describes_topic(span: Span, found: list[tuple[str, Span]], topic: tuple[str, ...], vocab: Vocab) -> bool:
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


def on_verb(clause: Span, offset: int) -> bool:
    """Whether a value hangs on a verb of the clause (or on nothing: the clause's own time)."""
    gov = value_governor(clause, offset)
    return gov is None or gov.pos_ in ("VERB", "AUX")


def activity_value(clause: Span, offset: int) -> bool:
    """Whether a value hangs on a verb that is not one of existing or running: 'the mandate was extended for
    six months' times the extension, not the operation."""
    gov = value_governor(clause, offset)
    return gov is not None and gov.pos_ in ("VERB", "AUX") and not _existence_words().fullmatch(gov.text)
