"""`gcmdesk briefing …` and `gcmdesk export-briefing`, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gcmdesk import cli
from gcmdesk.core import library as library_module
from tests.core.briefing_helpers import pdf_info, pdf_text


@pytest.fixture(autouse=True)
def _use_test_reference_db(reference_db: Path, data_dir: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "shipped_reference_db", lambda: reference_db)


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 1
    return capsys.readouterr().err


def test_new_add_list_show_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    created = json.loads(ok(capsys, "briefing", "new", "--title", "Detention", "--meeting",
                            "IMRF 2026", "--date", "2026-05-05", "--author", "Ruritania", "--json"))
    bid = str(created["id"])
    ok(capsys, "briefing", "add", bid, "a-72-643/para-44", "objective:13", "--section",
       "Detention", "--comment", "Raise alternatives")
    ok(capsys, "briefing", "add", bid, "a-72-643/rec-r1-a", "--section", "detention")
    listed = json.loads(ok(capsys, "briefing", "list", "--json"))
    assert [(b["title"], b["item_count"], b["meeting"]) for b in listed] == [
        ("Detention", 3, "IMRF 2026")]
    shown = json.loads(ok(capsys, "briefing", "show", bid, "--json"))
    (section,) = shown["sections"]  # "--section detention" found the same heading
    assert [i["ref"] for i in section["items"]] == ["a-72-643/para-44", "13", "a-72-643/rec-r1-a"]
    assert section["items"][0]["comment"] == "Raise alternatives"
    out = tmp_path / "b.pdf"
    assert "Wrote" in ok(capsys, "export-briefing", bid, "-o", str(out))
    text = pdf_text(out)
    assert "Detention" in text and "A/72/643, para. 44" in text and "Raise alternatives" in text


def test_one_shot_export_saves_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "one.pdf"
    ok(capsys, "export-briefing", "--title", "Quick note", "--item", "a-72-643/para-44",
       "objective:7", "--item", "un-network-2021-migrants-day/p-4", "--paper", "Letter",
       "-o", str(out))
    assert "letter" in pdf_info(out)["Page size"]
    text = pdf_text(out)
    assert text.index("A/72/643, para. 44") < text.index("Compact for Migration, objective 7")
    assert json.loads(ok(capsys, "briefing", "list", "--json")) == []


def test_errors_are_one_clear_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ok(capsys, "briefing", "new", "--title", "Empty")
    assert "has no items yet" in fails(capsys, "export-briefing", "1", "-o",
                                       str(tmp_path / "e.pdf"))
    assert "No passage, recommendation" in fails(capsys, "briefing", "add", "1", "x/para-1")
    assert "objectives 1 to 23" in fails(capsys, "briefing", "add", "1", "objective:24")
    assert "No briefing with id 9" in fails(capsys, "export-briefing", "9", "-o", "x.pdf")
    assert "either a BRIEFING_ID or --title" in fails(capsys, "export-briefing", "-o", "x.pdf")
    assert not (tmp_path / "e.pdf").exists()


def test_delete_restore_duplicate_group(capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "briefing", "new", "--title", "One")
    ok(capsys, "briefing", "add", "1", "a-72-643/para-44", "objective:7")
    ok(capsys, "briefing", "duplicate", "1", "Two")
    ok(capsys, "briefing", "delete", "1")
    assert [b["title"] for b in json.loads(ok(capsys, "briefing", "list", "--json"))] == ["Two"]
    ok(capsys, "briefing", "restore", "1")
    ok(capsys, "briefing", "group", "2")
    titles = [s["title"] for s in json.loads(ok(capsys, "briefing", "show", "2", "--json"))[
        "sections"]]
    assert titles[0].startswith("Objective 7") and titles[1].startswith("Objective 13")
