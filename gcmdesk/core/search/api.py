"""What the rest of the app sees of search: plain dataclasses and the ``SearchIndex`` protocol.

No engine type crosses this boundary, so the engine (Whoosh today) can be swapped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from ..errors import GcmdeskError

Progress = Callable[[int, int, str], None]

KINDS = ("passage", "recommendation", "objective", "note")
FACETS = ("doc", "kind", "objective")


class IndexCancelled(GcmdeskError):
    """A build was cancelled through its ``threading.Event``; the old index (if any) is kept."""


@dataclass(frozen=True)
class IndexItem:
    """One searchable thing: a passage, a recommendation, an objective, or a user's note."""

    id: str
    kind: str  # one of KINDS
    doc: str  # document id; "" for items outside a document (the GCM objectives)
    text: str
    citation: str
    title: str = ""
    section: str = ""
    objectives: tuple[int, ...] = ()
    year: int | None = None
    subkind: str = ""  # the passage kind: paragraph, list_item, sub_item, salutation
    prior: float = 1.0  # a ranking multiplier: below 1 for headings and salutations
    flags: tuple[str, ...] = ()  # "garbled": hidden by default; "shadow": see whoosh_index


@dataclass(frozen=True)
class SearchRequest:
    query: str
    limit: int = 10
    offset: int = 0
    doc: str | None = None
    objective: int | None = None
    kind: str | None = None
    year: int | None = None
    include_garbled: bool = False
    snippet_chars: int = 240


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    doc: str
    citation: str
    snippet: str  # HTML: matched words in <span class="hit">, everything else escaped
    text: str  # the full passage text, plain
    score: float
    title: str = ""
    subkind: str = ""
    objectives: tuple[int, ...] = ()
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) of matched words in ``text``

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "doc": self.doc, "citation": self.citation,
                "snippet": self.snippet, "text": self.text, "score": round(self.score, 4)}


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None  # "did you mean" query, when a word looked misspelled
    message: str | None = None  # why a result is empty, or what was ignored
    terms: tuple[str, ...] = ()  # the words to highlight in a full passage (surface forms)
    offset: int = 0
    limit: int = 10

    def to_json(self) -> dict[str, Any]:
        """The ``gcmdesk search --json`` shape: keys may be added, never renamed."""
        return {"query": self.query, "total": self.total, "suggestion": self.suggestion,
                "message": self.message, "facets": self.facets,
                "hits": [h.to_json() for h in self.hits]}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class SearchIndex(Protocol):
    """A self-healing full-text index over the reference data (and, later, the user's notes)."""

    def ensure(self, progress: Progress | None = None,
               cancel: threading.Event | None = None) -> bool:
        """Check the index; rebuild it if missing, stale or damaged. True if it was rebuilt."""
        ...

    def rebuild(self, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> None: ...

    def search(self, request: SearchRequest) -> SearchResult:
        """Never raises for any query string; an unusable query gives an empty result."""
        ...

    def replace_user_items(self, items: Iterable[IndexItem], stamp: str = "") -> None:
        """Swap every user item (kind ``note``) for ``items``, without a full rebuild."""
        ...

    def close(self) -> None: ...
