"""The HTML report: one self-contained page with every claim highlighted in its article, and disagreements side by side.

Everything from articles and reference data is escaped; the only links are http(s) sources from the reference data.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from importlib import resources

from claimcheck import __version__
from claimcheck.compare import Disagreement
from claimcheck.pipeline import Analysis, ClaimResult, DocumentResult
from claimcheck.report import shown_path, verdict_counts
from claimcheck.verify import VERDICTS

# Okabe-Ito colours (safe for colour-blind readers), each verdict also marked by an icon and a word.
VERDICT_STYLE = {
    "contradicted": ("#D55E00", "✗", "contradicted"),
    "unverified": ("#E69F00", "?", "unverified"),
    "evaluative": ("#56B4E9", "!", "evaluative"),
    "supported": ("#009E73", "✓", "supported"),
}
# No network at all: only the inline style and script of the page itself run.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


def safe_link(url: str, text: str | None = None) -> str:
    """An anchor for an http(s) URL, or the escaped text alone for anything else."""
    label = escape(text if text is not None else url)
    if not _SAFE_URL.match(url):
        return label
    return f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer" target="_blank">{label}</a>'


def _asset(name: str) -> str:
    return resources.files("claimcheck.data").joinpath(name).read_text(encoding="utf-8")


def _anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def summary_bar(counts: dict[str, int]) -> str:
    """A stacked bar of claims by verdict, as inline SVG with a text legend."""
    total = sum(counts.values())
    width, x, parts = 600, 0.0, []
    for verdict in VERDICTS:
        n = counts[verdict]
        if not n:
            continue
        w = width * n / total
        colour, icon, word = VERDICT_STYLE[verdict]
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="18" fill="{colour}">'
                     f'<title>{n} {word}</title></rect>')
        if w > 24:
            parts.append(f'<text x="{x + w / 2:.1f}" y="13" text-anchor="middle">{icon} {n}</text>')
        x += w
    legend = " · ".join(f'<span class="legend v-{v}"><span class="icon">{VERDICT_STYLE[v][1]}</span> {counts[v]} {v}'
                        f"</span>" for v in VERDICTS)
    svg = (f'<svg class="bar" viewBox="0 0 {width} 18" width="{width}" height="18" role="img" '
           f'aria-label="{total} claims by verdict">{"".join(parts)}</svg>') if total else ""
    return f'<div class="summary">{svg}<p>{total} claims: {legend}</p></div>'


def _tooltip(result: ClaimResult, subjects: str) -> str:
    c, j = result.claim, result.judgement
    sources = list(dict.fromkeys(e["source"] for e in j.evidence()))
    facts = ", ".join(escape(f.id) for f in j.facts) or "none"
    links = "".join(f"<li>{safe_link(s)}</li>" for s in sources)
    who = f"<dt>Attributed</dt><dd>{escape(c.attribution)}</dd>" if c.attribution else ""
    return (f'<span class="tip" role="tooltip" id="tip-{escape(c.id)}"><dl>'
            f"<dt>Verdict</dt><dd>{escape(j.verdict)}</dd><dt>Kind</dt><dd>{escape(c.kind)}</dd>"
            f"<dt>Subjects</dt><dd>{subjects}</dd>{who}<dt>Why</dt><dd>{escape(j.explanation)}</dd>"
            f"<dt>Evidence</dt><dd>{facts}</dd></dl>"
            + (f"<ul>{links}</ul>" if links else "") + "</span>")


def _highlight(result: ClaimResult, text: str, names: dict[str, str]) -> str:
    c, verdict = result.claim, result.judgement.verdict
    _, icon, word = VERDICT_STYLE[verdict]
    subjects = escape(", ".join(names.get(s, s) for s in c.subjects)) or "none"
    return (f'<mark class="claim v-{verdict}" id="{_anchor(c.id)}" data-claim-id="{escape(c.id)}" '
            f'data-verdict="{verdict}" tabindex="0" aria-describedby="tip-{escape(c.id)}">'
            f'<span class="tag" aria-label="{word}">{icon}</span>{escape(text)}{_tooltip(result, subjects)}</mark>')


def article_html(result: DocumentResult, names: dict[str, str]) -> str:
    """The article text exactly as written, each claim wrapped in one highlight element."""
    text = result.document.text
    out, pos = [], 0
    for r in sorted(result.claims, key=lambda r: (r.claim.start, r.claim.end)):
        start = max(r.claim.start, pos)
        out.append(escape(text[pos:start]))
        out.append(_highlight(r, text[start:max(r.claim.end, start)], names))
        pos = max(r.claim.end, start)
    out.append(escape(text[pos:]))
    return "".join(out)


def review_table(result: DocumentResult) -> str:
    """The claims that need verification, contradicted first, linking to their highlights."""
    rows = [r for v in ("contradicted", "unverified", "evaluative") for r in result.claims
            if r.judgement.verdict == v]
    if not rows:
        return "<p>No claim needs verification.</p>"
    body = "".join(
        f'<tr class="v-{r.judgement.verdict}"><td><a href="#{_anchor(r.claim.id)}">line {r.line}</a></td>'
        f'<td><span class="icon">{VERDICT_STYLE[r.judgement.verdict][1]}</span> {r.judgement.verdict}</td>'
        f"<td>{escape(r.claim.kind)}</td><td>{escape(r.claim.text)}</td><td>{escape(r.judgement.explanation)}</td></tr>"
        for r in rows)
    return ("<table class=\"review\"><thead><tr><th>Where</th><th>Verdict</th><th>Kind</th><th>Claim</th>"
            f"<th>Why</th></tr></thead><tbody>{body}</tbody></table>")


def document_section(index: int, result: DocumentResult, names: dict[str, str]) -> str:
    """One article: title, disclaimer, summary bar, claims needing verification, highlighted text."""
    d = result.document
    title = escape(d.title.text) if d.title else escape(d.path)
    disclaimer = (f'<aside class="disclaimer"><strong>AI-assistance disclaimer:</strong> {escape(d.disclaimer.text)}'
                  f"</aside>" if d.disclaimer else '<aside class="disclaimer none">No AI-assistance disclaimer found.'
                  "</aside>")
    return (f'<section class="document" id="doc-{index}"><h2>{title}</h2><p class="path"><code>{escape(d.path)}'
            f"</code></p>{disclaimer}{summary_bar(verdict_counts(result.claims))}"
            f"<h3>Claims that need verification</h3>{review_table(result)}"
            f'<h3>The article</h3><div class="article">{article_html(result, names)}</div></section>')


def _context(result: DocumentResult, claim: ClaimResult) -> str:
    block = next((b for b in result.document.blocks if b.start <= claim.claim.start < b.end), None)
    text = result.document.text
    start, end = (block.start, block.end) if block else (claim.claim.start, claim.claim.end)
    c = claim.claim
    return (f"{escape(text[start:c.start])}<strong>{escape(text[c.start:c.end])}</strong>"
            f"{escape(text[c.end:end])}")


def disagreements_html(analysis: Analysis) -> str:
    """Each disagreement with its claims side by side: article, sentence in context, verdict."""
    if not analysis.disagreements:
        return "<p>None found.</p>"
    lookup = {c.claim.id: (d, c) for d in analysis.documents for c in d.claims}
    return "".join(_disagreement(g, lookup, analysis) for g in analysis.disagreements)


def _disagreement(g: Disagreement, lookup: dict, analysis: Analysis) -> str:
    sides: dict[str, list[str]] = {}
    for path, claim_id in g.claims:
        doc, claim = lookup[claim_id]
        sides.setdefault(path, []).append(
            f'<blockquote class="v-{claim.judgement.verdict}" data-claim-id="{escape(claim_id)}">'
            f"<p>{_context(doc, claim)}</p><footer><a href=\"#{_anchor(claim_id)}\">line {claim.line}</a> · "
            f"{escape(claim.judgement.verdict)}</footer></blockquote>")
    name = analysis.reference.entities.get(g.subject)
    subject = escape(name.name if name else g.subject)
    columns = "".join(f'<div class="side"><h4><code>{escape(p)}</code></h4>{"".join(q)}</div>'
                      for p, q in sides.items())
    return (f'<article class="disagreement" id="{escape(g.id)}" data-subject="{escape(g.subject)}" '
            f'data-aspect="{escape(g.aspect)}"><h3>{subject} · {escape(g.aspect)}</h3>'
            f'<p>{escape(g.explanation)}</p><div class="sides">{columns}</div></article>')


def render_html(analysis: Analysis, timestamp: dt.datetime | None = None) -> str:
    """The whole report as one HTML document with inline CSS and JavaScript."""
    names = {e.id: e.name for e in analysis.reference.entities.values()}
    counts = verdict_counts([c for d in analysis.documents for c in d.claims])
    made = f" on {escape(timestamp.isoformat(timespec='seconds'))}" if timestamp else ""
    docs = "".join(document_section(i, d, names) for i, d in enumerate(analysis.documents))
    toc = "".join(f'<li><a href="#doc-{i}">{escape(d.document.title.text if d.document.title else d.document.path)}'
                  f"</a></li>" for i, d in enumerate(analysis.documents))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>Claims report</title>
<style>{_asset("report.css")}</style>
</head>
<body>
<header>
<h1>Claims report</h1>
<p>{len(analysis.documents)} article(s), {len(analysis.disagreements)} disagreement(s) between articles.
Reference data <code>{escape(shown_path(analysis.reference.path))}</code> (sha256 {analysis.reference.sha256[:12]}),
model <code>{escape(analysis.model)}</code>, claimcheck {__version__}{made}.</p>
{summary_bar(counts)}
<label class="filter"><input type="checkbox" id="only-review"> Show only claims that need verification</label>
<nav><ol>{toc}<li><a href="#disagreements">Disagreements between articles</a></li></ol></nav>
</header>
<main>
{docs}
<section id="disagreements"><h2>Disagreements between articles</h2>{disagreements_html(analysis)}</section>
</main>
<script>{_asset("report.js")}</script>
</body>
</html>
"""
