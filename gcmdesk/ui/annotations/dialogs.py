"""The annotate dialog (colour, note, tags) and the notes preferences (your name, colour names).

Both are opened with ``open()`` (window-modal, not blocking): the caller connects ``accepted``.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.annotations import Color
from ..theme import colors

QUOTE_CHARS = 400


def swatch(rgb: str | None, size: int = 14) -> QIcon:
    """A small rounded square in a highlight colour (an outline only for "no colour")."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(rgb) if rgb else QColor(0, 0, 0, 0)
    p.setBrush(fill)
    p.setPen(fill.darker(140) if rgb else QColor("#888888"))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pm)


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class TagCompleter(QCompleter):
    """Completes the tag being typed (after the last comma), keeping the ones before it."""

    def __init__(self, tags: list[str], edit: QLineEdit) -> None:
        super().__init__(QStringListModel(tags), edit)
        self.edit = edit
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def, override]
        done = self.edit.text().rsplit(",", 1)[0] if "," in self.edit.text() else ""
        return (f"{done}, " if done else "") + str(index.data()) + ", "


class AnnotateDialog(QDialog):
    """Colour (or none), note and tags for a new or an existing annotation."""

    delete_requested = Signal()

    def __init__(self, parent: QWidget, *, title: str, citation: str, quote: str | None,
                 palette: list[Color], color: str | None, note: str = "",
                 tags: tuple[str, ...] = (), known_tags: list[str] | None = None,
                 can_delete: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        muted = colors(self.palette()).muted.name()
        where = QLabel(f"<b>{_esc(citation)}</b>")
        shown = quote if quote else "The whole passage"
        if len(shown) > QUOTE_CHARS:
            shown = shown[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
        self.quote_label = QLabel(f"<i style='color:{muted}'>{_esc(shown)}</i>" if quote else
                                  f"<span style='color:{muted}'>{_esc(shown)}</span>")
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.color_group = QButtonGroup(self)
        grid = QGridLayout()
        grid.setSpacing(4)
        choices: list[tuple[str | None, str, str | None]] = [
            (c.key, c.name, c.rgb) for c in palette]
        choices.append((None, "No colour (note only)", None))
        for i, (key, name, rgb) in enumerate(choices):
            b = QToolButton(text=f" {name}", checkable=True, autoRaise=False)
            b.setIcon(swatch(rgb))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setProperty("color_key", key)
            b.setChecked(key == color)
            if i < 5:
                b.setToolTip(f"Alt+{i + 1}")
                QShortcut(QKeySequence(f"Alt+{i + 1}"), self, activated=b.click)
            self.color_group.addButton(b)
            grid.addWidget(b, i // 3, i % 3)

        self.note_edit = QPlainTextEdit(note)
        self.note_edit.setPlaceholderText("Your note (optional). Ctrl+Enter saves.")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(110)
        self.tags_edit = QLineEdit(", ".join(tags))
        self.tags_edit.setPlaceholderText("Tags, separated by commas")
        self.tags_edit.setCompleter(TagCompleter(known_tags or [], self.tags_edit))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if can_delete:
            delete = buttons.addButton("Delete", QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.clicked.connect(self._delete)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(where)
        layout.addWidget(self.quote_label)
        layout.addSpacing(4)
        layout.addWidget(QLabel("Highlight"))
        layout.addLayout(grid)
        layout.addWidget(QLabel("Note"))
        layout.addWidget(self.note_edit, 1)
        layout.addWidget(QLabel("Tags"))
        layout.addWidget(self.tags_edit)
        layout.addWidget(buttons)
        self.resize(520, 440)
        self.note_edit.setFocus()

    def color(self) -> str | None:
        checked: QAbstractButton | None = self.color_group.checkedButton()
        return checked.property("color_key") if checked is not None else None

    def set_color(self, key: str | None) -> None:
        for b in self.color_group.buttons():
            b.setChecked(b.property("color_key") == key)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip("\n")

    def tags(self) -> list[str]:
        return split_tags(self.tags_edit.text())

    def _delete(self) -> None:
        self.delete_requested.emit()
        self.reject()


class NotesPreferences(QDialog):
    """Your name on new annotations and exports, and the names of the five colours."""

    def __init__(self, parent: QWidget, display_name: str, palette: list[Color]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Notes preferences")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.name_edit = QLineEdit(display_name)
        self.name_edit.setPlaceholderText("Shown as the author of your notes")
        form = QFormLayout()
        form.addRow("Your &name:", self.name_edit)
        hint = QLabel("Colour names (shown in menus, the notes panel and exports):")
        hint.setWordWrap(True)
        colors_box = QVBoxLayout()
        colors_box.setSpacing(4)
        self.color_edits: dict[str, QLineEdit] = {}
        for c in palette:
            edit = QLineEdit(c.name)
            edit.setMaxLength(40)
            edit.addAction(swatch(c.rgb, 16), QLineEdit.ActionPosition.LeadingPosition)
            colors_box.addWidget(edit)
            self.color_edits[c.key] = edit
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(hint)
        layout.addLayout(colors_box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(420, 300)

    def color_names(self) -> dict[str, str]:
        return {key: " ".join(e.text().split()) for key, e in self.color_edits.items()}


def _esc(text: str) -> str:
    from html import escape

    return escape(text).replace("\n", "<br>")
