"""Export the current briefing to PDF on the job runner, and open the result in the system viewer.

The composer's footer shows the paper size (saved with the briefing), the Export button, and
while an export runs a progress bar with Cancel; afterwards a line with the file and Open / Show
folder links. The folder of the last export is remembered in the user's settings.
"""

from __future__ import annotations

import re
from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import GcmdeskError
from ...core.export.pdf import ExportCancelled, export_briefing_pdf
from ..jobs import Job, JobRunner
from .composer import Composer

EXPORT_DIR_SETTING = "briefing.export_dir"
PAPERS = (("A4", "A4"), ("Letter", "US Letter"))
EMPTY_MESSAGE = ("This briefing has no items yet. Add passages, recommendations or objectives "
                 "(Ctrl+B, the reader's context menu, or drag search results here), then export.")


def file_name(title: str) -> str:
    """A safe, readable file name for a briefing title."""
    stem = re.sub(r"\s+", "-", re.sub(r"[^\w\- ]+", "", title).strip())[:80]
    return f"{stem or 'briefing'}.pdf"


class ExportPanel(QWidget):
    """The composer's footer: paper, Export; progress and Cancel; the result with Open."""

    exported = Signal(object)  # Path

    def __init__(self, composer: Composer, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.composer, self.jobs, self.store = composer, jobs, composer.store
        self.job: Job | None = None
        self.last_path: Path | None = None
        self.paper = QComboBox()
        self.paper.setToolTip("Paper size of the PDF (saved with the briefing)")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.activated.connect(
            lambda i: composer.set_paper(str(self.paper.itemData(i))))
        self.button = QPushButton("Export PDF…")
        self.button.setDefault(False)
        self.button.clicked.connect(lambda: self.export())
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.cancel = QToolButton(text="Cancel", autoRaise=True)
        self.cancel.clicked.connect(self.cancel_export)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setOpenExternalLinks(False)
        self.info.linkActivated.connect(self._on_link)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Paper:"))
        row.addWidget(self.paper)
        row.addStretch(1)
        row.addWidget(self.progress, 2)
        row.addWidget(self.cancel)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.info)
        layout.addLayout(row)
        self._running(False)
        self.info.hide()
        composer.bus.changed.connect(lambda _c: self.sync())
        self.sync()

    def sync(self) -> None:
        """Follow the composer's briefing: its paper size, and whether there is one."""
        b = self.composer.current_briefing()
        self.paper.setCurrentIndex(max(self.paper.findData(b.paper_size if b else "A4"), 0))
        self.paper.setEnabled(b is not None)
        self.button.setEnabled(b is not None and self.job is None)

    @property
    def export_dir(self) -> Path:
        saved = self.store.user.setting(EXPORT_DIR_SETTING)
        if isinstance(saved, str) and Path(saved).is_dir():
            return Path(saved)
        docs = Path.home() / "Documents"
        return docs if docs.is_dir() else Path.home()

    def export(self, target: Path | None = None) -> Job | None:
        """Ask where (unless ``target``), then write the PDF in the background."""
        c = self.composer
        c.commit_comment()
        c.cover.commit()
        b = c.current_briefing()
        if b is None:
            self.say("Create a briefing first: Briefing → New briefing…", error=True)
            return None
        if self.job is not None:
            self.say("An export is already running.", error=True)
            return None
        if b.item_count == 0:
            self.say(EMPTY_MESSAGE, error=True)
            return None
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Export briefing as PDF", str(self.export_dir / file_name(b.title)),
                "PDF documents (*.pdf)")
            if not chosen:
                return None
            target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            rb = self.store.load(b.id)
        except GcmdeskError as exc:
            self.say(str(exc), error=True)
            return None
        self.info.hide()
        self._running(True)
        self.job = self.jobs.run(partial(export_briefing_pdf, rb, target, b.paper_size),
                                 label=f"Exporting “{b.title}”", on_done=self._done,
                                 on_error=self._failed, on_progress=self._progress)
        return self.job

    def cancel_export(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def open_last(self) -> bool:
        """Open the last exported PDF with the system's viewer (a local file, never a URL)."""
        if self.last_path is None or not self.last_path.is_file():
            self.say("Nothing exported yet in this session.", error=True)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))

    def show_folder(self) -> bool:
        if self.last_path is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path.parent)))

    def say(self, text: str, error: bool = False, rich: bool = False) -> None:
        self.info.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.info.setText(text)
        self.info.setProperty("error", error)
        self.info.setStyleSheet("color: #b3261e;" if error else "")
        self.info.show()
        self.composer.message.emit(re.sub(r"<[^>]+>", "", text))

    def _progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        self.cancel.setVisible(running)
        self.button.setEnabled(not running and self.composer.bid is not None)

    def _done(self, path: Path) -> None:
        self.job = None
        self._running(False)
        self.last_path = path
        self.store.user.set_setting(EXPORT_DIR_SETTING, str(path.parent))
        size = path.stat().st_size / 1024
        self.say(f"Saved <b>{escape(path.name)}</b> ({size:,.0f} KB) in {escape(str(path.parent))}"
                 " — <a href='open'>Open</a> · <a href='folder'>Show folder</a>", rich=True)
        self.exported.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._running(False)
        if isinstance(exc, ExportCancelled):
            self.say("Export cancelled; no file was written.")
        elif isinstance(exc, GcmdeskError):
            self.say(str(exc), error=True)
        else:
            self.say(f"The export failed: {exc}", error=True)

    def _on_link(self, href: str) -> None:
        if href == "open":
            self.open_last()
        elif href == "folder":
            self.show_folder()
