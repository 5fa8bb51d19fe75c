"""The user's database: annotations, briefings, settings. Never lose a byte of it.

- WAL and ``synchronous=FULL``: every committed edit survives a crash or a kill -9.
- Numbered migrations from ``db/user-migrations/NNNN_name.sql``, each in one transaction
  (sqlite-utils' ``Migrations``); a DB made by a newer gcmdesk is refused, not downgraded.
- A rolling backup (the last five) when the app starts.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import DataError
from .paths import install_root

BACKUPS_KEPT = 5
_MIGRATION_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations_dir() -> Path:
    return install_root() / "db" / "user-migrations"


def _statements(script: str) -> Iterator[str]:
    """Split a SQL script into statements (``executescript`` would commit mid-migration)."""
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                yield current
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        raise ValueError(f"incomplete SQL statement: {current[:60]!r}")


def load_migrations(folder: Path | None = None) -> Migrations:
    migrations = Migrations("gcmdesk-user")
    folder = folder or migrations_dir()
    for path in sorted(folder.glob("*.sql")):
        if not _MIGRATION_FILE.match(path.name):
            raise DataError(f"Unexpected file in {folder}: {path.name}")
        script = path.read_text(encoding="utf-8")

        def apply(db: sqlite_utils.Database, script: str = script) -> None:
            for statement in _statements(script):
                db.execute(statement)

        migrations(name=path.stem)(apply)
    return migrations


def now_iso() -> str:
    """UTC time with milliseconds, sortable as text: '2026-12-05T10:11:12.345Z'."""
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int(t % 1 * 1000):03d}Z"


def _backup_order(path: Path) -> tuple[str, int]:
    """'user-<stamp>[-<n>].sqlite', oldest first."""
    _, stamp, *n = path.stem.split("-")
    return stamp, int(n[0]) if n else 0


class UserDB:
    """One connection per thread; writes go through :meth:`transaction`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.RLock()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise DataError(
                f"Your gcmdesk data file {path} cannot be read ({exc}). It was left untouched; "
                f"restore a copy from {path.parent / 'backups'} or move it away to start afresh."
            ) from exc

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _migrate(self) -> None:
        migrations = load_migrations()
        db = sqlite_utils.Database(self.conn)
        known = {m.name for m in migrations._migrations}
        unknown = [m.name for m in migrations.applied(db) if m.name not in known]
        if unknown:
            raise DataError(
                f"Your gcmdesk data file {self.path} was written by a newer version of gcmdesk "
                f"(migration {unknown[-1]}); please update gcmdesk.")
        with self._write_lock:
            migrations.apply(db)

    @property
    def schema_version(self) -> str:
        rows = self.conn.execute("SELECT name FROM _sqlite_migrations "
                                 "WHERE migration_set = 'gcmdesk-user' ORDER BY rowid").fetchall()
        return rows[-1][0] if rows else ""

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back on any exception, so nothing half-done."""
        with self._write_lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # settings ----------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (key, json.dumps(value, ensure_ascii=False)))

    # backups -----------------------------------------------------------------------------

    def backup(self, folder: Path, keep: int = BACKUPS_KEPT) -> Path:
        """Copy the DB (consistent, via SQLite's backup API) and keep the newest ``keep``."""
        folder.mkdir(parents=True, exist_ok=True)
        stamp = now_iso().replace(":", "").replace("-", "").replace(".", "")
        target = folder / f"user-{stamp}.sqlite"
        n = 1
        while target.exists():  # two backups in the same millisecond: keep both
            target = folder / f"user-{stamp}-{n}.sqlite"
            n += 1
        with sqlite3.connect(target) as dest:
            self.conn.backup(dest)
        dest.close()
        for old in sorted(folder.glob("user-*.sqlite"), key=_backup_order)[:-keep]:
            old.unlink()
        return target
