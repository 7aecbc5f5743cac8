"""Score claimcheck against hand annotations.

Two kinds of gold label exist:
- `verdict` (tests/annotations, tests/heldout): the verdict the reference should give, written by people who
  read the reference;
- `truth` (tests/blind): whether the claim is true, false or a judgement, written blind by sessions that
  never saw the code, the tables or the reference. A verdict is acceptable when it does not mislead:
  true -> supported or unverified, false -> contradicted or unverified, evaluative -> evaluative or
  unverified. "Decided" counts the true and false claims on subjects the reference knows that got the
  decisive verdict, so that an all-unverified tool cannot pass unnoticed.

Run as a script to print the figures: python tests/accuracy.py [-v] [ANNOTATION_DIR ...]
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "annotations"
HELDOUT = ROOT / "tests" / "heldout" / "annotations"
BLIND_DEV = ROOT / "tests" / "blind" / "dev" / "annotations"
BLIND_FINAL = ROOT / "tests" / "blind" / "final" / "annotations"
AS_OF = dt.date(2026, 11, 21)
VERDICTS = ("supported", "contradicted", "unverified", "evaluative")
ACCEPTABLE = {"true": {"supported", "unverified"}, "false": {"contradicted", "unverified"},
              "evaluative": {"evaluative", "unverified"}}
DECISIVE = {"true": "supported", "false": "contradicted"}


@dataclass
class Gold:
    """One hand-annotated claim: a verdict (reference-aware) or a truth (blind) label."""

    quote: str
    start: int
    end: int
    kind: str
    label: str
    blind: bool
    borderline: bool
    subject: str = ""
    known_subject: bool = True

    def acceptable(self, verdict: str) -> bool:
        return verdict in ACCEPTABLE[self.label] if self.blind else verdict == self.label

    def false_supported(self, verdict: str) -> bool:
        return verdict == "supported" and self.label != ("true" if self.blind else "supported")

    def false_contradicted(self, verdict: str) -> bool:
        return verdict == "contradicted" and self.label != ("false" if self.blind else "contradicted")

    @property
    def true_claim(self) -> bool:
        return self.label == ("true" if self.blind else "supported")


@dataclass
class Score:
    """Detection and verdict figures for one article or all of them."""

    predicted: int = 0
    predicted_matching: int = 0
    gold: int = 0
    gold_found: int = 0
    verdicts_right: int = 0
    false_supported: int = 0
    false_contradicted: int = 0
    true_found: int = 0
    decidable: int = 0
    decided: int = 0
    gaps_annotated: int = 0
    gaps_found: int = 0
    confusion: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    COUNTS = ("predicted", "predicted_matching", "gold", "gold_found", "verdicts_right", "false_supported",
              "false_contradicted", "true_found", "decidable", "decided", "gaps_annotated", "gaps_found")

    def add(self, other: Score) -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.confusion.update(other.confusion)
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

    @property
    def false_contradicted_rate(self) -> float:
        return self.false_contradicted / self.true_found if self.true_found else 0.0

    @property
    def decided_rate(self) -> float:
        return self.decided / self.decidable if self.decidable else 1.0

    @property
    def gap_recall(self) -> float:
        return self.gaps_found / self.gaps_annotated if self.gaps_annotated else 1.0


def load_annotations(directory: Path = ANNOTATIONS) -> dict[str, dict]:
    """Every annotation file, keyed by the article path it annotates (relative to the repository)."""
    files = sorted(directory.glob("*.toml"))
    return {data["article"]: data for data in (tomllib.loads(p.read_text("utf-8")) for p in files)}


def _norm(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.replace("’", "'").split()).lower())


def subject_index(reference_dir: Path) -> dict[str, str]:
    """Every alias of every reference entity, normalised, to its id: how a blind subject name is looked up."""
    sys.path.insert(0, str(ROOT / "src"))
    from claimcheck.reference import entity_aliases, load_cached

    ref = load_cached(reference_dir)
    return {_norm(a): e.id for e in ref.entities.values() for a in entity_aliases(e)}


def _known(subject: str, index: dict[str, str]) -> bool:
    """Whether a blind subject name is one the reference records: an alias, or an alias with a bracketed
    acronym ('Implementation Force (IFOR)') or a leading 'Operation' / 'NATO'."""
    name = _norm(subject)
    forms = {name, re.sub(r"\s*\(.*?\)", "", name), *re.findall(r"\((.*?)\)", name)}
    forms |= {re.sub(r"^(?:operation|nato|nato's|nato-led)\s+", "", f) for f in list(forms)}
    return any(f in index for f in forms)


def gold_claims(text: str, data: dict, index: dict[str, str] | None = None) -> list[Gold]:
    """The annotated claims with their offsets in the article text."""
    out = []
    for c in data["claims"]:
        start = text.index(c["quote"])
        blind = "truth" in c
        subject = c.get("subject", "")
        known = _known(subject, index) if blind and index is not None and subject else True
        out.append(Gold(c["quote"], start, start + len(c["quote"]), c["kind"], c["truth"] if blind else c["verdict"],
                        blind, c.get("borderline", False), subject, known))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def verdict_for(claim: dict, start: int, end: int) -> str:
    """The verdict a claim gives on the part of it an annotator quoted: when the quote is a smaller part of a
    longer clause and some of the claim's assertions stand inside it, theirs (contradicted if one is, supported
    if all are, else unverified); otherwise the claim's own verdict."""
    verdict = claim["verdict"]
    inside = [a for a in claim.get("assertions", []) if a.get("start") is not None
              and _overlap((a["start"], a["end"]), (start, end)) > 0]
    if verdict == "evaluative" or not inside or (end - start) >= 0.6 * (claim["end"] - claim["start"]):
        return verdict
    outside = [a for a in claim["assertions"] if a not in inside]
    if not outside:
        return verdict
    if any(a["verdict"] == "contradicted" for a in inside):
        return "contradicted"
    # Supported only if every assertion inside is, and nothing that could stand anywhere (no place known) is not.
    unplaced = [a for a in outside if a.get("start") is None]
    if all(a["verdict"] == "supported" for a in (*inside, *unplaced)):
        return "supported"
    return "unverified"


def _reports_gap(claim: dict) -> bool:
    """Whether the tool says the claim is about something the reference does not know."""
    return any(a.get("subject") is None and a.get("subject_name") for a in claim.get("assertions", []))


def score_document(path: str, text: str, claims: list[dict], data: dict,
                   index: dict[str, str] | None = None) -> Score:
    """Precision of detection, recall of non-borderline gold claims, and verdict figures on those found."""
    gold = gold_claims(text, data, index)
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
        if g.blind and not g.known_subject:
            s.gaps_annotated += 1
        found = [c for c in claims if matches(c, g)]
        if not found:
            s.confusion[(g.label, "missed")] += 1
            s.errors.append(f"{path}: missed {g.kind} ({g.label}): {g.quote[:90]!r}")
            continue
        s.gold_found += 1
        # The claim whose span best matches the quote (intersection over union): a table cell's claim runs from
        # the start of its row, so the row's later cells also cover a quote of its first ones.
        best = max(found, key=lambda c: _overlap((c["start"], c["end"]), (g.start, g.end))
                   / (max(c["end"], g.end) - min(c["start"], g.start)))
        verdict = verdict_for(best, g.start, g.end)
        s.confusion[(g.label, verdict)] += 1
        s.true_found += g.true_claim
        if g.blind and not g.known_subject and _reports_gap(best):
            s.gaps_found += 1
        if g.blind and g.known_subject and g.label in DECISIVE:
            s.decidable += 1
            s.decided += verdict == DECISIVE[g.label]
        if g.acceptable(verdict):
            s.verdicts_right += 1
            continue
        serious = g.false_supported(verdict) or g.false_contradicted(verdict)
        s.false_supported += g.false_supported(verdict)
        s.false_contradicted += g.false_contradicted(verdict)
        s.errors.append(f"{path}: {'SERIOUS ' if serious else ''}verdict {verdict} for {g.label} "
                        f"[{g.subject or '-'}]: {g.quote[:90]!r} ({best['explanation'][:140]})")
    return s


def _covers(located: list[tuple[str, dict]], path: str, start: int, end: int) -> bool:
    return any(p == path and _overlap((c["start"], c["end"]), (start, end)) > 0 for p, c in located)


def _gold_at(golds: dict[str, list[Gold]], path: str, claim: dict) -> list[Gold]:
    return [g for g in golds.get(path, []) if _overlap((claim["start"], claim["end"]), (g.start, g.end)) > 0
            and not g.borderline]


def _real(located: list[tuple[str, dict]], golds: dict[str, list[Gold]]) -> bool:
    """A reported disagreement no annotator listed is still real when one article's side holds a claim
    annotated false and another article's side one annotated true, about the same subject: the planted error
    disagrees with the article that has it right."""
    sides: dict[str, list[Gold]] = {}
    for path, claim in located:
        sides.setdefault(path, []).extend(_gold_at(golds, path, claim))
    for a, ga in sides.items():
        for b, gb in sides.items():
            if a != b and any(x.label == "false" and y.label == "true" and x.subject and
                              _norm(x.subject) == _norm(y.subject) for x in ga for y in gb):
                return True
    return False


def disagreement_figures(report: dict, annotations: dict[str, dict],
                         golds: dict[str, list[Gold]] | None = None) -> tuple[int, int, int, int]:
    """(annotated, annotated found, reported, reported that are right: annotated, or a false claim set against
    a true one)."""
    texts = {d["path"]: (ROOT / d["path"]).read_text("utf-8") for d in report["documents"]}
    claims = {(d["path"], c["id"]): c for d in report["documents"] for c in d["claims"]}
    reported = [[(p, claims[(p, c)]) for p, ids in d["documents"].items() for c in ids]
                for d in report["disagreements"]]
    wanted, matched_reported = 0, set()
    found = 0
    for path, data in annotations.items():
        for g in data.get("disagreements", []):
            wanted += 1
            spans = []
            for p, quote in ((path, g["quotes"][0]), (g["other"], g["quotes"][1])):
                start = texts[p].index(quote)
                spans.append((p, start, start + len(quote)))
            hits = [i for i, located in enumerate(reported) if all(_covers(located, *sp) for sp in spans)]
            found += bool(hits)
            matched_reported.update(hits)
    if golds:
        matched_reported.update(i for i, located in enumerate(reported) if _real(located, golds))
    return wanted, found, len(reported), len(matched_reported)


@dataclass
class Evaluation:
    """Per-article scores, their total and the disagreement figures for one annotation set."""

    per_doc: dict[str, Score]
    total: Score
    disagreements: tuple[int, int, int, int]
    report: dict

    @property
    def disagreement_recall(self) -> float:
        wanted, found, _, _ = self.disagreements
        return found / wanted if wanted else 1.0

    @property
    def disagreement_precision(self) -> float:
        _, _, reported, matched = self.disagreements
        return matched / reported if reported else 1.0


def evaluate(nlp=None, directory: Path = ANNOTATIONS) -> Evaluation:
    """Run claimcheck on every annotated article of one set and score it."""
    from claimcheck.pipeline import analyse
    from claimcheck.report import to_json

    annotations = load_annotations(directory)
    index = subject_index(ROOT / "reference")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        report = to_json(analyse(sorted(annotations), ROOT / "reference", as_of=AS_OF, nlp=nlp))
    finally:
        os.chdir(cwd)
    per_doc, total, golds = {}, Score(), {}
    for doc in report["documents"]:
        text = (ROOT / doc["path"]).read_text("utf-8")
        per_doc[doc["path"]] = score_document(doc["path"], text, doc["claims"], annotations[doc["path"]], index)
        golds[doc["path"]] = [g for g in gold_claims(text, annotations[doc["path"]], index) if g.blind]
        total.add(per_doc[doc["path"]])
    return Evaluation(per_doc, total, disagreement_figures(report, annotations, golds), report)


LAST_TABLES: dict[str, str] = {}


def table(result: Evaluation) -> str:
    """A plain-text table of the figures, with the confusion matrix."""
    rows = [f"{'article':58} {'pred':>5} {'gold':>5} {'prec':>6} {'recall':>6} {'verdict':>7} {'f.sup':>5} "
            f"{'f.con':>5}"]
    for path, s in [*result.per_doc.items(), ("TOTAL", result.total)]:
        rows.append(f"{path[-58:]:58} {s.predicted:5} {s.gold:5} {s.precision:6.2f} {s.recall:6.2f} "
                    f"{s.verdict_accuracy:7.2f} {s.false_supported:5} {s.false_contradicted:5}")
    t = result.total
    labels = sorted({g for g, _ in t.confusion}, key=lambda x: (x not in ("true", "supported"), x))
    rows.append("")
    rows.append(f"{'gold / verdict':16}" + "".join(f"{v:>13}" for v in (*VERDICTS, "missed")))
    for g in labels:
        rows.append(f"{g:16}" + "".join(f"{t.confusion.get((g, v), 0):13}" for v in (*VERDICTS, "missed")))
    wanted, found, reported, matched = result.disagreements
    rows.append("")
    rows.append(f"false contradicted: {t.false_contradicted}/{t.true_found} true claims found "
                f"({t.false_contradicted_rate:.1%}); false supported: {t.false_supported}")
    if t.decidable:
        rows.append(f"decided (known subject, true/false): {t.decided}/{t.decidable} ({t.decided_rate:.0%})")
    if t.gaps_annotated:
        rows.append(f"reference gaps flagged: {t.gaps_found}/{t.gaps_annotated} claims on unknown subjects "
                    f"({t.gap_recall:.0%})")
    rows.append(f"disagreements: recall {found}/{wanted}, precision {matched}/{reported}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    chosen = [Path(a).resolve() for a in sys.argv[1:] if not a.startswith("-")] or [ANNOTATIONS]
    for directory in chosen:
        result = evaluate(directory=directory)
        if "-v" in sys.argv:
            print("\n".join(result.total.errors))
        print(f"== {directory.relative_to(ROOT) if directory.is_relative_to(ROOT) else directory}")
        print(table(result))
