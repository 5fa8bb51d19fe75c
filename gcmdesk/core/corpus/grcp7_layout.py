"""What is known about the layout of the GRCP 7 Summary Report (SPEC doc 003, §3.3).

Pure data: running furniture per page, where each page's footnote area starts, the footnote
bodies whose number was lost, the section registry (numbers as printed in the body; the TOC
lost them) and the run-in titles of the two MUST recommendation lists. The parser
(:mod:`grcp7_report`) finds every entry in the text and warns when one is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FIRST_BODY_PAGE = 9  # p.1–8: cover, copyright, title page, TOC, acronyms, blank pages
TOC_PAGE = 5

# Odd pages end with this footer plus the printed page number (printed = p - 2). The body's
# own title blocks spell "Interregional", so the hyphenated form is always furniture.
FOOTER = (
    "Seventh Global Meeting of Chairs and Secretariats of Regional, Inter-regional and Global "
    "Consultative Processes on Migration (GRCP 7)"
)
_CROSS = (
    "Cross-regional recommendations for the global compact for migration and its follow-up "
    "and implementation"
)
_NOTE = "GRCP 7 Background Note"
# Even-page running headers, inserted between sentences mid-page. Only these pages: the same
# words are real text elsewhere ("ten joint recommendations or GRCP 7 Highlights", p.12).
HEADERS: dict[int, str] = {
    10: "Background to the GRCP 7 and the global compact for migration",
    12: _CROSS,
    14: _CROSS,
    16: _CROSS,
    18: "Conclusions",
    22: "The six thematic clusters established in the global compact for migration "
    "Modalities Resolution",
    24: "GRCP 7 Highlights",
    26: _NOTE,
    28: _NOTE,
    30: _NOTE,
    32: _NOTE,
    34: _NOTE,
    36: _NOTE,
}

# Opening words of the first footnote body on each page that has footnotes.
FOOTNOTE_AREAS: dict[int, str] = {
    9: "1 African, Caribbean and Pacific",
    10: "5 The term inter-state consultation mechanism",
    11: "9 Respectively:",
    15: "10 UNGA Resolution of 21 October 2015",
    17: "A/CONF.227/L.1 Outcome document",
    22: "14 UNGA A/RES/71/280",
    25: "15 For the purposes of this Report",
    26: "Global Processes on Migration are government-led",
    27: "UNGA A/70/59 In Safety and Dignity",
    28: "UNGA Resolution of 3 October 2016 A/71/1, Annex II, para",
    29: "34 The initial draft",
    30: "39 Examples include",
    32: "41 The elements are listed",
    34: "This is an indicative list",
}
# Footnote bodies whose number the scraper dropped: regex of their opening words.
LOST_FOOTNOTE_NUMBERS: dict[int, str] = {
    3: r"Two co-facilitators \(H\.E\.",
    11: r"A/CONF\.227/L\.1 Outcome",
    16: r"Global Processes on Migration are",
    25: r"UNGA A/70/59",
    29: r"UNGA Resolution of 3 October 2016 A/71/1, Annex II",
    30: r"UNGA A/RES/71/280 Modalities",
    36: r"New York Declaration for Refugees and Migrants, para(?!\.)",
    37: r"Annex II to the New York Declaration, para",
    38: r"For the first time, the Sixth",
    42: r"This is an indicative list",
}
PROBABLE_FOOTNOTES = frozenset({42})  # unnumbered; placed by its marker after "migration"


@dataclass(frozen=True)
class SectionRule:
    local_id: str
    heading: str  # as printed in the body, number included
    title: str
    number: str | None
    level: int
    parent: str | None
    # How the body is read: prose | numbered | definitions | clusters | questions | elements
    # | table | skip (title block and contents only).
    mode: str = "prose"
    follow: str = ""  # words that must follow the heading (Annex 4's contents repeat headings)


def _sec(local_id: str, number: str | None, title: str, level: int, parent: str | None,
         mode: str = "prose", follow: str = "") -> SectionRule:
    # Printed as "1. Background…" for chapters and "2.1 Key outcomes…" for subsections.
    if number is None:
        heading = title
    else:
        heading = f"{number}. {title}" if "." not in number else f"{number} {title}"
    return SectionRule(local_id, heading, title, number, level, parent, mode, follow)


_A4 = "sec-annex-4"
SECTIONS: tuple[SectionRule, ...] = (
    _sec("sec-introduction", None, "Introduction", 1, None),
    _sec("sec-1", "1", "Background to the GRCP 7 and the global compact for migration", 1, None),
    _sec("sec-2", "2", "Summary of proceedings and highlights of the discussion", 1, None),
    _sec("sec-2-1", "2.1", "Key outcomes of the GRCP 7 meeting", 2, "sec-2"),
    _sec("sec-3", "3", _CROSS, 1, None),
    _sec("sec-3-1", "3.1", "Five cross-regional priorities for inclusion in the global compact "
         "for migration", 2, "sec-3", "numbered"),
    _sec("sec-3-2", "3.2", "Five cross-regional recommendations for the follow-up and "
         "implementation of the global compact for migration", 2, "sec-3", "numbered"),
    _sec("sec-conclusions", None, "Conclusions", 1, None),
    _sec("sec-annexes", None, "Annexes", 1, None),
    _sec("sec-annex-1", "4.1", "Annex 1: Definition of inter-state consultation mechanisms on "
         "migration", 2, "sec-annexes", "definitions"),
    _sec("sec-annex-2", "4.2", "Annex 2: The six thematic clusters established in the global "
         "compact for migration Modalities Resolution", 2, "sec-annexes", "clusters"),
    _sec("sec-annex-3", "4.3", "Annex 3: GRCP 7 Highlights", 2, "sec-annexes", "numbered"),
    _sec(_A4, "4.4", "Annex 4: GRCP 7 Background Note", 2, "sec-annexes", "skip"),
    _sec(f"{_A4}-grcp-meetings", None, "General background on Global RCP Meetings", 3, _A4,
         follow="The general term"),
    _sec(f"{_A4}-global-compact", None, "General background on the global compact for safe, "
         "orderly and regular migration", 3, _A4),
    _sec(f"{_A4}-global-compact-what", None, "What is the global compact for migration?", 4,
         f"{_A4}-global-compact"),
    _sec(f"{_A4}-global-compact-process", None, "The process leading to the global compact for "
         "migration", 4, f"{_A4}-global-compact"),
    _sec(f"{_A4}-iscm-role", None, "The role of ISCMs in contributing to the global compact for "
         "migration", 3, _A4),
    _sec(f"{_A4}-iscm-role-basis", None, "Basis for ISCM involvement", 4, f"{_A4}-iscm-role"),
    _sec(f"{_A4}-iscm-role-how", None, "How can ISCMs contribute to the global compact "
         "preparation process?", 4, f"{_A4}-iscm-role"),
    _sec(f"{_A4}-issues", None, "Issues to be addressed during the Seventh Global RCP Meeting "
         "and guiding questions for session discussions", 3, _A4),
    _sec(f"{_A4}-issues-objective", None, "Meeting Objective", 4, f"{_A4}-issues", "questions"),
    _sec(f"{_A4}-appendix-1", None, "Appendix 1. Elements and themes of the global compact for "
         "migration", 3, _A4, "elements"),
    _sec(f"{_A4}-appendix-2", None, "Appendix 2. ISCMs engagement in global compact themes", 3,
         _A4, "table"),
)


@dataclass(frozen=True)
class NumberedRule:
    """A numbered list read from a section body: ``1. …``, ``2. …`` up to ``count``."""

    name: str  # for warnings: "annex 3"
    id_prefix: str  # passage local_id prefix: "priority-" -> "priority-3"
    locator: str  # with {n}: "section 3.1, priority {n}"
    kind: str
    count: int
    skip_lead: bool = False  # the text before item 1 is a title block, not content
    titles: tuple[str, ...] = ()  # run-in titles, no terminal punctuation in the source
    inferred: dict[int, str] = field(default_factory=dict)  # lost label -> opening words
    sub_items: tuple[int, ...] = ()  # items with lettered a. b. c. sub-items


NUMBERED: dict[str, NumberedRule] = {
    "sec-3-1": NumberedRule(
        "section 3.1", "priority-", "section 3.1, priority {n}", "list_item", 5,
        titles=(
            "Uphold the human rights of all migrants regardless of their migratory status, with "
            "particular attention to migrants in vulnerable situations",
            "Promote social integration and social inclusion, including access to social services",
            "Combat racism, discrimination and xenophobia and promote a positive image of migrants",
            "Facilitate regular and combat irregular migration, including through promotion of "
            "circular labour migration schemes, recognition of qualifications and skills, and "
            "family reunification",
            "Enhance collection and analysis of migration data and promote data exchange between "
            "countries",
    )),
    "sec-3-2": NumberedRule(
        "section 3.2", "recommendation-", "section 3.2, recommendation {n}", "list_item", 5,
        titles=(
            "Recognize and reinforce the role of inter-state cooperation mechanisms on "
            "migration as critical mechanisms for the implementation of the global compact for "
            "migration and the attainment of the Sustainable Development Goals (SDGs)",
            "Enhance complementarities and synergies between and among the national, regional "
            "and global levels of governance",
            "Foster strong partnerships and multi-stakeholder cooperation",
            "Promote whole-of-government approaches to migration governance among the members "
            "of inter-state cooperation mechanisms on migration",
            "Ensure alignment and complementarity between the global compact for migration and "
            "other relevant global frameworks, especially the 2030 Agenda",
        )),
    "sec-annex-3": NumberedRule(
        "annex 3", "annex-3-para-", "Annex 3, para. {n}", "paragraph", 10, skip_lead=True,
        inferred={9: "The GRCP 7 provided an important opportunity"}, sub_items=(8,)),
}

# Plural possessives whose apostrophe vanished; they read as ordinary words, so list them.
LOSSY_PHRASES = (
    "speakers interventions", "meetings outcomes", "migrants special needs",
    "GRCPs recommendations", "RCPs role",
)
