"""The main job end to end: read articles, parse them in one batch, extract, verify and compare claims."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from claimcheck import reference as refdata
from claimcheck.compare import Disagreement, find_disagreements
from claimcheck.extract import Claim, build_vocab, extract, iter_nlp_inputs
from claimcheck.ingest import Document, find_articles, read_document
from claimcheck.nlp import DEFAULT_MODEL, load_pipeline, model_label, parse_texts
from claimcheck.verify import Judgement, judge


@dataclass
class ClaimResult:
    """One claim with its verdict and its 1-based line and column, computed once from the offset."""

    claim: Claim
    judgement: Judgement
    line: int
    column: int


@dataclass
class DocumentResult:
    """An article and its claims in document order."""

    document: Document
    claims: list[ClaimResult]


@dataclass
class Analysis:
    """Everything a report shows."""

    reference: refdata.Reference
    model: str
    documents: list[DocumentResult]
    disagreements: list[Disagreement]


def article_paths(paths: list[str]) -> list[tuple[Path, str]]:
    """Each article to read and the path to show for it: as given, or joined to the directory given."""
    out = []
    for given in paths:
        for path in find_articles([Path(given)]):
            shown = given if Path(given).is_file() else str(Path(given) / path.relative_to(given))
            out.append((path, shown))
    return out


def analyse(paths: list[str], reference_dir: Path, model: str = DEFAULT_MODEL, encoding: str = "utf-8",
            as_of: dt.date | None = None, nlp: Language | None = None) -> Analysis:
    """Read, extract, verify and compare: the whole claims report for the given articles."""
    ref = refdata.load_cached(reference_dir)
    documents = [read_document(path, shown, encoding) for path, shown in article_paths(paths)]
    nlp = nlp or load_pipeline(reference_dir, model)
    return analyse_documents(documents, ref, nlp, as_of or dt.date.today())


def analyse_documents(documents: list[Document], ref: refdata.Reference, nlp: Language,
                      as_of: dt.date) -> Analysis:
    """Analyse already-read documents with a loaded pipeline; all blocks go through nlp.pipe in one stream."""
    inputs = [(i, block, text) for i, doc in enumerate(documents) for block, text in iter_nlp_inputs(doc)]
    parsed = parse_texts(nlp, (text for _, _, text in inputs))
    per_doc: list[list] = [[] for _ in documents]
    for (i, block, _), spacy_doc in zip(inputs, parsed, strict=True):
        per_doc[i].append((block, spacy_doc))
    vocab = build_vocab(ref)
    results = []
    for document, blocks in zip(documents, per_doc, strict=True):
        claims = extract(document, blocks, ref, vocab)
        results.append(DocumentResult(document, [
            ClaimResult(c, judge(ref, c, as_of), *document.position(c.start)) for c in claims
        ]))
    disagreements = find_disagreements(ref, [(r.document.path, [c.claim for c in r.claims]) for r in results])
    return Analysis(ref, model_label(nlp), results, disagreements)
