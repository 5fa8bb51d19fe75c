"""``gcmdesk annotate`` and ``gcmdesk annotations list|export|import``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gcmdesk import cli
from gcmdesk.core import library as library_module

P4 = "un-network-2021-migrants-day/p-4"


@pytest.fixture(autouse=True)
def _use_test_reference_db(reference_db: Path, data_dir: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "shipped_reference_db", lambda: reference_db)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def listing(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "annotations", "list", "--json", *argv)
    assert code == 0
    return json.loads(out)


def test_annotate_then_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "annotate", P4, "--quote", "14,000 migrants", "--note",
                       "Morts\\nen mer", "--tag", "deaths", "--tag", "IOM", "--color", "Concern")
    assert code == 0 and out.strip().startswith("urn:uuid:")
    assert run(capsys, "annotate", P4, "--no-color", "--note", "whole")[0] == 0
    (a,) = listing(capsys, "--color", "concern")
    assert a["id"] == out.strip() and a["quote"] == "14,000 migrants"
    assert a["note"] == "Morts\nen mer" and a["tags"] == ["deaths", "IOM"]
    assert a["color"] == "red" and a["color_name"] == "Concern"
    assert a["citation"] == "UN Network statement, Migrants Day 2021, para. 4"
    assert {x["whole_passage"] for x in listing(capsys)} == {True, False}
    assert [x["note"] for x in listing(capsys, "--text", "WHOLE")] == ["whole"]
    code, out, _ = run(capsys, "annotations", "list")
    assert code == 0 and "“14,000 migrants”" in out and "tags: deaths, IOM" in out


def test_annotate_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "annotate", P4, "--quote", "migrants")
    assert code == 1 and "appears" in err and err.count("\n") == 1
    assert run(capsys, "annotate", P4, "--quote", "migrants", "--occurrence", "2")[0] == 0
    code, _, err = run(capsys, "annotate", "a-72-643/para-999", "--quote", "x")
    assert code == 1 and err == "gcmdesk: No passage with id 'a-72-643/para-999'.\n"
    code, _, err = run(capsys, "annotate", P4, "--quote", "14,000", "--color", "pink")
    assert code == 1 and "No highlight colour 'pink'" in err
    assert len(listing(capsys)) == 1


def test_export_and_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "annotate", P4, "--quote", "14,000 migrants", "--note", "<b>&amp;</b>")
    run(capsys, "annotate", P4, "--quote", "stranded", "--tag", "returns", "--color", "green")
    for fmt in ("w3c", "md", "csv"):
        code, out, _ = run(capsys, "annotations", "export", "--format", fmt, "-o",
                           str(tmp_path / f"notes.{fmt}"))
        assert code == 0 and "Exported 2 annotation(s)" in out
    doc = json.loads((tmp_path / "notes.w3c").read_text(encoding="utf-8"))
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 2
    code, out, _ = run(capsys, "annotations", "export", "--tag", "returns", "-o",
                       str(tmp_path / "returns.json"))
    assert "Exported 1 annotation(s)" in out

    code, out, _ = run(capsys, "annotations", "import", str(tmp_path / "notes.w3c"))
    assert code == 0 and "0 new, 0 updated, 2 already up to date" in out
    other = str(tmp_path / "other")
    code, out, _ = run(capsys, "--data-dir", other, "annotations", "import", "--json",
                       str(tmp_path / "notes.w3c"))
    assert json.loads(out) == {"added": 2, "updated": 0, "unchanged": 0}

    code, _, err = run(capsys, "--data-dir", str(tmp_path / "third"), "annotations", "import",
                       str(tmp_path / "notes.md"))
    assert code == 1 and "is not valid JSON" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "third"), "annotations", "list",
                       "--json")
    assert json.loads(out) == []
