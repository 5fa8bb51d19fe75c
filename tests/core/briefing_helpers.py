"""Helpers for the briefing tests: annotations in the user DB, and the PDF tools (poppler, qpdf)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from gcmdesk.core.library import Library


def add_annotation(library: Library, passage_id: str, note: str, color: str | None = "yellow",
                   quote: str = "", tags: tuple[str, ...] = ()) -> str:
    """An annotation made through the annotations API: ``quote`` highlighted, or the passage."""
    text = library.ref.passage(passage_id).text
    start = text.index(quote) if quote else None
    change = library.annotations.create(
        passage_id, start, None if start is None else start + len(quote), color=color,
        note=note, tags=tags)
    assert change.after is not None
    return change.after.id


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils qpdf)")
    return path


def run(*argv: str) -> str:
    proc = subprocess.run([tool(argv[0]), *argv[1:]], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def pdf_text(pdf: Path) -> str:
    """pdftotext output with whitespace collapsed and Arabic presentation forms folded."""
    text = unicodedata.normalize("NFKC", run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    return re.sub(r"\s+", " ", text)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_info(pdf: Path) -> dict[str, str]:
    out = run("pdfinfo", "-enc", "UTF-8", str(pdf))
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_fonts(pdf: Path) -> list[dict[str, str]]:
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    return [{"name": line.split()[0], "emb": line.split()[-5]} for line in lines if line.strip()]
