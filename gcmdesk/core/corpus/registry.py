"""Which parser reads which document, and the manifest that says so."""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from .model import ParsedDocument

log = logging.getLogger(__name__)

Parser = Callable[[str], ParsedDocument]

# Structure rules per known document (modules of this package), and, for a text the manifest
# does not describe, the generic parser of the closest layout profile.
STRUCTURES = {
    "idm_closing_remarks": "idm_closing_remarks",
    "sg_report": "sg_report",
    "marrakech_note": "marrakech_note",
    "grcp7_report": "grcp7_report",
    "network_statement": "network_statement",
}
PROFILE_FALLBACK = {"C": "profile_c"}


@dataclass(frozen=True)
class DocumentSource:
    meta: dict[str, Any]  # the manifest entry
    path: Path

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    def read(self) -> str:
        data = self.path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != self.meta["sha256"]:
            raise DataError(
                f"{self.path.name} does not match the manifest (sha256 {digest[:12]}…, "
                f"expected {self.meta['sha256'][:12]}…); reinstall or update the manifest."
            )
        return data.decode("utf-8")


def load_manifest(corpus_dir: Path) -> list[DocumentSource]:
    manifest = corpus_dir / "manifest.json"
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"Cannot read the corpus manifest {manifest}: {exc}") from exc
    return [DocumentSource(entry, corpus_dir / entry["file"]) for entry in entries]


def parser_for(meta: dict[str, Any]) -> Parser:
    module = STRUCTURES.get(meta.get("structure", ""))
    if module is None:
        module = PROFILE_FALLBACK.get(meta.get("profile", ""), "profile_c")
        log.warning("%s: no structure rules, using the generic %s parser", meta["id"], module)
    parse: Parser = importlib.import_module(f"{__package__}.{module}").parse
    return parse
