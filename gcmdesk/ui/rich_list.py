"""Lists whose rows are blocks of rich text: the search results and the notes panel.

:class:`RichTextDelegate` lays each row out as a cached :class:`QTextDocument` (per row, width
and whatever else the subclass puts in :meth:`~RichTextDelegate.cache_key`), paints the selection
or hover tint, an optional decoration on the left, the text, and a hairline under the row.
:func:`rich_list` is the list view both use.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from .theme import Colors, colors

PAD = 8
_Index = QModelIndex | QPersistentModelIndex


class RichTextDelegate(QStyledItemDelegate):
    """Subclasses set ``ROLE`` (the item's data role), and may set ``INSET`` (room on the left
    for :meth:`decorate`), ``MIN_TEXT_WIDTH`` and ``CACHE_SIZE``."""

    ROLE: int
    INSET = 0
    MIN_TEXT_WIDTH = 50
    CACHE_SIZE = 500

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[Hashable, QTextDocument] = {}

    # what subclasses say --------------------------------------------------------------------

    def cache_key(self, item: Any, width: int, option: QStyleOptionViewItem) -> Hashable:
        raise NotImplementedError

    def item_html(self, item: Any, option: QStyleOptionViewItem) -> str:
        raise NotImplementedError

    def style_sheet(self, option: QStyleOptionViewItem) -> str:
        """The documents' default style sheet ("": none)."""
        return ""

    def decorate(self, painter: QPainter, opt: QStyleOptionViewItem, c: Colors, item: Any) -> None:
        """Paint over the row's background, before the text (a colour bar, a selection mark)."""

    # the drawing ------------------------------------------------------------------------------

    def clear_cache(self) -> None:
        self._cache.clear()

    def _document(self, item: Any, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        key = self.cache_key(item, width, option)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > self.CACHE_SIZE:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(option.font)
            css = self.style_sheet(option)
            if css:
                doc.setDefaultStyleSheet(css)
            doc.setHtml(self.item_html(item, option))
            doc.setTextWidth(max(width - 2 * PAD - self.INSET, self.MIN_TEXT_WIDTH))
            self._cache[key] = doc
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        item = index.data(self.ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        c = colors(opt.palette)
        painter.save()
        if opt.state & QStyle.StateFlag.State_Selected:  # a calm tint, text keeps its colours
            painter.fillRect(opt.rect, c.focus_bg)
        elif opt.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(opt.rect, c.note_bg)
        self.decorate(painter, opt, c, item)
        painter.translate(opt.rect.left() + self.INSET + PAD, opt.rect.top() + PAD)
        doc = self._document(item, opt.rect.width(), opt)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text))
        ctx.clip = QRectF(0, 0, opt.rect.width() - 2 * PAD - self.INSET,
                          opt.rect.height() - 2 * PAD)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        # a hairline between rows
        painter.save()
        painter.setPen(c.rule)
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        item = index.data(self.ROLE)
        width = option.rect.width() if option.rect.width() > 0 else 320
        if option.widget is not None:
            width = option.widget.viewport().width()  # type: ignore[attr-defined]
        doc = self._document(item, width, option)
        return QSize(width, int(doc.size().height()) + 2 * PAD + 1)


def rich_list(model: QAbstractItemModel, selection: QAbstractItemView.SelectionMode) -> QListView:
    """A frameless list of variable-height rows that scrolls by pixel and never sideways."""
    view = QListView()
    view.setModel(model)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSelectionMode(selection)
    view.setFrameShape(QListView.Shape.NoFrame)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    return view
