"""Check the held-out annotations: format, exact and unique quotes, known subject ids.

Run from the repository root: python3 tests/heldout/check_quotes.py
"""
import glob
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"date", "duration", "mandate", "legal_basis", "scope", "quantity", "leadership", "outcome"}
VERDICTS = {"supported", "contradicted", "unverified", "evaluative"}

ids = set()
for f in glob.glob(str(ROOT / "reference" / "*.toml")):
    with open(f, "rb") as fh:
        ids |= {e["id"] for e in tomllib.load(fh).get("entities", [])}

problems = 0
for ann in sorted((ROOT / "tests" / "heldout" / "annotations").glob("*.toml")):
    with open(ann, "rb") as fh:
        data = tomllib.load(fh)
    text = (ROOT / data["article"]).read_text(encoding="utf-8")
    disc = data["disclaimer"]
    if disc["present"]:
        if text.count(disc["quote"]) != 1:
            print(f"{ann.name}: disclaimer quote found {text.count(disc['quote'])} times"); problems += 1
        elif "\n" in disc["quote"]:
            print(f"{ann.name}: disclaimer quote spans lines"); problems += 1
    counts = {}
    for c in data["claims"]:
        extra = set(c) - {"quote", "kind", "subjects", "verdict", "why", "borderline"}
        if extra:
            print(f"{ann.name}: unknown keys {extra}"); problems += 1
        n = text.count(c["quote"])
        if n != 1:
            print(f"{ann.name}: quote found {n} times: {c['quote']!r}"); problems += 1
        if c["kind"] not in KINDS:
            print(f"{ann.name}: bad kind {c['kind']}"); problems += 1
        if c["verdict"] not in VERDICTS:
            print(f"{ann.name}: bad verdict {c['verdict']}"); problems += 1
        for s in c["subjects"]:
            if s not in ids:
                print(f"{ann.name}: unknown subject {s}"); problems += 1
        counts[c["verdict"]] = counts.get(c["verdict"], 0) + 1
    words = len(text.split())
    print(f"{ann.name}: {len(data['claims'])} claims {dict(sorted(counts.items()))}, article {words} words")
sys.exit(1 if problems else 0)
