"""Annotations in the window: highlight from the reader, notes panel, undo/redo, files, search."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gcmdesk.core.annotations import AnnotationFilter
from gcmdesk.core.library import Library
from gcmdesk.ui.annotations.dialogs import AnnotateDialog
from gcmdesk.ui.main_window import MainWindow

from .conftest import make_window

PID = "a-72-643/para-44"
OTHER = "a-72-643/para-59"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def select(w: MainWindow, pid: str, start: int, end: int) -> str:
    w.open_passage(pid)
    w.reader.select_range(pid, start, end)
    return w.library.ref.passage(pid).text[start:end]


def notes_layer(w: MainWindow) -> list:
    return w.reader._layers.get("notes", (0, []))[1]


def painted(w: MainWindow, pid: str, start: int, end: int) -> list[QColor]:
    """Background colours the reader paints exactly over text[start:end] of a passage."""
    span = w.reader.map.by_id[pid]
    a, b = span.pos_at(start), span.pos_at(end, at_end=True)
    return [s.format.background().color() for s in w.reader.extraSelections()
            if (s.cursor.selectionStart(), s.cursor.selectionEnd()) == (a, b)]


def state(w: MainWindow) -> list[tuple]:
    """Every annotation, without its timestamps: what undo and redo must restore exactly."""
    out = []
    for a in w.library.annotations.find(AnnotationFilter(include_deleted=True)):
        d = a.to_json()
        out.append(tuple((k, json.dumps(v)) for k, v in sorted(d.items())
                         if k not in ("modified",)))
    return sorted(out)


def save_dialog(ui_dialog: AnnotateDialog, note: str | None = None, tags: str | None = None,
                color: str | None = "keep") -> None:
    if note is not None:
        ui_dialog.note_edit.setPlainText(note)
    if tags is not None:
        ui_dialog.tags_edit.setText(tags)
    if color != "keep":
        ui_dialog.set_color(color)
    ui_dialog.accept()


def test_selection_is_highlighted_listed_and_painted(qtbot: QtBot,
                                                     browse_window: MainWindow) -> None:
    w = browse_window
    quote = select(w, PID, 8, 30)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_H, CTRL)
    [a] = w.library.annotations.find()
    assert (a.passage_id, a.selectors.start, a.selectors.end, a.quote, a.color) == (
        PID, 8, 30, quote, "yellow")
    assert not w.reader.textCursor().hasSelection()  # the colour shows, not the selection
    assert painted(w, PID, 8, 30) == [QColor("#ffd54f")]
    panel = w.notes.panel
    assert panel.proxy.rowCount() == 1
    shown = panel.proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert "A/72/643, para. 44" in shown and quote in shown and "Key point" in shown
    # Alt+3 highlights in the third colour (Action, green)
    select(w, PID, 40, 60)
    qtbot.keyClick(w.reader, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert {a.color for a in w.library.annotations.find()} == {"yellow", "green"}
    assert painted(w, PID, 40, 60) == [QColor("#a5d6a7")]


def test_note_and_tags_then_edit(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    select(w, PID, 0, 15)
    qtbot.keyClick(w.reader, Qt.Key.Key_M, CTRL | SHIFT)
    dialog = w.notes.dialog
    assert isinstance(dialog, AnnotateDialog) and dialog.isVisible()
    save_dialog(dialog, "First line\nsecond line", "detention, children,", "blue")
    [a] = w.library.annotations.find()
    assert (a.note, a.tags, a.color, a.quote) == ("First line\nsecond line",
                                                  ("children", "detention"), "blue",
                                                  w.library.ref.passage(PID).text[:15])
    assert any(h.underline for h in notes_layer(w))  # a highlight with a note is underlined
    # edit from the panel: new note, one tag less, no colour
    w.notes.panel.list.setCurrentIndex(w.notes.panel.proxy.index(0, 0))
    w.notes.panel.list.setFocus()
    qtbot.keyClick(w.notes.panel.list, Qt.Key.Key_F2)
    save_dialog(w.notes.dialog, "Changed", "children", None)
    [b] = w.library.annotations.find()
    assert (b.id, b.note, b.tags, b.color) == (a.id, "Changed", ("children",), None)
    text = w.notes.panel.proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert "Changed" in text and "Note" in text


def test_whole_passage_note(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    w.open_passage(OTHER)
    qtbot.keyClick(w.reader, Qt.Key.Key_H, CTRL | SHIFT)
    save_dialog(w.notes.dialog, "About the whole paragraph", "", "red")
    [a] = w.library.annotations.find()
    assert a.selectors.whole_passage and a.passage_id == OTHER and a.quote == ""
    [h] = notes_layer(w)
    assert (h.passage_id, h.start, h.end) == (OTHER, 0, len(w.library.ref.passage(OTHER).text))


def test_undo_and_redo_restore_exactly(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    empty = state(w)
    select(w, PID, 5, 25)
    qtbot.keyClick(w.reader, Qt.Key.Key_H, CTRL)
    highlighted = state(w)
    [a] = w.library.annotations.find()
    w.notes.edit(a)
    save_dialog(w.notes.dialog, "a note", "tag1")
    noted = state(w)
    w.notes.delete([w.library.annotations.get(a.id)])
    deleted = state(w)
    assert w.actions_["undo"].text() == "&Undo Delete note"
    assert len({str(s) for s in (empty, highlighted, noted, deleted)}) == 4

    w.reader.setFocus()
    for expected in (noted, highlighted, empty):
        qtbot.keyClick(w.reader, Qt.Key.Key_Z, CTRL)
        assert state(w) == expected
        assert len(notes_layer(w)) == len(w.library.annotations.find())
    assert w.notes.panel.proxy.rowCount() == 0 and painted(w, PID, 5, 25) == []
    for expected in (highlighted, noted, deleted):
        qtbot.keyClick(w.reader, Qt.Key.Key_Z, CTRL | SHIFT)
        assert state(w) == expected
    qtbot.keyClick(w.reader, Qt.Key.Key_Z, CTRL)  # back to the note, painted again
    assert state(w) == noted and painted(w, PID, 5, 25) == [QColor("#ffd54f")]


def test_notes_survive_a_restart(qtbot: QtBot, library: Library, reference_db: Path,
                                 data_dir: Path) -> None:
    w = make_window(qtbot, library, index=False)
    select(w, PID, 0, 12)
    w.notes.highlight("red")
    [a] = library.annotations.find()
    w.notes.edit(a)
    save_dialog(w.notes.dialog, "kept\nacross restarts", "x")
    w.close()
    library.close()

    lib2 = Library.open(data_dir, reference_db=reference_db)
    try:
        w2 = make_window(qtbot, lib2, index=False)
        [b] = lib2.annotations.find()
        assert (b.id, b.note, b.tags, b.color) == (a.id, "kept\nacross restarts", ("x",), "red")
        assert w2.notes.panel.proxy.rowCount() == 1
        w2.open_passage(PID)
        assert painted(w2, PID, 0, 12) == [QColor("#ef9a9a")]
        w2.close()
    finally:
        lib2.close()


def test_panel_filters(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    store = w.library.annotations
    store.create(PID, 0, 10, color="yellow", note="alpha", tags=["t1"])
    store.create(OTHER, 0, 10, color="blue", note="beta gamma", tags=["t2"])
    store.create("marrakech-2018-background-note/para-11", color="blue", tags=["t1"])
    w.notes.refresh()
    panel = w.notes.panel
    assert panel.proxy.rowCount() == 3

    def choose(box, data) -> None:  # type: ignore[no-untyped-def]
        box.setCurrentIndex(box.findData(data))

    choose(panel.color_box, "blue")
    assert panel.proxy.rowCount() == 2
    choose(panel.tag_box, "t1")
    assert panel.proxy.rowCount() == 1
    choose(panel.color_box, None)
    choose(panel.doc_box, "a-72-643")
    assert [a.note for a in panel.proxy.annotations()] == ["alpha"]
    choose(panel.tag_box, None)
    assert panel.proxy.rowCount() == 2
    qtbot.keyClicks(panel.filter_edit, "GAMMA bet")  # every word, any case
    assert [a.note for a in panel.proxy.annotations()] == ["beta gamma"]
    assert panel.count_label.text() == "1 of 3 notes"
    panel.filter_edit.clear()
    choose(panel.doc_box, None)
    panel.order_box.setCurrentIndex(1)  # reading order: documents in library order
    assert [a.passage_id for a in panel.proxy.annotations()][:2] == [PID, OTHER]


def test_clicking_a_note_opens_its_passage(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    w.library.annotations.create(OTHER, 3, 9, note="go there")
    w.notes.refresh()
    w.open_document("marrakech-2018-background-note")
    w.notes.show_panel()
    panel = w.notes.panel
    rect = panel.list.visualRect(panel.proxy.index(0, 0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.reader.doc_id == "a-72-643"
    assert w.reader.current_passage() == OTHER
    assert QApplication.focusWidget() is panel.list  # the list keeps the keyboard
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)  # Delete in the list deletes the note
    assert w.library.annotations.find() == [] and panel.proxy.rowCount() == 0
    w.undo_stack.undo()
    assert panel.proxy.rowCount() == 1


def test_a_note_is_found_through_the_main_search(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    select(w, PID, 0, 10)
    w.notes.annotate()
    # saved, then the notes' copy in the index is brought up to date in the background
    with qtbot.waitSignal(w.bus.changed, check_params_cb=lambda c: c.index, timeout=10_000):
        save_dialog(w.notes.dialog, "Check the quokka numbers before the briefing")
    w.search.set_query("quokka")
    qtbot.waitUntil(lambda: w.search.result is not None and w.search.result.query == "quokka")
    hits = w.search.model.hits
    assert [h.kind for h in hits] == ["note"]
    assert w.search.kind_box.findData("note") > 0  # the "my notes" facet
    w.open_document("marrakech-2018-background-note")
    w.search._activate(w.search.model.index(0))
    assert w.reader.current_passage() == PID


def test_invalid_import_shows_one_message_and_changes_nothing(
        qtbot: QtBot, browse_window: MainWindow, tmp_path: Path) -> None:
    w = browse_window
    w.library.annotations.create(PID, 0, 10, note="mine")
    before, revision = state(w), w.library.annotations.revision()
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"type": "AnnotationCollection", "items": [', encoding="utf-8")
    job = w.notes.import_(bad)
    qtbot.waitUntil(lambda: not job.running)
    box = w.notes.files.last_box
    assert box is not None and box.isVisible()
    assert box.text() == "bad.jsonld is not valid JSON (line 1, column 44: Expecting value)."
    assert state(w) == before and w.library.annotations.revision() == revision
    box.close()


def test_export_then_import_reports_counts(qtbot: QtBot, browse_window: MainWindow,
                                           tmp_path: Path) -> None:
    w = browse_window
    store = w.library.annotations
    made = [store.create(PID, 0, 10, note="one", tags=["a"]),
            store.create(OTHER, 0, 8, color="red", note="two")]
    w.notes.refresh()
    for fmt, name in (("w3c", "all.jsonld"), ("md", "all.md"), ("csv", "all.csv")):
        job = w.notes.export("all", tmp_path / name, fmt)
        qtbot.waitUntil(lambda job=job: not job.running)
    assert "one" in (tmp_path / "all.md").read_text(encoding="utf-8")
    assert (tmp_path / "all.csv").read_text(encoding="utf-8-sig").count("\n") == 3
    w.notes.panel.color_box.setCurrentIndex(w.notes.panel.color_box.findData("red"))
    job = w.notes.export("shown", tmp_path / "red.jsonld")
    qtbot.waitUntil(lambda: not job.running)
    assert json.loads((tmp_path / "red.jsonld").read_text())["total"] == 1

    for change in made:  # gone without a trace (as on another computer)
        store.revert(change)
    w.notes.refresh()
    assert w.notes.panel.model.rowCount() == 0
    job = w.notes.import_(tmp_path / "all.jsonld")
    qtbot.waitUntil(lambda: not job.running)
    assert w.notes.files.last_box.text() == "all.jsonld: 2 added, 0 updated, 0 unchanged."
    assert w.notes.panel.model.rowCount() == 2  # the panel heard of the import
    job = w.notes.import_(tmp_path / "all.jsonld")
    qtbot.waitUntil(lambda: not job.running)
    assert w.notes.files.last_box.text() == "all.jsonld: 0 added, 0 updated, 2 unchanged."


def test_orphans_are_reviewed_and_reattached(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    store = w.library.annotations
    a = store.create(PID, 0, 10, note="keep me").after
    with store.user.transaction() as conn:  # as a new version of the documents would leave it
        conn.execute("UPDATE annotations SET anchor_status = 'orphaned' WHERE id = ?", (a.id,))
    w.notes.refresh()
    panel = w.notes.panel
    assert panel.review_button.isVisibleTo(panel) and "1 to review" in panel.review_button.text()
    assert notes_layer(w) == []  # nowhere to paint it
    w.actions_["review_orphans"] = w.notes.actions["review_orphans"]
    w.notes.review_orphans()
    assert panel.proxy.rowCount() == 1
    [orphan] = panel.proxy.annotations()
    assert (orphan.note, orphan.quote) == ("keep me", a.quote)  # intact
    panel.list.setCurrentIndex(panel.proxy.index(0, 0))
    select(w, PID, 20, 35)
    w.notes.reattach_current()
    b = store.get(a.id)
    assert (b.anchor_status, b.selectors.start, b.selectors.end, b.note) == (
        "anchored", 20, 35, "keep me")
    assert panel.proxy.rowCount() == 0 and panel.hint.text() == "Nothing to review."
    w.undo_stack.undo()
    assert store.get(a.id).orphaned


def test_other_peoples_notes_can_be_hidden(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    store = w.library.annotations
    store.create(PID, 0, 10, note="mine")
    store.set_display_name("Colleague")
    store.create(OTHER, 0, 10, note="theirs")
    store.set_display_name("Me")
    w.notes.refresh()
    w.notes.fill_authors_menu()
    entries = {a.text(): a for a in w.notes.authors_menu.actions()}
    assert all(a.isChecked() for a in entries.values()) and len(entries) == 2
    next(a for t, a in entries.items() if t.startswith("Colleague")).setChecked(False)
    assert [a.note for a in w.notes.panel.proxy.annotations()] == ["mine"]
    assert [h.passage_id for h in notes_layer(w)] == [PID]
    assert store.hidden_creators() == {"Colleague"}


def test_preferences_name_and_colour_names(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    dialog = w.notes.preferences()
    dialog.name_edit.setText("  Ana   Lima ")
    dialog.color_edits["yellow"].setText("Important")
    dialog.accept()
    store = w.library.annotations
    assert store.display_name() == "Ana Lima"
    assert store.colors()[0].name == "Important"
    assert w.notes.actions["highlight_yellow"].text() == "Important"
    w.undo_stack.undo()
    assert store.colors()[0].name == "Key point"
    assert w.notes.actions["highlight_yellow"].text() == "Key point"


def test_every_shortcut_is_unambiguous(browse_window: MainWindow) -> None:
    """A key bound twice in one scope fires neither action: window-wide keys must be unique,
    widget-scoped ones (Delete in a list) unique per widget."""
    seen: dict[tuple[str, int], str] = {}
    for a in browse_window.findChildren(type(browse_window.actions_["undo"])):
        widget_scoped = a.shortcutContext() in (Qt.ShortcutContext.WidgetShortcut,
                                                Qt.ShortcutContext.WidgetWithChildrenShortcut)
        scopes = [id(o) for o in a.associatedObjects()] if widget_scoped else [0]
        for k in a.shortcuts():
            for scope in scopes:
                key = (k.toString(QKeySequence.SequenceFormat.PortableText), scope)
                assert key not in seen or seen[key] == a.text(), (key, seen.get(key), a.text())
                seen[key] = a.text()
    keys = {k for k, _scope in seen}
    assert {"Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+H", "Alt+1", "Ctrl+Shift+M", "Del"} <= keys


def test_delete_key_in_the_reader_and_undo_in_a_text_field(qtbot: QtBot,
                                                           browse_window: MainWindow) -> None:
    w = browse_window
    select(w, PID, 10, 20)
    qtbot.keyClick(w.reader, Qt.Key.Key_H, CTRL)
    assert len(w.library.annotations.find()) == 1
    # Ctrl+Z in a text field undoes the typing there, not the highlight
    panel = w.notes.panel
    w.notes.show_panel()
    qtbot.keyClicks(panel.filter_edit, "xyz")
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Z, CTRL)
    assert panel.filter_edit.text() == "" and len(w.library.annotations.find()) == 1
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Delete)  # Delete there is the field's own
    assert len(w.library.annotations.find()) == 1
    # the cursor on the highlight in the reader: Delete removes it
    w.reader.setFocus()
    w.reader.select_range(PID, 15, 15)
    qtbot.keyClick(w.reader, Qt.Key.Key_Delete)
    assert w.library.annotations.find() == [] and notes_layer(w) == []
    qtbot.keyClick(w.reader, Qt.Key.Key_Delete)  # nothing under the cursor now: no error
    assert "no note" in w.statusBar().currentMessage()


def test_reader_context_menu(qtbot: QtBot, browse_window: MainWindow) -> None:
    w = browse_window
    select(w, PID, 0, 7)
    span = w.reader.map.by_id[PID]
    menu = w.reader.build_context_menu(w.reader.context_for_position(span.pos_at(3)))
    texts = [a.text() for a in menu.actions()]
    assert "Highlight" in texts and "Add &note…" in texts
    sub = next(a.menu() for a in menu.actions() if a.text() == "Highlight")
    next(a for a in sub.actions() if a.text() == "Concern").trigger()
    [a] = w.library.annotations.find()
    assert (a.color, a.quote) == ("red", "Another")
    menu = w.reader.build_context_menu(w.reader.context_for_position(span.pos_at(3)))
    texts = [a.text() for a in menu.actions()]
    assert "Edit note on “Another”…" in texts and "Delete note on “Another”" in texts
