"""The Notes menu: every annotation command as a QAction with a shortcut.

Also puts "Notes panel" in the View menu and builds the "Show notes by" author submenu.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from .dialogs import swatch

if TYPE_CHECKING:
    from .controller import AnnotationsUI

COLOR_KEYS = ("Alt+1", "Alt+2", "Alt+3", "Alt+4", "Alt+5")


def build_menu(ui: AnnotationsUI) -> dict[str, QAction]:
    w = ui.window
    acts: dict[str, QAction] = {}

    def act(name: str, text: str, slot: Callable[[], object], *keys: str,
            context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
        a = QAction(text, w)
        a.setShortcuts([QKeySequence(k) for k in keys])
        a.setShortcutContext(context)
        if keys:
            a.setToolTip(f"{text.replace('&', '').rstrip('…')}  ({keys[0]})")
        a.triggered.connect(lambda _checked=False: slot())
        if context == Qt.ShortcutContext.WindowShortcut:
            w.addAction(a)
        acts[name] = a
        return a

    menu = QMenu("&Notes", w)
    menu.addAction(act("highlight", "&Highlight selection", lambda: ui.highlight(None), "Ctrl+H"))
    colors_menu = menu.addMenu("Highlight &as")
    for i, c in enumerate(ui.store.colors()):
        a = act(f"highlight_{c.key}", c.name, lambda k=c.key: ui.highlight(k), COLOR_KEYS[i])
        a.setIcon(swatch(c.rgb))
        colors_menu.addAction(a)
    menu.addAction(act("add_note", "Add &note…", ui.annotate, "Ctrl+Shift+M"))
    menu.addAction(act("annotate_passage", "Annotate whole &passage…", ui.annotate_passage,
                       "Ctrl+Shift+H"))
    menu.addSeparator()
    menu.addAction(act("edit_note", "&Edit note…", ui.edit_current, "F2"))
    # Delete: only where a note is meant (the reader, the notes list), never in a text field
    delete = act("delete_note", "&Delete note", ui.delete_current, "Del",
                 context=Qt.ShortcutContext.WidgetShortcut)
    menu.addAction(delete)
    w.reader.addAction(delete)
    ui.panel.list.addAction(delete)
    menu.addAction(act("reattach_note", "&Re-attach note to selection", ui.reattach_current,
                       "Ctrl+Shift+J"))
    menu.addSeparator()
    menu.addAction(act("show_notes", "Notes &panel", ui.show_panel, "Ctrl+Shift+A"))
    menu.addAction(act("review_orphans", "Re&view orphaned notes", ui.review_orphans,
                       "Ctrl+Alt+R"))
    ui.authors_menu = menu.addMenu("Show notes &by")
    ui.authors_menu.aboutToShow.connect(ui.fill_authors_menu)
    menu.addSeparator()
    menu.addAction(act("export_all", "E&xport all notes…", lambda: ui.export("all"),
                       "Ctrl+Alt+E"))
    menu.addAction(act("export_shown", "Export &shown notes…", lambda: ui.export("shown"),
                       "Ctrl+Alt+Shift+E"))
    menu.addAction(act("import_notes", "&Import notes…", ui.import_, "Ctrl+Alt+I"))
    menu.addSeparator()
    menu.addAction(act("notes_preferences", "Notes p&references…", ui.preferences, "Ctrl+,"))

    bar = w.menuBar()
    menus = {a.text().replace("&", ""): a for a in bar.actions() if a.menu()}
    before = menus.get("Help")
    if before is not None:
        bar.insertMenu(before, menu)
    else:
        bar.addMenu(menu)
    view = menus.get("View")
    if view is not None:
        view_menu = view.menu()
        assert isinstance(view_menu, QMenu)
        view_menu.addAction(acts["show_notes"])
    ui.menu = menu
    return acts


def rename_color_actions(ui: AnnotationsUI) -> None:
    """Menu texts follow the colour names (which the user can change)."""
    for c in ui.store.colors():
        a = ui.actions.get(f"highlight_{c.key}")
        if a is not None:
            a.setText(c.name)
