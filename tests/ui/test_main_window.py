"""The main window, headless, on the real reference DB."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gcmdesk.core.library import Library
from gcmdesk.ui.main_window import MainWindow


def test_window_lists_the_documents(qtbot: QtBot, library: Library) -> None:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    texts = [window.documents.item(i).text() for i in range(window.documents.count())]
    assert len(texts) == 5
    assert any("A/72/643" in t for t in texts)
