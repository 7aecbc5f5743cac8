"""The main job end to end: read articles, parse them in one batch, extract, verify and compare claims."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from claimcheck import reference as refdata
from claimcheck.assertions import Judgement
from claimcheck.cache import ResultCache, cache_key, model_identity
from claimcheck.claims import Claim
from claimcheck.compare import Disagreement, find_disagreements
from claimcheck.extract import extract
from claimcheck.ingest import Document, find_articles, read_document
from claimcheck.nlp import DEFAULT_MODEL, load_pipeline, parse_texts
from claimcheck.records import iter_nlp_inputs
from claimcheck.verify import judge
from claimcheck.vocab import build_vocab


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
    out, seen = [], set()
    for given in paths:
        for path in find_articles([Path(given)]):
            if (key := path.resolve()) in seen:
                continue  # named twice (a directory and a file in it): read once
            seen.add(key)
            shown = given if Path(given).is_file() else str(Path(given) / path.relative_to(given))
            out.append((path, shown))
    return out


Progress = Callable[[int, int], None]


def analyse(paths: list[str], reference_dir: Path, model: str = DEFAULT_MODEL, encoding: str = "utf-8",
            as_of: dt.date | None = None, nlp: Language | None = None, cache: ResultCache | None = None,
            progress: Progress | None = None) -> Analysis:
    """Read, extract, verify and compare: the whole claims report for the given articles."""
    documents = [read_document(path, shown, encoding) for path, shown in article_paths(paths)]
    return analyse_documents(documents, reference_dir, model, as_of or dt.date.today(), nlp, cache, progress)


def analyse_documents(documents: list[Document], reference_dir: Path, model: str, as_of: dt.date,
                      nlp: Language | None = None, cache: ResultCache | None = None,
                      progress: Progress | None = None) -> Analysis:
    """Analyse read documents: cached results where the cache has them, the rest in one nlp.pipe stream.

    The spaCy pipeline is loaded only when some document is not in the cache.
    """
    ref = refdata.load_cached(reference_dir)
    keys = [cache_key(d.sha256, d.path, ref.sha256, model, as_of) for d in documents]
    found = [cache.get(k, ref) if cache else None for k in keys]
    todo = [i for i, r in enumerate(found) if r is None]
    if todo:
        nlp = nlp or load_pipeline(reference_dir, model)
        fresh = _extract_and_judge([documents[i] for i in todo], ref, nlp, as_of, progress)
        for i, result in zip(todo, fresh, strict=True):
            found[i] = result
            if cache:
                cache.put(keys[i], result)
    results = [DocumentResult(d, [ClaimResult(c, j, *d.position(c.start)) for c, j in pairs])
               for d, pairs in zip(documents, found, strict=True)]
    disagreements = find_disagreements(ref, [(r.document.path, [c.claim for c in r.claims]) for r in results])
    return Analysis(ref, model_identity(model), results, disagreements)


def _extract_and_judge(documents: list[Document], ref: refdata.Reference, nlp: Language, as_of: dt.date,
                       progress: Progress | None) -> list[list[tuple[Claim, Judgement]]]:
    inputs = [(i, block, text) for i, doc in enumerate(documents) for block, text in iter_nlp_inputs(doc)]
    parsed = parse_texts(nlp, (text for _, _, text in inputs))
    per_doc: list[list] = [[] for _ in documents]
    for done, ((i, block, _), spacy_doc) in enumerate(zip(inputs, parsed, strict=True), start=1):
        per_doc[i].append((block, spacy_doc))
        if progress is not None:
            progress(done, len(inputs))
    vocab = build_vocab(ref)
    return [[(c, judge(ref, c, as_of)) for c in extract(document, blocks, ref, vocab)]
            for document, blocks in zip(documents, per_doc, strict=True)]
