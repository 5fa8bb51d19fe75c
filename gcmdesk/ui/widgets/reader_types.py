"""The reader's plain types: highlights, selections, menu context; and the text column."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser

from ...core.refdb import Passage

MAX_TEXT_EM = 42  # keep lines readable on wide screens


@dataclass(frozen=True)
class Highlight:
    passage_id: str
    start: int
    end: int
    color: QColor
    underline: bool = False


@dataclass(frozen=True)
class TextSelection:
    passage_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PassageContext:
    """What a context menu is about: a passage, and the selection within it, if any."""
    passage: Passage
    selection: TextSelection | None


def quote_with_citation(text: str, citation: str) -> str:
    return f"“{text.strip()}” ({citation})"


def center_column(browser: QTextBrowser, max_em: float = MAX_TEXT_EM) -> None:
    """Centre a text column of at most ``max_em`` on wide views (comfortable line length)."""
    em = browser.document().defaultFont().pointSizeF() * browser.logicalDpiX() / 72
    side = max(28.0, (browser.viewport().width() - max_em * em) / 2)
    root = browser.document().rootFrame()
    fmt = root.frameFormat()
    if abs(fmt.leftMargin() - side) > 0.5:
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        root.setFrameFormat(fmt)
