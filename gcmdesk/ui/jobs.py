"""Run core functions off the GUI thread, with progress and cancel, results back on the GUI thread.

The core takes plain callbacks (``progress(done, total, message)``) and a ``threading.Event`` to
cancel; a :class:`Job` adapts them to Qt signals. Usage::

    job = window.jobs.run(library.ensure_index, label="Preparing search",
                          on_done=..., on_error=...)
    job.cancel()

``synchronous=True`` runs jobs inline (for logic tests that do not want threads).
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Job(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()  # after done or failed

    _sig_progress = Signal(int, int, str)
    _sig_done = Signal(object)
    _sig_failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], label: str) -> None:
        super().__init__()
        self.fn, self.args, self.label = fn, args, label
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.running = True
        self.last_progress: tuple[int, int, str] = (0, 0, label)
        # The worker emits the private signals; these slots run on the GUI thread (queued).
        self._sig_progress.connect(self._on_progress)
        self._sig_done.connect(self._on_done)
        self._sig_failed.connect(self._on_failed)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def execute(self) -> None:
        """Run ``fn`` here (the worker thread), reporting through the private signals."""
        kwargs: dict[str, Any] = {}
        params = _params(self.fn)
        if "progress" in params:
            kwargs["progress"] = lambda d, t, m="": self._emit(self._sig_progress, int(d),
                                                                int(t), str(m))
        if "cancel" in params:
            kwargs["cancel"] = self.cancel_event
        try:
            result = self.fn(*self.args, **kwargs)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            log.warning("job %r failed", self.label, exc_info=True)
            self._emit(self._sig_failed, exc)
        else:
            self._emit(self._sig_done, result)

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window (and this job) is gone: nobody left to tell
            self.cancel_event.set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.last_progress = (done, total, message or self.label)
        self.progress.emit(done, total, message or self.label)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.result, self.running = result, False
        self.done.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.error, self.running = exc, False  # type: ignore[assignment]
        self.failed.emit(exc)
        self.finished.emit()


def _params(fn: Callable[..., Any]) -> set[str]:
    try:
        return set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return set()


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.execute()


class JobRunner(QObject):
    """Starts jobs on its own thread pool (one thread by default: writes are serialised)."""

    started = Signal(object)  # Job
    finished = Signal(object)  # Job

    def __init__(self, parent: QObject | None = None, max_threads: int = 1,
                 synchronous: bool = False) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.synchronous = synchronous
        self.jobs: list[Job] = []

    def run(self, fn: Callable[..., Any], *args: Any, label: str = "Working",
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None) -> Job:
        job = Job(fn, args, label)
        if on_done:
            job.done.connect(on_done)
        if on_error:
            job.failed.connect(on_error)
        if on_progress:
            job.progress.connect(on_progress)
        job.finished.connect(lambda: self._forget(job))
        self.jobs.append(job)
        self.started.emit(job)
        if self.synchronous:
            job.execute()
        else:
            self.pool.start(_Runnable(job))
        return job

    def _forget(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        self.finished.emit(job)

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def cancel_all(self) -> None:
        for job in self.jobs:
            job.cancel()

    def shutdown(self, msecs: int = 5000) -> bool:
        """Cancel what runs and wait for the threads (at window close)."""
        self.cancel_all()
        return self.pool.waitForDone(msecs)
