"""Benchmark: the claims report for articles/, model load included and no cache, in a fresh process each run.

Targets (checked here, not in timed tests): median wall time under 3.0 s, peak memory under 800 MB.
Usage: python scripts/benchmark.py [--runs 5] [PATHS...]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 3.0
TARGET_MEGABYTES = 800


def run_once(paths: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one `claimcheck report` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimcheck", "report", *paths, "--format", "json", "--no-cache"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, peak / 1024


def main() -> int:
    """Run the benchmark and report whether the targets are met."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("paths", nargs="*", default=["articles"])
    args = parser.parse_args()
    results = [run_once(args.paths) for _ in range(args.runs)]
    times = [t for t, _ in results]
    peak = max(m for _, m in results)
    median = statistics.median(times)
    print(f"runs: {args.runs}; wall time median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f}); "
          f"peak memory {peak:.0f} MB")
    ok = median < TARGET_SECONDS and peak < TARGET_MEGABYTES
    print(f"targets: < {TARGET_SECONDS} s, < {TARGET_MEGABYTES} MB: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
