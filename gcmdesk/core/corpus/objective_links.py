"""Links from text to the 23 GCM objectives: explicit, ordinal and thematic.

``explicit``: the text names "Objective N" (capital O, 1 ≤ N ≤ 23).
``ordinal``: "the first GCM objective" and the like.
``thematic``: weighted terms from a reviewable list (resources/objective-terms.json).
The generic word "objective" ("the objective of the meeting") never links.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

_EXPLICIT = re.compile(r"\bObjectives?\s+(\d{1,2})\b")
_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\s+GCM\s+objective\b", re.I)


@dataclass(frozen=True)
class ObjectiveLink:
    objective: int
    method: str  # explicit | ordinal | thematic
    score: float
    evidence: str


def _term_pattern(term: str) -> re.Pattern[str]:
    stem = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    ending = r"\w*" if term.endswith("*") else r"(?:s|es)?"
    return re.compile(rf"\b{stem}{ending}\b", re.I)


class ObjectiveLinker:
    def __init__(self, terms_file: Path, objective_count: int = 23) -> None:
        spec = json.loads(terms_file.read_text(encoding="utf-8"))
        self.min_score: float = spec["min_score"]
        self.objective_count = objective_count
        self.terms: list[tuple[int, str, float, re.Pattern[str]]] = [
            (int(obj), term, float(weight), _term_pattern(term))
            for obj, terms in spec["objectives"].items()
            for term, weight in terms.items()
        ]

    def links(self, text: str) -> list[ObjectiveLink]:
        found: dict[tuple[int, str], ObjectiveLink] = {}
        for m in _EXPLICIT.finditer(text):
            n = int(m.group(1))
            if 1 <= n <= self.objective_count:
                found.setdefault((n, "explicit"), ObjectiveLink(n, "explicit", 1.0, m.group(0)))
        for m in _ORDINAL.finditer(text):
            n = _ORDINALS.index(m.group(1).lower()) + 1
            if n <= self.objective_count:
                found.setdefault((n, "ordinal"), ObjectiveLink(n, "ordinal", 1.0, m.group(0)))
        evidence: dict[int, list[tuple[str, float]]] = {}
        for obj, term, weight, pattern in self.terms:
            if pattern.search(text):
                evidence.setdefault(obj, []).append((term, weight))
        for obj, hits in evidence.items():
            miss = 1.0
            for _, weight in hits:
                miss *= 1.0 - weight
            score = round(1.0 - miss, 3)
            if score >= self.min_score:
                words = ", ".join(sorted(term for term, _ in hits))
                found[(obj, "thematic")] = ObjectiveLink(obj, "thematic", score, words)
        return sorted(found.values(), key=lambda link: (link.objective, link.method))
