"""The flowables of a briefing: cover, contents, sections of quoted items, annex of sources."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from ..briefing_content import ResolvedBriefing, ResolvedGroup, ResolvedItem
from .fonts import font_name, is_rtl, markup
from .pdf_styles import (
    COMMENT_TINT,
    LIGHT_GREY,
    NAVY,
    RULE_BLUE,
    UN_BLUE,
    RuledBlock,
    para,
    styles,
    tint,
)

_BULLET = re.compile(r"^\s*[-*•–]\s+")
ItemDone = Callable[[int], None]
SHORT_ITEM = 1200  # characters: shorter items are kept on one page


def _mark(flowable: Flowable, level: int, title: str, key: str, toc: bool) -> Flowable:
    """Tag a flowable for the outline (and the contents page): see BriefingDocTemplate."""
    flowable._gcm_outline = (level, title, key, toc)  # type: ignore[attr-defined]
    return flowable


def human_date(value: str) -> str:
    """'2026-03-09' → '9 March 2026' (UN style); anything else is kept as the user wrote it."""
    try:
        d = date.fromisoformat(value.strip())
    except ValueError:
        return value.strip()
    return f"{d.day} {d.strftime('%B')} {d.year}"


def cover(rb: ResolvedBriefing, width: float) -> list[Flowable]:
    b, st = rb.briefing, styles()
    out: list[Flowable] = [
        Paragraph("GLOBAL COMPACT FOR SAFE, ORDERLY AND REGULAR MIGRATION", st["kicker"]),
        Spacer(1, 2), Paragraph("BRIEFING NOTE", styles()["meta-label"]), Spacer(1, 20),
        para(b.title, "title")]
    if b.meeting:
        out.append(para(b.meeting, "meeting"))
    else:
        out.append(Spacer(1, 14))
    facts = [("Date", human_date(b.date)), ("Prepared by", b.author),
             ("Classification", b.classification),
             ("Contents", f"{len(rb.items)} items from {len(rb.sources)} sources")]
    facts = [(k, v) for k, v in facts if v]
    cells = [[Paragraph(k.upper(), st["meta-label"]) for k, _ in facts],
             [para(v, "meta-value") for _, v in facts]]
    table = _table(cells, [width / len(facts)] * len(facts), [
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, NAVY),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, LIGHT_GREY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, 0), 7), ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
    ])
    out += [table, Spacer(1, 10)]
    if b.introduction.strip():
        out.append(Paragraph("INTRODUCTION", st["label"]))
        out += [para(p, "intro") for p in _paragraphs(b.introduction)]
    return out


def _table(rows: list[list[Flowable]], widths: list[float], commands: list[Any]) -> Table:
    # Cell font set explicitly: the default would add an unembedded Helvetica to the PDF.
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1 if len(rows) > 2 else 0)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name("sans")), *commands]))
    return table


def contents() -> list[Flowable]:
    toc = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font_name("sans")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    toc.levelStyles = [styles()["toc-0"], styles()["toc-1"]]
    return [Paragraph("CONTENTS", styles()["label"]), toc, PageBreak()]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _item_header(item: ResolvedItem, width: float) -> Flowable:
    number = f'<font color="#{UN_BLUE.hexval()[2:]}">{item.number}</font>&nbsp;&nbsp;&nbsp;'
    left = para(item.citation, "item-head", raw=number)
    numbers = [str(n) for n in sorted(o.number for o in item.objectives)]
    label = f"OBJECTIVE{'S' if len(numbers) > 1 else ''} {' · '.join(numbers)}" if numbers else ""
    right = Paragraph(label, styles()["item-objectives"])
    table = _table([[left, right]], [width * 0.62, width * 0.38], [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, LIGHT_GREY),
    ])
    table.keepWithNext = True
    return _mark(table, 1, f"{item.number}. {item.citation}", f"item-{item.item.id}", False)


def _quote(item: ResolvedItem) -> Flowable:
    if item.missing:
        return para(item.text, "missing")
    span = item.annotation.span if item.annotation else None
    if span is None:
        return para(item.text, "quote")
    start, end = span
    back = tint(item.annotation.color_rgb if item.annotation else "", 0.55).hexval()
    body = (markup(item.text[:start], "serif")
            + f'<span backColor="#{back[2:]}">{markup(item.text[start:end], "serif")}</span>'
            + markup(item.text[end:], "serif"))
    return Paragraph(body, styles()["quote"])


def _note(item: ResolvedItem) -> Flowable | None:
    a = item.annotation
    if a is None or not (a.note.strip() or a.tags or a.color_name):
        return None
    label = "HIGHLIGHT" + (f" · {a.color_name.upper()}" if a.color_name else "")
    if a.orphaned:
        label += " · NO LONGER FOUND IN THE PASSAGE"
    content: list[Flowable] = [para(label, "note-label")]
    content += [para(p, "note") for p in _paragraphs(a.note)]
    if a.tags:
        content.append(para("Tags: " + ", ".join(a.tags), "note-label"))
    return RuledBlock(content, bar=tint(a.color_rgb, 0.0), bar_width=3, indent=9,
                      background=tint(a.color_rgb, 0.86), pad=6, gap=2)


def _comment(item: ResolvedItem) -> Flowable | None:
    if not item.comment.strip():
        return None
    content: list[Flowable] = [Paragraph("TALKING POINTS", styles()["comment-label"])]
    for block in _paragraphs(item.comment):
        lines = block.split("\n")
        if all(_BULLET.match(line) for line in lines) and not is_rtl(block):
            content += [para(_BULLET.sub("", line), "bullet") for line in lines]
            for p in content[-len(lines):]:
                p.bulletText = "•"  # type: ignore[attr-defined]
        else:
            content.append(para(block, "comment"))
    return RuledBlock(content, bar=NAVY, bar_width=3, indent=9, background=COMMENT_TINT,
                      pad=6, gap=3)


def _shows_heading(item: ResolvedItem) -> bool:
    """A title the text does not already start with (many recommendations repeat theirs)."""
    heading = item.heading.strip().rstrip(".:;").casefold()
    return bool(heading) and not item.text.strip().casefold().startswith(heading)


def item_flowables(item: ResolvedItem, width: float, lead: Sequence[Flowable] = ()
                   ) -> list[Flowable]:
    """An item's header, quote, note and talking points; ``lead`` (a section heading) is kept
    on the same page as the item's start."""
    head: list[Flowable] = [*lead, _item_header(item, width), Spacer(1, 6)]
    if _shows_heading(item):
        head.append(para(item.heading, "item-title"))
    body: list[Flowable] = [RuledBlock([_quote(item)], bar=RULE_BLUE, bar_width=1.6, indent=12)]
    extras = [f for f in (_note(item), _comment(item)) if f is not None]
    out: list[Flowable] = [*head, *body]
    for extra in extras:
        out += [Spacer(1, 7), extra]
    if len(item.text) + len(item.comment) < SHORT_ITEM:
        return [KeepTogether(out), Spacer(1, 20)]
    # A long item flows across pages, but never leaves its headings alone at a page foot.
    return [CondPageBreak(150), KeepTogether([*head, body[0]]), *out[len(head) + 1:],
            Spacer(1, 20)]


def section(group: ResolvedGroup, index: int, width: float, done: ItemDone) -> Iterator[Flowable]:
    heading = _mark(para(group.title, "section"), 0, group.title, f"section-{index}", True)
    for n, item in enumerate(group.items):
        yield from item_flowables(item, width, lead=[] if n else [heading])
        done(item.number)


def _annex_table(headers: tuple[str, ...], rows: list[list[Flowable]],
                 widths: list[float]) -> Table:
    head = [Paragraph(h, styles()["annex-head"]) for h in headers]
    return _table([head, *rows], widths, [
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, LIGHT_GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ])


def annex(rb: ResolvedBriefing, width: float) -> list[Flowable]:
    """The sources quoted (oldest first) and the GCM objectives the items are linked to."""
    heading = _mark(para("Annex: Sources", "section"), 0, "Annex: Sources", "annex", True)
    sources = sorted(rb.sources, key=lambda d: (d.date, d.cite_name))
    table = _annex_table(
        ("REFERENCE", "TITLE", "ISSUED BY", "DATE"),
        [[para(d.cite_name, "annex"), para(d.title, "annex-title"), para(d.issuing_body, "annex"),
          para(human_date(d.date), "annex")] for d in sources],
        [width * f for f in (0.2, 0.4, 0.26, 0.14)])
    note = Paragraph("Quotations are reproduced from the texts listed above as held in the "
                     "gcmdesk reference library; paragraph numbers follow the source documents. "
                     "Objective labels link an item to the objectives of the Global Compact "
                     "(General Assembly resolution 73/195, annex).", styles()["fine"])
    out: list[Flowable] = [PageBreak(), heading, table, Spacer(1, 8), note]
    if rb.objectives:
        out += [Spacer(1, 18), Paragraph("GCM OBJECTIVES REFERRED TO", styles()["label"]),
                _annex_table(("NO.", "OBJECTIVE"),
                             [[para(str(o.number), "annex"), para(o.title, "annex-title")]
                              for o in rb.objectives], [width * 0.08, width * 0.92])]
    return out


def story(rb: ResolvedBriefing, width: float, done: ItemDone) -> list[Flowable]:
    out = [*cover(rb, width), *contents()]
    for index, group in enumerate(rb.groups):
        if group.items:
            out += list(section(group, index, width, done))
    out += annex(rb, width)
    return out

