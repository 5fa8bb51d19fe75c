"""The search result list: a list model of hits and a delegate that draws their snippets."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QWidget

from ...core.search import Hit
from ..briefing.refs import REFS_MIME, hit_ref, refs_mime
from ..rich_list import RichTextDelegate
from ..theme import Colors, colors, snippet_css

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"passage": "Passage", "recommendation": "Recommendation",
               "objective": "Objective", "note": "Note"}
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


class ResultDelegate(RichTextDelegate):
    """Draws a hit as two blocks of rich text: citation and document, then the snippet."""

    ROLE = HIT_ROLE

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._css_palette: int | None = None  # the palette (its cacheKey) self._css is for
        self._css = ""

    def style_sheet(self, option: QStyleOptionViewItem) -> str:
        """The snippet style sheet for this palette (worked out once per palette, not per row)."""
        key = option.palette.cacheKey()
        if key != self._css_palette:
            self._css_palette, self._css = key, snippet_css(colors(option.palette))
        return self._css

    def cache_key(self, hit: Hit, width: int, option: QStyleOptionViewItem) -> tuple[str, int, str]:
        return (hit.id, width, self.style_sheet(option))

    def item_html(self, hit: Hit, option: QStyleOptionViewItem) -> str:
        return self.model.html(hit)

    def decorate(self, painter: QPainter, opt: QStyleOptionViewItem, c: Colors, hit: Hit) -> None:
        if opt.state & QStyle.StateFlag.State_Selected:  # a bar in the accent colour
            painter.fillRect(opt.rect.adjusted(0, 0, 3 - opt.rect.width(), 0),
                             opt.palette.color(QPalette.ColorRole.Highlight))
