"""The user's annotations: highlights in five named colours, notes and tags on passages.

Stored in the user DB only (the reference DB is read-only and replaceable). Every edit is one
committed transaction and returns a :class:`Change` (the annotation before and after), which is
all an undo stack needs: ``store.revert(change)`` undoes it, ``store.reapply(change)`` redoes it.
Deleting is soft (``deleted = 1``) so a deletion can be undone and merged like any other edit.
"""

from __future__ import annotations

import getpass
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .anchoring import ANCHORED, FUZZY, ORPHANED, Selectors, reanchor, relocate
from .anchoring import selectors_for as _selectors_for
from .annotation_model import (
    DEFAULT_COLOR,
    Annotation,
    AnnotationFilter,
    Change,
    Color,
    ReanchorReport,
    clean_note,
    clean_tags,
    fold,
    from_row,
    haystack,
    where_clause,
    write,
)
from .errors import InvalidInput, NotFound
from .refdb import Passage, ReferenceDB
from .userdb import UserDB, now_iso

if TYPE_CHECKING:
    from .search.api import IndexItem

__all__ = ["DEFAULT_COLOR", "Annotation", "AnnotationFilter", "AnnotationStore", "Change", "Color",
           "ReanchorReport"]

log = logging.getLogger(__name__)

FALLBACK_NAME = "gcmdesk user"
_ANCHORED_TO = "annotations_anchored_to"  # setting: the reference content hash last checked
_REVISION = "annotations_revision"  # setting: bumped by every write, a cheap "changed?" stamp
_HIDDEN_CREATORS = "annotations_hidden_creators"
_SELECT = ("SELECT a.*, (SELECT json_group_array(tag) FROM annotation_tags t "
           "WHERE t.annotation_id = a.id) AS tags FROM annotations a")
UNSET: Any = object()  # "leave as is" in ``update`` (None means "no colour")


class AnnotationStore:
    """Annotations over one user DB, anchored in one reference DB. ``Library.annotations``."""

    def __init__(self, user: UserDB, ref: ReferenceDB) -> None:
        self.user = user
        self.ref = ref
        self.content_hash = ref.content_hash
        self._passages: dict[str, Passage | None] = {}  # the reference DB never changes under us
        # Called with no arguments after every committed change (e.g. to re-index notes).
        self.listeners: list[Callable[[], None]] = []

    # colours and the author's name ---------------------------------------------------------

    def colors(self) -> list[Color]:
        rows = self.user.conn.execute("SELECT key, name, rgb, seq FROM highlight_colors "
                                      "ORDER BY seq").fetchall()
        return [Color(**dict(r)) for r in rows]

    def color_key(self, key_or_name: str) -> str:
        """The key of a colour given by key ('yellow') or by its current name ('Key point')."""
        wanted = key_or_name.strip().casefold()
        for c in self.colors():
            if wanted in (c.key, c.name.casefold()):
                return c.key
        names = ", ".join(f"{c.name} ({c.key})" for c in self.colors())
        raise InvalidInput(f"No highlight colour '{key_or_name}'. The colours are: {names}.")

    def rename_color(self, key: str, name: str) -> Color:
        """Rename a colour; returns the colour as it was (rename back to undo)."""
        name = " ".join(name.split())
        if not name or len(name) > 40:
            raise InvalidInput("A colour name must have 1 to 40 characters.")
        old = next((c for c in self.colors() if c.key == key), None)
        if old is None:
            raise NotFound(f"No highlight colour with key '{key}'.")
        with self.user.transaction() as conn:
            conn.execute("UPDATE highlight_colors SET name = ? WHERE key = ?", (name, key))
            self._bump(conn)
        self._notify()
        return old

    def display_name(self) -> str:
        """The author name on new annotations and exports: a setting, else the OS user."""
        name = self.user.setting("display_name")
        if name:
            return str(name)
        try:
            return getpass.getuser() or FALLBACK_NAME
        except Exception:  # getuser raises OSError/KeyError when no user name can be found
            return FALLBACK_NAME

    def set_display_name(self, name: str) -> None:
        self.user.set_setting("display_name", " ".join(name.split()) or None)

    def hidden_creators(self) -> frozenset[str]:
        """Authors whose annotations the notes panel and reader leave out (a saved choice)."""
        return frozenset(self.user.setting(_HIDDEN_CREATORS, []))

    def set_hidden_creators(self, names: Iterable[str]) -> None:
        self.user.set_setting(_HIDDEN_CREATORS, sorted(set(names)))

    # edits: each one transaction, each returns a Change ------------------------------------

    def create(self, passage_id: str, start: int | None = None, end: int | None = None, *,
               color: str | None = DEFAULT_COLOR, note: str = "",
               tags: Iterable[str] = ()) -> Change:
        """Annotate ``text[start:end]`` of a passage, or the whole passage (no offsets)."""
        passage = self.passage(passage_id)
        if passage is None:
            raise NotFound(f"No passage with id '{passage_id}'.")
        if (start is None) != (end is None):
            raise InvalidInput("Give both the start and the end of the selection, or neither.")
        sel = (Selectors(exact=passage.text) if start is None  # the text, to re-anchor by
               else _selectors_for(passage.text, start, end or 0))
        now = now_iso()
        ann = Annotation(
            id=f"urn:uuid:{uuid.uuid4()}", passage_id=passage.id, color=self._color(color),
            note=clean_note(note), tags=clean_tags(tags), selectors=sel,
            ref_content_hash=self.content_hash, passage_sha1=passage.text_sha1,
            anchor_status=ANCHORED, creator=self.display_name(), created=now, modified=now,
            citation=passage.citation)
        self._commit([ann])
        return Change(None, ann)

    def update(self, annotation_id: str, *, color: str | None = UNSET, note: str = UNSET,
               tags: Iterable[str] = UNSET) -> Change:
        """Change the colour (None: no highlight), note and/or tags; the rest stays as is."""
        before = self.get(annotation_id)
        after = replace(
            before,
            color=before.color if color is UNSET else self._color(color),
            note=before.note if note is UNSET else clean_note(note),
            tags=before.tags if tags is UNSET else clean_tags(tags))
        if after == before:
            return Change(before, before)
        return self._edit(before, after)

    def reattach(self, annotation_id: str, start: int | None, end: int | None) -> Change:
        """Put an annotation on a new selection in its passage (how an orphan is repaired)."""
        before = self.get(annotation_id)
        passage = self.passage(before.passage_id)
        if passage is None:
            raise NotFound(f"The passage '{before.passage_id}' is no longer in the library.")
        sel = (Selectors(exact=passage.text) if start is None or end is None
               else _selectors_for(passage.text, start, end))
        return self._edit(before, replace(
            before, selectors=sel, anchor_status=ANCHORED, quote_original=None,
            passage_sha1=passage.text_sha1, ref_content_hash=self.content_hash))

    def delete(self, annotation_id: str) -> Change:
        before = self.get(annotation_id)
        return self._edit(before, replace(before, deleted=True))

    def restore(self, annotation_id: str) -> Change:
        before = self.get(annotation_id, include_deleted=True)
        return self._edit(before, replace(before, deleted=False))

    def revert(self, change: Change) -> Annotation | None:
        """Undo: put back the state before ``change`` (a created annotation is removed)."""
        if change.before is None:
            with self.user.transaction() as conn:
                conn.execute("DELETE FROM annotations WHERE id = ?", (change.after.id,))
                self._bump(conn)
            self._notify()
            return None
        # A fresh ``modified``: the undo is the newest edit, and must win a later merge.
        return self._commit([replace(change.before, modified=now_iso())])[0]

    def reapply(self, change: Change) -> Annotation:
        """Redo: put back the state after ``change``."""
        return self._commit([replace(change.after, modified=now_iso())])[0]

    def merge(self, incoming: list[Annotation]) -> dict[str, int]:
        """Merge by id in one transaction: new ids are added, a newer ``modified`` wins.

        Returns counts ``added``, ``updated``, ``unchanged``; merging the same set twice changes
        nothing the second time.
        """
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self.user.transaction() as conn:
            for a in incoming:
                row = conn.execute("SELECT modified FROM annotations WHERE id = ?",
                                   (a.id,)).fetchone()
                if row is not None and row[0] >= a.modified:
                    counts["unchanged"] += 1
                    continue
                counts["added" if row is None else "updated"] += 1
                write(conn, a)
            if counts["added"] or counts["updated"]:
                self._bump(conn)
        if counts["added"] or counts["updated"]:
            self._notify()
        return counts

    def _edit(self, before: Annotation, after: Annotation) -> Change:
        after = self._commit([replace(after, modified=now_iso())])[0]
        return Change(before, after)

    def _commit(self, anns: list[Annotation]) -> list[Annotation]:
        with self.user.transaction() as conn:
            for a in anns:
                write(conn, a)
            self._bump(conn)
        self._notify()
        return [self._with_citation(a) for a in anns]

    def _color(self, color: str | None) -> str | None:
        return None if color is None else self.color_key(color)

    def _bump(self, conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT(key) "
                     "DO UPDATE SET value = CAST(value AS INTEGER) + 1", (_REVISION,))

    def _notify(self) -> None:
        # The edit is committed by now: a failing listener (say, the search index) is logged,
        # never reported as a failed save.
        for listener in list(self.listeners):
            try:
                listener()
            except Exception:
                log.exception("annotation listener %r failed", listener)

    # reading ------------------------------------------------------------------------------

    def revision(self) -> int:
        """Changes whenever any annotation or colour does: a stamp for caches and the index."""
        return int(self.user.setting(_REVISION, 0))

    def passage(self, passage_id: str) -> Passage | None:
        if passage_id not in self._passages:
            try:
                self._passages[passage_id] = self.ref.passage(passage_id)
            except NotFound:
                self._passages[passage_id] = None
        return self._passages[passage_id]

    def _with_citation(self, a: Annotation) -> Annotation:
        p = self.passage(a.passage_id)
        return replace(a, citation=p.citation if p else None)

    def get(self, annotation_id: str, include_deleted: bool = False) -> Annotation:
        row = self.user.conn.execute(f"{_SELECT} WHERE a.id = ?", (annotation_id,)).fetchone()
        if row is None or (row["deleted"] and not include_deleted):
            raise NotFound(f"No annotation with id '{annotation_id}'.")
        return self._with_citation(from_row(row))

    def find(self, filt: AnnotationFilter | None = None) -> list[Annotation]:
        f = filt or AnnotationFilter()
        where, params = where_clause(f)
        rows = self.user.conn.execute(
            f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY a.created DESC, a.id",
            params).fetchall()
        anns = [self._with_citation(from_row(r)) for r in rows]
        if f.text.strip():
            words = fold(f.text).split()
            anns = [a for a in anns if all(w in haystack(a) for w in words)]
        if f.order == "document":
            seq = {d.id: i for i, d in enumerate(self.ref.documents())}

            def reading_order(a: Annotation) -> tuple[int, int, int]:
                p = self.passage(a.passage_id)
                start = a.selectors.start
                return (seq.get(a.doc_id, len(seq)), p.seq if p else 0,
                        -1 if start is None else start)  # a whole passage before its parts

            anns.sort(key=reading_order)
        return anns

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use on a live annotation, with how many annotations carry it."""
        rows = self.user.conn.execute(
            "SELECT tag, COUNT(*) FROM annotation_tags t JOIN annotations a "
            "ON a.id = t.annotation_id WHERE a.deleted = 0 GROUP BY tag ORDER BY tag").fetchall()
        return [(r[0], r[1]) for r in rows]

    def creators(self) -> list[tuple[str, int]]:
        rows = self.user.conn.execute(
            "SELECT creator, COUNT(*) FROM annotations WHERE deleted = 0 GROUP BY creator "
            "ORDER BY creator").fetchall()
        return [(r[0], r[1]) for r in rows]

    # anchoring ----------------------------------------------------------------------------

    def anchored_to_current(self, a: Annotation) -> Annotation:
        """``a`` re-anchored in the current reference text (or orphaned, selectors kept)."""
        p = self.passage(a.passage_id)
        if p is not None and p.text_sha1 == a.passage_sha1:  # same text: offsets still hold
            status = ANCHORED if a.anchor_status == ORPHANED else a.anchor_status
            return replace(a, anchor_status=status, ref_content_hash=self.content_hash)
        found = reanchor(p.text if p else None, a.selectors)
        passage_id = a.passage_id
        if found.status == ORPHANED:  # renumbered? the same words elsewhere in the document
            texts = {q.id: q.text for q in self._document_passages(a.doc_id)
                     if q.id != a.passage_id}
            moved = relocate(texts, a.selectors)
            if moved is None:
                return replace(a, anchor_status=ORPHANED)
            passage_id, found = moved
            p = self.passage(passage_id)
        assert p is not None
        original = a.quote_original
        if found.status == FUZZY:
            original = original or a.selectors.exact
        return replace(a, passage_id=passage_id, selectors=found.selectors,
                       anchor_status=found.status, passage_sha1=p.text_sha1,
                       ref_content_hash=self.content_hash, quote_original=original,
                       citation=p.citation)

    def _document_passages(self, doc_id: str) -> list[Passage]:
        try:
            return self.ref.passages(doc_id)
        except NotFound:
            return []

    def reanchor_if_needed(self) -> ReanchorReport | None:
        """Re-anchor everything if the reference data changed since the last check (cheap)."""
        if self.user.setting(_ANCHORED_TO) == self.content_hash:
            return None
        return self.reanchor_all()

    def reanchor_all(self) -> ReanchorReport:
        """Check every annotation (deleted ones too: undo may bring them back) in one write."""
        report = ReanchorReport()
        rows = self.user.conn.execute(_SELECT).fetchall()
        changed = []
        for a in map(from_row, rows):
            report.checked += 1
            new = self.anchored_to_current(a)
            if new != a:
                changed.append(new)
                if new.anchor_status != a.anchor_status or new.selectors != a.selectors:
                    report.counts[new.anchor_status] = report.counts.get(new.anchor_status, 0) + 1
                    if new.orphaned and not a.orphaned:
                        report.orphaned.append(a.id)
        with self.user.transaction() as conn:
            for a in changed:
                write(conn, a)  # ``modified`` kept: re-anchoring is not the user's edit
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET value = excluded.value",
                         (_ANCHORED_TO, json.dumps(self.content_hash)))
            if changed:
                self._bump(conn)
        if changed:
            self._notify()
        return report

    # search -------------------------------------------------------------------------------

    def search_documents(self) -> list[dict[str, Any]]:
        """Every live annotation as a plain dict, for the search index's "my notes" scope."""
        names = {c.key: c.name for c in self.colors()}
        return [{"id": a.id, "passage_id": a.passage_id, "doc_id": a.doc_id,
                 "citation": a.citation or a.passage_id, "quote": a.quote, "note": a.note,
                 "tags": list(a.tags), "color": names.get(a.color or "", ""),
                 "creator": a.creator, "orphaned": a.orphaned} for a in self.find()]

    def index_items(self) -> list[IndexItem]:
        """The same, as search ``IndexItem``s of kind ``note`` (for ``replace_user_items``)."""
        from .search.api import IndexItem

        return [IndexItem(
            id=d["id"], kind="note", doc=d["doc_id"], citation=d["citation"],
            text="\n".join(x for x in (d["note"], d["quote"], " ".join(d["tags"])) if x),
            title=(d["note"].strip().splitlines() or [d["quote"]])[0][:120],
            section=d["color"], subkind="note") for d in self.search_documents()]

