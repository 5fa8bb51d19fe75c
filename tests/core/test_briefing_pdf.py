"""PDF export, checked on real files with poppler (pdftotext, pdfinfo, pdffonts), qpdf, pypdf."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from gcmdesk.core.briefing import BriefingStore
from gcmdesk.core.errors import InvalidInput
from gcmdesk.core.export.fonts import missing_glyphs
from gcmdesk.core.export.pdf import ExportCancelled, export_briefing_pdf
from gcmdesk.core.library import Library
from tests.core.briefing_helpers import (
    add_annotation,
    pdf_fonts,
    pdf_info,
    pdf_text,
    run,
    squash,
)

ITEMS = ["a-72-643/para-44", "a-72-643/rec-r1-a", "objective:13",
         "marrakech-2018-background-note/para-15-item-1", "un-network-2021-migrants-day/p-4"]
HOSTILE = '<a href="javascript:alert(1)">x</a> <img src="/etc/passwd"/> R&D <b>bold</b>'
NOTES = {
    "fr": "Noter l’élan: « coopération régionale » à Genève, œuvre collective.",
    "es": "Señalar la cooperación — niños, niñas y adolescentes; ¿qué opinan?",
    "ru": "Глобальный договор о безопасной, упорядоченной и легальной миграции",
    "el": "Παγκόσμιο Σύμφωνο για την ασφαλή, εύρυθμη και νόμιμη μετανάστευση",
    "ar": "الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية",
    "zh": "安全、有序和正常移民全球契约",
}


@pytest.fixture
def store(library: Library) -> BriefingStore:
    return library.briefings


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


def make(store: BriefingStore, refs: list[str], **fields: str) -> int:
    b = store.create_briefing(fields.pop("title", "Alternatives to detention"),
                              meeting=fields.pop("meeting", "IMRF 2026, round table 2"),
                              date="2026-05-05", author="Delegation of Ruritania", **fields)
    store.add_items(b.id, refs)
    return b.id


def export(store: BriefingStore, bid: int, out: Path, **kw: object) -> Path:
    return export_briefing_pdf(store.load(bid), out, **kw)  # type: ignore[arg-type]


def test_text_holds_title_quotes_citations_in_order_and_notes(
        store: BriefingStore, library: Library, tmp_path: Path) -> None:
    ann = add_annotation(library, "a-72-643/para-45", note="Quote this in the round table.",
                         color="green", tags=("detention",))
    bid = make(store, [*ITEMS, ann])
    items = store.layout(bid).items
    store.set_comment(items[0].id, "- Detention only as a last resort\n- Ask for data")
    pdf = export(store, bid, tmp_path / "b.pdf")
    text = pdf_text(pdf)
    assert "Alternatives to detention" in text and "IMRF 2026, round table 2" in text
    assert "Delegation of Ruritania" in text and "5 May 2026" in text
    resolved = store.load(bid).items
    at = text.index("CONTENTS")
    for item in resolved:
        at = text.index(squash(item.citation), at)
        at = text.index(squash(item.text)[:80], at)
    assert "Quote this in the round table." in text and "Tags: detention" in text
    assert "Detention only as a last resort" in text and "Ask for data" in text
    assert text.rindex("Annex: Sources") > at
    for doc in ("Making migration work for all: Report of the Secretary-General", "A/72/643",
                "A/RES/73/195", "12 December 2017"):
        assert doc in text[text.rindex("Annex: Sources"):]


def test_metadata_pages_fonts_and_structure(store: BriefingStore, tmp_path: Path) -> None:
    pdf = export(store, make(store, ITEMS), tmp_path / "b.pdf")
    info = pdf_info(pdf)
    assert info["Title"] == "Alternatives to detention"
    assert info["Author"] == "Delegation of Ruritania"
    assert info["Subject"] == "IMRF 2026, round table 2"
    assert "Objective 13" in info["Keywords"] and info["Page size"].endswith("(A4)")
    pages = int(info["Pages"])
    text = pdf_text(pdf)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count("FOR INTERNAL USE") == pages  # the classification on every page
    run("qpdf", "--check", str(pdf))
    fonts = pdf_fonts(pdf)
    assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
    assert {"LiberationSerif", "LiberationSans-Bold"} <= {f["name"].split("+")[-1]
                                                          for f in fonts}
    outline = [o.title for o in PdfReader(pdf).outline if not isinstance(o, list)]
    assert outline[0].startswith("Objective") or outline[0] == "Key references"
    assert outline[-1] == "Annex: Sources"


def test_letter_paper(store: BriefingStore, tmp_path: Path) -> None:
    bid = make(store, ITEMS[:2])
    assert pdf_info(export(store, bid, tmp_path / "a.pdf", paper="Letter"))[
        "Page size"].endswith("(letter)")
    store.update_briefing(bid, paper_size="Letter")
    assert "letter" in pdf_info(export(store, bid, tmp_path / "b.pdf"))["Page size"]


def test_markup_in_user_text_prints_literally_and_injects_nothing(
        store: BriefingStore, library: Library, tmp_path: Path) -> None:
    ann = add_annotation(library, "a-72-643/para-44", note=HOSTILE)
    bid = make(store, [ann], title="R&D <i>briefing</i>", meeting="<font size=40>M</font>")
    store.set_comment(store.layout(bid).items[0].id, HOSTILE)
    pdf = export(store, bid, tmp_path / "b.pdf")
    text = pdf_text(pdf)
    assert text.count(HOSTILE) == 2
    assert "R&D <i>briefing</i>" in text and "<font size=40>M</font>" in text
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            assert "/URI" not in action and "/JS" not in action, action
    run("qpdf", "--check", str(pdf))


def test_european_arabic_and_chinese_notes(store: BriefingStore, library: Library,
                                           tmp_path: Path) -> None:
    anns = [add_annotation(library, "a-72-643/para-44", note=n) for n in NOTES.values()]
    pdf = export(store, make(store, anns), tmp_path / "b.pdf")
    text = pdf_text(pdf)
    for lang in ("fr", "es", "ru", "el", "zh"):
        assert squash(NOTES[lang]) in text, lang
    assert all(word in text for word in squash(NOTES["ar"]).split())  # shaped, RTL
    names = {f["name"].split("+")[-1] for f in pdf_fonts(pdf)}
    assert {"DejaVuSans", "DroidSansFallback"} <= names
    for note in NOTES.values():
        assert missing_glyphs(note, "sans") == set()
        assert missing_glyphs(note, "serif-bold") == set()


def test_200_items_export(store: BriefingStore, library: Library, tmp_path: Path) -> None:
    ids = [p.id for d in library.ref.documents() for p in library.ref.passages(d.id)][:200]
    assert len(ids) == 200
    bid = make(store, ids)
    store.group_by_objective(bid)
    seen: list[tuple[int, int]] = []
    pdf = export(store, bid, tmp_path / "big.pdf",
                 progress=lambda done, total, _: seen.append((done, total)))
    assert int(pdf_info(pdf)["Pages"]) > 20
    run("qpdf", "--check", str(pdf))
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and seen[-1][0] == seen[-1][1]


def test_empty_briefing_is_refused(store: BriefingStore, out_dir: Path) -> None:
    b = store.create_briefing("Nothing yet")
    with pytest.raises(InvalidInput, match="has no items yet"):
        export(store, b.id, out_dir / "e.pdf")
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("when", [0, 40])
def test_cancel_leaves_no_file(store: BriefingStore, out_dir: Path, when: int) -> None:
    old = out_dir / "b.pdf"
    old.write_bytes(b"previous export")
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if done >= when:
            cancel.set()

    with pytest.raises(ExportCancelled):
        export(store, make(store, ITEMS), old, progress=progress, cancel=cancel)
    assert [p.name for p in out_dir.iterdir()] == ["b.pdf"]
    assert old.read_bytes() == b"previous export"


def test_bad_targets(store: BriefingStore, tmp_path: Path) -> None:
    bid = make(store, ITEMS[:1])
    with pytest.raises(InvalidInput, match="does not exist"):
        export(store, bid, tmp_path / "no" / "b.pdf")
    with pytest.raises(InvalidInput, match="is a folder"):
        export(store, bid, tmp_path)


def test_write_failure_is_a_clear_error_and_leaves_nothing(tmp_path: Path,
                                                           reference_db: Path) -> None:
    """A real failed write: a file-size limit (like a full disk) in a child process."""
    code = f"""
import resource, signal, sys
from pathlib import Path
from gcmdesk.core.briefing import BriefingStore
from gcmdesk.core.errors import DataError
from gcmdesk.core.export.pdf import export_briefing_pdf
from gcmdesk.core.library import Library
lib = Library.open({str(tmp_path / 'data')!r}, reference_db=Path({str(reference_db)!r}))
store = BriefingStore(lib.user, lib.ref)
b = store.create_briefing("Big")
store.add_items(b.id, {ITEMS!r})
rb = store.load(b.id)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
try:
    export_briefing_pdf(rb, {str(tmp_path / 'out' / 'b.pdf')!r})
except DataError as exc:
    print(exc)
    sys.exit(3)
"""
    (tmp_path / "out").mkdir()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout.startswith("Cannot write ") and "Nothing was saved" in proc.stdout
    assert list((tmp_path / "out").iterdir()) == []


def test_export_in_a_worker_thread(store: BriefingStore, out_dir: Path) -> None:
    """As the GUI runs it: resolved on the GUI thread, rendered and written on a worker."""
    rb = store.load(make(store, ITEMS))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            export_briefing_pdf(rb, out_dir / "t.pdf")
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert not errors and (out_dir / "t.pdf").stat().st_size > 10_000
    assert (out_dir / "t.pdf").stat().st_mode & 0o777 != 0o600  # not mkstemp's private mode
