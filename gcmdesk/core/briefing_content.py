"""What a briefing item says: its text, citation, source document, objectives and the user's note.

Items are stored as references (``item_type``, ``item_ref``); this module turns them into
:class:`ResolvedItem` for the composer's preview and for export. A reference that no longer
resolves (a passage dropped by a content update, a deleted annotation) gives a ``missing`` item
rather than an error, so an old briefing still opens and exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .annotations import AnnotationStore
from .errors import InvalidInput, NotFound
from .refdb import Document, ObjectiveLink, ReferenceDB

if TYPE_CHECKING:
    from .briefing import Briefing, Item, Layout

ANNOTATION_PREFIX = "urn:uuid:"
OBJECTIVE_PREFIX = "objective:"
MAX_OBJECTIVE_LABELS = 3
UNSECTIONED_TITLE = "Key references"

# The GCM itself, the source of objective items (not a document of the corpus).
GCM_SOURCE = Document(
    id="gcm", symbol="A/RES/73/195",
    title="Global Compact for Safe, Orderly and Regular Migration",
    short_title="Global Compact for Migration", date="2018-12-19", year=2018,
    type="resolution", issuing_body="United Nations General Assembly", language="en",
    doc_key="gcm", source_file="", sha256="")

KIND_LABELS = {"passage": "Passage", "recommendation": "Recommendation",
               "objective": "GCM objective", "annotation": "Annotated passage"}


@dataclass(frozen=True)
class Objective:
    number: int
    title: str

    @property
    def label(self) -> str:
        return f"Objective {self.number}"


@dataclass(frozen=True)
class Highlight:
    """An annotation as a briefing shows it: colour, note, tags, the highlighted span."""

    id: str
    passage_id: str
    note: str
    color_name: str = ""
    color_rgb: str = ""
    tags: tuple[str, ...] = ()
    span: tuple[int, int] | None = None  # highlighted characters of the passage text
    orphaned: bool = False


@dataclass(frozen=True)
class ResolvedItem:
    item: Item
    number: int  # 1-based position in the whole briefing
    kind: str  # KIND_LABELS value
    text: str
    citation: str
    document: Document | None
    heading: str = ""  # a recommendation's title, an objective's label
    objectives: tuple[Objective, ...] = ()
    annotation: Highlight | None = None
    missing: bool = False

    @property
    def comment(self) -> str:
        return self.item.comment


@dataclass(frozen=True)
class ResolvedGroup:
    section_id: int | None
    title: str
    items: tuple[ResolvedItem, ...]


@dataclass(frozen=True)
class ResolvedBriefing:
    briefing: Briefing
    groups: tuple[ResolvedGroup, ...]
    sources: tuple[Document, ...] = field(default=())

    @property
    def items(self) -> list[ResolvedItem]:
        return [i for g in self.groups for i in g.items]

    @property
    def objectives(self) -> list[Objective]:
        seen = {o.number: o for i in self.items for o in i.objectives}
        return [seen[n] for n in sorted(seen)]


def _objectives(links: tuple[ObjectiveLink, ...]) -> tuple[Objective, ...]:
    """The strongest links first (explicit before thematic: refdb orders by score)."""
    ranked = sorted(links, key=lambda o: (o.method == "thematic", -o.score, o.objective))
    out: dict[int, Objective] = {}
    for link in ranked:
        out.setdefault(link.objective, Objective(link.objective, link.title))
    return tuple(out.values())[:MAX_OBJECTIVE_LABELS]


def _span(start: int | None, end: int | None, exact: str, text: str) -> tuple[int, int] | None:
    """Where the highlight is in ``text``; None for a whole-passage note or a lost quote."""
    if start is not None and end is not None and exact and text[start:end] == exact:
        return start, end
    at = text.find(exact) if exact else -1
    return (at, at + len(exact)) if at >= 0 else None


class ItemResolver:
    def __init__(self, ref: ReferenceDB, annotations: AnnotationStore) -> None:
        self.ref = ref
        self.annotations = annotations
        self._objective_titles: dict[int, str] | None = None

    @property
    def objective_titles(self) -> dict[int, str]:
        if self._objective_titles is None:
            self._objective_titles = {o.number: o.title
                                      for o in self.ref.objectives(with_counts=False)}
        return self._objective_titles

    def classify(self, raw: str) -> tuple[str, str]:
        """An id as typed → (item_type, item_ref); NotFound if it names nothing."""
        ref = raw.strip()
        if ref.lower().startswith(OBJECTIVE_PREFIX):
            number = ref[len(OBJECTIVE_PREFIX):].strip()
            if not number.isdigit() or int(number) not in self.objective_titles:
                raise InvalidInput(f"'{raw}': the GCM has objectives 1 to 23 "
                                   "(write objective:13).")
            return "objective", str(int(number))
        if ref.lower().startswith(ANNOTATION_PREFIX):
            return "annotation", self.annotations.get(ref).id
        lookups = [("recommendation", self.ref.recommendation), ("passage", self.ref.passage)]
        if "/rec-" not in ref:
            lookups.reverse()
        for kind, lookup in lookups:
            try:
                lookup(ref)
                return kind, ref
            except NotFound:
                continue
        raise NotFound(f"No passage, recommendation, objective or annotation with id '{ref}'. "
                       "Ids look like a-72-643/para-44, a-72-643/rec-r1-a, objective:13 or "
                       "urn:uuid:….")

    def objective_heading(self, number: int) -> str:
        return f"Objective {number}: {self.objective_titles.get(number, '')}".rstrip(": ")

    def primary_objective(self, item_type: str, item_ref: str) -> int | None:
        try:
            fields = self._resolve_fields(item_type, item_ref)
        except NotFound:
            return None
        objectives: tuple[Objective, ...] = fields.get("objectives", ())
        return objectives[0].number if objectives else None

    def resolve(self, item: Item, number: int) -> ResolvedItem:
        try:
            fields = self._resolve_fields(item.item_type, item.item_ref)
        except NotFound:
            fields = {"text": f"This {item.item_type} ({item.item_ref}) is no longer in the "
                              "library.", "citation": item.item_ref, "document": None,
                      "missing": True}
        return ResolvedItem(item=item, number=number, kind=KIND_LABELS[item.item_type], **fields)

    def _resolve_fields(self, item_type: str, ref: str) -> dict[str, Any]:
        if item_type == "objective":
            n = int(ref)
            if n not in self.objective_titles:
                raise NotFound(f"No objective {n}.")
            objective = Objective(n, self.objective_titles[n])
            return {"text": objective.title,
                    "citation": f"{GCM_SOURCE.short_title}, objective {n}",
                    "document": GCM_SOURCE, "objectives": (objective,)}
        if item_type == "recommendation":
            r = self.ref.recommendation(ref)
            return {"text": r.text, "heading": r.title or "", "citation": r.citation,
                    "document": self.ref.document(r.doc_id),
                    "objectives": _objectives(r.objectives)}
        if item_type == "annotation":
            a = self.annotations.get(ref)
            p = self.ref.passage(a.passage_id)
            color = next((c for c in self.annotations.colors() if c.key == a.color), None)
            sel = a.selectors
            note = Highlight(
                id=ref, passage_id=p.id, note=a.note, color_name=color.name if color else "",
                color_rgb=color.rgb if color else "", tags=a.tags, orphaned=a.orphaned,
                span=None if a.orphaned else _span(sel.start, sel.end, sel.exact, p.text))
            return {"text": p.text, "citation": p.citation, "document": self.ref.document(p.doc_id),
                    "objectives": _objectives(p.objectives), "annotation": note}
        p = self.ref.passage(ref)
        return {"text": p.text, "heading": p.title or "", "citation": p.citation,
                "document": self.ref.document(p.doc_id), "objectives": _objectives(p.objectives)}


def load_briefing(briefing: Briefing, layout: Layout, resolver: ItemResolver
                  ) -> ResolvedBriefing:
    by_section: dict[int | None, list[Item]] = {}
    for item in layout.items:
        by_section.setdefault(item.section_id, []).append(item)
    heads: list[tuple[int | None, str]] = [(s.id, s.title) for s in layout.sections]
    if by_section.get(None):
        heads.insert(0, (None, UNSECTIONED_TITLE))
    groups, number = [], 0
    for section_id, title in heads:
        resolved = []
        for item in by_section.get(section_id, []):
            number += 1
            resolved.append(resolver.resolve(item, number))
        groups.append(ResolvedGroup(section_id, title, tuple(resolved)))
    docs: dict[str, Document] = {}
    for group in groups:
        for i in group.items:
            if i.document is not None:
                docs.setdefault(i.document.id, i.document)
    return ResolvedBriefing(briefing, tuple(groups), tuple(docs.values()))
