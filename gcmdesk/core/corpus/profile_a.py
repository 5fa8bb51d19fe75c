"""Shared machinery for layout profile A ("double-spaced PDF text", seeds 000, 001, 002).

In profile A almost every text line is followed by an empty line, so blank lines say nothing
about paragraphs. A document parser works in three steps, all provided here:

1. :func:`scan` drops blank lines, URL link-annotation lines and standalone page numbers, and
   cuts the footnote areas (separator → bodies → the next line of the main text) out of the
   flow, so a paragraph interrupted by a page break and footnotes continues seamlessly.
2. :func:`split_units` rebuilds units (numbered paragraphs, items, headings, plain paragraphs)
   from the soft-wrapped lines. Markers are recognised by a document-specific classifier;
   unmarked paragraph breaks are inferred from a sentence end on a line that broke early, or
   followed by a page start (see :func:`soft_break`).
3. :class:`PassageMaker` turns a unit into a clean :class:`Passage`, removing footnote reference
   markers (kept as offset-anchored :class:`FootnoteRef`) with :class:`MarkerScanner`.

Kerning splits are deliberately left alone: the builder repairs them corpus-wide.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from gcmdesk.core.corpus.cleaning import collapse, fix_split_compounds, is_url_line, join_wrapped
from gcmdesk.core.corpus.model import Footnote, FootnoteRef, Passage

PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# A sentence end: . : ; ? ! optionally followed by a closing quote or bracket, and maybe by a
# footnote marker ("…of rigor.2" ends 002 ¶7).
SENTENCE_END = re.compile(r"[.:;?!][”\"’)\]]?(?: ?\d{1,2})?$")


@dataclass(frozen=True)
class Line:
    """One non-blank physical line of the source."""

    no: int  # 1-based physical line number
    raw: str  # as in the file

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def lead(self) -> bool:
        """A leading space marks a PDF page start (or an indented item) in profile A."""
        return self.raw[:1].isspace()

    def ends_sentence(self) -> bool:
        return bool(SENTENCE_END.search(self.text))


@dataclass
class Scan:
    lines: list[Line]  # main-text lines in reading order, furniture and footnotes removed
    footnotes: list[Footnote]
    stripped: Counter[str]
    full_width: float  # width of a full line (90th percentile), for soft paragraph breaks


def scan(
    text: str,
    *,
    is_separator: Callable[[str], bool] = lambda raw: False,
    footnote_start: re.Pattern[str] | None = None,
    url_key: str = "link_lines",
) -> Scan:
    """Split a profile-A file into main-text lines and footnotes, counting stripped furniture.

    A footnote area starts at a separator line. Each body starts with ``footnote_start``
    (group 1 = number); its continuation lines have no leading space. The area ends at the
    first other line with a leading space: the main text resuming on the next page.
    """
    body: list[Line] = []
    notes: list[tuple[int, list[Line]]] = []
    stripped: Counter[str] = Counter()
    in_notes = False
    for no, raw in enumerate(text.split("\n"), start=1):
        if is_separator(raw):
            in_notes = True
            stripped["footnote_separators"] += 1
            continue
        if not raw.strip():
            continue
        if is_url_line(raw):
            stripped[url_key] += 1
            continue
        if PAGE_NUMBER.match(raw):
            stripped["page_numbers"] += 1
            continue
        if in_notes:
            m = footnote_start.match(raw) if footnote_start else None
            if m:
                notes.append((int(m.group(1)), [Line(no, raw[m.end() :])]))
                continue
            if notes and not raw[:1].isspace():
                notes[-1][1].append(Line(no, raw))
                continue
            in_notes = False
        body.append(Line(no, raw))
    footnotes = [
        Footnote(number=n, text=join_footnote([ln.text for ln in lines]), line=lines[0].no)
        for n, lines in notes
    ]
    widths = [len(ln.text) for ln in body]
    full = statistics.quantiles(widths, n=10)[-1] if len(widths) > 1 else float(sum(widths))
    return Scan(body, footnotes, stripped, full)


# A URL cut at the end of a line: no closing bracket yet, ends inside a path ("…/", "…-", "%20").
_OPEN_URL = re.compile(r"(?:https?://|www\.)[^\s()]*(?:[/\-_=&?]|%[0-9A-Fa-f]{2})$")
# "http://www.ohchr.org/ Documents/" — a space the extractor put inside a URL.
_URL_GAP = re.compile(r"((?:https?://|www\.)[^\s()]*/)\s+(?=[\w%])")


def join_footnote(lines: Sequence[str]) -> str:
    """Join footnote lines; a URL (or a slash path) wrapped across lines is rejoined unspaced."""
    merged: list[str] = []
    for line in lines:
        text = line.strip()
        prev = merged[-1].rstrip() if merged else ""
        if prev and (_OPEN_URL.search(prev) or prev.endswith("/")):
            merged[-1] = prev + text
        else:
            merged.append(text)
    return _URL_GAP.sub(r"\1", join_wrapped(merged))


@dataclass(frozen=True)
class Start:
    """What a classifier found at the start of a line."""

    kind: str  # document-defined: "para", "item", "sub", "heading", "salutation", ...
    label: str | None  # "44", "a", "I"; None when unlabelled
    rest: str  # the line's text after the marker


@dataclass
class Unit:
    kind: str
    label: str | None
    lines: list[Line] = field(default_factory=list)
    rest: str = ""  # first line without its marker

    def text(self) -> str:
        """Joined text (soft wraps, compounds), footnote markers still in place."""
        return join_wrapped([self.rest, *(ln.text for ln in self.lines[1:])])

    @property
    def raw_text(self) -> str:
        return "\n".join(ln.raw for ln in self.lines)


Classifier = Callable[[Line, Line | None, Line | None], Start | None]


def soft_break(prev: Line, line: Line, full_width: float) -> bool:
    """An unmarked paragraph break after a sentence end.

    Either a page starts (leading space), or the line broke early: the next line's first word
    would still have fit on it. This "next word fits" test is sharper than comparing the line
    with the median width: 000 L338 (86 chars) ends a paragraph, L78 (89 chars) does not.
    """
    if not prev.ends_sentence():
        return False  # a page start mid-sentence is a continuation (000 L274→L275)
    first_word = line.text.split(" ", 1)[0]
    return line.lead or len(prev.text) + 1 + len(first_word) <= full_width


def split_units(
    lines: Sequence[Line],
    classify: Classifier,
    *,
    full_width: float,
    soft_kinds: Collection[str] = ("p",),
    closed_kinds: Collection[str] = ("heading", "salutation"),
) -> list[Unit]:
    """Group lines into units.

    A classified marker always starts a unit. An unmarked line continues the current unit,
    except after a unit of ``soft_kinds`` when :func:`soft_break` says a paragraph ended, and
    after ``closed_kinds`` (headings) unless it is physically adjacent (a wrapped heading has
    no empty line between its halves). An unmarked unit has kind ``"p"``.
    """
    units: list[Unit] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        start = classify(line, prev, nxt)
        if start is None and units and prev is not None:
            cur = units[-1]
            if cur.kind in closed_kinds:
                keep = line.no == prev.no + 1
            else:
                keep = not (cur.kind in soft_kinds and soft_break(prev, line, full_width))
            if keep:
                cur.lines.append(line)
                continue
        if start is None:
            start = Start("p", None, line.text)
        units.append(Unit(start.kind, start.label, [line], start.rest))
    return units


class Numbering:
    """Accepts paragraph numbers that move forward by one (or skip one: a lost paragraph).

    Never renumbers: a skipped number is recorded as a warning ``"gap after N"``.
    """

    def __init__(self, max_skip: int = 1) -> None:
        self.last = 0
        self.max_skip = max_skip
        self.warnings: list[str] = []

    def accept(self, n: int) -> bool:
        if not self.last < n <= self.last + 1 + self.max_skip:
            return False
        if n != self.last + 1:
            self.warnings.append(f"gap after {self.last}")
        self.last = n
        return True


# Footnote marker candidates: glued to a word, punctuation or bracket ("agreements.1 But",
# "including1:", "nursing).13"), or after punctuation and one space ("right. 3 I urge").
_GLUED = r"(?<=[A-Za-z.,;:)\]”’])(?P<glued>\d{1,2})(?=[\s:;,.)]|$)"
_SPACED = r"(?<=[.,;:?!)”’]) (?P<spaced>\d{1,2})(?=\s|$)"
_CANDIDATE = re.compile(f"{_GLUED}|{_SPACED}")
# Words after a number that make it a quantity or a date, not a marker.
_UNIT_AFTER = re.compile(
    r"(?:per|percent|years?|months?|days?|million|billion|united|january|february|march|april"
    r"|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
_NOT_BEFORE = frozenset({"para.", "paras.", "of"})


class MarkerScanner:
    """Removes footnote reference markers from passage text, in reading order.

    A candidate is accepted only when it names a footnote whose body exists and is not followed
    by a unit/calendar word or ``(a)``, nor preceded by ``para.``/``paras.``/``of``. Footnotes
    are referenced in increasing order, so the next new footnote is always accepted; a repeated
    (lower) or skipped number needs the strong form: glued, or followed by a capital or the end.
    That rejects "optimal 5, 10 or 20 years" while keeping "situation. 30 It is now time".
    """

    def __init__(self, defined: Collection[int]) -> None:
        self.defined = frozenset(defined)
        self.next_new = min(self.defined, default=1)

    def _accept(self, text: str, m: re.Match[str]) -> bool:
        glued = m.group("glued") is not None
        n = int(m.group("glued") or m.group("spaced"))
        if n not in self.defined:
            return False
        start = m.start("glued") if glued else m.start()
        if glued and text[start - 1] == "." and text[start - 2 : start - 1].isdigit():
            return False  # a decimal: "2.8 per cent"
        after = text[m.end() :].lstrip()
        if after.startswith("(") or _UNIT_AFTER.match(after):
            return False
        before = text[:start].split()
        if before and before[-1].lower() in _NOT_BEFORE:
            return False
        strong = glued or not after or after[0].isupper()
        if n == self.next_new or strong:
            self.next_new = max(self.next_new, n + 1)
            return True
        return False

    def strip(self, text: str) -> tuple[str, list[FootnoteRef]]:
        """Return the text without markers and one ref per removed marker."""
        out: list[str] = []
        refs: list[FootnoteRef] = []
        pos = 0
        for m in _CANDIDATE.finditer(text):
            if not self._accept(text, m):
                continue
            out.append(text[pos : m.start()])
            number = int(m.group("glued") or m.group("spaced"))
            refs.append(FootnoteRef(number=number, offset=sum(map(len, out))))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out), refs


_SPLIT_COMPOUND = re.compile(r"\w+(?: -|- )\w+")


def join_repairs(unit: Unit) -> list[str]:
    """Log the hyphen joins and split-compound fixes that ``join_wrapped`` makes in a unit."""
    log: list[str] = []
    for prev, line in zip(unit.lines, unit.lines[1:], strict=False):
        head = prev.text.split(" ")[-1]
        nxt = line.text.split(" ")[0]
        if prev.text.endswith(" -"):
            word = prev.text[:-2].split(" ")[-1]
            log.append(f"split compound L{prev.no}: '{word} -' + '{nxt}' -> '{word}-{nxt}'")
        elif head.endswith("-") and not nxt.startswith("-"):
            log.append(f"hyphen join L{prev.no}: '{head}' + '{nxt}' -> '{head}{nxt}'")
    for line in unit.lines:
        for m in _SPLIT_COMPOUND.finditer(collapse(line.text)):
            fixed = fix_split_compounds(m.group())
            if fixed != m.group():
                log.append(f"split compound L{line.no}: '{m.group()}' -> '{fixed}'")
    return log


class PassageMaker:
    """Builds passages from units, sharing one marker scanner and repair log per document."""

    def __init__(self, footnotes: Collection[Footnote]) -> None:
        self.markers = MarkerScanner(fn.number for fn in footnotes)
        self.repairs: list[str] = []

    def make(
        self,
        unit: Unit,
        local_id: str,
        kind: str,
        section: str | None,
        *,
        number: str | None = None,
        parent: str | None = None,
        title: str | None = None,
    ) -> Passage:
        text, refs = self.markers.strip(unit.text())
        self.repairs.extend(join_repairs(unit))
        return Passage(
            local_id=local_id,
            kind=kind,
            text=text,
            raw_text=unit.raw_text,
            section=section,
            number=number,
            title=title,
            parent=parent,
            footnote_refs=refs,
            line_start=unit.lines[0].no,
            line_end=unit.lines[-1].no,
        )


def slug(title: str) -> str:
    """``"Kick-starting GCM implementation"`` → ``"kick-starting-gcm-implementation"``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


_ITEM_TAIL = re.compile(r"(?:\s*[;,.]\s*(?:and|or)?|\s+(?:and|or))\s*$")


def item_text(text: str) -> str:
    """A list item's text without the list punctuation: ``"…migrants; and"`` → ``"…migrants"``."""
    return _ITEM_TAIL.sub("", text)


def unreferenced_footnotes(footnotes: Sequence[Footnote], passages: Sequence[Passage]) -> list[str]:
    """Warnings for footnotes that no passage references (a marker lost or rejected)."""
    used = {ref.number for p in passages for ref in p.footnote_refs}
    return [
        f"footnote {fn.number} is never referenced" for fn in footnotes if fn.number not in used
    ]
