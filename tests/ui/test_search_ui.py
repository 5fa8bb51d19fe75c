"""The search panel with a real index: typing, results, facets, opening a result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gcmdesk.ui.main_window import MainWindow
from gcmdesk.ui.widgets.search_results import HIT_ROLE


def type_query(qtbot: QtBot, w: MainWindow, text: str) -> None:
    w.focus_search()
    qtbot.keyClicks(w.search.query, text)
    qtbot.waitUntil(lambda: w.search.result is not None and w.search.result.query == text)


def test_typing_a_query_shows_results(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "detention of children")
    panel = window.search
    assert panel.model.rowCount() > 3
    hits = [panel.model.index(i).data(HIT_ROLE) for i in range(panel.model.rowCount())]
    assert "a-72-643/para-44" in [h.id for h in hits[:5]]
    assert f"{panel.result.total}" in panel.status.text()
    assert all('<span class="hit">' in h.snippet for h in hits if h.kind == "passage")


def test_only_the_latest_query_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.search.set_query("remittances")
    window.search.set_query("xenophobia")
    qtbot.waitUntil(lambda: window.search.result is not None
                    and window.search.result.query == "xenophobia")
    qtbot.wait(200)  # a late answer to the first query must not replace it
    assert window.search.result.query == "xenophobia"


def test_clicking_a_result_opens_and_highlights_the_passage(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    type_query(qtbot, window, "detention of children")
    panel, reader = window.search, window.reader
    row = next(i for i in range(panel.model.rowCount())
               if panel.model.index(i).data(HIT_ROLE).id == "a-72-643/para-44")
    index = panel.model.index(row)
    panel.list.scrollTo(index)
    rect = panel.list.visualRect(index)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: reader.doc_id == "a-72-643")
    hit = panel.model.index(row).data(HIT_ROLE)
    assert window.center.currentWidget() is reader
    assert reader.current_passage() == "a-72-643/para-44"
    # the passage is tinted and the query's words are marked, at the hit's offsets
    layers = {name: items for name, (_z, items) in reader._layers.items()}
    assert [(h.passage_id, h.start, h.end) for h in layers["focus"]] == [
        ("a-72-643/para-44", 0, len(reader.passages["a-72-643/para-44"].text))]
    marked = [(h.start, h.end) for h in layers["search"]]
    assert marked == list(hit.highlights)
    text = reader.passages["a-72-643/para-44"].text
    assert {text[a:b].lower() for a, b in marked} >= {"detention", "children"}
    assert len(reader.extraSelections()) == 1 + len(marked)
    # ...and it is on screen
    span = reader.map.by_id["a-72-643/para-44"]
    cursor = reader.textCursor()
    cursor.setPosition(span.start)
    top = reader.cursorRect(cursor).top()
    assert 0 <= top < reader.viewport().height() // 2


def test_enter_opens_the_first_result(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "remittances")
    first = window.search.model.index(0).data(HIT_ROLE)
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reader.current_passage() == first.id)


def test_facet_filter_narrows_the_results(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "labour migration")
    panel = window.search
    before = panel.result.total
    i = panel.doc_box.findData("un-network-2021-migrants-day")
    assert i > 0 and "(" in panel.doc_box.itemText(i)
    expected = panel.result.facets["doc"]["un-network-2021-migrants-day"]
    panel.doc_box.setCurrentIndex(i)
    qtbot.waitUntil(lambda: panel.result.total < before)
    assert panel.result.total == expected
    docs = {panel.model.index(r).data(HIT_ROLE).doc for r in range(panel.model.rowCount())}
    assert docs == {"un-network-2021-migrants-day"}
    # a second facet narrows further; "All" widens again
    k = panel.kind_box.findData("recommendation")
    if k > 0:
        panel.kind_box.setCurrentIndex(k)
        qtbot.waitUntil(lambda: panel.result.total <= expected and all(
            panel.model.index(r).data(HIT_ROLE).kind == "recommendation"
            for r in range(panel.model.rowCount())))
        panel.kind_box.setCurrentIndex(0)
    panel.doc_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: panel.result.total == before)


def test_objective_facet(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "detention")
    panel = window.search
    i = panel.objective_box.findData(13)
    assert i > 0
    panel.objective_box.setCurrentIndex(i)
    qtbot.waitUntil(lambda: panel.request().objective == 13 and panel.result.total
                    == int(panel.objective_box.itemText(i).split("(")[1].rstrip(")")))
    hits = [panel.model.index(r).data(HIT_ROLE) for r in range(panel.model.rowCount())]
    assert hits and all(13 in h.objectives for h in hits)


def test_did_you_mean(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "detension")
    panel = window.search
    assert panel.result.suggestion == "detention"
    assert "Did you mean" in panel.status.text()
    panel.status.linkActivated.emit("suggest")
    qtbot.waitUntil(lambda: panel.result.query == "detention")
    assert panel.query.text() == "detention"


def test_shortcuts_focus_and_escape_clears(qtbot: QtBot, window: MainWindow) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search.query.hasFocus())
    window.reader.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search.query.hasFocus())
    qtbot.keyClicks(window.search.query, "xenophobia")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
    qtbot.keyClick(window.search.query, Qt.Key.Key_Escape)
    assert window.search.query.text() == ""
    assert window.search.model.rowCount() == 0


def test_search_waits_for_the_index(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    w.search.set_ready(False)
    w.search.set_query("xenophobia")
    assert w.search.result is None and "Preparing" in w.search.status.text()
    w.start_background_work()
    qtbot.waitUntil(lambda: w.search.result is not None, timeout=60_000)
    assert w.search.result.query == "xenophobia" and w.search.model.rowCount() > 0


def test_objective_hit_opens_the_objective_view(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "detention")
    panel = window.search
    k = panel.kind_box.findData("objective")
    panel.kind_box.setCurrentIndex(k)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and all(
        panel.model.index(r).data(HIT_ROLE).kind == "objective"
        for r in range(panel.model.rowCount())))
    panel.list.setCurrentIndex(panel.model.index(0))
    panel._activate(panel.model.index(0))
    assert window.center.currentWidget() is window.objective_view
    assert window.objective_view.number == 13
    assert window.objective_view.verticalScrollBar().value() == 0  # from its top


def test_recommendation_hit_opens_its_passage_with_words_marked(qtbot: QtBot,
                                                                window: MainWindow) -> None:
    type_query(qtbot, window, "detention")
    panel = window.search
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("recommendation"))
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and all(
        panel.model.index(r).data(HIT_ROLE).kind == "recommendation"
        for r in range(panel.model.rowCount())))
    hit = panel.model.index(0).data(HIT_ROLE)
    panel._activate(panel.model.index(0))
    pid = window.library.ref.recommendation(hit.id).passage_id
    assert window.reader.current_passage() == pid
    marks = window.reader._layers["search"][1]
    text = window.reader.passages[pid].text
    assert marks and all(text[h.start:h.end].lower().startswith("detent") for h in marks)


def test_a_change_to_notes_refreshes_the_results(qtbot: QtBot, window: MainWindow) -> None:
    from gcmdesk.ui.changes import Changes

    type_query(qtbot, window, "remittances")
    first = window.search.result
    window.bus.changed.emit(Changes(settings=True))
    qtbot.wait(100)
    assert window.search.result is first  # not about search: nothing re-run
    window.bus.changed.emit(Changes(annotations=True))
    qtbot.waitUntil(lambda: window.search.result is not first)
    assert window.search.result.query == "remittances"
