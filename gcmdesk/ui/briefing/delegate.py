"""How a briefing item looks in the composer: citation and kind, two lines of text, the notes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...core.briefing_content import ResolvedItem
from ..theme import colors, mix
from .model import ITEM_ROLE, SECTION_ROLE

PAD, GAP, TEXT_LINES, NOTE_LINES = 7, 3, 2, 3
HEADING_AIR = 14  # px above and below a heading's text
_Index = QModelIndex | QPersistentModelIndex


def wrap(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of ``width`` px, the last one elided."""
    text = " ".join(text.split())
    if not text or width <= 10:
        return []
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines: list[str] = []
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start = line.textStart()
        if len(lines) == max_lines - 1:
            lines.append(QFontMetrics(font).elidedText(text[start:], Qt.TextElideMode.ElideRight,
                                                        width))
        else:
            lines.append(text[start:start + line.textLength()].rstrip())
    layout.endLayout()
    return lines


def excerpt(item: ResolvedItem) -> str:
    a = item.annotation
    if a is not None and a.span is not None:  # the highlighted words of an annotated passage
        return f"“{item.text[a.span[0]:a.span[1]]}”"
    if item.heading and item.kind != "GCM objective":
        return f"{item.heading}: {item.text}"
    return item.text


def label(item: ResolvedItem) -> str:
    """The citation, short: an objective is "Objective 13" (its kind says it is the GCM's)."""
    if item.item.item_type == "objective" and item.objectives:
        return item.objectives[0].label
    return item.citation


def notes(item: ResolvedItem) -> str:
    parts = []
    if item.annotation is not None and item.annotation.note:
        parts.append(f"Note: {item.annotation.note}")
    if item.comment.strip():
        parts.append(f"Talking points: {item.comment}")
    return "  ·  ".join(parts)


class ItemDelegate(QStyledItemDelegate):
    """Items are painted here; headings use the default look with a little more air."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        bold, small, italic = QFont(option.font), QFont(option.font), QFont(option.font)
        bold.setBold(True)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        italic.setItalic(True)
        return bold, small, italic

    def _blocks(self, item: ResolvedItem, option: QStyleOptionViewItem, width: int
                ) -> tuple[list[str], list[str]]:
        _bold, small, italic = self._fonts(option)
        return (wrap(excerpt(item), small, width, TEXT_LINES),
                wrap(notes(item), italic, width, NOTE_LINES))

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        item: ResolvedItem | None = index.data(ITEM_ROLE)
        base = super().sizeHint(option, index)
        if item is None:
            return QSize(base.width(), base.height() + HEADING_AIR)
        width = self._text_width(option)
        text, note = self._blocks(item, option, width)
        bold, small, italic = self._fonts(option)
        h = (2 * PAD + QFontMetrics(bold).height() + GAP
             + len(text) * QFontMetrics(small).lineSpacing()
             + (GAP + len(note) * QFontMetrics(italic).lineSpacing() if note else 0))
        return QSize(width, h)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = option.rect.width()
        if view is not None and hasattr(view, "viewport"):
            indent = getattr(view, "indentation", lambda: 0)()
            width = view.viewport().width() - indent  # type: ignore[attr-defined]
        return max(width - 2 * PAD, 60)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        item: ResolvedItem | None = index.data(ITEM_ROLE)
        if item is None:
            self._paint_heading(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        c = colors(opt.palette)
        bold, small, italic = self._fonts(opt)
        r: QRect = opt.rect
        painter.save()
        if opt.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(r, c.focus_bg)
            painter.fillRect(QRect(r.left(), r.top(), 3, r.height()),
                             opt.palette.color(QPalette.ColorRole.Highlight))
        width = r.width() - 2 * PAD
        x, y = r.left() + PAD, r.top() + PAD
        # line 1: number and citation, the kind on the right
        kind_w = QFontMetrics(small).horizontalAdvance(item.kind) + 4
        painter.setFont(small)
        painter.setPen(c.muted)
        fm_bold = QFontMetrics(bold)
        painter.drawText(QRect(x, y, width, fm_bold.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, item.kind)
        painter.setFont(bold)
        painter.setPen(QColor("#b3261e") if item.missing else c.text)
        cite = fm_bold.elidedText(f"{item.number}. {label(item)}", Qt.TextElideMode.ElideRight,
                                  max(width - kind_w - 8, 40))
        painter.drawText(QPointF(x, y + fm_bold.ascent()), cite)
        y += fm_bold.height() + GAP
        text, note = self._blocks(item, opt, width)
        painter.setFont(small)
        painter.setPen(mix(c.text, c.base, 0.2))
        fm = QFontMetrics(small)
        for line in text:
            painter.drawText(QPointF(x, y + fm.ascent()), line)
            y += fm.lineSpacing()
        if note:
            y += GAP
            painter.setFont(italic)
            painter.setPen(c.chip_fg)
            fm = QFontMetrics(italic)
            for line in note:
                painter.drawText(QPointF(x, y + fm.ascent()), line)
                y += fm.lineSpacing()
        painter.setPen(c.rule)
        painter.drawLine(r.bottomLeft(), r.bottomRight())
        painter.restore()

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem,
                       index: _Index) -> None:
        """A heading: bold title, how many items, a rule under it; a tint when selected."""
        c = colors(option.palette)
        r: QRect = option.rect
        bold, small, _italic = self._fonts(option)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(r, c.focus_bg)
            painter.fillRect(QRect(r.left(), r.top(), 3, r.height()),
                             option.palette.color(QPalette.ColorRole.Highlight))
        n = index.model().rowCount(index)
        count = f"{n} item{'s' * (n != 1)}"
        inner = r.adjusted(PAD, HEADING_AIR - 4, -PAD, -2)
        painter.setFont(small)
        painter.setPen(c.muted)
        painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         count)
        painter.setFont(bold)
        painter.setPen(c.text if index.data(SECTION_ROLE) is not None else c.muted)
        room = inner.width() - QFontMetrics(small).horizontalAdvance(count) - 12
        title = QFontMetrics(bold).elidedText(str(index.data()), Qt.TextElideMode.ElideRight,
                                              room)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title)
        painter.setPen(c.rule)
        painter.drawLine(r.left() + PAD, r.bottom(), r.right() - PAD, r.bottom())
        painter.restore()
