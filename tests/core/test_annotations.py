"""The annotation store: edits and their inverses (what an undo stack calls), filters, colours,
persistence across a restart, and the items handed to the search index."""

from __future__ import annotations

from pathlib import Path

import pytest

from gcmdesk.core.annotations import AnnotationFilter, AnnotationStore
from gcmdesk.core.errors import InvalidInput, NotFound
from gcmdesk.core.library import Library

P4 = "un-network-2021-migrants-day/p-4"
P44 = "a-72-643/para-44"


@pytest.fixture
def store(library: Library) -> AnnotationStore:
    library.annotations.set_display_name("Amina")
    return library.annotations


def span(store: AnnotationStore, passage_id: str, words: str) -> tuple[int, int]:
    text = store.ref.passage(passage_id).text
    start = text.index(words)
    return start, start + len(words)


def test_create_stores_selectors_hash_and_author(store: AnnotationStore) -> None:
    start, end = span(store, P4, "14,000 migrants")
    change = store.create(P4, start, end, color="Concern", note="Deaths\nsince 2018",
                          tags=["deaths", " Missing  migrants ", "deaths", ""])
    a = change.after
    assert change.before is None
    assert a.id.startswith("urn:uuid:") and a.color == "red" and a.creator == "Amina"
    assert a.quote == "14,000 migrants" and (a.selectors.start, a.selectors.end) == (start, end)
    assert a.selectors.prefix.endswith("nearly ") and a.selectors.suffix.startswith(" have lost")
    assert len(a.selectors.prefix) == len(a.selectors.suffix) == 32
    assert a.tags == ("deaths", "Missing migrants")
    assert a.ref_content_hash == store.ref.content_hash
    assert a.passage_sha1 == store.ref.passage(P4).text_sha1
    assert a.citation == "UN Network statement, Migrants Day 2021, para. 4"
    assert store.get(a.id) == a


def test_whole_passage_annotation_and_bad_input(store: AnnotationStore) -> None:
    a = store.create(P44, note="Whole paragraph", color=None).after
    assert a.selectors.whole_passage and a.quote == "" and a.color is None
    with pytest.raises(NotFound):
        store.create("a-72-643/para-9999", note="x")
    with pytest.raises(InvalidInput, match="not inside the passage"):
        store.create(P4, 10, 10_000)
    with pytest.raises(InvalidInput, match="both the start and the end"):
        store.create(P4, 10, None)
    with pytest.raises(InvalidInput, match="No highlight colour 'pink'"):
        store.create(P4, 0, 5, color="pink")
    assert [x.id for x in store.find()] == [a.id]  # nothing half-written by the failures


def test_every_edit_is_undone_and_redone_by_its_change(store: AnnotationStore) -> None:
    created = store.create(P4, *span(store, P4, "14,000 migrants"), note="first")
    ann_id = created.after.id
    edited = store.update(ann_id, note="second", tags=["a"], color="Action")
    deleted = store.delete(ann_id)
    assert store.find() == [] and store.get(ann_id, include_deleted=True).deleted

    # Undo in reverse order: each revert puts back the state before its edit.
    assert store.revert(deleted).note == "second"
    back = store.revert(edited)
    assert (back.note, back.tags, back.color) == ("first", (), "yellow")
    assert store.revert(created) is None
    with pytest.raises(NotFound):
        store.get(ann_id, include_deleted=True)
    # Redo in order: the same id comes back with every field.
    assert store.reapply(created).note == "first"
    again = store.reapply(edited)
    assert (again.note, again.tags, again.color, again.id) == ("second", ("a",), "green", ann_id)
    assert again.created == created.after.created and again.modified >= edited.after.modified
    store.reapply(deleted)
    assert store.find() == []
    assert store.restore(ann_id).after.deleted is False


def test_update_without_change_is_a_noop(store: AnnotationStore) -> None:
    a = store.create(P4, 0, 7, note="same").after
    before = store.revision()
    change = store.update(a.id, note="same")
    assert change.is_noop and store.revision() == before


def test_filters_for_the_notes_panel(store: AnnotationStore) -> None:
    a = store.create(P4, *span(store, P4, "14,000 migrants"), color="Concern",
                     note="Décès en Méditerranée", tags=["deaths"]).after
    b = store.create(P44, note="Detention alternatives", tags=["detention", "deaths"],
                     color="Question").after
    c = store.create(P44, 0, 10, note="Other").after
    with store.user.transaction() as conn:  # as if imported from a colleague
        conn.execute("UPDATE annotations SET creator = 'Li Wei' WHERE id = ?", (c.id,))

    def ids(**kw: object) -> set[str]:
        return {x.id for x in store.find(AnnotationFilter(**kw))}

    assert ids() == {a.id, b.id, c.id}
    assert ids(color="red") == {a.id}
    assert ids(tag="deaths") == {a.id, b.id}
    assert ids(doc_id="a-72-643") == {b.id, c.id}
    assert ids(passage_id=P4) == {a.id}
    assert ids(text="deces mediterranee") == {a.id}  # case and accents do not matter
    assert ids(text="A/72/643 detention") == {b.id}  # the citation counts too
    assert ids(text="14,000") == {a.id}  # the quote counts
    assert ids(creators=frozenset({"Li Wei"})) == {c.id}
    assert ids(hidden_creators=frozenset({"Li Wei"})) == {a.id, b.id}
    store.set_hidden_creators(["Li Wei", "Li Wei"])  # the panel's choice, kept in settings
    assert ids(hidden_creators=store.hidden_creators()) == {a.id, b.id}
    assert ids(status="orphaned") == set()
    assert [x.id for x in store.find(AnnotationFilter(order="document"))] == [b.id, c.id, a.id]
    assert store.tags() == [("deaths", 2), ("detention", 1)]
    assert dict(store.creators()) == {"Amina": 2, "Li Wei": 1}


def test_colours_are_five_and_renamable(store: AnnotationStore) -> None:
    assert [c.name for c in store.colors()] == [
        "Key point", "Question", "Action", "Concern", "Reference"]
    old = store.rename_color("blue", "  To ask  ")
    assert old.name == "Question"
    assert store.color_key("to ask") == "blue" and store.color_key("blue") == "blue"
    store.rename_color("blue", old.name)  # the undo
    assert store.colors()[1].name == "Question"
    with pytest.raises(InvalidInput):
        store.rename_color("blue", "")


def test_display_name_defaults_to_the_os_user(library: Library) -> None:
    name = library.annotations.display_name()
    assert name and name == library.annotations.display_name()
    library.annotations.set_display_name("Jo")
    assert library.annotations.display_name() == "Jo"


def test_annotations_survive_a_restart(data_dir: Path, reference_db: Path) -> None:
    lib = Library.open(data_dir, reference_db=reference_db)
    note = "Ligne 1\nلقد\n移民 🌍 <b>&amp;</b>"
    a = lib.annotations.create(P4, 0, 7, note=note, tags=["x"], color="Reference").after
    gone = lib.annotations.create(P44, note="deleted").after
    lib.annotations.delete(gone.id)
    lib.close()
    again = Library.open(data_dir, reference_db=reference_db)
    assert again.annotations.find() == [a]
    assert again.annotations.get(gone.id, include_deleted=True).deleted
    assert again.user.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_backups_keep_the_last_five(data_dir: Path, reference_db: Path) -> None:
    for _ in range(7):
        Library.open(data_dir, reference_db=reference_db, backup=True).close()
    assert len(list((data_dir / "backups").glob("user-*.sqlite"))) == 5


def test_listeners_and_search_items(store: AnnotationStore) -> None:
    calls: list[int] = []
    store.listeners.append(lambda: calls.append(store.revision()))
    a = store.create(P4, *span(store, P4, "14,000 migrants"), note="Morts en mer",
                     tags=["deaths"], color="Concern").after
    store.create(P44, note="gone")
    store.delete(store.find(AnnotationFilter(passage_id=P44))[0].id)
    assert len(calls) == 3 and calls == sorted(set(calls))
    (doc,) = store.search_documents()
    assert doc["id"] == a.id and doc["note"] == "Morts en mer" and doc["color"] == "Concern"
    (item,) = store.index_items()
    assert item.kind == "note" and item.doc == "un-network-2021-migrants-day"
    assert "Morts en mer" in item.text and "14,000 migrants" in item.text
    assert "deaths" in item.text and item.citation.startswith("UN Network statement")


def test_notes_are_searchable_as_soon_as_saved(data_dir: Path, reference_db: Path) -> None:
    lib = Library.open(data_dir, reference_db=reference_db)
    store = lib.annotations
    a = store.create(P4, 0, 7, note="Xylophonic remark on détention", tags=["zebrafish"]).after
    assert lib.search("xylophonic").total == 1  # opening the index brought the note in
    hit = lib.search("zebrafish", kind="note").hits[0]
    assert (hit.id, hit.kind, hit.doc) == (a.id, "note", "un-network-2021-migrants-day")
    change = store.update(a.id, note="Quokka remark")
    assert lib.search("xylophonic").total == 0 and lib.search("quokka").total == 1
    store.revert(change)
    assert lib.search("xylophonic").total == 1
    store.delete(a.id)
    assert lib.search("xylophonic").total == 0
    lib.close()
    lib = Library.open(data_dir, reference_db=reference_db)
    assert lib.search("xylophonic").total == 0 and lib.search("migrants").total > 0
    lib.close()
