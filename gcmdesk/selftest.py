"""``gcmdesk --self-test``: prove an installed copy works end to end, headless.

Opens the reference DB, builds or opens the search index, runs a search, creates an annotation,
exports a one-page briefing PDF and opens and closes the main window offscreen, all in a
throwaway data dir unless ``--data-dir`` is given. Prints one line per step; exit status 0 only
if every step passed.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .core.export.pdf import export_briefing_pdf
from .core.library import Library

Step = Callable[[], str]


def _steps(lib: Library, out_dir: Path) -> list[tuple[str, Step]]:
    def reference() -> str:
        docs = lib.ref.documents()
        passages = sum(len(lib.ref.passages(d.id)) for d in docs)
        if len(docs) != 5 or passages < 300:
            raise AssertionError(f"{len(docs)} documents, {passages} passages")
        return f"{len(docs)} documents, {passages} passages"

    def index() -> str:
        rebuilt = lib.ensure_index()
        return "built" if rebuilt else "opened"

    def search() -> str:
        result = lib.search("alternatives to detention")
        if not any(h.id == "a-72-643/para-59" for h in result.hits):
            raise AssertionError("a-72-643/para-59 not among the hits")
        return f"{result.total} hits"

    def annotate() -> str:
        change = lib.annotations.create("a-72-643/para-59", 0, 40, note="self-test")
        return str(change.after.id if change.after else "?")

    def export() -> str:
        store = lib.briefings
        briefing = store.create_briefing("gcmdesk self-test")
        store.add_items(briefing.id, ["a-72-643/para-59"])
        pdf = export_briefing_pdf(store.load(briefing.id), out_dir / "self-test.pdf")
        head = pdf.read_bytes()[:5]
        if head != b"%PDF-":
            raise AssertionError("not a PDF")
        return f"{pdf.stat().st_size // 1024} KiB"

    def window() -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .ui.app import create_app
        from .ui.main_window import MainWindow

        app = create_app([])
        win = MainWindow(lib)
        win.show()
        app.processEvents()
        shown = win.isVisible()
        win.close()
        app.processEvents()
        if not shown:
            raise AssertionError("the window did not show")
        return "shown and closed"

    return [("reference database", reference), ("search index", index), ("search", search),
            ("annotation", annotate), ("briefing PDF", export), ("main window", window)]


def run_self_test(data_dir: str | None = None) -> int:
    with tempfile.TemporaryDirectory(prefix="gcmdesk-selftest-") as tmp:
        lib = Library.open(data_dir or tmp)
        failed = 0
        try:
            for name, step in _steps(lib, Path(tmp)):
                start = time.perf_counter()
                try:
                    detail = step()
                except Exception as exc:  # report every step, then fail as a whole
                    failed += 1
                    print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
                    continue
                ms = (time.perf_counter() - start) * 1000
                print(f"ok   {name}: {detail} ({ms:.0f} ms)", flush=True)
        finally:
            lib.close()
    print("self-test passed" if not failed else f"self-test FAILED ({failed} steps)", flush=True)
    return 0 if not failed else 1
