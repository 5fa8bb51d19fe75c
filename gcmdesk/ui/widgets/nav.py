"""The navigation pane: a tab widget that other features can add tabs to, and the Documents tab."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QTreeView, QWidget

from ...core.refdb import ReferenceDB

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2


class NavPane(QTabWidget):
    """Tabs on the left. ``add_tab(widget, title)`` is the plug-in point for new panes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.setElideMode(Qt.TextElideMode.ElideNone)

    def add_tab(self, widget: QWidget, title: str, tooltip: str = "") -> int:
        i = self.addTab(widget, title)
        if tooltip:
            self.setTabToolTip(i, tooltip)
        return i


class DocumentsTree(QTreeView):
    """Documents, each with its nested sections. Emits (doc id, section id or "")."""

    section_activated = Signal(str, str)

    def __init__(self, ref: ReferenceDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._items: dict[str, QStandardItem] = {}
        self._load(ref)
        self.activated.connect(self._emit)
        self.clicked.connect(self._emit)

    def _load(self, ref: ReferenceDB) -> None:
        root = self.model_.invisibleRootItem()
        for doc in ref.documents():
            label = f"{doc.short_title}" if not doc.symbol else f"{doc.symbol} · {doc.short_title}"
            item = QStandardItem(label)
            item.setToolTip(f"{doc.title}\n{doc.issuing_body} · {doc.date}")
            item.setData(doc.id, DOC_ROLE)
            item.setData("", SECTION_ROLE)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            root.appendRow(item)
            self._items[doc.id] = item
            for s in ref.sections(doc.id):
                child = QStandardItem(s.label)
                child.setToolTip(s.label)
                child.setData(doc.id, DOC_ROLE)
                child.setData(s.id, SECTION_ROLE)
                parent = self._items.get(s.parent_id or "", item)
                parent.appendRow(child)
                self._items[s.id] = child

    def _emit(self, index: QModelIndex) -> None:
        self.section_activated.emit(index.data(DOC_ROLE), index.data(SECTION_ROLE) or "")

    def select_node(self, node_id: str) -> None:
        """Reflect the reader's position (a document or section id) without emitting."""
        item = self._items.get(node_id)
        if item is None:
            return
        index = self.model_.indexFromItem(item)
        self.setCurrentIndex(index)
        self.scrollTo(index)
