"""Generic profile B helpers (page-per-line transcriptions) and the sentence/list splitters."""

from __future__ import annotations

from gcmdesk.core.corpus.cleaning import group_sentences, sentence_spans, split_inline_list
from gcmdesk.core.corpus.profile_b import (
    Page,
    Stream,
    find_markers,
    is_lossy,
    split_footnotes,
    split_transcription,
    strip_running,
)

SCRAPE = "\n".join([
    "Some title", "", "Size: px", "Start display at page:", "", "Transcription", "",
    "1 i Cover", "", "2", "", "3 Body text. 1 A note.", "",
    "Related title", "", "3 teaser that looks like a page", "", "More information",
])


def test_split_transcription() -> None:
    t = split_transcription(SCRAPE)
    assert [(p.index, p.line, p.text) for p in t.pages] == [
        (1, 8, "i Cover"), (2, 10, ""), (3, 12, "Body text. 1 A note.")]
    assert t.header_lines == [1, 3, 4, 6]
    assert t.tail_lines == [14, 16, 18]  # a digit-led teaser after the pages is still tail
    assert t.junk_lines == 7


def test_strip_running_in_place_and_with_displaced_number() -> None:
    assert strip_running("a. Footer 7 b.", "Footer", 7) == ("a.   b.", True)
    text, found = strip_running("a. Footer 15 A note. 23", "Footer", 23)
    assert found and text.split() == ["a.", "15", "A", "note."]
    assert strip_running("no furniture", "Footer", 3) == ("no furniture", False)


def test_find_markers_skips_dates_and_quantities() -> None:
    text = "held on 21 October 2015. 21 The meeting of 3 delegates, 3 and more"
    three = text.index(", 3") + 1  # not "of 3 delegates"
    assert find_markers(text, [21, 3]) == [(24, 27, 21), (three, three + 2, 3)]


def test_split_footnotes_with_lost_number() -> None:
    area = "1 First note. Lost body here. 3 Third note 2016."
    notes = split_footnotes(area, 1, {2: r"Lost body"}, line=9)
    assert [(n.number, n.text, n.number_inferred) for n in notes] == [
        (1, "First note.", False), (2, "Lost body here.", True), (3, "Third note 2016.", False)]


def test_stream_clean_moves_markers_to_refs() -> None:
    stream = Stream()
    text = "States, 1 and the Secretary- General. 2 Next"
    stream.add_page(Page(9, 26, text), text, find_markers(text, [1, 2]))
    clean, refs = stream.clean(0, len(text))
    assert clean == "States, and the Secretary-General. Next"
    assert [(r.number, r.offset) for r in refs] == [(1, 7), (2, 34)]
    assert stream.page_at(5).line == 26


def test_is_lossy() -> None:
    assert is_lossy("the Organization s Fair Recruitment Initiative")
    assert is_lossy("(28 30 June 2017)") and is_lossy("hosted on October 2017 in Geneva")
    assert not is_lossy("held on 10 and 11 October 2017 in Geneva")
    assert is_lossy("the speakers interventions", ["speakers interventions"])


def test_sentences_and_groups() -> None:
    text = ("Dialogues (e.g. the IDM) exist. H.E. Mr Lauber spoke. Two areas: 1. Data; and "
            "2. The role. What next? Done.")
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Dialogues (e.g. the IDM) exist.", "H.E. Mr Lauber spoke.",
        "Two areas: 1. Data; and 2. The role.", "What next?", "Done."]
    groups = group_sentences(text, spans, max_words=9)
    assert all(len(text[a:b].split()) <= 9 for a, b in groups)
    assert groups[0][0] == 0 and groups[-1][1] == len(text)


def test_split_inline_list_keeps_nested_lists() -> None:
    assert split_inline_list("x y; and z: a; b.") == ["x y", "z: a; b"]
