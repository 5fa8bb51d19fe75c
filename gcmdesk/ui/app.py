"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..core.errors import GcmdeskError
from ..core.library import Library
from .main_window import MainWindow


def run_app(data_dir: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("gcmdesk")
    app.setOrganizationName("gcmdesk")
    app.setApplicationVersion(__version__)
    try:
        library = Library.open(data_dir)
    except GcmdeskError as exc:
        QMessageBox.critical(None, "gcmdesk cannot start", str(exc))
        return 1
    window = MainWindow(library)
    window.show()
    return app.exec()
