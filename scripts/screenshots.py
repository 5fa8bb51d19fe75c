"""Drive the app headless to its main views and save PNGs into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Uses a throw-away data dir (so your own notes and settings stay out of the pictures), waits for
the search index like a user would, and grabs the window with ``QWidget.grab()``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import gcmdesk.ui  # noqa: E402, F401  (PySide6 refcount fix first)
from gcmdesk.core.library import Library  # noqa: E402
from gcmdesk.ui.app import create_app  # noqa: E402
from gcmdesk.ui.changes import Changes  # noqa: E402
from gcmdesk.ui.main_window import MainWindow  # noqa: E402
from gcmdesk.ui.widgets.recommendations import PASSAGE_ROLE  # noqa: E402

SIZE = (1366, 800)  # a common laptop screen


def pump(seconds: float = 0.2) -> None:
    end = time.time() + seconds
    while time.time() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def wait_for(cond: Callable[[], bool], timeout: float = 60) -> None:
    end = time.time() + timeout
    while not cond():
        if time.time() > end:
            raise SystemExit("timed out waiting for the app")
        pump(0.05)


def dark_palette() -> QPalette:
    """What a dark desktop theme hands the app (the offscreen platform has none of its own)."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#dfe1e5",
        QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#dfe1e5", QPalette.ColorRole.Button: "#2f3134",
        QPalette.ColorRole.ButtonText: "#dfe1e5", QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#7aa7e8",
        QPalette.ColorRole.ToolTipBase: "#3c3f41", QPalette.ColorRole.ToolTipText: "#dfe1e5",
        QPalette.ColorRole.PlaceholderText: "#8c8f94", QPalette.ColorRole.Mid: "#4a4d51",
        QPalette.ColorRole.Dark: "#1a1b1e", QPalette.ColorRole.Light: "#45484c",
        QPalette.ColorRole.Midlight: "#3a3d41", QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return p


def compose_briefing(w: MainWindow) -> None:
    """A realistic briefing note, made through the composer as a user would."""
    c = w.briefing.composer
    c.new_briefing("Alternatives to immigration detention")
    for name, value in (("meeting", "IMRF 2026 — Round table 2"), ("date", "2026-05-05"),
                        ("author", "Delegation of Ruritania")):
        c.cover.lines[name].setText(value)
        c.cover.lines[name].editingFinished.emit()
    c.add_refs(["objective:13", "a-72-643/para-44", "a-72-643/rec-r1-a"])
    c.add_section("Child protection")
    c.add_refs(["a-72-643/para-45", "a-72-643/para-46"], c.model.sections()[0])
    notes = {"13": "Anchor the statement in objective 13: detention only as a last resort.",
             "a-72-643/para-44": "Cite the figures on children; ask about community-based "
                                 "case management pilots."}
    for item in c.model.briefing.items:
        if item.item.item_ref in notes:
            c.tree.setCurrentIndex(c.model.index_of_item(item.item.id))
            c.comment.setPlainText(notes[item.item.item_ref])
            c.commit_comment()
    c.tree.setCurrentIndex(c.model.index_of_item(c.model.briefing.items[1].item.id))
    c.cover_toggle.setChecked(False)  # the cover as one line: room for the items
    w.briefing.show_composer()
    w.open_passage("a-72-643/para-44")
    w.statusBar().clearMessage()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app([])
    library = Library.open(tempfile.mkdtemp(prefix="gcmdesk-shots-"))
    w = MainWindow(library)
    w.resize(*SIZE)
    w.show()
    w.start_background_work()
    wait_for(lambda: w.search.ready)
    pump()

    def shot(name: str) -> None:
        pump(0.3)
        path = args.out / f"{name}.png"
        w.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    # 1. a document open in the reader: margin numbers, footnote markers, objective chips
    w.show_nav_tab(0)
    w.open_passage("a-72-643/para-44")
    w.reader.clear_highlights("focus")
    w.open_document("a-72-643", "a-72-643/sec-iii-c")
    shot("reader")

    # 2. search with results, and the first result opened with its words marked
    w.search.set_query("alternatives to detention for children")
    wait_for(lambda: w.search.result is not None and w.search.model.rowCount() > 0)
    w.search.list.setCurrentIndex(w.search.model.index(0))
    w.search._activate(w.search.model.index(0))
    shot("search")

    # 3. the objective view
    w.show_nav_tab(1)
    w.open_objective(13)
    shot("objective")

    # 4. the recommendations table
    w.search_dock.hide()  # the table wants the room; View → Show search pane brings it back
    w.show_nav_tab(2)
    pane = w.recommendations
    row = next(r for r in range(pane.proxy.rowCount())
               if pane.proxy.index(r, 0).data(PASSAGE_ROLE) == "a-72-643/para-59")
    pane.table.selectRow(row)
    pane.table.activated.emit(pane.proxy.index(row, 3))
    shot("recommendations")
    w.search_dock.show()

    # 5. highlights in the reader and the notes panel (made as a user would, then listed)
    notes = [("a-72-643/para-43", "profoundly misguided", "Key point", "", ()),
             ("a-72-643/para-44", "administrative detention of migrants", "Concern",
              "Compare with objective 13: detention only as a last resort.\n"
              "Ask for national figures.", ("detention", "briefing")),
             ("a-72-643/para-44", "including children", "Question",
              "Which alternatives to detention for children are in use?", ("children",)),
             ("a-72-643/para-46", "international cooperation on security aspects", "Action",
              "", ("security",)),
             ("a-72-643/para-45", None, "Reference", "Consultations: quote in the intro.",
              ("briefing",))]
    store = library.annotations
    for pid, words, color, note, tags in notes:
        text = library.ref.passage(pid).text
        start = None if words is None else text.index(words)
        end = None if words is None else start + len(words)
        store.create(pid, start, end, color=color, note=note, tags=tags)
    w.bus.changed.emit(Changes(annotations=True))
    w.show_nav_tab(0)
    w.open_passage("a-72-643/para-43")
    w.reader.clear_highlights("focus")
    w.notes.show_panel()  # tabbed with the search pane
    w.notes.panel.order_box.setCurrentIndex(1)  # reading order: as in the reader
    w.notes.panel.list.setCurrentIndex(w.notes.panel.proxy.index(1, 0))
    shot("notes")
    w.search_dock.raise_()

    # 5b. the briefing composer: a briefing with a heading and talking points, search beside it
    compose_briefing(w)
    w.search.set_query("alternatives to detention")
    wait_for(lambda: w.search.result is not None and w.search.model.rowCount() > 0)
    shot("briefing")
    w.nav_dock.raise_()

    # 6. the same reader in a dark palette, as a dark desktop theme gives it
    QApplication.setPalette(dark_palette())
    w.show_nav_tab(0)
    w.search.clear()
    w.open_passage("marrakech-2018-background-note/para-11")
    shot("reader-dark")

    w.close()
    library.close()
    app.quit()


if __name__ == "__main__":
    main()
