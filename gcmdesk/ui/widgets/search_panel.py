"""The search panel: search as you type, facets, "did you mean", results with snippets.

Queries run on their own one-thread job runner so typing never waits for the index; only the
answer to the latest query is shown. Until the index is ready (``set_ready``) the query waits.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...core.library import Library
from ...core.search import Hit, SearchRequest, SearchResult
from ..filters import filter_box, filter_row, pane_layout, refill
from ..jobs import JobRunner
from ..rich_list import rich_list
from .search_results import HIT_ROLE, KIND_LABELS, ResultDelegate, ResultsModel

DEBOUNCE_MS = 150
PAGE = 25
EXAMPLES = ("alternatives to detention", "remittance costs", "climate change",
            "\"fair and ethical recruitment\"")


class SearchPanel(QWidget):
    hit_activated = Signal(object, object)  # Hit, SearchResult
    results_shown = Signal(object)  # SearchResult (after each answer is on screen)
    escape_pressed = Signal()  # Esc on an empty query: give focus back to the reader
    message = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = JobRunner(self, max_threads=1)
        self.ready = False
        self.result: SearchResult | None = None
        self._generation = 0
        self._pending = False
        self._open_first = False  # Enter was pressed before the answer came
        docs = library.ref.documents()
        self.doc_names = {d.id: d.short_title for d in docs}
        self.doc_labels = {d.id: d.symbol or d.short_title for d in docs}
        self.doc_order = {d.id: i for i, d in enumerate(docs)}  # facet order: as in the library
        objectives = library.ref.objectives(with_counts=False)
        self.objective_titles = {o.number: o.title for o in objectives}

        self.query = QLineEdit(placeholderText="Search the documents…   Ctrl+K")
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.doc_box = filter_box(6, "Only this document")
        self.kind_box = filter_box(6, "Only this kind")
        self.objective_box = filter_box(6, "Only passages linked to this objective")
        for box in (self.doc_box, self.kind_box, self.objective_box):
            box.currentIndexChanged.connect(self._facet_changed)
        self._fill_facets({})
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._on_status_link)
        self.model = ResultsModel(self.doc_names, self)
        self.list = rich_list(self.model, QAbstractItemView.SelectionMode.SingleSelection)
        self.delegate = ResultDelegate(self.model, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setWordWrap(True)
        self.list.setDragEnabled(True)  # drop results into the briefing composer
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.activated.connect(self._activate)
        self.more = QPushButton("Show more results")
        self.more.clicked.connect(self.load_more)
        self.more.hide()

        layout = pane_layout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.doc_box)
        layout.addLayout(filter_row(self.kind_box, self.objective_box))
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)

        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_query)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        self._show_idle()

    # public API ----------------------------------------------------------------------------

    def set_ready(self, ready: bool, message: str = "") -> None:
        """The index is usable (or not, with a reason); a waiting query runs now."""
        self.ready = ready
        if ready and (self._pending or self.query.text().strip()):
            self.run_query()
        elif ready:
            self._show_idle()
        else:
            self.status.setText(escape(message or "Preparing the search index…"))

    def set_query(self, text: str, run_now: bool = True) -> None:
        self.query.setText(text)
        if run_now:
            self.timer.stop()
            self.run_query()

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def clear(self) -> None:
        self.query.clear()
        for box in (self.doc_box, self.kind_box, self.objective_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.timer.stop()
        self._generation += 1
        self.result = None
        self.model.set_hits([])
        self._fill_facets({})
        self._show_idle()

    def request(self, offset: int = 0) -> SearchRequest:
        kind = self.kind_box.currentData()
        return SearchRequest(self.query.text().strip(), limit=PAGE, offset=offset,
                             doc=self.doc_box.currentData(), kind=kind,
                             objective=self.objective_box.currentData())

    # running queries ---------------------------------------------------------------------

    def run_query(self) -> None:
        req = self.request()
        if not req.query:
            self.clear() if self.result is not None else self._show_idle()
            return
        if not self.ready:
            self._pending = True
            self.status.setText("Preparing the search index… your search runs as soon as it "
                                "is ready.")
            return
        self._pending = False
        self._generation += 1
        gen = self._generation
        self.runner.run(self.library.search, req, label="Searching",
                        on_done=lambda res: self._show(res, gen, append=False),
                        on_error=lambda exc: self._failed(exc, gen))

    def load_more(self) -> None:
        if self.result is None:
            return
        req = self.request(offset=len(self.model.hits))
        gen = self._generation
        self.runner.run(self.library.search, req, label="Searching",
                        on_done=lambda res: self._show(res, gen, append=True),
                        on_error=lambda exc: self._failed(exc, gen))

    def _show(self, res: SearchResult, gen: int, append: bool) -> None:
        if gen != self._generation:
            return  # an older query answered late
        self.result = res
        self.model.set_hits(res.hits, append=append)
        if not append:
            self._fill_facets(res.facets)
            if res.hits:
                self.list.setCurrentIndex(self.model.index(0))
                self.list.scrollToTop()
        self.more.setVisible(len(self.model.hits) < res.total and bool(res.hits))
        self._show_status(res)
        self.results_shown.emit(res)
        if self._open_first and not append:
            self._open_first = False
            self._activate(self.list.currentIndex())

    def _failed(self, exc: BaseException, gen: int) -> None:
        if gen == self._generation:
            self.status.setText(escape(f"The search failed: {exc}"))

    def _show_status(self, res: SearchResult) -> None:
        shown = len(self.model.hits)
        parts = []
        if res.total:
            n = f"{res.total:,}"
            parts.append(f"<b>{n}</b> result{'s' * (res.total != 1)}"
                         + (f" · showing {shown}" if shown < res.total else ""))
        else:
            parts.append("No results.")
        if res.suggestion:
            parts.append(f'Did you mean <a href="suggest"><b><i>{escape(res.suggestion)}'
                         "</i></b></a>?")
        if res.message:
            parts.append(escape(res.message))
        self.status.setText(" &nbsp; ".join(parts))

    def _show_idle(self) -> None:
        examples = " · ".join(f'<a href="q:{escape(q)}">{escape(q)}</a>' for q in EXAMPLES)
        hint = ("Search passages, recommendations and objectives. Words may be in any form; "
                f"use \"quotes\" for a phrase.<br><br>Try: {examples}")
        if not self.ready:
            hint += "<br><br><i>Preparing the search index…</i>"
        self.status.setText(hint)
        self.more.hide()

    def _on_status_link(self, href: str) -> None:
        if href == "suggest" and self.result and self.result.suggestion:
            self.set_query(self.result.suggestion)
        elif href.startswith("q:"):
            self.set_query(href[2:])

    # facets ------------------------------------------------------------------------------

    def _fill_facets(self, facets: dict[str, dict[str, int]]) -> None:
        # a chosen value stays, even with no hits now (keep_missing)
        docs = facets.get("doc", {})
        refill(self.doc_box, "All documents",
               [(d, f"{self.doc_labels.get(d, d)} ({n})", None) for d, n in
                sorted(docs.items(), key=lambda kv: self.doc_order.get(kv[0], 99)) if d],
               keep_missing=True)
        kinds = facets.get("kind", {})
        refill(self.kind_box, "All kinds",
               [(k, f"{KIND_LABELS.get(k, k)}s ({kinds[k]})", None) for k in
                ("passage", "recommendation", "objective", "note") if kinds.get(k)],
               keep_missing=True)
        objs = facets.get("objective", {})
        refill(self.objective_box, "All objectives",
               [(int(o), f"Objective {o} ({objs[o]})", None) for o in
                sorted(objs, key=lambda x: int(x))],
               keep_missing=True)
        for i in range(1, self.objective_box.count()):
            n = self.objective_box.itemData(i)
            self.objective_box.setItemData(i, self.objective_titles.get(n, ""),
                                           Qt.ItemDataRole.ToolTipRole)

    def _facet_changed(self, _i: int) -> None:
        self.run_query()

    # keys, activation --------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.query and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key == Qt.Key.Key_Escape:
                if self.query.text():
                    self.clear()
                else:
                    self.escape_pressed.emit()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.timer.stop()
                if self.result is None or self.result.query != self.request().query:
                    self._open_first = True
                    self.run_query()
                else:
                    self._activate(self.list.currentIndex())
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.list.currentIndex().row()
                row = max(0, min(self.model.rowCount() - 1,
                                 row + (1 if key == Qt.Key.Key_Down else -1)))
                self.list.setCurrentIndex(self.model.index(row))
                return True
        return super().eventFilter(obj, event)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or self.result is None:
            return
        hit: Hit = index.data(HIT_ROLE)
        self.hit_activated.emit(hit, self.result)

    def shutdown(self) -> None:
        self.runner.shutdown()
