"""Export and import of annotation files, on the job runner, with one clear message at the end.

Messages are shown with ``QMessageBox.open()`` (not ``exec``), kept as ``last_box`` for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.annotation_io import ImportReport, export_file, import_file
from ...core.annotations import Annotation, AnnotationStore
from ...core.errors import GcmdeskError
from ..changes import Changes
from ..jobs import Job

if TYPE_CHECKING:
    from ..main_window import MainWindow

FILTERS = {"w3c": "W3C Web Annotation JSON-LD (*.jsonld *.json)", "md": "Markdown (*.md)",
           "csv": "CSV spreadsheet (*.csv)"}
SUFFIX = {"w3c": ".jsonld", "md": ".md", "csv": ".csv"}
DIR_SETTING = "annotations.last_dir"


def format_for(path: Path, chosen: str = "") -> str:
    """The format a file name asks for (its suffix), else the one picked in the dialog."""
    by_suffix = {".jsonld": "w3c", ".json": "w3c", ".md": "md", ".markdown": "md", ".csv": "csv"}
    if path.suffix.lower() in by_suffix:
        return by_suffix[path.suffix.lower()]
    return next((f for f, label in FILTERS.items() if label == chosen), "w3c")


class AnnotationFiles:
    def __init__(self, window: MainWindow, store: AnnotationStore,
                 on_imported: Callable[[], None]) -> None:
        self.window = window
        self.store = store
        self.on_imported = on_imported
        self.last_box: QMessageBox | None = None

    def _start_dir(self) -> str:
        return str(self.window.library.user.setting(DIR_SETTING, "") or Path.home())

    def _remember_dir(self, path: Path) -> None:
        self.window.library.user.set_setting(DIR_SETTING, str(path.parent))

    def export(self, anns: list[Annotation], what: str, path: Path | None = None,
               fmt: str | None = None) -> Job | None:
        """Write ``anns`` (``what``: 'all' or 'shown', for the dialog title) to a file."""
        if not anns:
            self.window.show_message("There are no notes to export.")
            return None
        if path is None:
            name = str(Path(self._start_dir()) / "annotations.jsonld")
            chosen, selected = QFileDialog.getSaveFileName(
                self.window, f"Export {what} annotations ({len(anns)})", name,
                ";;".join(FILTERS.values()), FILTERS["w3c"])
            if not chosen:
                return None
            path = Path(chosen)
            fmt = format_for(path, selected)
            if not path.suffix:
                path = path.with_suffix(SUFFIX[fmt])
            self._remember_dir(path)
        fmt = fmt or format_for(path)
        target = path
        return self.window.jobs.run(
            export_file, self.store, anns, fmt, target, label="Exporting annotations",
            on_done=lambda _r: self.window.show_message(
                f"Exported {len(anns)} annotation{'s' * (len(anns) != 1)} to {target.name}."),
            on_error=lambda exc: self._error("Export annotations", exc))

    def import_(self, path: Path | None = None) -> Job | None:
        """Validate and merge a W3C JSON-LD file; a report, or one message if it is invalid."""
        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(
                self.window, "Import annotations", self._start_dir(),
                f"{FILTERS['w3c']};;All files (*)")
            if not chosen:
                return None
            path = Path(chosen)
            self._remember_dir(path)
        source = path
        return self.window.jobs.run(
            import_file, self.store, source, label="Importing annotations",
            on_done=lambda report: self._imported(report, source),
            on_error=lambda exc: self._error("Import annotations", exc))

    def _imported(self, report: ImportReport, path: Path) -> None:
        self.window.bus.changed.emit(Changes(annotations=True, source=self))
        self.on_imported()
        text = (f"{path.name}: {report.added} added, {report.updated} updated, "
                f"{report.unchanged} unchanged.")
        self.window.show_message(text)
        self._box(QMessageBox.Icon.Information, "Import annotations", text)

    def _error(self, title: str, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, GcmdeskError) else f"Something went wrong: {exc}"
        self._box(QMessageBox.Icon.Warning, title, text)

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        self.last_box = box
        box.open()
