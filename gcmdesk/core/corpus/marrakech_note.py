"""Parser for SPEC doc 002: Marrakech background note on implementing the GCM commitments.

Profile A (see :mod:`profile_a`). Structure: an untitled introduction and four unnumbered,
editorial headings; numbered paragraphs 1–8 and 10–21 (¶9 does not exist: recorded as a gap,
never renumbered); ``•`` bullets belonging to the preceding paragraph; run-in titles
("Improving migration management: The GCM underlines…"); 4 footnotes after a separator line of
spaces, with bodies numbered in column 0; one unrelated junk URL line.
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
    slug,
    split_units,
    unreferenced_footnotes,
)

_FOOTNOTE = re.compile(r"^(\d{1,2}) (?=\S)")
_PARA = re.compile(r"^\s?(\d{1,2})\.\s+")
_BULLET = re.compile(r"^\s?•\s*")  # a line starting "- " is a dash continuation, not a bullet
# Run-in title: a short clause without a full stop, then a colon and a capitalised sentence.
_RUN_IN_TITLE = re.compile(r"^([^:.]{3,80}): (?=[A-Z“])")

# ¶5 lists the seven priorities; ¶8 and ¶10–15 each develop one, with "Opportunities" bullets.
_PRIORITIES = ("R1", "Immediate practical benefits of the GCM (priorities)", "5", "priority")
_OPPORTUNITY_PARAS = ("8", "10", "11", "12", "13", "14", "15")


def _is_separator(raw: str) -> bool:
    """The footnote separator is a line of spaces only (59 in the source)."""
    return len(raw) >= 20 and not raw.strip()


class _Classifier:
    """Numbered paragraphs (one lost number tolerated), bullets and unnumbered headings."""

    def __init__(self) -> None:
        self.numbering = Numbering(max_skip=1)

    def __call__(self, line: Line, prev: Line | None, nxt: Line | None) -> Start | None:
        m = _PARA.match(line.raw)
        if m and self.numbering.accept(int(m.group(1))):
            return Start("para", m.group(1), line.raw[m.end() :].strip())
        m = _BULLET.match(line.raw)
        if m:
            return Start("item", None, line.raw[m.end() :].strip())
        if self._is_heading(line, prev, nxt):
            return Start("heading", None, line.text)
        return None

    def _is_heading(self, line: Line, prev: Line | None, nxt: Line | None) -> bool:
        """A short capitalised line without final punctuation, between a sentence end and ¶N."""
        text = line.text
        return (
            len(text) < 60
            and text[:1].isupper()
            and not line.ends_sentence()
            and not text.endswith(",")
            and (prev is None or prev.ends_sentence())
            and nxt is not None
            and bool(_PARA.match(nxt.raw))
        )


def parse(text: str) -> ParsedDocument:
    """Parse the raw text of the Marrakech background note."""
    scanned = scan(text, is_separator=_is_separator, footnote_start=_FOOTNOTE, url_key="junk_urls")
    classify = _Classifier()
    units = split_units(scanned.lines, classify, full_width=scanned.full_width, soft_kinds=())
    maker = PassageMaker(scanned.footnotes)
    doc = ParsedDocument(footnotes=scanned.footnotes, stripped=dict(scanned.stripped))
    section = Section("sec-intro", "Introduction", None, 1)  # ¶1–4: untitled in the source
    doc.sections.append(section)
    para: Passage | None = None
    items = 0
    for unit in units:
        if unit.kind == "heading":
            title = unit.text()
            section = Section(f"sec-{slug(title)}", title, None, 1)
            doc.sections.append(section)
        elif unit.kind == "para":
            para = maker.make(
                unit, f"para-{unit.label}", "paragraph", section.local_id, number=unit.label
            )
            m = _RUN_IN_TITLE.match(para.text)  # on the clean text: the title stays in it
            para.title = m.group(1) if m else None
            doc.passages.append(para)
            items = 0
        elif unit.kind == "item" and para is not None:
            items += 1
            doc.passages.append(
                maker.make(
                    unit,
                    f"{para.local_id}-item-{items}",
                    "list_item",
                    section.local_id,
                    number=f"{para.number}•{items}",
                    parent=para.local_id,
                )
            )
        else:  # not expected: every line belongs to a numbered paragraph or a bullet
            doc.warnings.append(f"unattached text at L{unit.lines[0].no}")
            doc.passages.append(
                maker.make(unit, f"p-{unit.lines[0].no}", "paragraph", section.local_id)
            )
    doc.recommendations = _recommendations(doc.passages)
    doc.warnings += classify.numbering.warnings
    doc.warnings += unreferenced_footnotes(doc.footnotes, doc.passages)
    doc.repairs = maker.repairs
    return doc


def _recommendations(passages: list[Passage]) -> list[Recommendation]:
    """R1: the seven priorities of ¶5; R2–R8: the opportunity bullets of ¶8 and ¶10–15."""
    by_id = {p.local_id: p for p in passages}
    lists = [_PRIORITIES]
    for i, n in enumerate(_OPPORTUNITY_PARAS, start=2):
        heading = by_id[f"para-{n}"].title or f"Paragraph {n}"
        lists.append((f"R{i}", heading, n, "opportunity"))
    recs: list[Recommendation] = []
    for list_id, heading, n, rtype in lists:
        bullets = [p for p in passages if p.parent == f"para-{n}"]
        for ordinal, item in enumerate(bullets, start=1):
            text = item_text(item.text)  # without the list's "; and"
            recs.append(
                Recommendation(list_id, heading, str(ordinal), rtype, "must", text, item.local_id)
            )
    return recs
