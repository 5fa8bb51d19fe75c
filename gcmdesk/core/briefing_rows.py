"""Row-level helpers of the briefing store: inserts and renumbering inside a transaction."""

from __future__ import annotations

from collections.abc import Sequence
from sqlite3 import Connection
from typing import TYPE_CHECKING

from .userdb import now_iso

if TYPE_CHECKING:
    from .briefing import Item


def section_exists(conn: Connection, section_id: int | None) -> bool:
    return section_id is not None and conn.execute(
        "SELECT 1 FROM briefing_sections WHERE id = ?", (section_id,)).fetchone() is not None


def insert_item(conn: Connection, item: Item, new_id: bool) -> int:
    cur = conn.execute(
        "INSERT INTO briefing_items (id, briefing_id, section_id, seq, item_type, item_ref, "
        "comment, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (None if new_id else item.id or None, item.briefing_id, item.section_id, item.seq,
         item.item_type, item.item_ref, item.comment, item.created))
    return int(cur.lastrowid or 0)


def insert_section(conn: Connection, briefing_id: int, title: str, seq: int,
                   section_id: int | None = None) -> int:
    cur = conn.execute("INSERT INTO briefing_sections (id, briefing_id, title, seq) "
                       "VALUES (?, ?, ?, ?)", (section_id, briefing_id, title, seq))
    return int(cur.lastrowid or 0)


def ordered_ids(conn: Connection, briefing_id: int, section_id: int | None,
                exclude: Sequence[int] = ()) -> list[int]:
    rows = conn.execute("SELECT id FROM briefing_items WHERE briefing_id = ? "
                        "AND section_id IS ? ORDER BY seq, id", (briefing_id, section_id))
    return [r[0] for r in rows if r[0] not in exclude]


def section_ids(conn: Connection, briefing_id: int) -> list[int]:
    rows = conn.execute("SELECT id FROM briefing_sections WHERE briefing_id = ? "
                        "ORDER BY seq, id", (briefing_id,))
    return [r[0] for r in rows]


def renumber(conn: Connection, item_ids: Sequence[int]) -> None:
    conn.executemany("UPDATE briefing_items SET seq = ? WHERE id = ?",
                     [(seq, i) for seq, i in enumerate(item_ids)])


def renumber_sections(conn: Connection, section_ids: Sequence[int]) -> None:
    conn.executemany("UPDATE briefing_sections SET seq = ? WHERE id = ?",
                     [(seq, i) for seq, i in enumerate(section_ids)])


def touch(conn: Connection, briefing_id: int) -> None:
    conn.execute("UPDATE briefings SET modified = ? WHERE id = ?", (now_iso(), briefing_id))
