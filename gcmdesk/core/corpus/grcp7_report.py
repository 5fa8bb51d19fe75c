"""Parser for SPEC doc 003: GRCP 7 Summary Report (IOM, October 2017), profile B.

One physical line per PDF page (:mod:`profile_b`). The pages p.9–p.36 are read into one main
text stream, without running furniture and footnote areas; the stream is cut at the section
headings of :mod:`grcp7_layout` and each section body is read by its mode: sentence groups of
≤ 120 words for prose, numbered items (3.1 priorities, 3.2 recommendations, Annex 3
paragraphs), definitions, clusters, guiding questions, Appendix 1 elements, and the garbled
Appendix 2 table. Front matter and the related-documents tail are never indexed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from gcmdesk.core.corpus import grcp7_layout as layout
from gcmdesk.core.corpus.cleaning import group_sentences, sentence_spans
from gcmdesk.core.corpus.grcp7_lists import recommendations
from gcmdesk.core.corpus.model import Footnote, FootnoteRef, ParsedDocument, Passage, Section
from gcmdesk.core.corpus.profile_b import (
    Stream,
    Transcription,
    cut_footnote_area,
    find_markers,
    is_lossy,
    split_footnotes,
    split_transcription,
    strip_running,
)

MAX_WORDS = 120  # prose is cut into sentence groups of at most this many words
_ELEMENT = re.compile(r"Element \(([a-x])\): ")
_SUB_ITEM = r"(?<!\S){letter}\. (?=[a-z])"
_QUESTION = re.compile(r"(?<=[?:.)] )(?:What|How|Which|Why|Who|When|Where)\b")
_DATELINE = re.compile(r"\s(?:Geneva|New York), \d{1,2} [A-Z][a-z]+ \d{4}\s*$")
_TOC_ANNEX = re.compile(r"\bAnnex (\d+):")


@dataclass
class _Unit:
    """A passage before cleaning: a span of the stream and what it is."""

    kind: str
    section: str
    start: int  # span start, label included (raw_text)
    text_start: int  # where the clean text starts (after "1. ", "Element (a): ")
    end: int
    local_id: str | None = None  # None: a prose group, numbered p-N in reading order
    number: str | None = None
    title: str | None = None
    parent: str | None = None
    locator: str | None = None
    inferred: bool = False
    quality: str = "ok"


def parse(text: str) -> ParsedDocument:
    doc = ParsedDocument()
    pages = split_transcription(text)
    doc.stripped["junk_lines"] = pages.junk_lines
    doc.stripped["scrape_header_lines"] = len(pages.header_lines)
    doc.stripped["related_documents_lines"] = len(pages.tail_lines)
    stream = _read_pages(pages, doc)
    reader = _BodyReader(stream, doc)
    reader.read()
    doc.passages = _passages(stream, reader.units, doc)
    doc.recommendations = recommendations(doc.passages, doc.warnings)
    _check_truncation(pages, doc)
    return doc


def _read_pages(pages: Transcription, doc: ParsedDocument) -> Stream:
    """Body pages into one stream; footnote bodies into ``doc.footnotes``."""
    stream = Stream()
    counts: Counter[str] = Counter()
    next_note = 1
    for page in pages.pages:
        if not page.text:
            counts["blank_pages"] += 1
            continue
        if page.index < layout.FIRST_BODY_PAGE:
            counts["front_matter_pages"] += 1
            continue
        printed = page.index - 2
        body = page.text
        if page.index in layout.HEADERS:
            body, found = strip_running(body, layout.HEADERS[page.index], printed)
            counts["running_headers"] += found
        body, found = strip_running(body, layout.FOOTER, printed)
        counts["running_footers"] += found
        main, area = body, ""
        if page.index in layout.FOOTNOTE_AREAS:
            main, area = cut_footnote_area(body, layout.FOOTNOTE_AREAS[page.index])
            if not area:
                doc.warnings.append(f"p.{page.index}: footnote area not found")
        notes = split_footnotes(area, next_note, layout.LOST_FOOTNOTE_NUMBERS, page.line)
        if notes:
            next_note = notes[-1].number + 1
            counts["footnote_areas"] += 1
        doc.footnotes.extend(notes)
        main = main.strip()
        markers = find_markers(main, [n.number for n in notes])
        counts["footnote_markers"] += len(markers)
        stream.add_page(page, main, markers)
    doc.stripped.update(counts)
    _note_footnote_gaps(doc.footnotes, stream, doc)
    return stream


def _note_footnote_gaps(notes: list[Footnote], stream: Stream, doc: ParsedDocument) -> None:
    inferred = [str(n.number) for n in notes if n.number_inferred]
    if inferred:
        doc.warnings.append(f"footnotes {', '.join(inferred)}: numbers inferred from sequence")
    for n in sorted(layout.PROBABLE_FOOTNOTES):
        doc.warnings.append(f"footnote {n}: probable (unnumbered body)")
    referenced = {n for _, _, n in stream.markers}
    lost = [str(n.number) for n in notes if n.number not in referenced]
    if lost:
        doc.warnings.append(f"footnotes {', '.join(lost)}: no reference marker in the text")


class _BodyReader:
    """Cuts the stream at the section headings and reads each body by its mode."""

    def __init__(self, stream: Stream, doc: ParsedDocument) -> None:
        self.stream = stream
        self.text = stream.masked  # markers blanked: structure searches see plain words
        self.doc = doc
        self.units: list[_Unit] = []
        self._readers: dict[str, Callable[[layout.SectionRule, int, int], None]] = {
            "prose": self._read_prose, "skip": self._read_skip, "numbered": self._read_numbered,
            "definitions": self._read_definitions, "clusters": self._read_clusters,
            "questions": self._read_questions, "elements": self._read_elements,
            "table": self._read_table,
        }

    def read(self) -> None:
        found: list[tuple[layout.SectionRule, int, int]] = []
        pos = 0
        for rule in layout.SECTIONS:
            span = self._find_heading(rule, pos)
            if span is None:
                self.doc.warnings.append(f"heading not found: {rule.heading!r}")
                continue
            found.append((rule, *span))
            pos = span[1]
        for k, (rule, _, body_start) in enumerate(found):
            body_end = found[k + 1][1] if k + 1 < len(found) else len(self.text)
            self.doc.sections.append(
                Section(rule.local_id, rule.title, rule.number, rule.level, rule.parent)
            )
            self._readers[rule.mode](rule, body_start, body_end)

    def _find_heading(self, rule: layout.SectionRule, pos: int) -> tuple[int, int] | None:
        words = r"\s+".join(map(re.escape, rule.heading.split()))
        follow = rf"(?=\s+{re.escape(rule.follow)})" if rule.follow else r"(?=\s|$)"
        m = re.compile(rf"(?<!\S){words}{follow}").search(self.text, pos)
        return (m.start(), m.end()) if m else None

    def _add(self, unit: _Unit) -> None:
        """Keep a non-empty unit; it swallows the blanked markers that follow its last word
        ("…Modalities Resolution. 7 The…": marker 7 belongs to the sentence before)."""
        if not self.text[unit.text_start : unit.end].strip():
            return
        while unit.end < len(self.text) and self.text[unit.end].isspace():
            unit.end += 1
        self.units.append(unit)

    def _read_prose(
        self, rule: layout.SectionRule, a: int, b: int, parent: str | None = None
    ) -> None:
        for start, end in group_sentences(self.text, sentence_spans(self.text, a, b), MAX_WORDS):
            self._add(_Unit("paragraph", rule.local_id, start, start, end, parent=parent))

    def _read_skip(self, rule: layout.SectionRule, a: int, b: int) -> None:
        if self.text[a:b].strip():
            self.doc.stripped["title_blocks"] = self.doc.stripped.get("title_blocks", 0) + 1

    def _read_numbered(self, rule: layout.SectionRule, a: int, b: int) -> None:
        spec = layout.NUMBERED[rule.local_id]
        starts = self._item_starts(spec, a, b)
        lead_end = starts[0][1] if starts else b
        if spec.skip_lead:
            self._read_skip(rule, a, lead_end)
        else:
            self._read_prose(rule, a, lead_end)
        for k, (n, start, text_start, inferred) in enumerate(starts):
            end = starts[k + 1][1] if k + 1 < len(starts) else b
            local_id = f"{spec.id_prefix}{n}"
            title = spec.titles[n - 1] if n <= len(spec.titles) else None
            if title and not " ".join(self.text[text_start:end].split()).startswith(title):
                self.doc.warnings.append(f"{local_id}: run-in title not found")
                title = None
            last = k == len(starts) - 1
            dateline = _DATELINE.search(self.text, text_start, end) if last else None
            item_end = dateline.start() if dateline else end
            item = _Unit(spec.kind, rule.local_id, start, text_start, item_end, local_id, str(n),
                         title, locator=spec.locator.format(n=n), inferred=inferred)
            if n in spec.sub_items:
                self._read_sub_items(item)
            else:
                self._add_item(item, rule)
            if dateline:
                self._read_prose(rule, dateline.start(), end)

    def _item_starts(
        self, spec: layout.NumberedRule, a: int, b: int
    ) -> list[tuple[int, int, int, bool]]:
        """(number, label start, text start, inferred) of items 1…count, in order."""
        starts: list[tuple[int, int, int, bool]] = []
        pos = a
        for n in range(1, spec.count + 1):
            if n in spec.inferred:
                i = self.text.find(spec.inferred[n], pos, b)
                if i >= 0:
                    starts.append((n, i, i, True))
                    pos = i
                    self.doc.warnings.append(f"{spec.name}: label {n} inferred")
                    continue
            else:
                m = re.compile(rf"(?<!\S){n}\. (?=[A-Z])").search(self.text, pos, b)
                if m:
                    starts.append((n, m.start(), m.end(), False))
                    pos = m.end()
                    continue
            self.doc.warnings.append(f"{spec.name}: item {n} not found")
        return starts

    def _add_item(self, item: _Unit, rule: layout.SectionRule) -> None:
        """A long list item keeps its first sentence group (run-in title included); the rest
        follows as prose with the item as parent. A numbered paragraph is never cut."""
        words = len(self.text[item.text_start : item.end].split())
        if item.kind == "paragraph" or words <= MAX_WORDS:
            self._add(item)
            return
        spans = sentence_spans(self.text, item.text_start, item.end)
        groups = group_sentences(self.text, spans, MAX_WORDS)
        item.end = groups[0][1]
        self._add(item)
        self._read_prose(rule, groups[1][0], groups[-1][1], parent=item.local_id)

    def _read_sub_items(self, item: _Unit) -> None:
        subs: list[tuple[str, int]] = []
        pos = item.text_start
        for letter in "abcdefgh":
            m = re.compile(_SUB_ITEM.format(letter=letter)).search(self.text, pos, item.end)
            if not m:
                break
            subs.append((letter, m.start()))
            pos = m.end()
        end = item.end
        item.end = subs[0][1] if subs else end
        self._add(item)
        for k, (letter, start) in enumerate(subs):
            sub_end = subs[k + 1][1] if k + 1 < len(subs) else end
            self._add(_Unit("sub_item", item.section, start, start + 3, sub_end,
                            f"{item.local_id}-{letter}", letter, parent=item.local_id,
                            locator=f"{item.locator}({letter})"))

    def _read_list(self, rule: layout.SectionRule, spans: list[tuple[int, int]],
                   id_prefix: str, locator: str, expected: int) -> None:
        """Unlabelled list items, one per span, numbered in order."""
        if len(spans) != expected:
            self.doc.warnings.append(f"{rule.local_id}: {len(spans)} items, expected {expected}")
        for k, (start, end) in enumerate(spans, start=1):
            self._add(_Unit("list_item", rule.local_id, start, start, end, f"{id_prefix}{k}",
                            locator=locator.format(n=k)))

    def _read_definitions(self, rule: layout.SectionRule, a: int, b: int) -> None:
        spans = sentence_spans(self.text, a, b)
        self._read_list(rule, spans, "annex-1-definition-", "Annex 1, definition {n}", 4)

    def _read_clusters(self, rule: layout.SectionRule, a: int, b: int) -> None:
        colon = self.text.find(": ", a, b)  # "…grouped around the below-listed six themes…:"
        lead_end = colon + 1 if colon >= 0 else a
        self._read_prose(rule, a, lead_end)
        spans = sentence_spans(self.text, lead_end, b)
        self._read_list(rule, spans, "annex-2-cluster-", "Annex 2, cluster {n}", 6)

    def _read_questions(self, rule: layout.SectionRule, a: int, b: int) -> None:
        starts = [m.start() for m in _QUESTION.finditer(self.text, a, b)]
        self._read_prose(rule, a, starts[0] if starts else b)
        spans = [(s, starts[k + 1] if k + 1 < len(starts) else b) for k, s in enumerate(starts)]
        self._read_list(rule, spans, "question-", "Annex 4, guiding question {n}", 5)

    def _read_elements(self, rule: layout.SectionRule, a: int, b: int) -> None:
        """Elements (a)–(x) grouped under six theme headings. A theme heading stands before
        its first element, i.e. right after the last element of the previous theme."""
        marks = list(_ELEMENT.finditer(self.text, a, b))
        theme = self._theme(rule, a, marks[0].start() if marks else b)
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else b
            sentences = sentence_spans(self.text, m.end(), end)
            element_end = sentences[0][1] if sentences else end
            letter = m.group(1)
            self._add(_Unit("list_item", theme, m.start(), m.end(), element_end,
                            f"appendix-1-element-{letter}", f"({letter})",
                            locator=f"Annex 4, Appendix 1, element ({letter})"))
            if len(sentences) > 1:
                theme = self._theme(rule, sentences[1][0], end)
        if len(marks) != 24:
            self.doc.warnings.append(f"appendix 1: {len(marks)} elements, expected 24")

    def _theme(self, rule: layout.SectionRule, a: int, b: int) -> str:
        title = " ".join(self.text[a:b].split()).rstrip(".")
        n = sum(s.parent == rule.local_id for s in self.doc.sections) + 1
        local_id = f"{rule.local_id}-theme-{n}"
        self.doc.sections.append(Section(local_id, title, None, rule.level + 1, rule.local_id))
        return local_id

    def _read_table(self, rule: layout.SectionRule, a: int, b: int) -> None:
        """The flattened Appendix 2 table: one passage per page, flagged as garbled."""
        cuts = [a] + [s for s, _ in self.stream.page_starts if a < s < b] + [b]
        for k in range(len(cuts) - 1):
            start, end = cuts[k], cuts[k + 1]
            printed = self.stream.page_at(start).index - 2
            self._add(_Unit("paragraph", rule.local_id, start, start, end,
                            f"appendix-2-table-{k + 1}", quality="garbled_table",
                            locator=f"Annex 4, Appendix 2 (table), p. {printed}"))


def _passages(stream: Stream, units: list[_Unit], doc: ParsedDocument) -> list[Passage]:
    """Clean each unit; prose groups are numbered p-1, p-2… in reading order."""
    passages: list[Passage] = []
    prose = 0
    masked = stream.masked
    claimed = [(u.text_start, u.end) for u in units]
    # Markers on a heading ("…Modalities Resolution 14") belong to no passage: they are
    # attached at offset 0 to the first passage that follows.
    orphans = [(s, n) for s, _, n in stream.markers if not any(a <= s < b for a, b in claimed)]
    for u in units:
        text, refs = stream.clean(u.text_start, u.end)
        pending = [n for s, n in orphans if s < u.text_start]
        orphans = [(s, n) for s, n in orphans if s >= u.text_start]
        refs = [FootnoteRef(n, 0) for n in pending] + refs
        last_char = len(masked[: u.end].rstrip()) - 1
        first, last = stream.page_at(u.start), stream.page_at(last_char)
        page = first.index - 2
        local_id = u.local_id
        if local_id is None:
            prose += 1
            local_id = f"p-{prose}"
        quality = u.quality
        if quality == "ok" and is_lossy(text, layout.LOSSY_PHRASES):
            quality = "lossy"
        passages.append(Passage(
            local_id, u.kind, text, stream.raw[u.start : u.end].strip(), u.section, u.number,
            u.title, u.parent, refs, first.line, last.line, page, quality, u.inferred,
            u.locator or f"p. {page}",
        ))
        _log_repairs(stream.raw[u.start : u.end], doc)
    return passages


_SPLIT_COMPOUND = re.compile(r"\b\w+(?:- | -)\w+")


def _log_repairs(raw: str, doc: ParsedDocument) -> None:
    for m in _SPLIT_COMPOUND.finditer(raw):
        fixed = m.group(0).replace("- ", "-").replace(" -", "-")
        doc.repairs.append(f"split compound: {m.group(0)!r} -> {fixed!r}")


def _check_truncation(pages: Transcription, doc: ParsedDocument) -> None:
    """The TOC lists more annexes than the transcription holds (it stops at p.36)."""
    toc = next((p.text for p in pages.pages if p.index == layout.TOC_PAGE), "")
    listed = sorted({int(n) for n in _TOC_ANNEX.findall(toc)})
    present = {s.title.split(":")[0] for s in doc.sections if s.title.startswith("Annex ")}
    missing = [n for n in listed if f"Annex {n}" not in present]
    if missing:
        doc.warnings.append(f"truncated: annexes {missing[0]}-{missing[-1]} absent")
