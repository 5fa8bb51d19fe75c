"""The W3C Web Annotation WG's MUST assertions (tests/data/w3c-annotation-tests), run offline.

Each assertion is a draft-04 JSON Schema with a few non-standard keys; every file of
``definitions/`` is registered under its ``id`` so that ``$ref``s resolve without a network.
An entry of a ``.test`` list may be an object grouping alternatives: one of them must pass.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SUITE = Path(__file__).resolve().parents[1] / "data" / "w3c-annotation-tests"
_EXTRA_KEYS = ("expectedResult", "assertionType", "errorMessage", "onUnexpectedResult")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

# The schemas only name these formats; jsonschema checks "uri" only with an optional package,
# so both are checked here, strictly.
FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATETIME.match(value):
        return False
    datetime.fromisoformat(value)
    return True


def _load(path: Path) -> dict[str, Any]:
    schema = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in schema.items() if k not in _EXTRA_KEYS}


@cache
def registry() -> Registry:
    resources = []
    for path in sorted((SUITE / "definitions").glob("*.json")):
        schema = _load(path)
        resources.append((schema["id"], Resource.from_contents(schema, DRAFT4)))
    return Registry().with_resources(resources)


def _entries(test_file: str) -> list[Any]:
    return json.loads((SUITE / test_file).read_text(encoding="utf-8"))["assertions"]


def _entry_files(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):  # a group of alternatives
        found = entry.get("assertions", entry.get("anyOf", entry.get("oneOf", [])))
        return [f for sub in found for f in _entry_files(sub)]
    if isinstance(entry, list):
        return [f for sub in entry for f in _entry_files(sub)]
    raise TypeError(f"unexpected assertion entry {entry!r}")


def failures(instance: Any, test_file: str) -> list[str]:
    """The MUST assertions of ``test_file`` that ``instance`` fails (empty: conforms)."""
    return check(instance, _entries(test_file))


def check(instance: Any, entries: list[Any]) -> list[str]:
    """The assertions (file names, or groups of alternatives) that ``instance`` fails."""
    failed = []
    for entry in entries:
        results = []
        for name in _entry_files(entry):
            path = SUITE / name
            raw = json.loads(path.read_text(encoding="utf-8"))
            schema = _load(path)
            validator = jsonschema.Draft4Validator(schema, registry=registry(),
                                                   format_checker=FORMATS)
            valid = validator.is_valid(instance)
            expected = raw.get("expectedResult", "valid") == "valid"
            results.append((valid == expected, f"{name}: {raw.get('errorMessage', '')}"))
        if not any(ok for ok, _ in results):
            failed.append(" | ".join(msg for _, msg in results))
    return failed


def assertion_count(test_file: str) -> int:
    return sum(len(_entry_files(e)) for e in _entries(test_file))


ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
