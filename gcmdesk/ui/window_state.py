"""Window state across restarts (QSettings): geometry, panes, tab, and the last view."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from ..core.errors import GcmdeskError
from .history import Location

if TYPE_CHECKING:
    from .main_window import MainWindow


def restore(w: MainWindow, s: QSettings) -> Location | None:
    """Apply the saved geometry, panes and tab; return the saved view if it still exists."""
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray | bytes):
        w.restoreGeometry(QByteArray(geometry))
    state = s.value("window/state")
    if isinstance(state, QByteArray | bytes):
        w.restoreState(QByteArray(state))
    with contextlib.suppress(TypeError, ValueError):
        w.nav.setCurrentIndex(int(s.value("window/nav_tab", 0) or 0))
    loc = Location.from_text(str(s.value("window/last_view", "") or ""))
    return loc if loc is not None and _exists(w, loc) else None


def save(w: MainWindow, s: QSettings) -> None:
    s.setValue("window/geometry", w.saveGeometry())
    s.setValue("window/state", w.saveState())
    s.setValue("window/nav_tab", w.nav.currentIndex())
    if w.history.current:
        s.setValue("window/last_view", w.history.current.to_text())
    s.sync()


def _exists(w: MainWindow, loc: Location) -> bool:
    if loc.kind == "objective":
        return loc.id.isdigit() and 1 <= int(loc.id) <= len(w.library.ref.objectives(False))
    if loc.id not in w.docs:
        return False
    if loc.anchor and not loc.anchor.startswith("s:"):
        try:
            return w.library.ref.passage(loc.anchor).doc_id == loc.id
        except GcmdeskError:
            return False
    return True
