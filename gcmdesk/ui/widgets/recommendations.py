"""The Recommendations tab: a sortable, filterable table over every recommendation."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from ...core.refdb import Recommendation, ReferenceDB
from ..filters import filter_box, filter_row, pane_layout

COLUMNS = ("Document", "List", "No.", "Recommendation", "Objectives")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex


def natural_key(text: str) -> tuple[Any, ...]:
    """'2' < '10'; '(a)' < '(b)'."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t)
                 for t in re.split(r"(\d+)", text or "") if t)


class RecommendationsModel(QAbstractTableModel):
    def __init__(self, ref: ReferenceDB, parent: Any = None) -> None:
        super().__init__(parent)
        self.docs = {d.id: d for d in ref.documents()}
        self.doc_order = {d.id: i for i, d in enumerate(self.docs.values())}
        self.rows: list[Recommendation] = ref.recommendations()
        # display texts and sort keys, computed once (the table asks for them thousands of times)
        self._display = [self._display_row(r) for r in self.rows]
        self._keys = [self._sort_row(r) for r in self.rows]

    def _display_row(self, r: Recommendation) -> tuple[str, ...]:
        doc = self.docs[r.doc_id]
        return (doc.symbol or doc.short_title, r.list_heading, r.number, r.title or r.text,
                self.objectives_text(r))

    def _sort_row(self, r: Recommendation) -> tuple[Any, ...]:
        return (self.doc_order[r.doc_id], r.list_heading.casefold(), natural_key(r.number),
                (r.title or r.text).casefold(), tuple(o.objective for o in r.objectives))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def sort_key(self, index: _Index) -> Any:
        return self._keys[index.row()][index.column()]

    def objectives_text(self, r: Recommendation) -> str:
        return ", ".join(str(n) for n in sorted({o.objective for o in r.objectives}))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        r = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.text}\n\n{r.citation}"
        if role == SORT_ROLE:
            return self._keys[row][col]
        if role == ID_ROLE:
            return r.id
        if role == PASSAGE_ROLE:
            return r.passage_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RecommendationsFilter(QSortFilterProxyModel):
    """Free text over all columns and the full text; plus a document and an objective."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.doc_id: str | None = None
        self.objective: int | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str | None = None, doc_id: str | None = "",
                   objective: int | None = -1) -> None:
        """Change any of the three filters (the defaults mean 'leave as is')."""
        self.beginFilterChange()
        if text is not None:
            self.words = text.casefold().split()
        if doc_id != "":
            self.doc_id = doc_id
        if objective != -1:
            self.objective = objective
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        model: RecommendationsModel = self.sourceModel()  # type: ignore[assignment]
        return model.sort_key(left) < model.sort_key(right)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model: RecommendationsModel = self.sourceModel()  # type: ignore[assignment]
        r = model.rows[row]
        if self.doc_id and r.doc_id != self.doc_id:
            return False
        if self.objective and self.objective not in {o.objective for o in r.objectives}:
            return False
        if self.words:
            doc = model.docs[r.doc_id]
            hay = " ".join([doc.short_title, doc.symbol or "", r.list_heading, r.number,
                            r.title or "", r.text, model.objectives_text(r)]).casefold()
            return all(w in hay for w in self.words)
        return True


class RecommendationsPane(QWidget):
    passage_requested = Signal(str)

    def __init__(self, ref: ReferenceDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecommendationsModel(ref, self)
        self.proxy = RecommendationsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(placeholderText="Filter recommendations…")
        self.filter_edit.setClearButtonEnabled(True)
        self.doc_box = filter_box(8)
        self.doc_box.addItem("All documents", None)
        for d in self.model.docs.values():
            if any(r.doc_id == d.id for r in self.model.rows):
                self.doc_box.addItem(d.symbol or d.short_title, d.id)
        self.objective_box = filter_box(8)
        self.objective_box.addItem("All objectives", None)
        for o in ref.objectives(with_counts=False):
            self.objective_box.addItem(f"Objective {o.number}", o.number)
            self.objective_box.setItemData(self.objective_box.count() - 1, o.title,
                                           Qt.ItemDataRole.ToolTipRole)
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the rows come in document order: no sort yet
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        fm = header.fontMetrics()
        for col, sample in ((0, "IDM 2017 closing"), (1, "7 main takeaways"), (2, "No."),
                            (4, "Objectives")):
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(COLUMNS[col]))
            header.resizeSection(col, width + 28)  # padding and the sort arrow
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

        layout = pane_layout(self)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filter_row(self.doc_box, self.objective_box))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.filter_edit.textChanged.connect(lambda t: self._refilter(text=t))
        self.doc_box.currentIndexChanged.connect(
            lambda _i: self._refilter(doc_id=self.doc_box.currentData()))
        self.objective_box.currentIndexChanged.connect(
            lambda _i: self._refilter(objective=self.objective_box.currentData()))
        self.table.activated.connect(self._open)
        self._update_count()

    def _refilter(self, **kw: Any) -> None:
        self.proxy.set_filter(**kw)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} recommendations" if shown != total
                                 else f"{total} recommendations · double-click to open")

    def _open(self, index: QModelIndex) -> None:
        pid = index.data(PASSAGE_ROLE)
        if pid:
            self.passage_requested.emit(pid)
