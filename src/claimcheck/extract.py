"""Claim extraction: small functions over spaCy sentences and clauses that yield typed claims in document order."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields

from spacy.tokens import Doc, Span, Token

from claimcheck import values as V
from claimcheck.binding import subject_token, succeeds_in_handover, value_owner
from claimcheck.claims import (
    ACTOR_MARK,
    CONTEXT_ASPECTS,
    HARD_ASPECTS,
    KINDS,
    PRONOUNS,
    UNKNOWN,
    Claim,
    Values,
    claim_id,
    dedupe,
    is_unknown,
)
from claimcheck.ingest import CLAIM_BLOCKS, Block, Document, field_line
from claimcheck.nlp import REF_SPANS
from claimcheck.readers import read_values, strong_mandate
from claimcheck.reference import OPERATIONAL_TYPES, Reference
from claimcheck.subjects import Context, heading_topic, main_organisation, mentions, remember, resolve_topic
from claimcheck.vocab import CONCESSIVE_MARKS, Vocab


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


def aspects_of(values: Values, text: str, topic: tuple[str, ...], ref: Reference, vocab: Vocab,
               attributed: bool, listed_task: bool = False) -> tuple[str, ...]:
    """Which checkable aspects the clause asserts about its topic."""
    operational = any(is_unknown(t) or ref.entities[t].type in OPERATIONAL_TYPES for t in topic)
    mandating = operational or any(not is_unknown(t) and ref.entities[t].type == "resolution" for t in topic)
    if not operational:
        values = _organisation_values(values)
    found = []
    legal_words = vocab.legal_basis.search(text) or values.resolutions
    # A resolution the reference lacks ("under UNSCR 781") is still a legal basis claimed, which it cannot decide.
    if ((values.instruments or values.resolutions) and (legal_words or values.authorised is not None)) \
            or values.authorised is not None \
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
    tasked = strong_mandate(text, vocab) or bool(vocab.task_verbs.search(text)) or listed_task
    if mandating and tasked and (values.mandate or values.mandate_excluded or strong_mandate(text, vocab)
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


def choose_kind(aspects: tuple[str, ...], judged: bool = True) -> str:
    """The claim's kind: an outcome if it judges one, else the first checkable aspect by priority
    (an attributed date, 'some say NATO was founded in 1951', stays a date claim)."""
    if "outcome" in aspects and (judged or aspects == ("outcome",)):
        return "outcome"
    return next(k for k in KINDS if k in aspects and k != "outcome")


def is_non_claim(text: str, vocab: Vocab) -> bool:
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
    alternatives: tuple[str, ...] = ()


def analyse_clause(clause: Span, block: Block, ref: Reference, vocab: Vocab, ctx: Context) -> _Draft | None:
    """Turn one clause into a draft claim, or None when it asserts nothing checkable."""
    text = clause.text
    found = mentions(clause)
    topic, source = resolve_topic(clause, found, ref, vocab, ctx, block.kind == "list_item")
    if block.prefix and block.header and source not in ("explicit", "unknown"):
        topic, source = (UNKNOWN + block.header[0],), "unknown"  # a record about something the reference lacks
    remember(ctx, topic, source, found, ref,
              succeeds_in_handover(clause, vocab) if vocab.roles["transition"].search(text) else None)
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
    subjects = dedupe([*topic, *(i for i, _ in found), *values.instruments, *values.leaders, *values.successors])
    start, end = _document_span(block, clause)
    return _Draft(
        start=start, end=end, origin=block.start - len(block.prefix) + clause.start_char,
        kind=choose_kind(aspects, values.polarity is not None or bool(vocab.judgement.search(text))
                         or not set(aspects) & HARD_ASPECTS), aspects=aspects,
        topic=topic, subjects=subjects,
        topic_source=source,
        values=values, attribution=attribution.group().strip() if attribution else None,
        hedged=bool(vocab.hedges.search(text)), block=block.kind,
        alternatives=_section_subject(ctx, topic, source, ref),
    )


def _section_subject(ctx: Context, topic: tuple[str, ...], source: str, ref: Reference) -> tuple[str, ...]:
    """The section's own subject, when 'it' or 'the mission' was resolved to another operation named since."""
    heading = tuple(t for t in ctx.heading if t in ref.entities)
    return heading if source == "carried" and heading and set(heading) != set(topic) else ()


def _unknown_draft(clause: Span, block: Block, topic: tuple[str, ...], source: str, values: Values,
                   attribution: re.Match[str] | None, vocab: Vocab, ref: Reference) -> _Draft | None:
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
        aspects=aspects, topic=known, subjects=dedupe([*known, *(i for i, _ in mentions(clause))]),
        topic_source=source, values=values, attribution=attribution.group().strip() if attribution else None,
        hedged=bool(vocab.hedges.search(text)), block=block.kind,
        unknown=tuple(t[len(UNKNOWN):].removeprefix(ACTOR_MARK) for t in topic if is_unknown(t)),
        unknown_actor=any(t.startswith(UNKNOWN + ACTOR_MARK) for t in topic),
    )


def _owned_event_draft(clause: Span, block: Block, vocab: Vocab, ctx: Context) -> _Draft | None:
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


def _event_draft(clause: Span, block: Block, ref: Reference, vocab: Vocab, ctx: Context) -> _Draft | None:
    """A clause that names nothing the reference knows and has no section subject, but states a date or a count
    ('Peace talks opened at Rambouillet on 6 February 1999'): a claim about what its subject phrase names, which
    the reference cannot decide."""
    values = read_values(clause, [], (), ref, vocab, _default_year(clause.text, ctx))
    aspects = tuple(a for a, present in (("date", values.dates or values.ranges), ("duration", values.durations),
                                         ("quantity", values.quantities), ("leadership", values.actor_leaders))
                    if present)
    if not aspects:
        return None
    subject = subject_token(clause)
    about = "" if subject is None or subject.lower_ in PRONOUNS else " ".join(
        clause.doc[subject.left_edge.i:subject.i + 1].text.split())
    start, end = _document_span(block, clause)
    attribution = vocab.attribution.search(clause.text)
    return _Draft(start=start, end=end, origin=block.start - len(block.prefix) + clause.start_char,
                  kind=choose_kind(aspects, False), aspects=aspects, topic=(), subjects=(), topic_source="event",
                  values=values, attribution=attribution.group().strip() if attribution else None,
                  hedged=bool(vocab.hedges.search(clause.text)), block=block.kind, about=about)


def _context_aspects(aspects: tuple[str, ...], values: Values, text: str, attributed: bool,
                     vocab: Vocab) -> tuple[str, ...]:
    """What a clause that names nothing may assert about its section's subject. A fact-box field ('Legal
    basis: none') says what it is about by its label; a sentence only hard facts, dates, durations and counts
    (a date that marks no start, end or handover is kept as a claim but decides nothing: 'in 2001, clashes
    ...'); and a judgement ('critics argue ...') is one for an editor whatever it names."""
    if field_line().match(text.strip()):
        return aspects
    return tuple(a for a in aspects if a in CONTEXT_ASPECTS
                 or (a == "outcome" and (attributed or vocab.judgement.search(text)))
                 or (a == "leadership" and values.actor_leaders))


def _role_hint(block: Block, vocab: Vocab) -> str | None:
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


def _default_year(text: str, ctx: Context) -> int | None:
    """The year a day or month written without one ('on 25 March') falls in: the clause's own year, else the
    last one its paragraph named."""
    years = [d.year for d in V.find_dates(text)]
    return years[0] if years else (ctx.block_years[-1] if ctx.block_years else ctx.last_year)


def extract(document: Document, parsed: list[tuple[Block, Doc]], ref: Reference, vocab: Vocab) -> list[Claim]:
    """All claims in a document, in order, with stable ids."""
    ctx = Context(default=main_organisation(parsed, ref))
    common = frozenset(t.text for block, doc in parsed if block.kind in CLAIM_BLOCKS for t in doc if t.text.islower())
    drafts: list[_Draft] = []
    for block, doc in parsed:
        if block.kind in ("heading", "title"):
            ctx.reset(heading_topic(doc, ref, vocab, common))
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
            ctx.block_years = dedupe([*ctx.block_years, *(d.year for d in V.find_dates(sent.text))])
            ctx.last_year = ctx.block_years[-1] if ctx.block_years else ctx.last_year
            if block.kind == "paragraph" and sent.text.rstrip().endswith(":"):
                topic, source = ctx.latest
                ctx.lead_in = topic if source in ("explicit", "carried", "place") else ()
                ctx.lead_in_mandate = strong_mandate(sent.text, vocab)
    return _finish(document, drafts)


def heading_claims(doc: Doc, block: Block, ref: Reference, vocab: Vocab, ctx: Context) -> list[_Draft]:
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


def _finish(document: Document, drafts: list[_Draft]) -> list[Claim]:
    seen: dict[str, int] = {}
    claims = []
    for d in sorted(drafts, key=lambda d: (d.start, d.end)):
        text = document.text[d.start:d.end]
        seen[text] = seen.get(text, 0) + 1
        # A draft has every field of a claim but its id and text.
        fields = {f.name: getattr(d, f.name) for f in dataclass_fields(d)}
        claims.append(Claim(id=claim_id(document.path, text, seen[text]), text=text, **fields))
    return claims
