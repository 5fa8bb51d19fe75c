"""SPEC doc 002 (Marrakech background note): counts of CORPUS-SPEC §3.2/§5 and checks of §6."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from gcmdesk.core.corpus.marrakech_note import parse
from gcmdesk.core.corpus.model import ParsedDocument, Passage

SOURCE = (
    Path(__file__).parents[2]
    / "resources/corpus/2018-12-marrakech-background-note-implementing-commitments.txt"
)


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse(SOURCE.read_text(encoding="utf-8"))


def by_id(doc: ParsedDocument) -> dict[str, Passage]:
    return {p.local_id: p for p in doc.passages}


def test_numbered_paragraphs_with_gap_at_9(doc: ParsedDocument) -> None:
    numbers = [p.number for p in doc.passages if p.kind == "paragraph"]
    assert numbers == [str(n) for n in [*range(1, 9), *range(10, 22)]]
    assert doc.warnings == ["gap after 8"]
    assert by_id(doc)["para-10"].line_start == 161  # page start " 10."


def test_bullets(doc: ParsedDocument) -> None:
    items = [p for p in doc.passages if p.kind == "list_item"]
    assert len(items) == 42
    assert len(doc.passages) == 62
    per_para = Counter(p.parent for p in items)
    assert per_para == {
        "para-5": 7,
        "para-8": 4,
        "para-10": 3,
        "para-11": 4,
        "para-12": 3,
        "para-13": 3,
        "para-14": 4,
        "para-15": 3,
        "para-20": 8,
        "para-21": 3,
    }
    passages = by_id(doc)
    third = passages["para-5-item-3"]  # page start after footnote 1 and the junk URL
    assert (third.number, third.line_start) == ("5•3", 75)
    assert (
        third.text
        == "Improving our mechanisms for migration management, to limit irregular migration;"
    )
    # "- including…" continues the bullet; a lone "and" line is kept
    assert "climate change - including through measures" in passages["para-10-item-3"].text
    assert passages["para-12-item-2"].text.endswith("to facilitate regular migration; and")


def test_sections(doc: ParsedDocument) -> None:
    assert [(s.local_id, s.title) for s in doc.sections] == [
        ("sec-intro", "Introduction"),
        ("sec-defining-priorities", "Defining priorities"),
        ("sec-kick-starting-gcm-implementation", "Kick-starting GCM implementation"),
        ("sec-strengthening-and-assessing-cooperation", "Strengthening and assessing cooperation"),
        ("sec-questions-for-the-dialogue", "Questions for the Dialogue"),
    ]
    sections = Counter(p.section for p in doc.passages if p.kind == "paragraph")
    assert list(sections.values()) == [4, 3, 7, 4, 2]
    assert by_id(doc)["para-7"].text.endswith("with a new degree of rigor.")


def test_run_in_titles(doc: ParsedDocument) -> None:
    titled = [(p.number, p.title) for p in doc.passages if p.title]
    assert titled == [
        ("8", "Deepening our shared knowledge of migration"),
        ("10", "Minimizing the adverse drivers of migration"),
        ("11", "Improving migration management"),
        ("12", "Strengthening frameworks for regular migration"),
        ("13", "Protecting the lives, security and human rights of all migrants"),
        ("14", "Securing labour and social protections for migrants"),
        ("15", "Unlocking the potential of migration for inclusive development"),
    ]
    for p in doc.passages:
        if p.title:
            assert p.text.startswith(p.title + ": ")


def test_page_breaks_inside_paragraphs(doc: ParsedDocument) -> None:
    passages = by_id(doc)
    assert "they can cooperate to (i) create bilateral and regional arrangements" in (
        passages["para-12"].text
    )
    assert "ranging from legal matters to economic and social affairs" in passages["para-19"].text


def test_footnotes(doc: ParsedDocument) -> None:
    assert [(fn.number, fn.line) for fn in doc.footnotes] == [(1, 72), (2, 156), (3, 159), (4, 160)]
    assert doc.footnotes[1].text.endswith("and the work of the UN Migration Network.")
    assert doc.footnotes[3].text == "See A/73/286 (1 August 2018), Chapter V."
    refs = [(p.local_id, r.number) for p in doc.passages for r in p.footnote_refs]
    assert refs == [("para-5", 1), ("para-7", 2), ("para-8-item-2", 3), ("para-8-item-3", 4)]
    p5 = by_id(doc)["para-5"]
    assert p5.text.endswith("benefits of the GCM, including:")
    assert p5.text[: p5.footnote_refs[0].offset].endswith("including")


def test_no_noise_in_passages(doc: ParsedDocument) -> None:
    assert doc.stripped["junk_urls"] == 1
    for p in doc.passages:
        assert "http" not in p.text and "itrade" not in p.raw_text
        assert "subheadings have been formulated" not in p.text
        assert "  " not in p.text
        assert not re.search(r"\w -\w|\w- \w", p.text), p.local_id
    assert "whole-of-government approach" in by_id(doc)["para-15-item-2"].text
    assert "certain actions - at the national" in by_id(doc)["para-5"].text  # dash kept


def test_recommendations(doc: ParsedDocument) -> None:
    counts = Counter(r.list_id for r in doc.recommendations)
    assert counts == {"R1": 7, "R2": 4, "R3": 3, "R4": 4, "R5": 3, "R6": 3, "R7": 4, "R8": 3}
    assert {(r.status, r.type) for r in doc.recommendations if r.list_id == "R1"} == {
        ("must", "priority")
    }
    assert {r.type for r in doc.recommendations if r.list_id != "R1"} == {"opportunity"}
    passages = by_id(doc)
    for rec in doc.recommendations:
        assert rec.text and rec.text in passages[rec.passage].text
    r1 = [r for r in doc.recommendations if r.list_id == "R1"]
    assert r1[5].text == "Securing labour and social protections for migrants"
    r4 = next(r for r in doc.recommendations if r.list_id == "R4")
    assert (r4.list_heading, r4.passage) == ("Improving migration management", "para-11-item-1")
    r2 = [r for r in doc.recommendations if r.list_id == "R2"]
    assert r2[1].text.endswith("household surveys and labour force surveys")  # marker removed


def test_deterministic() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert parse(text) == parse(text)
