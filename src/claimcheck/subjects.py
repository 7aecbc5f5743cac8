"""What a clause is about: named entities, named things the reference lacks, and what "it" refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimcheck.actors import leaders_and_successors
from claimcheck.binding import handover_position, subject_token
from claimcheck.claims import ACTOR_MARK, INSTRUMENT_TYPES, PRONOUNS, UNKNOWN, dedupe, is_unknown, unknown_id
from claimcheck.ingest import Block
from claimcheck.names import ACTOR, display_name, unknown_spans
from claimcheck.nlp import REF_SPANS
from claimcheck.reference import OPERATIONAL_TYPES, Reference
from claimcheck.vocab import Vocab


@dataclass
class Context:
    """What 'it', 'the mission' and 'these operations' refer to at this point of the document."""

    heading: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    lead_in: tuple[str, ...] = ()
    lead_in_mandate: bool = False
    default: tuple[str, ...] = ()
    block_years: tuple[int, ...] = ()
    last_year: int | None = None  # the last year of the last paragraph that named one, for "on 3 May"
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
        """What 'it' and 'the mission' refer to."""
        return self.last or self.heading

    def plural(self) -> tuple[str, ...]:
        """What 'they' and 'these operations' refer to, when several were named."""
        group = self.group or self.heading
        return group if len(group) > 1 else ()


def mentions(clause: Span) -> list[tuple[str, Span]]:
    """Reference entities mentioned in a clause, in order."""
    return [(s.kb_id_, s) for s in clause.doc.spans[REF_SPANS] if clause.start <= s.start and s.end <= clause.end]


def resolve_topic(clause: Span, found: list[tuple[str, Span]], ref: Reference, vocab: Vocab,
                  ctx: Context, in_list: bool) -> tuple[tuple[str, ...], str]:
    """What the clause is about: named operations, else what a pronoun or 'the mission' refers to,
    else a place's operations, else a named organisation or the document's main one."""
    text = clause.text
    # "ISAF's successor was a smaller mission": an operation named as the possessor of its successor or
    # predecessor is not what the clause is about; nor is an organisation named only as a modifier ("the NATO
    # flag went up", "seven NATO AWACS aircraft").
    found = [(i, s) for i, s in found if not (s.root.dep_ == "poss" and vocab.relational.fullmatch(s.root.head.text))
             and not (ref.entities[i].type == "organisation" and s.root.dep_ in ("compound", "amod", "nmod"))]
    ops = dedupe([i for i, _ in found if ref.entities[i].type in OPERATIONAL_TYPES])
    # "Operation Eagle Eye preceded Allied Force": a name the reference lacks, as the subject, is the topic.
    section_places = frozenset(p.lower() for t in ctx.singular() if t in ref.entities for p in ref.entities[t].places)
    if (named := _named_subject(clause, found, vocab, bool(ops), section_places if ctx.singular() else None)) \
            is not None:
        return (named,), "unknown"
    # "It was replaced by EUFOR Althea": an operation named only as the successor of the one before.
    if ops and ctx.singular() and set(ops) <= set(_named_successors(clause, found, ref, vocab)):
        return dedupe([*ctx.singular(), *ops]), "carried"
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
    if group := dedupe([e for p in _attached_places(text, vocab) for e in ref.entities_at(p)]):
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


def _named_subject(clause: Span, found: list[tuple[str, Span]], vocab: Vocab, known_ops: bool,
                   section_places: frozenset[str] | None = None) -> str | None:
    """A named thing the reference lacks that the clause is about: its subject or a name inside its subject
    ('Operation Distinguished Games protected ...', an actor: 'Milošević accepted ...'), or, when no known
    operation is named and the subject is not a pronoun or 'the mission', the first such name the clause gives
    ('NATO launched Operation Eagle Assist'). A name that only follows 'replaced by' or 'handed over to' is the
    other side of a handover, not the topic."""
    named = [s for s in unknown_spans(clause) if not handover_position(clause, s, vocab)]
    subject = subject_token(clause)
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
    # the only operation named frames what its subject did; a war or an era named in passing ("after the Cold
    # War") does not.
    framing = [s for s in named if s.root.ent_type_ != "EVENT"]
    return unknown_id(framing[0]) if framing else None


def _named_successors(clause: Span, found: list[tuple[str, Span]], ref: Reference, vocab: Vocab) -> list[str]:
    return list(leaders_and_successors(clause, found, ref, vocab)[1])


def _organisation_statement(text: str, vocab: Vocab) -> bool:
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


def _generic_subject(clause: Span, vocab: Vocab) -> bool:
    """'NATO interventions often ...', 'critics argue that military interventions undermine ...': a plural
    intervention noun as the subject of the clause, or of what it reports, makes a general statement."""
    root = clause.root
    heads = [root, *(c for c in root.children if c.dep_ == "ccomp")]
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head in heads and t.tag_ in ("NNS", "NNPS")
               and vocab.intervention_plural.fullmatch(t.text) for t in clause)


def _places(text: str, vocab: Vocab) -> list[str]:
    if vocab.places is None:
        return []
    return [m.group() for m in vocab.places.finditer(text)]


def _attached_places(text: str, vocab: Vocab) -> list[str]:
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
    return dedupe(out)


_CONTRAST = re.compile(r"^\s*(?:unlike|in contrast to|compared with|compared to|as opposed to)\b[^,]*,",
                       re.IGNORECASE)
# What may stand between places listed together: "Bosnia and Croatia", "the Balkans, especially Bosnia".
_FOLLOWING_PLACE = re.compile(r"(?:\s*,\s*|\s+)(?:and\s+|or\s+|notably\s+|especially\s+|particularly\s+|"
                              r"including\s+|such\s+as\s+|in\s+|the\s+)*", re.IGNORECASE)


def _narrow_by_domain(group: tuple[str, ...], text: str, ref: Reference, vocab: Vocab) -> tuple[str, ...]:
    """'the air campaign' among a place's operations means the ones that were fought from the air."""
    if len(group) < 2:
        return group
    named = {d for d, pat in vocab.domains.items() if pat.search(text)}
    if not named:
        return group
    kept = tuple(e for e in group
                 if any(named & set(f.include) for f in ref.facts_for(e, "domains")))
    return kept or group


def remember(ctx: Context, topic: tuple[str, ...], source: str, found: list[tuple[str, Span]],
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
            ctx.group = dedupe([i for i, _ in ops])
            ctx.inherited = False
        elif topic and not is_unknown(topic[0]) and ref.entities[topic[0]].type in INSTRUMENT_TYPES:
            ctx.last = topic[:1]
    elif source == "place":
        ctx.last = ctx.group = topic
        ctx.inherited = False
    elif source == "carried" and len(topic) < len(ctx.last) and set(topic) <= set(ctx.last):
        ctx.last = topic  # 'the air campaign' picked one of the operations named before


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


def heading_topic(doc: Doc, ref: Reference, vocab: Vocab, common: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """What a heading says its section is about: operations it names, a named thing the reference lacks, or
    the operations of a place it names with an intervention noun."""
    found = mentions(doc[:])
    ops = dedupe([i for i, _ in found if ref.entities[i].type in OPERATIONAL_TYPES])
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
        return dedupe([e for p in places for e in ref.entities_at(p)])
    return ()


PROPER_HEADING_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "LAW", "WORK_OF_ART"})


def _proper_heading(doc: Doc, vocab: Vocab, common: frozenset[str] = frozenset()) -> str | None:
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
