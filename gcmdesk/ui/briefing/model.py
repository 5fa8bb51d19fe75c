"""The composer's tree: section headings at the top level, the items under them.

The model only shows a :class:`ResolvedBriefing`; every change a view asks for (a drop, a
``moveRows``, renaming a heading) goes to the ``Ops`` it was given, which pushes an undo command
and reloads the model. Drags carry the row ids (``ROWS_MIME``) for moves inside the tree, and the
item refs (``REFS_MIME``) so they can be dropped into another briefing or another application.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ...core.briefing_content import ResolvedBriefing, ResolvedGroup, ResolvedItem
from .refs import REFS_MIME, refs_from_mime, refs_mime

ROWS_MIME = "application/x-gcmdesk-briefing-rows"
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # ResolvedItem (items only)
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2  # section id of a heading (None: "Key references")
_Index = QModelIndex | QPersistentModelIndex
_NO_GROUP = 0  # internalId of top-level rows; items carry their group's row + 1


class Ops(Protocol):
    def add_refs(self, refs: Sequence[str], section: int | None = None,
                 index: int | None = None) -> bool: ...

    def move_item(self, item_id: int, section: int | None, index: int) -> bool: ...

    def move_section(self, section_id: int, index: int) -> bool: ...

    def rename_section(self, section_id: int, title: str) -> bool: ...


def item_ref(item: ResolvedItem) -> str:
    """The id to add this item again elsewhere (objectives are stored as their number)."""
    i = item.item
    return f"objective:{i.item_ref}" if i.item_type == "objective" else i.item_ref


class BriefingModel(QAbstractItemModel):
    def __init__(self, ops: Ops, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.briefing: ResolvedBriefing | None = None
        self.groups: list[ResolvedGroup] = []

    def set_briefing(self, rb: ResolvedBriefing | None) -> None:
        self.beginResetModel()
        self.briefing = rb
        self.groups = list(rb.groups) if rb else []
        self.endResetModel()

    # lookups -----------------------------------------------------------------------------

    def group_of(self, index: _Index) -> int | None:
        """The row of the group an index is (or is in); None for the root."""
        if not index.isValid():
            return None
        gid = index.internalId()
        return index.row() if gid == _NO_GROUP else gid - 1

    def is_item(self, index: _Index) -> bool:
        return index.isValid() and index.internalId() != _NO_GROUP

    def item_at(self, index: _Index) -> ResolvedItem | None:
        if not self.is_item(index):
            return None
        return self.groups[index.internalId() - 1].items[index.row()]

    def index_of_item(self, item_id: int) -> QModelIndex:
        for g, group in enumerate(self.groups):
            for r, item in enumerate(group.items):
                if item.item.id == item_id:
                    return self.index(r, 0, self.index(g, 0))
        return QModelIndex()

    def index_of_section(self, section_id: int | None) -> QModelIndex:
        for g, group in enumerate(self.groups):
            if group.section_id == section_id:
                return self.index(g, 0)
        return QModelIndex()

    def sections(self) -> list[int]:
        """Ids of the user's headings in order (not the implicit first group)."""
        return [g.section_id for g in self.groups if g.section_id is not None]

    # structure ---------------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _NO_GROUP) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != _NO_GROUP or row >= len(self.groups[parent.row()].items):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: _Index | None = None) -> Any:  # type: ignore[override]
        if index is None:
            return super().parent()  # QObject.parent()
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_GROUP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _NO_GROUP and parent.row() < len(self.groups):
            return len(self.groups[parent.row()].items)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index)
        if item is None:
            group = self.groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return group.title
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return ("Items before the first heading" if group.section_id is None else
                        "A heading of the briefing: Shift+F2 renames it, Ctrl+Up/Down moves it")
            if role == SECTION_ROLE:
                return group.section_id
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.number}. {item.citation}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.kind} · {item.citation}\n\n{item.text[:600]}"
        if role == ITEM_ROLE:
            return item
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.is_item(index) or not index.isValid():
            return False
        section = self.groups[index.row()].section_id
        if section is None or not str(value).strip():
            return False
        return self.ops.rename_section(section, str(value))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        f = Qt.ItemFlag
        if not index.isValid():
            return f.ItemIsDropEnabled
        if self.is_item(index):
            return f.ItemIsEnabled | f.ItemIsSelectable | f.ItemIsDragEnabled
        base = f.ItemIsEnabled | f.ItemIsSelectable | f.ItemIsDropEnabled
        if self.groups[index.row()].section_id is not None:
            base |= f.ItemIsDragEnabled | f.ItemIsEditable
        return base

    # moves -------------------------------------------------------------------------------

    def moveRows(self, source_parent: _Index, source_row: int, count: int,
                 destination_parent: _Index, destination_child: int) -> bool:
        """One row at a time: an item to a place in any group, or a heading among headings."""
        if count != 1:
            return False
        if not source_parent.isValid():  # a heading
            return self._drop_sections([self.groups[source_row].section_id], destination_child)
        item = self.item_at(self.index(source_row, 0, source_parent))
        if item is None or not destination_parent.isValid():
            return False
        return self._drop_items([item.item.id], self.group_of(destination_parent) or 0,
                                destination_child)

    def _drop_items(self, ids: Sequence[int], group: int, row: int) -> bool:
        """Place items at ``row`` of the group (a view row: the moved items still count)."""
        if not 0 <= group < len(self.groups):
            return False
        target = self.groups[group]
        rows = [i.item.id for i in target.items]
        index = len(rows) if row < 0 else row
        moved = False
        for item_id in ids:
            if item_id in rows and rows.index(item_id) < index:
                index -= 1  # the store counts without the moved item
            moved = self.ops.move_item(item_id, target.section_id, index) or moved
            rows = [r for r in rows if r != item_id]
            rows.insert(index, item_id)
            index += 1
        return moved

    def _drop_sections(self, ids: Sequence[int | None], row: int) -> bool:
        headings = self.sections()
        offset = len(self.groups) - len(headings)  # the implicit first group, if shown
        index = len(headings) if row < 0 else max(0, row - offset)
        for sid in ids:
            if sid is None:
                return False
            if sid in headings and headings.index(sid) < index:
                index -= 1
            if not self.ops.move_section(sid, index):
                return False
            index += 1
        return True

    # drag and drop -----------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME, REFS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        items = [i for i in (self.item_at(x) for x in indexes) if i is not None]
        sections = [self.groups[x.row()].section_id for x in indexes if not self.is_item(x)]
        data = refs_mime([item_ref(i) for i in items],
                         "\n".join(f"{i.citation}: {i.text}" for i in items))
        rows = {"briefing": self.briefing.briefing.id if self.briefing else None,
                "items": [i.item.id for i in items],
                "sections": [s for s in sections if s is not None]}
        data.setData(ROWS_MIME, json.dumps(rows).encode())
        return data

    def _rows(self, data: QMimeData) -> dict[str, Any] | None:
        if not data.hasFormat(ROWS_MIME):
            return None
        rows = json.loads(bytes(data.data(ROWS_MIME).data()).decode())
        own = self.briefing is not None and rows.get("briefing") == self.briefing.briefing.id
        return rows if own else None  # from another briefing: add its refs instead

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        rows = self._rows(data)
        if rows is not None:
            if rows["sections"]:
                return not rows["items"] and not parent.isValid()
            return bool(rows["items"]) and (bool(self.groups) or parent.isValid())
        return bool(refs_from_mime(data)) and self.briefing is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        rows = self._rows(data)
        if rows is not None and rows["sections"]:
            self._drop_sections(rows["sections"], row)
            return False  # moved already: the view must not remove the source rows
        group, at = self._target(row, parent)
        if rows is not None:
            if group is not None:
                self._drop_items(rows["items"], group, at)
            return False
        section = self.groups[group].section_id if group is not None else None
        return self.ops.add_refs(refs_from_mime(data), section, None if at < 0 else at)

    def _target(self, row: int, parent: _Index) -> tuple[int | None, int]:
        """(group row, row in it) of a drop; between headings: the end of the one above."""
        if parent.isValid():
            g = self.group_of(parent)
            if self.is_item(parent):  # onto an item: just before it
                return g, parent.row()
            return g, row
        if not self.groups:
            return None, -1
        if row < 0:
            return len(self.groups) - 1, -1
        return (max(row - 1, 0), -1) if row > 0 else (0, 0)
