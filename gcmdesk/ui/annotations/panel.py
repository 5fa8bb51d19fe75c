"""The notes panel: every annotation with its quote, note, tags, citation and date; filters.

UI only: it shows what :meth:`NotesPanel.set_data` gives it and emits what the user asks for
(open, edit, delete, re-attach); :mod:`.controller` does the rest.
"""

from __future__ import annotations

import time
from html import escape

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.annotations import Annotation, Color
from ..theme import colors
from .dialogs import swatch
from .model import ANN_ROLE, NO_COLOR, AnnotationsFilter, AnnotationsModel, _Index

PAD, BAR = 8, 4
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


class NoteDelegate(QStyledItemDelegate):
    """A colour bar, then citation · colour · date, the quote, the note and the tags."""

    def __init__(self, model: AnnotationsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._cache: dict[tuple[str, str, int, str, str], QTextDocument] = {}

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

    def _document(self, a: Annotation, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        base = option.palette.base().color().name()
        key = (a.id, a.modified, width, self.model.color_name(a), base)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > 1000:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(option.font)
            doc.setHtml(self.html(a, option.palette))
            doc.setTextWidth(max(width - 2 * PAD - BAR, 60))
            self._cache[key] = doc
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        a: Annotation = index.data(ANN_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        c = colors(opt.palette)
        painter.save()
        if opt.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(opt.rect, c.focus_bg)
        elif opt.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(opt.rect, c.note_bg)
        color = self.model.colors.get(a.color or "")
        bar = QColor(color.rgb) if color else c.rule
        painter.fillRect(opt.rect.left(), opt.rect.top() + 2, BAR, opt.rect.height() - 4, bar)
        painter.translate(opt.rect.left() + BAR + PAD, opt.rect.top() + PAD)
        doc = self._document(a, opt.rect.width(), opt)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text))
        ctx.clip = QRectF(0, 0, opt.rect.width() - 2 * PAD - BAR, opt.rect.height() - 2 * PAD)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        painter.save()
        painter.setPen(c.rule)
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        a: Annotation = index.data(ANN_ROLE)
        width = option.rect.width() if option.rect.width() > 0 else 320
        if option.widget is not None:
            width = option.widget.viewport().width()  # type: ignore[attr-defined]
        doc = self._document(a, width, option)
        return QSize(width, int(doc.size().height()) + 2 * PAD + 1)


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
        self.color_box, self.tag_box, self.doc_box = QComboBox(), QComboBox(), QComboBox()
        self.order_box = QComboBox()
        self.order_box.addItems(["Newest first", "Reading order"])
        self.order_box.currentIndexChanged.connect(lambda i: self.proxy.set_reading_order(i == 1))
        for box, field, tip in ((self.color_box, "color", "Only this colour"),
                                (self.tag_box, "tag", "Only this tag"),
                                (self.doc_box, "doc_id", "Only this document")):
            box.setToolTip(tip)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(5)
            box.currentIndexChanged.connect(lambda _i, box=box, field=field: (
                self.proxy.set_filter(**{field: box.currentData()})))
        self.review_button = QToolButton(checkable=True, autoRaise=True)
        self.review_button.setToolTip("Notes whose text changed in a new version of the "
                                      "documents: re-attach them to a new selection, or delete")
        self.review_button.toggled.connect(self._on_review)
        self._orphans = 0
        self.count_label = QLabel()
        self.count_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.list = QListView()
        self.list.setModel(self.proxy)
        self.delegate = NoteDelegate(self.model, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
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
        combos = QHBoxLayout()
        combos.setSpacing(6)
        for box in (self.color_box, self.tag_box, self.doc_box):
            combos.addWidget(box, 1)
        status = QHBoxLayout()
        status.addWidget(self.count_label, 1)
        status.addWidget(self.review_button)
        status.addWidget(self.order_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addLayout(combos)
        layout.addLayout(status)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.footer)

    # data ----------------------------------------------------------------------------------

    def set_data(self, anns: list[Annotation], palette: list[Color], reading_order: list[str],
                 tags: list[tuple[str, int]], doc_names: dict[str, str]) -> None:
        """Show these annotations; the filter choices are refilled, the current ones kept."""
        keep = [a.id for a in self.selected()]
        self.model.set_annotations(anns, palette, reading_order)
        self.delegate._cache.clear()
        used = {a.color or NO_COLOR for a in anns}
        self._fill(self.color_box, "All colours",
                   [(c.key, c.name, c.rgb) for c in palette if c.key in used]
                   + ([(NO_COLOR, "No colour", None)] if NO_COLOR in used else []), icons=True)
        self._fill(self.tag_box, "All tags", [(t, f"{t} ({n})", None) for t, n in tags])
        docs = {a.doc_id for a in anns}
        self._fill(self.doc_box, "All documents",
                   [(d, name, None) for d, name in doc_names.items() if d in docs])
        orphans = sum(a.orphaned for a in anns)
        self.review_button.setText(f"⚠ {orphans} to review")
        self._orphans = orphans
        self.review_button.setVisible(orphans > 0 or self.review_button.isChecked())
        self._update_count()
        self.select_ids(keep)

    def _fill(self, box: QComboBox, all_label: str,
              entries: list[tuple[str, str, str | None]], icons: bool = False) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(all_label, None)
        for value, label, rgb in entries:
            box.addItem(swatch(rgb), label, value) if icons else box.addItem(label, value)
        i = box.findData(keep) if keep is not None else 0
        box.setCurrentIndex(max(i, 0))
        box.blockSignals(False)
        if keep is not None and i < 0:  # the chosen value is gone: show everything again
            self.proxy.set_filter(**{self._field(box): None})

    def _field(self, box: QComboBox) -> str:
        return {id(self.color_box): "color", id(self.tag_box): "tag"}.get(id(box), "doc_id")

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
        self.review_button.setVisible(on or self._orphans > 0)
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

    def index_of(self, annotation_id: str) -> QModelIndex:
        row = self.model.row_of(annotation_id)
        return self.proxy.mapFromSource(self.model.index(row)) if row >= 0 else QModelIndex()

    def _open(self, index: QModelIndex, focus_reader: bool) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ANN_ROLE), focus_reader)

    def _activated(self, index: QModelIndex) -> None:
        self._open(index, focus_reader=True)
