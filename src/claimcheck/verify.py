"""Verification: check each claim's values against the reference facts and give it a verdict with evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from claimcheck.assertions import (
    Check,
    Judgement,
    Verdict,
    as_sentence,
    contradicted_check,
    name,
    supported_check,
    unique_facts,
    unknown_check,
)
from claimcheck.claims import Claim
from claimcheck.counts import check_quantity
from claimcheck.reference import (
    OPERATIONAL_TYPES,
    DomainsFact,
    Fact,
    LeadFact,
    OutcomeFact,
    Reference,
    SuccessionFact,
    TermsFact,
)
from claimcheck.timing import ROLE_EVENTS, check_date, check_decade, check_duration, check_range, period, when_text
from claimcheck.values import DateValue

VERDICTS: tuple[Verdict, ...] = ("contradicted", "unverified", "evaluative", "supported")


def check_legal(ref: Reference, claim: Claim) -> list[Check]:
    """Check the instruments and the UN authorisation a claim names."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids)
    basis = [f for i in ids for f in ref.facts_for(i, "legal_basis")]
    auth = [f for i in ids for f in ref.facts_for(i, "un_authorisation")]
    known = {b for f in basis for b in f.basis} | {r for f in auth for r in f.resolutions}
    checks = []
    known_numbers = {ref.entities[k].number for k in known if k in ref.entities and ref.entities[k].number}
    unknown_numbers = [n for n in v.resolutions if n not in ref.resolution_by_number]
    if unknown_numbers:
        # A resolution the reference does not record may still be part of the basis: it decides nothing.
        listed = f" (recorded: {', '.join(str(n) for n in sorted(known_numbers))})" if known_numbers else ""
        checks.append(unknown_check("legal_basis", f"resolution {', '.join(map(str, unknown_numbers))} is not in the "
                                              f"reference{listed}"))
    if v.instruments:
        listed = name(ref, sorted(known)) if known else ""
        missing = [i for i in v.instruments if i not in known]
        if not missing:
            checks.append(supported_check("legal_basis", f"{who} rests on {name(ref, v.instruments)}", *basis, *auth))
        elif any(f.complete for f in basis):
            checks.append(contradicted_check("legal_basis", f"{who} rests on {listed}, not {name(ref, missing)}",
                                        *basis, *auth))
        elif known:
            # A list the sources do not give as whole may lack an instrument: naming another decides nothing.
            checks.append(unknown_check("legal_basis", f"the reference records {who} as resting on {listed}; it "
                                                       f"does not record {name(ref, missing)}"))
        else:
            checks.append(unknown_check("legal_basis", f"no legal basis is recorded for {who}"))
    for denied in v.instruments_excluded:
        if denied in known:
            checks.append(contradicted_check("legal_basis", f"{who} rests on {name(ref, [denied])}", *basis))
        elif basis:
            checks.append(supported_check("legal_basis", f"{who} rests on {name(ref, sorted(known))}, not "
                                                    f"{name(ref, [denied])}", *basis))
        else:
            checks.append(unknown_check("legal_basis", f"no legal basis is recorded for {who}"))
    if v.authorised is not None:
        if not auth:
            checks.append(unknown_check("legal_basis", f"no UN Security Council authorisation is recorded for {who}"))
        elif any(f.authorised == v.authorised for f in auth):
            said = "was authorised" if v.authorised else "had no authorisation"
            checks.append(supported_check("legal_basis", f"{who} {said} by the UN Security Council", *auth))
        else:
            said = "was not authorised" if v.authorised else "was authorised"
            checks.append(contradicted_check("legal_basis", f"{who} {said} by the UN Security Council", *auth))
    return checks


def check_leadership(ref: Reference, claim: Claim) -> list[Check]:
    """Check who led it and what it gave way to."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids[:1])
    checks = []
    if v.leaders:
        leads = [f for i in ids for f in ref.facts_for(i, "led_by") if isinstance(f, LeadFact)]
        by = {b for f in leads for b in f.by}
        if not leads:
            checks.append(unknown_check("leadership", f"no leadership is recorded for {name(ref, ids)}"))
        elif set(v.leaders) <= by:
            checks.append(supported_check("leadership", f"{name(ref, ids)} led by {name(ref, v.leaders)}", *leads))
        else:
            checks.append(contradicted_check("leadership", f"{name(ref, ids)} was led by {name(ref, sorted(by))}, "
                                                      f"not {name(ref, v.leaders)}", *leads))
    checks += [unknown_check("leadership", f"the reference does not record {leader} as leading {name(ref, ids)}")
               for leader in v.actor_leaders]
    checks += [check_founder(ref, ids, founder) for founder in v.founders]
    checks += [check_successor_leader(ref, ids[0], leader) for leader in v.successor_leaders]
    if v.successors:
        facts = [f for f in ref.facts_for(ids[0], "succeeded_by") if isinstance(f, SuccessionFact)]
        after = {f.successor for f in facts}
        if not facts:
            checks.append(unknown_check("leadership", f"no successor is recorded for {who}"))
        elif set(v.successors) <= after:
            checks.append(supported_check("leadership", f"{who} was succeeded by {name(ref, v.successors)}", *facts))
        else:
            checks.append(contradicted_check("leadership", f"{who} was succeeded by {name(ref, sorted(after))}, "
                                                      f"not {name(ref, v.successors)}", *facts))
    return checks


def check_successor_leader(ref: Reference, entity: str, leader: str) -> Check:
    """'handed over to a UN mission': the recorded successor must be led by that organisation."""
    who, by = name(ref, [entity]), name(ref, [leader])
    successions = [f for f in ref.facts_for(entity, "succeeded_by") if isinstance(f, SuccessionFact)]
    leads = [f for s in successions for f in ref.facts_for(s.successor, "led_by") if isinstance(f, LeadFact)]
    if not leads:
        return unknown_check("leadership", f"no leader is recorded for what followed {who}")
    if any(leader in f.by for f in leads):
        return supported_check("leadership", f"{who} handed over to a mission led by {by}", *successions, *leads)
    real = name(ref, sorted({b for f in leads for b in f.by}))
    return contradicted_check("leadership", f"{who} handed over to {name(ref, [successions[0].successor])}, led by "
                                       f"{real}, not {by}", *successions, *leads)


def check_founder(ref: Reference, ids: tuple[str, ...], founder: str) -> Check:
    """'NATO launched ISAF': the organisation must have led it from its start, not taken it over later."""
    who, by = name(ref, ids), name(ref, [founder])
    span = period(ref, ids)
    leads = [f for i in ids for f in ref.facts_for(i, "led_by") if isinstance(f, LeadFact) and founder in f.by]
    if span is None or not leads:
        return unknown_check("leadership", f"no record of who started {who}")
    since = min((f.since or span.start) for f in leads)
    if (since - span.start).days > 31:
        return contradicted_check("leadership", f"{who} began on {span.start}; {by} took it over on {since}",
                             *leads, *span.facts)
    return supported_check("leadership", f"{who} was led by {by} from its start on {span.start}", *leads, *span.facts)


def _sets(facts: list[Fact], include: Callable[[Fact], list[str]],
          exclude: Callable[[Fact], list[str]]) -> tuple[set[str], set[str]]:
    return {x for f in facts for x in include(f)}, {x for f in facts for x in exclude(f)}


def _check_included(aspect: str, what: str, who: str, said: tuple[str, ...], denied: tuple[str, ...],
                    facts: list[Fact], included: set[str], excluded: set[str]) -> list[Check]:
    """Stated items must be recorded as included and none excluded; denied ones the other way round."""
    if not facts:
        return [unknown_check(aspect, f"no {what} is recorded for {who}")]
    clash = [x for x in said if x in excluded] + [x for x in denied if x in included]
    if clash:
        return [contradicted_check(aspect, f"the reference records {what} of {who} that rule out "
                                      f"{', '.join(x.replace('_', ' ') for x in clash)}", *facts)]
    if all(x in included for x in said) and all(x in excluded for x in denied):
        items = ", ".join(x.replace("_", " ").replace("-", " ") for x in (*said, *denied))
        verb = "include" if what.endswith("s") else "includes"
        return [supported_check(aspect, f"the {what} of {who} {verb} {items}" if said else
                           f"the reference excludes {items} for {who}", *facts)]
    missing = [x for x in said if x not in included] + [x for x in denied if x not in excluded]
    return [unknown_check(aspect, f"{', '.join(x.replace('_', ' ') for x in missing)}: not recorded "
                             f"in the {what} of {who}")]


def check_domains(ref: Reference, claim: Claim) -> list[Check]:
    """Check force domains (air, maritime, ground) stated or denied."""
    ids, v = claim.topic, claim.values
    if not (v.domains or v.domains_excluded):
        return []
    facts = [f for i in ids for f in ref.facts_for(i, "domains") if isinstance(f, DomainsFact)]
    inc, exc = _sets(facts, lambda f: f.include, lambda f: f.exclude)
    return _check_included("scope", "force domains", name(ref, ids), v.domains, v.domains_excluded, facts, inc, exc)


def check_distinctions(ref: Reference, claim: Claim) -> list[Check]:
    """Check 'first ...' distinctions: held by one of the subjects, or (contradicted) by another entity."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids)
    checks = []
    for term in v.distinctions:
        own = [f for i in ids for f in ref.facts_for(i, "distinction") if term in f.terms]
        other = [f for f in ref.facts.values() if f.aspect == "distinction" and term in f.terms and f.entity not in ids]
        label = term.replace("-", " ")
        if own:
            checks.append(supported_check("scope", f"the reference records {who} as: {label}", *own))
        elif other:
            checks.append(contradicted_check("scope", f"the reference records {name(ref, [other[0].entity])}, "
                                                 f"not {who}, as: {label}", *other))
        else:
            checks.append(unknown_check("scope", f"no record of '{label}' for {who}"))
    return checks


def check_mandate(ref: Reference, claim: Claim) -> list[Check]:
    """Check the tasks a claim gives a mission against its recorded mandate."""
    ids, v = claim.topic, claim.values
    who = name(ref, ids)
    facts = [f for i in ids for f in ref.facts_for(i, "mandate") if isinstance(f, TermsFact)]
    if not v.mandate and not v.mandate_excluded:
        return [unknown_check("mandate", f"the stated aim of {who} names no recorded mandate task")]
    inc, exc = _sets(facts, lambda f: f.terms, lambda f: f.exclude)
    checks = _check_included("mandate", "mandate", who, v.mandate, v.mandate_excluded, facts, inc, exc)
    if v.mandate_unmatched and facts:
        listed = ", ".join(f"'{t}'" for t in v.mandate_unmatched)
        checks.append(unknown_check("mandate", f"{listed}: not a recorded task of {who}"))
    return checks


def checks_for(ref: Reference, claim: Claim, as_of: dt.date) -> list[Check]:
    """Every check the claim's stated values call for, each tagged with the role and value it checks."""
    v, ids = claim.values, claim.topic
    checks: list[Check] = []
    if "date" in claim.aspects:
        for value, role in zip(v.dates, v.date_roles, strict=True):
            checks += _tag(_date_check(ref, claim, value, role, as_of), ids, role, value.iso(),
                           (value.offset, value.end))
        for d in v.decades:
            checks += _tag(_any_of(ref, claim, lambda e, d=d: check_decade(ref, e, d, as_of)), ids, "period", f"{d}s")
        for r in v.ranges:
            checks += _tag(_any_of(ref, claim, lambda e, r=r: check_range(ref, e, r)), ids, "period",
                           f"{r[0]}–{r[1]}")
    if "duration" in claim.aspects:
        for d in v.durations:
            if not v.subject_is_topic:
                checks += _tag(unknown_check("duration", f"'{d.text}' is said of something else than {name(ref, ids)}"),
                               ids, "duration", d.text, (d.offset, d.offset + len(d.text)))
                continue
            if d.offset in v.activity_durations:
                # "The mandate was extended for six months": the time of some act, not of the operation.
                checks += _tag(unknown_check("duration", f"'{d.text}' times something done, not how long "
                                                    f"{name(ref, ids)} ran"), ids, "duration", d.text,
                               (d.offset, d.offset + len(d.text)))
                continue
            checks += _tag(_any_of(ref, claim, lambda e, d=d: check_duration(ref, e, d, as_of)), ids, "duration",
                           d.text, (d.offset, d.offset + len(d.text)))
    if "legal_basis" in claim.aspects and _organisation(ref, ids) and not any(
            ref.entities[i].type == "treaty" for i in v.instruments if i in ref.entities):
        # "Resolution 816 authorised member states ...": a resolution is no organisation's legal basis.
        checks += _tag(unknown_check("legal_basis", f"a resolution is not the legal basis of {name(ref, ids)}"), ids,
                       "legal_basis", ", ".join(v.instruments))
    elif "legal_basis" in claim.aspects:
        basis = ", ".join((*v.instruments, *(f"not {i}" for i in v.instruments_excluded))) or (
            "authorised" if v.authorised else "not authorised" if v.authorised is not None else "")
        checks += _tag(_each_of(ref, claim, check_legal, _instruments_by_owner(claim)), ids, "legal_basis", basis)
    if "leadership" in claim.aspects:
        checks += _tag(check_leadership(ref, claim), ids, "leader",
                       ", ".join((*v.leaders, *v.founders, *v.successors, *v.successor_leaders)))
    if "scope" in claim.aspects:
        checks += _tag(_each_of(ref, claim, check_domains) + check_distinctions(ref, claim), ids, "domain",
                       ", ".join((*v.domains, *(f"not {d}" for d in v.domains_excluded), *v.distinctions)))
    if "quantity" in claim.aspects:
        for q in v.quantities:
            checks += _tag(check_quantity(ref, claim, q, as_of), ids, "count", q.text,
                           (q.offset, q.offset + len(q.text)))
    if "mandate" in claim.aspects:
        checks += _tag(_each_of(ref, claim, check_mandate), ids, "task",
                       ", ".join((*v.mandate, *(f"not {m}" for m in v.mandate_excluded), *v.mandate_unmatched)))
    if checks and any(ref.entities[i].type in OPERATIONAL_TYPES for i in claim.topic if i in ref.entities):
        checks += _tag(check_locations(ref, claim), ids, "place", ", ".join(v.locations))
    if checks and v.unchecked:
        checks += _tag(unknown_check("content", f"the reference does not record {'; '.join(v.unchecked)}"), ids,
                       "other", "; ".join(v.unchecked))
    return checks


def _tag(checks: Check | list[Check], subject: tuple[str, ...], role: str, value: str,
         at: tuple[int, int] | None = None) -> list[Check]:
    """Checks with the role, value and place they were made for (a check that names its own keeps them)."""
    items = [checks] if isinstance(checks, Check) else checks
    return [replace(c, role=c.role or role, value=c.value or value, subject=c.subject or subject, at=c.at or at)
            for c in items]


def _date_check(ref: Reference, claim: Claim, value: DateValue, role: str, as_of: dt.date) -> list[Check]:
    """The check of one date, by what it marks: a transition, an instrument's event, a start, an end, a time."""
    v, ids = claim.values, claim.topic
    if role == "transition":
        return [check_date(ref, ids, value, role, as_of, v.handover_parties, v.succeeds)]
    if role == "active" and _organisation(ref, ids) and len(claim.aspects) > 1:
        return []  # "In 1999, NATO had 19 members": the year dates the count, not NATO
    if _organisation(ref, ids) and role in ("start", "end", "active", "transition", "command") and v.acts_on_object \
            and value.offset in v.predicate_dates:
        # "NATO launched Eastern Sentry on 12 September": the date is of what NATO did, not of NATO.
        who = name(ref, ids)
        return [unknown_check("date", f"{when_text(value)} dates something {who} did, not {who} itself")]
    if not v.subject_is_topic and role not in ROLE_EVENTS and value.offset not in v.own_dates:
        # "Every ISAF commander was replaced in 2003", "there had been no attack since 2010": the date marks
        # something the sentence is about, which is not the subject.
        return [unknown_check("date", f"the sentence is about something else than {name(ref, ids)} "
                                 f"{when_text(value)}; it decides nothing about {name(ref, ids)}")]
    if role == "active" and claim.topic_source == "context":
        # A sentence naming nothing, in a section about X: what it dates may be any event of the time.
        return [unknown_check("date", f"the sentence names no subject; what happened {when_text(value)} is not "
                                      f"recorded for {name(ref, ids)}")]
    if role in ROLE_EVENTS:
        # "the Alliance invoked Article 5 on 12 September 2001": the event may be the instrument's.
        return [check_date(ref, (*ids, *v.instruments), value, role, as_of, ())]
    if (owner := _named_before(claim, value.offset)) is not None:
        return [replace(check_date(ref, (owner,), value, role, as_of, ()), subject=(owner,))]
    check = _any_of(ref, claim, lambda e, d=value, r=role: check_date(ref, e, d, r, as_of, ()))
    if role == "active" and check.status == "contradicted" and claim.topic_source not in ("explicit", "unknown"):
        # "The first strikes came on 24 March": a time of something the sentence does not name decides only
        # when it fits; outside the period the sentence may be about something else.
        return [unknown_check("date", f"{check.message}; the sentence does not name {name(ref, ids)}")]
    if role == "active" and check.status == "supported" and value.offset in v.activity_dates:
        # "From 2001 it escorted ships": the operation ran then, but that decides nothing about what the
        # sentence says it did.
        check = unknown_check("date", f"{check.message}, but what the sentence says happened {when_text(value)} "
                                      f"is not recorded")
    return [check]


def check_locations(ref: Reference, claim: Claim) -> list[Check]:
    """A place the claim names that is not one the reference links to its subject leaves the claim unverified."""
    known = {p.lower() for i in claim.topic if i in ref.entities for p in ref.entities[i].places}
    unknown = [p for p in claim.values.locations
               if not any(p.lower() in k or k in p.lower() for k in known)]
    if not unknown:
        return []
    return [unknown_check("scope", f"{', '.join(unknown)}: not a place the reference records for "
                              f"{name(ref, claim.topic)}")]


def _named_before(claim: Claim, offset: int) -> str | None:
    """With several operations named, a date belongs to the one named last before it
    ('NTM-I was set up in 2004 and NATO Mission Iraq in 2018')."""
    if claim.topic_source != "explicit" or len(claim.topic) < 2:
        return None
    before = [(at, i) for i, at in claim.values.mentions if at < offset and i in claim.topic]
    return max(before)[1] if before else None


def _organisation(ref: Reference, ids: tuple[str, ...]) -> bool:
    return all(ref.entities[i].type in ("organisation", "body") for i in ids if i in ref.entities)


def _instruments_by_owner(claim: Claim) -> list[Claim] | None:
    """The claim once for each subject, with the instruments the parse gives it ('IFOR gave way to SFOR,
    authorised by Resolution 1088': 1088 is checked for SFOR alone); None when the parse gives none."""
    owners = dict(claim.values.instrument_owners)
    if not owners:
        return None
    parts = []
    for entity in claim.topic:
        mine = tuple(i for i in claim.values.instruments if owners.get(i, entity) == entity)
        if mine:
            parts.append(replace(claim, topic=(entity,), values=replace(claim.values, instruments=mine)))
    return parts


def _each_of(ref: Reference, claim: Claim, check: Callable[[Reference, Claim], list[Check]],
             parts: list[Claim] | None = None) -> list[Check]:
    """A legal basis, scope or mandate said of several operations must hold for each of them (or for the ones
    parts gives it to): one that contradicts it contradicts the claim, and it is supported only if every one
    supports it."""
    if len(claim.topic) == 1:
        return check(ref, claim)
    each = [[replace(x, subject=x.subject or c.topic) for x in check(ref, c)]
            for c in (parts or [replace(claim, topic=(i,)) for i in claim.topic])]
    if not any(each):
        return []
    flat = [c for checks in each for c in checks]
    bad = [c for c in flat if c.status == "contradicted"]
    if bad:
        return bad[:1]
    if all(checks and all(c.status == "supported" for c in checks) for checks in each):
        return flat
    aspect = flat[0].aspect if flat else "scope"
    return [c for c in flat if c.status == "unknown"][:1] or [unknown_check(aspect, f"not every one of "
                                                                       f"{name(ref, claim.topic)} is decided")]


def _any_of(ref: Reference, claim: Claim, check: Callable[[tuple[str, ...]], Check]) -> Check:
    """A date or duration about several operations fits if it fits one of them, or (for 'the intervention in
    Kosovo') all of them taken together; it is contradicted only if it fits none."""
    if len(claim.topic) == 1:
        return check(claim.topic)
    candidates = [(i,) for i in claim.topic]
    if claim.topic_source != "explicit":
        candidates.append(claim.topic)
    each = [check(c) for c in candidates]
    for status in ("supported", "unknown"):
        hit = next((c for c in each if c.status == status), None)
        if hit:
            return hit
    return each[0]


def judge(ref: Reference, claim: Claim, as_of: dt.date) -> Judgement:
    """The verdict on one claim: contradicted beats evaluative beats supported; anything undecided is unverified."""
    if claim.unknown:
        return _judge_unknown(claim)
    judgement = _judge_known(ref, claim, as_of)
    if judgement.verdict == "contradicted" and claim.alternatives:
        # 'It ended in September 2021' after a sentence that named ISAF, in a section on Resolute Support: the
        # value is contradicted only if it fits the section's subject too.
        other = _judge_known(ref, replace(claim, topic=claim.alternatives, alternatives=()), as_of)
        if other.verdict != "contradicted":
            return other if other.verdict == "supported" else Judgement(
                "unverified", as_sentence(f"Needs verification: it may be about {name(ref, claim.topic)} or "
                                          f"{name(ref, claim.alternatives)}; {judgement.explanation}"),
                other.checks)
    return judgement


def _judge_known(ref: Reference, claim: Claim, as_of: dt.date) -> Judgement:
    """The verdict on a claim about entities the reference knows."""
    if not claim.topic:
        return _judge_event(claim)
    checks = checks_for(ref, claim, as_of)
    if claim.values.negated:
        checks = [_negate(c) for c in checks]
    used = lambda status: unique_facts(f for c in checks if c.status == status for f in c.facts)  # noqa: E731
    bad = [c for c in checks if c.status == "contradicted"]
    if bad:
        return Judgement("contradicted", as_sentence(bad[0].message), checks, used("contradicted"))
    if "outcome" in claim.aspects or claim.attribution:
        outcomes = [f for i in claim.topic for f in ref.facts_for(i, "outcome") if isinstance(f, OutcomeFact)]
        recorded = (f" The reference records: {outcomes[0].summary}" if outcomes
                    else " The reference records no outcome.")
        who = f" (attributed: {claim.attribution})" if claim.attribution else ""
        return Judgement("evaluative", f"A judgement of outcome{who} for an editor to review.{recorded}", checks,
                         unique_facts([*used("supported"), *outcomes]))
    unknown = [c for c in checks if c.status == "unknown"]
    if checks and not unknown:
        return Judgement("supported", as_sentence("; ".join(c.message for c in checks)), checks, used("supported"))
    reasons = "; ".join(c.message for c in unknown) or "nothing in the reference decides it"
    partly = [c.message for c in checks if c.status == "supported"]
    extra = f" (checked: {'; '.join(partly)})" if partly else ""
    return Judgement("unverified", as_sentence(f"Needs verification: {reasons}{extra}"), checks, used("supported"))


# The role an assertion of each aspect plays, where the check itself does not say.
ASPECT_ROLES = {"date": "time", "duration": "duration", "legal_basis": "legal_basis", "leadership": "leader",
                "scope": "domain", "quantity": "count", "mandate": "task", "outcome": "outcome"}


def _judge_event(claim: Claim) -> Judgement:
    """A dated or counted statement about something the reference does not record at all."""
    what = f"'{claim.about}'" if claim.about else "what the sentence is about"
    checks = [replace(unknown_check(a, f"the reference records nothing about {what}"), role=ASPECT_ROLES.get(a, a))
              for a in claim.aspects]
    return Judgement("unverified", as_sentence(f"The reference records nothing about {what}"), checks)


def _judge_unknown(claim: Claim) -> Judgement:
    """A claim about something the reference does not record: a gap to fill, never checked against another
    entity; a judgement about it is still one for an editor."""
    names = ", ".join(claim.unknown)
    checks = [unknown_check(aspect, f"not in the reference: {names}")
              for aspect in claim.aspects if aspect != "outcome"]
    checks = [replace(c, role=ASPECT_ROLES.get(c.aspect, c.aspect)) for c in checks]
    if "outcome" in claim.aspects or claim.attribution:
        who = f" (attributed: {claim.attribution})" if claim.attribution else ""
        return Judgement("evaluative", f"A judgement{who} for an editor to review. Not in the reference: {names}.",
                         checks)
    return Judgement("unverified", f"Not in the reference: {names}.", checks)


# Aspects whose values already carry their own negation ("no ground troops", "not authorised", "non-combat").
SELF_NEGATING = frozenset({"scope", "mandate"})


def _negate(check: Check) -> Check:
    """A clause negated as a whole ('KFOR did not deploy in 1999'): what the facts support, it denies."""
    if check.aspect in SELF_NEGATING or "authoris" in check.message:
        return check
    if check.status == "supported":
        return replace(check, status="contradicted", message=f"the sentence denies it, but {check.message}")
    if check.status == "contradicted":
        return replace(check, status="unknown", facts=(),
                       message=f"the sentence denies something the reference does not record: {check.message}")
    return check
