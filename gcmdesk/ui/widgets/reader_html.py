"""A document as HTML for the reader: headings, numbered paragraphs, lists, footnotes, chips.

Every passage's clean text is written out verbatim (escaped) right after an anchor
``p-<passage id>``; footnote markers and objective chips are links (``gcmdesk:`` scheme) so the
reader can tell them apart from passage text when it maps screen positions back to offsets.
"""

from __future__ import annotations

import itertools
import re
from html import escape

from ...core.refdb import Document, Footnote, Passage, Section

FOOTNOTE_SCHEME = "gcmdesk:footnote/"
OBJECTIVE_SCHEME = "gcmdesk:objective/"
PASSAGE_SCHEME = "gcmdesk:passage/"
NUM_COL = 46  # px: the margin column holding paragraph numbers
INDENT = 30  # px: one list level
GUTTER = 14  # px: between the number and the text
TEXT_COL = NUM_COL + GUTTER  # where the text starts: headings align with it

_SUB_RE = re.compile(r"^\d+\(([a-z]+)\)$")


def passage_anchor(passage_id: str) -> str:
    return f"p-{passage_id}"


def section_anchor(section_id: str) -> str:
    return f"s-{section_id}"


def margin_label(p: Passage) -> str:
    """The number as a reader expects it in the margin: '44', '(a)', '•', '3.'."""
    n = p.number or ""
    if p.kind == "salutation":
        return ""
    if p.kind == "paragraph":
        return n
    if "•" in n or (not n and p.kind == "list_item"):
        return "•"
    m = _SUB_RE.match(n)
    if m:
        return f"({m.group(1)})"
    if re.fullmatch(r"[a-z]", n):
        return f"({n})"
    if re.fullmatch(r"T\d+", n):
        return f"{n[1:]}."
    if n.isdigit():
        return f"{n}."
    return n


def _depth(p: Passage) -> int:
    if p.kind == "paragraph" or p.kind == "salutation":
        return 0
    return 2 if p.kind == "sub_item" and p.parent_id else 1


def objective_chips(p: Passage, short: bool = False) -> str:
    chips = []
    for o in sorted({o.objective: o for o in p.objectives}.values(), key=lambda o: o.objective):
        label = f"Objective {o.objective}"
        chips.append(f'<a href="{OBJECTIVE_SCHEME}{o.objective}" title="{escape(o.title)}">'
                     f'<span class="chip">&nbsp;{escape(label)}&nbsp;</span></a>')
    return "&nbsp; ".join(chips)


def passage_text_html(p: Passage, footnotes: bool = True) -> str:
    """The passage text escaped, with footnote markers at their offsets and a bold lead title."""
    text = p.text
    marks: list[tuple[int, Footnote]] = []
    if footnotes:
        for f in p.footnotes:
            at = len(text) if f.offset is None else max(0, min(f.offset, len(text)))
            marks.append((at, f))
    lead = len(p.title) if p.title and text.startswith(p.title) else 0
    cuts = sorted({0, lead, len(text), *(m[0] for m in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        for at, f in marks:
            if at == a:
                out.append(footnote_marker(f))
        piece = escape(text[a:b])
        out.append(f'<span class="lead">{piece}</span>' if b <= lead else piece)
    out.extend(footnote_marker(f) for at, f in marks if at == len(text))
    return "".join(out)


def footnote_marker(f: Footnote) -> str:
    return (f'<a href="{FOOTNOTE_SCHEME}{escape(f.id)}" title="{f.number}. {escape(f.text)}">'
            f"<sup>{f.number}</sup></a>")


def _passage_html(p: Passage) -> str:
    depth = _depth(p)
    label = escape(margin_label(p))
    cls = "text"
    if p.kind == "salutation":
        cls = "salutation"
    elif p.text_quality == "garbled_table":
        cls = "garbled"
    body = (f'<p class="{cls}"><a name="{escape(passage_anchor(p.id))}"></a>'
            f"{passage_text_html(p)}</p>")
    if p.text_quality == "garbled_table":
        body += '<p class="note">A table in the source; its layout could not be kept.</p>'
    chips = objective_chips(p)
    if chips:
        body += f'<p class="chips">{chips}</p>'
    num_cls = "num" if p.kind == "paragraph" else "bul"
    width = NUM_COL + depth * INDENT
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom: 10px;">'
            f'<tr><td width="{width}" align="right" valign="top" class="{num_cls}">{label}</td>'
            f'<td width="{GUTTER}"></td><td valign="top">{body}</td></tr></table>')


def _heading_html(s: Section) -> str:
    tag = {1: "h2", 2: "h3"}.get(s.level, "h4")
    return (f'<{tag} style="margin-left: {TEXT_COL}px"><a name="{escape(section_anchor(s.id))}">'
            f"</a>{escape(s.label)}</{tag}>")


def document_header(doc: Document) -> str:
    meta = [doc.symbol, doc.issuing_body, doc.date]
    if doc.speaker:
        meta.insert(1, doc.speaker)
    if doc.place:
        meta.append(doc.place)
    indent = f' style="margin-left: {TEXT_COL}px"'
    html = [f"<h1{indent}>{escape(doc.title)}</h1>",
            f'<p class="meta"{indent}>{escape(" · ".join(m for m in meta if m))}</p>']
    if doc.truncated:
        html.append(f'<p class="note"{indent}>Parts of the source are absent; what is here is '
                    "complete as far as it goes.</p>")
    return "".join(html)


def render_document(doc: Document, sections: list[Section], passages: list[Passage],
                    footnotes: list[Footnote]) -> str:
    """The whole document: header, then sections and passages in reading order, then notes."""
    out = [document_header(doc)]
    order = {s.id: i for i, s in enumerate(sections)}
    emitted = 0  # sections[:emitted] are already on the page
    for p in passages:
        target = order.get(p.section_id or "", -1)
        while emitted <= target:
            out.append(_heading_html(sections[emitted]))
            emitted += 1
        out.append(_passage_html(p))
    out.extend(_heading_html(s) for s in sections[emitted:])
    if footnotes:
        out.append(f'<h2 style="margin-left: {TEXT_COL}px">Notes</h2>')
        for f in footnotes:
            out.append(f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
                       f'<td width="{NUM_COL}" align="right" valign="top" class="bul">'
                       f'<a name="fn-{escape(f.id)}"></a>{f.number}</td><td width="{GUTTER}">'
                       f'</td><td><p class="footnote">{escape(f.text)}</p></td></tr></table>')
    return "".join(out)
