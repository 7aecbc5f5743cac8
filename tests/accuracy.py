"""Score claimcheck against the hand annotations in tests/annotations/.

Run as a script to print the table: python tests/accuracy.py [-v] [ANNOTATION_DIR]
(tests/heldout/annotations holds articles the rules were never tuned on).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "annotations"
AS_OF = dt.date(2026, 11, 21)


@dataclass
class Gold:
    """One hand-annotated claim."""

    quote: str
    start: int
    end: int
    kind: str
    verdict: str
    borderline: bool


@dataclass
class Score:
    """Detection and verdict figures for one article or all of them."""

    predicted: int = 0
    predicted_matching: int = 0
    gold: int = 0
    gold_found: int = 0
    verdicts_right: int = 0
    false_supported: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("predicted", "predicted_matching", "gold", "gold_found", "verdicts_right", "false_supported"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    @property
    def precision(self) -> float:
        return self.predicted_matching / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0

    @property
    def verdict_accuracy(self) -> float:
        return self.verdicts_right / self.gold_found if self.gold_found else 1.0


def load_annotations(directory: Path = ANNOTATIONS) -> dict[str, dict]:
    """Every annotation file, keyed by the article path it annotates (relative to the repository)."""
    files = sorted(directory.glob("*.toml"))
    return {data["article"]: data for data in (tomllib.loads(p.read_text("utf-8")) for p in files)}


def gold_claims(text: str, data: dict) -> list[Gold]:
    """The annotated claims with their offsets in the article text."""
    out = []
    for c in data["claims"]:
        start = text.index(c["quote"])
        end = start + len(c["quote"])
        out.append(Gold(c["quote"], start, end, c["kind"], c["verdict"], c.get("borderline", False)))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_document(path: str, text: str, claims: list[dict], data: dict) -> Score:
    """Precision of detection, recall of non-borderline gold claims, and verdict accuracy on those found."""
    gold = gold_claims(text, data)
    s = Score(predicted=len(claims))

    def matches(c: dict, g: Gold) -> bool:
        return _overlap((c["start"], c["end"]), (g.start, g.end)) >= 0.5 * (g.end - g.start)

    s.predicted_matching = sum(1 for c in claims if any(matches(c, g) for g in gold))
    for c in claims:
        if not any(matches(c, g) for g in gold):
            s.errors.append(f"{path}: extra claim ({c['verdict']}): {c['text'][:90]!r}")
    for g in gold:
        if g.borderline:
            continue
        s.gold += 1
        found = [c for c in claims if matches(c, g)]
        if not found:
            s.errors.append(f"{path}: missed {g.kind} ({g.verdict}): {g.quote[:90]!r}")
            continue
        s.gold_found += 1
        best = max(found, key=lambda c: _overlap((c["start"], c["end"]), (g.start, g.end)))
        if best["verdict"] == g.verdict:
            s.verdicts_right += 1
        else:
            s.errors.append(f"{path}: verdict {best['verdict']} != {g.verdict}: {g.quote[:90]!r} "
                            f"({best['explanation'][:120]})")
            if best["verdict"] == "supported":
                s.false_supported += 1
    return s


def disagreements_found(report: dict, annotations: dict[str, dict]) -> tuple[int, int]:
    """How many annotated disagreements the report flags (same subject, a claim over each quote)."""
    texts = {d["path"]: (ROOT / d["path"]).read_text("utf-8") for d in report["documents"]}
    claims = {c["id"]: (d["path"], c) for d in report["documents"] for c in d["claims"]}
    wanted = found = 0
    for path, data in annotations.items():
        for g in data.get("disagreements", []):
            wanted += 1
            spans = [(path, texts[path].index(g["quotes"][0])), (g["other"], texts[g["other"]].index(g["quotes"][1]))]
            for d in report["disagreements"]:
                if d["subject"] != g["subject"]:
                    continue
                located = [claims[c] for c in d["claims"]]
                if all(any(p == sp and c["start"] <= start < c["end"] + 1 for p, c in located) for sp, start in spans):
                    found += 1
                    break
    return wanted, found


def evaluate(nlp=None, directory: Path = ANNOTATIONS) -> tuple[dict[str, Score], Score, tuple[int, int]]:
    """Run claimcheck on every annotated article and score it."""
    from claimcheck.pipeline import analyse
    from claimcheck.report import to_json

    annotations = load_annotations(directory)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        report = to_json(analyse(sorted(annotations), ROOT / "reference", as_of=AS_OF, nlp=nlp))
    finally:
        os.chdir(cwd)
    per_doc, total = {}, Score()
    for doc in report["documents"]:
        text = (ROOT / doc["path"]).read_text("utf-8")
        per_doc[doc["path"]] = score_document(doc["path"], text, doc["claims"], annotations[doc["path"]])
        total.add(per_doc[doc["path"]])
    return per_doc, total, disagreements_found(report, annotations)


LAST_TABLE: list[str] = []


def table(per_doc: dict[str, Score], total: Score, disagreements: tuple[int, int]) -> str:
    """A plain-text table of the figures."""
    rows = [f"{'article':58} {'pred':>5} {'gold':>5} {'prec':>6} {'recall':>6} {'verdict':>7} {'false+':>6}"]
    for path, s in [*per_doc.items(), ("TOTAL", total)]:
        rows.append(f"{path[-58:]:58} {s.predicted:5} {s.gold:5} {s.precision:6.2f} {s.recall:6.2f} "
                    f"{s.verdict_accuracy:7.2f} {s.false_supported:6}")
    rows.append(f"disagreements found: {disagreements[1]}/{disagreements[0]}")
    LAST_TABLE[:] = rows
    return "\n".join(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    chosen = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), ANNOTATIONS)
    per_doc, total, dis = evaluate(directory=chosen.resolve())
    if "-v" in sys.argv:
        print("\n".join(total.errors))
    print(table(per_doc, total, dis))
