"""Help dialogs: keyboard shortcuts (built from the menus, so it is never out of date), About."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMenuBar,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.about import about_info, components
from ..core.library import Library


def shortcuts_html(menubar: QMenuBar) -> str:
    rows = []
    for menu_action in menubar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        entries = []
        for a in menu.actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()]
            if a.isSeparator() or not keys:
                continue
            entries.append(f"<tr><td style='padding: 2px 24px 2px 8px'>"
                           f"{escape(a.text().replace('&', ''))}</td>"
                           f"<td style='padding: 2px 8px'><b>{escape(' or '.join(keys))}</b>"
                           "</td></tr>")
        if entries:
            title = escape(menu_action.text().replace("&", ""))
            rows.append(f"<tr><td colspan='2' style='padding: 10px 0 4px 0'><b>{title}</b>"
                        f"</td></tr>{''.join(entries)}")
    extra = ("<tr><td colspan='2' style='padding: 10px 0 4px 0'><b>In the search panel</b></td>"
             "</tr><tr><td style='padding: 2px 24px 2px 8px'>Open the selected result</td>"
             "<td style='padding: 2px 8px'><b>Enter</b></td></tr>"
             "<tr><td style='padding: 2px 24px 2px 8px'>Move through results</td>"
             "<td style='padding: 2px 8px'><b>Up / Down</b></td></tr>"
             "<tr><td style='padding: 2px 24px 2px 8px'>Clear the search</td>"
             "<td style='padding: 2px 8px'><b>Esc</b></td></tr>"
             "<tr><td colspan='2' style='padding: 10px 0 4px 0'><b>In the notes panel</b></td>"
             "</tr><tr><td style='padding: 2px 24px 2px 8px'>Open the note's passage</td>"
             "<td style='padding: 2px 8px'><b>Click or Enter</b></td></tr>"
             "<tr><td style='padding: 2px 24px 2px 8px'>Edit the note</td>"
             "<td style='padding: 2px 8px'><b>F2 or double-click</b></td></tr>"
             "<tr><td style='padding: 2px 24px 2px 8px'>Delete the selected notes</td>"
             "<td style='padding: 2px 8px'><b>Del</b></td></tr>"
             "<tr><td colspan='2' style='padding: 10px 0 4px 0'><b>In the note dialog</b></td>"
             "</tr><tr><td style='padding: 2px 24px 2px 8px'>Choose a colour</td>"
             "<td style='padding: 2px 8px'><b>Alt+1 … Alt+5</b></td></tr>"
             "<tr><td style='padding: 2px 24px 2px 8px'>Save</td>"
             "<td style='padding: 2px 8px'><b>Ctrl+Enter</b></td></tr>"
             + _BRIEFING_ROWS)
    return f"<table cellspacing='0'>{''.join(rows)}{extra}</table>"


# what the Briefing menu cannot show: the mouse, and keys that work in the composer's tree
_BRIEFING_ROWS = ("<tr><td colspan='2' style='padding: 10px 0 4px 0'><b>In the briefing "
                  "composer</b></td></tr>" + "".join(
                      f"<tr><td style='padding: 2px 24px 2px 8px'>{what}</td>"
                      f"<td style='padding: 2px 8px'><b>{keys}</b></td></tr>" for what, keys in (
                          ("Add the selected search result (or the passage read)", "Ctrl+B"),
                          ("Add search results", "Drag them into the composer"),
                          ("Reorder items and headings", "Drag, or Ctrl+Up / Ctrl+Down"),
                          ("Open the item in the reader", "Enter or double-click"),
                          ("Rename a heading", "Shift+F2 or double-click"),
                          ("Remove the selected items (or heading)", "Del"))))


class ShortcutsDialog(QDialog):
    def __init__(self, menubar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.browser = QTextBrowser()
        self.browser.setHtml(shortcuts_html(menubar))
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(460, 560)


def about_text(library: Library) -> str:
    info = about_info(library.ref)
    content = info["data"]["content_hash"][:12]
    built = info["data"]["built_at"].replace("T", " ").replace("Z", " UTC")
    return (f"<h3>gcmdesk {escape(__version__)}</h3>"
            "<p>An offline reference for the Global Compact for Safe, Orderly and Regular "
            "Migration: five UN documents split into citable passages, the 23 objectives, the "
            "guiding principles and the recommendations found in the texts.</p>"
            f"<p>Data version <b>{escape(content)}</b> (reference content hash), built "
            f"{escape(built)}.</p>"
            f"<p>Your data: {escape(str(library.paths.data_dir))}</p>"
            "<p>gcmdesk never opens a network connection. MIT licence. It bundles the "
            "components below; select one to read its licence.</p>")


class AboutDialog(QDialog):
    """Version, data version, and the bundled components with their licence texts."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About gcmdesk")
        header = QLabel(about_text(library))
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.RichText)
        self.components = components()
        self.list = QListWidget()
        for c in self.components:
            self.list.addItem(f"{c.name} {c.version} — {c.license} ({c.role})")
        self.licence = QPlainTextEdit(readOnly=True)
        self.list.currentRowChanged.connect(self._show_licence)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.licence, 2)
        layout.addWidget(buttons)
        self.resize(640, 640)

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.licence.setPlainText(self.components[row].licence_text())


def show_about(library: Library, parent: QWidget) -> None:
    AboutDialog(library, parent).exec()
