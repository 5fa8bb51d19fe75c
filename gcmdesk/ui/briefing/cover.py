"""The briefing's cover details: title, meeting, date, author, classification, introduction.

Each field reports one edit when it is finished (Enter or leaving the field; the introduction
when it loses the focus): ``edited(field, value)``. ``set_briefing`` fills the form silently.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...core.briefing import DEFAULT_CLASSIFICATION, Briefing

CLASSIFICATIONS = (DEFAULT_CLASSIFICATION, "Restricted", "Confidential", "Unclassified",
                   "Draft — not for circulation")
LINE_FIELDS = (("title", "Title", "Briefing note title"),
               ("meeting", "Meeting", "Meeting or consultation, e.g. IMRF 2026"),
               ("date", "Date", "e.g. 2026-05-05 (printed as 5 May 2026)"),
               ("author", "Author", "Author or delegation"))


class CoverForm(QWidget):
    edited = Signal(str, str)  # field, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._briefing: Briefing | None = None
        self.lines: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 2, 0, 2)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, hint in LINE_FIELDS:
            edit = QLineEdit(placeholderText=hint)
            edit.setObjectName(f"briefing_{name}")
            edit.editingFinished.connect(lambda name=name: self._finished(name))
            self.lines[name] = edit
            form.addRow(f"{label}:", edit)
        self.classification = QComboBox(editable=True)
        self.classification.addItems(CLASSIFICATIONS)
        self.classification.setToolTip("The classification line printed on every page")
        line = self.classification.lineEdit()
        assert line is not None
        line.editingFinished.connect(lambda: self._finished("classification"))
        self.classification.activated.connect(lambda _i: self._finished("classification"))
        form.addRow("Classification:", self.classification)
        self.introduction = QPlainTextEdit()
        self.introduction.setPlaceholderText("Optional introduction, printed before the items")
        self.introduction.setTabChangesFocus(True)
        self.introduction.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.introduction.installEventFilter(self)
        form.addRow("Introduction:", self.introduction)

    def set_briefing(self, b: Briefing | None) -> None:
        self._briefing = b
        for name, edit in self.lines.items():
            value = getattr(b, name) if b else ""
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)
        self.classification.setCurrentText(b.classification if b else "")
        intro = b.introduction if b else ""
        if self.introduction.toPlainText() != intro:
            self.introduction.setPlainText(intro)
        self.setEnabled(b is not None)

    def value(self, name: str) -> str:
        if name == "classification":
            return self.classification.currentText().strip()
        if name == "introduction":
            return self.introduction.toPlainText().strip()
        return self.lines[name].text().strip()

    def commit(self) -> None:
        """Report every field that differs from the briefing (before an export, say)."""
        for name in (*self.lines, "classification", "introduction"):
            self._finished(name)

    def _finished(self, name: str) -> None:
        b = self._briefing
        if b is None:
            return
        value = self.value(name)
        if value == getattr(b, name):
            return
        if name == "title" and not value:  # a briefing needs a title: put it back
            self.lines["title"].setText(b.title)
            return
        self.edited.emit(name, value)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.introduction and event.type() == QEvent.Type.FocusOut:
            self._finished("introduction")
        return super().eventFilter(obj, event)
