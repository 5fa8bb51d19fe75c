"""Reference DB build time (target: under 3 s) and its size. Prints figures; not a test.

Run: .venv/bin/python benchmarks/build_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from gcmdesk.core.refdb import ReferenceDB
from gcmdesk.core.refdb_build import build_reference_db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ref.sqlite"
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            build_reference_db(out)
            times.append(time.perf_counter() - start)
        ref = ReferenceDB(out)
        passages = sum(len(ref.passages(d.id)) for d in ref.documents())
        print(f"reference DB build, {runs} runs: median {statistics.median(times):.2f} s, "
              f"min {min(times):.2f} s, max {max(times):.2f} s (target < 3 s)")
        print(f"{len(ref.documents())} documents, {passages} passages, "
              f"{len(ref.recommendations())} recommendations, "
              f"{out.stat().st_size / 1024:.0f} KiB")
        ref.close()


if __name__ == "__main__":
    main()
