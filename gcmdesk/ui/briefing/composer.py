"""The briefing composer: pick a briefing, edit its cover, arrange its items, write talking points.

Every edit goes through an undo command on the app-wide ``QUndoStack`` (see ``commands.py``):
the store saves it at once, the composer reloads and ``bus`` says ``Changes(briefings=True)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.briefing import Briefing, BriefingStore
from ...core.errors import GcmdeskError
from ...core.export.pdf_story import human_date
from ..changes import ChangeBus, Changes
from . import commands as cmd
from .cover import CoverForm
from .delegate import ItemDelegate
from .model import BriefingModel
from .talking_points import TalkingPoints
from .tree import BriefingTree

CURRENT_SETTING, COVER_SETTING = "briefing.current", "briefing.cover_shown"


class Composer(QWidget):
    message = Signal(str)  # for the status bar
    passage_requested = Signal(str)
    objective_requested = Signal(int)

    def __init__(self, store: BriefingStore, undo_stack: QUndoStack, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.undo_stack, self.bus = store, undo_stack, bus
        self.bid: int | None = None
        self.briefings: list[Briefing] = []
        self._reloading = False

        self.picker = QComboBox()
        self.picker.setObjectName("briefing_picker")
        self.picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.picker.setToolTip("The briefing you are composing")
        self.picker.activated.connect(self._on_picked)
        self.menu_button = QToolButton(text="⋯", autoRaise=True)
        self.menu_button.setToolTip("New, rename, duplicate, delete, export")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.cover_toggle = QToolButton(text="Cover details", checkable=True, autoRaise=True)
        self.cover_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.cover_toggle.setStyleSheet("QToolButton { border: none; padding: 2px; }")  # flat
        self.cover_toggle.setToolTip("Show or hide the title, meeting, date, author, "
                                     "classification and introduction")
        self.cover = CoverForm()
        self.cover.edited.connect(self._cover_edited)
        self.cover_summary = QLabel()  # one line for the cover while the form is hidden
        self.cover_summary.setIndent(22)
        self.cover_summary.setWordWrap(True)
        self.cover_summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.cover_toggle.toggled.connect(self._show_cover)
        self.cover_toggle.setChecked(bool(store.user.setting(COVER_SETTING, True)))
        self._show_cover(self.cover_toggle.isChecked())

        self.model = BriefingModel(self, self)
        self.tree = BriefingTree()
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(ItemDelegate(self.tree))
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.activated.connect(self.open_index)

        self.talking = TalkingPoints()
        self.talking.finished.connect(self.commit_comment)
        self.comment, self.comment_label = self.talking.editor, self.talking.label

        self.tools = QHBoxLayout()  # buttons for the feature's actions (set_actions)
        self.tools.setSpacing(2)
        self.footer = QHBoxLayout()
        self.footer.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(2)
        top.addWidget(self.picker, 1)
        top.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.cover_toggle)
        layout.addWidget(self.cover)
        layout.addWidget(self.cover_summary)
        layout.addLayout(self.tools)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.talking)
        layout.addLayout(self.footer)
        saved = store.user.setting(CURRENT_SETTING)
        self.reload(saved if isinstance(saved, int) else None)

    # loading -----------------------------------------------------------------------------

    def reload(self, bid: int | None = None, items: Sequence[int] = (),
               section: int | None = None) -> None:
        """Show briefing ``bid`` (or the current one, or the newest) from the store."""
        keep_items, keep_section = self.selected_ids()
        self.briefings = self.store.list_briefings()
        live = {b.id: b for b in self.briefings}
        if bid not in live:
            bid = self.bid if self.bid in live else (self.briefings[0].id
                                                     if self.briefings else None)
        elif bid != self.bid:
            keep_items, keep_section = [], None
        self._reloading = True
        try:
            self.bid = bid
            self.picker.clear()
            for b in self.briefings:
                self.picker.addItem(b.title, b.id)
                self.picker.setItemData(self.picker.count() - 1,
                                        f"{b.title}\n{b.item_count} items · {b.modified[:10]}",
                                        Qt.ItemDataRole.ToolTipRole)
            if not self.briefings:
                self.picker.addItem("No briefing yet: Briefing → New briefing…", None)
            self.picker.setCurrentIndex(max(self.picker.findData(bid), 0))
            self.picker.setEnabled(bool(self.briefings))
            self.model.set_briefing(self.store.load(bid) if bid is not None else None)
            self.cover.set_briefing(live.get(bid) if bid is not None else None)
            self._summarise(live.get(bid) if bid is not None else None)
            self.tree.expandAll()
            self.tree.set_dim(bid is None)
            self._select(list(items) or keep_items, section if items or section else keep_section)
        finally:
            self._reloading = False
        self.talking.show_item(self.model.item_at(self.tree.currentIndex()))
        if bid is not None and self.store.user.setting(CURRENT_SETTING) != bid:
            self.store.user.set_setting(CURRENT_SETTING, bid)

    def _select(self, items: Sequence[int], section: int | None) -> None:
        sel = self.tree.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        indexes = [self.model.index_of_item(i) for i in items]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes and section is not None:
            indexes = [i for i in [self.model.index_of_section(section)] if i.isValid()]
        if not indexes:
            return
        sel.setCurrentIndex(indexes[0], flags.ClearAndSelect | flags.Rows)
        for index in indexes[1:]:
            sel.select(index, flags.Select | flags.Rows)
        self.tree.scrollTo(indexes[0])

    def selected_ids(self) -> tuple[list[int], int | None]:
        """Selected item ids (in order), or the selected heading's section id."""
        rows = sorted(self.tree.selectionModel().selectedRows(),
                      key=lambda i: (self.model.group_of(i) or 0, self.model.is_item(i), i.row()))
        items = [it.item.id for it in (self.model.item_at(i) for i in rows) if it is not None]
        heads = [self.model.groups[i.row()].section_id for i in rows if not self.model.is_item(i)]
        return items, (heads[0] if heads and not items else None)

    def current_briefing(self) -> Briefing | None:
        return next((b for b in self.briefings if b.id == self.bid), None)

    def _on_picked(self, index: int) -> None:
        bid = self.picker.itemData(index)
        if bid is not None and bid != self.bid:
            self.commit_comment()
            self.reload(bid)

    # the commands' context ---------------------------------------------------------------

    def changed(self, bid: int | None, items: Sequence[int] = (),
                section: int | None = None) -> None:
        self.reload(bid, items, section)
        self.bus.changed.emit(Changes(briefings=True, source=self))

    def failed(self, exc: GcmdeskError) -> None:
        self.message.emit(str(exc))

    def push(self, command: cmd.StoreCommand) -> bool:
        """Run an edit and put it on the undo stack; a refused edit is explained, not raised."""
        if not isinstance(command, cmd.SetComment):
            self.commit_comment()
        try:
            cmd.push(self.undo_stack, command)
        except GcmdeskError as exc:
            self.failed(exc)
            return False
        return True

    # briefings ---------------------------------------------------------------------------

    def new_briefing(self, title: str | None = None) -> bool:
        if title is None:
            title, ok = QInputDialog.getText(self, "New briefing", "Title of the briefing note:")
            if not ok or not title.strip() or not self.push(cmd.CreateBriefing(self, title)):
                return False
            self.cover_toggle.setChecked(True)  # next: the meeting, date and author
            self.cover.lines["meeting"].setFocus()
            return True
        return self.push(cmd.CreateBriefing(self, title))

    def rename_briefing(self, title: str | None = None) -> bool:
        b = self.current_briefing()
        if b is None:
            return False
        if title is None:
            title, ok = QInputDialog.getText(self, "Rename briefing", "Title:", text=b.title)
            if not ok or not title.strip() or title.strip() == b.title:
                return False
        return self.push(cmd.UpdateBriefing(self, b.id, title=title))

    def duplicate_briefing(self) -> bool:
        return self.bid is not None and self.push(cmd.DuplicateBriefing(self, self.bid))

    def delete_briefing(self) -> bool:
        b = self.current_briefing()
        if b is None or not self.push(cmd.DeleteBriefing(self, b.id, b.title)):
            return False
        self.message.emit(f"Deleted “{b.title}”. Edit → Undo (Ctrl+Z) brings it back.")
        return True

    def _cover_edited(self, name: str, value: str) -> None:
        if self.bid is not None:
            self.push(cmd.UpdateBriefing(self, self.bid, **{name: value}))

    def set_paper(self, paper: str) -> None:
        b = self.current_briefing()
        if b is not None and b.paper_size != paper:
            self.push(cmd.UpdateBriefing(self, b.id, paper_size=paper))

    def _show_cover(self, shown: bool) -> None:
        self.cover.setVisible(shown)
        self.cover_summary.setVisible(not shown)
        self.cover_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else
                                       Qt.ArrowType.RightArrow)
        if self.store.user.setting(COVER_SETTING, True) != shown:
            self.store.user.set_setting(COVER_SETTING, shown)

    def _summarise(self, b: Briefing | None) -> None:
        parts = [p for p in (b.meeting, human_date(b.date), b.author) if p] if b else []
        self.cover_summary.setText(" · ".join(parts) or ("No meeting, date or author yet"
                                                         if b else ""))

    # items (the model's Ops) -------------------------------------------------------------

    def add_refs(self, refs: Sequence[str], section: int | None = None,
                 index: int | None = None) -> bool:
        """Add ids to the current briefing; ones already in it are skipped, with a word."""
        if self.bid is None:
            return False
        have = {(i.item.item_type, i.item.item_ref) for i in self.model.briefing.items} \
            if self.model.briefing else set()
        fresh: list[str] = []
        try:
            for ref in refs:
                if self.store.resolver.classify(ref) not in have and ref not in fresh:
                    fresh.append(ref)
        except GcmdeskError as exc:
            self.failed(exc)
            return False
        title = self.current_briefing().title  # type: ignore[union-attr]
        if not fresh:
            self.message.emit(f"Already in “{title}”.")
            return False
        if not self.push(cmd.AddItems(self, self.bid, fresh, section, index)):
            return False
        n = len(fresh)
        self.message.emit(f"Added {n} item{'s' * (n != 1)} to “{title}” (Ctrl+Z to undo).")
        return True

    def move_item(self, item_id: int, section: int | None, index: int) -> bool:
        return self.bid is not None and self.push(
            cmd.MoveItem(self, self.bid, item_id, section, index))

    def move_section(self, section_id: int, index: int) -> bool:
        return self.bid is not None and self.push(
            cmd.MoveSection(self, self.bid, section_id, index))

    def rename_section(self, section_id: int, title: str) -> bool:
        return self.bid is not None and self.push(
            cmd.RenameSection(self, self.bid, section_id, title))

    def move_current(self, step: int) -> bool:
        """Ctrl+Up/Down: an item one place up or down (across headings); a heading likewise."""
        index = self.tree.currentIndex()
        m = self.model
        if not index.isValid() or self.bid is None:
            return False
        g = m.group_of(index) or 0
        if not m.is_item(index):
            heads = m.sections()
            sid = m.groups[index.row()].section_id
            if sid is None or not 0 <= heads.index(sid) + step < len(heads):
                return False
            return self.move_section(sid, heads.index(sid) + step)
        item = m.item_at(index)
        row = index.row() + step
        if 0 <= row < len(m.groups[g].items):
            return self.move_item(item.item.id, m.groups[g].section_id, row)  # type: ignore
        if not 0 <= g + step < len(m.groups):
            return False
        target = m.groups[g + step]  # into the neighbouring heading: its end, or its start
        return self.move_item(item.item.id, target.section_id,  # type: ignore[union-attr]
                              len(target.items) if step < 0 else 0)

    def remove_selected(self) -> bool:
        items, section = self.selected_ids()
        if self.bid is None:
            return False
        if items:
            return self.push(cmd.RemoveItems(self, self.bid, items))
        if section is not None:
            return self.push(cmd.LayoutCommand(self, self.bid, "Remove heading", section))
        return False

    def add_section(self, title: str | None = None) -> bool:
        if self.bid is None:
            return False
        if title is None:
            title, ok = QInputDialog.getText(self, "Add heading", "Section heading:")
            if not ok or not title.strip():
                return False
        # after the heading of the current row (or at the end)
        g = self.model.group_of(self.tree.currentIndex())
        heads = self.model.sections()
        sid = self.model.groups[g].section_id if g is not None else None
        index = heads.index(sid) + 1 if sid in heads else (0 if g is not None else None)
        return self.push(cmd.AddSection(self, self.bid, title, index))

    def rename_current_section(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and not self.model.is_item(index) \
                and self.model.groups[index.row()].section_id is not None:
            self.tree.edit(index)

    def group_by_objective(self) -> bool:
        if self.bid is None or not self.model.briefing or not self.model.briefing.items:
            self.message.emit("Add items first: grouping sorts them under GCM objectives.")
            return False
        return self.push(cmd.LayoutCommand(self, self.bid, "Group by objective"))

    def open_index(self, index: QModelIndex) -> None:
        item = self.model.item_at(index)
        if item is None:
            return
        kind, ref = item.item.item_type, item.item.item_ref
        if kind == "objective":
            self.objective_requested.emit(int(ref))
        elif kind == "recommendation":
            self.passage_requested.emit(self.store.ref.recommendation(ref).passage_id)
        elif item.annotation is not None:
            self.passage_requested.emit(item.annotation.passage_id)
        elif not item.missing:
            self.passage_requested.emit(ref)

    # talking points ----------------------------------------------------------------------

    def edit_comment(self) -> None:
        if self.model.is_item(self.tree.currentIndex()):
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading:
            return
        pending = self.talking.pending()
        if pending is not None:  # save the old item's notes once the selection has settled
            QTimer.singleShot(0, lambda: self._save_comment(*pending))
        self.talking.show_item(self.model.item_at(current))

    def commit_comment(self) -> bool:
        """Save what is in the talking-points editor now (also done on a pause and on leaving)."""
        pending = self.talking.pending()
        return pending is not None and self._save_comment(*pending)

    def _save_comment(self, item_id: int, text: str) -> bool:
        try:
            bid = self.store.item(item_id).briefing_id
        except GcmdeskError:  # removed meanwhile
            return False
        return self.push(cmd.SetComment(self, bid, item_id, text))
