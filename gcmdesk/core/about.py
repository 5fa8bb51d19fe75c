"""What this copy of gcmdesk is: version, data version, bundled components and their licences."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from .paths import resources_dir
from .refdb import ReferenceDB


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    license: str
    role: str
    file: str  # licence text, relative to resources/licenses/

    def licence_path(self) -> Path:
        return (resources_dir() / "licenses" / self.file).resolve()

    def licence_text(self) -> str:
        return self.licence_path().read_text(encoding="utf-8", errors="replace")


def components() -> list[Component]:
    """Bundled third-party components (written by scripts/collect-licenses.py)."""
    data = json.loads((resources_dir() / "licenses" / "components.json").read_text("utf-8"))
    return [Component(**c) for c in data]


def about_info(ref: ReferenceDB) -> dict[str, Any]:
    meta = ref.meta()
    return {
        "version": __version__,
        "licence": "MIT",
        "data": {"content_hash": meta.get("content_hash", ""),
                 "built_at": meta.get("built_at", ""),
                 "schema_version": meta.get("schema_version", "")},
        "documents": len(ref.documents()),
        "components": [asdict(c) for c in components()],
    }
