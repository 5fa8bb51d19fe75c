"""Where a search hit opens: a passage (with the words to mark in it) or an objective."""

from __future__ import annotations

from ..core.errors import GcmdeskError
from ..core.library import Library
from ..core.search import Hit, SearchResult
from ..core.search.snippets import Marks, find_spans
from ..core.search.text import default_analysis

Target = int | tuple[str, list[tuple[int, int]]]  # objective number, or (passage id, spans)


def resolve_hit(library: Library, hit: Hit, result: SearchResult) -> Target | None:
    if hit.kind == "passage":
        return hit.id, list(hit.highlights)
    if hit.kind == "objective":
        return int(hit.id.rsplit("/", 1)[-1])
    try:
        if hit.kind == "recommendation":
            pid = library.ref.recommendation(hit.id).passage_id
        elif hit.kind == "note":
            pid = next((d["passage_id"] for d in library.annotations.search_documents()
                        if d["id"] == hit.id), None)
        else:
            return None
        if pid is None:
            return None
        text = library.ref.passage(pid).text
    except GcmdeskError:
        return None
    return pid, term_spans(text, result.terms)


def term_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """The query's words (any form) in a passage's text, as (start, end) offsets."""
    ana = default_analysis()
    stems = frozenset(t for t in (ana.word(s)[1] for s in terms) if t)
    return find_spans(ana, text, Marks(terms=stems, surfaces=frozenset(terms)))
