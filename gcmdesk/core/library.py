"""The one entry point to the core: the GUI and the CLI each hold a ``Library``.

It finds (or rebuilds) the reference database, and opens the user's data and the search index.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from .annotations import AnnotationStore
from .briefing import BriefingStore
from .errors import DataError
from .paths import UserPaths, shipped_reference_db, shipped_search_index
from .refdb import ReferenceDB
from .refdb_build import BuildInputs, build_reference_db
from .search import SearchIndex, SearchRequest, SearchResult, open_index
from .userdb import UserDB

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


def _stored_hash(path: Path) -> str | None:
    """The content hash a reference DB was built from, or None if it is unreadable."""
    if not path.is_file():
        return None
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None


def resolve_reference_db(paths: UserPaths, progress: Progress | None = None) -> Path:
    """The shipped reference DB if it matches the bundled corpus, else a rebuilt one.

    A missing, stale or damaged shipped file is never written over (the install folder may be
    read-only): the app builds its own copy in the user's cache dir instead.
    """
    inputs = BuildInputs.bundled()
    try:
        wanted = inputs.content_hash()
    except OSError as exc:
        raise DataError(
            f"The bundled documents cannot be read ({exc}); reinstall gcmdesk.") from exc
    for candidate in (shipped_reference_db(), paths.rebuilt_reference_db):
        if _stored_hash(candidate) == wanted:
            return candidate
    log.info("reference database missing or stale; building %s", paths.rebuilt_reference_db)
    return build_reference_db(paths.rebuilt_reference_db, inputs, progress)


class Library:
    def __init__(self, paths: UserPaths, ref: ReferenceDB, user: UserDB) -> None:
        self.paths = paths
        self.ref = ref
        self.user = user
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()

    @classmethod
    def open(cls, data_dir: str | Path | None = None, reference_db: Path | None = None,
             progress: Progress | None = None, backup: bool = False) -> Library:
        """Open the reference data and the user's data; ``backup`` at app start."""
        paths = UserPaths.resolve(data_dir)
        ref_path = reference_db or resolve_reference_db(paths, progress)
        user = UserDB(paths.user_db)
        if backup:
            user.backup(paths.backups_dir)
        lib = cls(paths, ReferenceDB(ref_path), user)
        lib.annotations.reanchor_if_needed()  # after a content update: re-anchor, or orphan
        return lib

    @cached_property
    def annotations(self) -> AnnotationStore:
        """The user's highlights and notes, anchored in this reference data."""
        store = AnnotationStore(self.user, self.ref)
        store.listeners.append(self.sync_notes)  # notes are searchable as soon as saved
        return store

    @cached_property
    def briefings(self) -> BriefingStore:
        """The user's briefings: compose, undo, resolve for export."""
        return BriefingStore(self.user, self.ref, self.annotations)

    # search ------------------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        """The search index, opened on first use (which checks it and rebuilds it if needed)."""
        with self._index_lock:
            if self._index is None:
                index = self._open_index()
                index.ensure()
                self._index = index
                self.sync_notes()
            return self._index

    def _open_index(self) -> SearchIndex:
        return open_index(self.paths.index_dir, self.ref, self.annotations.index_items,
                          seed=shipped_search_index())

    def ensure_index(self, progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> bool:
        """For the GUI's background worker: check the index, rebuild it if needed (True)."""
        with self._index_lock:
            if self._index is None:
                self._index = self._open_index()
            index = self._index
        rebuilt = index.ensure(progress, cancel)
        self.sync_notes()
        return rebuilt

    def sync_notes(self) -> None:
        """Bring the user's notes in the index up to date: after each edit, and on opening."""
        index = self._index
        if index is None:  # not opened yet: opening it syncs
            return
        stamp = str(self.annotations.revision())
        if getattr(index, "user_stamp", None) != stamp:
            index.replace_user_items(self.annotations.index_items(), stamp)

    def search(self, query: str | SearchRequest, **options: Any) -> SearchResult:
        """Search passages, recommendations and objectives; options as in ``SearchRequest``."""
        request = query if isinstance(query, SearchRequest) else SearchRequest(query, **options)
        return self.index.search(request)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self.ref.close()
        self.user.close()
