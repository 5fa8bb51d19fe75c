"""The searchable items derived from the reference database: passages, recommendations, objectives.

A recommendation whose text is part of its source passage is flagged ``shadow``: the
default search shows the passage once instead of the same text twice, and ``kind:recommendation``
still finds the recommendation itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..refdb import Passage, ReferenceDB
from .api import IndexItem
from .text import default_analysis

GCM_YEAR = 2018  # the GCM (A/RES/73/195) was adopted in December 2018
_HEADING_WORDS = 8  # a passage this short reads like a heading: rank it below real paragraphs
_SUBKIND_PRIOR = {"salutation": 0.3}


def passage_prior(kind: str, text: str, numbered: bool) -> float:
    """Numbered paragraphs and list items rank as found; headings and salutations lower."""
    if kind in _SUBKIND_PRIOR:
        return _SUBKIND_PRIOR[kind]
    if len(text.split()) < _HEADING_WORDS:
        return 0.6
    return 1.0 if numbered else 0.9


def is_shadow(rec_text: str, passage_text: str) -> bool:
    """True if the recommendation's words all appear, in one run, in its source passage."""
    ana = default_analysis()
    rec, full = ana.surfaces(rec_text), ana.surfaces(passage_text)
    if not rec:
        return False
    n = len(rec)
    return any(full[i:i + n] == rec for i in range(len(full) - n + 1))


def reference_items(ref: ReferenceDB) -> Iterator[IndexItem]:
    docs = ref.documents()
    passages: dict[str, Passage] = {}
    years = {d.id: d.year for d in docs}
    for doc in docs:
        sections = {s.id: s for s in ref.sections(doc.id)}

        def section_label(section_id: str | None, sections=sections) -> str:
            labels = []
            while section_id and section_id in sections:
                labels.append(sections[section_id].title)
                section_id = sections[section_id].parent_id
            return " > ".join(reversed(labels))

        for p in ref.passages(doc.id):
            passages[p.id] = p
            yield IndexItem(
                id=p.id, kind="passage", doc=p.doc_id, text=p.text, citation=p.citation,
                title=p.title or "", section=section_label(p.section_id),
                objectives=tuple(sorted({o.objective for o in p.objectives})),
                year=doc.year, subkind=p.kind,
                prior=passage_prior(p.kind, p.text, p.number is not None),
                flags=("garbled",) if p.text_quality == "garbled_table" else (),
            )
    for r in ref.recommendations():
        source = passages.get(r.passage_id)
        shadow = source is not None and is_shadow(r.text, source.text)
        yield IndexItem(
            id=r.id, kind="recommendation", doc=r.doc_id, text=r.text, citation=r.citation,
            title=r.title or r.list_heading, section=r.list_heading,
            objectives=tuple(sorted({o.objective for o in r.objectives})),
            year=years.get(r.doc_id), subkind=r.type, prior=1.0,
            flags=("shadow",) if shadow else (),
        )
    for o in ref.objectives(with_counts=False):
        yield IndexItem(
            id=f"objective/{o.number}", kind="objective", doc="", text=o.title,
            citation=f"GCM objective {o.number}", title=f"Objective {o.number}",
            objectives=(o.number,), year=GCM_YEAR, subkind="objective", prior=0.8,
        )
