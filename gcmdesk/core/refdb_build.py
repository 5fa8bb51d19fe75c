"""Build the reference database from the bundled corpus (``gcmdesk build-db``).

Deterministic: the same inputs give the same rows (only ``meta.built_at`` differs). The file is
written next to its destination and moved into place, so a reader never sees half a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from .corpus.cleaning import KerningRepair, collapse
from .corpus.model import ParsedDocument, Passage
from .corpus.objective_links import ObjectiveLinker
from .corpus.registry import DocumentSource, load_manifest, parser_for
from .paths import install_root

# Bump when the schema changes (db/reference-schema.sql) or when parsing changes its output:
# either makes every existing reference DB stale, and the app rebuilds it.
REFERENCE_SCHEMA_VERSION = 1
INGEST_VERSION = 1

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BuildInputs:
    resources: Path
    schema: Path

    @classmethod
    def bundled(cls) -> BuildInputs:
        root = install_root()
        return cls(root / "resources", root / "db" / "reference-schema.sql")

    @property
    def corpus_dir(self) -> Path:
        return self.resources / "corpus"

    def content_hash(self) -> str:
        """What the reference DB is derived from: data, rules, schema and parser versions."""
        h = hashlib.sha256(f"schema={REFERENCE_SCHEMA_VERSION};ingest={INGEST_VERSION}".encode())
        files = [self.schema, self.corpus_dir / "manifest.json",
                 self.resources / "gcm.json", self.resources / "objective-terms.json"]
        files += [src.path for src in load_manifest(self.corpus_dir)]
        for path in files:
            h.update(path.name.encode())
            h.update(path.read_bytes())
        return h.hexdigest()


def locator(p: Passage, seq: int) -> str:
    """How a citation points at a passage: 'para. 44', 'para. 4 (a)', 'para. 5, bullet 1'."""
    if p.locator:
        return p.locator
    n = p.number or ""
    patterns = [
        (r"^(\d+)$", "para. {0}"),
        (r"^(\d+)\s*\((\w+)\)$", "para. {0} ({1})"),
        (r"^(\d+)•(\d+)$", "para. {0}, bullet {1}"),
        (r"^•(\d+)$", "bullet {0}"),
        (r"^S(\d+)$", "summary, para. {0}"),
        (r"^T(\d+)$", "takeaway {0}"),
    ]
    for pattern, template in patterns:
        m = re.match(pattern, n)
        if m:
            return template.format(*m.groups())
    return n or f"passage {seq}"


def _shift_offsets(old: str, new: str, offsets: list[int]) -> list[int]:
    """Map offsets in ``old`` to ``new``, where ``new`` is ``old`` with some spaces removed."""
    mapping: dict[int, int] = {}
    wanted = set(offsets)
    j = 0
    for i, ch in enumerate(old):
        if i in wanted:
            mapping[i] = j
        if j < len(new) and new[j] == ch:
            j += 1
    return [mapping.get(o, len(new)) for o in offsets]


def _repair_kerning(parsed: ParsedDocument, repair: KerningRepair) -> None:
    for p in parsed.passages:
        new, log = repair.repair(p.text)
        if new != p.text:
            shifted = _shift_offsets(p.text, new, [r.offset for r in p.footnote_refs])
            for ref, offset in zip(p.footnote_refs, shifted, strict=True):
                ref.offset = offset
            p.text = new
            parsed.repairs.extend(f"{p.local_id}: {line}" for line in log)
    for r in parsed.recommendations:  # quoted from the passages: repaired the same way
        r.text = repair.repair(r.text)[0]
        r.title = repair.repair(r.title)[0] if r.title else r.title


def _document_row(src: DocumentSource, seq: int) -> dict[str, Any]:
    m = src.meta
    return {
        "id": m["id"], "doc_key": m["doc_key"], "seq": seq, "title": m["title"],
        "short_title": m["short_title"], "title_source": m.get("title_source"),
        "symbol": m.get("symbol"), "symbol_source": m.get("symbol_source"),
        "issuing_body": m["issuing_body"], "speaker": m.get("speaker"),
        "speaker_source": m.get("speaker_source"), "date": m["date"],
        "date_source": m.get("date_source"), "year": int(m["date"][:4]), "place": m.get("place"),
        "type": m["type"], "language": m["language"], "truncated": int(bool(m.get("truncated"))),
        "profile": m["profile"], "source_file": m["file"], "sha256": m["sha256"],
    }


class _Rows:
    """Accumulates the rows of every table, in a deterministic order."""

    def __init__(self, linker: ObjectiveLinker) -> None:
        self.linker = linker
        self.tables: dict[str, list[dict[str, Any]]] = {
            name: [] for name in (
                "documents", "sections", "passages", "footnotes", "passage_footnotes",
                "recommendations", "passage_objectives", "recommendation_objectives", "build_log",
            )
        }

    def add(self, src: DocumentSource, seq: int, parsed: ParsedDocument) -> None:
        doc = src.id
        cite_prefix = src.meta.get("symbol") or src.meta["short_title"]
        self.tables["documents"].append(_document_row(src, seq))
        for i, s in enumerate(parsed.sections, start=1):
            self.tables["sections"].append({
                "id": f"{doc}/{s.local_id}", "doc_id": doc,
                "parent_id": f"{doc}/{s.parent}" if s.parent else None,
                "seq": i, "level": s.level, "number": s.number, "title": s.title,
            })
        fn_ids = {f.number: f"{doc}/fn-{f.number}" for f in parsed.footnotes}
        for f in parsed.footnotes:
            self.tables["footnotes"].append({
                "id": fn_ids[f.number], "doc_id": doc, "number": f.number,
                "number_inferred": int(f.number_inferred), "text": f.text, "line": f.line,
            })
        citations: dict[str, str] = {}
        for i, p in enumerate(parsed.passages, start=1):
            pid = f"{doc}/{p.local_id}"
            citations[p.local_id] = f"{cite_prefix}, {locator(p, i)}"
            self.tables["passages"].append({
                "id": pid, "doc_id": doc,
                "section_id": f"{doc}/{p.section}" if p.section else None,
                "parent_id": f"{doc}/{p.parent}" if p.parent else None,
                "seq": i, "kind": p.kind, "number": p.number,
                "number_inferred": int(p.number_inferred), "title": p.title,
                "citation": citations[p.local_id], "text": p.text, "raw_text": p.raw_text,
                "line_start": p.line_start, "line_end": p.line_end, "page": p.page,
                "text_quality": p.text_quality,
                "text_sha1": hashlib.sha1(p.text.encode()).hexdigest(),
            })
            for ref in p.footnote_refs:
                if ref.number in fn_ids:
                    self.tables["passage_footnotes"].append(
                        {"passage_id": pid, "footnote_id": fn_ids[ref.number], "offset": ref.offset}
                    )
            if p.text_quality != "garbled_table":
                self._links("passage_objectives", "passage_id", pid, p.text)
        for i, r in enumerate(parsed.recommendations, start=1):
            rid = f"{doc}/rec-{r.list_id.lower()}-{r.number.lower()}"
            self.tables["recommendations"].append({
                "id": rid, "doc_id": doc, "seq": i, "list_id": r.list_id,
                "list_heading": collapse(r.list_heading), "number": r.number, "type": r.type,
                "status": r.status, "title": r.title, "text": r.text,
                "passage_id": f"{doc}/{r.passage}", "citation": citations[r.passage],
            })
            self._links("recommendation_objectives", "recommendation_id", rid, r.text)
        for kind, messages in (("warning", parsed.warnings), ("repair", parsed.repairs)):
            self.tables["build_log"] += [
                {"doc_id": doc, "kind": kind, "message": msg} for msg in messages
            ]
        self.tables["build_log"] += [
            {"doc_id": doc, "kind": "stripped", "message": f"{what}: {count}"}
            for what, count in sorted(parsed.stripped.items())
        ]

    def _links(self, table: str, key: str, item_id: str, text: str) -> None:
        self.tables[table] += [
            {key: item_id, "objective": link.objective, "method": link.method,
             "score": link.score, "evidence": link.evidence}
            for link in self.linker.links(text)
        ]


def parse_corpus(inputs: BuildInputs, progress: Progress | None = None
                 ) -> list[tuple[DocumentSource, ParsedDocument]]:
    """Parse every document of the manifest; kerning repair uses the whole corpus's words."""
    sources = load_manifest(inputs.corpus_dir)
    texts = [src.read() for src in sources]
    repair = KerningRepair(collapse(t) for t in texts)
    parsed_docs = []
    for i, (src, text) in enumerate(zip(sources, texts, strict=True)):
        if progress:
            progress(i, len(sources), f"Reading {src.meta['short_title']}")
        parsed = parser_for(src.meta)(text)
        if src.meta["profile"] == "A":  # kerning splits are a PDF-extraction artefact
            _repair_kerning(parsed, repair)
        parsed_docs.append((src, parsed))
    return parsed_docs


def build_reference_db(out: Path, inputs: BuildInputs | None = None,
                       progress: Progress | None = None) -> Path:
    """Build the reference DB at ``out`` (replacing it atomically) and return its path."""
    inputs = inputs or BuildInputs.bundled()
    content_hash = inputs.content_hash()
    linker = ObjectiveLinker(inputs.resources / "objective-terms.json")
    rows = _Rows(linker)
    for seq, (src, parsed) in enumerate(parse_corpus(inputs, progress), start=1):
        rows.add(src, seq, parsed)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite_utils.Database(tmp)
        db.executescript(inputs.schema.read_text(encoding="utf-8"))
        gcm = json.loads((inputs.resources / "gcm.json").read_text(encoding="utf-8"))
        db["objectives"].insert_all(
            {"number": o["number"], "title": o["title"]} for o in gcm["objectives"])
        db["guiding_principles"].insert_all(
            {"number": g["number"], "title": g["title"]} for g in gcm["guiding_principles"])
        for table, table_rows in rows.tables.items():
            if table_rows:
                db[table].insert_all(table_rows, batch_size=500)
        db["meta"].insert_all([
            {"key": "schema_version", "value": str(REFERENCE_SCHEMA_VERSION)},
            {"key": "ingest_version", "value": str(INGEST_VERSION)},
            {"key": "content_hash", "value": content_hash},
            {"key": "built_at", "value": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            {"key": "gcm_source", "value": gcm["source"]},
        ])
        db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, shippable as is
        db.conn.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    if progress:
        progress(1, 1, "Reference database built")
    return out
