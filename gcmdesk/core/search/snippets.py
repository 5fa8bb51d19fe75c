"""Highlighted snippets: the matched words marked in the best fragment of a passage.

The output is HTML for QTextBrowser, which ignores ``<mark>``: matched words are wrapped in
``<span class="hit">`` and every other character is escaped. The spans are also returned as
character offsets so the reader can mark the same words in the full passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .text import Analysis


@dataclass(frozen=True)
class Marks:
    """What to highlight: word terms, exact surface forms, and phrases (surface sequences)."""

    terms: frozenset[str] = frozenset()
    surfaces: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = field(default=())  # the query's words, for the GUI

    def __bool__(self) -> bool:
        return bool(self.terms or self.surfaces or self.phrases)


def find_spans(ana: Analysis, text: str, marks: Marks) -> list[tuple[int, int]]:
    """Character spans of the matched words (phrases only where the whole phrase occurs)."""
    tokens = list(ana.tokens(text))
    hit = [t.term in marks.terms or t.surface in marks.surfaces for t in tokens]
    surfaces = [t.surface for t in tokens]
    for phrase in marks.phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if tuple(surfaces[i:i + n]) == phrase:
                hit[i:i + n] = [True] * n
    return [(t.start, t.end) for t, h in zip(tokens, hit, strict=True) if h]


def contains_phrase(ana: Analysis, text: str, phrase: tuple[str, ...]) -> bool:
    surfaces = ana.surfaces(text)
    n = len(phrase)
    return any(tuple(surfaces[i:i + n]) == phrase for i in range(len(surfaces) - n + 1))


def best_window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The ``width``-character window holding the most matched words (then the earliest)."""
    if len(text) <= width or not spans:
        return 0, min(len(text), width)
    best, best_start, j = -1, 0, 0
    for i, (start, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= start + width:
            j += 1
        if j - i > best:
            best, best_start = j - i, start
    # centre the matches a little: show some words before the first one
    lead = min(width // 4, best_start)
    start = best_start - lead
    return start, min(len(text), start + width)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move window edges to word boundaries so no word is cut in half."""
    if start > 0:
        space = text.find(" ", start)
        if 0 <= space < start + 30:
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > end - 30:
            end = space
    return start, end


def snippet(text: str, spans: list[tuple[int, int]], width: int = 240) -> str:
    start, end = _snap(text, *best_window(text, spans, width))
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[pos:s]))
        out.append(f'<span class="hit">{escape(text[s:e])}</span>')
        pos = e
    out.append(escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)
