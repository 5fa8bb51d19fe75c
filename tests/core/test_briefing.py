"""Briefings in the user DB: every edit is saved at once and undone by the value it returns."""

from __future__ import annotations

import pytest

from gcmdesk.core.briefing import BriefingStore
from gcmdesk.core.errors import InvalidInput, NotFound
from gcmdesk.core.library import Library
from tests.core.briefing_helpers import add_annotation

P44, P45, P46 = "a-72-643/para-44", "a-72-643/para-45", "a-72-643/para-46"
REC = "a-72-643/rec-r1-a"


@pytest.fixture
def store(library: Library) -> BriefingStore:
    return library.briefings


def refs(store: BriefingStore, bid: int) -> list[tuple[int | None, str]]:
    return [(i.section_id, i.item_ref) for i in store.layout(bid).items]


def test_create_update_rename_and_list(store: BriefingStore) -> None:
    b = store.create_briefing("  Detention   briefing ", meeting="IMRF 2026", date="2026-05-05",
                              author="Delegation of Ruritania")
    assert b.title == "Detention briefing" and b.classification == "For internal use"
    assert b.paper_size == "A4" and not b.deleted
    old = store.update_briefing(b.id, meeting="GRCP 8", paper_size="Letter")
    assert old == {"meeting": "IMRF 2026", "paper_size": "A4"}
    assert store.rename_briefing(b.id, "New title") == "Detention briefing"
    store.update_briefing(b.id, **old)  # undo
    b2 = store.briefing(b.id)
    assert (b2.title, b2.meeting, b2.paper_size) == ("New title", "IMRF 2026", "A4")
    assert [x.id for x in store.list_briefings()] == [b.id]
    with pytest.raises(InvalidInput):
        store.create_briefing("   ")
    with pytest.raises(InvalidInput):
        store.update_briefing(b.id, paper_size="A3")
    with pytest.raises(NotFound):
        store.briefing(999)


def test_delete_is_soft_and_undoable(store: BriefingStore) -> None:
    b = store.create_briefing("To delete")
    store.add_items(b.id, [P44])
    store.delete_briefing(b.id)
    assert store.list_briefings() == []
    assert [x.id for x in store.list_briefings(include_deleted=True)] == [b.id]
    store.restore_briefing(b.id)
    assert store.list_briefings()[0].item_count == 1
    store.delete_briefing(b.id)
    assert store.purge_deleted() == 1
    with pytest.raises(NotFound):
        store.briefing(b.id)


def test_duplicate_copies_sections_items_and_comments(store: BriefingStore) -> None:
    b = store.create_briefing("Original", meeting="M")
    s = store.add_section(b.id, "Detention")
    store.add_items(b.id, [P44], section_id=s.id, comment="Talking point")
    store.add_items(b.id, ["objective:13"])
    copy = store.duplicate_briefing(b.id)
    assert copy.title == "Original (copy)" and copy.meeting == "M" and copy.item_count == 2
    layout = store.layout(copy.id)
    assert [x.title for x in layout.sections] == ["Detention"]
    assert [(i.item_ref, i.comment) for i in layout.items] == [("13", ""), (P44, "Talking point")]
    assert layout.items[1].section_id == layout.sections[0].id != s.id
    store.delete_briefing(copy.id)  # the undo of duplicate
    assert [x.id for x in store.list_briefings()] == [b.id]


def test_add_classifies_ids_and_checks_them_all_first(store: BriefingStore,
                                                      library: Library) -> None:
    b = store.create_briefing("Kinds")
    ann = add_annotation(library, P45, note="Mine")
    items = store.add_items(b.id, [P44, REC, "objective:13", ann])
    assert [(i.item_type, i.item_ref) for i in items] == [
        ("passage", P44), ("recommendation", REC), ("objective", "13"), ("annotation", ann)]
    for bad in (["a-72-643/para-9999"], [P46, "objective:24"], ["urn:uuid:nope"], []):
        with pytest.raises((NotFound, InvalidInput)):
            store.add_items(b.id, bad)
    assert len(store.layout(b.id).items) == 4  # nothing half-added


def test_remove_and_restore_items_keep_ids_and_places(store: BriefingStore) -> None:
    b = store.create_briefing("Order")
    items = store.add_items(b.id, [P44, P45, P46, REC], comment="c")
    removed = store.remove_items([items[1].id, items[3].id])
    assert refs(store, b.id) == [(None, P44), (None, P46)]
    store.restore_items(removed)
    layout = store.layout(b.id)
    assert [i.id for i in layout.items] == [i.id for i in items]
    assert [i.seq for i in layout.items] == [0, 1, 2, 3]
    assert all(i.comment == "c" for i in layout.items)


def test_add_at_index_move_and_undo(store: BriefingStore) -> None:
    b = store.create_briefing("Moves")
    a, c = store.add_items(b.id, [P44, P46])
    store.add_items(b.id, [P45], index=1)
    assert refs(store, b.id) == [(None, P44), (None, P45), (None, P46)]
    s = store.add_section(b.id, "Later")
    old = store.move_item(a.id, s.id, 0)
    assert old == (None, 0)
    assert refs(store, b.id) == [(None, P45), (None, P46), (s.id, P44)]
    store.move_item(c.id, None, 0)
    assert refs(store, b.id)[0] == (None, P46)
    store.move_item(a.id, *old)  # undo
    assert refs(store, b.id) == [(None, P44), (None, P46), (None, P45)]


def test_comment_and_undo(store: BriefingStore) -> None:
    b = store.create_briefing("Comments")
    (item,) = store.add_items(b.id, [P44])
    assert store.set_comment(item.id, "First\n- point") == ""
    assert store.set_comment(item.id, "Second") == "First\n- point"
    assert store.item(item.id).comment == "Second"


def test_sections_add_rename_move_remove_and_undo(store: BriefingStore) -> None:
    b = store.create_briefing("Sections")
    s1 = store.add_section(b.id, "One")
    s2 = store.add_section(b.id, "Two")
    s0 = store.add_section(b.id, "Zero", index=0)
    assert [s.title for s in store.layout(b.id).sections] == ["Zero", "One", "Two"]
    assert store.rename_section(s1.id, "Uno") == "One"
    assert store.move_section(s0.id, 2) == 0
    assert [s.title for s in store.layout(b.id).sections] == ["Uno", "Two", "Zero"]
    store.add_items(b.id, [P44], section_id=s1.id)
    store.add_items(b.id, [P45], section_id=s2.id)
    before = store.remove_section(s2.id)  # its item joins the section before it
    assert refs(store, b.id) == [(s1.id, P44), (s1.id, P45)]
    store.restore_layout(before)
    assert store.layout(b.id) == before
    assert store.section_by_title(b.id, " two ") == store.section(s2.id)


def test_group_by_objective_and_undo(store: BriefingStore) -> None:
    b = store.create_briefing("Grouped")
    store.add_section(b.id, "Mine")
    store.add_items(b.id, ["objective:7", P44, "objective:13", "a-72-643/para-1"])
    before = store.group_by_objective(b.id)
    groups = store.load(b.id).groups
    titles = [g.title for g in groups]
    assert titles[0].startswith("Objective 7:") and titles[1].startswith("Objective 13:")
    assert [i.item.item_ref for i in groups[1].items] == [P44, "13"]  # relative order kept
    assert "Mine" not in titles
    after = store.restore_layout(before)
    assert store.layout(b.id) == before
    store.restore_layout(after)  # redo
    assert [g.title for g in store.load(b.id).groups] == titles


def test_load_resolves_text_citation_source_and_annotation(store: BriefingStore,
                                                           library: Library) -> None:
    b = store.create_briefing("Resolved")
    text = library.ref.passage(P44).text
    ann = add_annotation(library, P44, note="Key & <b>bold</b>", color="red",
                         quote=text[8:40], tags=("detention",))
    store.add_items(b.id, [P44, REC, "objective:13", ann])
    items = store.load(b.id).items
    assert [i.number for i in items] == [1, 2, 3, 4]
    p, r, o, a = items
    assert p.citation == "A/72/643, para. 44" and p.text == text and p.document
    assert p.document.symbol == "A/72/643" and 13 in [x.number for x in p.objectives]
    assert r.citation.startswith("A/72/643, para. 4") and r.heading
    assert o.citation == "Global Compact for Migration, objective 13" and "detention" in o.text
    assert a.annotation and a.annotation.note == "Key & <b>bold</b>"
    assert a.annotation.span == (8, 40) and a.annotation.color_name == "Concern"
    assert a.annotation.tags == ("detention",)
    sources = store.load(b.id).sources
    assert [d.cite_name for d in sources] == ["A/72/643", "A/RES/73/195"]


def test_missing_reference_still_loads(store: BriefingStore, library: Library) -> None:
    b = store.create_briefing("Stale")
    (item,) = store.add_items(b.id, [P44])
    with library.user.transaction() as conn:  # as if a content update dropped the passage
        conn.execute("UPDATE briefing_items SET item_ref = 'a-72-643/para-999' WHERE id = ?",
                     (item.id,))
    (resolved,) = store.load(b.id).items
    assert resolved.missing and "no longer in the library" in resolved.text


def test_edits_are_committed_at_once(store: BriefingStore, library: Library) -> None:
    b = store.create_briefing("Durable")
    store.add_items(b.id, [P44], comment="saved")
    other = Library.open(library.paths.data_dir, reference_db=library.ref.path)
    try:
        again = BriefingStore(other.user, other.ref)
        assert again.layout(b.id).items[0].comment == "saved"
    finally:
        other.close()
