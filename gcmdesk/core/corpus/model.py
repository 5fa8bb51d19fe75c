"""What a document parser produces: plain data, independent of the database.

A parser turns one raw text into a :class:`ParsedDocument`. The builder (``refdb_build``)
turns local keys into global stable ids (``<doc-id>/<local-id>``) and writes rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PASSAGE_KINDS = ("paragraph", "list_item", "sub_item", "salutation")
TEXT_QUALITIES = ("ok", "lossy", "garbled_table")
RECOMMENDATION_TYPES = (
    "takeaway", "consideration", "strategy_element", "proposal", "action", "priority",
    "opportunity", "recommendation", "call_to_action", "question",
)


@dataclass
class Section:
    local_id: str  # unique in the document, stable across builds: "sec-iii-a", "sec-3-1"
    title: str
    number: str | None = None  # as printed: "III", "A", "3.1"; None when unnumbered
    level: int = 1
    parent: str | None = None  # local_id of the parent section


@dataclass
class FootnoteRef:
    number: int  # the footnote's number
    offset: int  # character offset in the passage's clean text where the marker stood


@dataclass
class Passage:
    local_id: str  # "para-44", "para-4-a", "para-5-item-1", "t1", "summary-1"
    kind: str  # one of PASSAGE_KINDS
    text: str  # clean: collapsed whitespace, no markers, no furniture
    raw_text: str  # the source lines as found (footnote bodies and furniture excluded)
    section: str | None  # local_id of the section
    number: str | None = None  # label as printed: "44", "4(a)", "5•1", "T1", "S1"
    title: str | None = None  # run-in title, also kept at the start of text
    parent: str | None = None  # local_id of the passage this item belongs to
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    line_start: int = 0  # first physical line (1-based) of the source
    line_end: int = 0
    page: int | None = None
    text_quality: str = "ok"
    number_inferred: bool = False
    # How a citation points here when ``number`` alone does not say it well:
    # "Annex 3, para. 9", "p. 12". Default (None): derived from ``number``.
    locator: str | None = None


@dataclass
class Footnote:
    number: int
    text: str
    number_inferred: bool = False
    line: int = 0


@dataclass
class Recommendation:
    list_id: str  # "R1", unique per document
    list_heading: str
    number: str  # ordinal or label as printed within the list: "1", "a", "3"
    type: str  # one of RECOMMENDATION_TYPES
    status: str  # "must" | "should" | "may" (how certain the list is a recommendation list)
    text: str
    passage: str  # local_id of the passage holding it; the text appears in that passage
    title: str | None = None


@dataclass
class ParsedDocument:
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)  # in reading order
    footnotes: list[Footnote] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "gap after 8", ...
    repairs: list[str] = field(default_factory=list)  # "kerning: 'benefi t' -> 'benefit'", ...
    stripped: dict[str, int] = field(default_factory=dict)  # "link_lines": 20, ...
