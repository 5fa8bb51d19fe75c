"""The Whoosh index on disk: schema, build, stamp, self-healing, and the long-lived searcher.

The index is a cache derived from the reference DB (and later the user's notes). A stamp file
records what it was built from (reference content hash, schema and analysis versions) and the
size of every file. A missing or stale index, a missing or resized file, or any error while
opening it means a rebuild: into a new folder, swapped in when complete, so a crash or a
cancel never leaves half an index behind.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh import analysis, fields, formats, index, scoring
from whoosh.system import pack_uint

from .api import IndexCancelled, IndexItem, Progress, SearchRequest, SearchResult
from .text import Analysis, default_analysis
from .whoosh_search import SearchState, execute
from .whoosh_write import BulkSegmentWriter

log = logging.getLogger(__name__)

# Bump when the fields or what goes into them change: every existing index becomes stale.
SCHEMA_VERSION = 1
STAMP = "gcmdesk-index.json"
_PROGRESS_EVERY = 250


class AnalyzedField(fields.FieldType):
    """A text field whose terms come from ``text.Analysis`` (fast path: no Whoosh tokens).

    mode "terms": stemmed words without stopwords (ranking); "surfaces": every word as written,
    folded (exact words, prefixes, spelling suggestions); "shingles": adjacent word pairs
    (phrases, without storing positions).
    """

    def __init__(self, mode: str, stored: bool = False) -> None:
        super().__init__(formats.Frequency(), analysis.KeywordAnalyzer(), scorable=True,
                         stored=stored)
        self.mode = mode

    def words(self, value: str, ana: Analysis) -> list[str]:
        """The field's words in ``value``, repeats included (what it indexes, with counts)."""
        if self.mode == "terms":
            return ana.terms(value)
        if self.mode == "surfaces":
            return ana.surfaces(value)
        return ana.shingles(ana.surfaces(value))

    def index(self, value: str, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        words = self.words(value, default_analysis())
        boost = self.format.field_boost
        for word, n in Counter(words).items():
            yield word.encode("utf-8"), n, n * boost, pack_uint(n)


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True), kind=fields.ID(stored=True),
        subkind=fields.STORED(), doc=fields.ID(stored=True), year=fields.ID(stored=True),
        objective=fields.KEYWORD(stored=True), flags=fields.KEYWORD(), origin=fields.ID(),
        prior=fields.ID(), title=AnalyzedField("terms", stored=True),
        section=AnalyzedField("terms"), citation=AnalyzedField("terms", stored=True),
        text=AnalyzedField("terms", stored=True), words=AnalyzedField("surfaces"),
        shingles=AnalyzedField("shingles"),
    )


def weighting() -> scoring.WeightingModel:
    # Short fields (titles, citations) barely need length normalization.
    return scoring.BM25F(B=0.75, K1=1.2, title_B=0.3, citation_B=0.2, section_B=0.3)


def document(item: IndexItem, origin: str) -> dict[str, str]:
    doc = {
        "id": item.id, "kind": item.kind, "subkind": item.subkind, "doc": item.doc,
        "year": str(item.year) if item.year else "",
        "objective": " ".join(str(o) for o in item.objectives), "flags": " ".join(item.flags),
        "origin": origin, "prior": f"{item.prior:g}", "title": item.title,
        "section": item.section, "citation": item.citation, "text": item.text,
        "words": item.text, "shingles": item.text,
    }
    return {k: v for k, v in doc.items() if v}


def document_words(doc: dict[str, str], schema: fields.Schema, ana: Analysis
                   ) -> dict[str, list[str]]:
    """The words of every ``AnalyzedField`` of ``document()``, the passage text analysed once."""
    out: dict[str, list[str]] = {}
    text = doc.get("text")
    if text:
        surfaces, out["text"] = ana.surfaces_terms(text)
        for name in ("words", "shingles"):
            if doc.get(name) == text:
                out[name] = surfaces if name == "words" else ana.shingles(surfaces)
    for name, value in doc.items():
        field = schema[name]
        if name not in out and isinstance(field, AnalyzedField):
            out[name] = field.words(value, ana)
    return out


def _files(folder: Path) -> dict[str, int]:
    return {e.name: e.stat().st_size for e in os.scandir(folder)
            if e.name != STAMP and not e.name.endswith("LOCK")}


class WhooshSearchIndex:
    """``SearchIndex`` on Whoosh. One searcher for the life of the object, refreshed on writes.

    ``reference_items`` gives every reference item (called only to build); ``source_stamp``
    is what they derive from (the reference DB's content hash); ``user_items`` gives the user's
    items for a full rebuild (the user's notes). ``seed``: a prebuilt index of the same
    reference data, shipped with the app; a rebuild copies it when its stamp matches instead of
    indexing everything again (the first search on an old laptop is then as quick as any).
    """

    def __init__(self, folder: Path, reference_items: Callable[[], Iterable[IndexItem]],
                 source_stamp: str,
                 user_items: Callable[[], Iterable[IndexItem]] | None = None,
                 ana: Analysis | None = None, seed: Path | None = None) -> None:
        self.folder = folder
        self.seed = seed
        self._reference_items = reference_items
        self._user_items = user_items
        self.ana = ana or default_analysis()
        self._expected = {"schema": SCHEMA_VERSION, "analysis": self.ana.fingerprint,
                          "source": source_stamp}
        self._lock = threading.RLock()  # one writer, and no search while the index is swapped
        self._ix: Any = None
        self._state: SearchState | None = None
        self._stamp: dict[str, Any] = {}

    # health --------------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the index on disk cannot be used as is, or None."""
        problem, stamp = self._check(self.folder)
        if problem is None:
            self._stamp = stamp
        return problem

    def _check(self, folder: Path) -> tuple[str | None, dict[str, Any]]:
        """(problem or None, stamp) of the index in ``folder``."""
        try:
            stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return ("missing" if not folder.exists() else "no stamp"), {}
        if not isinstance(stamp, dict):
            return "bad stamp", {}
        for key, value in self._expected.items():
            if stamp.get(key) != value:
                return f"stale ({key} changed)", {}
        try:
            files = _files(folder)
        except OSError as exc:
            return f"unreadable ({exc})", {}
        if files != stamp.get("files"):
            return "damaged (files differ from the stamp)", {}
        return None, stamp

    def ensure(self, progress: Progress | None = None,
               cancel: threading.Event | None = None) -> bool:
        with self._lock:
            problem = self.problem()
            if problem is None and self._state is None:
                try:
                    self._open()
                except Exception as exc:  # any damage Whoosh trips over: rebuild
                    problem = f"unreadable ({type(exc).__name__}: {exc})"
            if problem is None:
                return False
            (log.info if problem == "missing" else log.warning)(
                "search index %s: %s; rebuilding", self.folder, problem)
            self.rebuild(progress, cancel)
            return True

    def _open(self) -> None:
        self._close()
        ix = index.open_dir(str(self.folder), schema=make_schema())
        try:
            searcher = ix.searcher(weighting=weighting())
            if searcher.doc_count() != self._stamp.get("docs"):
                raise ValueError("document count differs from the stamp")
            if searcher.doc_count_all():
                searcher.stored_fields(searcher.doc_count_all() - 1)
            state = SearchState(searcher, self.ana)
        except BaseException:
            ix.close()
            raise
        self._ix, self._state = ix, state

    def _close(self) -> None:
        if self._state is not None:
            self._state.searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._ix = self._state = None

    def close(self) -> None:
        with self._lock:
            self._close()

    # writing -------------------------------------------------------------------------------

    def rebuild(self, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> None:
        with self._lock:
            docs = [("reference", i) for i in self._reference_items()]
            docs += [("user", i) for i in (self._user_items() if self._user_items else ())]
            tmp = self.folder.with_name(f".{self.folder.name}.build-{os.getpid()}")
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            try:
                if self._seed_usable():
                    self._write_from_seed(tmp, [i for o, i in docs if o == "user"])
                else:
                    self._write_new(tmp, docs, progress, cancel)
                self._close()
                old = self.folder.with_name(f".{self.folder.name}.old-{os.getpid()}")
                if self.folder.exists():
                    os.replace(self.folder, old)
                os.replace(tmp, self.folder)
                shutil.rmtree(old, ignore_errors=True)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            if self.problem() is not None:
                raise RuntimeError("the new search index does not match its stamp")
            self._open()
            if progress:
                progress(len(docs), len(docs), "Search index ready")

    def _write_new(self, folder: Path, docs: list[tuple[str, IndexItem]],
                   progress: Progress | None, cancel: threading.Event | None) -> None:
        schema = make_schema()
        ix = index.create_in(str(folder), schema)
        # The bulk writer writes the bytes Whoosh's writer would, 7x faster (whoosh_write.py;
        # Whoosh's multiprocess writer: see benchmarks/README.md). The ordinary writer only adds
        # the user's items to an existing index.
        try:
            writer = BulkSegmentWriter(ix)
            try:
                for n, (origin, item) in enumerate(docs):
                    if cancel is not None and cancel.is_set():
                        raise IndexCancelled("Building the search index was cancelled.")
                    if progress and n % _PROGRESS_EVERY == 0:
                        progress(n, len(docs), "Building the search index")
                    doc = document(item, origin)
                    writer.add(doc, document_words(doc, schema, self.ana))
            except BaseException:
                writer.cancel()
                raise
            if progress:
                progress(len(docs), len(docs), "Writing the search index")
            writer.commit()
        finally:
            ix.close()
        self._write_stamp(folder, {"user": "", "docs": len(docs)})

    def _seed_usable(self) -> bool:
        if self.seed is None:
            return False
        problem, stamp = self._check(self.seed)
        return problem is None and not stamp.get("user")

    def _write_from_seed(self, folder: Path, user_docs: list[IndexItem]) -> None:
        assert self.seed is not None
        # copyfile, not copy2: the install folder may be read-only; the cache copy must not be
        shutil.copytree(self.seed, folder, dirs_exist_ok=True, copy_function=shutil.copyfile)
        (folder / STAMP).unlink()
        ix = index.open_dir(str(folder), schema=make_schema())
        try:
            if user_docs:
                writer = ix.writer(limitmb=64)
                for item in user_docs:
                    writer.add_document(**document(item, "user"))
                writer.commit()
            count = ix.doc_count()
        finally:
            ix.close()
        self._write_stamp(folder, {"user": "", "docs": count})

    def _write_stamp(self, folder: Path, extra: dict[str, Any]) -> None:
        stamp = {**self._expected, **extra, "files": _files(folder)}
        tmp = folder / f"{STAMP}.tmp"
        tmp.write_text(json.dumps(stamp, indent=1), encoding="utf-8")
        os.replace(tmp, folder / STAMP)
        self._stamp = stamp

    def replace_user_items(self, items: Iterable[IndexItem], stamp: str = "") -> None:
        with self._lock:
            self.ensure()
            writer = self._ix.writer(limitmb=64)
            try:
                writer.delete_by_term("origin", "user")
                for item in items:
                    writer.add_document(**document(item, "user"))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            count = self._ix.doc_count()
            self._write_stamp(self.folder, {"user": stamp, "docs": count})
            self._open()

    @property
    def user_stamp(self) -> str:
        with self._lock:
            self.ensure()
            return str(self._stamp.get("user", ""))

    # searching -----------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        for attempt in (1, 2):
            with self._lock:
                try:
                    self.ensure()
                    assert self._state is not None
                    return execute(self._state, request)
                except IndexCancelled:
                    raise
                except Exception as exc:  # a damaged index shows up here at the latest
                    log.exception("search failed (attempt %d)", attempt)
                    error = exc
                    self._close()
                    if attempt == 1:
                        self._stamp = {}
                        shutil.rmtree(self.folder, ignore_errors=True)
        return SearchResult(query=request.query, total=0, hits=[],
                            message=f"The search failed ({type(error).__name__}); "
                                    "the index will be rebuilt.")
