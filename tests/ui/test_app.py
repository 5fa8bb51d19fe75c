"""Application start-up, help dialogs, and the index job as the app runs it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gcmdesk.core.library import Library
from gcmdesk.ui.dialogs import AboutDialog, about_text, shortcuts_html
from gcmdesk.ui.main_window import MainWindow


def test_about_names_version_and_data_version(browse_window: MainWindow,
                                              library: Library) -> None:
    text = about_text(library)
    assert "gcmdesk 0." in text
    assert library.ref.content_hash[:12] in text


def test_about_lists_licences(qtbot: QtBot, browse_window: MainWindow, library: Library) -> None:
    dialog = AboutDialog(library, browse_window)
    qtbot.addWidget(dialog)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any(n.startswith("PySide6") and "LGPL-3.0" in n for n in names)
    assert any(n.startswith("reportlab") for n in names)
    assert any(n.startswith("Whoosh") for n in names)
    qt_row = next(i for i, n in enumerate(names) if n.startswith("PySide6"))
    dialog.list.setCurrentRow(qt_row)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence.toPlainText()


def test_shortcuts_dialog_lists_the_menus(browse_window: MainWindow) -> None:
    html = shortcuts_html(browse_window.menuBar())
    for words in ("Copy with citation", "Ctrl+Shift+C", "Back", "Alt+Left", "Ctrl+K",
                  "Larger text"):
        assert words in html


def test_window_shows_before_the_index_is_ready(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    assert w.isVisible() and w.reader.doc_id  # browsing works with no index
    w.start_background_work()
    assert w.jobs.busy or w.search.ready  # the index is prepared in the background
    qtbot.waitUntil(lambda: w.search.ready, timeout=60_000)
    assert (w.library.paths.index_dir).is_dir()
    assert not w.jobs_indicator.isVisible()


def test_rebuild_index_action(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_["rebuild_index"].trigger()
    assert not window.search.ready
    qtbot.waitUntil(lambda: window.search.ready, timeout=60_000)
    window.search.set_query("remittances")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
