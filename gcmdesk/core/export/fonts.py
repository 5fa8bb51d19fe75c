"""Bundled fonts for PDF export, and markup that keeps every character in a font that has it.

Text faces are Liberation Serif and Sans (Times/Arial metrics: the look of UN documents; Latin,
Greek, Cyrillic, Hebrew). A character they lack goes, run by run, to DejaVu Sans (Arabic, many
symbols) and then to Droid Sans Fallback (Chinese, Japanese, Korean), so nothing prints as a
black box. Paragraphs that contain Arabic are shaped with HarfBuzz (letters join) and those
that are mostly Arabic or Hebrew are set right to left.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resources_dir

# role -> (registered name, file)
FACES = {
    "serif": ("GcmSerif", "LiberationSerif-Regular.ttf"),
    "serif-bold": ("GcmSerif-Bold", "LiberationSerif-Bold.ttf"),
    "serif-italic": ("GcmSerif-Italic", "LiberationSerif-Italic.ttf"),
    "serif-bolditalic": ("GcmSerif-BoldItalic", "LiberationSerif-BoldItalic.ttf"),
    "sans": ("GcmSans", "LiberationSans-Regular.ttf"),
    "sans-bold": ("GcmSans-Bold", "LiberationSans-Bold.ttf"),
    "sans-italic": ("GcmSans-Italic", "LiberationSans-Italic.ttf"),
    "wide": ("GcmWide", "DejaVuSans.ttf"),
    "wide-bold": ("GcmWide-Bold", "DejaVuSans-Bold.ttf"),
    "wide-italic": ("GcmWide-Italic", "DejaVuSans-Oblique.ttf"),
    "cjk": ("GcmCJK", "DroidSansFallbackFull.ttf"),
}
# A face's fallbacks, in order, for characters it lacks.
FALLBACKS = {
    "bold": ("wide-bold", "cjk"),
    "italic": ("wide-italic", "cjk"),
    "": ("wide", "cjk"),
}

# normal, bold, italic, bold italic: so that <b>/<i> in our own markup pick the right face
_FAMILIES = (("serif", "serif-bold", "serif-italic", "serif-bolditalic"),
             ("sans", "sans-bold", "sans-italic", "sans-bold"),
             ("wide", "wide-bold", "wide-italic", "wide-bold"))
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile(r"[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_lock = threading.Lock()


@dataclass(frozen=True)
class Face:
    name: str
    chars: frozenset[int]


@cache
def _face(role: str) -> Face:
    name, filename = FACES[role]
    font = TTFont(name, str(resources_dir() / "fonts" / filename))
    pdfmetrics.registerFont(font)
    return Face(name, frozenset(font.face.charToGlyph))


def register_fonts() -> None:
    """Register every face once (thread-safe: exports may run in a worker thread)."""
    with _lock:
        for role in FACES:
            _face(role)
        for normal, bold, italic, bold_italic in _FAMILIES:
            pdfmetrics.registerFontFamily(
                font_name(normal), normal=font_name(normal), bold=font_name(bold),
                italic=font_name(italic), boldItalic=font_name(bold_italic))


def font_name(role: str) -> str:
    return FACES[role][0]


def _chain(role: str) -> list[Face]:
    weight = "bold" if "bold" in role else "italic" if "italic" in role else ""
    return [_face(role), *(_face(r) for r in FALLBACKS[weight])]


def markup(text: str, role: str) -> str:
    """User text → safe Paragraph markup in ``role``'s face, with per-run font fallbacks.

    Everything is escaped (a note's ``<a href=…>`` prints as typed); newlines become breaks.
    """
    chain = _chain(role)
    out: list[str] = []
    for line_no, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if line_no:
            out.append("<br/>")
        out.append(_runs(line, chain))
    return "".join(out)


def _runs(line: str, chain: list[Face]) -> str:
    primary = chain[0]
    if all(ord(c) in primary.chars for c in set(line)):
        return escape(line)
    parts: list[str] = []
    run, run_face = "", primary
    for ch in line:
        # Spaces and punctuation every face has stay in the current run (no needless switches).
        face = run_face if ord(ch) in run_face.chars and (ch.isspace() or not ch.isalnum()) \
            else next((f for f in chain if ord(ch) in f.chars), primary)
        if face is not run_face and run:
            parts.append(_wrap(run, run_face, primary))
            run = ""
        run_face = face
        run += ch
    parts.append(_wrap(run, run_face, primary))
    return "".join(parts)


def _wrap(run: str, face: Face, primary: Face) -> str:
    return escape(run) if face is primary else f'<font name="{face.name}">{escape(run)}</font>'


def needs_shaping(text: str) -> bool:
    return _ARABIC.search(text) is not None


def is_rtl(text: str) -> bool:
    """Mostly right-to-left letters (Arabic, Hebrew…)?"""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _RTL.match(c)) * 2 > len(letters)


def missing_glyphs(text: str, role: str) -> set[str]:
    """Characters no face of ``role``'s chain can draw (they would print as boxes)."""
    register_fonts()
    chain = _chain(role)
    return {c for c in set(text) if not c.isspace()
            and not any(ord(c) in f.chars for f in chain)}
