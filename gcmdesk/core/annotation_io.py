"""Annotation files: W3C Web Annotation JSON-LD (to share), Markdown and CSV (to read).

The W3C shape itself is in :mod:`.annotation_w3c`. Import reads and validates the whole file
before writing anything, then merges it in one transaction: all or nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .anchoring import ANCHORED
from .annotation_model import Annotation
from .annotation_w3c import export_w3c, parse_items
from .annotations import AnnotationStore
from .errors import InvalidInput
from .userdb import now_iso

MAX_IMPORT_BYTES = 20 * 1024 * 1024
FORMATS = ("w3c", "md", "csv")


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


# Markdown and CSV --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|~])")


def md_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup, so ``<b>&amp;</b>`` shows as is."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_lines(text: str, lead: str = "") -> str:
    return "  \n".join(lead + md_escape(line) for line in text.split("\n"))


def export_markdown(store: AnnotationStore, anns: list[Annotation]) -> str:
    names = {c.key: c.name for c in store.colors()}
    titles = {d.id: d.title for d in store.ref.documents()}
    out = [f"# Annotations\n\n{len(anns)} annotation(s), exported {now_iso()[:10]} by "
           f"{md_escape(store.display_name())}.\n"]
    current = None
    for a in anns:
        if a.doc_id != current:
            current = a.doc_id
            out.append(f"## {md_escape(titles.get(a.doc_id, a.doc_id))}\n")
        label = names.get(a.color or "", "Note")
        out.append(f"### {md_escape(a.citation or a.passage_id)} — {md_escape(label)}\n")
        if a.quote:
            out.append(_md_lines(a.quote, "> ") + "\n")
        else:
            out.append("*(whole passage)*\n")
        if a.note:
            out.append(_md_lines(a.note) + "\n")
        meta = [f"Tags: {md_escape(', '.join(a.tags))}"] if a.tags else []
        meta += [md_escape(a.creator), a.modified[:10]]
        if a.anchor_status != ANCHORED:
            meta.append(f"**{a.anchor_status}**")
        out.append(" · ".join(meta) + "\n")
    return "\n".join(out)


CSV_COLUMNS = ("id", "document", "passage_id", "citation", "color", "color_name", "quote",
               "note", "tags", "creator", "created", "modified", "anchor_status")


def _cell(value: str) -> str:
    # A cell starting with = + @ is run as a formula by spreadsheets: make it plain text.
    return "'" + value if value[:1] in ("=", "+", "@", "\t", "\r") else value


def export_csv(store: AnnotationStore, anns: list[Annotation]) -> str:
    names = {c.key: c.name for c in store.colors()}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in anns:
        row = (a.id, a.doc_id, a.passage_id, a.citation or "", a.color or "",
               names.get(a.color or "", ""), a.quote, a.note, "; ".join(a.tags), a.creator,
               a.created, a.modified, a.anchor_status)
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


def export_file(store: AnnotationStore, anns: list[Annotation], fmt: str, path: Path) -> None:
    """Write ``anns`` to ``path`` in ``fmt`` (w3c, md or csv), atomically."""
    if fmt == "w3c":
        text = json.dumps(export_w3c(store, anns), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        text = export_markdown(store, anns)
    elif fmt == "csv":
        text = export_csv(store, anns)
    else:
        raise InvalidInput(f"Unknown export format '{fmt}': use one of {', '.join(FORMATS)}.")
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"  # the BOM tells Excel it is UTF-8
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(text, encoding=encoding, newline="")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write {path}: {exc.strerror or exc}.") from exc


# import ------------------------------------------------------------------------------------


def read_json(path: Path) -> Any:
    """The file's JSON, or one clear InvalidInput (too big, not UTF-8, not JSON)."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise InvalidInput(f"{path.name} is {size / 2**20:.0f} MB; an annotation file may "
                               f"be at most {MAX_IMPORT_BYTES // 2**20} MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path.name} is not UTF-8 text (byte {exc.start}).") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path.name} is not valid JSON (line {exc.lineno}, column "
                           f"{exc.colno}: {exc.msg}).") from exc
    except RecursionError as exc:
        raise InvalidInput(f"{path.name} is nested too deeply to be an annotation file.") from exc


def import_file(store: AnnotationStore, path: Path) -> ImportReport:
    """Validate every annotation in ``path``, then merge them all in one transaction."""
    items = parse_items(read_json(path), store)
    counts = store.merge(items)
    return ImportReport(**counts)
