"""The reference DB built from the bundled corpus: counts, cleaning, links, determinism."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from gcmdesk.core import library as library_module
from gcmdesk.core.errors import DataError, NotFound
from gcmdesk.core.paths import UserPaths
from gcmdesk.core.refdb import ReferenceDB
from gcmdesk.core.refdb_build import BuildInputs, build_reference_db

SG = "a-72-643"
IDM = "idm-2017-closing-remarks"
NOTE = "marrakech-2018-background-note"
GRCP = "grcp7-summary-report"
NET = "un-network-2021-migrants-day"


@pytest.fixture(scope="module")
def ref(reference_db: Path) -> ReferenceDB:
    return ReferenceDB(reference_db)


def _count(ref: ReferenceDB, sql: str, *params: object) -> int:
    return ref.conn.execute(sql, params).fetchone()[0]


def test_five_documents_with_provenance(ref: ReferenceDB) -> None:
    docs = {d.id: d for d in ref.documents()}
    assert list(docs) == [IDM, SG, NOTE, GRCP, NET]
    assert docs[SG].symbol == "A/72/643"
    assert docs[SG].provenance["symbol"] == "external"
    assert docs[GRCP].truncated is True
    assert docs[IDM].provenance["speaker"] == "corroborated_external"
    assert all(d.year in (2017, 2018, 2021) for d in docs.values())


@pytest.mark.parametrize(("doc", "low", "high"), [
    (IDM, 49, 53), (SG, 100, 100), (NOTE, 62, 62), (GRCP, 120, 170), (NET, 16, 16),
])
def test_passage_counts(ref: ReferenceDB, doc: str, low: int, high: int) -> None:
    assert low <= len(ref.passages(doc)) <= high


@pytest.mark.parametrize(("doc", "low", "high"), [
    (IDM, 0, 0), (SG, 35, 35), (NOTE, 4, 4), (GRCP, 41, 42), (NET, 1, 1),
])
def test_footnote_counts(ref: ReferenceDB, doc: str, low: int, high: int) -> None:
    assert low <= len(ref.footnotes(doc)) <= high


def test_every_footnote_is_attached(ref: ReferenceDB) -> None:
    """Except the ones whose reference the scraper lost in the text (003: 4, 13, 15, 28)."""
    rows = ref.conn.execute(
        "SELECT doc_id, number FROM footnotes WHERE id NOT IN "
        "(SELECT footnote_id FROM passage_footnotes)").fetchall()
    orphans = {(r[0], r[1]) for r in rows}
    assert {d for d, _ in orphans} <= {GRCP}
    assert {n for _, n in orphans} <= {4, 13, 15, 28, 42}


def test_sg_report_paragraphs_1_to_88_contiguous(ref: ReferenceDB) -> None:
    numbered = [p.number for p in ref.passages(SG) if p.kind == "paragraph"
                and p.number and p.number.isdigit()]
    assert numbered == [str(n) for n in range(1, 89)]


def test_must_recommendations_64_in_15_lists(ref: ReferenceDB) -> None:
    """SPEC §5 says "64 in 14 lists" but its own breakdown (1 + 3 + 8 + 2 + 1) is 15 lists."""
    must = [r for r in ref.recommendations() if r.status == "must"]
    per_doc = {d: sum(1 for r in must if r.doc_id == d) for d in (IDM, SG, NOTE, GRCP, NET)}
    assert per_doc == {IDM: 7, SG: 9, NOTE: 31, GRCP: 10, NET: 7}
    assert len({(r.doc_id, r.list_id) for r in must}) == 15


def test_grcp7_has_5_priorities_and_5_recommendations(ref: ReferenceDB) -> None:
    recs = ref.recommendations(doc_id=GRCP)
    by_type = {t: [r for r in recs if r.status == "must" and r.type == t]
               for t in ("priority", "recommendation")}
    assert len(by_type["priority"]) == 5
    assert len(by_type["recommendation"]) == 5
    assert by_type["priority"][2].title == (
        "Combat racism, discrimination and xenophobia and promote a positive image of migrants")


def test_recommendation_text_is_in_its_passage(ref: ReferenceDB) -> None:
    for r in ref.recommendations():
        assert r.text in ref.passage(r.passage_id).text, r.id


JUNK = ["__________________", "http", "Size: px", "More information", "Transcription",
        "@iom.int", "+4179",
        "Regional, Inter-regional and Global Consultative Processes on Migration (GRCP 7)"]
SPLIT_COMPOUND = re.compile(r"\w -\w|\w- (?!and\b|or\b|to\b)\w|\w - based")


def test_no_junk_or_split_compounds_in_any_passage(ref: ReferenceDB) -> None:
    for doc in ref.documents():
        for p in ref.passages(doc.id):
            for junk in JUNK:
                assert junk not in p.text, (p.id, junk)
            assert not SPLIT_COMPOUND.search(p.text), (p.id, SPLIT_COMPOUND.search(p.text))
            assert "  " not in p.text and p.text == p.text.strip(), p.id


def test_kerning_repaired_but_ordinary_words_kept(ref: ReferenceDB) -> None:
    sg = " ".join(p.text for p in ref.passages(SG))
    for broken in ("benefi t", "au thorities", "assista nce", "difficu lt", "co mpact"):
        assert broken not in sg
    assert "Secretary-General" in sg
    grcp = " ".join(p.text for p in ref.passages(GRCP))
    assert "of ten joint recommendations" in grcp


def test_no_footnote_body_inside_passages(ref: ReferenceDB) -> None:
    for doc in (SG, NOTE, NET):
        texts = [p.text for p in ref.passages(doc)]
        for f in ref.footnotes(doc):
            if len(f.text) > 25:
                assert not any(f.text in t for t in texts), f.id


def test_stable_id_and_citation(ref: ReferenceDB) -> None:
    p = ref.passage(f"{SG}/para-44")
    assert p.citation == "A/72/643, para. 44"
    assert p.number == "44"
    note = ref.passage(f"{NOTE}/para-5")
    assert note.citation.startswith("Marrakech background note, para. 5")


def test_explicit_and_ordinal_objective_links(ref: ReferenceDB) -> None:
    rows = ref.conn.execute(
        "SELECT passage_id, objective, method FROM passage_objectives "
        "WHERE method IN ('explicit', 'ordinal') ORDER BY passage_id, objective").fetchall()
    assert [tuple(r) for r in rows] == [
        (f"{NOTE}/para-5", 2, "explicit"), (f"{NOTE}/para-5", 8, "explicit"),
        (f"{NOTE}/para-5", 16, "explicit"), (f"{NOTE}/para-8", 1, "ordinal"),
    ]


def test_thematic_links_are_sensible(ref: ReferenceDB) -> None:
    detention = {p.id for p in ref.passages_for_objective(13)}
    assert f"{SG}/para-59" in detention  # "alternatives to detention"
    remittances = {r.id for r in ref.recommendations(objective=20)}
    assert any(r.startswith(NOTE) for r in remittances)
    # Every objective but 14 (consular protection: no document mentions consuls) has links.
    unlinked = [o.number for o in ref.objectives() if o.recommendation_count + o.passage_count == 0]
    assert unlinked == [14]


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in tables if t != "meta"}


def test_build_is_deterministic(reference_db: Path, tmp_path: Path) -> None:
    again = build_reference_db(tmp_path / "again.sqlite")
    assert _dump(again) == _dump(reference_db)
    assert ReferenceDB(again).content_hash == BuildInputs.bundled().content_hash()


def test_changed_corpus_file_is_refused(tmp_path: Path) -> None:
    src = BuildInputs.bundled()
    res = tmp_path / "resources"
    (res / "corpus").mkdir(parents=True)
    for f in ("gcm.json", "objective-terms.json"):
        (res / f).write_bytes((src.resources / f).read_bytes())
    for f in src.corpus_dir.iterdir():
        (res / "corpus" / f.name).write_bytes(f.read_bytes())
    victim = res / "corpus" / "2021-12-un-network-migrants-day-statement.txt"
    victim.write_text(victim.read_text() + "\nInjected.\n")
    out = tmp_path / "ref.sqlite"
    with pytest.raises(DataError, match="does not match the manifest"):
        build_reference_db(out, BuildInputs(res, src.schema))
    assert not out.exists()


def test_missing_or_damaged_reference_db_is_rebuilt(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "install" / "gcmdesk.sqlite"
    monkeypatch.setattr(library_module, "shipped_reference_db", lambda: shipped)
    paths = UserPaths.resolve(tmp_path / "user")
    built = library_module.resolve_reference_db(paths)
    assert built == paths.rebuilt_reference_db and built.is_file()
    assert library_module.resolve_reference_db(paths) == built  # fresh: reused, not rebuilt
    built.write_bytes(b"not a database" * 100)
    assert library_module.resolve_reference_db(paths) == built
    assert ReferenceDB(built).content_hash == BuildInputs.bundled().content_hash()


def test_reference_db_opens_from_a_relative_path(reference_db: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(reference_db.parent)
    ref = ReferenceDB(Path(reference_db.name))
    assert ref.recommendation(f"{SG}/rec-r1-a").passage_id == f"{SG}/para-4-a"
    with pytest.raises(NotFound, match="No recommendation"):
        ref.recommendation("nope/rec-r1-a")
