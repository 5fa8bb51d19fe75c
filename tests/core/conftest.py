"""Fixtures shared by the core tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gcmdesk.core.refdb import ReferenceDB
from gcmdesk.core.search import open_index
from gcmdesk.core.search.whoosh_index import WhooshSearchIndex


@pytest.fixture(scope="session")
def index(reference_db: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[WhooshSearchIndex]:
    """The search index over the bundled corpus, built once; the tests only search it."""
    ref = ReferenceDB(reference_db)
    ix = open_index(tmp_path_factory.mktemp("search") / "index", ref)
    ix.ensure()
    yield ix
    ix.close()
    ref.close()
