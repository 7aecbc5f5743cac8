"""Claims reports: JSON for machines (schema_version 1) and Markdown for people."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.pipeline import Analysis, ClaimResult, DocumentResult
from claimcheck.verify import VERDICTS

SCHEMA_VERSION = 1
FORMATS = ("markdown", "json")
VERDICT_LABEL = {"contradicted": "✗ contradicted", "unverified": "? unverified", "evaluative": "! evaluative",
                 "supported": "✓ supported"}


def shown_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, else as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def verdict_counts(claims: list[ClaimResult]) -> dict[str, int]:
    """How many claims have each verdict, every verdict listed."""
    counts = Counter(c.judgement.verdict for c in claims)
    return {v: counts.get(v, 0) for v in VERDICTS}


STATUS_VERDICT = {"supported": "supported", "contradicted": "contradicted", "unknown": "unverified"}


def assertions_json(result: ClaimResult, names: dict[str, str]) -> list[dict[str, Any]]:
    """What the claim asserts, one entry per value checked: its subject (an entity id, or null with the name of
    something the reference lacks), aspect, role, value, and that assertion's own verdict and evidence."""
    c, j = result.claim, result.judgement
    out = []
    for k in j.checks:
        subject = k.subject[0] if k.subject else (c.topic[0] if c.topic else None)
        shown = names.get(subject, subject) if subject else (", ".join(c.unknown) or None)
        start, end = (c.value_span(k.at) if k.at else None) or (None, None)
        out.append({
            "subject": subject, "subject_name": shown, "aspect": k.aspect, "role": k.role, "value": k.value,
            "start": start, "end": end,
            "verdict": STATUS_VERDICT[k.status],
            "evidence": [{"fact": f.id, "source": src.url} for f in k.facts for src in f.sources],
            "explanation": k.message,
        })
    return out


def reference_gaps(claims: list[ClaimResult]) -> list[dict[str, Any]]:
    """Named things the claims are about that the reference lacks, most claimed first: a curator's worklist."""
    counts = Counter(name for c in claims if not c.claim.unknown_actor for name in c.claim.unknown)
    return [{"name": n, "claims": k} for n, k in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def claim_json(result: ClaimResult, names: dict[str, str] | None = None) -> dict[str, Any]:
    """One claim as a JSON object."""
    c, j = result.claim, result.judgement
    return {
        "id": c.id, "text": c.text, "start": c.start, "end": c.end, "line": result.line, "column": result.column,
        "kind": c.kind, "aspects": list(c.aspects), "subjects": list(c.subjects), "topic": list(c.topic),
        "subject_resolution": c.topic_source, "attribution": c.attribution, "hedged": c.hedged,
        "values": c.values.as_json(), "verdict": j.verdict, "evidence": j.evidence(), "explanation": j.explanation,
        "checks": [{"aspect": k.aspect, "status": k.status, "message": k.message, "facts": [f.id for f in k.facts]}
                   for k in j.checks],
        "unknown_subjects": list(c.unknown), "unknown_subject_is_actor": c.unknown_actor,
        "assertions": assertions_json(result, names or {}),
    }


def document_json(result: DocumentResult, names: dict[str, str] | None = None) -> dict[str, Any]:
    """One article as a JSON object."""
    d = result.document
    disclosure = None
    if d.disclaimer is not None:
        line, column = d.position(d.disclaimer.start)
        disclosure = {"text": d.disclaimer.text, "start": d.disclaimer.start, "end": d.disclaimer.end,
                      "line": line, "column": column}
    return {
        "path": d.path, "sha256": d.sha256, "title": d.title.text if d.title else None,
        "ai_disclosure": disclosure, "summary": verdict_counts(result.claims),
        "reference_gaps": reference_gaps(result.claims),
        "claims": [claim_json(c, names) for c in result.claims],
    }


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The whole report as a JSON-ready dict, in a fixed key order."""
    every = [c for d in analysis.documents for c in d.claims]
    names = {e.id: e.name for e in analysis.reference.entities.values()}
    gaps = reference_gaps(every)
    for gap in gaps:
        gap["documents"] = sum(1 for d in analysis.documents if gap["name"] in {n for c in d.claims
                                                                               for n in c.claim.unknown})
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "claimcheck", "version": __version__, "model": analysis.model},
        "reference": {"path": shown_path(analysis.reference.path), "sha256": analysis.reference.sha256},
        "documents": [document_json(d, names) for d in analysis.documents],
        "disagreements": [
            {"id": g.id, "subject": g.subject, "aspect": g.aspect, "claims": [c for _, c in g.claims],
             "documents": {p: [c for q, c in g.claims if q == p] for p in dict.fromkeys(p for p, _ in g.claims)},
             "explanation": g.explanation}
            for g in analysis.disagreements
        ],
        "summary": {"documents": len(analysis.documents), "claims": len(every),
                    "verdicts": verdict_counts(every), "disagreements": len(analysis.disagreements),
                    "with_ai_disclosure": sum(1 for d in analysis.documents if d.document.disclaimer),
                    "reference_gaps": gaps},
    }


def render_json(analysis: Analysis) -> str:
    """The JSON report text."""
    return json.dumps(to_json(analysis), ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return " ".join(text.split()).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _claim_md(result: ClaimResult, path: str) -> list[str]:
    c, j = result.claim, result.judgement
    lines = [f"- **{VERDICT_LABEL[j.verdict]}** · {path}:{result.line}:{result.column} · {c.kind} · `{c.id}`",
             f"  > {_md(c.text)}", f"  {_md(j.explanation)}"]
    if c.attribution:
        lines.append(f"  Attributed: {_md(c.attribution)}")
    if len({k.status for k in j.checks}) > 1:
        # Several things checked with different outcomes: say which part is which.
        lines += [f"  - {STATUS_VERDICT[k.status]}: {k.role or k.aspect} {_md(k.value)} — {_md(k.message)}"
                  for k in j.checks]
    sources = list(dict.fromkeys(e["source"] for e in j.evidence()))
    if sources:
        facts = ", ".join(f"`{f.id}`" for f in j.facts)
        lines.append(f"  Evidence: {facts} — " + " · ".join(f"<{s}>" for s in sources[:4]))
    return lines


def _document_md(result: DocumentResult) -> list[str]:
    d = result.document
    counts = verdict_counts(result.claims)
    out = [f"## {_md(d.title.text) if d.title else d.path}", "", f"`{d.path}`", ""]
    if d.disclaimer is not None:
        line, _ = d.position(d.disclaimer.start)
        out += [f"AI-assistance disclaimer (line {line}): “{_md(d.disclaimer.text)}”", ""]
    else:
        out += ["No AI-assistance disclaimer found.", ""]
    out += [f"**{len(result.claims)} claims:** " + ", ".join(f"{n} {v}" for v, n in counts.items()), ""]
    if gaps := reference_gaps(result.claims):
        out += ["Not in the reference: " + ", ".join(f"{_md(g['name'])} ({g['claims']})" for g in gaps), ""]
    review = [c for v in ("contradicted", "unverified", "evaluative")
              for c in result.claims if c.judgement.verdict == v]
    if review:
        out += ["### Needs verification", ""]
        for c in review:
            out += [*_claim_md(c, d.path), ""]
    supported = [c for c in result.claims if c.judgement.verdict == "supported"]
    if supported:
        out += ["### Supported", ""]
        for c in supported:
            out += [*_claim_md(c, d.path), ""]
    return out


def render_markdown(analysis: Analysis) -> str:
    """The Markdown report text: per article, claims needing verification first; then disagreements."""
    data = to_json(analysis)["summary"]
    out = ["# Claims report", "",
           f"{data['documents']} article(s), {data['claims']} claims: "
           + ", ".join(f"{n} {v}" for v, n in data["verdicts"].items())
           + f"; {data['disagreements']} disagreement(s) between articles.", "",
           f"Reference data: `{shown_path(analysis.reference.path)}` (sha256 {analysis.reference.sha256[:12]}); "
           f"model: `{analysis.model}`.", ""]
    for result in analysis.documents:
        out += _document_md(result)
    gaps = to_json(analysis)["summary"]["reference_gaps"]
    if gaps:
        out += ["## Reference gaps", "", "Named things that claims are about and the reference lacks, most claimed "
                "first: add them to the reference to check these claims.", "",
                "| name | claims | articles |", "|---|---|---|",
                *(f"| {_md(g['name'])} | {g['claims']} | {g['documents']} |" for g in gaps), ""]
    out += ["## Disagreements between articles", ""]
    if not analysis.disagreements:
        out += ["None found.", ""]
    lookup = {c.claim.id: (d.document.path, c) for d in analysis.documents for c in d.claims}
    for g in analysis.disagreements:
        out += [f"- **{_md(g.subject)}** · {g.aspect} · `{g.id}`: {_md(g.explanation)}"]
        for path, claim_id in g.claims:
            _, c = lookup[claim_id]
            out += [f"  - {path}:{c.line} `{claim_id}`: “{_md(c.claim.text)}”"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render(analysis: Analysis, fmt: str) -> str:
    """The report in the named format."""
    return {"markdown": render_markdown, "json": render_json}[fmt](analysis)
