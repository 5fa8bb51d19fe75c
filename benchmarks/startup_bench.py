"""Start-up benchmark: process start → main window shown → first search answered; peak RSS.

Each run is a fresh process (offscreen Qt) that starts the app the way ``gcmdesk`` does, types a
query as soon as the window is on screen and exits once the answer is shown. Two series:

- **warm**: the user's data dir already has a search index (every start after the first);
- **cold**: a fresh data dir each time (the first start: the index is built in the background).

Prints medians (and min/max) over ``--runs`` runs each. Targets on a 2-core machine: window
≤ 1.0 s, first search ≤ 1.5 s, peak RSS ≤ 250 MB.

    .venv/bin/python benchmarks/startup_bench.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY = "detention of children"
TARGETS = {"window_s": 1.0, "search_s": 1.5, "rss_mb": 250.0}


def child(data_dir: str) -> None:
    """One app start: print the wall-clock times of 'shown' and 'search', then peak RSS."""
    import resource

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject, QTimer

    from gcmdesk.ui.app import launch

    marks: dict[str, float] = {}

    window = launch(data_dir)
    assert window is not None

    def done(result: object) -> None:
        marks.setdefault("search", time.time())
        assert getattr(result, "total", 0) > 0, "the query found nothing"
        rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"shown": marks["shown"], "search": marks["search"],
                          "rss_mb": rss_kb / 1024}), flush=True)
        QTimer.singleShot(0, window.close)

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "shown" not in marks:
                marks["shown"] = time.time()
                QTimer.singleShot(0, lambda: window.search.set_query(QUERY))
            return False

    painter = FirstPaint()
    window.reader.viewport().installEventFilter(painter)
    window.search.results_shown.connect(done)
    window.repaint()
    from PySide6.QtWidgets import QApplication

    QApplication.instance().exec()


def run_once(data_dir: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GCMDESK_DATA_DIR=data_dir)
    start = time.time()
    proc = subprocess.run([sys.executable, __file__, "--child", data_dir], env=env,
                          capture_output=True, text=True, timeout=120)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"run failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    m = json.loads(lines[-1])
    return {"window_s": m["shown"] - start, "search_s": m["search"] - start,
            "rss_mb": m["rss_mb"]}


def summarize(name: str, runs: list[dict[str, float]]) -> dict[str, object]:
    out: dict[str, object] = {"series": name, "runs": len(runs)}
    for key in ("window_s", "search_s", "rss_mb"):
        values = [r[key] for r in runs]
        out[key] = {"median": round(statistics.median(values), 3),
                    "min": round(min(values), 3), "max": round(max(values), 3),
                    "target": TARGETS[key],
                    "ok": statistics.median(values) <= TARGETS[key]}
    return out


def ensure_reference_db() -> None:
    """The shipped reference DB, as scripts/setup.sh builds it (not part of the timing)."""
    subprocess.run([str(Path(sys.executable).parent / "gcmdesk"), "build-db", "--quiet"],
                   cwd=ROOT, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", metavar="DATA_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    ensure_reference_db()
    base = Path(tempfile.mkdtemp(prefix="gcmdesk-startup-"))
    try:
        warm_dir = str(base / "warm")
        run_once(warm_dir)  # builds the index and warms the OS file cache
        warm = [run_once(warm_dir) for _ in range(args.runs)]
        cold = [run_once(str(base / f"cold-{i}")) for i in range(args.runs)]
    finally:
        shutil.rmtree(base, ignore_errors=True)
    results = [summarize("warm (index exists)", warm), summarize("cold (first start)", cold)]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"gcmdesk start-up, {args.runs} runs per series, offscreen, {os.cpu_count()} CPUs")
    print(f"{'series':<22} {'window shown':>14} {'first search':>14} {'peak RSS':>10}")
    for r in results:
        w, s, m = r["window_s"], r["search_s"], r["rss_mb"]  # type: ignore[index]
        print(f"{r['series']:<22} {w['median']:>12.3f} s {s['median']:>12.3f} s "  # type: ignore[index]
              f"{m['median']:>7.0f} MB")  # type: ignore[index]
    print(f"targets: window ≤ {TARGETS['window_s']} s, first search ≤ {TARGETS['search_s']} s, "
          f"peak RSS ≤ {TARGETS['rss_mb']:.0f} MB (medians; min/max with --json)")


if __name__ == "__main__":
    main()
