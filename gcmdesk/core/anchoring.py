"""Where an annotation sits in a passage, and finding that place again after the text changed.

Pure functions over strings. An annotation remembers the W3C selectors it was made with: a
``TextQuoteSelector`` (the quoted words and a little context either side) and a
``TextPositionSelector`` (character offsets in the passage's clean text). When the passage text
changes, :func:`reanchor` tries, in order: the same position; the quote elsewhere (its context
picks between repeats); a close-enough fuzzy match. Anything less certain is *orphaned*: the
annotation keeps its old selectors so nothing is lost, and is never moved onto other text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .errors import InvalidInput

CONTEXT_CHARS = 32  # prefix/suffix kept for disambiguation (as Hypothesis and others do)
FUZZY_MIN_RATIO = 0.85  # difflib similarity below this is another text, not an edited one
FUZZY_MIN_CHARS = 12  # shorter quotes are too easy to match by chance: exact or orphaned
_WORD_EDGE = re.compile(r"\b")

ANCHORED, MOVED, FUZZY, ORPHANED = "anchored", "moved", "fuzzy", "orphaned"
STATUSES = (ANCHORED, MOVED, FUZZY, ORPHANED)


@dataclass(frozen=True)
class Selectors:
    """W3C TextQuoteSelector + TextPositionSelector; ``start is None`` means the whole passage."""

    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def whole_passage(self) -> bool:
        return self.start is None

    def to_w3c(self) -> list[dict[str, object]]:
        if self.whole_passage:
            return []
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix,
             "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


WHOLE_PASSAGE = Selectors()


@dataclass(frozen=True)
class Anchor:
    status: str  # one of STATUSES
    selectors: Selectors  # where it is now; for an orphan, the selectors it was made with


def selectors_for(text: str, start: int, end: int) -> Selectors:
    """Selectors for the selection ``text[start:end]`` (character offsets, end exclusive)."""
    if not 0 <= start < end <= len(text):
        raise InvalidInput(
            f"The selection {start}–{end} is not inside the passage (0–{len(text)}).")
    return Selectors(exact=text[start:end], prefix=text[max(0, start - CONTEXT_CHARS):start],
                     suffix=text[end:end + CONTEXT_CHARS], start=start, end=end)


def find_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Offsets of ``quote`` in ``text``; ``occurrence`` (1-based) picks one of several."""
    starts = [m.start() for m in re.finditer(f"(?={re.escape(quote)})", text)] if quote else []
    if not starts:
        raise InvalidInput(f"The passage does not contain the text “{_short(quote)}”.")
    if occurrence is None and len(starts) > 1:
        raise InvalidInput(f"“{_short(quote)}” appears {len(starts)} times in the passage; "
                           "give a longer quote or say which occurrence.")
    n = occurrence or 1
    if not 1 <= n <= len(starts):
        raise InvalidInput(f"“{_short(quote)}” appears only {len(starts)} time(s).")
    return starts[n - 1], starts[n - 1] + len(quote)


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[:n - 1] + "…"


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, sel: Selectors, start: int, end: int) -> int:
    """How many characters of the remembered prefix and suffix agree with the text there."""
    before = text[max(0, start - len(sel.prefix)):start]
    return _common_suffix(before, sel.prefix) + _common_prefix(text[end:], sel.suffix)


def _exact_match(text: str, sel: Selectors) -> Anchor | None:
    """The quote, verbatim: at its old place if its context still agrees, else the best repeat."""
    n = len(sel.exact)
    starts = [m.start() for m in re.finditer(f"(?={re.escape(sel.exact)})", text)]
    if not starts:
        return None
    full = len(sel.prefix) + len(sel.suffix)
    if sel.start in starts and _context_score(text, sel, sel.start, sel.start + n) == full:
        return Anchor(ANCHORED, selectors_for(text, sel.start, sel.start + n))
    old = sel.start or 0
    # Best context first; between equals, the one nearest the old position.
    best = max(starts, key=lambda s: (_context_score(text, sel, s, s + n), -abs(s - old)))
    status = ANCHORED if best == sel.start else MOVED
    return Anchor(status, selectors_for(text, best, best + n))


def _edges(text: str, lo: int, hi: int) -> list[int]:
    """Word boundaries in ``text[lo:hi]``: where a re-found quote may start or end."""
    lo, hi = max(0, lo), min(len(text), hi)
    return sorted({m.start() + lo for m in _WORD_EDGE.finditer(text[lo:hi])} | {lo, hi})


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _fuzzy_match(text: str, sel: Selectors) -> Anchor | None:
    """A span of ``text`` at least FUZZY_MIN_RATIO similar to the quote, else None.

    The longest run shared by quote and text fixes a rough place; its start and end are then
    moved along word boundaries, one at a time, to the best score: similarity to the quote,
    plus agreement of the text around it with the remembered prefix and suffix (which is what
    puts the ends where the user put them). Bounded work: a few dozen difflib ratios.
    """
    quote = sel.exact
    if len(quote) < FUZZY_MIN_CHARS or not text:
        return None
    matcher = difflib.SequenceMatcher(None, quote, text, autojunk=False)
    block = matcher.find_longest_match(0, len(quote), 0, len(text))
    if block.size < min(len(quote) // 4, 8) or block.size == 0:
        return None
    context = max(1, len(sel.prefix) + len(sel.suffix))

    def score(s: int, e: int) -> float:
        return _ratio(quote, text[s:e]) + 0.5 * _context_score(text, sel, s, e) / context

    start = max(0, block.b - block.a)
    end = min(len(text), start + len(quote))
    slack = max(8, len(quote) // 5)
    best = score(start, end)
    for _ in range(2):  # two passes: a better end can make another start better
        for s in _edges(text, start - slack, min(end, start + slack)):
            if s < end and (r := score(s, end)) > best:
                best, start = r, s
        for e in _edges(text, max(start + 1, end - slack), end + slack):
            if e > start and (r := score(start, e)) > best:
                best, end = r, e
    # Trim whitespace the boundary search may have swallowed.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end or _ratio(quote, text[start:end]) < FUZZY_MIN_RATIO:
        return None
    return Anchor(FUZZY, selectors_for(text, start, end))


def _whole_passage(text: str, sel: Selectors) -> Anchor:
    """A note on a whole passage remembers its text (``exact``): same, edited, or replaced."""
    if not sel.exact or text == sel.exact:  # no remembered text (an import): trust the id
        return Anchor(ANCHORED, sel)
    if _ratio(sel.exact, text) >= FUZZY_MIN_RATIO:
        return Anchor(FUZZY, Selectors(exact=text))
    return Anchor(ORPHANED, sel)


def reanchor(text: str | None, sel: Selectors) -> Anchor:
    """Where ``sel`` belongs in the passage's new ``text`` (None: the passage is gone)."""
    if text is None:
        return Anchor(ORPHANED, sel)
    if sel.whole_passage:
        return _whole_passage(text, sel)
    if not sel.exact:  # positions without a quote: nothing to check them against
        return Anchor(ORPHANED, sel)
    return _exact_match(text, sel) or _fuzzy_match(text, sel) or Anchor(ORPHANED, sel)



def relocate(texts: dict[str, str], sel: Selectors) -> tuple[str, Anchor] | None:
    """The one other passage (id -> text) holding the annotated words verbatim, if any.

    For passages renumbered by a content update ('p-5' is now 'p-4'). Exact matches only, long
    enough not to be chance, and only when one place is clearly best: otherwise None.
    """
    if sel.whole_passage:
        same = [pid for pid, text in texts.items() if sel.exact and text == sel.exact]
        return (same[0], Anchor(MOVED, sel)) if len(same) == 1 else None
    if len(sel.exact) < FUZZY_MIN_CHARS:
        return None
    scored = []
    for pid, text in texts.items():
        for m in re.finditer(f"(?={re.escape(sel.exact)})", text):
            s, e = m.start(), m.start() + len(sel.exact)
            scored.append((_context_score(text, sel, s, e), pid, s, e))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    _, pid, s, e = scored[0]
    return pid, Anchor(MOVED, selectors_for(texts[pid], s, e))
