"""Annotations in the window: highlight and note from the reader, the notes panel, undo, files.

``AnnotationsUI(window)`` wires everything: the Notes menu, the notes dock (tabbed with search),
the reader's "notes" layer and context menu. Every edit goes through the core store, is pushed
on ``window.undo_stack`` and announced with ``Changes(annotations=True)``; the search index's
copy of the notes is brought up to date off the GUI thread after every committed write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QToolButton

from ...core.annotations import Annotation, AnnotationFilter, Change
from ...core.errors import GcmdeskError
from ..changes import Changes
from ..jobs import Job
from ..widgets.reader import PassageContext
from . import reader_layer
from .commands import AnnotationCommand, RenameColorCommand, describe
from .dialogs import AnnotateDialog, NotesPreferences, swatch
from .files import AnnotationFiles
from .menu import build_menu, rename_color_actions
from .panel import NotesPanel

if TYPE_CHECKING:
    from ..main_window import MainWindow

LAST_COLOR = "annotations.last_color"
T = TypeVar("T")


class AnnotationsUI(QObject):
    _written = Signal()  # a committed write, from any thread (the store's listener)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.store = window.library.annotations
        self.reader = window.reader
        self.visible: list[Annotation] = []  # live annotations of the shown authors
        self.dialog: AnnotateDialog | NotesPreferences | None = None
        self.menu: QMenu | None = None
        self.authors_menu: QMenu | None = None
        # The index copy of the notes is refreshed in the background, once per burst of writes.
        if self.library.sync_notes in self.store.listeners:
            self.store.listeners.remove(self.library.sync_notes)
        self._listener = self._written.emit
        self.store.listeners.append(self._listener)
        self._closed = False
        self._sync_timer = QTimer(self, singleShot=True, interval=0)
        self._sync_timer.timeout.connect(self._sync_index)
        self._written.connect(self._sync_timer.start)

        self.panel = NotesPanel()
        self.dock = QDockWidget("Notes", window)
        self.dock.setObjectName("notes_dock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.search_dock, self.dock)
        window.search_dock.raise_()
        self.files = AnnotationFiles(window, self.store, on_imported=lambda: None)
        self.actions = build_menu(self)
        self._build_footer()

        self.panel.open_requested.connect(self.open_annotation)
        self.panel.edit_requested.connect(self.edit)
        self.panel.delete_requested.connect(self.delete)
        self.panel.list.doubleClicked.connect(lambda i: self.edit(self.panel.current()))
        self.reader.add_context_menu_provider(self._context_menu)
        self.reader.installEventFilter(self)
        window.installEventFilter(self)
        window.bus.changed.connect(self._on_changes)
        self.refresh()

    def _build_footer(self) -> None:
        for name, label in (("edit_note", "Edit…"), ("delete_note", "Delete"),
                            ("reattach_note", "Re-attach")):
            b = QToolButton(autoRaise=True)
            b.setDefaultAction(self.actions[name])
            b.setText(label)
            self.panel.footer.addWidget(b)
        b.setVisible(False)  # Re-attach: shown while reviewing orphaned notes
        self.panel.review_button.toggled.connect(b.setVisible)
        self.panel.footer.addStretch(1)
        authors = QToolButton(text="Authors", autoRaise=True)
        authors.setToolTip("Show or hide other people's notes")
        authors.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        authors.setMenu(self.authors_menu)
        files = QToolButton(text="Export / import", autoRaise=True)
        files.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        files_menu = QMenu(files)
        for name in ("export_shown", "export_all", "import_notes"):
            files_menu.addAction(self.actions[name])
        files.setMenu(files_menu)
        for b in (authors, files):
            self.panel.footer.addWidget(b)

    # keeping the views current -----------------------------------------------------------

    def refresh(self) -> None:
        """Reload the panel and the reader's highlights from the store."""
        hidden = self.store.hidden_creators()
        self.visible = self.store.find(AnnotationFilter(hidden_creators=hidden))
        reading = self.store.find(AnnotationFilter(hidden_creators=hidden, order="document"))
        palette = self.store.colors()
        doc_names = {d.id: d.symbol or d.short_title for d in self.window.docs.values()}
        self.panel.set_data(self.visible, palette, [a.id for a in reading], self.store.tags(),
                            doc_names)
        reader_layer.paint(self.reader, self.store, self.visible, {c.key: c.rgb for c in palette})
        rename_color_actions(self)

    def _on_changes(self, changes: Changes) -> None:
        if changes.annotations or changes.settings:
            self.refresh()

    def _changed(self) -> None:
        """After every edit, undo and redo: tell the app (the views refresh from the bus)."""
        self.window.bus.changed.emit(Changes(annotations=True, source=self))

    def _sync_index(self) -> None:
        if not self._closed:
            self.window.jobs.run(self.library.sync_notes, label="Updating notes in search",
                                 on_done=lambda _r: self.window.bus.changed.emit(
                                     Changes(index=True, source=self)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.reader and event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self.refresh)  # the highlight tints follow light/dark
        elif obj is self.window and event.type() == QEvent.Type.Close:
            self._closed = True  # the library may outlive the window: give its listener back
            self._sync_timer.stop()
            if self._listener in self.store.listeners:
                self.store.listeners.remove(self._listener)
                self.store.listeners.append(self.library.sync_notes)
        return False

    # making and changing annotations ------------------------------------------------------

    def _push(self, changes: Sequence[Change], verb: str) -> None:
        changes = [c for c in changes if not c.is_noop]
        if changes:
            self.window.undo_stack.push(AnnotationCommand(self.store, changes,
                                                          describe(changes, verb), self._changed))

    def _try(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """A core call; its error (bad input, a vanished passage) goes to the status bar."""
        try:
            return fn(*args, **kwargs)
        except GcmdeskError as exc:
            self.window.show_message(str(exc))
            return None

    def _in_reader(self) -> bool:
        if self.window.center.currentWidget() is not self.reader:
            self.window.show_message("Open a document in the reader to annotate it.")
            return False
        return True

    def last_color(self) -> str:
        key = str(self.library.user.setting(LAST_COLOR, "") or "")
        keys = [c.key for c in self.store.colors()]
        return key if key in keys else keys[0]

    def highlight(self, color: str | None) -> list[Change]:
        """Highlight the reader's selection (each passage it spans) in ``color`` (or the last)."""
        if not self._in_reader():
            return []
        parts = self.reader.selection_parts()
        if not parts:
            self.window.show_message("Select some text to highlight (or press Ctrl+Shift+H to "
                                     "annotate the whole passage).")
            return []
        key = color or self.last_color()
        changes = []
        for part in parts:
            change = self._try(self.store.create, part.passage_id, part.start, part.end,
                               color=key)
            if change is not None:
                changes.append(change)
        self.library.user.set_setting(LAST_COLOR, key)
        self._push(changes, "Highlight")
        cursor = self.reader.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        self.reader.setTextCursor(cursor)  # the new colour shows, not the selection
        name = next(c.name for c in self.store.colors() if c.key == key)
        self.window.show_message(f"Highlighted as {name}. Ctrl+Shift+M adds a note; "
                                 "Ctrl+Z undoes.")
        return changes

    def annotate(self) -> AnnotateDialog | None:
        """Note and tags on the selection, else on the whole current passage."""
        if not self._in_reader():
            return None
        parts = self.reader.selection_parts()
        if not parts:
            return self.annotate_passage()
        citation = self.reader.passages[parts[0].passage_id].citation
        if len(parts) > 1:
            citation += f" … ({len(parts)} passages)"
        dialog = self._dialog("Add note", citation, " … ".join(p.text for p in parts),
                              self.last_color())
        dialog.accepted.connect(lambda: self._create(
            [(p.passage_id, p.start, p.end) for p in parts], dialog))
        return dialog

    def annotate_passage(self) -> AnnotateDialog | None:
        pid = self.reader.current_passage() if self._in_reader() else None
        if pid is None or pid not in self.reader.passages:
            return None
        dialog = self._dialog("Annotate passage", self.reader.passages[pid].citation, None, None)
        dialog.accepted.connect(lambda: self._create([(pid, None, None)], dialog))
        return dialog

    def _dialog(self, title: str, citation: str, quote: str | None, color: str | None,
                **kw: object) -> AnnotateDialog:
        dialog = AnnotateDialog(self.window, title=title, citation=citation, quote=quote,
                                palette=self.store.colors(), color=color,
                                known_tags=[t for t, _n in self.store.tags()], **kw)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _create(self, targets: list[tuple[str, int | None, int | None]],
                dialog: AnnotateDialog) -> None:
        changes = []
        for pid, start, end in targets:
            change = self._try(self.store.create, pid, start, end, color=dialog.color(),
                               note=dialog.note(), tags=dialog.tags())
            if change is not None:
                changes.append(change)
        if dialog.color():
            self.library.user.set_setting(LAST_COLOR, dialog.color())
        self._push(changes, "Add note" if dialog.note() else "Highlight")

    def edit(self, a: Annotation | None) -> AnnotateDialog | None:
        if a is None:
            return None
        dialog = self._dialog("Edit note", a.citation or a.passage_id, a.quote or None, a.color,
                              note=a.note, tags=a.tags, can_delete=True)
        dialog.accepted.connect(lambda: self._push(
            [c for c in [self._try(self.store.update, a.id, color=dialog.color(),
                                   note=dialog.note(), tags=dialog.tags())] if c], "Edit note"))
        dialog.delete_requested.connect(lambda: self.delete([a]))
        return dialog

    def delete(self, anns: list[Annotation]) -> None:
        changes = [c for c in (self._try(self.store.delete, a.id) for a in anns) if c]
        self._push(changes, "Delete note" if len(changes) == 1 else f"Delete {len(changes)} notes")
        if changes:
            self.window.show_message(f"Deleted {len(changes)} note{'s' * (len(changes) != 1)}. "
                                     "Ctrl+Z brings back.")

    def reattach(self, a: Annotation) -> None:
        """Put a (typically orphaned) note on the reader's selection in its passage."""
        sel = self.reader.selection()
        if sel is None or sel.passage_id != a.passage_id:
            self.open_annotation(a, focus_reader=True)
            self.window.show_message(f"Select the new text in {a.citation or a.passage_id}, "
                                     "then choose Re-attach again (Ctrl+Shift+J).")
            return
        change = self._try(self.store.reattach, a.id, sel.start, sel.end)
        self._push([change] if change else [], "Re-attach note")

    def _targets(self) -> list[Annotation]:
        """What Edit/Delete/Re-attach act on: the notes list's selection, else the reader's."""
        focus = QApplication.focusWidget()
        if focus is self.panel.list or (focus is not self.reader and self.panel.selected()):
            return self.panel.selected()
        return reader_layer.at_cursor(self.reader, self.visible, self.store)[:1]

    def edit_current(self) -> None:
        targets = self._targets()
        if targets:
            self.edit(targets[0])
        else:
            self.window.show_message("There is no note here to edit.")

    def delete_current(self) -> None:
        targets = self._targets()
        self.delete(targets) if targets else self.window.show_message("There is no note here.")

    def reattach_current(self) -> None:
        targets = self.panel.selected()
        if targets:
            self.reattach(targets[0])
        else:
            self.window.show_message("Choose a note in the notes panel to re-attach.")

    # panel, authors, preferences, files ---------------------------------------------------

    def open_annotation(self, a: Annotation, focus_reader: bool = False) -> None:
        self.window.open_passage(a.passage_id)
        span = reader_layer.span_of(a, self.store)
        where = self.reader.map.by_id.get(a.passage_id)
        if span and where and not a.selectors.whole_passage:
            cursor = self.reader.textCursor()  # on the highlight: F2 and Delete act on it
            cursor.setPosition(where.pos_at(span[0]))
            self.reader.setTextCursor(cursor)
        if a.orphaned:
            self.window.show_message("This note's text changed in the documents: select the "
                                     "new text and choose Re-attach (Ctrl+Shift+J).", 10000)
        if not focus_reader:
            self.panel.list.setFocus()

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.list.setFocus()

    def review_orphans(self) -> None:
        self.show_panel()
        self.panel.review_button.setChecked(True)

    def fill_authors_menu(self) -> None:
        assert self.authors_menu is not None
        self.authors_menu.clear()
        hidden = self.store.hidden_creators()
        me = self.store.display_name()
        for name, n in self.store.creators():
            a = QAction(f"{name}{' (you)' if name == me else ''}  ({n})", self.authors_menu,
                        checkable=True, checked=name not in hidden)
            a.toggled.connect(lambda on, name=name: self.set_author_shown(name, on))
            self.authors_menu.addAction(a)
        if self.authors_menu.isEmpty():
            self.authors_menu.addAction("No notes yet").setEnabled(False)

    def set_author_shown(self, name: str, shown: bool) -> None:
        hidden = set(self.store.hidden_creators())
        hidden.discard(name) if shown else hidden.add(name)
        self.store.set_hidden_creators(hidden)
        self.window.bus.changed.emit(Changes(settings=True, source=self))

    def preferences(self) -> NotesPreferences:
        dialog = NotesPreferences(self.window, self.store.display_name(), self.store.colors())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._apply_preferences(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _apply_preferences(self, dialog: NotesPreferences) -> None:
        self.store.set_display_name(dialog.name_edit.text())
        old = {c.key: c.name for c in self.store.colors()}
        renames = [(k, old[k], new) for k, new in dialog.color_names().items()
                   if new and new != old.get(k)]
        stack = self.window.undo_stack
        if len(renames) > 1:
            stack.beginMacro("Rename colours")
        for key, before, after in renames:
            if self._try(self.store.rename_color, key, after) is not None:
                stack.push(RenameColorCommand(self.store, key, before, after, self._changed))
        if len(renames) > 1:
            stack.endMacro()
        self.window.bus.changed.emit(Changes(settings=True, source=self))

    def export(self, what: str, path: Path | None = None, fmt: str | None = None) -> Job | None:
        anns = (self.panel.proxy.annotations() if what == "shown"
                else self.store.find(AnnotationFilter(order="document")))
        return self.files.export(anns, what, path, fmt)

    def import_(self, path: Path | None = None) -> Job | None:
        return self.files.import_(path)

    # the reader's context menu ------------------------------------------------------------

    def _context_menu(self, menu: QMenu, ctx: PassageContext) -> None:
        menu.addSeparator()
        if ctx.selection is not None:
            sub = menu.addMenu("Highlight")
            for c in self.store.colors():
                a = self.actions[f"highlight_{c.key}"]
                sub.addAction(swatch(c.rgb), c.name, a.trigger).setShortcut(a.shortcut())
            menu.addAction(self.actions["add_note"])
        menu.addAction(self.actions["annotate_passage"])
        for a in reader_layer.at_cursor(self.reader, self.visible, self.store)[:3]:
            what = f"“{a.quote[:30]}…”" if len(a.quote) > 30 else (f"“{a.quote}”" if a.quote
                                                                      else "passage note")
            menu.addAction(f"Edit note on {what}…", lambda a=a: self.edit(a))
            menu.addAction(f"Delete note on {what}", lambda a=a: self.delete([a]))
