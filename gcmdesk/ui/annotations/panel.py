"""The notes panel: every annotation with its quote, note, tags, citation and date; filters.

UI only: it shows what :meth:`NotesPanel.set_data` gives it and emits what the user asks for
(open, edit, delete, re-attach); :mod:`.controller` does the rest.
"""

from __future__ import annotations

import time
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from ...core.annotations import Annotation, Color
from ..filters import filter_box, filter_row, pane_layout, refill
from ..rich_list import RichTextDelegate, rich_list
from ..theme import Colors, colors
from .dialogs import swatch
from .model import ANN_ROLE, NO_COLOR, AnnotationsFilter, AnnotationsModel

BAR = 4  # the colour bar on the left
QUOTE_CHARS, NOTE_CHARS = 240, 480
EMPTY_HINT = ("<p><b>No notes yet.</b></p><p>Select text in the reader and press <b>Ctrl+H</b> "
              "to highlight it, or <b>Ctrl+Shift+M</b> to add a note and tags. Right-click a "
              "passage for more.</p>")


def short_date(iso: str) -> str:
    """'2026-03-12T…' → '12 Mar 2026' (English month names, like the documents)."""
    try:
        return time.strftime("%d %b %Y", time.strptime(iso[:10], "%Y-%m-%d")).lstrip("0")
    except ValueError:
        return iso[:10]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + " …"


class NoteDelegate(RichTextDelegate):
    """A colour bar, then citation · colour · date, the quote, the note and the tags."""

    ROLE = ANN_ROLE
    INSET = BAR
    MIN_TEXT_WIDTH = 60
    CACHE_SIZE = 1000

    def __init__(self, model: AnnotationsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def html(self, a: Annotation, palette: QPalette) -> str:
        c = colors(palette)
        muted = c.muted.name()
        date = short_date(a.created)
        head = (f"<b>{escape(a.citation or a.passage_id)}</b>"
                f"<span style='color:{muted}'> · {escape(self.model.color_name(a))} · "
                f"{date}</span>")
        if a.orphaned:
            head += "&nbsp; <span style='color:#c62828'><b>needs review</b></span>"
        out = [f"<p style='margin-bottom:3px'>{head}</p>"]
        if a.quote:
            out.append(f"<p style='margin-bottom:3px'><i>“{escape(_clip(a.quote, QUOTE_CHARS))}”"
                       "</i></p>")
        else:
            out.append(f"<p style='color:{muted}; margin-bottom:3px'>Whole passage</p>")
        if a.note:
            out.append(f"<p style='margin-bottom:3px'>"
                       f"{escape(_clip(a.note, NOTE_CHARS)).replace(chr(10), '<br>')}</p>")
        if a.tags:
            chips = " ".join(f"<span style='background-color:{c.chip_bg.name()}; color:"
                             f"{c.chip_fg.name()}'>&nbsp;{escape(t)}&nbsp;</span>" for t in a.tags)
            out.append(f"<p style='font-size:small'>{chips}</p>")
        return "".join(out)

    def cache_key(self, a: Annotation, width: int, option: QStyleOptionViewItem
                  ) -> tuple[str, str, int, str, str]:
        base = option.palette.base().color().name()
        return (a.id, a.modified, width, self.model.color_name(a), base)

    def item_html(self, a: Annotation, option: QStyleOptionViewItem) -> str:
        return self.html(a, option.palette)

    def decorate(self, painter: QPainter, opt: QStyleOptionViewItem, c: Colors,
                 a: Annotation) -> None:
        color = self.model.colors.get(a.color or "")
        bar = QColor(color.rgb) if color else c.rule
        painter.fillRect(opt.rect.left(), opt.rect.top() + 2, BAR, opt.rect.height() - 4, bar)


class NotesPanel(QWidget):
    open_requested = Signal(object, bool)  # Annotation, give the reader the focus
    edit_requested = Signal(object)  # Annotation
    delete_requested = Signal(list)  # [Annotation]
    reattach_requested = Signal(object)  # Annotation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationsModel(self)
        self.proxy = AnnotationsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0)

        self.filter_edit = QLineEdit(placeholderText="Filter notes…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda t: self.proxy.set_filter(text=t))
        self.color_box = filter_box(5, "Only this colour")
        self.tag_box = filter_box(5, "Only this tag")
        self.doc_box = filter_box(5, "Only this document")
        self.order_box = QComboBox()
        self.order_box.addItems(["Newest first", "Reading order"])
        self.order_box.currentIndexChanged.connect(lambda i: self.proxy.set_reading_order(i == 1))
        for box, field in ((self.color_box, "color"), (self.tag_box, "tag"),
                           (self.doc_box, "doc_id")):
            box.currentIndexChanged.connect(lambda _i, box=box, field=field: (
                self.proxy.set_filter(**{field: box.currentData()})))
        self.review_button = QToolButton(checkable=True, autoRaise=True)
        self.review_button.setToolTip("Notes whose text changed in a new version of the "
                                      "documents: re-attach them to a new selection, or delete")
        self.review_button.toggled.connect(self._on_review)
        self.count_label = QLabel()
        self.count_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.list = rich_list(self.proxy, QAbstractItemView.SelectionMode.ExtendedSelection)
        self.delegate = NoteDelegate(self.model, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setMouseTracking(True)
        self.list.clicked.connect(lambda i: self._open(i, focus_reader=False))
        self.list.activated.connect(self._activated)
        self.hint = QLabel(EMPTY_HINT)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.hint.setContentsMargins(8, 8, 8, 8)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.hint)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)

        self.footer = QHBoxLayout()
        self.footer.setSpacing(2)
        status = QHBoxLayout()
        status.addWidget(self.count_label, 1)
        status.addWidget(self.review_button)
        status.addWidget(self.order_box)
        layout = pane_layout(self)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filter_row(self.color_box, self.tag_box, self.doc_box))
        layout.addLayout(status)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.footer)

    # data ----------------------------------------------------------------------------------

    def set_data(self, anns: list[Annotation], palette: list[Color], reading_order: list[str],
                 tags: list[tuple[str, int]], doc_names: dict[str, str]) -> None:
        """Show these annotations; the filter choices are refilled, the current ones kept."""
        keep = [a.id for a in self.selected()]
        self.model.set_annotations(anns, palette, reading_order)
        self.delegate.clear_cache()
        used = {a.color or NO_COLOR for a in anns}
        self._fill(self.color_box, "color", "All colours",
                   [(c.key, c.name, swatch(c.rgb)) for c in palette if c.key in used]
                   + ([(NO_COLOR, "No colour", swatch(None))] if NO_COLOR in used else []))
        self._fill(self.tag_box, "tag", "All tags", [(t, f"{t} ({n})", None) for t, n in tags])
        docs = {a.doc_id for a in anns}
        self._fill(self.doc_box, "doc_id", "All documents",
                   [(d, name, None) for d, name in doc_names.items() if d in docs])
        orphans = sum(a.orphaned for a in anns)
        self.review_button.setText(f"⚠ {orphans} to review")
        self.review_button.setVisible(orphans > 0 or self.review_button.isChecked())
        self._update_count()
        self.select_ids(keep)

    def _fill(self, box: QComboBox, field: str, all_label: str,
              entries: list[tuple[str, str, QIcon | None]]) -> None:
        if not refill(box, all_label, entries):  # the chosen value is gone: show everything
            self.proxy.set_filter(**{field: None})

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if self.proxy.orphans_only:
            text = f"{shown} to review"
        else:
            text = f"{total} note{'s' * (total != 1)}" if shown == total else \
                f"{shown} of {total} notes"
        self.count_label.setText(text)
        if total == 0 and not self.proxy.orphans_only:
            self.hint.setText(EMPTY_HINT)
            self.stack.setCurrentWidget(self.hint)
        elif shown == 0:
            self.hint.setText("No notes match the filter." if not self.proxy.orphans_only
                              else "Nothing to review.")
            self.stack.setCurrentWidget(self.hint)
        else:
            self.stack.setCurrentWidget(self.list)

    def _on_review(self, on: bool) -> None:
        self.proxy.set_filter(orphans_only=on)
        self.review_button.setVisible(on or any(a.orphaned for a in self.model.rows))
        self._update_count()

    # selection, activation ---------------------------------------------------------------

    def selected(self) -> list[Annotation]:
        rows = sorted(self.list.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(ANN_ROLE) for i in rows]

    def current(self) -> Annotation | None:
        index = self.list.currentIndex()
        return index.data(ANN_ROLE) if index.isValid() else None

    def select_ids(self, ids: list[str]) -> None:
        sm = self.list.selectionModel()
        for aid in ids:
            row = self.model.row_of(aid)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row))
                if index.isValid():
                    sm.select(index, sm.SelectionFlag.Select)
                    self.list.setCurrentIndex(index) if aid == ids[-1] else None

    def _open(self, index: QModelIndex, focus_reader: bool) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ANN_ROLE), focus_reader)

    def _activated(self, index: QModelIndex) -> None:
        self._open(index, focus_reader=True)
