"""The prebuilt index shipped with the app: copied on first start when it matches, else ignored."""

from __future__ import annotations

import json
from pathlib import Path

from gcmdesk.core.refdb import ReferenceDB
from gcmdesk.core.search import IndexItem, SearchRequest, build_index, open_index

NOTE = IndexItem(id="urn:uuid:seed-note", kind="note", doc="a-72-643",
                 text="zanzibarian shoreline consultations", citation="A/72/643, para. 1")


def _segments(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("*.seg")}


def test_rebuild_copies_a_matching_seed_and_adds_notes(reference_db: Path, tmp_path: Path) -> None:
    ref = ReferenceDB(reference_db)
    seed = tmp_path / "seed"
    build_index(seed, ref)
    seed_files = {p.name: p.read_bytes() for p in seed.iterdir()}
    index = open_index(tmp_path / "cache", ref, lambda: [NOTE], seed=seed)
    assert index.ensure() is True
    assert _segments(seed) <= _segments(tmp_path / "cache")  # copied, not re-indexed
    assert index.search(SearchRequest("zanzibarian")).hits[0].id == NOTE.id
    assert index.search(SearchRequest("alternatives to detention")).total > 5
    assert {p.name: p.read_bytes() for p in seed.iterdir()} == seed_files  # seed untouched
    index.close()


def test_a_stale_seed_is_ignored(reference_db: Path, tmp_path: Path) -> None:
    ref = ReferenceDB(reference_db)
    seed = tmp_path / "seed"
    build_index(seed, ref)
    stamp_file = next(p for p in seed.iterdir() if p.suffix == ".json")
    stamp = json.loads(stamp_file.read_text())
    stamp["source"] = "another reference DB"
    stamp_file.write_text(json.dumps(stamp))
    index = open_index(tmp_path / "cache", ref, seed=seed)
    assert index.ensure() is True
    assert not _segments(seed) & _segments(tmp_path / "cache")  # built afresh
    assert index.search(SearchRequest("remittances")).total > 0
    index.close()
