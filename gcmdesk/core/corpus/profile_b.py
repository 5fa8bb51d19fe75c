"""Profile B: a web "Transcription" scrape that holds one PDF page per physical line.

Layout: a few scrape-header lines (``Size: px``, ``Download "…"``, ``Transcription``), then one
line per page prefixed by its index (``9 Introduction The…``), then a tail of related-document
teasers. Inside a page there are no line breaks at all: running headers and footers sit in the
text flow, and the footnote bodies follow the main text without a separator.

The helpers here turn the pages into one continuous main-text :class:`Stream` whose positions
map back to pages and physical lines, with footnote markers located but kept out of clean text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gcmdesk.core.corpus.cleaning import collapse, fix_split_compounds
from gcmdesk.core.corpus.model import Footnote, FootnoteRef

_PAGE_LINE = re.compile(r"^(\d+)(?: (.*))?$")
_MONTH = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# A number followed by one of these is a quantity or a date, never a footnote marker.
_NOT_MARKER_AFTER = re.compile(rf" (?:per|years?|million|billion|United|{_MONTH})\b")
_NOT_MARKER_BEFORE = re.compile(r"\b(?:paras?\.|of)$")
# Stands in for a footnote marker in the tagged stream (a private-use character).
SENTINEL = "\ue000"


@dataclass(frozen=True)
class Page:
    index: int  # the page index that prefixed the line ("p.N")
    line: int  # physical line, 1-based
    text: str  # the page text without the index prefix


@dataclass
class Transcription:
    header_lines: list[int]  # non-empty scrape-header lines before the first page
    pages: list[Page]
    tail_lines: list[int]  # non-empty lines after the last page (related-documents teasers)

    @property
    def junk_lines(self) -> int:
        return len(self.header_lines) + len(self.tail_lines)


def split_transcription(text: str) -> Transcription:
    """Pages are the lines whose prefix continues the sequence 1, 2, 3…; what precedes them is
    scrape header, what follows the first break in the sequence is the related-documents tail."""
    header: list[int] = []
    pages: list[Page] = []
    tail: list[int] = []
    for no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        m = _PAGE_LINE.match(line)
        if not tail and m and int(m.group(1)) == len(pages) + 1:
            pages.append(Page(len(pages) + 1, no, (m.group(2) or "").strip()))
        elif pages:
            tail.append(no)
        else:
            header.append(no)
    return Transcription(header, pages, tail)


def strip_running(text: str, title: str, printed: int | None) -> tuple[str, bool]:
    """Remove one running header or footer from a page.

    Normally it reads ``title printed``. When the page number was moved (to the very end of the
    page, after the footnotes) or lost, the title alone is removed, plus a final ``printed``.
    The span is replaced by one space so that ``raw_text`` keeps the join visible.
    """
    if printed is not None:
        m = re.search(re.escape(title) + rf" {printed}(?!\d)", text)
        if m:
            return text[: m.start()] + " " + text[m.end() :], True
    i = text.find(title)
    if i < 0:
        return text, False
    text = text[:i] + " " + text[i + len(title) :]
    if printed is not None:
        text = re.sub(rf"\s{printed}\s*$", "", text)
    return text, True


def cut_footnote_area(text: str, anchor: str) -> tuple[str, str]:
    """Split a page into main text and footnote area at the first body's opening words."""
    i = text.find(anchor)
    if i < 0:
        return text, ""
    return text[:i], text[i:]


def split_footnotes(
    area: str, first: int, lost: Mapping[int, str], line: int
) -> list[Footnote]:
    """Footnote bodies of one area, numbered ``first``, ``first + 1``… in sequence.

    A body normally starts ``N Capitalised``. Where the scraper dropped the number, ``lost``
    gives a regex for the body's opening words and the number is marked inferred.
    """
    starts: list[tuple[int, int, int, bool]] = []  # number, body start, text start, inferred
    pos, n = 0, first
    while True:
        if n in lost:
            m = re.compile(lost[n]).search(area, pos)
            if not m:
                break
            starts.append((n, m.start(), m.start(), True))
            pos = m.start() + 1
        else:
            m = re.compile(rf"(?:^|(?<= )){n} (?=[A-Z])").search(area, pos)
            if not m:
                break
            starts.append((n, m.start(), m.end(), False))
            pos = m.end()
        n += 1
    notes = []
    for k, (num, _, text_start, inferred) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(area)
        body = fix_split_compounds(collapse(area[text_start:end]))
        notes.append(Footnote(num, body, number_inferred=inferred, line=line))
    return notes


def find_markers(text: str, numbers: Iterable[int]) -> list[tuple[int, int, int]]:
    """Locate footnote reference markers `` N`` (a space, then the number) in reading order.

    Only numbers whose bodies are on the same page are looked for, each after the previous
    marker; a quantity or date (``22 RCPs`` is safe, ``21 October`` is rejected) is skipped.
    Returns (start, end, number); a marker whose reference was lost is simply not found.
    """
    found: list[tuple[int, int, int]] = []
    pos = 0
    for n in numbers:
        for m in re.finditer(rf"(?<=\S) {n}(?= |$)", text[pos:]):
            start, end = pos + m.start(), pos + m.end()
            if _NOT_MARKER_AFTER.match(text, end) or _NOT_MARKER_BEFORE.search(text[:start]):
                continue
            found.append((start, end, n))
            pos = end
            break
    return found


@dataclass
class Stream:
    """The main text of consecutive pages, joined by one space.

    ``raw`` is the source text; ``tagged`` has the same length, with each marker `` N``
    replaced by SENTINEL plus spaces; ``masked`` has markers blanked (for structure searches).
    """

    raw: str = ""
    tagged: str = ""
    markers: list[tuple[int, int, int]] = field(default_factory=list)
    page_starts: list[tuple[int, Page]] = field(default_factory=list)  # (offset, page)

    def add_page(self, page: Page, text: str, markers: list[tuple[int, int, int]]) -> None:
        if self.raw:
            self.raw += " "
            self.tagged += " "
        base = len(self.raw)
        tagged = list(text)
        for start, end, n in markers:
            tagged[start:end] = SENTINEL + " " * (end - start - 1)
            self.markers.append((base + start, base + end, n))
        self.page_starts.append((base, page))
        self.raw += text
        self.tagged += "".join(tagged)

    @property
    def masked(self) -> str:
        return self.tagged.replace(SENTINEL, " ")

    def page_at(self, pos: int) -> Page:
        page = self.page_starts[0][1]
        for start, candidate in self.page_starts:
            if start > pos:
                break
            page = candidate
        return page

    def clean(self, start: int, end: int) -> tuple[str, list[FootnoteRef]]:
        """Clean text of a span: split compounds fixed, whitespace collapsed, markers removed
        and recorded as references at their offset in the clean text."""
        numbers = iter(n for s, _, n in self.markers if start <= s < end)
        text = fix_split_compounds(self.tagged[start:end])
        out: list[str] = []
        refs: list[FootnoteRef] = []
        for ch in text:
            if ch == SENTINEL:
                refs.append(FootnoteRef(next(numbers), len(out)))
            elif not ch.isspace():
                out.append(ch)
            elif out and out[-1] != " ":
                out.append(" ")
        clean = "".join(out).rstrip()
        return clean, [FootnoteRef(r.number, min(r.offset, len(clean))) for r in refs]


# Characters the scraper dropped (SPEC §2.2.11); the text cannot be restored, only flagged.
_LOSSY = (
    re.compile(r"(?<=[A-Za-z]) s (?=\w)"),  # apostrophe: "Organization s Fair", "world s"
    re.compile(rf"\b\d{{1,2}} \d{{1,2}} (?:{_MONTH})\b"),  # en dash: "(28 30 June 2017)"
    re.compile(rf"\b(?:{_MONTH}) \d{{4}} (?:{_MONTH}) \d{{4}}"),  # "(April 2017 November 2017)"
    re.compile(rf"\bon (?:{_MONTH}) \d{{4}}"),  # day range lost: "on October 2017"
    re.compile(r"\b(?:since|target|para) (?=[A-Z])"),  # number lost: "since The GRCPs"
    re.compile(r"\b(?:in|on|of|since|from|target)$"),  # number lost before a heading
)


def is_lossy(text: str, phrases: Iterable[str] = ()) -> bool:
    """Whether the clean text shows characters lost by the scraper."""
    return any(p.search(text) for p in _LOSSY) or any(p in text for p in phrases)
