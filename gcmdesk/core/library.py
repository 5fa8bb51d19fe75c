"""The one entry point to the core: the GUI and the CLI each hold a ``Library``.

It finds (or rebuilds) the reference database, and opens the user's data and the search index.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .errors import DataError
from .paths import UserPaths, shipped_reference_db
from .refdb import ReferenceDB
from .refdb_build import BuildInputs, build_reference_db
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

    @classmethod
    def open(cls, data_dir: str | Path | None = None, reference_db: Path | None = None,
             progress: Progress | None = None, backup: bool = False) -> Library:
        """Open the reference data and the user's data; ``backup`` at app start."""
        paths = UserPaths.resolve(data_dir)
        ref_path = reference_db or resolve_reference_db(paths, progress)
        user = UserDB(paths.user_db)
        if backup:
            user.backup(paths.backups_dir)
        return cls(paths, ReferenceDB(ref_path), user)

    def close(self) -> None:
        self.ref.close()
        self.user.close()
