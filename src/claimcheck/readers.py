"""Readers of what a clause states: dates, durations, counts, legal bases, domains, tasks and outcome framing."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from claimcheck import values as V
from claimcheck.actors import (
    NUMBER_LABELS,
    founders,
    leader_position,
    leaders_and_successors,
    locations,
    successor_leaders,
    unchecked_specifics,
)
from claimcheck.binding import (
    TIME_NOUNS,
    activity_value,
    date_roles,
    describes_topic,
    handover_position,
    instrument_dates,
    on_verb,
    owning_subject,
    possessed_by_topic,
    succeeds_in_handover,
    values_elsewhere,
)
from claimcheck.claims import INSTRUMENT_TYPES, PRONOUNS, UNKNOWN, Values, dedupe, unknown_id
from claimcheck.names import ACTOR, display_name, unknown_spans
from claimcheck.reference import OPERATIONAL_TYPES, Reference
from claimcheck.vocab import NEGATORS, SET_ASIDE, Vocab, base_tables


def coordinated_domains(text: str, vocab: Vocab) -> list[tuple[int, str, bool]]:
    """Domains named in a coordinated list before a force noun: 'air and naval power' gives air and maritime."""
    words = base_tables()["coordinated_domains"]["words"]
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
    return any(w in NEGATORS for w in before) or bool(SET_ASIDE.search(window))


def term_hits(text: str, patterns: dict[str, re.Pattern[str]]) -> list[tuple[int, str, bool]]:
    """Every (position, term, negated) a text states."""
    return [(m.start(), term, _negated(text, m.start())) for term, pat in patterns.items() for m in pat.finditer(text)]


def split_hits(hits: list[tuple[int, str, bool]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Terms stated and terms negated ('no ground troops', 'non-combat'), each in order of first mention."""
    ordered = sorted(hits)
    said = dedupe([t for _, t, neg in ordered if not neg])
    return said, tuple(t for t in dedupe([t for _, t, neg in ordered if neg]) if t not in said)


def found_terms(text: str, patterns: dict[str, re.Pattern[str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Terms stated and terms negated in text."""
    return split_hits(term_hits(text, patterns))


def unmatched_tasks(clause: Span, mandate_text: str, vocab: Vocab) -> tuple[str, ...]:
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
    return dedupe([*unmatched, *listed])


# A list of tasks: items separated by commas or "and", up to a clause boundary.
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_END = re.compile(r";|,\s*(?:which|who|it|they|but|yet|though|although)\b|\s+while\s+|\s+whereas\s+"
                       r"|\s+to\s+(?:assist|help|ensure)\b")
# Words that carry no task of their own ("in and around Kabul").
_FUNCTION_WORDS = frozenset({"around", "within", "across", "through", "throughout", "during", "including", "about",
                             "after", "before", "between", "under", "over", "from", "with", "into", "onto", "upon",
                             "their", "there", "these", "those", "which", "while", "also", "both", "other"})


def _unmatched_list_items(text: str, covered: list[tuple[int, int]], vocab: Vocab) -> list[str]:
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


def _mandate_text(text: str, vocab: Vocab) -> str:
    """The text with the old focus of a shift ('from combat operations to ...') blanked out."""
    return vocab.shift_from.sub(lambda m: " " * len(m.group(0)[:-2]) + "to", text)


def authorisation(text: str, vocab: Vocab) -> bool | None:
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


def subject_is_topic(clause: Span, found: list[tuple[str, Span]], topic: tuple[str, ...], vocab: Vocab) -> bool:
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


def _listed_count(clause: Span, q: V.Quantity, found: list[tuple[str, Span]], ref: Reference, vocab: Vocab) -> bool:
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
        # "830 crew members" counts; "Standing NATO Maritime Group 2" names (the number follows its noun).
        if root.dep_ not in ("nummod", "quantmod", "compound") or noun.pos_ not in ("NOUN", "PROPN") \
                or noun.i < root.i \
                or noun.lower_ in TIME_NOUNS or noun.lower_.rstrip("s") in ("day", "week", "month", "year", "decade"):
            continue
        value, approximate = V.parse_count(ent.text)
        if value is None or re.fullmatch(r"1[89]\d\d|20\d\d", ent.text.strip()):
            continue
        words = clause.doc[ent.end:noun.i + 1].text if noun.i >= ent.end else noun.text
        out.append(V.Quantity(value, words.lower(), approximate, f"{ent.text} {words}", ent.start_char - base))
    return out


def polarity(text: str, vocab: Vocab) -> str | None:
    """The outcome framing of a clause: positive, negative, mixed, or None; purposes and mandates are not framing."""
    if strong_mandate(text, vocab):
        return None
    def framing(m: re.Match[str]) -> bool:
        before = text[:m.start()]
        return not (vocab.purpose.search(before) or vocab.background.search(before))

    pos = {m.start() for m in vocab.positive.finditer(text) if framing(m)}
    neg = {m.start() for m in vocab.negative.finditer(text) if framing(m)}
    if len(pos) == len(neg):
        return "mixed" if pos else None
    return "positive" if len(pos) > len(neg) else "negative"


def read_values(clause: Span, found: list[tuple[str, Span]], topic: tuple[str, ...], ref: Reference,
                vocab: Vocab, default_year: int | None = None, role_hint: str | None = None) -> Values:
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
              and text[max(0, at[i] - 4):at[i]].lower() == "non-" and describes_topic(sp, found, topic, vocab)}
    # "Deny Flight enforced the zone, as did SFOR, authorised by Resolution 1088": an instrument that hangs on
    # another named thing is that thing's basis, not the topic's; on one of several subjects, that one's.
    mentioned = [(ref.resolution_by_number.get(n), o, e) for n, o, e in V.resolution_mentions(text)]
    mentioned += [(i, at[i], sp.end_char - clause.start_char) for i, sp in found
                  if ref.entities[i].type in INSTRUMENT_TYPES]
    mentioned = [(i, o, e) for i, o, e in mentioned if i is not None and i not in topic and i not in denied]
    words = [(o, e) for _, o, e in mentioned]  # the instrument's own words never own it
    theirs = values_elsewhere(clause, [o for _, o, _ in mentioned], found, topic, vocab, words)
    instruments = dedupe([i for i, o, _ in mentioned if o not in theirs])
    owners = tuple(dict.fromkeys((i, e) for i, o, _ in mentioned if o not in theirs
                                 and (e := owning_subject(clause, o, found, topic, words)) is not None))
    domains, domains_excluded = split_hits(term_hits(text, vocab.domains) + coordinated_domains(text, vocab))
    mandate_text = _mandate_text(text, vocab)
    mandate, mandate_excluded = found_terms(mandate_text, vocab.mandate_terms)
    distinctions = found_terms(text, vocab.distinction_terms)[0] if vocab.distinction_marker.search(text) else ()
    leaders, successors = leaders_and_successors(clause, found, ref, vocab)
    parties = dedupe([*(i for i, s in found if ref.entities[i].type in OPERATIONAL_TYPES and i not in topic[:1]
                         and handover_position(clause, s, vocab)),
                       *(UNKNOWN + display_name(s) for s in unknown_spans(clause)
                         if handover_position(clause, s, vocab))])
    counts = quantities(clause)
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
        instruments=dedupe(instruments),
        instruments_excluded=tuple(sorted(denied)),
        instrument_owners=owners if len(topic) > 1 else (),
        authorised=authorisation(text, vocab),
        domains=domains,
        domains_excluded=domains_excluded,
        mandate=mandate,
        mandate_excluded=mandate_excluded,
        mandate_unmatched=unmatched_tasks(clause, mandate_text, vocab) if mandate or mandate_excluded else (),
        distinctions=distinctions,
        leaders=leaders,
        founders=dedupe([*founders(clause, found, ref), *(leaders if vocab.from_start.search(text) else ())]),
        successors=tuple(s for s in successors if s not in topic[:1]),
        successor_leaders=successor_leaders(clause, found, ref, vocab),
        handover_parties=parties,
        succeeds=succeeds_in_handover(clause, vocab) if parties or vocab.roles["transition"].search(text) else False,
        actor_leaders=tuple(display_name(s) for s in (*unknown_spans(clause, ACTOR), *unknown_spans(clause))
                            if leader_position(s)),
        acts_on_object=any(c.dep_ == "dobj" for v in (clause.root, *(c for c in clause.root.children
                                                                      if c.dep_ == "xcomp")) for c in v.children),
        activity_dates=tuple(d.offset for d in dates if activity_value(clause, d.offset)),
        predicate_dates=tuple(d.offset for d in dates if on_verb(clause, d.offset)),
        own_dates=tuple(d.offset for d in dates if possessed_by_topic(clause, d.offset, found, topic, vocab)),
        activity_durations=tuple(d.offset for d in durations if activity_value(clause, d.offset)),
        unchecked=unchecked_specifics(clause, found, [
            *((d.offset, d.end) for d in all_dates), *((o, o + len(str(r[0]))) for o, r in spans),
            *((d.offset, d.offset + len(d.text)) for d in durations),
            *((m.start(), m.end()) for m in V.resolution_spans(text)),
            *((q.offset, q.offset + len(q.text)) for q in counts)], vocab),
        quantities=tuple(q for q in counts if not _listed_count(clause, q, found, ref, vocab)),
        polarity=polarity(text, vocab),
        founding=bool(vocab.founding.search(text)),
        past=any(t.tag_ in ("VBD", "VBN") and t.dep_ in ("ROOT", "conj", "advcl", "relcl") for t in clause),
        subject_is_topic=subject_is_topic(clause, found, topic, vocab),
        negated=any(t.dep_ == "neg" and t.head == clause.root for t in clause),
        mentions=tuple((i, s.start_char - clause.start_char) for i, s in found
                       if ref.entities[i].type in OPERATIONAL_TYPES),
        locations=locations(clause, found),
    )


def strong_mandate(text: str, vocab: Vocab) -> bool:
    """Whether the text speaks of a mandate or task in so many words."""
    return bool(vocab.mandate_strong.search(text))
