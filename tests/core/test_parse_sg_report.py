"""SPEC doc 001 (A/72/643): counts of CORPUS-SPEC §3.1/§5 and acceptance checks of §6."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from gcmdesk.core.corpus.model import ParsedDocument, Passage
from gcmdesk.core.corpus.sg_report import parse

SOURCE = (
    Path(__file__).parents[2]
    / "resources/corpus/2017-12-a-72-643-making-migration-work-for-all.txt"
)


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse(SOURCE.read_text(encoding="utf-8"))


def by_id(doc: ParsedDocument) -> dict[str, Passage]:
    return {p.local_id: p for p in doc.passages}


def test_numbered_paragraphs_1_to_88_once_and_in_order(doc: ParsedDocument) -> None:
    numbers = [p.number for p in doc.passages if p.local_id.startswith("para-") and not p.parent]
    assert numbers == [str(n) for n in range(1, 89)]
    assert doc.passages[3].number == "1"  # after the three summary paragraphs


def test_passage_counts(doc: ParsedDocument) -> None:
    kinds = Counter(p.kind for p in doc.passages)
    assert len(doc.passages) == 100
    assert kinds == {"paragraph": 91, "sub_item": 9}
    summary = [p for p in doc.passages if p.section == "sec-summary"]
    assert [(p.local_id, p.number) for p in summary] == [
        ("summary-1", "S1"),
        ("summary-2", "S2"),
        ("summary-3", "S3"),
    ]
    assert len({p.local_id for p in doc.passages}) == 100


def test_sub_items(doc: ParsedDocument) -> None:
    subs = [(p.local_id, p.number, p.parent, p.line_start) for p in doc.passages if p.parent]
    assert subs == [
        ("para-4-a", "4(a)", "para-4", 170),
        ("para-4-b", "4(b)", "para-4", 180),
        ("para-4-c", "4(c)", "para-4", 190),
        ("para-4-d", "4(d)", "para-4", 204),
        ("para-67-a", "67(a)", "para-67", 1564),
        ("para-67-b", "67(b)", "para-67", 1572),
        ("para-67-c", "67(c)", "para-67", 1582),
        ("para-83-a", "83(a)", "para-83", 1877),
        ("para-83-b", "83(b)", "para-83", 1895),
    ]
    # column-0 "(a)"/"(b)" lines are wrapped inline enumerations, not items
    assert "(a) destination countries" in by_id(doc)["para-37"].text
    assert "(b) reduce uncertainties" in by_id(doc)["para-68"].text


def test_sections(doc: ParsedDocument) -> None:
    assert len(doc.sections) == 18
    secs = {s.local_id: s for s in doc.sections}
    assert secs["sec-summary"].title == "Summary"
    wrapped = secs["sec-ii"]
    assert wrapped.title == "The need for a respectful and realistic debate about migration"
    assert (wrapped.number, wrapped.level) == ("II", 1)
    sub = secs["sec-vi-c"]
    assert (sub.title, sub.number, sub.level, sub.parent) == (
        "Follow-up to the global compact",
        "C",
        2,
        "sec-vi",
    )
    assert sum(s.level == 1 for s in doc.sections) == 8  # Summary + I–VII
    passages = by_id(doc)
    assert passages["para-19"].section == "sec-iii"  # chapter chapeau
    assert passages["para-20"].section == "sec-iii-a"
    assert passages["para-88"].section == "sec-vii"


def test_paragraph_4_joined_across_page_break(doc: ParsedDocument) -> None:
    p4 = by_id(doc)["para-4"]
    assert "elements of the United Nations system and a wide array of stakeholders" in p4.text
    assert p4.text.endswith("while preparing for the adoption of the global compact:")
    assert "Utilizing the definition" not in p4.text  # footnote 2 sits between the halves
    assert (p4.line_start, p4.line_end) == (112, 168)
    assert p4.raw_text.startswith("4. Reflecting")
    assert "Utilizing" not in p4.raw_text


def test_paragraph_21_joined_across_footnotes_and_links(doc: ParsedDocument) -> None:
    p21 = by_id(doc)["para-21"]
    assert "economic ambitions." in p21.text
    assert p21.text.endswith("in their countries of origin.")
    assert [(r.number, p21.text[: r.offset][-10:]) for r in p21.footnote_refs] == [
        (10, "ambitions.")
    ]


def test_footnotes(doc: ParsedDocument) -> None:
    assert [fn.number for fn in doc.footnotes] == list(range(1, 36))
    notes = {fn.number: fn for fn in doc.footnotes}
    assert notes[1].line == 117
    assert notes[1].text.startswith("See the report of the United Nations High Commissioner")
    # a URL wrapped across lines is rejoined without a space
    assert "(https://www.iom.int/key-migration-terms)" in notes[2].text
    assert "http://www.ohchr.org/Documents/HRBodies/" in notes[22].text
    assert notes[35].text.endswith("http://refugeesmigrants.un.org/SGReport.")
    assert "well-managed" in notes[4].text


def test_footnote_references(doc: ParsedDocument) -> None:
    refs = Counter(r.number for p in doc.passages for r in p.footnote_refs)
    assert sum(refs.values()) == 39
    assert set(refs) == set(range(1, 36))
    assert (refs[3], refs[10], refs[30]) == (3, 2, 2)
    where = {
        n: sorted({p.number for p in doc.passages for r in p.footnote_refs if r.number == n})
        for n in (3, 10, 27, 30)
    }
    assert where == {3: ["3", "6"], 10: ["21", "27"], 27: ["49"], 30: ["62", "70"]}


def test_marker_offsets_and_false_markers(doc: ParsedDocument) -> None:
    passages = by_id(doc)
    p3 = passages["para-3"]
    assert "migrants. The majority" in p3.text  # "migrants.2 The majority"
    words_before = [p3.text[: r.offset].rsplit(" ", 1)[-1] for r in p3.footnote_refs]
    assert words_before == ["migrants.", "cent.", "population."]
    assert "nursing). This would" in passages["para-27"].text
    # numbers that only look like markers stay
    assert "(see paras. 4 (a)–(d))" in passages["para-19"].text
    assert "remain optimal 5, 10 or 20 years" in passages["para-81"].text
    assert "(as described at para. 27 above)" in passages["para-63"].text
    assert "As of 4 December 2017, 5,136 migrants" in passages["para-47"].text


def test_no_noise_in_passages(doc: ParsedDocument) -> None:
    for p in doc.passages:
        assert "__________________" not in p.text
        assert "http" not in p.text and "http" not in p.raw_text
        assert "  " not in p.text
        assert not re.search(r"\w -\w|\w- \w", p.text), p.local_id
    texts = " ".join(p.text for p in doc.passages)
    for compound in ("Secretary-General", "evidence-based", "High-level", "well-managed"):
        assert compound in texts
    assert "Goal 10 of the 2030 Agenda" not in texts  # footnote 4 body
    assert doc.stripped["link_lines"] == 20
    assert "page_numbers" not in doc.stripped


def test_kerning_left_for_the_builder(doc: ParsedDocument) -> None:
    assert "benefi t their host societies" in by_id(doc)["para-21"].text


def test_recommendations(doc: ParsedDocument) -> None:
    counts = Counter((r.list_id, r.status) for r in doc.recommendations)
    assert counts == {
        ("R1", "must"): 4,
        ("R2", "should"): 10,
        ("R3", "must"): 3,
        ("R4", "should"): 5,
        ("R5", "must"): 2,
    }
    passages = by_id(doc)
    for rec in doc.recommendations:
        assert rec.text and rec.text in passages[rec.passage].text
    r1 = [r for r in doc.recommendations if r.list_id == "R1"]
    assert (r1[0].number, r1[0].type, r1[0].passage) == ("a", "consideration", "para-4-a")
    assert r1[2].title == "Security matters"
    r3c = next(r for r in doc.recommendations if r.list_id == "R3" and r.number == "c")
    assert r3c.text.startswith("More credible pathways for migrants")
    assert {r.passage for r in doc.recommendations if r.list_id == "R4"} == {
        "para-73",
        "para-74",
        "para-75",
        "para-76",
        "para-80",
    }


def test_deterministic() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert parse(text) == parse(text)
