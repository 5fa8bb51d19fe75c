"""Start the desktop application: window first, then the search index in the background."""

from __future__ import annotations

import logging
import signal
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from .. import __version__
from ..core.errors import GcmdeskError
from ..core.library import Library
from ..core.paths import UserPaths
from .main_window import MainWindow

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("gcmdesk")
    app.setOrganizationName("gcmdesk")
    app.setApplicationDisplayName("gcmdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("gcmdesk")
    return app


def open_library(data_dir: str | None) -> Library:
    """Open the library; if the reference DB must be rebuilt first, show why it takes a moment."""
    dialog: QProgressDialog | None = None

    def progress(done: int, total: int, message: str) -> None:
        nonlocal dialog
        if dialog is None:
            dialog = QProgressDialog("Preparing the documents…", "", 0, max(total, 1))
            dialog.setWindowTitle("gcmdesk")
            dialog.setCancelButton(None)
            dialog.setMinimumDuration(300)
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(message or "Preparing the documents…")
        QApplication.processEvents()

    try:
        return Library.open(data_dir, progress=progress, backup=True)
    finally:
        if dialog is not None:
            dialog.close()


def install_excepthook(paths: UserPaths | None) -> None:
    """Unexpected errors: a short dialog for the user, the traceback in the log."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, exc, tb))
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        where = f" Details are in {paths.log_dir}." if paths else ""
        text = str(exc) if isinstance(exc, GcmdeskError) else (
            f"Something went wrong: {exc or kind.__name__}.{where}")
        sys.stderr.write("".join(traceback.format_exception(kind, exc, tb)))
        QMessageBox.warning(QApplication.activeWindow(), "gcmdesk", text)

    sys.excepthook = hook


def _setup_logging(paths: UserPaths) -> None:
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(paths.log_dir / "gcmdesk.log", encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("gcmdesk").addHandler(handler)
    logging.getLogger("gcmdesk").setLevel(logging.INFO)


def launch(data_dir: str | None = None) -> MainWindow | None:
    """Create the app and show the window; the index is prepared once the window is up."""
    app = create_app()
    paths = UserPaths.resolve(data_dir)
    _setup_logging(paths)  # first, so that a failed start is in the log too
    try:
        library = open_library(data_dir)
    except GcmdeskError as exc:
        log.error("cannot start: %s", exc)
        QMessageBox.critical(None, "gcmdesk cannot start",
                             f"{exc}\n\nThe log is in {paths.log_dir}.")
        return None
    install_excepthook(library.paths)
    window = MainWindow(library)
    window.show()
    QTimer.singleShot(0, window.start_background_work)
    app.aboutToQuit.connect(library.close)
    return window


def run_app(data_dir: str | None = None) -> int:
    window = launch(data_dir)
    if window is None:
        return 1
    # Ctrl+C in the terminal closes the window properly (Python sees signals between events)
    signal.signal(signal.SIGINT, lambda *_a: window.close())
    tick = QTimer(window, interval=500)
    tick.timeout.connect(lambda: None)
    tick.start()
    return QApplication.instance().exec()  # type: ignore[union-attr]
