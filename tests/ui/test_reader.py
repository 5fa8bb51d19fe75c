"""The reader: rendering, passage offsets, copy with citation, highlights, footnotes, font size."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from gcmdesk.core.library import Library
from gcmdesk.ui.main_window import MainWindow
from gcmdesk.ui.widgets.reader import Highlight, PassageContext, Reader
from gcmdesk.ui.widgets.reader_html import margin_label

PID = "a-72-643/para-44"


def test_every_passage_maps_back_to_its_exact_text(qtbot: QtBot, library: Library) -> None:
    reader = Reader(library.ref)
    qtbot.addWidget(reader)
    for doc in library.ref.documents():
        reader.show_document(doc.id)
        passages = library.ref.passages(doc.id)
        assert set(reader.map.by_id) == {p.id for p in passages}
        for p in passages:
            reader.select_range(p.id, 0, len(p.text))
            sel = reader.selection()
            assert sel is not None and (sel.passage_id, sel.start, sel.end, sel.text) == (
                p.id, 0, len(p.text), p.text)


def test_offsets_skip_footnote_markers(qtbot: QtBot, library: Library) -> None:
    reader = Reader(library.ref)
    qtbot.addWidget(reader)
    reader.show_document("a-72-643")
    p = library.ref.passage(PID)
    fn = p.footnotes[0]  # its marker sits in the text at fn.offset
    reader.select_range(PID, fn.offset - 6, fn.offset + 6)
    sel = reader.selection()
    assert sel.text == p.text[fn.offset - 6:fn.offset + 6]
    on_screen = reader.textCursor().selectedText()  # the marker is in the document...
    assert on_screen == p.text[fn.offset - 6:fn.offset] + str(fn.number) + p.text[
        fn.offset:fn.offset + 6]  # ...but not in the offsets
    assert reader.footnote_text(fn.id).startswith(f"{fn.number}. ")


def test_copy_with_citation(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    w.open_passage(PID)
    p = w.library.ref.passage(PID)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == f"“{p.text}” (A/72/643, para. 44)"
    # a selection inside the passage is quoted alone, with the same citation
    w.reader.select_range(PID, 0, len("Another symptom"))
    w.actions_["copy_citation"].trigger()
    assert QGuiApplication.clipboard().text() == "“Another symptom” (A/72/643, para. 44)"


def test_context_menu_providers_get_the_passage(qtbot: QtBot, browse_window: MainWindow) -> None:
    seen: list[PassageContext] = []

    def provider(menu: QMenu, ctx: PassageContext) -> None:
        seen.append(ctx)
        menu.addAction("Highlight")

    r = browse_window.reader
    r.add_context_menu_provider(provider)
    browse_window.open_passage(PID)
    r.select_range(PID, 8, 15)
    ctx = r.context_for_position(r.map.by_id[PID].pos_at(10))
    menu = r.build_context_menu(ctx)
    assert ctx is not None and ctx.passage.id == PID
    assert (ctx.selection.start, ctx.selection.end, ctx.selection.text) == (8, 15, "symptom")
    texts = [a.text() for a in menu.actions()]
    assert {"Copy with citation", "Open objective 13", "Highlight"} <= set(texts)
    assert seen and seen[-1].passage.id == PID


def test_extra_highlight_layers(qtbot: QtBot, library: Library) -> None:
    reader = Reader(library.ref)
    qtbot.addWidget(reader)
    reader.show_document("a-72-643")
    reader.set_highlights("notes", [Highlight(PID, 0, 7, QColor("#a5d6a7"))])
    reader.set_highlights("other", [Highlight(PID, 8, 15, QColor("#90caf9"))], z=5)
    sels = reader.extraSelections()
    assert [s.cursor.selectedText() for s in sels] == ["Another", "symptom"]
    reader.clear_highlights("notes")
    assert [s.cursor.selectedText() for s in reader.extraSelections()] == ["symptom"]


def test_links_open_objectives_and_never_the_web(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    w.open_passage(PID)
    w.reader.anchorClicked.emit(QUrl("gcmdesk:objective/13"))
    assert w.center.currentWidget() is w.objective_view and w.objective_view.number == 13
    w.reader.anchorClicked.emit(QUrl("http://example.org/"))
    assert "offline" in w.statusBar().currentMessage()


def test_font_size_keys(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    start = w.reader.font_size
    qtbot.keyClick(w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.reader.font_size == start + 1
    qtbot.keyClick(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert w.reader.font_size == start - 1
    assert w.library.user.setting("reader.font_size") == start - 1


def test_margin_labels() -> None:
    from gcmdesk.core.refdb import Passage

    def p(kind: str, number: str | None) -> Passage:
        return Passage("d/x", "d", None, None, 1, kind, number, None, "c", "t", "ok", None, "")

    assert margin_label(p("paragraph", "44")) == "44"
    assert margin_label(p("sub_item", "4(a)")) == "(a)"
    assert margin_label(p("list_item", "5•1")) == "•"
    assert margin_label(p("list_item", "T3")) == "3."
    assert margin_label(p("salutation", None)) == ""


def test_keys_reach_the_window_while_the_reader_has_focus(qtbot: QtBot,
                                                         browse_window: MainWindow) -> None:
    w = browse_window
    w.open_passage(PID)
    w.reader.setFocus()
    start = w.reader.font_size
    qtbot.keyClick(w.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.reader.font_size == start + 1  # our zoom, not QTextEdit's own
    w.open_objective(5)
    w.objective_view.setFocus()
    qtbot.keyClick(w.objective_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.center.currentWidget() is w.reader


def test_reader_follows_a_dark_palette(qtbot: QtBot, browse_window: MainWindow) -> None:
    from PySide6.QtGui import QPalette

    from gcmdesk.ui.theme import colors

    w = browse_window
    w.open_passage(PID)
    light_css = w.reader.document().defaultStyleSheet()
    dark = QPalette(w.palette())
    for role, color in ((QPalette.ColorRole.Base, "#1e1f22"), (QPalette.ColorRole.Text, "#dfe1e5"),
                        (QPalette.ColorRole.Window, "#2b2d30")):
        dark.setColor(role, QColor(color))
    w.setPalette(dark)
    qtbot.waitUntil(lambda: w.reader.document().defaultStyleSheet() != light_css)
    css = w.reader.document().defaultStyleSheet()
    assert "#dfe1e5" in css and colors(w.reader.palette()).dark
    # the opened passage keeps its place and its tint, recoloured for the dark ground
    assert w.reader.map.by_id[PID] and w.reader._layers["focus"][1][0].color == colors(
        w.reader.palette()).focus_bg
    w.setPalette(QPalette())


def test_footnote_marker_shows_the_footnote_on_hover_and_click(qtbot: QtBot,
                                                              browse_window: MainWindow) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QToolTip

    r = browse_window.reader
    browse_window.open_passage(PID)
    fn = browse_window.library.ref.passage(PID).footnotes[0]
    span = r.map.by_id[PID]
    marker = span.pos_at(fn.offset, at_end=True)  # the marker follows the text before it
    cursor = QTextCursor(r.document())
    cursor.setPosition(marker + 1)
    rect = r.cursorRect(cursor)
    point = rect.center() - QPoint(3, 0)
    assert r.anchorAt(point) == f"gcmdesk:footnote/{fn.id}"
    QApplication.sendEvent(r.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                    r.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith(f"{fn.number}. {fn.text[:30]}")
    QToolTip.hideText()
    r.anchorClicked.emit(QUrl(f"gcmdesk:footnote/{fn.id}"))  # a click shows it too
    qtbot.waitUntil(QToolTip.isVisible)
    assert fn.text[:30] in QToolTip.text()
