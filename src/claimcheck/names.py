"""Open-world names: every named operation, mission, force, agreement or actor in a text, known or not.

The reference linker marks what the reference knows. This component marks the rest, so that a claim about
"Operation Distinguished Games" is about that operation (and unverified) rather than about whatever known
operation was named last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimcheck.tables import table

NAMES_SPANS = "claimcheck_names"
NAMES = "claimcheck_named_things"
# Span labels: a named thing claims can be about, and an actor (nation, group, person) that can lead.
NAMED, ACTOR = "NAMED", "ACTOR"
# Reference types a name may swallow: "NATO Training Mission-Afghanistan" is not NATO.
SWALLOWED_TYPES = frozenset({"organisation", "body", "place"})


@dataclass(frozen=True)
class _Tables:
    prefix_heads: frozenset[str]
    suffix_heads: frozenset[str]
    of_words: frozenset[str]
    not_names: frozenset[str]
    organisations: frozenset[str]
    not_acronyms: frozenset[str]
    ner_labels: frozenset[str]
    actor_labels: frozenset[str]


@cache
def _tables() -> _Tables:
    t = table("names")
    words = [frozenset(w.lower() for w in t[k])
             for k in ("prefix_heads", "suffix_heads", "of_words", "not_names", "organisations", "not_acronyms")]
    return _Tables(*words, frozenset(t["ner_labels"]), frozenset(t["actor_labels"]))


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or tok.text.isupper())


def _head_at(words: list[str], i: int, heads: frozenset[str]) -> int:
    """The length of the longest (multi-word) head phrase starting at word i, or 0."""
    if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in heads:
        return 2
    return 1 if words[i] in heads else 0


def prefix_names(doc: Doc) -> list[Span]:
    """'Operation Distinguished Games', 'Resolution 1199': a capitalised head word and the name after it."""
    t = _tables()
    words = [tok.lower_ for tok in doc]
    out = []
    for tok in doc:
        n = _head_at(words, tok.i, t.prefix_heads)
        if n and _capital(tok):
            end = tok.i + n
            while end < len(doc) and _capital(doc[end]) and doc[end].lower_ not in t.of_words:
                end += 1
            if end > tok.i + n:
                out.append(Span(doc, tok.i, end, label=NAMED))
        elif tok.lower_ == "resolution" and tok.i + 1 < len(doc) and doc[tok.i + 1].like_num:
            out.append(Span(doc, tok.i, tok.i + 2, label=NAMED))
    return out


def suffix_names(doc: Doc) -> list[Span]:
    """'Baltic Air Policing', 'the Dayton agreement', 'NATO Training Mission-Afghanistan', 'Verification Mission
    in Kosovo': capitalised words ending in a head word, with a '-Place' or 'in Place' continuation."""
    t = _tables()
    words = [tok.lower_ for tok in doc]
    out = []
    for tok in doc:
        n = _head_at(words, tok.i, t.suffix_heads)
        if not n or tok.i == 0:
            continue
        start = tok.i
        while start > 0 and _capital(doc[start - 1]) and doc[start - 1].lower_ not in t.not_names:
            start -= 1
        own = [w for w in doc[start:tok.i] if w.lower_ not in t.organisations]
        # A name needs a word of its own before the head, and a capitalised head unless that word is a proper
        # name: "the Dayton agreement" is a name, "the NATO mission" and "the Mission" are not.
        if not own or not (_capital(tok) or any(w.pos_ == "PROPN" for w in own)):
            continue
        end = tok.i + n
        hyphenated = end + 1 < len(doc) and doc[end].text in ("-", "–") and _capital(doc[end + 1])
        placed = end + 1 < len(doc) and doc[end].lower_ in t.of_words and doc[end + 1].ent_type_ in ("GPE", "LOC")
        if hyphenated or placed:
            end += 2
        out.append(Span(doc, start, end, label=NAMED))
    return out


def acronym_names(doc: Doc) -> list[Span]:
    """'EULEX', 'SNMG2', 'AWACS': an acronym of three or more capitals names an actor (a force, a body, a
    fleet): what it did is not what the operation around it did, but 'it' does not refer to it."""
    t = _tables()
    return [Span(doc, tok.i, tok.i + 1, label=ACTOR) for tok in doc
            if len(tok.text) >= 3 and tok.text.isupper() and tok.text[0].isalpha()
            and re.fullmatch(r"[A-Z][A-Z0-9-]{2,11}", tok.text) and tok.lower_ not in t.not_acronyms]


def ner_names(doc: Doc) -> list[Span]:
    """Named events, laws and organisations from the statistical NER, and actors: nations, groups, people."""
    t = _tables()
    out = []
    for ent in doc.ents:
        label = ent.label_
        if label in t.ner_labels:
            out.append(Span(doc, ent.start, ent.end, label=NAMED))
        elif label in t.actor_labels:
            out.append(Span(doc, ent.start, ent.end, label=ACTOR))
    return out


def _trim_determiner(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in ("the", "a", "an", "'s", "’s"):
        start += 1
    return Span(span.doc, start, span.end, label=span.label_)


class NamedThings:
    """Marks named things and actors that the reference does not know, in doc.spans['claimcheck_names']."""

    def __init__(self, ref_spans_key: str, reference_types: dict[str, str]) -> None:
        self.ref_spans_key = ref_spans_key
        self.reference_types = reference_types

    def __call__(self, doc: Doc) -> Doc:
        known = list(doc.spans[self.ref_spans_key]) if self.ref_spans_key in doc.spans else []
        candidates = [_trim_determiner(s) for s in (*prefix_names(doc), *suffix_names(doc), *acronym_names(doc),
                                                    *ner_names(doc))]
        # Names before actors, longer before shorter: filter_spans keeps the first longest.
        names = filter_spans(sorted(candidates, key=lambda s: (s.label_ != NAMED, -(s.end - s.start), s.start)))
        kept, swallowed = [], set()
        for name in sorted(names, key=lambda s: s.start):
            inside = [k for k in known if name.start <= k.start and k.end <= name.end]
            overlapping = [k for k in known if k.start < name.end and name.start < k.end]
            longer = bool(inside) and len(name) > max(len(k) for k in inside)
            if name.label_ == NAMED and overlapping and overlapping == inside and longer \
                    and all(self.reference_types.get(k.kb_id_) in SWALLOWED_TYPES for k in inside):
                swallowed.update(id(k) for k in inside)
                kept.append(name)
            elif not overlapping:
                kept.append(name)
        doc.spans[self.ref_spans_key] = [k for k in known if id(k) not in swallowed]
        doc.spans[NAMES_SPANS] = kept
        return doc


def unknown_spans(span: Span, label: str = NAMED) -> list[Span]:
    """The named things (or actors) of one label marked inside a span, in order."""
    if NAMES_SPANS not in span.doc.spans:
        return []
    return [s for s in span.doc.spans[NAMES_SPANS] if s.label_ == label and span.start <= s.start
            and s.end <= span.end]


def display_name(span: Span) -> str:
    """A name as shown in reports: its words with line breaks and Markdown masks collapsed."""
    return " ".join(span.text.split())


@Language.factory(NAMES, default_config={"ref_spans_key": "claimcheck_refs", "reference_types": {}})
def make_named_things(nlp: Language, name: str, ref_spans_key: str, reference_types: dict[str, str]) -> NamedThings:
    """Factory for the open-world name marker; reference_types maps reference ids to their entity types."""
    return NamedThings(ref_spans_key, reference_types)
