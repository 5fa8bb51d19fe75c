"""The talking-points editor under the composer's tree: the selected item's commentary.

It only edits text; ``finished`` fires when a typing pause ends or the editor loses the focus,
and the composer then saves ``pending()`` as one undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.briefing_content import ResolvedItem

DEBOUNCE_MS = 800  # typing pauses this long: the talking points are saved


class TalkingPoints(QWidget):
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id: int | None = None
        self.stored = ""
        self.label = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("briefing_comment")
        self.editor.setPlaceholderText("Talking points or commentary for the selected item…")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.editor.installEventFilter(self)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.finished)
        self.editor.textChanged.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        self.show_item(None)

    def show_item(self, item: ResolvedItem | None) -> None:
        """Edit ``item``'s comment (the text is left alone if it already says that)."""
        self.timer.stop()
        self.item_id = item.item.id if item else None
        self.stored = item.comment if item else ""
        self.editor.blockSignals(True)
        if self.editor.toPlainText() != self.stored:
            self.editor.setPlainText(self.stored)
        self.editor.blockSignals(False)
        self.editor.setEnabled(item is not None)
        self.label.setText(f"Talking points — {item.number}. {item.citation}" if item
                           else "Talking points (select an item)")

    def pending(self) -> tuple[int, str] | None:
        """(item id, new text) if the editor differs from what is saved."""
        self.timer.stop()
        text = self.editor.toPlainText().rstrip()
        if self.item_id is None or text == self.stored:
            return None
        return self.item_id, text

    def _typed(self) -> None:
        if self.item_id is not None:
            self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.editor and event.type() == QEvent.Type.FocusOut:
            self.finished.emit()
        return super().eventFilter(obj, event)
