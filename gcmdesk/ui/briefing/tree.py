"""The composer's tree view: drag-and-drop in and out, a hint while empty, rows that re-wrap."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from ..theme import colors

EMPTY_HINT = ("This briefing is empty.\n\nAdd the passage you are reading with Ctrl+B, "
              "or drag search results here.")


class BriefingTree(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefing_tree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setIndentation(14)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setWordWrap(True)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.empty_hint = EMPTY_HINT

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # item heights depend on the width

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or self._has_items():
            return
        painter = QPainter(self.viewport())
        painter.setPen(colors(self.palette()).muted)
        top = self.visualRect(model.index(model.rowCount() - 1, 0)).bottom() + 16 \
            if model.rowCount() else 24
        area = QRect(24, top, self.viewport().width() - 48, self.viewport().height() - top)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                   | Qt.TextFlag.TextWordWrap), self.empty_hint)
        painter.end()

    def _has_items(self) -> bool:
        model = self.model()
        return any(model.rowCount(model.index(r, 0)) for r in range(model.rowCount()))

    def set_dim(self, dim: bool) -> None:
        """A grey background while there is no briefing to show."""
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window if dim
                                          else QPalette.ColorRole.Base)
