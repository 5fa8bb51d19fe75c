"""Colours and style sheets derived from the current palette, so light and dark both read well.

Nothing here hard-codes text-on-background pairs except the search-hit marker, which carries its
own dark text on a yellow ground (like a highlighter pen) in both schemes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

HIT_BG = "#ffd54f"
HIT_FG = "#1a1a1a"


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` blended towards ``b`` by ``t`` (0 → a, 1 → b)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@dataclass(frozen=True)
class Colors:
    dark: bool
    text: QColor
    base: QColor
    muted: QColor  # secondary text: numbers in the margin, metadata
    rule: QColor  # thin separators
    link: QColor
    chip_bg: QColor
    chip_fg: QColor
    focus_bg: QColor  # the passage that was opened
    hit_bg: QColor
    hit_fg: QColor
    note_bg: QColor  # boxed notes (truncated documents, garbled tables)


def colors(palette: QPalette | None = None) -> Colors:
    pal = palette or QGuiApplication.palette()
    text = pal.color(QPalette.ColorRole.Text)
    base = pal.color(QPalette.ColorRole.Base)
    accent = pal.color(QPalette.ColorRole.Highlight)
    dark = base.lightnessF() < 0.5
    link = pal.color(QPalette.ColorRole.Link)
    if dark and link.lightnessF() < 0.55:
        link = mix(link, QColor("white"), 0.45)
    return Colors(
        dark=dark, text=text, base=base,
        muted=mix(text, base, 0.45),
        rule=mix(text, base, 0.82),
        link=link,
        chip_bg=mix(accent, base, 0.72 if dark else 0.86),
        chip_fg=mix(accent, text, 0.15) if not dark else mix(accent, text, 0.6),
        focus_bg=mix(accent, base, 0.72 if dark else 0.84),
        hit_bg=QColor(HIT_BG), hit_fg=QColor(HIT_FG),
        note_bg=mix(text, base, 0.9 if dark else 0.94),
    )


def reader_css(c: Colors) -> str:
    """The default style sheet of the reader and objective view documents."""
    return f"""
    body {{ color: {c.text.name()}; }}
    a {{ color: {c.link.name()}; text-decoration: none; }}
    h1 {{ font-size: x-large; font-weight: 600; margin-top: 6px; margin-bottom: 6px; }}
    h2 {{ font-size: large; font-weight: 600; margin-top: 22px; margin-bottom: 8px; }}
    h3 {{ font-size: medium; font-weight: 600; margin-top: 16px; margin-bottom: 6px; }}
    h4 {{ font-size: medium; font-weight: 600; margin-top: 12px; margin-bottom: 4px; }}
    p {{ margin-top: 0px; margin-bottom: 0px; }}
    p.meta {{ color: {c.muted.name()}; margin-bottom: 2px; }}
    p.sub {{ font-size: large; margin-bottom: 6px; }}
    p.note {{ color: {c.muted.name()}; font-style: italic; margin-top: 6px; }}
    p.text {{ line-height: 140%; white-space: pre-wrap; }}
    p.salutation {{ font-style: italic; line-height: 140%; white-space: pre-wrap; }}
    p.garbled {{ font-family: monospace; font-size: small; white-space: pre-wrap; }}
    p.chips {{ margin-top: 3px; font-size: small; }}
    p.cite {{ color: {c.muted.name()}; font-size: small; margin-top: 2px; }}
    p.footnote {{ font-size: small; line-height: 130%; margin-bottom: 4px; }}
    td.num {{ color: {c.muted.name()}; font-weight: 600; }}
    td.bul {{ color: {c.muted.name()}; }}
    span.chip {{ background-color: {c.chip_bg.name()}; color: {c.chip_fg.name()}; }}
    span.kind {{ color: {c.muted.name()}; font-size: small; }}
    span.hit {{ background-color: {c.hit_bg.name()}; color: {c.hit_fg.name()}; }}
    span.lead {{ font-weight: 600; }}
    """


def snippet_css(c: Colors) -> str:
    """Search result snippets (rendered by the result list's delegate)."""
    return (f"body {{ color: {c.text.name()}; }} "
            f".cite {{ font-weight: 600; }} .doc {{ color: {c.muted.name()}; }} "
            f".kind {{ color: {c.chip_fg.name()}; background-color: {c.chip_bg.name()}; }} "
            f"span.hit {{ background-color: {c.hit_bg.name()}; color: {c.hit_fg.name()}; }}")
