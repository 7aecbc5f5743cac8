"""Output formats for `claimcheck check`: text, JSON, GitHub workflow commands and SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import Any

from claimcheck import __version__
from claimcheck.check import RULES, CheckResult, Finding

CHECK_FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
HOMEPAGE = "https://pypi.org/project/claimcheck/"


def render_text(result: CheckResult) -> str:
    """One line per finding: path:line:col: severity rule message."""
    lines = []
    for f in result.findings:
        flag = f" (suppressed: {f.suppressed})" if f.suppressed else ""
        claim = f" [{f.claim_id}]" if f.claim_id else ""
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{claim}{flag}")
    return "\n".join(lines) + ("\n" if lines else "")


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding as a JSON object."""
    return {"path": f.path, "line": f.line, "column": f.column, "start": f.start, "end": f.end, "rule": f.rule,
            "severity": f.severity, "claim": f.claim_id, "message": f.message, "link": f.link,
            "baseline": f.baseline, "suppressed": f.suppressed}


def render_json(result: CheckResult) -> str:
    """All findings and the ledger state as JSON."""
    counts = {s: sum(1 for f in result.findings if f.severity == s and not f.suppressed)
              for s in ("error", "warning", "info")}
    data = {"schema_version": 1, "checked": result.checked, "ledger_out_of_date": result.stale,
            "summary": counts, "findings": [finding_json(f) for f in result.findings]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, so findings show as annotations on the pull request's diff."""
    command = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in result.findings:
        if f.suppressed:
            continue
        props = f"file={_escape_property(f.path)},line={f.line},col={f.column},title={_escape_property(f.rule)}"
        lines.append(f"::{command[f.severity]} {props}::{_escape_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def sarif_log(result: CheckResult) -> dict[str, Any]:
    """The findings as a SARIF 2.1.0 log that GitHub code scanning accepts."""
    rule_ids = list(RULES)
    rules = [{"id": r.id, "name": "".join(w.capitalize() for w in r.id.split("-")),
              "shortDescription": {"text": r.summary}, "fullDescription": {"text": r.summary},
              "help": {"text": r.help}, "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]}}
             for r in RULES.values()]
    results = []
    for f in result.findings:
        item: dict[str, Any] = {
            "ruleId": f.rule, "ruleIndex": rule_ids.index(f.rule), "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.column, "charOffset": f.start,
                           "charLength": max(f.end - f.start, 0)},
            }}],
            "partialFingerprints": {"claimId/v1": f"{f.rule}:{f.claim_id or f.path}"},
            "baselineState": f.baseline,
        }
        if f.claim_id:
            item["properties"] = {"claimId": f.claim_id}
        if f.suppressed:
            item["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.suppressed}]
        results.append(item)
    return {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claimcheck", "version": __version__, "informationUri": HOMEPAGE,
                                "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository root."}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(result: CheckResult) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(sarif_log(result), ensure_ascii=False, indent=2) + "\n"


def render_check(result: CheckResult, fmt: str) -> str:
    """Findings in the named format."""
    return {"text": render_text, "json": render_json, "github": render_github, "sarif": render_sarif}[fmt](result)
