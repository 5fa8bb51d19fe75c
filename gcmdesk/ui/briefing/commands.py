"""Undo commands for briefing edits: each wraps one store call and the inverse it returns.

``push(stack, cmd)`` runs the edit first, outside the stack, so a refused edit (an unknown id, an
empty title) raises to the caller and leaves no entry behind; the stack's own first ``redo`` is
then skipped. Later redo/undo calls replay the edit or its inverse through the same store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core.briefing import BriefingStore, Item, Layout
from ...core.errors import GcmdeskError

COMMENT_MERGE_ID, FIELD_MERGE_ID = 6001, 6002


class Context(Protocol):
    store: BriefingStore

    def changed(self, briefing_id: int | None, items: Sequence[int] = (),
                section: int | None = None) -> None: ...

    def failed(self, exc: GcmdeskError) -> None: ...


class StoreCommand(QUndoCommand):
    def __init__(self, ctx: Context, text: str, bid: int | None) -> None:
        super().__init__(text)
        self.ctx, self.store, self.bid = ctx, ctx.store, bid
        self.items: tuple[int, ...] = ()  # item ids to select afterwards
        self.section: int | None = None  # or a section
        self._skip_redo = False

    def first(self) -> None:
        """The edit itself, the first time (may raise)."""
        self.do()

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
        else:
            self._guard(self.do)
        self.ctx.changed(self.bid, self.items, self.section)

    def undo(self) -> None:
        self._guard(self.revert)
        self.ctx.changed(self.bid, self.items, self.section)

    def _guard(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except GcmdeskError as exc:  # the data changed under us: drop the entry, say why
            self.setObsolete(True)
            self.ctx.failed(exc)


def push(stack: QUndoStack, cmd: StoreCommand) -> StoreCommand:
    """Run ``cmd`` now (GcmdeskError propagates, nothing pushed), then put it on the stack."""
    cmd.first()
    cmd._skip_redo = True
    stack.push(cmd)
    return cmd


# briefings ---------------------------------------------------------------------------------

class CreateBriefing(StoreCommand):
    def __init__(self, ctx: Context, title: str, **fields: str) -> None:
        super().__init__(ctx, f"New briefing “{title}”", None)
        self.title, self.fields = title, fields

    def first(self) -> None:
        self.bid = self.store.create_briefing(self.title, **self.fields).id

    def do(self) -> None:
        self.store.restore_briefing(self.bid or 0)

    def revert(self) -> None:
        self.store.delete_briefing(self.bid or 0)


class DuplicateBriefing(StoreCommand):
    def __init__(self, ctx: Context, source: int) -> None:
        super().__init__(ctx, "Duplicate briefing", None)
        self.source = source

    def first(self) -> None:
        self.bid = self.store.duplicate_briefing(self.source).id

    def do(self) -> None:
        self.store.restore_briefing(self.bid or 0)

    def revert(self) -> None:
        self.store.delete_briefing(self.bid or 0)


class DeleteBriefing(StoreCommand):
    def __init__(self, ctx: Context, bid: int, title: str) -> None:
        super().__init__(ctx, f"Delete briefing “{title}”", bid)

    def do(self) -> None:
        self.store.delete_briefing(self.bid or 0)

    def revert(self) -> None:
        self.store.restore_briefing(self.bid or 0)


class UpdateBriefing(StoreCommand):
    """Cover fields; consecutive edits of the same fields merge into one undo step."""

    def __init__(self, ctx: Context, bid: int, **fields: str) -> None:
        super().__init__(ctx, "Edit " + ", ".join(f.replace("_", " ") for f in fields), bid)
        self.fields = fields
        self.old: dict[str, str] = {}

    def first(self) -> None:
        self.old = self.store.update_briefing(self.bid or 0, **self.fields)

    def do(self) -> None:
        self.store.update_briefing(self.bid or 0, **self.fields)

    def revert(self) -> None:
        self.store.update_briefing(self.bid or 0, **self.old)

    def id(self) -> int:
        return FIELD_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, UpdateBriefing) and other.bid == self.bid
                and set(other.fields) == set(self.fields)):
            return False
        self.fields = other.fields
        return True


# items -------------------------------------------------------------------------------------

class AddItems(StoreCommand):
    def __init__(self, ctx: Context, bid: int, refs: Sequence[str], section: int | None = None,
                 index: int | None = None) -> None:
        n = len(refs)
        super().__init__(ctx, f"Add {n} item{'s' * (n != 1)} to the briefing", bid)
        self.refs, self.target, self.index = list(refs), section, index
        self.added: list[Item] = []

    def first(self) -> None:
        self.added = self.store.add_items(self.bid or 0, self.refs, self.target, self.index)
        self.items = tuple(i.id for i in self.added)

    def do(self) -> None:
        self.store.restore_items(self.added)

    def revert(self) -> None:
        self.added = self.store.remove_items(self.items)


class RemoveItems(StoreCommand):
    def __init__(self, ctx: Context, bid: int, item_ids: Sequence[int]) -> None:
        n = len(item_ids)
        super().__init__(ctx, f"Remove {n} item{'s' * (n != 1)}", bid)
        self.ids = tuple(item_ids)
        self.removed: list[Item] = []

    def do(self) -> None:
        self.removed = self.store.remove_items(self.ids)
        self.items = ()

    def revert(self) -> None:
        self.store.restore_items(self.removed)
        self.items = self.ids


class MoveItem(StoreCommand):
    def __init__(self, ctx: Context, bid: int, item_id: int, section: int | None,
                 index: int) -> None:
        super().__init__(ctx, "Move item", bid)
        self.item_id, self.target, self.index = item_id, section, index
        self.old: tuple[int | None, int] = (None, 0)
        self.items = (item_id,)

    def do(self) -> None:
        self.old = self.store.move_item(self.item_id, self.target, self.index)

    def revert(self) -> None:
        self.store.move_item(self.item_id, *self.old)


class SetComment(StoreCommand):
    """Talking points; typing into the same item's notes merges into one undo step."""

    def __init__(self, ctx: Context, bid: int, item_id: int, text: str) -> None:
        super().__init__(ctx, "Edit talking points", bid)
        self.item_id, self.text, self.old = item_id, text, ""

    def redo(self) -> None:
        super().redo()  # the first time, the selection stays where the user put it
        self.items = (self.item_id,)

    def first(self) -> None:
        self.old = self.store.set_comment(self.item_id, self.text)

    def do(self) -> None:
        self.store.set_comment(self.item_id, self.text)

    def revert(self) -> None:
        self.store.set_comment(self.item_id, self.old)

    def id(self) -> int:
        return COMMENT_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetComment) and other.item_id == self.item_id):
            return False
        self.text = other.text
        return True


# sections ----------------------------------------------------------------------------------

class AddSection(StoreCommand):
    def __init__(self, ctx: Context, bid: int, title: str, index: int | None = None) -> None:
        super().__init__(ctx, f"Add heading “{title}”", bid)
        self.title, self.index = title, index
        self.layout: Layout | None = None

    def first(self) -> None:
        self.section = self.store.add_section(self.bid or 0, self.title, self.index).id

    def do(self) -> None:
        if self.layout is not None:
            self.store.restore_layout(self.layout)

    def revert(self) -> None:
        self.layout = self.store.remove_section(self.section or 0)


class RenameSection(StoreCommand):
    def __init__(self, ctx: Context, bid: int, section: int, title: str) -> None:
        super().__init__(ctx, "Rename heading", bid)
        self.section, self.title, self.old = section, title, ""

    def do(self) -> None:
        self.old = self.store.rename_section(self.section or 0, self.title)

    def revert(self) -> None:
        self.store.rename_section(self.section or 0, self.old)


class MoveSection(StoreCommand):
    def __init__(self, ctx: Context, bid: int, section: int, index: int) -> None:
        super().__init__(ctx, "Move heading", bid)
        self.section, self.index, self.old = section, index, 0

    def do(self) -> None:
        self.old = self.store.move_section(self.section or 0, self.index)

    def revert(self) -> None:
        self.store.move_section(self.section or 0, self.old)


class LayoutCommand(StoreCommand):
    """Edits that return the whole layout before them: remove a heading, group by objective."""

    def __init__(self, ctx: Context, bid: int, text: str, section: int | None = None) -> None:
        super().__init__(ctx, text, bid)
        self.target = section
        self.before: Layout | None = None
        self.after: Layout | None = None

    def first(self) -> None:
        if self.target is None:
            self.before = self.store.group_by_objective(self.bid or 0)
        else:
            self.before = self.store.remove_section(self.target)

    def do(self) -> None:
        if self.after is not None:
            self.store.restore_layout(self.after)

    def revert(self) -> None:
        if self.before is not None:
            self.after = self.store.restore_layout(self.before)
