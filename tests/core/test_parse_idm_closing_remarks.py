"""SPEC doc 000 (IDM 2017 closing remarks): counts of CORPUS-SPEC §3.0/§5 and checks of §6."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from gcmdesk.core.corpus.idm_closing_remarks import parse
from gcmdesk.core.corpus.model import ParsedDocument, Passage

SOURCE = Path(__file__).parents[2] / "resources/corpus/2017-07-idm-closing-remarks.txt"

# Canonical paragraph starts of spec §3.0; 147 is one of its two "ambiguous splits".
CANONICAL_STARTS = {
    11, 15, 27, 36, 46, 54, 70, 74, 90, 95, 103, 107, 113, 119, 129, 139, 147, 161, 165, 171,
    181, 189, 197, 205, 209, 218, 224, 230, 234, 238, 242, 254, 268, 279, 289, 297, 305, 315,
    319, 325, 334, 340, 348, 358, 364, 370,
}  # fmt: skip


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse(SOURCE.read_text(encoding="utf-8"))


def by_id(doc: ParsedDocument) -> dict[str, Passage]:
    return {p.local_id: p for p in doc.passages}


def body(doc: ParsedDocument) -> list[Passage]:
    return [p for p in doc.passages if p.kind != "salutation"]


def test_counts(doc: ParsedDocument) -> None:
    assert 44 <= len(body(doc)) <= 48
    assert Counter(p.kind for p in doc.passages)["salutation"] == 5
    assert Counter(p.kind for p in doc.passages)["list_item"] == 7
    assert not [p for p in doc.passages if p.number and p.number.isdigit()]  # no numbered ¶
    assert doc.footnotes == []
    assert doc.stripped == {"page_numbers": 1}


def test_paragraph_starts_match_the_spec(doc: ParsedDocument) -> None:
    starts = {p.line_start for p in body(doc)}
    assert starts - CANONICAL_STARTS == {76, 291}  # one-sentence leads of T1 and T6
    assert CANONICAL_STARTS - starts == {147}  # ambiguous: L145 is a full line
    assert len({p.local_id for p in doc.passages}) == len(doc.passages)


def test_salutations(doc: ParsedDocument) -> None:
    salutations = [(p.local_id, p.text, p.section) for p in doc.passages if p.kind == "salutation"]
    assert salutations == [
        ("salutation-1", "Honorable Ministers,", "sec-opening"),
        ("salutation-2", "Excellencies,", "sec-opening"),
        ("salutation-3", "Distinguished Delegates,", "sec-opening"),
        ("salutation-4", "Ladies and Gentlemen,", "sec-opening"),
        ("salutation-5", "Excellences, Ladies and Gentlemen,", "sec-conclusions"),
    ]


def test_sections(doc: ParsedDocument) -> None:
    assert [s.local_id for s in doc.sections] == [
        "sec-opening",
        "sec-takeaways",
        *(f"sec-takeaway-{n}" for n in range(1, 8)),
        "sec-conclusions",
    ]
    assert {s.parent for s in doc.sections if s.level == 2} == {"sec-takeaways"}
    per_section = Counter(p.section for p in body(doc))
    assert per_section["sec-opening"] == 7
    assert per_section["sec-conclusions"] == 6
    assert by_id(doc)["p-7"].text.endswith("I would like to highlight 7 main takeaways:")


def test_takeaways(doc: ParsedDocument) -> None:
    leads = [p for p in doc.passages if p.kind == "list_item"]
    assert [(p.local_id, p.number, p.section) for p in leads] == [
        (f"takeaway-{n}", f"T{n}", f"sec-takeaway-{n}") for n in range(1, 8)
    ]
    assert leads[0].text == (
        "This first is that migrants are not inherently vulnerable or uniformly victims."
    )
    assert (
        leads[5].text
        == "The sixth message is that international cooperation is at the hearth of the GCM."
    )
    assert leads[6].raw_text.startswith("7. The seventh and last takeaway")
    assert (leads[6].line_start, leads[6].line_end) == (315, 317)


def test_joins_and_page_furniture(doc: ParsedDocument) -> None:
    texts = {p.line_start: p.text for p in doc.passages}
    assert "standardized pre-departure and post-arrival orientation" in texts[181]
    # L275 (leading space, page start) continues the sentence of L274
    assert "reduce health and social costs, improve social cohesion" in texts[268]
    assert texts[218].startswith("Applying instruments available")  # page start after a sentence
    for p in doc.passages:
        assert "4" not in p.raw_text.split("\n")  # the page number of L159
        assert "  " not in p.text
        assert not re.search(r"\w -\w|\w- \w", p.text)
    assert "post-arrival" in " ".join(doc.repairs)


def test_recommendations(doc: ParsedDocument) -> None:
    recs = doc.recommendations
    assert [(r.list_id, r.number, r.type, r.status) for r in recs] == [
        ("R1", str(n), "takeaway", "must") for n in range(1, 8)
    ]
    assert {r.list_heading for r in recs} == {"7 main takeaways"}
    passages = by_id(doc)
    for rec in recs:
        assert rec.passage == f"takeaway-{rec.number}"
        assert rec.text == passages[rec.passage].text
    assert recs[3].text.startswith("The fourth takeaway is that while policies")


def test_deterministic() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert parse(text) == parse(text)
