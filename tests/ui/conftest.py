"""UI fixtures: a real main window on the real reference DB, with a real index in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gcmdesk.core.library import Library
from gcmdesk.ui.main_window import MainWindow

INDEX_TIMEOUT_MS = 60_000


def make_window(qtbot: QtBot, library: Library, index: bool = True) -> MainWindow:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if index:
        window.start_background_work()
        qtbot.waitUntil(lambda: window.search.ready, timeout=INDEX_TIMEOUT_MS)
    return window


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    """The main window with its search index built and ready."""
    w = make_window(qtbot, library)
    yield w
    w.close()


@pytest.fixture
def browse_window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    """The main window without starting the index (for browsing-only tests)."""
    w = make_window(qtbot, library, index=False)
    yield w
    w.close()
