"""Where things live: bundled resources (source tree or PyInstaller bundle) and user dirs.

User data (annotations, briefings, backups), caches (search index, a rebuilt reference DB) and
logs go to the platform's user dirs, or under one folder given by ``--data-dir`` /
``GCMDESK_DATA_DIR``. Nothing is ever written into the install folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "gcmdesk"
DATA_DIR_ENV = "GCMDESK_DATA_DIR"


def install_root() -> Path:
    """The folder holding ``resources/`` and ``db/``: the bundle when frozen, else the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return install_root() / "resources"


def shipped_reference_db() -> Path:
    return install_root() / "db" / "gcmdesk.sqlite"


def shipped_search_index() -> Path:
    """A prebuilt index of the shipped reference DB, copied on first start (see search)."""
    return install_root() / "db" / "search-index"


@dataclass(frozen=True)
class UserPaths:
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> UserPaths:
        root = data_dir or os.environ.get(DATA_DIR_ENV)
        if root:
            base = Path(root).expanduser().resolve()
            return cls(base, base / "cache", base / "logs")
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @property
    def user_db(self) -> Path:
        return self.data_dir / "user.sqlite"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def index_dir(self) -> Path:
        return self.cache_dir / "index"

    @property
    def rebuilt_reference_db(self) -> Path:
        return self.cache_dir / "reference.sqlite"
