"""The annotation model: plain values, input cleaning, and rows of the user DB's annotation tables.

No logic about when to write: that is :mod:`.annotations` (the store).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .anchoring import ORPHANED, STATUSES, Selectors
from .errors import InvalidInput

DEFAULT_COLOR = "yellow"
MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 100
MAX_TAGS = 50


@dataclass(frozen=True)
class Color:
    key: str  # stable: 'yellow' …; what exports and the DB refer to
    name: str  # the user's label: 'Key point' …
    rgb: str
    seq: int


@dataclass(frozen=True)
class Annotation:
    id: str  # 'urn:uuid:…', kept across export and import
    passage_id: str
    color: str | None  # a colour key; None: a note without a highlight
    note: str
    tags: tuple[str, ...]  # sorted
    selectors: Selectors
    ref_content_hash: str  # the reference data the selectors were made against
    passage_sha1: str  # the passage text the selectors were made against
    anchor_status: str  # anchored | moved | fuzzy | orphaned
    creator: str
    created: str
    modified: str
    deleted: bool = False
    quote_original: str | None = None  # the quote as made, when a fuzzy re-anchor changed it
    citation: str | None = None  # filled in on reading; None if the passage no longer exists

    @property
    def doc_id(self) -> str:
        return self.passage_id.split("/", 1)[0]

    @property
    def quote(self) -> str:
        """The highlighted words; "" for a note on a whole passage (whose text it remembers)."""
        return "" if self.selectors.whole_passage else self.selectors.exact

    @property
    def orphaned(self) -> bool:
        return self.anchor_status == ORPHANED

    def to_json(self) -> dict[str, Any]:
        """The ``gcmdesk annotations list --json`` shape: keys may be added, never renamed."""
        s = self.selectors
        return {"id": self.id, "passage_id": self.passage_id, "doc": self.doc_id,
                "citation": self.citation, "color": self.color, "note": self.note,
                "tags": list(self.tags), "quote": s.exact, "prefix": s.prefix,
                "suffix": s.suffix, "start": s.start, "end": s.end,
                "whole_passage": s.whole_passage, "anchor_status": self.anchor_status,
                "quote_original": self.quote_original, "creator": self.creator,
                "created": self.created, "modified": self.modified, "deleted": self.deleted}


@dataclass(frozen=True)
class Change:
    """One committed edit. ``before is None``: it created the annotation."""

    before: Annotation | None
    after: Annotation

    @property
    def is_noop(self) -> bool:
        return self.before == self.after


@dataclass(frozen=True)
class AnnotationFilter:
    """What the notes panel shows. Every field narrows; the defaults show everything live."""

    color: str | None = None
    tag: str | None = None
    doc_id: str | None = None
    passage_id: str | None = None
    text: str = ""  # every word must occur in the quote, note, tags or citation (any case)
    creators: frozenset[str] | None = None  # only these authors
    hidden_creators: frozenset[str] = frozenset()  # e.g. colleagues' imported notes, hidden
    status: str | None = None  # e.g. 'orphaned' for the review list
    include_deleted: bool = False
    order: str = "newest"  # or 'document': reading order


@dataclass
class ReanchorReport:
    checked: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # new status -> annotations changed
    orphaned: list[str] = field(default_factory=list)  # ids newly orphaned


def fold(text: str) -> str:
    """Case- and accent-insensitive form for the notes panel's text filter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_note(note: str) -> str:
    note = note.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in note:
        raise InvalidInput("A note cannot contain NUL characters.")
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidInput(f"A note is limited to {MAX_NOTE_CHARS:,} characters.")
    return note


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    out = {" ".join(t.split()) for t in tags} - {""}
    if len(out) > MAX_TAGS:
        raise InvalidInput(f"An annotation can have at most {MAX_TAGS} tags.")
    for t in out:
        if len(t) > MAX_TAG_CHARS or any(unicodedata.category(c) == "Cc" for c in t):
            raise InvalidInput(f"The tag “{t[:40]}” is too long or has control characters.")
    return tuple(sorted(out, key=lambda t: (t.casefold(), t)))


def from_row(r: sqlite3.Row) -> Annotation:
    sel = Selectors(r["quote_exact"], r["quote_prefix"], r["quote_suffix"], r["pos_start"],
                    r["pos_end"])
    return Annotation(
        id=r["id"], passage_id=r["passage_id"], color=r["color"], note=r["note"],
        tags=tuple(sorted(json.loads(r["tags"]), key=lambda t: (t.casefold(), t))), selectors=sel,
        ref_content_hash=r["ref_content_hash"], passage_sha1=r["passage_sha1"],
        anchor_status=r["anchor_status"], creator=r["creator"], created=r["created"],
        modified=r["modified"], deleted=bool(r["deleted"]), quote_original=r["quote_original"])


_COLUMNS = ("id", "passage_id", "color", "note", "quote_exact", "quote_prefix", "quote_suffix",
            "pos_start", "pos_end", "ref_content_hash", "passage_sha1", "anchor_status",
            "creator", "created", "modified", "deleted", "quote_original")
_UPSERT = (f"INSERT INTO annotations ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in _COLUMNS)}) ON CONFLICT(id) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:]))


def write(conn: sqlite3.Connection, a: Annotation) -> None:
    """Insert or overwrite one annotation and its tags (inside the caller's transaction)."""
    s = a.selectors
    conn.execute(_UPSERT, (a.id, a.passage_id, a.color, a.note, s.exact, s.prefix, s.suffix,
                           s.start, s.end, a.ref_content_hash, a.passage_sha1, a.anchor_status,
                           a.creator, a.created, a.modified, int(a.deleted), a.quote_original))
    conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (a.id,))
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)",
                     [(a.id, t) for t in a.tags])


def where_clause(f: AnnotationFilter) -> tuple[list[str], list[Any]]:
    """The SQL conditions (on ``annotations a``) and parameters for a filter."""
    where: list[str] = ["1 = 1"] if f.include_deleted else ["a.deleted = 0"]
    params: list[Any] = []
    if f.status is not None:
        if f.status not in STATUSES:
            raise InvalidInput(f"Unknown anchor status '{f.status}'.")
        where.append("a.anchor_status = ?")
        params.append(f.status)
    for column, value in (("a.color", f.color), ("a.passage_id", f.passage_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if f.doc_id is not None:
        where.append("substr(a.passage_id, 1, ?) = ?")
        params += [len(f.doc_id) + 1, f"{f.doc_id}/"]
    if f.tag is not None:
        where.append("a.id IN (SELECT annotation_id FROM annotation_tags WHERE tag = ?)")
        params.append(f.tag)
    if f.creators is not None:
        where.append(f"a.creator IN ({', '.join('?' for _ in f.creators)})")
        params += sorted(f.creators)
    if f.hidden_creators:
        where.append(f"a.creator NOT IN ({', '.join('?' for _ in f.hidden_creators)})")
        params += sorted(f.hidden_creators)
    return where, params


def haystack(a: Annotation) -> str:
    return fold("\n".join((a.quote, a.note, " ".join(a.tags), a.citation or "", a.passage_id)))
