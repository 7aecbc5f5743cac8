"""Benchmark `claimcheck check` on many articles: cold (no cache, model loaded) versus warm (cached, no model).

Copies the seed articles into a temporary project N times with small edits, runs `extract` once, then times
`check --no-cache` and a cached `check` in fresh processes. Targets: the cached check under 25% of the cold one.
Usage: python scripts/benchmark_check.py [--articles 200]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.25


def make_project(where: Path, count: int) -> None:
    """A project with `count` article copies, each with a small edit so their claims differ."""
    shutil.copytree(ROOT / "reference", where / "reference")
    shutil.copy(ROOT / "pyproject.toml", where / "pyproject.toml")
    seeds = sorted((ROOT / "articles").glob("*.txt"))
    (where / "articles").mkdir()
    for i in range(count):
        seed = seeds[i % len(seeds)]
        text = seed.read_text("utf-8") + f"\n\nEdition {i}: KFOR was established in {1990 + i % 30}.\n"
        (where / "articles" / f"{seed.stem}-{i:03d}.txt").write_text(text, "utf-8")


def timed(args: list[str], cwd: Path) -> float:
    """Wall seconds of one claimcheck run in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimcheck", *args, "--as-of", "2026-11-21"], cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    """Run the benchmark and report the times and whether the target is met."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, args.articles)
        timed(["extract"], project)
        cold = timed(["check", "--no-cache"], project)
        warm = timed(["check"], project)
    ratio = warm / cold
    print(f"{args.articles} articles: cold check {cold:.2f} s, cached check {warm:.2f} s ({ratio:.0%} of cold)")
    print(f"target: cached < {TARGET_RATIO:.0%} of cold: {'met' if ratio < TARGET_RATIO else 'MISSED'}")
    return 0 if ratio < TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
