"""Read-only access to the reference database: documents, passages, objectives, recommendations."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError, NotFound
from .refdb_build import REFERENCE_SCHEMA_VERSION


@dataclass(frozen=True)
class Document:
    id: str
    symbol: str | None
    title: str
    short_title: str
    date: str
    year: int
    type: str
    issuing_body: str
    language: str
    doc_key: str
    source_file: str
    sha256: str
    speaker: str | None = None
    place: str | None = None
    truncated: bool = False
    provenance: dict[str, str | None] = field(default_factory=dict)

    @property
    def cite_name(self) -> str:
        """What a citation starts with: the UN symbol, else the short title."""
        return self.symbol or self.short_title

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Section:
    id: str
    doc_id: str
    parent_id: str | None
    level: int
    number: str | None
    title: str

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Footnote:
    id: str
    number: int
    text: str
    offset: int | None = None  # where its marker stands in the citing passage's text


@dataclass(frozen=True)
class ObjectiveLink:
    objective: int
    title: str
    method: str
    score: float
    evidence: str


@dataclass(frozen=True)
class Passage:
    id: str
    doc_id: str
    section_id: str | None
    parent_id: str | None
    seq: int
    kind: str
    number: str | None
    title: str | None
    citation: str
    text: str
    text_quality: str
    page: int | None
    text_sha1: str
    footnotes: tuple[Footnote, ...] = ()
    objectives: tuple[ObjectiveLink, ...] = ()

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["footnotes"] = [asdict(f) for f in self.footnotes]
        d["objectives"] = [asdict(o) for o in self.objectives]
        return d


@dataclass(frozen=True)
class Recommendation:
    id: str
    doc_id: str
    list_id: str
    list_heading: str
    number: str
    type: str
    status: str
    title: str | None
    text: str
    passage_id: str
    citation: str
    objectives: tuple[ObjectiveLink, ...] = ()

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["doc"] = self.doc_id
        d["list"] = self.list_heading
        d["objectives"] = [o.objective for o in self.objectives]
        d["objective_links"] = [asdict(o) for o in self.objectives]
        return d


@dataclass(frozen=True)
class Objective:
    number: int
    title: str
    passage_count: int = 0
    recommendation_count: int = 0


_PASSAGE_COLS = ("id, doc_id, section_id, parent_id, seq, kind, number, title, citation, text, "
                 "text_quality, page, text_sha1")


class ReferenceDB:
    """One read-only connection per thread to the reference database file."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise DataError(f"The reference database {path} is missing.")
        self.path = path.resolve()  # a file: URI needs an absolute path
        self._local = threading.local()
        try:
            meta = self.meta()
        except sqlite3.DatabaseError as exc:
            raise DataError(f"The reference database {path} is damaged ({exc}).") from exc
        if meta.get("schema_version") != str(REFERENCE_SCHEMA_VERSION):
            raise DataError(f"The reference database {path} has an unknown schema version.")
        self._objective_titles = {o.number: o.title for o in self.objectives(with_counts=False)}

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM meta")}

    @property
    def content_hash(self) -> str:
        return self.meta()["content_hash"]

    # documents and structure -------------------------------------------------------------

    def documents(self) -> list[Document]:
        return [self._document(r) for r in self._rows("SELECT * FROM documents ORDER BY seq")]

    def document(self, doc_id: str) -> Document:
        rows = self._rows("SELECT * FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise NotFound(f"No document with id '{doc_id}'. Run `gcmdesk docs` for the list.")
        return self._document(rows[0])

    @staticmethod
    def _document(r: sqlite3.Row) -> Document:
        return Document(
            id=r["id"], symbol=r["symbol"], title=r["title"], short_title=r["short_title"],
            date=r["date"], year=r["year"], type=r["type"], issuing_body=r["issuing_body"],
            language=r["language"], doc_key=r["doc_key"], source_file=r["source_file"],
            sha256=r["sha256"], speaker=r["speaker"], place=r["place"],
            truncated=bool(r["truncated"]),
            provenance={k: r[f"{k}_source"] for k in ("title", "symbol", "speaker", "date")},
        )

    def sections(self, doc_id: str) -> list[Section]:
        rows = self._rows("SELECT id, doc_id, parent_id, level, number, title FROM sections "
                          "WHERE doc_id = ? ORDER BY seq", (doc_id,))
        return [Section(**dict(r)) for r in rows]

    # passages ----------------------------------------------------------------------------

    def passages(self, doc_id: str) -> list[Passage]:
        self.document(doc_id)
        rows = self._rows(f"SELECT {_PASSAGE_COLS} FROM passages WHERE doc_id = ? ORDER BY seq",
                          (doc_id,))
        notes = self._footnotes_by_passage("p.doc_id = ?", (doc_id,))
        links = self._links_by_item("passage_objectives", "passage_id",
                                    "passage_id IN (SELECT id FROM passages WHERE doc_id = ?)",
                                    (doc_id,))
        return [self._passage(r, notes.get(r["id"], ()), links.get(r["id"], ())) for r in rows]

    def passage(self, passage_id: str) -> Passage:
        rows = self._rows(f"SELECT {_PASSAGE_COLS} FROM passages WHERE id = ?", (passage_id,))
        if not rows:
            raise NotFound(f"No passage with id '{passage_id}'.")
        notes = self._footnotes_by_passage("p.id = ?", (passage_id,))
        links = self._links_by_item("passage_objectives", "passage_id", "passage_id = ?",
                                    (passage_id,))
        return self._passage(rows[0], notes.get(passage_id, ()), links.get(passage_id, ()))

    @staticmethod
    def _passage(r: sqlite3.Row, notes: tuple[Footnote, ...],
                 links: tuple[ObjectiveLink, ...]) -> Passage:
        return Passage(**dict(r), footnotes=notes, objectives=links)

    def _footnotes_by_passage(self, where: str, params: tuple[Any, ...]
                              ) -> dict[str, tuple[Footnote, ...]]:
        rows = self._rows(
            "SELECT pf.passage_id, f.id, f.number, f.text, pf.offset FROM passage_footnotes pf "
            "JOIN footnotes f ON f.id = pf.footnote_id JOIN passages p ON p.id = pf.passage_id "
            f"WHERE {where} ORDER BY pf.passage_id, pf.offset", params)
        out: dict[str, list[Footnote]] = {}
        for r in rows:
            out.setdefault(r["passage_id"], []).append(
                Footnote(r["id"], r["number"], r["text"], r["offset"]))
        return {k: tuple(v) for k, v in out.items()}

    def footnotes(self, doc_id: str) -> list[Footnote]:
        rows = self._rows("SELECT id, number, text FROM footnotes WHERE doc_id = ? ORDER BY number",
                          (doc_id,))
        return [Footnote(r["id"], r["number"], r["text"]) for r in rows]

    def _links_by_item(self, table: str, key: str, where: str, params: tuple[Any, ...]
                       ) -> dict[str, tuple[ObjectiveLink, ...]]:
        rows = self._rows(f"SELECT {key} AS item, objective, method, score, evidence FROM {table} "
                          f"WHERE {where} ORDER BY item, score DESC, objective", params)
        out: dict[str, list[ObjectiveLink]] = {}
        for r in rows:
            out.setdefault(r["item"], []).append(ObjectiveLink(
                r["objective"], self._objective_titles.get(r["objective"], ""), r["method"],
                r["score"], r["evidence"]))
        return {k: tuple(v) for k, v in out.items()}

    # objectives and recommendations ------------------------------------------------------

    def objectives(self, with_counts: bool = True) -> list[Objective]:
        if not with_counts:
            return [Objective(r["number"], r["title"])
                    for r in self._rows("SELECT number, title FROM objectives ORDER BY number")]
        rows = self._rows(
            "SELECT o.number, o.title, "
            "(SELECT COUNT(DISTINCT passage_id) FROM passage_objectives WHERE objective = o.number)"
            " AS passage_count, "
            "(SELECT COUNT(DISTINCT recommendation_id) FROM recommendation_objectives "
            " WHERE objective = o.number) AS recommendation_count "
            "FROM objectives o ORDER BY o.number")
        return [Objective(**dict(r)) for r in rows]

    def objective(self, number: int) -> Objective:
        for o in self.objectives():
            if o.number == number:
                return o
        raise NotFound(f"No objective {number}: the GCM has objectives 1 to 23.")

    def guiding_principles(self) -> list[tuple[int, str]]:
        return [(r["number"], r["title"])
                for r in self._rows("SELECT number, title FROM guiding_principles ORDER BY number")]

    def passages_for_objective(self, number: int) -> list[Passage]:
        self.objective(number)
        ids = [r["passage_id"] for r in self._rows(
            "SELECT po.passage_id FROM passage_objectives po "
            "JOIN passages p ON p.id = po.passage_id JOIN documents d ON d.id = p.doc_id "
            "WHERE po.objective = ? "
            "GROUP BY po.passage_id ORDER BY d.seq, p.seq", (number,))]
        return [self.passage(pid) for pid in ids]

    def recommendations(self, doc_id: str | None = None, objective: int | None = None
                        ) -> list[Recommendation]:
        where, params = ["1 = 1"], []
        if doc_id is not None:
            self.document(doc_id)
            where.append("r.doc_id = ?")
            params.append(doc_id)
        if objective is not None:
            self.objective(objective)
            where.append("r.id IN (SELECT recommendation_id FROM recommendation_objectives "
                         "WHERE objective = ?)")
            params.append(objective)
        return self._recommendations(" AND ".join(where), tuple(params))

    def recommendation(self, rec_id: str) -> Recommendation:
        found = self._recommendations("r.id = ?", (rec_id,))
        if found:
            return found[0]
        raise NotFound(f"No recommendation with id '{rec_id}'.")

    def _recommendations(self, where: str, params: tuple[Any, ...]) -> list[Recommendation]:
        """Recommendations matching ``where`` (on alias r), in reading order, with their links."""
        rows = self._rows(
            "SELECT r.id, r.doc_id, r.list_id, r.list_heading, r.number, r.type, r.status, "
            "r.title, r.text, r.passage_id, r.citation FROM recommendations r "
            f"JOIN documents d ON d.id = r.doc_id WHERE {where} ORDER BY d.seq, r.seq", params)
        links = self._links_by_item(
            "recommendation_objectives", "recommendation_id",
            f"recommendation_id IN (SELECT r.id FROM recommendations r WHERE {where})", params)
        return [Recommendation(**dict(r), objectives=links.get(r["id"], ())) for r in rows]
