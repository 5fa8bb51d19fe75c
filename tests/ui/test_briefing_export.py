"""Exporting a briefing from the composer: a real PDF written off the GUI thread, cancel, errors."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from gcmdesk.core.export.pdf import export_briefing_pdf
from gcmdesk.ui.briefing import export as export_mod
from gcmdesk.ui.briefing.export import EXPORT_DIR_SETTING, ExportPanel, file_name
from gcmdesk.ui.main_window import MainWindow

ITEMS = ["a-72-643/para-44", "a-72-643/rec-r1-a", "objective:13"]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def panel(browse_window: MainWindow) -> ExportPanel:
    c = browse_window.briefing.composer
    assert c.new_briefing("Alternatives to detention")
    c.cover.lines["meeting"].setText("IMRF 2026, round table 2")
    c.cover.lines["meeting"].editingFinished.emit()
    return browse_window.briefing.export


class Recorder:
    """Stands in for QDesktopServices: records what would be opened."""

    urls: ClassVar[list[QUrl]] = []

    @classmethod
    def openUrl(cls, url: QUrl) -> bool:
        cls.urls.append(url)
        return True


def test_export_writes_the_pdf_in_the_background(qtbot: QtBot, panel: ExportPanel,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    c = panel.composer
    assert c.add_refs(ITEMS)
    select = c.model.index_of_item(c.model.briefing.items[0].item.id)
    c.tree.setCurrentIndex(select)
    c.comment.setPlainText("Open with the children's paragraph.")  # not yet saved: export saves
    threads: list[threading.Thread] = []

    def spy(rb: Any, target: Path, paper: str | None = None, progress: Any = None,
            cancel: threading.Event | None = None) -> Path:
        threads.append(threading.current_thread())
        return export_briefing_pdf(rb, target, paper, progress, cancel)

    monkeypatch.setattr(export_mod, "export_briefing_pdf", spy)
    monkeypatch.setattr(export_mod, "QDesktopServices", Recorder)
    Recorder.urls = []
    progress: list[tuple[int, int]] = []
    target = tmp_path / "out" / "note"  # no suffix: .pdf is added
    target.parent.mkdir()
    job = panel.export(target)
    assert job is not None
    job.progress.connect(lambda d, t, _m: progress.append((d, t)))
    assert panel.progress.isVisible() and panel.cancel.isVisible()
    with qtbot.waitSignal(panel.exported, timeout=60_000) as done:
        pass
    path = done.args[0]
    assert path == target.with_name("note.pdf") and path.is_file()
    assert threads and threads[0] is not threading.main_thread()
    assert progress and progress[-1][0] == progress[-1][1]
    text = pdf_text(path)
    for words in ("Alternatives to detention", "IMRF 2026, round table 2", "A/72/643",
                  "Open with the children's paragraph."):
        assert words in text
    assert not panel.progress.isVisible() and "note.pdf" in panel.info.text()
    assert c.store.user.setting(EXPORT_DIR_SETTING) == str(path.parent)
    assert panel.export_dir == path.parent  # the next export starts there
    # opening it: the system viewer on the local file
    assert panel.open_last()
    assert Recorder.urls == [QUrl.fromLocalFile(str(path))] and Recorder.urls[0].isLocalFile()


def test_us_letter_paper_is_kept_with_the_briefing(qtbot: QtBot, panel: ExportPanel,
                                                    tmp_path: Path) -> None:
    c = panel.composer
    c.add_refs(ITEMS[:1])
    i = panel.paper.findData("Letter")
    panel.paper.setCurrentIndex(i)
    panel.paper.activated.emit(i)
    assert c.current_briefing().paper_size == "Letter"
    with qtbot.waitSignal(panel.exported, timeout=60_000) as done:
        panel.export(tmp_path / "letter.pdf")
    box = PdfReader(done.args[0]).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    c.undo_stack.undo()
    assert c.current_briefing().paper_size == "A4" and panel.paper.currentData() == "A4"


def test_cancelled_export_writes_nothing(qtbot: QtBot, panel: ExportPanel, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    panel.composer.add_refs(ITEMS)
    started, go_on = threading.Event(), threading.Event()

    def gated(rb: Any, target: Path, paper: str | None = None, progress: Any = None,
              cancel: threading.Event | None = None) -> Path:
        started.set()
        go_on.wait(30)  # the worker waits here until the test has pressed Cancel
        return export_briefing_pdf(rb, target, paper, progress, cancel)

    monkeypatch.setattr(export_mod, "export_briefing_pdf", gated)
    out = tmp_path / "out"
    out.mkdir()
    job = panel.export(out / "cancelled.pdf")
    assert job is not None and started.wait(30)
    panel.cancel.click()
    go_on.set()
    qtbot.waitUntil(lambda: panel.job is None, timeout=60_000)
    assert "cancelled" in panel.info.text()
    assert list(out.iterdir()) == []
    assert panel.button.isEnabled()  # ready for the next try


def test_an_empty_briefing_gives_a_clear_message(panel: ExportPanel, tmp_path: Path) -> None:
    assert panel.export(tmp_path / "empty.pdf") is None
    assert panel.info.isVisible() and "no items yet" in panel.info.text()
    assert "Ctrl+B" in panel.info.text()
    w = panel.window()
    assert isinstance(w, MainWindow) and "no items yet" in w.statusBar().currentMessage()
    assert not (tmp_path / "empty.pdf").exists() and panel.job is None


def test_a_failed_write_is_reported(qtbot: QtBot, panel: ExportPanel, tmp_path: Path) -> None:
    panel.composer.add_refs(ITEMS[:1])
    job = panel.export(tmp_path / "missing-folder" / "x.pdf")
    assert job is not None
    qtbot.waitUntil(lambda: panel.job is None, timeout=60_000)
    assert "does not exist" in panel.info.text()


def test_file_names_from_titles() -> None:
    assert file_name("Alternatives to detention: IMRF / 2026") == \
        "Alternatives-to-detention-IMRF-2026.pdf"
    assert file_name("???") == "briefing.pdf"
