"""GRCP 7 Summary Report (SPEC doc 003): counts of §3.3/§5 and acceptance checks of §6."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gcmdesk.core.corpus.cleaning import collapse, fix_split_compounds
from gcmdesk.core.corpus.grcp7_report import parse
from gcmdesk.core.corpus.model import ParsedDocument, Passage

SOURCE = Path(__file__).parents[2] / "resources/corpus/2017-10-grcp7-summary-report.txt"

FOOTER = (
    "Seventh Global Meeting of Chairs and Secretariats of Regional, Inter-regional and Global "
    "Consultative Processes on Migration (GRCP 7)"
)
HEADERS = (
    "Background to the GRCP 7 and the global compact for migration",
    "Cross-regional recommendations for the global compact for migration and its follow-up "
    "and implementation",
    "Conclusions 16",
    "The six thematic clusters established in the global compact for migration Modalities "
    "Resolution",
    "GRCP 7 Background Note",
)
JUNK = ("More information", "Size: px", "Transcription", "@iom.int", "Start display at page",
        "Download", "http")
PRIORITIES = (
    "Uphold the human rights of all migrants regardless of their migratory status, with "
    "particular attention to migrants in vulnerable situations",
    "Promote social integration and social inclusion, including access to social services",
    "Combat racism, discrimination and xenophobia and promote a positive image of migrants",
    "Facilitate regular and combat irregular migration, including through promotion of circular "
    "labour migration schemes, recognition of qualifications and skills, and family "
    "reunification",
    "Enhance collection and analysis of migration data and promote data exchange between "
    "countries",
)
RECOMMENDATIONS = (
    "Recognize and reinforce the role of inter-state cooperation mechanisms on migration as "
    "critical mechanisms for the implementation of the global compact for migration and the "
    "attainment of the Sustainable Development Goals (SDGs)",
    "Enhance complementarities and synergies between and among the national, regional and "
    "global levels of governance",
    "Foster strong partnerships and multi-stakeholder cooperation",
    "Promote whole-of-government approaches to migration governance among the members of "
    "inter-state cooperation mechanisms on migration",
    "Ensure alignment and complementarity between the global compact for migration and other "
    "relevant global frameworks, especially the 2030 Agenda",
)
# Body sentence that follows each run-in title (SPEC §3.3).
TITLE_FOLLOWERS = (
    "This priority strongly shared", "Discussions emphasized", "This priority is closely linked",
    "There was a broad agreement", "The improvement of data collection",
    "RCPs, IRFs and global processes on migration have paved the way",
    "RCPs, IRFs and global processes on migration provide key linkages",
    "Partnerships and broad-based cooperation will be key", "Adopting a whole-of-government",
    "The global compact for migration will be grounded",
)
ELEMENT_ORDER = list("ioumqwpefjsvxradhtcnbgkl")


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_id(doc: ParsedDocument) -> dict[str, Passage]:
    return {p.local_id: p for p in doc.passages}


def _kind(doc: ParsedDocument, prefix: str) -> list[Passage]:
    return [p for p in doc.passages if re.fullmatch(rf"{prefix}[a-z0-9]+", p.local_id)]


# --- sections -----------------------------------------------------------------------------


def test_section_tree(doc: ParsedDocument) -> None:
    top = [s.local_id for s in doc.sections if s.level == 1]
    assert top == ["sec-introduction", "sec-1", "sec-2", "sec-3", "sec-conclusions",
                   "sec-annexes"]
    level2 = {s.local_id: (s.number, s.parent) for s in doc.sections if s.level == 2}
    assert level2 == {
        "sec-2-1": ("2.1", "sec-2"), "sec-3-1": ("3.1", "sec-3"), "sec-3-2": ("3.2", "sec-3"),
        "sec-annex-1": ("4.1", "sec-annexes"), "sec-annex-2": ("4.2", "sec-annexes"),
        "sec-annex-3": ("4.3", "sec-annexes"), "sec-annex-4": ("4.4", "sec-annexes"),
    }
    level3 = [s for s in doc.sections if s.level == 3]
    assert len(level3) == 6
    assert all(s.parent == "sec-annex-4" and s.local_id.startswith("sec-annex-4-") for s in level3)
    themes = [s for s in doc.sections if s.parent == "sec-annex-4-appendix-1"]
    assert len(themes) == 6
    assert themes[0].title.startswith("Human rights of all migrants")
    assert len({s.local_id for s in doc.sections}) == len(doc.sections)
    ids = {s.local_id for s in doc.sections}
    assert all(s.parent is None or s.parent in ids for s in doc.sections)
    assert all(p.section in ids for p in doc.passages)


def test_section_three_heading_is_not_an_item(doc: ParsedDocument) -> None:
    sec3 = next(s for s in doc.sections if s.local_id == "sec-3")
    assert sec3.number == "3"
    assert sec3.title.startswith("Cross-regional recommendations")
    assert not any(p.text.startswith("Cross-regional recommendations") for p in doc.passages)


# --- anchors ------------------------------------------------------------------------------


def test_annex_3_paragraphs_with_lost_label_9(doc: ParsedDocument, by_id) -> None:
    paras = [p for p in doc.passages if re.fullmatch(r"annex-3-para-\d+", p.local_id)]
    assert [p.number for p in paras] == [str(n) for n in range(1, 11)]
    assert [p.number for p in paras if p.number_inferred] == ["9"]
    nine = by_id["annex-3-para-9"]
    assert nine.text.startswith("The GRCP 7 provided an important opportunity")
    assert nine.locator == "Annex 3, para. 9"
    assert not nine.text.startswith("GRCP 7 Highlights")
    assert "annex 3: label 9 inferred" in doc.warnings
    assert by_id["annex-3-para-10"].text.endswith("orderly and regular migration.")
    assert all(p.kind == "paragraph" and p.section == "sec-annex-3" for p in paras)


def test_annex_3_para_8_sub_items(by_id) -> None:
    subs = [by_id[f"annex-3-para-8-{x}"] for x in "abc"]
    assert [s.kind for s in subs] == ["sub_item"] * 3
    assert all(s.parent == "annex-3-para-8" for s in subs)
    assert subs[1].text.startswith("partnerships with intergovernmental organizations")
    assert by_id["annex-3-para-8"].text.endswith("These include:")


def test_clusters(doc: ParsedDocument) -> None:
    clusters = _kind(doc, "annex-2-cluster-")
    assert len(clusters) == 6
    starts = ["Human rights of all migrants", "Irregular migration and regular pathways",
              "International cooperation and governance", "Contributions of migrants",
              "Addressing drivers of migration", "Smuggling of migrants"]
    assert all(c.text.startswith(s) for c, s in zip(clusters, starts, strict=True))
    assert all(c.kind == "list_item" for c in clusters)
    # The p.22 running header sat between clusters 5 and 6.
    assert "Modalities Resolution" not in clusters[4].text


def test_definitions(doc: ParsedDocument) -> None:
    defs = _kind(doc, "annex-1-definition-")
    starts = ["Inter-State consultation mechanisms (ISCMs) are", "Global processes on migration",
              "Interregional forums on migration (IRFs)", "Regional consultative processes"]
    assert len(defs) == 4
    assert all(d.text.startswith(s) for d, s in zip(defs, starts, strict=True))


def test_appendix_1_elements(doc: ParsedDocument, by_id) -> None:
    elements = _kind(doc, "appendix-1-element-")
    assert [e.local_id[-1] for e in elements] == ELEMENT_ORDER
    assert [e.number for e in elements] == [f"({x})" for x in ELEMENT_ORDER]
    assert by_id["appendix-1-element-a"].text == (
        "International migration as a multidimensional reality of major relevance for the "
        "development of countries of origin, transit and destination, as recognized in the 2030 "
        "Agenda for Sustainable Development."
    )
    # A theme heading that follows an element is not part of it.
    assert by_id["appendix-1-element-u"].text.endswith("towards all migrants.")
    assert by_id["appendix-1-element-r"].text.endswith("towards host countries.")
    assert by_id["appendix-1-element-x"].locator == "Annex 4, Appendix 1, element (x)"


def test_guiding_questions(doc: ParsedDocument) -> None:
    questions = _kind(doc, "question-")
    assert len(questions) == 5
    assert questions[1].text.startswith("What concrete recommendations")
    assert "iv. each of the global compact themes" in questions[1].text
    assert all(q.kind == "list_item" for q in questions)


def test_items_of_3_1_and_3_2_keep_their_run_in_titles(by_id) -> None:
    items = [by_id[f"priority-{n}"] for n in range(1, 6)]
    items += [by_id[f"recommendation-{n}"] for n in range(1, 6)]
    for item, title, follower in zip(items, PRIORITIES + RECOMMENDATIONS, TITLE_FOLLOWERS,
                                     strict=True):
        assert item.title == title
        assert item.text.startswith(f"{title} {follower}")
        assert item.kind == "list_item"
    assert by_id["priority-2"].locator == "section 3.1, priority 2"
    assert by_id["priority-1"].section == "sec-3-1"
    assert by_id["recommendation-1"].section == "sec-3-2"


# --- recommendations ----------------------------------------------------------------------


def test_must_recommendations(doc: ParsedDocument) -> None:
    must = [r for r in doc.recommendations if r.status == "must"]
    assert [(r.list_id, r.number, r.type) for r in must] == (
        [("R1", str(n), "priority") for n in range(1, 6)]
        + [("R2", str(n), "recommendation") for n in range(1, 6)]
    )
    assert [r.title for r in must] == list(PRIORITIES + RECOMMENDATIONS)


def test_should_recommendations(doc: ParsedDocument) -> None:
    counts = {lid: sum(r.list_id == lid for r in doc.recommendations) for lid in
              ("R3", "R4", "R5")}
    assert counts == {"R3": 5, "R4": 7, "R5": 3}
    r3 = [r for r in doc.recommendations if r.list_id == "R3"]
    assert r3[3].text.startswith("combat xenophobia, racism")  # after the p.23/p.24 break
    assert all(r.status == "should" for r in r3)


def test_may_recommendations(doc: ParsedDocument) -> None:
    may = [r for r in doc.recommendations if r.status == "may"]
    assert [r.list_id for r in may] == ["R6"] * 3 + ["R7"] * 8
    assert may[0].text == "Building the capacities of their participating States"
    assert may[-1].text.startswith("Stock-take, collate research and data, and compile")
    assert all(r.type == "action" for r in may)


def test_every_recommendation_text_is_in_its_passage(doc: ParsedDocument, by_id) -> None:
    assert doc.recommendations
    for r in doc.recommendations:
        assert r.text and r.text in by_id[r.passage].text, r


# --- footnotes ----------------------------------------------------------------------------


def test_footnotes(doc: ParsedDocument) -> None:
    assert 41 <= len(doc.footnotes) <= 42
    assert [f.number for f in doc.footnotes] == list(range(1, len(doc.footnotes) + 1))
    inferred = {f.number for f in doc.footnotes if f.number_inferred}
    assert inferred - {42} == {3, 11, 16, 25, 29, 30, 36, 37, 38}
    by_number = {f.number: f for f in doc.footnotes}
    assert by_number[3].text.startswith("Two co-facilitators")
    assert by_number[15].text.startswith("For the purposes of this Report")
    assert not by_number[15].text.endswith("23")  # the displaced page number of p.25
    assert by_number[38].text.startswith("For the first time")
    assert all(FOOTER not in f.text for f in doc.footnotes)


def test_footnote_refs_are_removed_and_anchored(doc: ParsedDocument, by_id) -> None:
    refs = [r.number for p in doc.passages for r in p.footnote_refs]
    assert set(refs) == set(range(1, 43)) - {4, 13, 15, 28}  # references lost in the text
    assert len(refs) == len(set(refs))
    intro = by_id["p-2"]
    assert "global processes on migration, and from five UN RCs" in intro.text
    assert "Migrants 6 and" not in " ".join(p.text for p in doc.passages)


def test_round_trip_raw_to_text(doc: ParsedDocument) -> None:
    """Clean text plus its markers put back is the collapsed source span (SPEC §6.8)."""
    for p in doc.passages:
        text = p.text
        for ref in sorted(p.footnote_refs, key=lambda r: -r.offset):
            if ref.offset or f" {ref.number}" in p.raw_text[:8]:
                text = text[: ref.offset] + f" {ref.number}" + text[ref.offset :]
        source = fix_split_compounds(collapse(p.raw_text))
        assert source.endswith(text.strip()), p.local_id


# --- cleanliness (SPEC §6) ----------------------------------------------------------------


def test_no_junk_furniture_or_split_compounds(doc: ParsedDocument) -> None:
    for p in doc.passages:
        for s in (*JUNK, FOOTER, *HEADERS):
            assert s not in p.text, (p.local_id, s)
        assert not re.search(r"\w- \w|\w -\w", p.text), p.local_id
        assert p.text == collapse(p.text)
    body = " ".join(p.text for p in doc.passages)
    assert "Secretary-General (SRSG)" in body and "inter-State consultation" in body


def test_real_text_that_looks_like_a_header_is_kept(doc: ParsedDocument) -> None:
    body = " ".join(p.text for p in doc.passages)
    assert "ten joint recommendations or GRCP 7 Highlights for the global compact" in body
    assert "formulation of ten joint recommendations" in body  # "of ten" is not "often"
    assert body.count("GRCP 7 Highlights") == 1
    # Conclusions repeat their last two sentences; both locations are kept.
    assert "compact for migration is not the end" in body
    assert "compact on migration is not the end" in body


def test_front_matter_and_tail_are_dropped(doc: ParsedDocument) -> None:
    body = " ".join(p.text for p in doc.passages)
    assert "85_17" not in body and "Table of contents" not in body
    assert "List of acronyms" not in body and "CLOSING REMARKS" not in body
    assert doc.stripped["junk_lines"] >= 300
    assert doc.stripped["running_headers"] == 13
    assert doc.stripped["running_footers"] == 13
    assert "truncated: annexes 5-9 absent" in doc.warnings


# --- passages -----------------------------------------------------------------------------


def test_passage_totals_and_ids(doc: ParsedDocument) -> None:
    assert 120 <= len(doc.passages) <= 170
    ids = [p.local_id for p in doc.passages]
    assert len(ids) == len(set(ids))
    prose = [int(i[2:]) for i in ids if i.startswith("p-")]
    assert prose == list(range(1, len(prose) + 1))
    assert all(len(p.text.split()) <= 200 for p in doc.passages if p.local_id.startswith("p-"))
    assert all(p.text for p in doc.passages)


def test_pages_lines_and_locators(by_id) -> None:
    assert (by_id["p-1"].page, by_id["p-1"].line_start, by_id["p-1"].locator) == (7, 26, "p. 7")
    assert by_id["p-1"].text.startswith("The Seventh Global Meeting")
    assert (by_id["priority-1"].page, by_id["priority-1"].line_start) == (10, 32)
    assert by_id["priority-1"].line_end == 34  # runs over to p.13
    assert by_id["annex-3-para-1"].page == 21
    assert by_id["annex-3-para-9"].page == 22
    assert by_id["appendix-1-element-a"].page == 31


def test_text_quality_flags(doc: ParsedDocument) -> None:
    garbled = [p for p in doc.passages if p.text_quality == "garbled_table"]
    assert len(garbled) == 3 and all(p.section.endswith("appendix-2") for p in garbled)
    lossy = {p.local_id for p in doc.passages if p.text_quality == "lossy"}
    assert any("Organization s Fair Recruitment" in p.text for p in doc.passages
               if p.local_id in lossy)
    assert not any("Organization s" in p.text for p in doc.passages if p.local_id not in lossy)


def test_parse_is_deterministic() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert parse(text) == parse(text)
