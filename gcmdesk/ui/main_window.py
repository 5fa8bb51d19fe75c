"""The main window."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow

from ..core.library import Library


class MainWindow(QMainWindow):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.setWindowTitle("gcmdesk — Global Compact for Migration reference")
        self.documents = QListWidget()
        for doc in library.ref.documents():
            item = QListWidgetItem(f"{doc.short_title}  ·  {doc.cite_name}  ·  {doc.date}")
            item.setToolTip(doc.title)
            self.documents.addItem(item)
        self.setCentralWidget(self.documents)
        self.resize(1100, 720)
