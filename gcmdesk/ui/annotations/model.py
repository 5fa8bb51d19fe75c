"""The notes panel's data: a list model of annotations and a filter/sort proxy over it.

The model holds every live annotation of the shown authors (one ``store.find`` per change); the
proxy narrows by colour, tag, document, words and "needs review" without asking the DB again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...core.annotation_model import fold, haystack
from ...core.annotations import Annotation, Color

ANN_ROLE = Qt.ItemDataRole.UserRole + 1
NO_COLOR = "-"  # the colour filter's value for notes without a highlight
_Index = QModelIndex | QPersistentModelIndex


class AnnotationsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Annotation] = []
        self.colors: dict[str, Color] = {}
        self.reading_rank: dict[str, int] = {}  # annotation id -> place in reading order
        self._folded: dict[str, str] = {}
        self._rows_by_id: dict[str, int] = {}

    def set_annotations(self, anns: list[Annotation], colors: list[Color],
                        reading_order: list[str]) -> None:
        """Replace the rows (``reading_order``: the same ids, in document order)."""
        self.beginResetModel()
        self.rows = list(anns)
        self.colors = {c.key: c for c in colors}
        self.reading_rank = {aid: i for i, aid in enumerate(reading_order)}
        self._folded = {a.id: haystack(a) for a in anns}
        self._rows_by_id = {a.id: i for i, a in enumerate(self.rows)}
        self.endResetModel()

    def folded(self, a: Annotation) -> str:
        return self._folded.get(a.id, "")

    def color_name(self, a: Annotation) -> str:
        c = self.colors.get(a.color or "")
        return c.name if c else "Note"

    def row_of(self, annotation_id: str) -> int:
        return self._rows_by_id.get(annotation_id, -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        if role == ANN_ROLE:
            return a
        if role == Qt.ItemDataRole.DisplayRole:  # plain text: accessibility, tests, copy
            parts = [a.citation or a.passage_id, self.color_name(a), a.quote, a.note]
            return " — ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = [f"{a.citation or a.passage_id} · {self.color_name(a)}",
                   f"by {a.creator}, {a.created[:10]}"
                   + (f" (edited {a.modified[:10]})" if a.modified[:10] != a.created[:10] else "")]
            if a.orphaned:
                tip.append("The text this note was on has changed: re-attach it or delete it.")
            return "\n".join(tip)
        return None


class AnnotationsFilter(QSortFilterProxyModel):
    """Colour, tag, document, words (all must match) and "orphans only"; newest or reading order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.color: str | None = None
        self.tag: str | None = None
        self.doc_id: str | None = None
        self.words: list[str] = []
        self.orphans_only = False
        self.reading_order = False
        self.setDynamicSortFilter(True)

    def set_filter(self, **fields: Any) -> None:
        """Change any of ``color``, ``tag``, ``doc_id``, ``text``, ``orphans_only``."""
        self.beginFilterChange()
        for name, value in fields.items():
            if name == "text":
                self.words = fold(value).split()
            else:
                setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_reading_order(self, on: bool) -> None:
        self.reading_order = on
        self.invalidate()
        self.sort(0)

    @property
    def active(self) -> bool:
        """Is anything narrowing the list (besides the review mode)?"""
        return bool(self.color or self.tag or self.doc_id or self.words)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model: AnnotationsModel = self.sourceModel()  # type: ignore[assignment]
        a = model.rows[row]
        if self.orphans_only and not a.orphaned:
            return False
        if self.color is not None and (a.color or NO_COLOR) != self.color:
            return False
        if self.tag is not None and self.tag not in a.tags:
            return False
        if self.doc_id is not None and a.doc_id != self.doc_id:
            return False
        text = model.folded(a)
        return all(w in text for w in self.words)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        model: AnnotationsModel = self.sourceModel()  # type: ignore[assignment]
        a, b = model.rows[left.row()], model.rows[right.row()]
        if self.reading_order:
            return model.reading_rank.get(a.id, 0) < model.reading_rank.get(b.id, 0)
        return (a.created, a.id) > (b.created, b.id)  # newest first

    def annotations(self) -> list[Annotation]:
        """What the list shows, in its order (for "export the filtered set")."""
        return [self.index(r, 0).data(ANN_ROLE) for r in range(self.rowCount())]
