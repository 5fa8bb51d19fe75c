"""Text analysis shared by indexing, queries and highlighting: one tokenizer, one normalizer.

Every word goes through the same steps, so the index, the query and the highlighter agree:
``surface`` = case-folded, accent-folded, American spelling ("Labour" -> "labor",
"organisation" -> "organization"); ``term`` = the surface form's lemma, stemmed ("detained" ->
"detention" -> "detent"), or None for a stopword. Both steps are memoized per raw word: a corpus
has a few thousand distinct words, so analysis costs one regex scan and dict lookups.
The rules live in ``resources/search-synonyms.json`` (reviewable, editable).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from whoosh.lang.porter import stem

from ..paths import resources_dir

# Bump when the analysis code changes what it produces: it makes every index stale.
ANALYSIS_VERSION = 2

WORD_RE = re.compile(r"\w+")
_ISE_RE = re.compile(r"^(\w{2,})is(e|ed|es|ing|ation|ations)$")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class Token:
    surface: str
    term: str | None  # None: a stopword or a lone letter, not indexed as a word
    start: int
    end: int


def fold(word: str) -> str:
    """Case and accent folding: 'Côte' -> 'cote', 'Straße' -> 'strasse'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Analysis:
    """The normalization rules, loaded from a JSON file; see the module docstring."""

    def __init__(self, rules: dict[str, Any], fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.spelling: dict[str, str] = dict(rules.get("spelling", {}))
        self.ise_keep = frozenset(rules.get("ise_keep", ()))
        self.lemmas = {form: lemma for lemma, forms in rules.get("lemmas", {}).items()
                       for form in forms}
        self.synonyms: dict[str, list[str]] = dict(rules.get("synonyms", {}))
        self.acronyms: dict[str, str] = dict(rules.get("acronyms", {}))
        self.stopwords = frozenset(rules.get("stopwords", ()))
        self.filler = frozenset(rules.get("filler", ()))
        self._raw: dict[str, tuple[str, str | None]] = {}

    @classmethod
    def from_file(cls, path: Path) -> Analysis:
        data = path.read_bytes()
        digest = hashlib.sha256(data + f"v{ANALYSIS_VERSION}".encode()).hexdigest()[:16]
        return cls(json.loads(data.decode("utf-8")), digest)

    # one word -----------------------------------------------------------------------------

    def surface(self, raw: str) -> str:
        return self.word(raw)[0]

    def word(self, raw: str) -> tuple[str, str | None]:
        """(surface, term) of one raw word, memoized."""
        hit = self._raw.get(raw)
        if hit is None:
            if len(self._raw) > _CACHE_LIMIT:
                self._raw.clear()
            surface = self._spell(fold(raw))
            hit = self._raw[raw] = (surface, self._term(surface))
        return hit

    def _spell(self, word: str) -> str:
        mapped = self.spelling.get(word)
        if mapped is not None:
            return mapped
        m = _ISE_RE.match(word)
        if m and word not in self.ise_keep:
            return f"{m.group(1)}iz{m.group(2)}"
        return word

    def _term(self, surface: str) -> str | None:
        if surface in self.stopwords or (len(surface) == 1 and not surface.isdigit()):
            return None
        return stem(self.lemmas.get(surface, surface))

    # whole texts ----------------------------------------------------------------------------

    def tokens(self, text: str) -> Iterator[Token]:
        """Every word with its character span (for highlighting)."""
        word = self.word
        for m in WORD_RE.finditer(text):
            surface, term = word(m.group())
            yield Token(surface, term, m.start(), m.end())

    def surfaces(self, text: str) -> list[str]:
        word = self.word
        return [word(raw)[0] for raw in WORD_RE.findall(text)]

    def terms(self, text: str) -> list[str]:
        word = self.word
        return [t for t in (word(raw)[1] for raw in WORD_RE.findall(text)) if t is not None]

    def surfaces_terms(self, text: str) -> tuple[list[str], list[str]]:
        """``surfaces(text)`` and ``terms(text)`` in one pass."""
        pairs = list(map(self.word, WORD_RE.findall(text)))
        return [p[0] for p in pairs], [p[1] for p in pairs if p[1] is not None]

    def shingles(self, surfaces: list[str]) -> list[str]:
        """Adjacent word pairs: what an exact phrase is matched on (then checked on the text).

        Pairs of two stopwords ("of the") are left out: they select nothing and would be a
        fifth of all postings.
        """
        stop = self.stopwords
        return [f"{a} {b}" for a, b in pairwise(surfaces) if a not in stop or b not in stop]


def rules_path() -> Path:
    return resources_dir() / "search-synonyms.json"


@cache
def default_analysis() -> Analysis:
    return Analysis.from_file(rules_path())
