"""The main window: navigation on the left, the reader in the centre, search on the right.

Other features plug in here: ``nav.add_tab(widget, title)``, ``reader`` (selection API,
highlight layers, context-menu providers), ``jobs`` (background work), ``bus`` (the app-wide
"what changed" signal), ``addDockWidget`` for new panels.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ..core.errors import GcmdeskError
from ..core.library import Library
from ..core.paths import resources_dir
from ..core.search import Hit, IndexCancelled, SearchResult
from . import window_state
from .actions import build_actions
from .annotations import AnnotationsUI
from .briefing.feature import install as install_briefing
from .changes import ChangeBus, Changes
from .dialogs import ShortcutsDialog, show_about
from .history import History, Location
from .hits import resolve_hit
from .jobs import JobRunner
from .statusbar import JobsIndicator
from .widgets.nav import DocumentsTree, NavPane
from .widgets.objective_view import ObjectiveView
from .widgets.objectives_pane import ObjectivesTree
from .widgets.reader import DEFAULT_PT, Reader
from .widgets.recommendations import RecommendationsPane
from .widgets.search_panel import SearchPanel

log = logging.getLogger(__name__)
FONT_SETTING = "reader.font_size"
NAV_WIDTH, SEARCH_WIDTH, WIDE_NAV_WIDTH = 320, 360, 680  # px; the table tab wants room


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: QSettings | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings or QSettings(str(library.paths.data_dir / "window.ini"),
                                              QSettings.Format.IniFormat)
        self.jobs = JobRunner(self)
        self.bus = ChangeBus(self)
        self.undo_stack = QUndoStack(self)  # app-wide: Edit → Undo/Redo (notes, briefings)
        self.history = History()
        self.docs = {d.id: d for d in library.ref.documents()}
        self.setWindowTitle("gcmdesk")
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "gcmdesk.svg")))
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks)

        self.reader = Reader(library.ref)
        self.objective_view = ObjectiveView(library.ref)
        self.center = QStackedWidget()
        self.center.addWidget(self.reader)
        self.center.addWidget(self.objective_view)
        self.setCentralWidget(self.center)

        self.nav = NavPane()
        self.documents_tree = DocumentsTree(library.ref)
        self.objectives_tree = ObjectivesTree(library.ref)
        self.recommendations = RecommendationsPane(library.ref)
        self.nav.add_tab(self.documents_tree, "Documents", "Documents and their sections")
        self.nav.add_tab(self.objectives_tree, "Objectives",
                         "The 23 GCM objectives and the guiding principles")
        self.nav.add_tab(self.recommendations, "Recommendations", "Every recommendation")
        self.nav_dock = self._dock("Navigation", "nav", self.nav,
                                   Qt.DockWidgetArea.LeftDockWidgetArea)
        self.search = SearchPanel(library)
        self.search_dock = self._dock("Search", "search", self.search,
                                      Qt.DockWidgetArea.RightDockWidgetArea)

        self.location_label = QLabel()
        self.statusBar().addWidget(self.location_label, 1)
        self.jobs_indicator = JobsIndicator(self.jobs)
        self.statusBar().addPermanentWidget(self.jobs_indicator)

        self.actions_ = build_actions(self)
        self.notes = AnnotationsUI(self)  # highlights, notes panel, Notes menu
        self.briefing = install_briefing(self)  # composer dock, Briefing menu, Ctrl+B
        self.reader.set_font_size(float(library.user.setting(FONT_SETTING, DEFAULT_PT)))
        self.objective_view.set_font_size(self.reader.font_size)
        self._connect()
        self.resize(1280, 800)
        self.resizeDocks([self.nav_dock, self.search_dock], [NAV_WIDTH, SEARCH_WIDTH],
                         Qt.Orientation.Horizontal)
        self._narrow_nav = NAV_WIDTH
        self.restore_state()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}_dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        r = self.reader
        r.objective_requested.connect(self.open_objective)
        r.passage_requested.connect(self.open_passage)
        r.message.connect(self.show_message)
        r.current_passage_changed.connect(self._on_reader_passage)
        r.font_size_changed.connect(self._on_font_size)
        ov = self.objective_view
        ov.passage_requested.connect(self.open_passage)
        ov.objective_requested.connect(self.open_objective)
        ov.message.connect(self.show_message)
        self.documents_tree.section_activated.connect(
            lambda doc, sec: self.open_document(doc, sec or None))
        self.objectives_tree.objective_activated.connect(self.open_objective)
        self.objectives_tree.principle_activated.connect(self._search_for)
        self.recommendations.passage_requested.connect(self.open_passage)
        self.search.hit_activated.connect(self.open_hit)
        self.search.escape_pressed.connect(self.reader.setFocus)
        self.search.message.connect(self.show_message)
        self.nav.currentChanged.connect(self._on_nav_tab)
        self.bus.changed.connect(self._on_changes)

    # start-up ----------------------------------------------------------------------------

    def start_background_work(self) -> None:
        """Open (or rebuild) the search index off the GUI thread; browsing works meanwhile."""
        self.search.set_ready(False)
        self.jobs.run(self.library.ensure_index, label="Preparing search index",
                      on_done=self._index_ready, on_error=self._index_failed)

    def rebuild_index(self) -> None:
        if any(j.label.endswith("search index") for j in self.jobs.jobs):
            self.show_message("The search index is already being prepared.")
            return
        self.search.set_ready(False, "Rebuilding the search index…")
        self.jobs.run(lambda progress, cancel: self.library.index.rebuild(progress, cancel),
                      label="Rebuilding search index",
                      on_done=self._index_ready, on_error=self._index_failed)

    def _on_changes(self, changes: Changes) -> None:
        """Notes are searchable: an edit (or a new index) refreshes the results on screen."""
        if (changes.annotations or (changes.index and changes.source is not self)) and \
                self.search.ready and self.search.query.text().strip():
            self.search.run_query()

    def _index_ready(self, _result: object = None) -> None:
        self.search.set_ready(True)
        self.bus.changed.emit(Changes(index=True, source=self))

    def _index_failed(self, exc: BaseException) -> None:
        if isinstance(exc, IndexCancelled):
            text = "Preparing the search index was cancelled; search is off until it is rebuilt."
        elif isinstance(exc, GcmdeskError):
            text = f"Search is unavailable: {exc}"
        else:
            text = (f"Search is unavailable: the index could not be prepared ({exc}). "
                    "Try File → Rebuild search index.")
        self.search.set_ready(False, text)
        self.show_message(text, 0)

    # navigation --------------------------------------------------------------------------

    def open_location(self, loc: Location, record: bool = True, focus: bool = False,
                      hits: list[tuple[int, int]] | None = None) -> None:
        try:
            if record:
                self._remember_scroll()
                self.history.visit(loc)
            if loc.kind == "objective":
                self.objective_view.show_objective(int(loc.id))
                self.center.setCurrentWidget(self.objective_view)
                self.objectives_tree.select_objective(int(loc.id))
            else:
                self.center.setCurrentWidget(self.reader)
                if loc.anchor and loc.anchor.startswith("s:"):
                    self.reader.go_to_section(loc.id, loc.anchor[2:])
                elif loc.anchor:
                    self.reader.go_to_passage(loc.anchor, focus=focus, hits=hits)
                else:
                    self.reader.go_to_section(loc.id, None)
        except (GcmdeskError, ValueError) as exc:
            self.show_message(str(exc))
            return
        self._update_nav_actions()
        self._update_location()

    def open_document(self, doc_id: str, section_id: str | None = None) -> None:
        self.open_location(Location("document", doc_id, f"s:{section_id}" if section_id else None))

    def open_passage(self, passage_id: str, hits: list[tuple[int, int]] | None = None) -> None:
        doc_id = passage_id.split("/", 1)[0]
        self.open_location(Location("document", doc_id, passage_id), focus=True, hits=hits)
        self.reader.setFocus()

    def open_objective(self, number: int) -> None:
        self.open_location(Location("objective", str(number)))

    def open_hit(self, hit: Hit, result: SearchResult) -> None:
        """Open a search result: passages with their matched words marked."""
        target = resolve_hit(self.library, hit, result)
        if target is None:
            self.show_message(f"{hit.citation}: this result cannot be opened.")
        elif isinstance(target, int):
            self.open_objective(target)
        else:
            self.open_passage(*target)

    def go_back(self) -> None:
        self._remember_scroll()
        loc = self.history.back()
        if loc:
            self.open_location(loc, record=False)

    def go_forward(self) -> None:
        self._remember_scroll()
        loc = self.history.forward()
        if loc:
            self.open_location(loc, record=False)

    def step_passage(self, step: int) -> None:
        if self.center.currentWidget() is not self.reader or not self.reader.map.spans:
            return
        ids = [s.passage_id for s in self.reader.map.spans]
        current = self.reader.current_passage()
        i = ids.index(current) + step if current in ids else 0
        pid = ids[max(0, min(len(ids) - 1, i))]
        self.reader.go_to_passage(pid, focus=True)
        self._remember_scroll()

    def _remember_scroll(self) -> None:
        cur = self.history.current
        if cur and cur.kind == "document" and self.reader.doc_id == cur.id:
            self.history.update_current(cur.with_anchor(self.reader.reading_position()))

    def _update_nav_actions(self) -> None:
        self.actions_["back"].setEnabled(self.history.can_back())
        self.actions_["forward"].setEnabled(self.history.can_forward())

    def _on_reader_passage(self, passage_id: str) -> None:
        p = self.reader.passages.get(passage_id)
        if p and p.section_id:
            self.documents_tree.select_node(p.section_id)
        self._update_location()

    def _update_location(self) -> None:
        if self.center.currentWidget() is self.objective_view and self.objective_view.number:
            o = self.library.ref.objective(self.objective_view.number)
            text = f"Objective {o.number} — {o.title}"
        elif self.reader.doc_id:
            doc = self.docs[self.reader.doc_id]
            text = f"{doc.short_title}" + (f" ({doc.symbol})" if doc.symbol else "")
            pid = self.reader.current_passage()
            if pid and pid in self.reader.passages:
                text += f"  ·  {self.reader.passages[pid].citation}"
        else:
            text = ""
        self.location_label.setText(text)
        self.setWindowTitle(f"{text.split('  ·  ')[0]} — gcmdesk" if text else "gcmdesk")

    def show_nav_tab(self, i: int) -> None:
        self.nav_dock.show()
        self.nav.setCurrentIndex(i)
        self.nav.currentWidget().setFocus()

    def _on_nav_tab(self, index: int) -> None:
        """The recommendations table gets a wider pane; other tabs get their width back."""
        if not self.isVisible() or self.nav_dock.isFloating():
            return
        width = self.nav_dock.width()
        if self.nav.widget(index) is self.recommendations:
            if width < WIDE_NAV_WIDTH:
                self._narrow_nav = width
                wide = min(WIDE_NAV_WIDTH, self.width() // 2)
                self.resizeDocks([self.nav_dock], [wide], Qt.Orientation.Horizontal)
        elif width >= WIDE_NAV_WIDTH - 20 and self._narrow_nav < width:
            self.resizeDocks([self.nav_dock], [self._narrow_nav], Qt.Orientation.Horizontal)

    def ask_objective(self) -> None:
        n, ok = QInputDialog.getInt(self, "Go to objective", "Objective (1–23):", 1, 1, 23)
        if ok:
            self.open_objective(n)

    def ask_passage(self) -> None:
        pid, ok = QInputDialog.getText(self, "Go to passage", "Passage id "
                                       "(for example a-72-643/para-44):")
        if ok and pid.strip():
            try:
                self.library.ref.passage(pid.strip())
            except GcmdeskError as exc:
                QMessageBox.information(self, "Go to passage", str(exc))
                return
            self.open_passage(pid.strip())

    # edit, view, help --------------------------------------------------------------------

    def copy_selection(self) -> None:
        widget = QGuiApplication.focusObject()
        if hasattr(widget, "copy"):
            widget.copy()  # type: ignore[union-attr]
        else:
            self.reader.copy()

    def copy_with_citation(self) -> None:
        if self.center.currentWidget() is not self.reader:
            self.show_message("Open a passage in the reader to copy it with its citation.")
            return
        self.reader._copy_citation()

    def copy_passage_id(self) -> None:
        pid = self.reader.current_passage()
        if pid:
            QGuiApplication.clipboard().setText(pid)
            self.show_message(f"Copied {pid}.")

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search.focus_query()

    def clear_search(self) -> None:
        """Esc: clears the search (or the filter box that has the focus)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and focus is not self.search.query:
            focus.clear()
            return
        if self.search.query.text():
            self.search.clear()
            if not self.search.query.hasFocus():
                self.reader.clear_highlights("search")
        else:
            self.reader.clear_highlights("search")
            self.reader.setFocus()

    def _search_for(self, text: str) -> None:
        self.search_dock.show()
        self.search.set_query(text)

    def zoom(self, steps: int) -> None:
        if steps == 0:
            self.reader.set_font_size(DEFAULT_PT)
        else:
            self.reader.zoom(steps)

    def _on_font_size(self, pt: float) -> None:
        self.objective_view.set_font_size(pt)
        self.library.user.set_setting(FONT_SETTING, pt)
        self.show_message(f"Text size {pt:g} pt", 2000)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.menuBar(), self).exec()

    def show_about(self) -> None:
        show_about(self.library, self)

    def show_message(self, text: str, msecs: int = 5000) -> None:
        self.statusBar().showMessage(text, msecs)

    # state -------------------------------------------------------------------------------

    def restore_state(self) -> None:
        loc = window_state.restore(self, self.settings)
        self.open_location(loc or Location("document", next(iter(self.docs))))

    def save_state(self) -> None:
        self._remember_scroll()
        window_state.save(self, self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.search.shutdown()
        if not self.jobs.shutdown(5000):
            log.warning("background work still running at exit")
        super().closeEvent(event)
