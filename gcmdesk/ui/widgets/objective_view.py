"""The objective view: an objective's number and title, then everything linked to it by document."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from ...core.refdb import Passage, Recommendation, ReferenceDB
from ..theme import colors, reader_css
from .reader import center_column
from .reader_html import OBJECTIVE_SCHEME, PASSAGE_SCHEME, objective_chips

EXCERPT_CHARS = 420


def _excerpt(text: str) -> str:
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, EXCERPT_CHARS)
    return text[:cut if cut > 0 else EXCERPT_CHARS] + " …"


def render_objective(ref: ReferenceDB, number: int) -> str:
    o = ref.objective(number)
    passages = ref.passages_for_objective(number)
    recs = ref.recommendations(objective=number)
    docs = ref.documents()
    out = [f'<p class="meta">GCM objective {o.number}</p>',
           f"<h1>{escape(o.title)}</h1>",
           f'<p class="meta">{len(passages)} linked passage{"s" * (len(passages) != 1)} and '
           f'{len(recs)} recommendation{"s" * (len(recs) != 1)} across the documents</p>']
    if not passages and not recs:
        out.append('<p class="note">No passage or recommendation in these documents is linked '
                   "to this objective.</p>")
    for d in docs:
        dp = [p for p in passages if p.doc_id == d.id]
        dr = [r for r in recs if r.doc_id == d.id]
        if not dp and not dr:
            continue
        out.append(f"<h2>{escape(d.short_title)}</h2>")
        out.append(f'<p class="meta">{escape(" · ".join(x for x in (d.symbol, d.date) if x))}'
                   "</p>")
        if dp:
            out.append(f"<h4>Passages ({len(dp)})</h4>")
            out.extend(_passage_item(p, number) for p in dp)
        if dr:
            out.append(f"<h4>Recommendations ({len(dr)})</h4>")
            out.extend(_rec_item(r) for r in dr)
    return "".join(out)


def _item(href: str, citation: str, text: str, extra: str = "", after: str = "") -> str:
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom: 12px;">'
            f'<tr><td width="14"></td><td>'
            f'<p><a href="{href}"><b>{escape(citation)}</b></a>{extra}</p>'
            f'<p class="text">{escape(_excerpt(text))}</p>{after}</td></tr></table>')


def _passage_item(p: Passage, number: int) -> str:
    links = [o for o in p.objectives if o.objective == number]
    how = f' <span class="kind">· {escape(links[0].method)} link</span>' if links else ""
    others = [o for o in p.objectives if o.objective != number]
    after = ""
    if others:
        after = f'<p class="chips">Also {objective_chips(replace(p, objectives=tuple(others)))}</p>'
    return _item(f"{PASSAGE_SCHEME}{p.id}", p.citation, p.text, how, after)


def _rec_item(r: Recommendation) -> str:
    head = f" — {r.list_heading}, no. {r.number}"
    return _item(f"{PASSAGE_SCHEME}{r.passage_id}", r.citation, r.title or r.text,
                 f' <span class="kind">{escape(head)}</span>')


class ObjectiveView(QTextBrowser):
    passage_requested = Signal(str)
    objective_requested = Signal(int)
    message = Signal(str)

    def __init__(self, ref: ReferenceDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.number: int | None = None
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setDocumentMargin(28)
        self.document().setDefaultStyleSheet(reader_css(colors(self.palette())))
        self.anchorClicked.connect(self._on_link)

    def show_objective(self, number: int) -> None:
        self.number = number
        self.setHtml(render_objective(self.ref, number))
        center_column(self)
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        center_column(self)

    def passage_links(self) -> list[str]:
        """The passage ids this view links to, in order (for tests and keyboard use)."""
        ids, block = [], self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                href = it.fragment().charFormat().anchorHref()
                if href.startswith(PASSAGE_SCHEME) and (not ids or ids[-1] != href):
                    ids.append(href)
                it += 1
            block = block.next()
        return [h.removeprefix(PASSAGE_SCHEME) for h in ids]

    def set_font_size(self, pt: float) -> None:
        font = self.font()
        font.setPointSizeF(pt)
        self.document().setDefaultFont(font)
        center_column(self)

    def _on_link(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith(PASSAGE_SCHEME):
            self.passage_requested.emit(href.removeprefix(PASSAGE_SCHEME))
        elif href.startswith(OBJECTIVE_SCHEME):
            self.objective_requested.emit(int(href.removeprefix(OBJECTIVE_SCHEME)))
        else:
            self.message.emit("gcmdesk works offline: links to the web are not opened.")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.document().setDefaultStyleSheet(reader_css(colors(self.palette())))
            if self.number is not None:
                self.show_objective(self.number)

    def loadResource(self, type_: int, name: QUrl) -> object:
        return None
