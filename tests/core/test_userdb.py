"""The user DB: migrations, refusal of damaged or newer files, backups, settings, atomicity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gcmdesk.core.errors import DataError
from gcmdesk.core.userdb import UserDB, load_migrations, migrations_dir


def test_fresh_db_gets_every_migration_once(tmp_path: Path) -> None:
    db = UserDB(tmp_path / "user.sqlite")
    names = [p.stem for p in sorted(migrations_dir().glob("*.sql"))]
    assert db.schema_version == names[-1]
    db.close()
    again = UserDB(tmp_path / "user.sqlite")  # reopening applies nothing twice
    count = again.conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]
    assert count == len(names)
    tables = {r[0] for r in again.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"settings", "annotations", "annotation_tags", "briefings", "briefing_items"} <= tables
    assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_numbered_files() -> None:
    names = [m.name for m in load_migrations()._migrations]
    assert names == sorted(names) and names[0].startswith("0001_")


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db = UserDB(tmp_path / "user.sqlite")
    with db.transaction() as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('gcmdesk-user', '9999_future', 'x')")
    db.close()
    with pytest.raises(DataError, match="newer version"):
        UserDB(tmp_path / "user.sqlite")


def test_damaged_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    garbage = b"this is not a database at all " * 200
    path.write_bytes(garbage)
    with pytest.raises(DataError, match="cannot be read"):
        UserDB(path)
    assert path.read_bytes() == garbage


def test_settings_round_trip_unicode(tmp_path: Path) -> None:
    db = UserDB(tmp_path / "user.sqlite")
    db.set_setting("display_name", "Aïcha — وفد")
    db.set_setting("font_size", 13)
    db.set_setting("font_size", 14)
    assert db.setting("display_name") == "Aïcha — وفد"
    assert db.setting("font_size") == 14
    assert db.setting("missing", "default") == "default"


def test_failed_transaction_changes_nothing(tmp_path: Path) -> None:
    db = UserDB(tmp_path / "user.sqlite")
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '2')")
    assert db.setting("a") is None


def test_backups_keep_the_last_five(tmp_path: Path) -> None:
    db = UserDB(tmp_path / "user.sqlite")
    db.set_setting("k", "v")
    made = [db.backup(tmp_path / "backups") for _ in range(7)]
    kept = sorted((tmp_path / "backups").glob("user-*.sqlite"))
    assert len(set(made)) == 7  # two in the same millisecond do not overwrite each other
    assert sorted(kept) == sorted(made[-5:])
    with sqlite3.connect(kept[-1]) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key='k'").fetchone()[0] == '"v"'
