"""The index on disk: build, stamp, self-healing, user items, cancellation, the Library API."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as windex

from gcmdesk.core.library import Library
from gcmdesk.core.refdb import ReferenceDB
from gcmdesk.core.search import IndexCancelled, IndexItem, SearchRequest, open_index
from gcmdesk.core.search.items import reference_items
from gcmdesk.core.search.text import default_analysis
from gcmdesk.core.search.whoosh_index import (
    STAMP,
    WhooshSearchIndex,
    document,
    document_words,
    make_schema,
)
from gcmdesk.core.search.whoosh_write import BulkSegmentWriter


@pytest.fixture
def ref(reference_db: Path) -> ReferenceDB:
    db = ReferenceDB(reference_db)
    yield db
    db.close()


@pytest.fixture
def built(ref: ReferenceDB, tmp_path: Path) -> WhooshSearchIndex:
    index = open_index(tmp_path / "index", ref)
    assert index.ensure() is True
    yield index
    index.close()


def _reopen(ref: ReferenceDB, folder: Path) -> WhooshSearchIndex:
    """A fresh object on the same folder, as the next app start would make."""
    return open_index(folder, ref)


def _answers(index: WhooshSearchIndex) -> None:
    result = index.search(SearchRequest("alternatives to detention"))
    assert result.total > 0 and result.hits
    assert "a-72-643/para-59" in [h.id for h in result.hits]


def test_build_stamps_and_then_reuses(built: WhooshSearchIndex, ref: ReferenceDB) -> None:
    stamp = json.loads((built.folder / STAMP).read_text())
    assert stamp["source"] == ref.content_hash
    assert stamp["docs"] > 400 and stamp["files"]
    again = _reopen(ref, built.folder)
    assert again.ensure() is False  # a healthy index is not rebuilt
    _answers(again)
    again.close()


def test_progress_is_reported(ref: ReferenceDB, tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    index = open_index(tmp_path / "ix", ref)
    index.ensure(lambda done, total, msg: calls.append((done, total, msg)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] > 400
    index.close()


@pytest.mark.parametrize("damage", ["delete_dir", "delete_segment", "truncate_segment",
                                    "delete_toc", "garbage_stamp", "stale_hash"])
def test_self_healing(built: WhooshSearchIndex, ref: ReferenceDB, damage: str) -> None:
    folder = built.folder
    built.close()
    segment = next(folder.glob("*.seg"))
    if damage == "delete_dir":
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    elif damage == "delete_segment":
        segment.unlink()
    elif damage == "truncate_segment":
        with segment.open("r+b") as f:
            f.truncate(segment.stat().st_size // 2)
    elif damage == "delete_toc":
        next(folder.glob("_MAIN_*.toc")).unlink()
    elif damage == "garbage_stamp":
        (folder / STAMP).write_text("{not json")
    else:
        stamp = json.loads((folder / STAMP).read_text())
        stamp["source"] = "0" * 64
        (folder / STAMP).write_text(json.dumps(stamp))
    index = _reopen(ref, folder)
    assert index.problem() is not None
    _answers(index)  # searching alone heals it
    assert index.problem() is None
    index.close()


def test_damage_under_a_live_searcher_is_healed(built: WhooshSearchIndex) -> None:
    _answers(built)
    next(built.folder.glob("*.seg")).unlink()
    _answers(built)
    assert built.problem() is None


def test_corrupt_segment_of_the_same_size_is_rebuilt(built: WhooshSearchIndex,
                                                     ref: ReferenceDB) -> None:
    """Bytes overwritten in place pass the size check; opening fails, and that heals it."""
    folder = built.folder
    built.close()
    toc = next(folder.glob("_MAIN_*.toc"))
    toc.write_bytes(b"\0" * toc.stat().st_size)
    index = _reopen(ref, folder)
    _answers(index)
    index.close()


def test_cancelled_build_keeps_nothing_half_done(ref: ReferenceDB, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    index = open_index(tmp_path / "ix", ref)
    with pytest.raises(IndexCancelled):
        index.ensure(cancel=cancel)
    assert not (tmp_path / "ix").exists()
    assert [p.name for p in tmp_path.iterdir()] == []
    assert index.ensure() is True
    index.close()


def test_user_items_replaced_without_rebuild(built: WhooshSearchIndex) -> None:
    def note(n: int, text: str) -> IndexItem:
        return IndexItem(id=f"note/{n}", kind="note", doc="a-72-643", text=text,
                         citation="My note", objectives=(13,), year=2024)

    built.replace_user_items([note(1, "Zanzibar workshop on detention alternatives")], "v1")
    found = built.search(SearchRequest("zanzibar"))
    assert [h.id for h in found.hits] == ["note/1"] and found.hits[0].kind == "note"
    assert built.search(SearchRequest("kind:note")).total == 1
    built.replace_user_items([note(2, "Timbuktu follow-up")], "v2")
    assert built.search(SearchRequest("zanzibar")).total == 0
    assert [h.id for h in built.search(SearchRequest("timbuktu")).hits] == ["note/2"]
    assert built.user_stamp == "v2"
    assert built.ensure() is False  # the stamp follows the write: no rebuild on next check
    _answers(built)


def test_concurrent_searches_from_threads(built: WhooshSearchIndex) -> None:
    errors: list[BaseException] = []

    def worker(q: str) -> None:
        try:
            for _ in range(5):
                assert built.search(SearchRequest(q)).total > 0
        except BaseException as exc:  # collected: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(q,))
               for q in ("detention", "remittances", "climate change", "data")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_library_search_and_ensure(library: Library) -> None:
    assert library.ensure_index() is True  # the fresh data dir has no index yet
    assert library.ensure_index() is False
    result = library.search("remittance costs", limit=3)
    assert result.hits and len(result.hits) <= 3
    assert library.search(SearchRequest("objective:20")).total > 0
    folder = library.paths.index_dir
    assert folder.is_dir() and (folder / STAMP).is_file()


# the bulk writer -------------------------------------------------------------------------------

def _segment_files(folder: Path, items: list[IndexItem], bulk: bool) -> dict[str, bytes]:
    """Index ``items`` into a new index in ``folder``; the files of its one segment."""
    folder.mkdir()
    schema = make_schema()
    ix = windex.create_in(str(folder), schema)
    docs = [document(item, "reference" if n % 3 else "user") for n, item in enumerate(items)]
    if bulk:
        bw = BulkSegmentWriter(ix)
        for doc in docs:
            bw.add(doc, document_words(doc, schema, default_analysis()))
        bw.commit()
    else:
        writer = ix.writer()
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
    (segment,) = ix._segments()
    assert segment.doc_count_all() == len(items)
    storage = segment.open_compound_file(ix.storage)
    out = {}
    for name in storage.list():
        with storage.open_file(name) as f:
            out[name.split(".", 1)[1]] = f.read()
    storage.close()
    ix.close()
    return out


def test_bulk_writer_writes_the_bytes_whoosh_writes(ref: ReferenceDB, tmp_path: Path) -> None:
    items = list(reference_items(ref))
    bulk = _segment_files(tmp_path / "bulk", items, bulk=True)
    plain = _segment_files(tmp_path / "plain", items, bulk=False)
    assert set(bulk) == set(plain) >= {"pst", "trm", "_stored.col", "_text_len.col"}
    for name in plain:
        assert bulk[name] == plain[name], name


_WORDS = st.sampled_from(["migration", "Migrants", "the", "of", "Côte", "labour", "a", "x",
                          "detained", "2018", "organisation", "rights", "ÉTÉ", "data"])
_TEXT = st.lists(_WORDS, max_size=12).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, st.booleans()), min_size=1, max_size=300))
def test_bulk_writer_matches_whoosh_on_any_items(tmp_path_factory: pytest.TempPathFactory,
                                                 rows: list[tuple[str, str, str, bool]]) -> None:
    """Long posting lists (several 128-posting blocks), empty fields, repeats, one-letter words."""
    items = [IndexItem(id=f"i-{n}", kind="passage" if flag else "note", doc=f"d{n % 7}",
                       text=text, citation=f"c {n}", title=title, section=section,
                       objectives=(n % 23 + 1,) if flag else (), year=2018 if flag else None,
                       flags=("garbled",) if n % 11 == 0 else ())
             for n, (text, title, section, flag) in enumerate(rows)]
    tmp = tmp_path_factory.mktemp("bulk")
    assert (_segment_files(tmp / "bulk", items, bulk=True)
            == _segment_files(tmp / "plain", items, bulk=False))
