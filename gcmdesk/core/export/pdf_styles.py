"""The look of an exported briefing: page geometry, colours, paragraph styles, ruled blocks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from .fonts import font_name, is_rtl, markup, needs_shaping

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN_X = 27 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 24 * mm

NAVY = HexColor("#14365a")
UN_BLUE = HexColor("#0a6fb3")
RULE_BLUE = HexColor("#9cc3e0")
INK = HexColor("#1d1d1f")
GREY = HexColor("#5b6670")
LIGHT_GREY = HexColor("#c9d0d6")
CLASSIFICATION_RED = HexColor("#9b1c1f")
COMMENT_TINT = HexColor("#f3f6f9")


def tint(rgb: str, amount: float = 0.75) -> Color:
    """A highlight colour made paler for a background (``amount`` of white mixed in)."""
    try:
        c = HexColor(rgb)
    except (ValueError, TypeError):
        c = HexColor("#ffd54f")
    return Color(*(x + (1 - x) * amount for x in (c.red, c.green, c.blue)))


def _style(name: str, role: str, size: float, leading: float, color: Color = INK,
           **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font_name(role), fontSize=size, leading=leading,
                          textColor=color, **kw)


@cache
def styles() -> dict[str, ParagraphStyle]:
    return {s.name: s for s in (
        _style("kicker", "sans-bold", 8, 11, UN_BLUE),
        _style("classification", "sans-bold", 7.5, 9, CLASSIFICATION_RED, alignment=TA_RIGHT),
        _style("title", "serif-bold", 25, 30, NAVY, spaceBefore=6, spaceAfter=8),
        _style("meeting", "serif-italic", 13.5, 18, GREY, spaceAfter=18),
        _style("meta-label", "sans-bold", 6.8, 9, GREY),
        _style("meta-value", "sans", 9.5, 12.5, INK),
        _style("label", "sans-bold", 7.5, 10, UN_BLUE, spaceBefore=16, spaceAfter=6),
        _style("intro", "serif", 11.5, 16.5, INK, alignment=TA_JUSTIFY, spaceAfter=6),
        _style("toc-0", "serif", 11, 14, INK, leftIndent=0, rightIndent=28, spaceBefore=5),
        _style("toc-1", "serif", 9.5, 12, GREY, leftIndent=14, spaceBefore=1),
        _style("section", "sans-bold", 14, 18, NAVY, spaceBefore=14, spaceAfter=10),
        _style("item-head", "sans-bold", 8.5, 11, NAVY),
        _style("item-objectives", "sans", 7.3, 11, UN_BLUE, alignment=TA_RIGHT),
        _style("item-title", "serif-bold", 11, 14.5, INK, spaceAfter=3),
        _style("quote", "serif", 11, 15.5, INK),  # ragged right: no hyphenation, no rivers
        _style("missing", "sans-italic", 9.5, 13, GREY),
        _style("note-label", "sans-bold", 7, 9.5, GREY, spaceAfter=1),
        _style("note", "sans", 9.5, 13, INK),
        _style("comment-label", "sans-bold", 7, 9.5, UN_BLUE, spaceAfter=1),
        _style("comment", "sans", 9.5, 13.5, INK),
        _style("bullet", "sans", 9.5, 13.5, INK, leftIndent=10, bulletIndent=0,
               bulletFontName=font_name("sans")),
        _style("annex-head", "sans-bold", 7, 9, white),
        _style("annex", "sans", 8.3, 10.8, INK),
        _style("annex-title", "serif", 9, 11.5, INK),
        _style("header", "sans", 7.5, 9, GREY),
        _style("footer-right", "sans", 7.5, 9, GREY, alignment=TA_RIGHT),
        _style("fine", "sans", 7.5, 10, GREY, alignment=TA_LEFT),
    )}


def para(text: str, style: str, role: str | None = None, raw: str = "") -> Paragraph:
    """A Paragraph of *user or corpus* text: escaped, with font fallbacks, RTL when mostly RTL.

    ``raw`` is trusted markup of our own put in front (a label, a number).
    """
    base = styles()[style]
    role = role or _role_of(base)
    if needs_shaping(text) or is_rtl(text):
        overrides: dict[str, object] = {"shaping": 1}
        if is_rtl(text):
            # Set in DejaVu as a whole: a font switch inside a right-to-left line would
            # split it into runs that ReportLab can put in the wrong order.
            role = "wide-bold" if "bold" in role else "wide-italic" if "italic" in role else "wide"
            overrides.update(wordWrap="RTL", alignment=TA_RIGHT, fontName=font_name(role))
        base = ParagraphStyle(f"{style}-shaped", parent=base, **overrides)
    return Paragraph(raw + markup(text, role), base)


def _role_of(style: ParagraphStyle) -> str:
    for role in ("serif", "serif-bold", "serif-italic", "sans", "sans-bold", "sans-italic"):
        if font_name(role) == style.fontName:
            return role
    return "sans"


@dataclass
class _Placed:
    flowable: Flowable
    height: float


class RuledBlock(Flowable):
    """Flowables set off by a vertical bar on the left (and an optional tint); splits across pages.

    Used for quotations (a thin blue rule), the user's notes (their highlight colour) and
    talking points.
    """

    def __init__(self, content: list[Flowable], bar: Color, bar_width: float = 1.6,
                 indent: float = 11, background: Color | None = None, pad: float = 0,
                 gap: float = 4) -> None:
        super().__init__()
        self.content, self.bar, self.bar_width = content, bar, bar_width
        self.indent, self.background, self.pad, self.gap = indent, background, pad, gap
        self._placed: list[_Placed] = []

    def _inner(self, avail_width: float) -> float:
        return avail_width - self.indent - self.pad

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._placed = [_Placed(f, f.wrap(self._inner(availWidth), availHeight)[1])
                        for f in self.content]
        body = sum(p.height for p in self._placed) + self.gap * (len(self._placed) - 1)
        self.height = body + 2 * self.pad
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        inner, room = self._inner(availWidth), availHeight - 2 * self.pad
        first: list[Flowable] = []
        rest = list(self.content)
        while rest:
            height = rest[0].wrap(inner, room)[1]
            if height <= room:
                first.append(rest.pop(0))
                room -= height + self.gap
                continue
            parts = rest[0].split(inner, room) if room > 0 else []
            if parts:
                first.append(parts[0])
                rest = [*parts[1:], *rest[1:]]
            break
        if not first or not rest:
            return [] if not first else [self]
        return [self._copy(first), self._copy(rest)]

    def _copy(self, content: list[Flowable]) -> RuledBlock:
        return RuledBlock(content, self.bar, self.bar_width, self.indent, self.background,
                          self.pad, self.gap)

    def draw(self) -> None:
        c: Canvas = self.canv
        if self.background is not None:
            c.setFillColor(self.background)
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.bar)
        c.rect(0, 0, self.bar_width, self.height, stroke=0, fill=1)
        y = self.height - self.pad
        for p in self._placed:
            y -= p.height
            p.flowable.drawOn(c, self.indent, y)
            y -= self.gap
