"""Briefings: the user's own compositions of passages, recommendations, objectives and notes.

A briefing has a cover (title, meeting, date, author, classification, introduction), optional
user-defined sections (headings) and ordered items. Items before the first heading belong to no
section (``section_id`` None) and come first. Positions are 0-based indexes within a section.

Every edit is one call, one transaction, saved at once, and returns what undoes it, so a GUI's
``QUndoCommand`` stores the return value of ``redo`` and calls the inverse in ``undo``:

===========================================  =========================  ===========================
edit                                         returns                    undo
===========================================  =========================  ===========================
create_briefing(title, **fields)             Briefing                   delete_briefing(b.id)
duplicate_briefing(bid)                      Briefing (the copy)        delete_briefing(copy.id)
delete_briefing(bid)  (soft)                 None                       restore_briefing(bid)
update_briefing(bid, **fields)               dict of the old values     update_briefing(bid, **old)
rename_briefing(bid, title)                  old title                  rename_briefing(bid, old)
add_items(bid, refs, section_id, index)      list[Item]                 remove_items(ids)
remove_items(item_ids)                       list[Item] (as they were)  restore_items(items)
move_item(item_id, section_id, index)        (old section, old index)   move_item(item_id, *old)
set_comment(item_id, text)                   old comment                set_comment(item_id, old)
add_section(bid, title, index)               Section                    remove_section(s.id)
rename_section(section_id, title)            old title                  rename_section(id, old)
move_section(section_id, index)              old index                  move_section(id, old)
remove_section(section_id)                   Layout (before)            restore_layout(layout)
group_by_objective(bid)                      Layout (before)            restore_layout(layout)
===========================================  =========================  ===========================

Redo of a soft delete is ``delete_briefing`` again; of the others, the same call again (ids are
kept: restored rows get their old ids back). ``restore_layout`` returns the layout it replaced,
so it is its own inverse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from sqlite3 import Row
from typing import Any

from . import briefing_rows as rows
from .annotations import AnnotationStore
from .briefing_content import ItemResolver, ResolvedBriefing, load_briefing
from .errors import InvalidInput, NotFound
from .refdb import ReferenceDB
from .userdb import UserDB, now_iso

PAPER_SIZES = ("A4", "Letter")
DEFAULT_CLASSIFICATION = "For internal use"
EDITABLE_FIELDS = ("title", "meeting", "date", "author", "classification", "introduction",
                   "paper_size")
NO_OBJECTIVE_SECTION = "Other references"


@dataclass(frozen=True)
class Briefing:
    id: int
    title: str
    meeting: str
    date: str
    author: str
    classification: str
    introduction: str
    paper_size: str
    created: str
    modified: str
    deleted: bool
    item_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Section:
    id: int
    briefing_id: int
    title: str
    seq: int


@dataclass(frozen=True)
class Item:
    id: int
    briefing_id: int
    section_id: int | None
    seq: int
    item_type: str  # 'passage' | 'recommendation' | 'objective' | 'annotation'
    item_ref: str
    comment: str
    created: str


@dataclass(frozen=True)
class Layout:
    """Sections and items of one briefing exactly as stored: the undo record of bulk edits."""

    briefing_id: int
    sections: tuple[Section, ...]
    items: tuple[Item, ...]


_BRIEFING_SQL = ("SELECT b.*, (SELECT COUNT(*) FROM briefing_items i WHERE i.briefing_id = b.id)"
                 " AS item_count FROM briefings b")


def _briefing(r: Row) -> Briefing:
    return Briefing(**{**dict(r), "deleted": bool(r["deleted"])})


def _clean_title(title: str, what: str = "A briefing") -> str:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(f"{what} needs a title.")
    return title


def _check_fields(values: dict[str, str]) -> dict[str, str]:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown briefing field(s): {', '.join(sorted(unknown))}.")
    out = {k: str(v) for k, v in values.items()}
    if "title" in out:
        out["title"] = _clean_title(out["title"])
    if "paper_size" in out and out["paper_size"] not in PAPER_SIZES:
        raise InvalidInput(f"Paper size must be one of {', '.join(PAPER_SIZES)}, "
                           f"not '{out['paper_size']}'.")
    return out


class BriefingStore:
    """Briefings in the user DB; item references are checked against the reference DB."""

    def __init__(self, user: UserDB, ref: ReferenceDB,
                 annotations: AnnotationStore | None = None) -> None:
        self.user = user
        self.ref = ref
        self.resolver = ItemResolver(ref, annotations or AnnotationStore(user, ref))

    # reading -----------------------------------------------------------------------------

    def list_briefings(self, include_deleted: bool = False) -> list[Briefing]:
        where = "" if include_deleted else " WHERE b.deleted = 0"
        rows = self.user.conn.execute(f"{_BRIEFING_SQL}{where} ORDER BY b.modified DESC, b.id")
        return [_briefing(r) for r in rows]

    def briefing(self, briefing_id: int) -> Briefing:
        r = self.user.conn.execute(f"{_BRIEFING_SQL} WHERE b.id = ?", (briefing_id,)).fetchone()
        if r is None:
            raise NotFound(f"No briefing with id {briefing_id}. "
                           "Run `gcmdesk briefing list` for the list.")
        return _briefing(r)

    def layout(self, briefing_id: int) -> Layout:
        self.briefing(briefing_id)
        conn = self.user.conn
        sections = conn.execute("SELECT id, briefing_id, title, seq FROM briefing_sections "
                                "WHERE briefing_id = ? ORDER BY seq", (briefing_id,)).fetchall()
        order = {r["id"]: r["seq"] for r in sections}
        items = conn.execute("SELECT id, briefing_id, section_id, seq, item_type, item_ref, "
                             "comment, created FROM briefing_items WHERE briefing_id = ?",
                             (briefing_id,)).fetchall()
        ordered = sorted(items, key=lambda r: (
            -1 if r["section_id"] is None else order[r["section_id"]], r["seq"]))
        return Layout(briefing_id, tuple(Section(**dict(r)) for r in sections),
                      tuple(Item(**dict(r)) for r in ordered))

    def item(self, item_id: int) -> Item:
        r = self.user.conn.execute("SELECT id, briefing_id, section_id, seq, item_type, item_ref, "
                                   "comment, created FROM briefing_items WHERE id = ?",
                                   (item_id,)).fetchone()
        if r is None:
            raise NotFound(f"No briefing item with id {item_id}.")
        return Item(**dict(r))

    def section(self, section_id: int) -> Section:
        r = self.user.conn.execute("SELECT id, briefing_id, title, seq FROM briefing_sections "
                                   "WHERE id = ?", (section_id,)).fetchone()
        if r is None:
            raise NotFound(f"No briefing section with id {section_id}.")
        return Section(**dict(r))

    def section_by_title(self, briefing_id: int, title: str) -> Section | None:
        wanted = " ".join(title.split()).casefold()
        return next((s for s in self.layout(briefing_id).sections
                     if s.title.casefold() == wanted), None)

    def load(self, briefing_id: int) -> ResolvedBriefing:
        """The briefing with every item resolved to its text, citation and source: for export."""
        return load_briefing(self.briefing(briefing_id), self.layout(briefing_id), self.resolver)

    # briefings ---------------------------------------------------------------------------

    def create_briefing(self, title: str, **values: str) -> Briefing:
        values = _check_fields({"title": title, **values})
        values.setdefault("classification", DEFAULT_CLASSIFICATION)
        now = now_iso()
        cols = list(values)
        with self.user.transaction() as conn:
            cur = conn.execute(
                f"INSERT INTO briefings ({', '.join(cols)}, created, modified) "
                f"VALUES ({', '.join('?' * len(cols))}, ?, ?)", (*values.values(), now, now))
        return self.briefing(int(cur.lastrowid or 0))

    def update_briefing(self, briefing_id: int, **values: str) -> dict[str, str]:
        """Set cover fields; returns their old values (pass them back to undo)."""
        values = _check_fields(values)
        old = self.briefing(briefing_id)
        if values:
            with self.user.transaction() as conn:
                sets = ", ".join(f"{k} = ?" for k in values)
                conn.execute(f"UPDATE briefings SET {sets}, modified = ? WHERE id = ?",
                             (*values.values(), now_iso(), briefing_id))
        return {k: getattr(old, k) for k in values}

    def rename_briefing(self, briefing_id: int, title: str) -> str:
        return self.update_briefing(briefing_id, title=title)["title"]

    def duplicate_briefing(self, briefing_id: int, title: str | None = None) -> Briefing:
        src = self.briefing(briefing_id)
        layout = self.layout(briefing_id)
        copy = self.create_briefing(title or f"{src.title} (copy)", **{
            k: getattr(src, k) for k in EDITABLE_FIELDS if k != "title"})
        with self.user.transaction() as conn:
            new_ids = {s.id: rows.insert_section(conn, copy.id, s.title, s.seq)
                       for s in layout.sections}
            for i in layout.items:
                rows.insert_item(conn, replace(
                    i, briefing_id=copy.id,
                    section_id=None if i.section_id is None else new_ids[i.section_id]), True)
        return self.briefing(copy.id)

    def delete_briefing(self, briefing_id: int) -> None:
        """Soft delete (the briefing leaves the list); undo with :meth:`restore_briefing`."""
        self._set_deleted(briefing_id, True)

    def restore_briefing(self, briefing_id: int) -> None:
        self._set_deleted(briefing_id, False)

    def purge_deleted(self) -> int:
        """Remove soft-deleted briefings for good (emptying the bin); returns how many."""
        with self.user.transaction() as conn:
            return conn.execute("DELETE FROM briefings WHERE deleted = 1").rowcount

    def _set_deleted(self, briefing_id: int, deleted: bool) -> None:
        self.briefing(briefing_id)
        with self.user.transaction() as conn:
            conn.execute("UPDATE briefings SET deleted = ?, modified = ? WHERE id = ?",
                         (int(deleted), now_iso(), briefing_id))

    # items -------------------------------------------------------------------------------

    def add_items(self, briefing_id: int, refs: Sequence[str], section_id: int | None = None,
                  index: int | None = None, comment: str = "") -> list[Item]:
        """Add items by id (passage, recommendation, ``objective:N``, annotation ``urn:uuid:…``).

        All ids are checked first: an unknown one raises NotFound and nothing is added.
        """
        self.briefing(briefing_id)
        self._check_section(briefing_id, section_id)
        kinds = [self.resolver.classify(r) for r in refs]
        if not kinds:
            raise InvalidInput("Give at least one item id to add.")
        now = now_iso()
        with self.user.transaction() as conn:
            ids = rows.ordered_ids(conn, briefing_id, section_id)
            at = len(ids) if index is None else max(0, min(index, len(ids)))
            new = [rows.insert_item(conn, Item(0, briefing_id, section_id, 0, kind, ref,
                                                comment, now), True) for kind, ref in kinds]
            rows.renumber(conn, [*ids[:at], *new, *ids[at:]])
            rows.touch(conn, briefing_id)
        return [self.item(i) for i in new]

    def remove_items(self, item_ids: Iterable[int]) -> list[Item]:
        """Remove items; returns them as they were, for :meth:`restore_items`."""
        removed = sorted((self.item(i) for i in set(item_ids)), key=lambda i: i.seq)
        with self.user.transaction() as conn:
            for item in removed:
                conn.execute("DELETE FROM briefing_items WHERE id = ?", (item.id,))
            for bid, sid in {(i.briefing_id, i.section_id) for i in removed}:
                rows.renumber(conn, rows.ordered_ids(conn, bid, sid))
                rows.touch(conn, bid)
        return removed

    def restore_items(self, items: Sequence[Item]) -> None:
        """Put removed items back where they were, with their ids and comments."""
        with self.user.transaction() as conn:
            for item in sorted(items, key=lambda i: i.seq):
                sid = item.section_id if rows.section_exists(conn, item.section_id) else None
                ids = rows.ordered_ids(conn, item.briefing_id, sid)
                rows.insert_item(conn, replace(item, section_id=sid), False)
                ids.insert(min(item.seq, len(ids)), item.id)
                rows.renumber(conn, ids)
                rows.touch(conn, item.briefing_id)

    def move_item(self, item_id: int, section_id: int | None, index: int
                  ) -> tuple[int | None, int]:
        """Move an item to ``index`` in a section (None: before the first heading).

        Returns its old (section_id, index).
        """
        item = self.item(item_id)
        self._check_section(item.briefing_id, section_id)
        with self.user.transaction() as conn:
            old_ids = rows.ordered_ids(conn, item.briefing_id, item.section_id)
            old_ids.remove(item_id)
            rows.renumber(conn, old_ids)
            ids = rows.ordered_ids(conn, item.briefing_id, section_id, exclude=(item_id,))
            ids.insert(max(0, min(index, len(ids))), item_id)
            conn.execute("UPDATE briefing_items SET section_id = ? WHERE id = ?",
                         (section_id, item_id))
            rows.renumber(conn, ids)
            rows.touch(conn, item.briefing_id)
        return item.section_id, item.seq

    def set_comment(self, item_id: int, comment: str) -> str:
        """Set an item's talking points / commentary; returns the old text."""
        item = self.item(item_id)
        with self.user.transaction() as conn:
            conn.execute("UPDATE briefing_items SET comment = ? WHERE id = ?", (comment, item_id))
            rows.touch(conn, item.briefing_id)
        return item.comment

    # sections ----------------------------------------------------------------------------

    def add_section(self, briefing_id: int, title: str, index: int | None = None) -> Section:
        self.briefing(briefing_id)
        title = _clean_title(title, "A section")
        with self.user.transaction() as conn:
            ids = rows.section_ids(conn, briefing_id)
            sid = rows.insert_section(conn, briefing_id, title, len(ids))
            at = len(ids) if index is None else max(0, min(index, len(ids)))
            rows.renumber_sections(conn, [*ids[:at], sid, *ids[at:]])
            rows.touch(conn, briefing_id)
        return self.section(sid)

    def rename_section(self, section_id: int, title: str) -> str:
        section = self.section(section_id)
        with self.user.transaction() as conn:
            conn.execute("UPDATE briefing_sections SET title = ? WHERE id = ?",
                         (_clean_title(title, "A section"), section_id))
            rows.touch(conn, section.briefing_id)
        return section.title

    def move_section(self, section_id: int, index: int) -> int:
        section = self.section(section_id)
        with self.user.transaction() as conn:
            ids = rows.section_ids(conn, section.briefing_id)
            ids.remove(section_id)
            ids.insert(max(0, min(index, len(ids))), section_id)
            rows.renumber_sections(conn, ids)
            rows.touch(conn, section.briefing_id)
        return section.seq

    def remove_section(self, section_id: int) -> Layout:
        """Remove a heading; its items join the end of the section before it (as in a text)."""
        section = self.section(section_id)
        before = self.layout(section.briefing_id)
        previous = [s.id for s in before.sections if s.seq < section.seq]
        target = previous[-1] if previous else None
        with self.user.transaction() as conn:
            moved = rows.ordered_ids(conn, section.briefing_id, section_id)
            conn.execute("DELETE FROM briefing_sections WHERE id = ?", (section_id,))
            conn.execute("UPDATE briefing_items SET section_id = ? WHERE id IN "
                         f"({', '.join('?' * len(moved))})", (target, *moved))
            rows.renumber(conn, [*rows.ordered_ids(conn, section.briefing_id, target,
                                                     exclude=moved), *moved])
            rows.renumber_sections(conn, rows.section_ids(conn, section.briefing_id))
            rows.touch(conn, section.briefing_id)
        return before

    def group_by_objective(self, briefing_id: int) -> Layout:
        """Replace the sections by one per GCM objective (items keep their relative order).

        An item goes under its first objective (explicit links first, then the strongest
        thematic one); items without any go under "Other references" at the end.
        """
        before = self.layout(briefing_id)
        groups: dict[int | None, list[Item]] = {}
        for item in before.items:
            groups.setdefault(self.resolver.primary_objective(item.item_type, item.item_ref),
                              []).append(item)
        order = sorted(groups, key=lambda n: (n is None, n or 0))
        sections = tuple(
            Section(0, briefing_id, self.resolver.objective_heading(n) if n is not None
                    else NO_OBJECTIVE_SECTION, seq) for seq, n in enumerate(order))
        items = tuple(replace(item, section_id=-(1 + order.index(n)), seq=seq)
                      for n in order for seq, item in enumerate(groups[n]))
        self._write_layout(Layout(briefing_id, sections, items), new_sections=True)
        return before

    def restore_layout(self, layout: Layout) -> Layout:
        """Make sections and items exactly ``layout``; returns the layout it replaced."""
        before = self.layout(layout.briefing_id)
        self._write_layout(layout, new_sections=False)
        return before

    # helpers -----------------------------------------------------------------------------

    def _write_layout(self, layout: Layout, new_sections: bool) -> None:
        """Rewrite all rows; with ``new_sections``, section ids -1, -2… are placeholders."""
        bid = layout.briefing_id
        with self.user.transaction() as conn:
            conn.execute("DELETE FROM briefing_items WHERE briefing_id = ?", (bid,))
            conn.execute("DELETE FROM briefing_sections WHERE briefing_id = ?", (bid,))
            ids: dict[int, int] = {}
            for i, s in enumerate(layout.sections):
                key = -(1 + i) if new_sections else s.id
                ids[key] = rows.insert_section(conn, bid, s.title, s.seq,
                                                None if new_sections else s.id)
            for item in layout.items:
                sid = None if item.section_id is None else ids[item.section_id]
                rows.insert_item(conn, replace(item, section_id=sid), False)
            rows.touch(conn, bid)

    def _check_section(self, briefing_id: int, section_id: int | None) -> None:
        if section_id is not None and self.section(section_id).briefing_id != briefing_id:
            raise InvalidInput(f"Section {section_id} belongs to another briefing.")
