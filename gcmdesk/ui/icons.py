"""Small toolbar icons drawn from text glyphs in the current palette (crisp at any DPI, dark
mode included), so the app ships no icon theme."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap


class _GlyphEngine(QIconEngine):
    def __init__(self, text: str, scale: float, bold: bool) -> None:
        super().__init__()
        self.text, self.scale, self.bold = text, scale, bold

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        pal = QGuiApplication.palette()
        group = (QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled
                 else QPalette.ColorGroup.Normal)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(pal.color(group, QPalette.ColorRole.ButtonText))
        font = QFont(QGuiApplication.font())
        font.setPixelSize(max(6, int(rect.height() * self.scale)))
        font.setBold(self.bold)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.restore()

    def pixmap(self, size, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pm

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self.text, self.scale, self.bold)


def glyph_icon(text: str, scale: float = 0.8, bold: bool = False) -> QIcon:
    return QIcon(_GlyphEngine(text, scale, bold))
