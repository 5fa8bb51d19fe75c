"""Full-text search over the reference data: one ``SearchIndex`` used by the GUI and the CLI.

``open_index(folder, ref)`` gives the Whoosh implementation; the rest of the app only sees the
dataclasses of ``api``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..refdb import ReferenceDB
from .api import (
    FACETS,
    KINDS,
    Hit,
    IndexCancelled,
    IndexItem,
    Progress,
    SearchIndex,
    SearchRequest,
    SearchResult,
)

__all__ = ["FACETS", "KINDS", "Hit", "IndexCancelled", "IndexItem", "Progress", "SearchIndex",
           "SearchRequest", "SearchResult", "build_index", "open_index"]


def open_index(folder: Path, ref: ReferenceDB,
               user_items: Callable[[], Iterable[IndexItem]] | None = None,
               seed: Path | None = None) -> SearchIndex:
    """The index of ``ref`` in ``folder`` (not yet checked: call ``ensure()`` or search).

    ``seed``: a prebuilt index of the same reference data to copy instead of rebuilding.
    """
    from .items import reference_items
    from .whoosh_index import WhooshSearchIndex

    return WhooshSearchIndex(folder, lambda: reference_items(ref), ref.content_hash, user_items,
                             seed=seed)


def build_index(folder: Path, ref: ReferenceDB) -> None:
    """Build the index of the reference data alone in ``folder`` (the seed shipped with the app)."""
    index = open_index(folder, ref)
    try:
        index.ensure()
    finally:
        index.close()
