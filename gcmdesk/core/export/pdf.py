"""Export a briefing to PDF (ReportLab platypus), in the background if the caller wishes.

``export_briefing_pdf`` reports ``progress(done, total, message)``, stops soon after ``cancel``
is set, and writes atomically: the PDF is built in memory, written to a temporary file next to
the target and renamed over it, so a cancelled or failed export leaves no file behind.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ... import __version__
from ..briefing_content import ResolvedBriefing
from ..errors import DataError, GcmdeskError, InvalidInput
from .fonts import font_name, markup, register_fonts
from .pdf_story import human_date, story
from .pdf_styles import (
    LIGHT_GREY,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZES,
    UN_BLUE,
    para,
)

Progress = Callable[[int, int, str], None]


class ExportCancelled(GcmdeskError):
    def __init__(self) -> None:
        super().__init__("Export cancelled; no file was written.")


def _no_progress(done: int, total: int, message: str) -> None:
    pass


class _Progress:
    """Steps: one per item while the story is made, then one per flowable in each layout pass.

    ``multiBuild`` lays the document out twice or more (page numbers in the contents); the
    count never goes back and stops short of ``total`` until the file is written.
    """

    def __init__(self, report: Progress, cancel: threading.Event | None, items: int) -> None:
        self.report, self.cancel, self.items = report, cancel, items
        self.flowables = 1
        self.total = items + 2 * self.flowables
        self.done = 0

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ExportCancelled

    def step(self, done: int, message: str) -> None:
        self.check()
        self.done = max(self.done, min(done, self.total - 1))
        self.report(self.done, self.total, message)

    def finish(self, message: str) -> None:
        self.done = self.total
        self.report(self.total, self.total, message)


class BriefingDocTemplate(BaseDocTemplate):
    """Running header and footer, contents entries and the PDF outline from tagged flowables."""

    def __init__(self, buffer: io.BytesIO, rb: ResolvedBriefing, pagesize: tuple[float, float],
                 progress: _Progress) -> None:
        b = rb.briefing
        keywords = ["Global Compact for Migration", "GCM", "briefing",
                    *(o.label for o in rb.objectives)]
        super().__init__(
            buffer, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=b.title,
            author=b.author or "gcmdesk", subject=b.meeting or "Briefing on the Global Compact "
            "for Safe, Orderly and Regular Migration", keywords=keywords,
            creator=f"gcmdesk {__version__}", lang="en", displayDocTitle=True,
            # not ReportLab's default Helvetica, a font the PDF would not embed
            initialFontName=font_name("sans"))
        self.rb, self.progress = rb, progress
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._header)])
        self._pass = 0
        self._count = 0

    def beforeDocument(self) -> None:
        self._pass += 1
        self._count = 0
        self._seen_keys: set[str] = set()
        self.canv.setPageCompression(1)

    def afterFlowable(self, flowable: Flowable) -> None:
        self._count += 1
        p = self.progress
        if self._pass == 1:
            p.flowables = max(p.flowables, self._count)
            p.total = p.items + 2 * p.flowables
        p.step(p.items + min(self._pass - 1, 1) * p.flowables + self._count,
               f"Laying out pages (pass {self._pass})")
        tag = getattr(flowable, "_gcm_outline", None)
        if tag is None:
            return
        level, title, key, toc = tag
        if key in self._seen_keys:  # a split flowable is reported once per piece
            return
        self._seen_keys.add(key)
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level == 0)
        if toc:
            self.notify("TOCEntry", (level, markup(title, "serif"), self.page, key))

    def _header(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Classification on every page; the title too from page 2 on."""
        width, height = self.pagesize
        top = height - MARGIN_TOP + 9 * mm
        room = width - 2 * MARGIN_X
        canv.saveState()
        classification = self.rb.briefing.classification.upper()
        used = draw_line(canv, classification, MARGIN_X, top, room, "classification")
        if canv.getPageNumber() > 1:
            draw_line(canv, self.rb.briefing.title, MARGIN_X, top, room - used - 24, "header")
            canv.setStrokeColor(LIGHT_GREY)
            canv.setLineWidth(0.5)
            canv.line(MARGIN_X, top - 5, width - MARGIN_X, top - 5)
        else:
            canv.setFillColor(UN_BLUE)
            canv.rect(0, height - 5 * mm, width, 5 * mm, stroke=0, fill=1)
        canv.restoreState()


def draw_line(canv: Canvas, text: str, x: float, baseline: float, room: float, style: str
              ) -> float:
    """One line of user text at ``baseline`` (right-aligned styles end at ``x + room``), with
    font fallbacks (a canvas string would print Arabic or Chinese as boxes), cut with an
    ellipsis to fit. Returns the width used."""
    cut = text
    while True:
        p = para(cut, style)
        p.wrap(room, 1000)
        if len(p.blPara.lines) <= 1 or len(cut) <= 2:
            break
        cut = cut[:max(1, int(len(cut) * 0.9) - 1)].rstrip() + "…"
    used = min(room, max(p.getActualLineWidths0() or [0]))
    p.drawOn(canv, x, baseline - p.height + p.style.fontSize)
    return used


def _numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas that holds pages back until the end, to print "Page X of Y" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            y = MARGIN_BOTTOM - 11 * mm
            self.saveState()
            number = draw_line(self, f"Page {self._pageNumber} of {total}", MARGIN_X, y,
                               width - 2 * MARGIN_X, "footer-right")
            draw_line(self, footer_left, MARGIN_X, y, width - 2 * MARGIN_X - number - 24,
                      "header")
            self.restoreState()

    return NumberedCanvas


def render_pdf(rb: ResolvedBriefing, paper: str | None = None,
               progress: Progress | None = None, cancel: threading.Event | None = None
               ) -> bytes:
    """The PDF of a resolved briefing, as bytes."""
    steps = _Progress(progress or _no_progress, cancel, len(rb.items))
    data = _render(rb, paper, steps)
    steps.finish("Done")
    return data


def _render(rb: ResolvedBriefing, paper: str | None, steps: _Progress) -> bytes:
    if not rb.items:
        raise InvalidInput(f"The briefing '{rb.briefing.title}' has no items yet; add passages, "
                           "recommendations or objectives before exporting it.")
    paper = paper or rb.briefing.paper_size
    if paper not in PAGE_SIZES:
        raise InvalidInput(f"Paper size must be one of {', '.join(PAGE_SIZES)}, not '{paper}'.")
    register_fonts()
    steps.step(0, "Preparing the briefing")
    buffer = io.BytesIO()
    doc = BriefingDocTemplate(buffer, rb, PAGE_SIZES[paper], steps)
    flowables = story(rb, doc.width, lambda n: steps.step(n, f"Preparing item {n}"))
    b = rb.briefing
    footer = " · ".join(x for x in (b.meeting, human_date(b.date)) if x) or b.title
    doc.multiBuild(flowables, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()


def export_briefing_pdf(rb: ResolvedBriefing, target: str | os.PathLike[str],
                        paper: str | None = None, progress: Progress | None = None,
                        cancel: threading.Event | None = None) -> Path:
    """Write the briefing's PDF to ``target`` atomically; returns the path written.

    Raises InvalidInput (empty briefing, bad folder), DataError (disk full, no permission) or
    ExportCancelled; in every such case nothing is left at ``target`` or beside it. The last
    progress report, ``(total, total, …)``, comes once the file is in place.
    """
    path = Path(target).expanduser()
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name such as briefing.pdf.")
    if not path.parent.is_dir():
        raise InvalidInput(f"The folder {path.parent} does not exist.")
    steps = _Progress(progress or _no_progress, cancel, len(rb.items))
    data = _render(rb, paper, steps)
    steps.check()
    _write_atomically(path, data)
    steps.finish(f"Saved {path.name}")
    return path


def _file_mode(path: Path) -> int:
    """The mode a plainly created file would get (mkstemp's is 0600): keep an existing file's."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _write_atomically(path: Path, data: bytes) -> None:
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.chmod(tmp, _file_mode(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except PermissionError as exc:
        raise DataError(f"Cannot write {path}: permission denied. Choose another folder.") from exc
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise DataError(f"Cannot write {path}: {reason}. Nothing was saved.") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
