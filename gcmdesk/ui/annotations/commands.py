"""Undo commands over the annotation store's ``Change`` values.

An edit is made through the core first (so an invalid one never reaches the stack); the command
pushed afterwards only knows how to take it back (``store.revert``) and put it again
(``store.reapply``). ``on_changed`` runs after every undo and redo, so views can refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from ...core.annotations import AnnotationStore, Change


class AnnotationCommand(QUndoCommand):
    """One user action: one or more committed changes (a selection over passages: several)."""

    def __init__(self, store: AnnotationStore, changes: Sequence[Change], text: str,
                 on_changed: Callable[[], None]) -> None:
        super().__init__(text)
        self.store = store
        self.changes = list(changes)
        self.on_changed = on_changed
        self._pushed = False  # the first redo() is QUndoStack.push(): the edit is already made

    def redo(self) -> None:
        if self._pushed:
            for change in self.changes:
                self.store.reapply(change)
        self._pushed = True
        self.on_changed()

    def undo(self) -> None:
        for change in reversed(self.changes):
            self.store.revert(change)
        self.on_changed()


class RenameColorCommand(QUndoCommand):
    """A colour's new name (``rename_color`` returns the old one, which is all undo needs)."""

    def __init__(self, store: AnnotationStore, key: str, old: str, new: str,
                 on_changed: Callable[[], None]) -> None:
        super().__init__(f"Rename colour “{new}”")
        self.store, self.key, self.old, self.new = store, key, old, new
        self.on_changed = on_changed
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:
            self.store.rename_color(self.key, self.new)
        self._pushed = True
        self.on_changed()

    def undo(self) -> None:
        self.store.rename_color(self.key, self.old)
        self.on_changed()


def describe(changes: Sequence[Change], verb: str) -> str:
    """'Highlight', 'Highlight (3 passages)' … for the Edit menu's 'Undo …' text."""
    return verb if len(changes) <= 1 else f"{verb} ({len(changes)} passages)"
