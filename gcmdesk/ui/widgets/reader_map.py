"""Where each passage's clean text lies in the reader's QTextDocument, both ways.

After the HTML is laid out, one walk over the document's text fragments finds each passage's
anchor and the runs of its text, skipping footnote markers. Offsets are character offsets into
``Passage.text``: the same coordinates the annotations core stores.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field

from PySide6.QtGui import QTextCursor, QTextDocument

from ...core.refdb import Passage
from .reader_html import FOOTNOTE_SCHEME, passage_anchor

log = logging.getLogger(__name__)


@dataclass
class PassageSpan:
    passage_id: str
    start: int  # document position of the first character of the text
    end: int  # document position after the last character
    length: int  # len(Passage.text)
    segments: list[tuple[int, int, int]] = field(default_factory=list)  # (doc pos, offset, n)
    block_start: int = 0  # the passage's whole box (number, text, chips): for clicks and menus
    block_end: int = 0

    def offset_at(self, pos: int) -> int:
        """The text offset at a document position (clamped to the passage)."""
        for dp, off, n in self.segments:
            if pos < dp:
                return off
            if pos <= dp + n:
                return off + pos - dp
        return self.length

    def pos_at(self, offset: int, at_end: bool = False) -> int:
        """The document position of a text offset; ``at_end`` prefers the end of a run."""
        offset = max(0, min(offset, self.length))
        for dp, off, n in self.segments:
            if offset < off + n or (offset == off + n and at_end):
                return dp + offset - off
        return self.end


class PassageMap:
    def __init__(self, spans: list[PassageSpan]) -> None:
        self.spans = sorted(spans, key=lambda s: s.block_start)
        self.by_id = {s.passage_id: s for s in self.spans}
        self._starts = [s.block_start for s in self.spans]

    def __contains__(self, passage_id: str) -> bool:
        return passage_id in self.by_id

    def at(self, pos: int) -> PassageSpan | None:
        """The passage whose box holds a document position, if any."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos <= self.spans[i].block_end:
            return self.spans[i]
        return None

    def nearest(self, pos: int) -> PassageSpan | None:
        """The passage holding a position, else the next one (a heading belongs to what follows),
        else the last one (for 'which passage is on top of the view')."""
        if not self.spans:
            return None
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos <= self.spans[i].block_end:
            return self.spans[i]
        return self.spans[min(i + 1, len(self.spans) - 1)]

    @classmethod
    def build(cls, doc: QTextDocument, passages: list[Passage]) -> PassageMap:
        frags: list[tuple[int, str, str]] = []
        starts: dict[str, int] = {}
        wanted = {passage_anchor(p.id) for p in passages}
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                for name in fmt.anchorNames():
                    if name in wanted and name not in starts:
                        starts[name] = len(frags)
                frags.append((frag.position(), frag.text(), fmt.anchorHref()))
                it += 1
            block = block.next()
        spans = []
        for p in passages:
            i = starts.get(passage_anchor(p.id))
            if i is None:
                log.warning("passage %s not found in the rendered document", p.id)
                continue
            spans.append(_consume(doc, p, frags, i))
        return cls(spans)


def _consume(doc: QTextDocument, p: Passage, frags: list[tuple[int, str, str]],
             i: int) -> PassageSpan:
    span = PassageSpan(p.id, frags[i][0], frags[i][0], len(p.text))
    offset = 0
    while offset < len(p.text) and i < len(frags):
        pos, text, href = frags[i]
        i += 1
        if href.startswith(FOOTNOTE_SCHEME):
            continue
        n = min(len(text), len(p.text) - offset)
        if text[:n] != p.text[offset:offset + n]:
            log.warning("passage %s: rendered text differs at offset %d", p.id, offset)
        span.segments.append((pos, offset, n))
        offset += n
        span.end = pos + n
    cursor = QTextCursor(doc)
    cursor.setPosition(span.start)
    table = cursor.currentTable()
    if table is not None:
        span.block_start, span.block_end = table.firstPosition(), table.lastPosition()
    else:
        span.block_start, span.block_end = span.start, span.end
    return span
