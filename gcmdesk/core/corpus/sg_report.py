"""Parser for SPEC doc 001: the Secretary-General's report A/72/643 "Making migration work for all".

Profile A (see :mod:`profile_a`). Structure: an unnumbered Summary (S1–S3), chapters ``I.``–``VII.``
with lettered subsections, 88 numbered paragraphs, 9 indented ``(a)`` sub-items (¶4, ¶67, ¶83) and
35 footnotes behind ``__________________`` separators, with link-annotation URL lines after them.
"""

from __future__ import annotations

import re

from gcmdesk.core.corpus.model import ParsedDocument, Passage, Recommendation, Section
from gcmdesk.core.corpus.profile_a import (
    Line,
    Numbering,
    PassageMaker,
    Start,
    item_text,
    scan,
    split_units,
    unreferenced_footnotes,
)

_SEPARATOR = re.compile(r"^_{10,}\s*$")
_FOOTNOTE = re.compile(r"^ (\d{1,2})  (?=\S)")  # " 4  Goal 10 of…": space, number, two spaces
_PARA = re.compile(r"^\s?(\d{1,2})\.\s+")
_SUB_ITEM = re.compile(r"^ \(([a-z])\)\s+")  # indented; "(a) destination…" in column 0 is a wrap
_HEADING = re.compile(
    r"^\s{1,2}(?:(?P<roman>[IVX]+)|(?P<letter>[A-H]))\.\s+(?P<title>.*[^.:;,\s])\s*$"
)
_SUMMARY = re.compile(r"^\s+Summary\s*$")

# (list_id, heading, parent paragraph, type): lists made of a paragraph's (a) sub-items.
_SUB_ITEM_LISTS = (
    ("R1", "Four fundamental considerations", "4", "consideration"),
    (
        "R3",
        "Strategy for large movements of migrants: three main elements",
        "67",
        "strategy_element",
    ),
    ("R5", "Follow-up: review through two tiers of activity", "83", "proposal"),
)
# (list_id, heading, paragraphs, type): lists with one item per numbered paragraph (SHOULD).
_PARAGRAPH_LISTS = (
    ("R2", "Framing the global compact: illustrative actions", range(57, 67), "action"),
    ("R4", "Preparing the UN system and Member State oversight", (73, 74, 75, 76, 80), "proposal"),
)


class _Classifier:
    """Finds headings, numbered paragraphs (strictly sequential) and indented sub-items."""

    def __init__(self) -> None:
        self.numbering = Numbering(max_skip=0)  # verified: 1…88 without gaps

    def __call__(self, line: Line, prev: Line | None, nxt: Line | None) -> Start | None:
        if _SUMMARY.match(line.raw):
            return Start("heading", None, "Summary")
        m = _HEADING.match(line.raw)
        if m:
            return Start("heading", m.group("roman") or m.group("letter"), m.group("title"))
        m = _PARA.match(line.raw)
        if m and self.numbering.accept(int(m.group(1))):
            return Start("para", m.group(1), line.raw[m.end() :].strip())
        m = _SUB_ITEM.match(line.raw)
        if m and prev is not None and prev.text.endswith((":", ";")):
            return Start("sub", m.group(1), line.raw[m.end() :].strip())
        return None


def parse(text: str) -> ParsedDocument:
    """Parse the raw text of A/72/643 into sections, passages, footnotes and recommendations."""
    scanned = scan(
        text,
        is_separator=lambda raw: bool(_SEPARATOR.match(raw)),
        footnote_start=_FOOTNOTE,
        url_key="link_lines",
    )
    classify = _Classifier()
    units = split_units(scanned.lines, classify, full_width=scanned.full_width)
    maker = PassageMaker(scanned.footnotes)
    doc = ParsedDocument(footnotes=scanned.footnotes, stripped=dict(scanned.stripped))
    section: Section | None = None
    chapter: Section | None = None
    para: Passage | None = None
    summary_count = 0
    for unit in units:
        if unit.kind == "heading":
            section, chapter = _section(unit.label, unit.text(), chapter)
            doc.sections.append(section)
            continue
        sec_id = section.local_id if section else None
        if unit.kind == "para":
            para = maker.make(unit, f"para-{unit.label}", "paragraph", sec_id, number=unit.label)
            doc.passages.append(para)
        elif unit.kind == "sub" and para is not None:
            doc.passages.append(
                maker.make(
                    unit,
                    f"{para.local_id}-{unit.label}",
                    "sub_item",
                    sec_id,
                    number=f"{para.number}({unit.label})",
                    parent=para.local_id,
                )
            )
        elif sec_id == "sec-summary":
            summary_count += 1
            doc.passages.append(
                maker.make(
                    unit,
                    f"summary-{summary_count}",
                    "paragraph",
                    sec_id,
                    number=f"S{summary_count}",
                )
            )
        else:  # not expected in this report: keep the text, flag it
            doc.warnings.append(f"unnumbered paragraph at L{unit.lines[0].no}")
            doc.passages.append(maker.make(unit, f"p-{unit.lines[0].no}", "paragraph", sec_id))
    doc.recommendations = _recommendations(doc.passages)
    doc.warnings += classify.numbering.warnings
    doc.warnings += unreferenced_footnotes(doc.footnotes, doc.passages)
    doc.repairs = maker.repairs
    return doc


def _section(label: str | None, title: str, chapter: Section | None) -> tuple[Section, Section]:
    """Return the new section and the current chapter (level-1 section) after it."""
    if label is None:
        sec = Section("sec-summary", title, None, 1)
        return sec, sec
    if label in ("A", "B", "C", "D", "E", "F", "G", "H") and chapter and chapter.number:
        local_id = f"{chapter.local_id}-{label.lower()}"
        return Section(local_id, title, label, 2, chapter.local_id), chapter
    sec = Section(f"sec-{label.lower()}", title, label, 1)
    return sec, sec


def _recommendations(passages: list[Passage]) -> list[Recommendation]:
    by_id = {p.local_id: p for p in passages}
    recs: list[Recommendation] = []
    for list_id, heading, para, rtype in _SUB_ITEM_LISTS:
        for item in (p for p in passages if p.parent == f"para-{para}"):
            letter = item.local_id.rsplit("-", 1)[1]
            head = item.text.split(":", 1)[0]  # R1 items open with a run-in statement
            title = head if head != item.text and len(head) < 120 else None
            text = item_text(item.text)  # without the list's "; and"
            recs.append(
                Recommendation(list_id, heading, letter, rtype, "must", text, item.local_id, title)
            )
    for list_id, heading, numbers, rtype in _PARAGRAPH_LISTS:
        for n in numbers:
            p = by_id[f"para-{n}"]
            recs.append(
                Recommendation(list_id, heading, str(n), rtype, "should", p.text, p.local_id)
            )
    return sorted(recs, key=lambda r: int(r.list_id[1:]))
