"""Run one search on an open Whoosh searcher: filters, ranking, exact totals, facets, snippets."""

from __future__ import annotations

from array import array
from typing import Any

from .api import KINDS, Hit, SearchRequest, SearchResult
from .bitsets import BitsFilter, DocSets, ids_of
from .query import KIND_ALIASES, ParsedQuery, parse
from .snippets import contains_phrase, find_spans, snippet
from .text import Analysis, fold
from .whoosh_query import Compiled, Compiler, RankQuery

MAX_WINDOW = 1000  # deepest result a page may reach
_VERIFY_ALL = 300  # check every candidate of a long phrase when there are at most this many


class SearchState:
    """What one searcher generation caches: document sets and per-item priors."""

    def __init__(self, searcher: Any, ana: Analysis) -> None:
        self.searcher = searcher
        self.ana = ana
        self.sets = DocSets(searcher.reader())
        self.priors = array("f", [1.0]) * self.sets.size
        for value in self.sets.values("prior"):
            for doc in self.sets.reader.postings("prior", value).all_ids():
                self.priors[doc] = float(value)


def _resolve_doc(value: str, docs: list[str]) -> str | None:
    """'a-72-643', 'A/72/643', 'marrakech': an id, a symbol, or a unique start of an id."""
    want = fold(value).replace("/", "-").strip("-")
    if want in docs:
        return want
    starts = [d for d in docs if d.startswith(want)]
    if len(starts) == 1:
        return starts[0]
    inside = [d for d in docs if want in d]
    return inside[0] if len(inside) == 1 else None


def _filters(state: SearchState, parsed: ParsedQuery, req: SearchRequest
             ) -> tuple[dict[str, tuple[str, int]], list[str]]:
    """Each active filter as (value, document set); plus messages for unusable ones."""
    sets, notes = state.sets, []
    wanted = dict(parsed.filters)
    for name in ("doc", "kind", "objective", "year"):
        if getattr(req, name) is not None:
            wanted[name] = str(getattr(req, name))
    out: dict[str, tuple[str, int]] = {}
    for name, raw in wanted.items():
        value: str | None = raw.strip()
        if name == "doc":
            value = _resolve_doc(raw, list(sets.values("doc")))
        elif name == "kind":
            value = KIND_ALIASES.get(raw.lower(), raw.lower())
            value = value if value in KINDS else None
        elif not raw.strip().isdigit():
            value = None
        else:
            value = str(int(raw))
        if value is None:
            notes.append(f"Unknown {name} '{raw}'.")
            out[name] = ("", 0)
        else:
            out[name] = (value, sets.term(name, value))
    return out, notes


def _verified(state: SearchState, bits: int, phrases: list[tuple[str, ...]]) -> int:
    """Drop candidates that have a long phrase's word pairs but not the phrase itself."""
    if not phrases or bits.bit_count() > _VERIFY_ALL:
        return bits
    for doc in ids_of(bits):
        text = state.searcher.stored_fields(doc).get("text", "")
        if not all(contains_phrase(state.ana, text, p) for p in phrases):
            bits &= ~(1 << doc)
    return bits


def _facets(state: SearchState, match: int, active: dict[str, tuple[str, int]],
            hidden: dict[str, int]) -> dict[str, dict[str, int]]:
    """Counts per facet value; each facet ignores its own filter, so its values can be switched."""
    out: dict[str, dict[str, int]] = {}
    for facet in ("doc", "kind", "objective"):
        within = match
        for name, (_, bits) in active.items():
            if name != facet:
                within &= bits
        for flag, bits in hidden.items():
            if not (facet == "kind" and flag == "shadow"):  # a shadow counts as a recommendation
                within &= ~bits
        counts = state.sets.counts(facet, within)
        key = (lambda kv: int(kv[0])) if facet == "objective" else (lambda kv: (-kv[1], kv[0]))
        out[facet] = dict(sorted(counts.items(), key=key))
    return out


def _hit(state: SearchState, doc: int, score: float, compiled: Compiled, width: int) -> Hit | None:
    stored = state.searcher.stored_fields(doc)
    text = stored.get("text", "")
    if not all(contains_phrase(state.ana, text, p) for p in compiled.verify):
        return None
    spans = find_spans(state.ana, text, compiled.marks)
    return Hit(
        id=stored["id"], kind=stored["kind"], doc=stored.get("doc", ""),
        citation=stored.get("citation", ""), snippet=snippet(text, spans, width), text=text,
        score=score, title=stored.get("title", ""), subkind=stored.get("subkind", ""),
        objectives=tuple(int(o) for o in stored.get("objective", "").split()),
        highlights=tuple(spans),
    )


def _suggestion(query: str, corrections: dict[str, str]) -> str | None:
    if not corrections:
        return None
    out = query
    for wrong, right in corrections.items():
        out = out.replace(wrong, right)
    return out


def execute(state: SearchState, req: SearchRequest) -> SearchResult:
    parsed = parse(req.query)
    active, notes = _filters(state, parsed, req)
    compiled = Compiler(state.ana, state.sets).compile(parsed, browse=bool(active))
    notes = parsed.notes + notes
    limit = max(0, min(req.limit, MAX_WINDOW))
    offset = max(0, min(req.offset, MAX_WINDOW - limit))
    result = {"query": req.query, "suggestion": _suggestion(req.query, compiled.corrections),
              "terms": compiled.marks.words, "offset": offset, "limit": limit}
    if compiled.scored is None:
        notes.append("Nothing to search for: type some words." if not parsed.groups
                     else "Only very common words: add a more specific word.")
        return SearchResult(total=0, hits=[], message=" ".join(notes), **result)

    hidden = {"garbled": 0 if req.include_garbled else state.sets.term("flags", "garbled")}
    if active.get("kind", ("",))[0] != "recommendation":
        hidden["shadow"] = state.sets.term("flags", "shadow")
    match = _verified(state, compiled.match, compiled.verify)
    final = match
    for _, bits in active.values():
        final &= bits
    for bits in hidden.values():
        final &= ~bits
    total = final.bit_count()

    hits: list[Hit] = []
    if total and limit:
        ranked = RankQuery(compiled.scored, compiled.coord_groups, state.priors, state.sets.size)
        want = offset + limit
        # a long phrase's false candidates are dropped after ranking: ask for a few more
        fetch = want if not compiled.verify else want * 2 + 10
        top = state.searcher.search(ranked, limit=fetch, terms=False,
                                    filter=BitsFilter(final, state.sets.size)).top_n
        for score, doc in top:
            hit = _hit(state, doc, score, compiled, req.snippet_chars)
            if hit is not None:
                hits.append(hit)
            if len(hits) >= want:
                break
        hits = hits[offset:]
    if not total:
        notes.append("No passage matches." + (" Did you mean: " + result["suggestion"] + "?"
                                              if result["suggestion"] else ""))
    return SearchResult(total=total, hits=hits, facets=_facets(state, match, active, hidden),
                        message=" ".join(notes) or None, **result)
