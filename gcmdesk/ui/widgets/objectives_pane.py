"""The Objectives tab: the 23 GCM objectives with counts, and the 10 guiding principles."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from ...core.refdb import ReferenceDB

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def _cell(text: str, tip: str = "", align_right: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    if tip:
        item.setToolTip(tip)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class _WrapDelegate(QStyledItemDelegate):
    """Long titles wrapped (not cut) at the column's width; size and paint use the same rect."""

    MARGIN = 4

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def _text_rect(self, rect: QRect) -> QRect:
        m = self.MARGIN
        return rect.adjusted(m, m - 1, -m, -(m - 1))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        painter.drawText(self._text_rect(opt.rect), _WRAP, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        depth = 0 if not index.parent().isValid() else 1
        width = self.view.header().sectionSize(0) - self.view.indentation() * (depth + 1)
        rect = self._text_rect(QRect(0, 0, max(width, 60), 10_000))
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        text = QFontMetrics(font).boundingRect(rect, _WRAP, str(index.data() or ""))
        return QSize(size.width(), max(size.height(), text.height() + 2 * self.MARGIN))


_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


class ObjectivesTree(QTreeView):
    objective_activated = Signal(int)
    principle_activated = Signal(str)  # its title: the window searches for it

    def __init__(self, ref: ReferenceDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.model_.setHorizontalHeaderLabels(["Objective", "¶", "Recs"])
        for col, tip in ((1, "Passages linked to the objective"),
                         (2, "Recommendations linked to the objective")):
            self.model_.setHeaderData(col, Qt.Orientation.Horizontal, tip,
                                      Qt.ItemDataRole.ToolTipRole)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)  # objective titles are long: wrap rather than cut them
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setRootIsDecorated(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._load(ref)
        self.setItemDelegateForColumn(0, _WrapDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.expandAll()
        header.sectionResized.connect(self._rewrap)
        self.activated.connect(self._emit)
        self.clicked.connect(self._emit)

    def _rewrap(self, column: int, _old: int, _new: int) -> None:
        if column == 0:  # wrapped titles need new row heights at a new width
            self.scheduleDelayedItemsLayout()

    def _load(self, ref: ReferenceDB) -> None:
        objectives = ref.objectives()
        group = _cell(f"GCM objectives ({len(objectives)})")
        for o in objectives:
            tip = (f"Objective {o.number}: {o.title}\n{o.passage_count} linked passages, "
                   f"{o.recommendation_count} recommendations")
            name = _cell(f"{o.number}.  {o.title}", tip)
            name.setData("objective", KIND_ROLE)
            name.setData(o.number, VALUE_ROLE)
            group.appendRow([name, _cell(str(o.passage_count), tip, True),
                             _cell(str(o.recommendation_count), tip, True)])
        principles = ref.guiding_principles()
        pgroup = _cell(f"Guiding principles ({len(principles)})")
        for n, title in principles:
            item = _cell(f"{n}.  {title}", f"Guiding principle {n}: {title}\n"
                         "Click to search the documents for it.")
            item.setData("principle", KIND_ROLE)
            item.setData(title, VALUE_ROLE)
            pgroup.appendRow([item, _cell(""), _cell("")])
        for g in (group, pgroup):
            font = g.font()
            font.setBold(True)
            g.setFont(font)
            self.model_.appendRow([g, _cell(""), _cell("")])

    def select_objective(self, number: int) -> None:
        """Reflect the objective shown in the centre (without emitting)."""
        group = self.model_.index(0, 0)
        for row in range(self.model_.rowCount(group)):
            index = self.model_.index(row, 0, group)
            if index.data(VALUE_ROLE) == number:
                self.setCurrentIndex(index)
                self.doItemsLayout()  # wrapped rows: lay them out before scrolling
                self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return

    def _emit(self, index: QModelIndex) -> None:
        first = index.siblingAtColumn(0)
        kind = first.data(KIND_ROLE)
        if kind == "objective":
            self.objective_activated.emit(int(first.data(VALUE_ROLE)))
        elif kind == "principle":
            self.principle_activated.emit(str(first.data(VALUE_ROLE)))
