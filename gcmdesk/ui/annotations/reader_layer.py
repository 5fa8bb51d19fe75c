"""Annotations in the reader: the "notes" highlight layer, and what is under the cursor.

Highlights are painted as one reader layer for every visible annotation (the reader skips those
not in the open document), so changing documents needs no repaint from here.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from ...core.annotations import Annotation, AnnotationStore
from ..theme import colors, mix
from ..widgets.reader import Highlight, Reader

LAYER, Z = "notes", 0


def highlight_color(rgb: str, reader: Reader, whole: bool) -> QColor:
    """The pen colour on the page: a lighter wash for a whole passage, toned down when dark."""
    c = colors(reader.palette())
    base = QColor(rgb)
    if c.dark:
        return mix(base, c.base, 0.72 if whole else 0.6)
    return mix(base, c.base, 0.55) if whole else base


def span_of(a: Annotation, store: AnnotationStore) -> tuple[int, int] | None:
    """Where an annotation sits in its passage's text (None: orphaned or passage gone)."""
    if a.orphaned:
        return None
    s = a.selectors
    if s.whole_passage or s.start is None or s.end is None:
        p = store.passage(a.passage_id)
        return (0, len(p.text)) if p else None
    return s.start, s.end


def paint(reader: Reader, store: AnnotationStore, anns: list[Annotation],
          rgb: dict[str, str]) -> None:
    """Replace the reader's "notes" layer (``rgb``: colour key → '#rrggbb').

    A note without a colour is underlined only; a highlight that has a note is underlined too.
    """
    items = []
    transparent = QColor(0, 0, 0, 0)
    for a in anns:
        span = span_of(a, store)
        if span is None:
            continue
        whole = a.selectors.whole_passage
        color = (highlight_color(rgb.get(a.color, "#ffd54f"), reader, whole) if a.color
                 else transparent)
        underline = (bool(a.note) and not whole) or not a.color
        items.append(Highlight(a.passage_id, span[0], span[1], color, underline=underline))
    # whole passages first, so a highlight inside one paints on top of its wash
    items.sort(key=lambda h: (h.end - h.start) * -1)
    reader.set_highlights(LAYER, items, z=Z)


def at_cursor(reader: Reader, anns: list[Annotation], store: AnnotationStore) -> list[Annotation]:
    """The annotations under the reader's cursor or selection, the narrowest first."""
    cursor = reader.textCursor()
    span = reader.map.at(cursor.selectionStart()) or reader.map.at(cursor.position())
    if span is None:
        return []
    a_off = span.offset_at(cursor.selectionStart())
    b_off = span.offset_at(cursor.selectionEnd()) if cursor.hasSelection() else a_off
    found = []
    for a in anns:
        where = span_of(a, store) if a.passage_id == span.passage_id else None
        if where and where[0] <= b_off and a_off <= where[1]:
            found.append((where[1] - where[0], a))
    return [a for _n, a in sorted(found, key=lambda t: t[0])]
