"""After a content update changes the reference text, every annotation re-anchors or is shown
as orphaned with its quote and note intact: never dropped, never moved onto other text."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from gcmdesk.core.annotations import AnnotationFilter
from gcmdesk.core.library import Library
from gcmdesk.core.refdb_build import BuildInputs, build_reference_db

DOC = "un-network-2021-migrants-day"
FILE = "2021-12-un-network-migrants-day-statement.txt"
DROPPED = ("“The current politicization of migration and dehumanization of migrants, seen in many "
           "contexts the world over, fuels xenophobia, undermining our commitment to building "
           "more resilient, inclusive societies and making a stronger multilateral system,” he "
           "added.\n\n")
EDITS = [  # (old, new) in paragraph 4
    ("Since December 2018, nearly", "Since December 2018 (IOM figures), nearly"),
    ("Many migrants have been stranded or forcibly returned without due regard to their rights, "
     "safety, and well-being; many", "Many"),
    ("on the move than ever before", "on the move than ever"),
    (DROPPED, ""),  # paragraph 6 goes: paragraph 7 is renumbered p-6
]


@pytest.fixture(scope="module")
def changed_reference_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reference DB built from a copy of the corpus with one document edited."""
    bundled = BuildInputs.bundled()
    root = tmp_path_factory.mktemp("changed")
    resources = root / "resources"
    shutil.copytree(bundled.resources, resources, ignore=shutil.ignore_patterns("fonts"))
    victim = resources / "corpus" / FILE
    text = victim.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    victim.write_text(text, encoding="utf-8")
    manifest_path = resources / "corpus" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        if doc["file"] == FILE:
            doc["sha256"] = hashlib.sha256(victim.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return build_reference_db(root / "changed.sqlite", BuildInputs(resources, bundled.schema))


def test_rebuilt_text_reanchors_or_orphans(data_dir: Path, reference_db: Path,
                                           changed_reference_db: Path) -> None:
    lib = Library.open(data_dir, reference_db=reference_db)
    store = lib.annotations
    p6_text = store.ref.passage(f"{DOC}/p-6").text
    assert p6_text.startswith("“The current politicization")

    def select(pid: str, words: str, note: str) -> str:
        start = store.ref.passage(pid).text.index(words)
        return store.create(pid, start, start + len(words), note=note, tags=["t"]).after.id

    ids = {
        "moved": select(f"{DOC}/p-4", "14,000 migrants", "deaths"),
        "orphan": select(f"{DOC}/p-4", "stranded or forcibly returned", "returns 🌍"),
        "fuzzy": select(f"{DOC}/p-4", "more girls and boys are on the move than ever before",
                        "children"),
        "same": select(f"{DOC}/p-1", "no state can address migration alone", "alone"),
        "renumbered": select(f"{DOC}/p-7", "urges states and all stakeholders", "urges"),
        "whole renumbered": store.create(f"{DOC}/p-7", note="whole p-7").after.id,
        "dropped": select(f"{DOC}/p-6", "fuels xenophobia", "xenophobia"),
        "whole dropped": store.create(f"{DOC}/p-6", note="whole p-6").after.id,
        "whole edited": store.create(f"{DOC}/p-4", note="whole p-4").after.id,
    }
    store.delete(ids["same"])  # deleted ones are re-anchored too, in case of an undo
    before = {k: store.get(v, include_deleted=True) for k, v in ids.items()}
    lib.close()

    lib = Library.open(data_dir, reference_db=changed_reference_db)  # re-anchors on open
    store = lib.annotations
    after = {k: store.get(v, include_deleted=True) for k, v in ids.items()}
    status = {k: a.anchor_status for k, a in after.items()}
    assert status == {
        "moved": "moved", "orphan": "orphaned", "fuzzy": "fuzzy", "same": "anchored",
        "renumbered": "moved", "whole renumbered": "moved", "dropped": "orphaned",
        "whole dropped": "orphaned", "whole edited": "fuzzy"}

    def text_at(a: object) -> str:
        sel = a.selectors  # type: ignore[attr-defined]
        return store.ref.passage(a.passage_id).text[sel.start:sel.end]  # type: ignore[attr-defined]

    moved = after["moved"]
    assert text_at(moved) == "14,000 migrants"
    assert moved.selectors.start == before["moved"].selectors.start + len(" (IOM figures)")
    assert moved.passage_sha1 == store.ref.passage(f"{DOC}/p-4").text_sha1
    assert text_at(after["fuzzy"]) == "more girls and boys are on the move than ever"
    assert after["fuzzy"].quote_original == before["fuzzy"].quote
    assert after["renumbered"].passage_id == f"{DOC}/p-6"  # followed its words
    assert text_at(after["renumbered"]) == "urges states and all stakeholders"
    assert after["whole renumbered"].passage_id == f"{DOC}/p-6"
    # Orphans keep their passage, quote, note, selectors; never moved onto other text.
    for key in ("orphan", "dropped", "whole dropped"):
        b, a = before[key], after[key]
        assert (a.passage_id, a.quote, a.note, a.tags, a.selectors) == (
            b.passage_id, b.quote, b.note, b.tags, b.selectors), key
    assert after["whole dropped"].selectors.exact == p6_text
    # Untouched text: only the note of which reference data it was checked against changes.
    assert after["same"] == replace(before["same"], ref_content_hash=store.content_hash)
    assert {a.id for a in store.find(AnnotationFilter(status="orphaned"))} == {
        ids["orphan"], ids["dropped"], ids["whole dropped"]}
    assert all(a.modified == before[k].modified for k, a in after.items() if k != "same")
    revision = store.revision()
    lib.close()

    lib = Library.open(data_dir, reference_db=changed_reference_db)  # nothing new: no work
    assert lib.annotations.reanchor_if_needed() is None
    assert lib.annotations.revision() == revision
    lib.close()

    lib = Library.open(data_dir, reference_db=reference_db)  # the old text is back
    store = lib.annotations
    back = {k: store.get(v, include_deleted=True) for k, v in ids.items()}
    assert back["orphan"].anchor_status == "anchored"
    assert back["orphan"].selectors == before["orphan"].selectors
    assert text_at(back["moved"]) == "14,000 migrants"
    assert back["dropped"].anchor_status == "anchored"
    lib.close()
