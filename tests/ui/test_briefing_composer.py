"""The briefing composer: adding (Ctrl+B, drop, context menu), reordering, talking points, undo."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gcmdesk.ui.briefing.composer import Composer
from gcmdesk.ui.briefing.refs import REFS_MIME, hit_ref, refs_from_mime, refs_mime
from gcmdesk.ui.dialogs import shortcuts_html
from gcmdesk.ui.main_window import MainWindow
from gcmdesk.ui.widgets.reader_types import PassageContext
from gcmdesk.ui.widgets.search_results import HIT_ROLE

P44, P45, P46 = "a-72-643/para-44", "a-72-643/para-45", "a-72-643/para-46"
CTRL = Qt.KeyboardModifier.ControlModifier


def refs(c: Composer) -> list[str]:
    """The current briefing's item refs in order, from the store (not the view)."""
    assert c.bid is not None
    return [i.item_ref for i in c.store.layout(c.bid).items]


def composer_with(w: MainWindow, *items: str) -> Composer:
    c = w.briefing.composer
    assert c.new_briefing("Detention briefing")
    assert c.add_refs(list(items))
    w.undo_stack.clear()
    w.briefing.show_composer()
    return c


def select_item(c: Composer, ref: str) -> None:
    item = next(i for i in c.model.briefing.items if i.item.item_ref == ref)
    flags = QItemSelectionModel.SelectionFlag  # not the view's: it reads stale modifier keys
    c.tree.selectionModel().setCurrentIndex(c.model.index_of_item(item.item.id),
                                            flags.ClearAndSelect | flags.Rows)


def drop(qtbot: QtBot, c: Composer, mime: QMimeData, pos: QPoint) -> None:
    """A drop as the view receives it at the end of a drag (enter, move, drop)."""
    vp = c.tree.viewport()
    action, buttons, mods = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, \
        Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(pos, action, mime, buttons, mods),
                  QDragMoveEvent(pos, action, mime, buttons, mods),
                  QDropEvent(pos.toPointF(), action, mime, buttons, mods)):
        QApplication.sendEvent(vp, event)


def test_ctrl_b_adds_the_selected_search_result_to_a_new_briefing(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    w, c = window, window.briefing.composer
    assert c.bid is None and not c.briefings
    w.search.set_query("alternatives to detention")
    qtbot.waitUntil(lambda: w.search.model.rowCount() > 2)
    w.search.list.setCurrentIndex(w.search.model.index(1))
    w.search.list.setFocus()
    qtbot.waitUntil(lambda: w.search.list.hasFocus())
    hit = w.search.model.index(1).data(HIT_ROLE)
    qtbot.keyClick(w.search.list, Qt.Key.Key_B, CTRL)
    assert c.bid is not None
    assert refs(c) == [hit_ref(hit).removeprefix("objective:")]
    assert c.model.briefing.items[0].citation == hit.citation
    # one step: Ctrl+Z takes back the item and the briefing made for it
    assert w.undo_stack.count() == 1
    w.undo_stack.undo()
    assert c.store.list_briefings() == [] and c.bid is None
    w.undo_stack.redo()
    assert refs(c) == [hit_ref(hit).removeprefix("objective:")]
    qtbot.keyClick(w.search.list, Qt.Key.Key_B, CTRL)  # twice: kept once
    assert len(refs(c)) == 1 and "Already in" in w.statusBar().currentMessage()


def test_dropping_search_results_into_the_composer(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    c = composer_with(w, P44, P45)
    w.search.set_query("remittance costs")
    qtbot.waitUntil(lambda: w.search.model.rowCount() > 3)
    hits = [w.search.model.index(i).data(HIT_ROLE) for i in range(4)]
    # the search results' own drag data
    first = w.search.model.mimeData([w.search.model.index(0)])
    assert refs_from_mime(first) == [hit_ref(hits[0])]
    # dropped onto the top edge of the first item: inserted before it
    rect = c.tree.visualRect(c.model.index_of_item(c.model.briefing.items[0].item.id))
    drop(qtbot, c, first, QPoint(rect.center().x(), rect.top() + 2))
    assert refs(c) == [hits[0].id, P44, P45]
    # dropped below everything: at the end; one undo step per drop
    second = w.search.model.mimeData([w.search.model.index(1)])
    drop(qtbot, c, second, QPoint(20, c.tree.viewport().height() - 5))
    assert refs(c) == [hits[0].id, P44, P45, hits[1].id]
    assert w.undo_stack.count() == 2
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert refs(c) == [P44, P45]


def test_drop_rules_of_the_model(browse_window: MainWindow) -> None:
    c = composer_with(browse_window, P44, P45, P46)
    m, root = c.model, c.model.index(0, 0)
    bad = QMimeData()
    bad.setText("not a reference")
    assert not m.canDropMimeData(bad, Qt.DropAction.CopyAction, 0, 0, root)
    assert m.canDropMimeData(refs_mime(["objective:7"]), Qt.DropAction.CopyAction, 1, 0, root)
    assert m.dropMimeData(refs_mime(["objective:7"]), Qt.DropAction.CopyAction, 1, 0, root)
    assert refs(c) == [P44, "7", P45, P46]
    # an unknown id is refused with a message, nothing added
    assert not m.dropMimeData(refs_mime(["a-72-643/para-9999"]), Qt.DropAction.CopyAction,
                              -1, 0, root)
    assert refs(c) == [P44, "7", P45, P46]
    # an internal drag (rows) moves, it does not add
    rows = m.mimeData([m.index_of_item(c.model.briefing.items[3].item.id)])
    assert rows.hasFormat(REFS_MIME)
    m.dropMimeData(rows, Qt.DropAction.MoveAction, 0, 0, root)
    assert refs(c) == [P46, P44, "7", P45]


def test_reorder_with_the_keyboard_and_the_model_and_undo(qtbot: QtBot,
                                                         browse_window: MainWindow) -> None:
    w = browse_window
    c = composer_with(w, P44, P45, P46)
    w.briefing.show_composer()
    select_item(c, P46)
    c.tree.setFocus()
    qtbot.waitUntil(c.tree.hasFocus)
    qtbot.keyClick(c.tree, Qt.Key.Key_Up, CTRL)
    assert refs(c) == [P44, P46, P45]
    assert c.model.item_at(c.tree.currentIndex()).item.item_ref == P46  # still selected
    qtbot.keyClick(c.tree, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(c.tree, Qt.Key.Key_Up, CTRL)  # already first: nothing
    assert refs(c) == [P46, P44, P45]
    root = c.model.index(0, 0)
    assert c.model.moveRow(root, 0, root, 3)  # the first to the end, as a view would ask
    assert refs(c) == [P44, P45, P46]
    assert c.model.moveRow(root, 2, root, 1)
    assert refs(c) == [P44, P46, P45]
    assert w.undo_stack.count() == 4
    for expected in ([P44, P45, P46], [P46, P44, P45], [P44, P46, P45]):
        w.undo_stack.undo()
        assert refs(c) == expected
    w.undo_stack.redo()
    assert refs(c) == [P46, P44, P45]


def test_headings_moves_across_them_and_group_by_objective(browse_window: MainWindow) -> None:
    w = browse_window
    c = composer_with(w, P44, P45, "objective:13")
    assert c.add_section("Detention")
    sid = c.model.sections()[0]
    select_item(c, "13")
    assert c.move_current(1)  # from the last row into the heading below
    layout = c.store.layout(c.bid)
    assert [(i.item_ref, i.section_id) for i in layout.items][-1] == ("13", sid)
    assert c.model.item_at(c.tree.currentIndex()).item.item_ref == "13"
    assert c.group_by_objective()
    assert any(t.startswith("Objective 13") for t in (g.title for g in c.model.groups))
    w.undo_stack.undo()  # grouping
    assert c.store.layout(c.bid) == layout
    w.undo_stack.undo()  # the move
    w.undo_stack.undo()  # the heading
    assert c.model.sections() == [] and refs(c) == [P44, P45, "13"]
    w.undo_stack.redo()
    assert len(c.model.sections()) == 1


def test_talking_points_are_saved_and_undoable(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    c = composer_with(w, P44, P45)
    select_item(c, P45)
    assert c.comment.isEnabled() and "para. 45" in c.comment_label.text()
    c.comment.setPlainText("Stress alternatives to detention.")
    assert c.commit_comment()
    c.comment.setPlainText("Stress alternatives to detention. Ask about funding.")
    c.comment.setFocus()
    qtbot.waitUntil(c.comment.hasFocus)
    c.tree.setFocus()  # leaving the editor saves too
    qtbot.waitUntil(lambda: w.undo_stack.count() == 1)
    item = next(i for i in c.store.layout(c.bid).items if i.item_ref == P45)
    assert item.comment == "Stress alternatives to detention. Ask about funding."
    assert w.undo_stack.count() == 1  # typing into one item's notes merges
    # another item: its own notes, its own step
    select_item(c, P44)
    assert c.comment.toPlainText() == ""
    c.comment.setPlainText("Opening line.")
    select_item(c, P45)  # changing the selection saves the previous item's notes
    qtbot.waitUntil(lambda: w.undo_stack.count() == 2)
    assert c.comment.toPlainText().endswith("Ask about funding.")
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert [i.comment for i in c.store.layout(c.bid).items] == ["", ""]
    assert c.comment.toPlainText() == ""  # the editor follows the undo
    w.undo_stack.redo()
    assert c.store.item(item.id).comment.endswith("Ask about funding.")


def test_remove_and_undo_restores_place_and_notes(qtbot: QtBot,
                                                  browse_window: MainWindow) -> None:
    w = browse_window
    c = composer_with(w, P44, P45, P46)
    select_item(c, P45)
    c.comment.setPlainText("keep me")
    c.commit_comment()
    c.tree.setFocus()
    qtbot.waitUntil(c.tree.hasFocus)
    qtbot.keyClick(c.tree, Qt.Key.Key_Delete)
    assert refs(c) == [P44, P46]
    w.undo_stack.undo()
    assert refs(c) == [P44, P45, P46]
    assert c.model.item_at(c.tree.currentIndex()).comment == "keep me"


def test_briefings_new_rename_duplicate_delete_with_undo(browse_window: MainWindow) -> None:
    w = browse_window
    c = composer_with(w, P44)
    first = c.bid
    assert c.rename_briefing("Alternatives to detention")
    assert c.picker.currentText() == "Alternatives to detention"
    assert c.duplicate_briefing()
    assert c.bid != first and refs(c) == [P44]
    assert c.current_briefing().title == "Alternatives to detention (copy)"
    assert c.delete_briefing()
    assert c.bid == first and len(c.briefings) == 1
    assert "Undo" in w.statusBar().currentMessage()
    w.undo_stack.undo()  # the delete
    assert len(c.briefings) == 2
    w.undo_stack.undo()  # the duplicate
    w.undo_stack.undo()  # the rename
    assert [b.title for b in c.store.list_briefings()] == ["Detention briefing"]
    # the cover form writes each field as it is finished, undoably
    c.cover.lines["meeting"].setText("IMRF 2026")
    c.cover.lines["meeting"].editingFinished.emit()
    assert c.store.briefing(first).meeting == "IMRF 2026"
    w.undo_stack.undo()
    assert c.store.briefing(first).meeting == ""
    assert c.cover.lines["meeting"].text() == ""


def test_ctrl_b_in_the_reader_and_its_context_menu(qtbot: QtBot,
                                                   browse_window: MainWindow) -> None:
    w = browse_window
    c = composer_with(w, P46)
    w.open_passage(P44)
    qtbot.waitUntil(w.reader.hasFocus)
    qtbot.keyClick(w.reader, Qt.Key.Key_B, CTRL)
    assert refs(c) == [P46, P44]
    passage = w.library.ref.passage(P45)
    menu = w.reader.build_context_menu(PassageContext(passage, None))
    add = next(a for a in menu.actions() if a.text().startswith("Add to “Detention briefing”"))
    add.trigger()
    assert refs(c) == [P46, P44, P45]
    w.open_objective(13)
    w.briefing.actions["add"].trigger()
    assert refs(c)[-1] == "13"


def test_briefing_actions_are_in_the_menus_with_their_own_keys(
        browse_window: MainWindow) -> None:
    w = browse_window
    html = shortcuts_html(w.menuBar())
    for words in ("Add to briefing", "Ctrl+B", "Export PDF", "Group by objective", "Undo",
                  "Move up"):
        assert words in html
    # no key of ours is ambiguous: two actions may share one only if both are widget-local
    local = Qt.ShortcutContext.WidgetShortcut
    mine = set(w.briefing.actions.values())
    others = [a for a in w.findChildren(QAction) if a not in mine]
    for a in mine:
        for b in others:
            shared = {k.toString() for k in a.shortcuts()} & {k.toString() for k in b.shortcuts()}
            assert not shared or (a.shortcutContext() == local == b.shortcutContext()), \
                (a.text(), b.text(), shared)
