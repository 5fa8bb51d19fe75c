"""Briefings in the window: the composer dock, the Briefing menu, Ctrl+B from anywhere.

``install(window)`` is all the main window calls. "Add to briefing" (Ctrl+B) takes what has the
focus: the selected search result, the selected recommendation, the objective on screen, or the
reader's passage (its selection's passage first); the reader's context menu offers the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMenu,
    QScrollArea,
    QToolButton,
    QWidget,
)

from ..changes import Changes
from ..widgets.reader_types import PassageContext
from ..widgets.recommendations import ID_ROLE
from ..widgets.search_results import HIT_ROLE
from .composer import Composer
from .export import ExportPanel
from .refs import hit_ref

if TYPE_CHECKING:
    from ..main_window import MainWindow

TREE_ONLY = Qt.ShortcutContext.WidgetShortcut  # keys that mean something else elsewhere
COMPOSER_WIDTH = 420  # px: the composer wants more room than the navigation tabs


class BriefingFeature(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.composer = Composer(w.library.briefings, w.undo_stack, w.bus)
        self.export = ExportPanel(self.composer, w.jobs)
        self.composer.footer.addWidget(self.export)
        self.dock = QDockWidget("Briefing", w)
        self.dock.setObjectName("briefing_dock")
        scroll = QScrollArea()  # a short window scrolls the composer instead of growing
        scroll.setWidget(self.composer)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dock.setWidget(scroll)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        w.tabifyDockWidget(w.nav_dock, self.dock)
        w.nav_dock.raise_()
        self.actions = self._build_actions()
        c = self.composer
        c.message.connect(w.show_message)
        c.passage_requested.connect(w.open_passage)
        c.objective_requested.connect(w.open_objective)
        w.reader.add_context_menu_provider(self._reader_menu)
        w.bus.changed.connect(self._on_changes)

    # actions -----------------------------------------------------------------------------

    def _build_actions(self) -> dict[str, QAction]:
        w, c = self.w, self.composer
        acts: dict[str, QAction] = {}

        def act(name: str, text: str, slot: Callable[[], object], key: str = "",
                context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
                target: QWidget | None = None) -> QAction:
            a = QAction(text, w)
            if key:
                a.setShortcut(QKeySequence(key))
            a.setShortcutContext(context)
            a.setToolTip(f"{text.replace('&', '').rstrip('…')}  ({key})" if key else text)
            a.triggered.connect(lambda _checked=False: slot())
            (target or w).addAction(a)
            acts[name] = a
            return a

        tree = c.tree
        menu = QMenu("&Briefing", w)
        menu.addAction(act("add", "&Add to briefing", self.add_current, "Ctrl+B"))
        menu.addAction(act("show", "Show briefing &composer", self.show_composer, "Ctrl+Shift+B"))
        menu.addSeparator()
        menu.addAction(act("new", "&New briefing…", c.new_briefing, "Ctrl+Alt+N"))
        menu.addAction(act("rename", "&Rename briefing…", c.rename_briefing, "Ctrl+Shift+F2"))
        menu.addAction(act("duplicate", "D&uplicate briefing", c.duplicate_briefing,
                           "Ctrl+Alt+D"))
        menu.addAction(act("delete", "&Delete briefing", c.delete_briefing, "Ctrl+Shift+Del"))
        menu.addSeparator()
        menu.addAction(act("add_section", "Add &heading…", c.add_section, "Ctrl+Alt+H"))
        menu.addAction(act("group", "&Group by objective", c.group_by_objective, "Ctrl+Alt+G"))
        menu.addAction(act("comment", "&Talking points", self.edit_comment, "Ctrl+Alt+P"))
        menu.addSeparator()
        menu.addAction(act("open_item", "&Open in reader", lambda: c.open_index(
            tree.currentIndex()), "Return", TREE_ONLY, tree))
        menu.addAction(act("move_up", "Move &up", lambda: c.move_current(-1), "Ctrl+Up",
                           TREE_ONLY, tree))
        menu.addAction(act("move_down", "Move do&wn", lambda: c.move_current(1), "Ctrl+Down",
                           TREE_ONLY, tree))
        menu.addAction(act("rename_section", "Rena&me heading", c.rename_current_section,
                           "Shift+F2", TREE_ONLY, tree))
        menu.addAction(act("remove", "Re&move from briefing", c.remove_selected, "Del",
                           TREE_ONLY, tree))
        menu.addSeparator()
        menu.addAction(act("export", "&Export PDF…", self.export.export, "Ctrl+Shift+E"))
        menu.addAction(act("open_export", "Open &last export", self.export.open_last,
                           "Ctrl+Alt+O"))
        help_ = next((a for a in w.menuBar().actions() if a.text() == "&Help"), None)
        if help_ is not None:
            w.menuBar().insertMenu(help_, menu)
        else:
            w.menuBar().addMenu(menu)
        self.menu = menu
        # the composer's own buttons and context menu use the same actions
        more = QMenu(c.menu_button)
        for name in ("new", "rename", "duplicate", "delete", None, "export", "open_export"):
            more.addAction(acts[name]) if name else more.addSeparator()
        c.menu_button.setMenu(more)
        for name, label in (("add_section", "+ Heading"), ("group", "Group by objective")):
            b = QToolButton(autoRaise=True)
            b.setDefaultAction(acts[name])
            b.setText(label)
            c.tools.addWidget(b)
        c.tools.addStretch(1)
        for name, label in (("move_up", "↑"), ("move_down", "↓"), ("remove", "✕")):
            b = QToolButton(autoRaise=True)
            b.setDefaultAction(acts[name])
            b.setText(label)
            c.tools.addWidget(b)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._tree_menu)
        return acts

    def _tree_menu(self, pos: object) -> None:
        menu = QMenu(self.composer.tree)
        for name in ("open_item", "comment", None, "move_up", "move_down", "rename_section",
                     "remove", None, "add_section", "group"):
            menu.addAction(self.actions[name]) if name else menu.addSeparator()
        menu.exec(self.composer.tree.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
        menu.deleteLater()

    # adding from anywhere ----------------------------------------------------------------

    def current_refs(self) -> list[str]:
        """What Ctrl+B adds: the thing with the focus (see the module docstring)."""
        w = self.w
        focus = QApplication.focusWidget()

        def within(widget: QWidget) -> bool:
            return focus is not None and (focus is widget or widget.isAncestorOf(focus))

        if within(w.search):
            index = w.search.list.currentIndex()
            ref = hit_ref(index.data(HIT_ROLE)) if index.isValid() else None
            return [ref] if ref else []
        if within(w.recommendations):
            index = w.recommendations.table.currentIndex()
            rid = index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None
            return [rid] if rid else []
        if w.center.currentWidget() is w.objective_view and w.objective_view.number:
            return [f"objective:{w.objective_view.number}"]
        sel = w.reader.selection()
        pid = sel.passage_id if sel else w.reader.current_passage()
        return [pid] if pid else []

    def add_current(self) -> bool:
        refs = self.current_refs()
        if not refs:
            self.w.show_message("Nothing to add: open a passage, or select a search result.")
            return False
        return self.add(refs)

    def add(self, refs: list[str], bid: int | None = None) -> bool:
        """Add to briefing ``bid`` (default: the composer's; a new one if there is none)."""
        c = self.composer
        if bid is not None and bid != c.bid:
            c.reload(bid)
        if c.bid is not None:
            return c.add_refs(refs)
        stack = self.w.undo_stack
        stack.beginMacro("Add to a new briefing")  # one Ctrl+Z undoes both
        try:
            ok = c.new_briefing(f"Briefing {date.today():%d %B %Y}".replace(" 0", " "))
            ok = ok and c.add_refs(refs)
        finally:
            stack.endMacro()
        return ok

    def _reader_menu(self, menu: QMenu, ctx: PassageContext) -> None:
        c = self.composer
        menu.addSeparator()
        current = c.current_briefing()
        pid = ctx.passage.id
        if current is None:
            menu.addAction("Add to a new briefing", lambda: self.add([pid]))
            return
        a = menu.addAction(f"Add to “{_short(current.title)}”", lambda: self.add([pid]))
        a.setShortcut(QKeySequence("Ctrl+B"))
        others = [b for b in c.briefings if b.id != current.id]
        if others:
            sub = menu.addMenu("Add to briefing")
            for b in others[:15]:
                sub.addAction(_short(b.title), lambda bid=b.id: self.add([pid], bid))

    # showing -----------------------------------------------------------------------------

    def show_composer(self) -> None:
        self.dock.show()
        self.dock.raise_()
        if not self.dock.isFloating() and self.dock.width() < COMPOSER_WIDTH:
            self.w.resizeDocks([self.dock], [min(COMPOSER_WIDTH, self.w.width() // 3)],
                               Qt.Orientation.Horizontal)
        self.composer.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def edit_comment(self) -> None:
        self.show_composer()
        self.composer.edit_comment()

    def _on_changes(self, changes: Changes) -> None:
        if changes.source is not self.composer and (changes.briefings or changes.annotations):
            self.composer.reload()


def _short(title: str, n: int = 40) -> str:
    return title if len(title) <= n else title[:n - 1] + "…"


def install(window: MainWindow) -> BriefingFeature:
    return BriefingFeature(window)
