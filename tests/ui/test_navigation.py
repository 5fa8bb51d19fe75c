"""Navigation: the panes, the objective view, history, and state kept across a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from gcmdesk.core.library import Library
from gcmdesk.ui.history import Location
from gcmdesk.ui.main_window import MainWindow
from gcmdesk.ui.widgets.nav import SECTION_ROLE
from gcmdesk.ui.widgets.recommendations import PASSAGE_ROLE

from .conftest import make_window


def test_objective_view_lists_every_linked_passage(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    ref = w.library.ref
    w.open_objective(13)
    view = w.objective_view
    assert w.center.currentWidget() is view
    text = view.toPlainText()
    assert ref.objective(13).title in text
    linked = [p.id for p in ref.passages_for_objective(13)]
    recs = [r.passage_id for r in ref.recommendations(objective=13)]
    assert linked and set(view.passage_links()) == set(linked) | set(recs)
    for p in ref.passages_for_objective(13):
        assert p.citation in text
    # grouped by document, in document order
    docs = [d.short_title for d in ref.documents()
            if any(p.doc_id == d.id for p in ref.passages_for_objective(13))]
    positions = [text.index(d) for d in docs]
    assert positions == sorted(positions)
    # each is openable in the reader
    view.anchorClicked.emit(QUrl(f"gcmdesk:passage/{linked[0]}"))
    assert w.center.currentWidget() is w.reader and w.reader.current_passage() == linked[0]


def test_objectives_tab_counts_and_opens(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    tree = w.objectives_tree
    group = tree.model_.index(0, 0)
    assert tree.model_.rowCount(group) == 23
    o13 = w.library.ref.objective(13)
    row = tree.model_.index(12, 0, group)
    assert row.data().startswith("13.")
    assert tree.model_.index(12, 1, group).data() == str(o13.passage_count)
    assert tree.model_.index(12, 2, group).data() == str(o13.recommendation_count)
    tree.clicked.emit(row)
    assert w.objective_view.number == 13
    principles = tree.model_.index(1, 0)
    assert tree.model_.rowCount(principles) == 10


def test_documents_tree_scrolls_to_a_section(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    tree = w.documents_tree
    doc = tree.model_.index(1, 0)  # A/72/643
    sec = tree.model_.index(1, 0, doc)  # I. Introduction
    assert sec.data(SECTION_ROLE) == "a-72-643/sec-i"
    w.open_document("idm-2017-closing-remarks")
    tree.clicked.emit(sec)
    assert w.reader.doc_id == "a-72-643"
    assert w.history.current == Location("document", "a-72-643", "s:a-72-643/sec-i")
    assert w.reader.verticalScrollBar().value() > 0


def test_recommendations_table_filters_sorts_and_opens(qtbot: QtBot,
                                                       browse_window: MainWindow) -> None:
    w = browse_window
    pane = w.recommendations
    total = pane.model.rowCount()
    assert pane.proxy.rowCount() == total > 50
    qtbot.keyClicks(pane.filter_edit, "remittance")
    assert 0 < pane.proxy.rowCount() < total
    pane.filter_edit.clear()
    pane.objective_box.setCurrentIndex(pane.objective_box.findData(13))
    expected = len(w.library.ref.recommendations(objective=13))
    assert pane.proxy.rowCount() == expected
    pane.objective_box.setCurrentIndex(0)
    pane.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    pane.doc_box.setCurrentIndex(pane.doc_box.findData("idm-2017-closing-remarks"))
    numbers = [pane.proxy.index(r, 2).data() for r in range(pane.proxy.rowCount())]
    assert numbers == sorted(numbers, key=int)
    index = pane.proxy.index(0, 3)
    pane.table.activated.emit(index)
    assert w.reader.current_passage() == index.data(PASSAGE_ROLE)


def test_history_back_and_forward(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    w.open_document("a-72-643")
    w.open_passage("marrakech-2018-background-note/para-5")
    w.open_objective(7)
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(w, Qt.Key.Key_Left, alt)
    assert w.center.currentWidget() is w.reader
    assert w.reader.doc_id == "marrakech-2018-background-note"
    qtbot.keyClick(w, Qt.Key.Key_Left, alt)
    assert w.reader.doc_id == "a-72-643"
    assert w.actions_["forward"].isEnabled()
    qtbot.keyClick(w, Qt.Key.Key_Right, alt)
    assert w.reader.doc_id == "marrakech-2018-background-note"
    w.actions_["forward"].trigger()
    assert w.center.currentWidget() is w.objective_view and w.objective_view.number == 7
    assert not w.actions_["forward"].isEnabled()
    # a new visit after going back drops the forward entries
    w.go_back()
    w.open_objective(3)
    assert not w.history.can_forward()


def test_state_persists_across_a_restart(qtbot: QtBot, library: Library) -> None:
    w = make_window(qtbot, library, index=False)
    w.resize(760, 580)  # the offscreen screen is 800 px wide
    w.reader.set_font_size(15)
    w.open_passage("a-72-643/para-60")
    w.show_nav_tab(2)
    w.close()

    w2 = make_window(qtbot, library, index=False)
    assert w2.reader.font_size == 15
    assert w2.nav.currentIndex() == 2
    assert w2.reader.doc_id == "a-72-643"
    assert w2.history.current.anchor == "a-72-643/para-60"
    assert w2.reader.top_passage() in {"a-72-643/para-59", "a-72-643/para-60"}
    assert (w2.width(), w2.height()) == (760, 580)
    w2.open_objective(21)
    w2.close()

    w3 = make_window(qtbot, library, index=False)
    assert w3.center.currentWidget() is w3.objective_view and w3.objective_view.number == 21
    w3.close()


def test_a_bad_saved_view_falls_back_to_the_first_document(qtbot: QtBot,
                                                           library: Library) -> None:
    w = make_window(qtbot, library, index=False)
    w.settings.setValue("window/last_view", "document|no-such-doc|x")
    w.settings.sync()
    w.close()
    w2 = make_window(qtbot, library, index=False)
    w2.settings.setValue("window/last_view", "")  # leave no trace for the next test
    assert w2.reader.doc_id == w2.library.ref.documents()[0].id
    w2.close()


def test_every_action_has_a_shortcut_and_a_menu(browse_window: MainWindow) -> None:
    in_menus = {a for m in browse_window.menuBar().actions() if m.menu()
                for a in m.menu().actions()}
    for name, action in browse_window.actions_.items():
        assert action.shortcuts(), name
        assert action in in_menus, name


def test_next_and_previous_passage(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    w.open_passage("a-72-643/para-44")
    qtbot.keyClick(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert w.reader.current_passage() == "a-72-643/para-45"
    qtbot.keyClick(w, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(w, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert w.reader.current_passage() == "a-72-643/para-43"
    assert "para. 43" in w.location_label.text()


def test_escape_in_the_table_filter_clears_that_filter(qtbot: QtBot,
                                                       browse_window: MainWindow) -> None:
    w = browse_window
    w.show_nav_tab(2)
    w.search.query.setText("keep me")
    qtbot.keyClicks(w.recommendations.filter_edit, "remit")
    w.recommendations.filter_edit.setFocus()
    qtbot.keyClick(w.recommendations.filter_edit, Qt.Key.Key_Escape)
    assert w.recommendations.filter_edit.text() == ""
    assert w.search.query.text() == "keep me"
