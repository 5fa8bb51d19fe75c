"""The command line, in process (fast) and once as a real subprocess (the installed entry)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gcmdesk import cli
from gcmdesk.core import library as library_module


@pytest.fixture(autouse=True)
def _use_test_reference_db(reference_db: Path, data_dir: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "shipped_reference_db", lambda: reference_db)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert cli.main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_docs_list_and_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    docs = run_json(capsys, "docs")
    assert [d["id"] for d in docs][1] == "a-72-643"
    assert {"id", "symbol", "title", "date", "type"} <= set(docs[0])
    doc = run_json(capsys, "docs", "a-72-643")
    assert doc["symbol"] == "A/72/643"
    first = doc["passages"][0]
    assert {"id", "number", "kind", "section", "text", "footnotes"} <= set(first)
    numbers = [p["number"] for p in doc["passages"] if p["kind"] == "paragraph" and p["number"]
               and p["number"].isdigit()]
    assert numbers == [str(n) for n in range(1, 89)]


def test_show_passage(capsys: pytest.CaptureFixture[str]) -> None:
    p = run_json(capsys, "show", "a-72-643/para-44")
    assert p["citation"] == "A/72/643, para. 44"
    assert p["text"].startswith("44.") is False and len(p["text"]) > 100
    assert {f["number"] for f in p["footnotes"]} == {20, 21, 22}


def test_recommendations_cover_all_documents(capsys: pytest.CaptureFixture[str]) -> None:
    recs = run_json(capsys, "recommendations")
    assert {r["doc"] for r in recs} == {
        "idm-2017-closing-remarks", "a-72-643", "marrakech-2018-background-note",
        "grcp7-summary-report", "un-network-2021-migrants-day"}
    assert {"id", "doc", "list", "number", "title", "text", "passage_id", "objectives"} <= set(
        recs[0])
    only = run_json(capsys, "recommendations", "--objective", "20")
    assert only and all(20 in r["objectives"] for r in only)


def test_objective_13_links(capsys: pytest.CaptureFixture[str]) -> None:
    o = run_json(capsys, "objectives", "13")
    assert o["number"] == 13 and "detention" in o["title"]
    assert any(p["id"] == "a-72-643/para-59" for p in o["passages"])
    assert all(p["method"] in ("explicit", "ordinal", "thematic") for p in o["passages"])
    assert len(run_json(capsys, "objectives")) == 23


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["show", "a-72-643/para-44"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A/72/643, para. 44")


@pytest.mark.parametrize("argv", [["show", "a-72-643/para-999"], ["docs", "nope"],
                                  ["objectives", "24"]])
def test_unknown_ids_give_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("gcmdesk: ")


def test_real_subprocess_errors_without_traceback(data_dir: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "gcmdesk", "objectives", "x"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    proc = subprocess.run([sys.executable, "-m", "gcmdesk", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("gcmdesk ")
