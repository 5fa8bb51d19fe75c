"""Version, data version and licences: every runtime dependency is listed with its licence."""

from __future__ import annotations

import json
import re
from importlib.metadata import distribution

import pytest

from gcmdesk import __version__, cli
from gcmdesk.core.about import about_info, components
from gcmdesk.core.library import Library


def _runtime_dependencies() -> set[str]:
    seen: set[str] = set()
    todo = ["gcmdesk"]
    while todo:
        for req in distribution(todo.pop()).requires or []:
            if "extra ==" in req:
                continue
            name = re.split(r"[ ;<>=!\[~]", req)[0].lower().replace("_", "-")
            if name not in seen and name != "pip":
                seen.add(name)
                todo.append(name)
    return seen


def test_every_runtime_dependency_has_a_licence() -> None:
    listed = {c.name.lower().replace("_", "-") for c in components()}
    assert _runtime_dependencies() <= listed
    for c in components():
        assert c.license and len(c.licence_text()) > 200, c.name
    qt = next(c for c in components() if c.name.lower().startswith("pyside6"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt.licence_text()


def test_about_reports_version_and_data(library: Library,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    info = about_info(library.ref)
    assert info["version"] == __version__
    assert info["data"]["content_hash"] == library.ref.content_hash
    assert cli.main(["about", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == __version__
