"""The reader: one document as readable text, with a passage-level API for other features.

Plug-in points (for highlighting, notes, briefings):

- ``current_passage()`` / ``selection()`` / ``selection_parts()``: what the user is on, as
  passage ids and character offsets into ``Passage.text``; ``selection_changed`` and
  ``current_passage_changed`` signal changes.
- ``set_highlights(layer, [Highlight, ...], z=...)`` paints extra highlights without
  re-rendering; each feature owns a layer ("search" and "focus" are the reader's own).
- ``add_context_menu_provider(fn)``: ``fn(menu, PassageContext)`` adds entries to the menu shown
  on a passage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from ...core.refdb import Passage, ReferenceDB
from ..theme import colors, reader_css
from .reader_html import (
    FOOTNOTE_SCHEME,
    OBJECTIVE_SCHEME,
    PASSAGE_SCHEME,
    render_document,
    section_anchor,
)
from .reader_map import PassageMap, PassageSpan
from .reader_types import (
    MAX_TEXT_EM,
    Highlight,
    PassageContext,
    TextSelection,
    center_column,
    quote_with_citation,
)

MIN_PT, MAX_PT, DEFAULT_PT = 8.0, 28.0, 11.0
__all__ = ["MAX_TEXT_EM", "Highlight", "PassageContext", "Reader", "TextSelection",
           "center_column", "quote_with_citation"]


class Reader(QTextBrowser):
    current_passage_changed = Signal(str)
    selection_changed = Signal()
    objective_requested = Signal(int)
    passage_requested = Signal(str)
    font_size_changed = Signal(float)
    message = Signal(str)  # for the status bar

    def __init__(self, ref: ReferenceDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setDocumentMargin(28)
        self.doc_id: str | None = None
        self.passages: dict[str, Passage] = {}
        self.map = PassageMap([])
        self._layers: dict[str, tuple[int, list[Highlight]]] = {}
        self._providers: list[Callable[[QMenu, PassageContext], None]] = []
        self._focus: str | None = None
        self._last_current: str | None = None
        self._font_pt = DEFAULT_PT
        self.anchorClicked.connect(self._on_link)
        self.cursorPositionChanged.connect(self._on_cursor)
        self.selectionChanged.connect(self.selection_changed)
        self._top_anchor: str | None = None  # kept across resizes and re-layouts
        self._keeping_place = False
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self._apply_style()

    # showing -------------------------------------------------------------------------------

    def show_document(self, doc_id: str) -> None:
        """Render a document (no-op if it is already shown)."""
        if doc_id == self.doc_id:
            return
        self._focus = None
        self._layers.pop("focus", None)
        self._layers.pop("search", None)
        self._render(doc_id)

    def _render(self, doc_id: str) -> None:
        doc = self.ref.document(doc_id)
        passages = self.ref.passages(doc_id)
        html = render_document(doc, self.ref.sections(doc_id), passages,
                               self.ref.footnotes(doc_id))
        self.doc_id = doc_id
        self.passages = {p.id: p for p in passages}
        self.setHtml(html)
        self.map = PassageMap.build(self.document(), passages)
        self._apply_margins()
        self._apply_selections()

    def go_to_passage(self, passage_id: str, focus: bool = True,
                      hits: list[tuple[int, int]] | None = None) -> None:
        """Open the passage's document, scroll to it; ``focus`` tints it, ``hits`` marks words."""
        self.show_document(passage_id.split("/", 1)[0])
        span = self.map.by_id.get(passage_id)
        if span is None:
            self.message.emit(f"Passage {passage_id} is not in this document.")
            return
        c = colors(self.palette())
        self._focus = passage_id if focus else None
        self.set_highlights("focus", [Highlight(passage_id, 0, span.length, c.focus_bg)]
                            if focus else [], z=-10)
        marks = [Highlight(passage_id, a, b, c.hit_bg) for a, b in hits or ()]
        self.set_highlights("search", marks, z=10)
        self._scroll_to_pos(span.block_start)
        cursor = self.textCursor()
        cursor.setPosition(span.start)
        self.setTextCursor(cursor)
        self._on_cursor()

    def go_to_section(self, doc_id: str, section_id: str | None) -> None:
        """Show a section's heading at the top (or the document's start); the cursor follows."""
        self.show_document(doc_id)
        self._focus = None
        self.clear_highlights("focus")
        bar = self.verticalScrollBar()
        if section_id:
            self.scrollToAnchor(section_anchor(section_id))
            if bar.value() < bar.maximum():
                bar.setValue(bar.value() - self.fontMetrics().height() // 2)
        else:
            bar.setValue(0)
        top = self.top_passage()
        if top:
            cursor = self.textCursor()
            cursor.setPosition(self.map.by_id[top].start)
            self.setTextCursor(cursor)
            self._on_cursor()

    def _scroll_to_pos(self, pos: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 3 * self.fontMetrics().height())

    def top_passage(self) -> str | None:
        """The first passage at the top of the view (below the margin ``_scroll_to_pos`` keeps)."""
        y = 3 * self.fontMetrics().height() + 4
        pos = self.cursorForPosition(QPoint(self.viewport().width() // 2, y)).position()
        span = self.map.nearest(pos)
        return span.passage_id if span else None

    def reading_position(self) -> str | None:
        """Where the user is reading: the opened passage while it is in view, else the top one."""
        span = self.map.by_id.get(self._focus or "")
        if span is not None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(span.start)
            if 0 <= self.cursorRect(cursor).top() < self.viewport().height():
                return span.passage_id
        return self.top_passage()

    # selection API ---------------------------------------------------------------------------

    def passage_at(self, pos: int) -> Passage | None:
        span = self.map.at(pos)
        return self.passages.get(span.passage_id) if span else None

    def current_passage(self) -> str | None:
        """The passage under the text cursor, else the one last opened, else the top one."""
        span = self.map.at(self.textCursor().selectionStart())
        if span:
            return span.passage_id
        return self._focus or self.top_passage()

    def selection_parts(self) -> list[TextSelection]:
        """The selection cut at passage boundaries, as offsets into each passage's text."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return []
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        parts = []
        for span in self.map.spans:
            if span.end < a or span.start > b:
                continue
            start, end = span.offset_at(a), span.offset_at(b)
            if end > start:
                text = self.passages[span.passage_id].text[start:end]
                parts.append(TextSelection(span.passage_id, start, end, text))
        return parts

    def selection(self) -> TextSelection | None:
        parts = self.selection_parts()
        return parts[0] if parts else None

    def select_range(self, passage_id: str, start: int, end: int) -> None:
        span = self.map.by_id[passage_id]
        cursor = self.textCursor()
        cursor.setPosition(span.pos_at(start))
        cursor.setPosition(span.pos_at(end, at_end=True), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def citation_text(self) -> str | None:
        """The selection (or the current passage) quoted, with its citation."""
        parts = self.selection_parts()
        if parts:
            return "\n\n".join(quote_with_citation(s.text, self.passages[s.passage_id].citation)
                               for s in parts)
        pid = self.current_passage()
        if pid is None:
            return None
        p = self.passages[pid]
        return quote_with_citation(p.text, p.citation)

    # extra highlights ----------------------------------------------------------------------

    def set_highlights(self, layer: str, items: list[Highlight], z: int = 0) -> None:
        """Replace one layer of highlights; higher ``z`` paints on top."""
        self._layers[layer] = (z, list(items))
        self._apply_selections()

    def clear_highlights(self, layer: str) -> None:
        self._layers.pop(layer, None)
        self._apply_selections()

    def _apply_selections(self) -> None:
        sels = []
        c = colors(self.palette())
        for _z, items in sorted(self._layers.values(), key=lambda zi: zi[0]):
            for h in items:
                span = self.map.by_id.get(h.passage_id)
                if span is None or h.end <= h.start:
                    continue
                sel = QTextEdit.ExtraSelection()
                sel.cursor = QTextCursor(self.document())
                sel.cursor.setPosition(span.pos_at(h.start))
                sel.cursor.setPosition(span.pos_at(h.end, at_end=True),
                                       QTextCursor.MoveMode.KeepAnchor)
                sel.format.setBackground(h.color)
                if h.color == c.hit_bg:
                    sel.format.setForeground(c.hit_fg)
                if h.underline:
                    sel.format.setProperty(QTextFormat.Property.TextUnderlineStyle, 1)
                sels.append(sel)
        self.setExtraSelections(sels)

    # context menu ------------------------------------------------------------------------

    def add_context_menu_provider(self, provider: Callable[[QMenu, PassageContext], None]) -> None:
        self._providers.append(provider)

    def context_for_position(self, pos: int) -> PassageContext | None:
        """What a context menu at a document position is about (moves the cursor there)."""
        passage = self.passage_at(pos)
        if passage is None:
            return None
        sel = self.selection()
        if sel is None or sel.passage_id != passage.id:
            sel = None
            cursor = self.textCursor()
            cursor.setPosition(pos)
            self.setTextCursor(cursor)
        return PassageContext(passage, sel)

    def build_context_menu(self, context: PassageContext | None) -> QMenu:
        menu = QMenu(self)
        copy = menu.addAction("Copy", self.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self.textCursor().hasSelection())
        if context is not None:
            passage = context.passage
            cite = menu.addAction("Copy with citation", self._copy_citation)
            cite.setShortcut(QKeySequence("Ctrl+Shift+C"))
            menu.addAction("Copy passage id", lambda: _set_clipboard(passage.id))
            if passage.objectives:
                menu.addSeparator()
                for o in sorted({o.objective for o in passage.objectives}):
                    menu.addAction(f"Open objective {o}",
                                   lambda o=o: self.objective_requested.emit(o))
            for provider in self._providers:
                provider(menu, context)
        menu.addSeparator()
        menu.addAction("Select all", self.selectAll)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = self.cursorForPosition(event.pos()).position()
        menu = self.build_context_menu(self.context_for_position(pos))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _copy_citation(self) -> None:
        text = self.citation_text()
        if text:
            _set_clipboard(text)
            self.message.emit("Copied with citation.")

    # links, cursor -----------------------------------------------------------------------

    def _on_link(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith(OBJECTIVE_SCHEME):
            self.objective_requested.emit(int(href.removeprefix(OBJECTIVE_SCHEME)))
        elif href.startswith(PASSAGE_SCHEME):
            self.passage_requested.emit(href.removeprefix(PASSAGE_SCHEME))
        elif href.startswith(FOOTNOTE_SCHEME):
            self.show_footnote(href.removeprefix(FOOTNOTE_SCHEME))
        else:
            self.message.emit("gcmdesk works offline: links to the web are not opened.")

    def viewportEvent(self, event: QEvent) -> bool:
        """Hovering a footnote marker or an objective chip shows what it stands for."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            href = self.anchorAt(event.pos())
            tip = None
            if href.startswith(FOOTNOTE_SCHEME):
                tip = self.footnote_text(href.removeprefix(FOOTNOTE_SCHEME))
            elif href.startswith(OBJECTIVE_SCHEME):
                n = int(href.removeprefix(OBJECTIVE_SCHEME))
                tip = f"Objective {n}: {self.ref.objective(n).title}\nClick to open it."
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def footnote_text(self, footnote_id: str) -> str | None:
        for p in self.passages.values():
            for f in p.footnotes:
                if f.id == footnote_id:
                    return f"{f.number}. {f.text}"
        return None

    def show_footnote(self, footnote_id: str) -> None:
        text = self.footnote_text(footnote_id)
        if text:
            QToolTip.showText(self.cursor().pos(), text, self)
            self.message.emit(text)

    def _on_cursor(self) -> None:
        span: PassageSpan | None = self.map.at(self.textCursor().position())
        pid = span.passage_id if span else None
        if pid and pid != self._last_current:
            self._last_current = pid
            self.current_passage_changed.emit(pid)

    # font, palette, layout ---------------------------------------------------------------

    @property
    def font_size(self) -> float:
        return self._font_pt

    def set_font_size(self, pt: float) -> None:
        pt = max(MIN_PT, min(MAX_PT, round(pt * 2) / 2))
        top = self.top_passage()
        self._font_pt = pt
        font = self.font()
        font.setPointSizeF(pt)
        self.document().setDefaultFont(font)
        self._apply_margins()
        if top and top in self.map:
            self._scroll_to_pos(self.map.by_id[top].block_start)
        self.font_size_changed.emit(pt)

    def zoom(self, steps: int) -> None:
        self.set_font_size(self._font_pt + steps)

    def _apply_style(self) -> None:
        self.document().setDefaultStyleSheet(reader_css(colors(self.palette())))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.doc_id:
            self._apply_style()
            top = self.reading_position()
            c = colors(self.palette())
            recolor = {"focus": c.focus_bg, "search": c.hit_bg}
            for name, color in recolor.items():  # the reader's own layers follow the palette
                if name in self._layers:
                    z, items = self._layers[name]
                    self._layers[name] = (z, [replace(h, color=color) for h in items])
            self._render(self.doc_id)
            if top:
                self._scroll_to_pos(self.map.by_id[top].block_start)
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_style()

    def resizeEvent(self, event: QResizeEvent) -> None:
        anchor = self._top_anchor
        super().resizeEvent(event)
        self._apply_margins()
        if anchor and anchor in self.map and self.verticalScrollBar().value() > 0:
            self._keeping_place = True  # text reflows: keep the same passage on top
            self._scroll_to_pos(self.map.by_id[anchor].block_start)
            self._keeping_place = False

    def _on_scroll(self, _value: int) -> None:
        if not self._keeping_place:
            self._top_anchor = self.top_passage()

    def _apply_margins(self) -> None:
        center_column(self)

    def loadResource(self, type_: int, name: QUrl) -> object:
        return None  # never read files or the network for a document's resources


def _set_clipboard(text: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText(text)
