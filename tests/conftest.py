"""Shared fixtures: one real reference DB per session, a fresh user data dir per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gcmdesk.core.library import Library
from gcmdesk.core.refdb_build import build_reference_db

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference DB built from the bundled corpus, as `gcmdesk build-db` does."""
    return build_reference_db(tmp_path_factory.mktemp("ref") / "gcmdesk.sqlite")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user data dir; GCMDESK_DATA_DIR points there so nothing touches the real one."""
    d = tmp_path / "userdata"
    monkeypatch.setenv("GCMDESK_DATA_DIR", str(d))
    return d


@pytest.fixture
def library(data_dir: Path, reference_db: Path) -> Library:
    lib = Library.open(data_dir, reference_db=reference_db)
    yield lib
    lib.close()
