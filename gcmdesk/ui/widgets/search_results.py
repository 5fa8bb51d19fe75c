"""The search result list: a list model of hits and a delegate that draws their snippets."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...core.search import Hit
from ..briefing.refs import REFS_MIME, hit_ref, refs_mime
from ..theme import colors, snippet_css

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"passage": "Passage", "recommendation": "Recommendation",
               "objective": "Objective", "note": "Note"}
PAD = 8
_Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    def __init__(self, doc_names: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.doc_names = doc_names

    def set_hits(self, hits: list[Hit], append: bool = False) -> None:
        if append:
            self.beginInsertRows(QModelIndex(), len(self.hits), len(self.hits) + len(hits) - 1)
            self.hits.extend(hits)
            self.endInsertRows()
        else:
            self.beginResetModel()
            self.hits = list(hits)
            self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:  # plain text: accessibility, tests, copy
            return f"{hit.citation} — {hit.text[:200]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.citation}\n{self.doc_names.get(hit.doc, '')}"
        return None

    # drag a result into the briefing composer (or out as text): see ui/briefing/refs.py
    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [REFS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        hits = [self.hits[i.row()] for i in indexes if i.isValid()]
        refs = [r for r in (hit_ref(h) for h in hits) if r]
        return refs_mime(refs, "\n".join(f"{h.text} ({h.citation})" for h in hits))

    def html(self, hit: Hit) -> str:
        doc = self.doc_names.get(hit.doc, "GCM")
        kind = ""
        if hit.kind != "passage":
            kind = f'<span class="kind">&nbsp;{escape(KIND_LABELS.get(hit.kind, hit.kind))}' \
                   "&nbsp;</span>&nbsp; "
        if hit.citation.startswith(doc):  # "Marrakech background note, para. 5" names it
            doc = ""
        return (f'<p style="margin-bottom:3px">{kind}<span class="cite">{escape(hit.citation)}'
                f'</span> &nbsp;<span class="doc">{escape(doc)}</span></p>'
                f"<p>{hit.snippet}</p>")


class ResultDelegate(QStyledItemDelegate):
    """Draws a hit as two blocks of rich text: citation and document, then the snippet."""

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._css = ""
        self._cache: dict[tuple[str, int, str], QTextDocument] = {}

    def _document(self, hit: Hit, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        css = snippet_css(colors(option.palette))
        key = (hit.id, width, css)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > 500:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(option.font)
            doc.setDefaultStyleSheet(css)
            doc.setHtml(self.model.html(hit))
            doc.setTextWidth(max(width - 2 * PAD, 50))
            self._cache[key] = doc
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit: Hit = index.data(HIT_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        c = colors(opt.palette)
        painter.save()
        if opt.state & QStyle.StateFlag.State_Selected:  # a calm tint, text keeps its colours
            painter.fillRect(opt.rect, c.focus_bg)
            painter.fillRect(opt.rect.adjusted(0, 0, 3 - opt.rect.width(), 0),
                             opt.palette.color(QPalette.ColorRole.Highlight))
        elif opt.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(opt.rect, c.note_bg)
        painter.translate(opt.rect.left() + PAD, opt.rect.top() + PAD)
        doc = self._document(hit, opt.rect.width(), opt)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text))
        ctx.clip = QRectF(0, 0, opt.rect.width() - 2 * PAD, opt.rect.height() - 2 * PAD)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        # a hairline between results
        painter.save()
        painter.setPen(colors(opt.palette).rule)
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hit: Hit = index.data(HIT_ROLE)
        width = option.rect.width() if option.rect.width() > 0 else 320
        if option.widget is not None:
            width = option.widget.viewport().width()  # type: ignore[attr-defined]
        doc = self._document(hit, width, option)
        return QSize(width, int(doc.size().height()) + 2 * PAD + 1)

    def clear_cache(self) -> None:
        self._cache.clear()
