"""Every command of the window as a QAction with a shortcut, placed in the menus and toolbar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QToolBar, QToolButton, QWidget

from .icons import glyph_icon

if TYPE_CHECKING:
    from .main_window import MainWindow


def _keys(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    """Key sequences without repeats (a standard key may equal an explicit one: ambiguous)."""
    out: list[QKeySequence] = []
    for k in keys:
        seqs = QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [
            QKeySequence(k)]
        out.extend(s for s in seqs if not s.isEmpty() and s not in out)
    return out


def build_actions(w: MainWindow) -> dict[str, QAction]:
    """Create the actions, the menus (File, Edit, View, Go, Help) and the toolbar."""
    acts: dict[str, QAction] = {}

    def act(name: str, text: str, slot: Callable[[], object], keys: list[QKeySequence],
            tip: str = "", icon: QIcon | None = None) -> QAction:
        a = QAction(text, w)
        a.setShortcuts(keys)
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon is not None:
            a.setIcon(icon)
        shown = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        a.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}  ({shown})" if shown else tip)
        a.triggered.connect(lambda _checked=False: slot())
        w.addAction(a)
        acts[name] = a
        return a

    mb = w.menuBar()
    file_ = mb.addMenu("&File")
    file_.addAction(act("rebuild_index", "&Rebuild search index", w.rebuild_index,
                        _keys("Ctrl+Shift+R")))
    file_.addSeparator()
    file_.addAction(act("quit", "&Quit", w.close, _keys(QKeySequence.StandardKey.Quit, "Ctrl+Q")))

    edit = mb.addMenu("&Edit")
    for name, action, keys in (  # the app-wide undo stack: texts follow the next command
            ("undo", w.undo_stack.createUndoAction(w, "&Undo"), _keys("Ctrl+Z")),
            ("redo", w.undo_stack.createRedoAction(w, "&Redo"), _keys("Ctrl+Shift+Z", "Ctrl+Y"))):
        action.setShortcuts(keys)
        w.addAction(action)
        edit.addAction(action)
        acts[name] = action
    edit.addSeparator()
    edit.addAction(act("copy", "&Copy", w.copy_selection, _keys("Ctrl+C")))
    edit.addAction(act("copy_citation", "Copy with c&itation", w.copy_with_citation,
                       _keys("Ctrl+Shift+C"), "Copy the passage or selection with its citation"))
    edit.addAction(act("copy_id", "Copy passage i&d", w.copy_passage_id, _keys("Ctrl+Alt+C")))
    edit.addSeparator()
    edit.addAction(act("find", "&Search…", w.focus_search, _keys("Ctrl+K", "Ctrl+F"),
                       "Search the documents"))
    edit.addAction(act("clear_search", "C&lear search", w.clear_search, _keys("Esc")))

    view = mb.addMenu("&View")
    view.addAction(act("zoom_in", "&Larger text", lambda: w.zoom(1),
                       _keys("Ctrl+=", "Ctrl++"), icon=glyph_icon("A+", 0.62, True)))
    view.addAction(act("zoom_out", "&Smaller text", lambda: w.zoom(-1), _keys("Ctrl+-"),
                       icon=glyph_icon("A−", 0.5, True)))
    view.addAction(act("zoom_reset", "&Actual size", lambda: w.zoom(0), _keys("Ctrl+0")))
    view.addSeparator()
    for i, (name, label) in enumerate((("tab_documents", "&Documents"),
                                       ("tab_objectives", "&Objectives"),
                                       ("tab_recommendations", "&Recommendations"))):
        view.addAction(act(name, label, lambda i=i: w.show_nav_tab(i), _keys(f"Ctrl+{i + 1}")))
    view.addSeparator()
    for name, dock, key in (("toggle_nav", w.nav_dock, "Ctrl+Shift+N"),
                            ("toggle_search", w.search_dock, "Ctrl+Shift+F")):
        a = dock.toggleViewAction()
        a.setText(f"Show {dock.windowTitle().lower()} pane")
        a.setShortcut(QKeySequence(key))
        w.addAction(a)
        acts[name] = a
        view.addAction(a)

    go = mb.addMenu("&Go")
    go.addAction(act("back", "&Back", w.go_back, _keys("Alt+Left"),
                     icon=glyph_icon("←", 0.85)))
    go.addAction(act("forward", "&Forward", w.go_forward,
                     _keys("Alt+Right"),
                     icon=glyph_icon("→", 0.85)))
    go.addSeparator()
    go.addAction(act("prev_passage", "&Previous passage", lambda: w.step_passage(-1),
                     _keys("Alt+Up")))
    go.addAction(act("next_passage", "&Next passage", lambda: w.step_passage(1),
                     _keys("Alt+Down")))
    go.addSeparator()
    go.addAction(act("goto_objective", "Go to &objective…", w.ask_objective, _keys("Ctrl+G")))
    go.addAction(act("goto_passage", "Go to p&assage…", w.ask_passage, _keys("Ctrl+L")))

    help_ = mb.addMenu("&Help")
    help_.addAction(act("shortcuts", "&Keyboard shortcuts", w.show_shortcuts,
                        _keys("F1", "Ctrl+/")))
    help_.addAction(act("about", "&About gcmdesk", w.show_about, _keys("Ctrl+Shift+I")))

    tb = QToolBar("Toolbar", w)
    tb.setObjectName("toolbar")
    tb.setMovable(False)
    tb.setIconSize(QSize(22, 22))
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    for name in ("back", "forward"):
        tb.addAction(acts[name])
    tb.addSeparator()
    for name in ("zoom_out", "zoom_in"):
        tb.addAction(acts[name])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tb.addWidget(spacer)
    tb.addAction(acts["find"])
    find_button = tb.widgetForAction(acts["find"])
    if isinstance(find_button, QToolButton):
        find_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
    w.toolbar = tb
    return acts

