"""Re-anchoring: exact position, then the quote (context picks between repeats), then fuzzy,
else orphaned with the old selectors kept. Never onto other text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gcmdesk.core.anchoring import (
    ANCHORED,
    FUZZY,
    MOVED,
    ORPHANED,
    WHOLE_PASSAGE,
    Selectors,
    find_quote,
    reanchor,
    relocate,
    selectors_for,
)
from gcmdesk.core.errors import InvalidInput

TEXT = ("Since December 2018, nearly 14,000 migrants have lost their lives in attempting to "
        "reach new destinations. Many migrants have been stranded or forcibly returned.")


def sel(words: str, text: str = TEXT, n: int = 1):
    return selectors_for(text, *find_quote(text, words, n))


def test_unchanged_text_anchors_in_place() -> None:
    s = sel("14,000 migrants")
    assert reanchor(TEXT, s).status == ANCHORED and reanchor(TEXT, s).selectors == s


def test_text_inserted_before_moves_the_offsets() -> None:
    s = sel("14,000 migrants")
    new = TEXT.replace("Since December 2018,", "Since December 2018 (IOM figures),")
    found = reanchor(new, s)
    assert found.status == MOVED
    assert new[found.selectors.start:found.selectors.end] == "14,000 migrants"
    assert found.selectors.start == s.start + len(" (IOM figures)")


def test_context_picks_the_right_repeat() -> None:
    text = "Migrants in transit. Migrants in detention. Migrants in transit again."
    second = sel("Migrants in", text, 2)
    assert second.suffix.startswith(" detention")
    shifted = "Note: " + text.replace("Migrants in transit again", "and so on")
    found = reanchor(shifted, second)
    assert found.status == MOVED
    assert shifted[found.selectors.end:].startswith(" detention")


def test_small_edit_inside_the_quote_is_fuzzy() -> None:
    s = sel("nearly 14,000 migrants have lost their lives")
    new = TEXT.replace("14,000", "14,500")
    found = reanchor(new, s)
    assert found.status == FUZZY
    assert new[found.selectors.start:found.selectors.end] == (
        "nearly 14,500 migrants have lost their lives")


def test_vanished_quote_is_orphaned_with_its_selectors() -> None:
    s = sel("14,000 migrants have lost their lives")
    new = TEXT.replace("nearly 14,000 migrants have lost their lives in attempting",
                       "people tried")
    found = reanchor(new, s)
    assert found.status == ORPHANED and found.selectors == s
    assert reanchor(None, s).status == ORPHANED  # the passage itself is gone


def test_short_quotes_are_never_fuzzy() -> None:
    s = sel("Many")
    assert reanchor(TEXT.replace("Many", "Mony"), s).status == ORPHANED


def test_whole_passage_and_invalid_selections() -> None:
    assert reanchor("anything", WHOLE_PASSAGE).status == ANCHORED
    with pytest.raises(InvalidInput):
        selectors_for(TEXT, 5, 5)
    with pytest.raises(InvalidInput, match="appears 2 times"):
        find_quote(TEXT, "migrants")
    with pytest.raises(InvalidInput, match="does not contain"):
        find_quote(TEXT, "refugees")


def test_whole_passage_notes_check_the_text_they_remember() -> None:
    whole = Selectors(exact=TEXT)
    assert reanchor(TEXT, whole).status == ANCHORED
    edited = reanchor(TEXT.replace("14,000", "14,500"), whole)
    assert edited.status == FUZZY and edited.selectors.exact.count("14,500") == 1
    assert edited.selectors.whole_passage
    assert reanchor("A different paragraph altogether.", whole).status == ORPHANED


def test_relocate_finds_renumbered_passages_only_when_unambiguous() -> None:
    s = sel("14,000 migrants have lost their lives")
    texts = {"p-3": "Other words.", "p-4": TEXT}
    pid, found = relocate(texts, s) or ("", None)
    assert pid == "p-4" and found is not None and found.status == MOVED
    assert relocate({"p-3": TEXT, "p-4": TEXT}, s) is None  # two equal places: refuse
    assert relocate({"p-3": "Other words."}, s) is None
    whole = relocate({"p-1": "x", "p-9": TEXT}, Selectors(exact=TEXT))
    assert whole is not None and whole[0] == "p-9" and whole[1].status == MOVED
    assert relocate({"p-9": TEXT}, sel("Many")) is None  # too short to be sure


words = st.lists(st.sampled_from(
    ["migrants", "rights", "return", "detention", "labour", "children", "safe", "orderly",
     "regular", "cooperation", "data", "border"]), min_size=12, max_size=40)


@given(words, st.data())
def test_reanchoring_never_lands_on_unlike_text(ws: list[str], data: st.DataObject) -> None:
    """Whatever edit is made, a re-anchored quote is the old quote or close to it."""
    import difflib

    text = " ".join(ws)
    i = data.draw(st.integers(0, len(ws) - 4))
    j = data.draw(st.integers(i + 3, min(len(ws), i + 8)))
    quote = " ".join(ws[i:j])
    start = len(" ".join(ws[:i])) + (1 if i else 0)
    s = selectors_for(text, start, start + len(quote))
    edited = list(ws)
    k = data.draw(st.integers(0, len(ws) - 1))
    edited[k] = data.draw(st.sampled_from(["asylum", "", "remittances", "migrants migrants"]))
    new = " ".join(w for w in edited if w)
    found = reanchor(new, s)
    if found.status in (ANCHORED, MOVED):
        assert new[found.selectors.start:found.selectors.end] == quote
    elif found.status == FUZZY:
        got = new[found.selectors.start:found.selectors.end]
        assert difflib.SequenceMatcher(None, quote, got, autojunk=False).ratio() >= 0.85
    else:
        assert found.selectors == s
