"""The status bar's right-hand side: what runs in the background, with progress and cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from .jobs import Job, JobRunner


class JobsIndicator(QWidget):
    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton(text="Cancel", autoRaise=True)
        self.cancel.clicked.connect(runner.cancel_all)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        runner.started.connect(self._started)
        runner.finished.connect(lambda _job: self._refresh())
        self.hide()

    def _started(self, job: Job) -> None:
        job.progress.connect(lambda *_a: self._refresh())
        self._refresh()

    def _refresh(self) -> None:
        jobs = self.runner.jobs
        if not jobs:
            self.hide()
            return
        job = jobs[0]
        done, total, message = job.last_progress
        more = f" (+{len(jobs) - 1})" if len(jobs) > 1 else ""
        self.label.setText(f"{message}{more}")
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # busy
        self.show()
