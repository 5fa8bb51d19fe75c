"""Translate a parsed query into a Whoosh query (for ranking) and document sets (for counting).

Each query position (a ``Group``) becomes an OR over the fields, word forms, synonyms and
acronym expansions it may match. Ranking is BM25F times a coordination factor (passages that
match every word first) times the item's prior (headings and salutations lower). Phrases are
matched on indexed word pairs, so no positions are read; a phrase of three or more words is
checked against the stored text of the candidates only.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq
from whoosh.matching import WrappingMatcher
from whoosh.support.levenshtein import damerau_levenshtein

from .bitsets import DocSets
from .query import Group, ParsedQuery, Phrase, Word
from .snippets import Marks
from .text import Analysis, fold

FIELD_BOOSTS = {"text": 1.0, "title": 1.5, "section": 0.4, "citation": 0.4}
SYNONYM_BOOST = 0.35
ACRONYM_BOOST = 0.8
PREFIX_LIMIT = 32  # a prefix expands to at most this many words (the most frequent)
ALL_WORDS_BONUS = 1.6  # score multiplier when a passage has every word of the query


def coordination(matched: int, total: int) -> float:
    """Rank by how many query words a passage has: all of them first, then by BM25."""
    if total <= 1:
        return ALL_WORDS_BONUS
    frac = matched / total
    return (0.2 + 0.8 * frac * frac) * (ALL_WORDS_BONUS if matched == total else 1.0)


@dataclass
class Compiled:
    scored: wq.Query | None = None  # None: nothing to rank on
    match: int = 0  # documents matching the words (before filters)
    coord_groups: list[int] = field(default_factory=list)  # bitsets of the counted groups
    marks: Marks = field(default_factory=Marks)
    verify: list[tuple[str, ...]] = field(default_factory=list)  # phrases to check on text
    corrections: dict[str, str] = field(default_factory=dict)  # raw word -> suggested word


@dataclass
class _Part:
    query: wq.Query
    bits: int


class _Marks:
    def __init__(self) -> None:
        self.terms: set[str] = set()
        self.surfaces: set[str] = set()
        self.phrases: list[tuple[str, ...]] = []
        self.words: list[str] = []

    def freeze(self) -> Marks:
        return Marks(frozenset(self.terms), frozenset(self.surfaces), tuple(self.phrases),
                     tuple(dict.fromkeys(self.words)))


class Compiler:
    def __init__(self, ana: Analysis, sets: DocSets) -> None:
        self.ana = ana
        self.sets = sets
        self.reader = sets.reader

    # units ---------------------------------------------------------------------------------

    def _terms(self, terms: dict[str, float], fields: tuple[str, ...] = tuple(FIELD_BOOSTS)
               ) -> _Part:
        subs = [wq.Term(f, t, boost=FIELD_BOOSTS[f] * b) for t, b in terms.items() for f in fields]
        bits = self.sets.any_of((f, t) for t in terms for f in fields)
        return _Part(subs[0] if len(subs) == 1 else wq.Or(subs), bits)

    def _phrase(self, surfaces: list[str], marks: _Marks, boost: float = 1.0) -> _Part:
        marks.words.extend(surfaces)
        if len(surfaces) == 1:
            marks.surfaces.add(surfaces[0])
            return _Part(wq.Term("words", surfaces[0], boost=boost),
                         self.sets.term("words", surfaces[0]))
        pairs = self.ana.shingles(surfaces)
        marks.phrases.append(tuple(surfaces))
        if not pairs:  # only stopwords ("of the"): every word, then checked on the text
            bits = self.sets.all_of(("words", w) for w in surfaces)
            return _Part(wq.And([wq.Term("words", w, boost=boost) for w in surfaces]), bits)
        bits = self.sets.all_of(("shingles", p) for p in pairs)
        return _Part(wq.And([wq.Term("shingles", p, boost=boost) for p in pairs]), bits)

    def _word(self, word: Word, marks: _Marks, out: Compiled) -> _Part | None:
        if word.prefix:
            return self._prefix(word.text, marks)
        surface, term = self.ana.word(word.text)
        if term is None:
            return None
        marks.words.append(surface)
        terms = {term: 1.0}
        for syn in self.ana.synonyms.get(surface, ()):
            syn_term = self.ana.word(syn)[1]
            if syn_term and syn_term not in terms:
                terms[syn_term] = SYNONYM_BOOST
        part = self._terms(terms)
        if surface.isalpha() and not self.sets.term("words", surface):
            fixed = self.suggest(surface)
            fixed_term = self.ana.word(fixed)[1] if fixed else None
            if fixed and fixed_term != term:  # 'driver' for 'drivers' is a word form, not a typo
                out.corrections[word.text] = fixed
                if fixed_term:
                    terms[fixed_term] = 1.0
                    marks.words.append(fixed)
                    part = self._terms(terms)
        marks.terms.update(terms)
        expansion = self.ana.acronyms.get(surface)
        if expansion:
            phrase = self._phrase(self.ana.surfaces(expansion), marks, ACRONYM_BOOST)
            part = _Part(wq.Or([part.query, phrase.query]), part.bits | phrase.bits)
        return part

    def _prefix(self, text: str, marks: _Marks) -> _Part:
        prefix = fold(text)
        found = [(self.reader.doc_frequency("words", b), b.decode("utf-8"))
                 for b in self.reader.expand_prefix("words", prefix)]
        found.sort(key=lambda x: (-x[0], x[1]))
        terms = {}
        for _, surface in found[:PREFIX_LIMIT]:
            term = self.ana.word(surface)[1]
            if term:
                terms[term] = 1.0
        marks.words.append(prefix)
        marks.terms.update(terms)
        if not terms:
            return _Part(wq.NullQuery, 0)
        return self._terms(terms)

    def _group(self, group: Group, marks: _Marks, out: Compiled) -> _Part | None:
        parts = []
        for unit in group.alternatives:
            if isinstance(unit, Phrase):
                surfaces = [self.ana.surface(w) for w in unit.words]
                parts.append(self._phrase(surfaces, marks))
                loose = len(surfaces) > 2 or not self.ana.shingles(surfaces)
                if len(surfaces) > 1 and loose and not group.excluded:
                    out.verify.append(tuple(surfaces))
            else:
                part = self._word(unit, marks, out)
                if part is not None:
                    parts.append(part)
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        bits = 0
        for p in parts:
            bits |= p.bits
        return _Part(wq.Or([p.query for p in parts]), bits)

    # the whole query -----------------------------------------------------------------------

    def compile(self, parsed: ParsedQuery, browse: bool = False) -> Compiled:
        """``browse``: with no words to rank on, match everything (a filter-only query)."""
        out = Compiled()
        marks, ignored = _Marks(), _Marks()
        groups = self._drop_filler(parsed.groups)
        required: list[_Part] = []
        optional: list[_Part] = []
        excluded: list[_Part] = []
        for group in groups:
            part = self._group(group, ignored if group.excluded else marks, out)
            if part is None:
                continue
            if group.excluded:
                excluded.append(part)
            else:
                (required if group.required else optional).append(part)
        out.marks = marks.freeze()
        if not (required or optional) and not browse:
            return out
        out.coord_groups = [p.bits for p in required + optional]
        opt = wq.Or([p.query for p in optional]) if optional else None
        if not (required or optional):
            out.scored, match = wq.Every(), self.sets.live
        elif required:
            req = wq.And([p.query for p in required]) if len(required) > 1 else required[0].query
            out.scored = wq.AndMaybe(req, opt) if opt is not None else req
            match = self.sets.live
            for p in required:
                match &= p.bits
        else:
            out.scored = opt
            match = 0
            for p in optional:
                match |= p.bits
        for p in excluded:
            match &= ~p.bits
        out.match = match & self.sets.live
        return out

    def _drop_filler(self, groups: list[Group]) -> list[Group]:
        """'what does the report say about X': question words go if other words remain."""
        def filler(g: Group) -> bool:
            return (not g.excluded and len(g.alternatives) == 1
                    and isinstance(g.alternatives[0], Word) and not g.alternatives[0].prefix
                    and self.ana.surface(g.alternatives[0].text) in self.ana.filler)
        kept = [g for g in groups if not filler(g)]
        return kept if any(not g.excluded for g in kept) else groups

    # spelling ------------------------------------------------------------------------------

    def suggest(self, surface: str) -> str | None:
        """The closest indexed word (edit distance 1, or 2 for longer words), most frequent."""
        if len(surface) < 4 or len(surface) > 30:
            return None
        best: tuple[int, int, str] | None = None
        maxdist = 1 if len(surface) < 6 else 2
        for word in self.reader.terms_within("words", surface, maxdist, prefix=1):
            if not word.isalpha() or word == surface:
                continue
            dist = damerau_levenshtein(word, surface)
            key = (dist, -self.reader.doc_frequency("words", word), word)
            if best is None or key < best:
                best = key
        return best[2] if best else None


class RankQuery(wq.WrappingQuery):
    """Scores of the child query times the coordination factor and the item's prior."""

    def __init__(self, child: wq.Query, groups: list[int], priors: array[float], size: int
                 ) -> None:
        super().__init__(child)
        self.groups = [g.to_bytes((size + 8) // 8, "little") for g in groups]
        self.priors = priors

    def _rewrap(self, child: wq.Query) -> RankQuery:
        new = RankQuery(child, [], self.priors, 0)
        new.groups = self.groups
        return new

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _RankMatcher(self.child.matcher(searcher, context), self.groups, self.priors)


class _RankMatcher(WrappingMatcher):
    # ``boost`` is the largest factor: WrappingMatcher scales quality bounds by it, which keeps
    # Whoosh's block skipping correct (a block is skipped only if it cannot reach the top N).
    def __init__(self, child: Any, groups: list[bytes], priors: array[float]) -> None:
        super().__init__(child, boost=ALL_WORDS_BONUS)
        self.groups = groups
        self.priors = priors

    def _replacement(self, newchild: Any) -> _RankMatcher:
        return _RankMatcher(newchild, self.groups, self.priors)

    def score(self) -> float:
        doc = self.child.id()
        byte, bit = doc >> 3, 1 << (doc & 7)
        matched = sum(1 for g in self.groups if g[byte] & bit)
        return float(self.child.score() * coordination(matched, len(self.groups))
                     * self.priors[doc])
