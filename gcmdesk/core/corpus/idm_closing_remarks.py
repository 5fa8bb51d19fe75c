"""Parser for SPEC doc 000: closing remarks of the IOM International Dialogue on Migration 2017.

Profile A (see :mod:`profile_a`), a speech without title, footnotes or URLs. Structure: opening
salutations and 7 paragraphs ending "…highlight 7 main takeaways:"; takeaways ``1.``–``7.``, each
a lead paragraph (``list_item`` T1–T7) followed by unnumbered elaboration paragraphs; a
"Conclusions:" heading, a salutation and 6 paragraphs. Paragraph breaks are not marked at all, so
they are inferred (see :func:`profile_a.soft_break`).
"""

from __future__ import annotations

import re

from gcmdesk.core.corpus.model import ParsedDocument, Recommendation, Section
from gcmdesk.core.corpus.profile_a import Line, Numbering, PassageMaker, Start, scan, split_units

_TAKEAWAY = re.compile(r"^\s?(\d)\.\s+")
_CONCLUSIONS = re.compile(r"^\s*Conclusions:\s*$")
_SALUTATION_WORDS = re.compile(r"^(?:[A-Z][a-z]+,?|and)$")  # "Ladies and Gentlemen,"

_TAKEAWAYS_ID = "sec-takeaways"
_LIST_HEADING = "7 main takeaways"  # from L72 "I would like to highlight 7 main takeaways:"


def _is_salutation(text: str) -> bool:
    """Short form of address: capitalised words (and "and"), ending with a comma."""
    words = text.split()
    return text.endswith(",") and len(text) < 45 and all(_SALUTATION_WORDS.match(w) for w in words)


class _Classifier:
    def __init__(self) -> None:
        self.numbering = Numbering(max_skip=0)

    def __call__(self, line: Line, prev: Line | None, nxt: Line | None) -> Start | None:
        if _CONCLUSIONS.match(line.raw):
            return Start("heading", None, "Conclusions")
        if _is_salutation(line.text):
            return Start("salutation", None, line.text)
        m = _TAKEAWAY.match(line.raw)
        if m and self.numbering.accept(int(m.group(1))):
            return Start("takeaway", m.group(1), line.raw[m.end() :].strip())
        return None


def parse(text: str) -> ParsedDocument:
    """Parse the raw text of the IDM 2017 closing remarks."""
    scanned = scan(text)  # no footnotes; strips the page number "4" (L159)
    classify = _Classifier()
    units = split_units(
        scanned.lines, classify, full_width=scanned.full_width, soft_kinds=("p", "takeaway")
    )
    maker = PassageMaker(scanned.footnotes)
    section = Section("sec-opening", "Opening", None, 1)  # untitled in the source
    doc = ParsedDocument(sections=[section], stripped=dict(scanned.stripped))
    counts = {"salutation": 0, "paragraph": 0}  # for "salutation-N" and "p-N"
    for unit in units:
        if unit.kind == "heading":
            section = Section("sec-conclusions", "Conclusions", None, 1)
            doc.sections.append(section)
        elif unit.kind == "takeaway":
            if section.local_id == "sec-opening":
                doc.sections.append(Section(_TAKEAWAYS_ID, "Takeaways", None, 1))
            n = unit.label
            section = Section(f"sec-takeaway-{n}", f"Takeaway {n}", n, 2, _TAKEAWAYS_ID)
            doc.sections.append(section)
            lead = maker.make(unit, f"takeaway-{n}", "list_item", section.local_id, number=f"T{n}")
            doc.passages.append(lead)
            doc.recommendations.append(
                Recommendation(
                    "R1", _LIST_HEADING, str(n), "takeaway", "must", lead.text, lead.local_id
                )
            )
        else:
            kind = "salutation" if unit.kind == "salutation" else "paragraph"
            counts[kind] += 1
            prefix = "salutation" if kind == "salutation" else "p"
            local_id = f"{prefix}-{counts[kind]}"
            doc.passages.append(maker.make(unit, local_id, kind, section.local_id))
    doc.warnings += classify.numbering.warnings
    doc.repairs = maker.repairs
    return doc
