"""The query language, parsed without any engine: a forgiving parser that never raises.

Plain words (all matter, passages with all of them rank first), ``"exact phrase"``,
``-excluded`` / ``NOT word``, ``a OR b``, ``AND`` (the words next to it become required),
``prefix*``, and filters ``doc:``, ``objective:``, ``kind:``, ``year:``. Anything else is read
as words: an unbalanced quote runs to the end, a lone operator or ``*`` is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import WORD_RE

MAX_QUERY_CHARS = 1000
MAX_GROUPS = 24

FILTER_NAMES = {"doc": "doc", "document": "doc", "objective": "objective", "obj": "objective",
                "kind": "kind", "type": "kind", "year": "year"}
KIND_ALIASES = {"passage": "passage", "passages": "passage", "paragraph": "passage",
                "paragraphs": "passage", "para": "passage", "recommendation": "recommendation",
                "recommendations": "recommendation", "rec": "recommendation",
                "recs": "recommendation", "objective": "objective", "objectives": "objective",
                "note": "note", "notes": "note", "annotation": "note", "annotations": "note"}

_LEX = re.compile(r'[-+]?"[^"]*"?|\S+')


@dataclass
class Word:
    text: str
    prefix: bool = False


@dataclass
class Phrase:
    words: list[str]


Unit = Word | Phrase


@dataclass
class Group:
    """One position of the query: a word, a phrase, or alternatives joined by OR."""

    alternatives: list[Unit]
    required: bool = False
    excluded: bool = False


@dataclass
class ParsedQuery:
    groups: list[Group] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was ignored, said to the user


def _units(token: str) -> list[Unit]:
    """A bare token's words: 'rights-based' gives two, 'migra*' a prefix, '*' nothing."""
    words = WORD_RE.findall(token)
    if not words:
        return []
    units: list[Unit] = [Word(w) for w in words]
    if token.endswith("*"):
        last = words[-1]
        if len(last) >= 2 and token.rstrip("*").endswith(last):
            units[-1] = Word(last, prefix=True)
    return units


def parse(query: str) -> ParsedQuery:
    out = ParsedQuery()
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        out.notes.append(f"Only the first {MAX_QUERY_CHARS} characters were used.")
    pending_or = pending_and = pending_not = False
    for raw in _LEX.findall(query):
        if raw in ("OR", "|", "||"):
            pending_or = bool(out.groups)
            continue
        if raw in ("AND", "&", "&&"):
            pending_and = bool(out.groups)
            continue
        if raw == "NOT":
            pending_not = True
            continue
        sign = raw[0] if raw[0] in "+-" and len(raw) > 1 else ""
        body = raw[1:] if sign else raw
        if body.startswith('"'):
            words = WORD_RE.findall(body)
            units: list[Unit] = [Phrase(words)] if words else []
        else:
            name, colon, value = body.partition(":")
            if colon and name.lower() in FILTER_NAMES and value:
                out.filters[FILTER_NAMES[name.lower()]] = value
                continue
            units = _units(body)
        if not units:
            continue
        excluded = sign == "-" or pending_not
        if len(units) > 1 and sign:  # '-rights-based' excludes the phrase, not each word
            units = [Phrase([u.text for u in units])]
        if pending_or and not excluded and not out.groups[-1].excluded:
            out.groups[-1].alternatives.append(units[0])
            units = units[1:]
        elif pending_and and not excluded:
            out.groups[-1].required = True
        for unit in units:
            out.groups.append(Group([unit], required=sign == "+" or pending_and or
                                    isinstance(unit, Phrase), excluded=excluded))
        pending_or = pending_and = pending_not = False
    if len(out.groups) > MAX_GROUPS:
        out.groups = out.groups[:MAX_GROUPS]
        out.notes.append(f"Only the first {MAX_GROUPS} words were used.")
    for g in out.groups:  # an excluded phrase or word is never also required
        if g.excluded:
            g.required = False
    return out
