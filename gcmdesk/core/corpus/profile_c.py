"""Profile C: web text with markdown remnants (one paragraph per line, ``- `` bullets).

Handles superscript footnote markers (``14,000¹``) whose body line (``¹ …``) may sit between the
two halves of a paragraph, markdown links, ``--`` dashes, and a trailing contact block (PII),
which is dropped and never indexed.
"""

from __future__ import annotations

import re

from .cleaning import collapse, strip_markdown_links
from .model import Footnote, FootnoteRef, ParsedDocument, Passage, Section

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_MARKER = re.compile(f"[{SUPERSCRIPTS}]+")
_FOOTNOTE_BODY = re.compile(f"^([{SUPERSCRIPTS}]+)\\s+(.*)$")
_CONTACT = re.compile(r"^for more information", re.I)
_ENDS_SENTENCE = re.compile(r"[.:;?!][”\"’)]?$")


def _sup_to_int(s: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in s))


def _clean(raw: str) -> tuple[str, list[FootnoteRef]]:
    """Clean one paragraph; footnote markers become offset-anchored references."""
    text = collapse(strip_markdown_links(raw)).replace(" -- ", " – ")
    refs: list[FootnoteRef] = []
    out = ""
    pos = 0
    for m in _SUP_MARKER.finditer(text):
        out += text[pos : m.start()]
        refs.append(FootnoteRef(_sup_to_int(m.group(0)), len(out)))
        pos = m.end()
    return out + text[pos:], refs


def parse(text: str, section_title: str = "Statement") -> ParsedDocument:
    doc = ParsedDocument()
    lines = text.split("\n")
    section = Section("sec-statement", section_title, level=1)
    doc.sections.append(section)

    blocks: list[tuple[int, str]] = []  # (1-based line, text) of non-empty lines
    title_seen = False
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if _CONTACT.match(line.strip()):
            doc.stripped["pii_lines"] = sum(1 for x in lines[i - 1 :] if x.strip())
            break
        if not title_seen:  # the first line is the title, kept as document metadata
            title_seen = True
            continue
        body = _FOOTNOTE_BODY.match(line.strip())
        if body:
            fn_text = collapse(strip_markdown_links(body.group(2)))
            doc.footnotes.append(Footnote(_sup_to_int(body.group(1)), fn_text, line=i))
            continue
        blocks.append((i, line))

    paragraphs = 0
    items = 0
    last_paragraph: Passage | None = None
    for line_no, line in blocks:
        stripped = line.strip()
        if stripped.startswith("- "):
            items += 1
            clean, refs = _clean(stripped[2:])
            passage = Passage(
                f"item-{items}", "list_item", clean, stripped, section.local_id,
                number=f"•{items}", parent=last_paragraph.local_id if last_paragraph else None,
                footnote_refs=refs, line_start=line_no, line_end=line_no,
            )
            doc.passages.append(passage)
            continue
        clean, refs = _clean(stripped)
        if last_paragraph is not None and not _ENDS_SENTENCE.search(last_paragraph.text) \
                and doc.passages[-1] is last_paragraph:
            # The paragraph was cut by a footnote body: join its halves.
            offset = len(last_paragraph.text) + 1
            last_paragraph.text += " " + clean
            last_paragraph.raw_text += "\n" + stripped
            last_paragraph.footnote_refs += [FootnoteRef(r.number, r.offset + offset) for r in refs]
            last_paragraph.line_end = line_no
            continue
        paragraphs += 1
        last_paragraph = Passage(
            f"p-{paragraphs}", "paragraph", clean, stripped, section.local_id,
            footnote_refs=refs, line_start=line_no, line_end=line_no,
            locator=f"para. {paragraphs}",
        )
        doc.passages.append(last_paragraph)
    return doc
