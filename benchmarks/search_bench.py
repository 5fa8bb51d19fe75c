"""Search benchmark: build time, query latency and peak RSS, Whoosh vs SQLite FTS5.

Prints figures; it is not a test. Two corpora: (a) the bundled one; (b) a synthetic one 100x
larger, made of the bundled sentences shuffled into new passages spread over 200 documents.
Every phase runs in its own process, so each peak RSS is that phase's alone.

    .venv/bin/python benchmarks/search_bench.py [--scale 100] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gcmdesk.core.refdb import ReferenceDB  # noqa: E402
from gcmdesk.core.refdb_build import build_reference_db  # noqa: E402
from gcmdesk.core.search import IndexItem, SearchRequest  # noqa: E402
from gcmdesk.core.search.items import reference_items  # noqa: E402
from gcmdesk.core.search.whoosh_index import WhooshSearchIndex  # noqa: E402

# 60 queries: plain words, questions, phrases, prefixes, OR, exclusions, filters, misspellings.
QUERIES = [
    "alternatives to detention", "remittance costs below 3 %", "climate change",
    "climate change as a driver of migration", "International Migration Review Forum", "IMRF",
    "regional consultative processes", "RCPs", "GFMD", "migrants are not inherently vulnerable",
    "xenophobia and discrimination", "skills recognition", "portability of social security",
    "migration data collection", "return and reintegration", "consular protection",
    "smuggling of migrants", "labour mobility", "dehumanizing language",
    "politicization of migration", "national action plans", "visa regimes", "recruitment fees",
    "diaspora contributions", "capacity building mechanism", "women migrants send remittances",
    "child migrants", "what does the report say about alternatives to detention",
    "how do migrants help development", "human rights of all migrants", "border management",
    "large movements of refugees and migrants", "decent work", "social cohesion",
    '"alternatives to detention"', '"global compact"', '"human rights"',
    '"safe, orderly and regular migration"', '"member states"', '"climate change"',
    '"International Migration Review Forum"', '"regional consultative processes on migration"',
    "migra*", "remit*", "xenophob*", "detention OR custody", "smuggling OR trafficking",
    "migration -refugees", "detention -children", "remittances objective:20",
    "detention doc:a-72-643", "kind:recommendation data", "year:2017 migration governance",
    "remitances", "xenophobya", "detension", "integraton of migrants", "labor migration",
    "programme", "organisation",
]
FTS_STOP = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it",
            "of", "on", "or", "that", "the", "to", "with", "what", "does", "say", "about", "how",
            "do", "not"}


# corpora --------------------------------------------------------------------------------------

def bundled_items(ref_path: Path) -> list[IndexItem]:
    ref = ReferenceDB(ref_path)
    try:
        return list(reference_items(ref))
    finally:
        ref.close()


def synthetic_items(base: list[IndexItem], scale: int, seed: int = 7) -> list[IndexItem]:
    """``scale`` x as many passages, made of the bundled sentences, over 200 documents."""
    rng = random.Random(seed)
    sentences = [s for item in base for s in re.split(r"(?<=[.;:?!])\s+", item.text)
                 if len(s.split()) >= 4]
    count = len(base) * scale
    out = []
    for n in range(count):
        text = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        doc = f"synthetic-{n % 200:03d}"
        out.append(IndexItem(
            id=f"{doc}/p-{n}", kind="passage" if n % 10 else "recommendation", doc=doc,
            text=text, citation=f"Synthetic document {n % 200}, para. {n // 200 + 1}",
            section=rng.choice(sentences)[:60], objectives=(rng.randint(1, 23),),
            year=2015 + n % 8, subkind="paragraph",
        ))
    return out


def save_items(items: list[IndexItem], path: Path) -> None:
    path.write_text(json.dumps([i.__dict__ for i in items]), encoding="utf-8")


def load_items(path: Path) -> list[IndexItem]:
    return [IndexItem(**{**d, "objectives": tuple(d["objectives"]), "flags": tuple(d["flags"])})
            for d in json.loads(path.read_text(encoding="utf-8"))]


# measuring ------------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(ms: list[float]) -> dict[str, float]:
    s = sorted(ms)
    return {"p50": s[len(s) // 2], "p95": s[min(len(s) - 1, int(len(s) * 0.95))], "max": s[-1]}


def timed(fn: Any, queries: list[str]) -> tuple[list[float], list[float]]:
    """Latency of each query the first time (cold caches) and, repeated, the median of 3."""
    first, repeat = [], []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        first.append((time.perf_counter() - t) * 1000)
    for q in queries:
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            fn(q)
            runs.append((time.perf_counter() - t) * 1000)
        repeat.append(sorted(runs)[1])
    return first, repeat


# phases (each in its own process) -------------------------------------------------------------

def phase_whoosh_build(items_path: Path, index_dir: Path) -> dict[str, Any]:
    items = load_items(items_path)
    index = WhooshSearchIndex(index_dir, lambda: items, "bench")
    t = time.perf_counter()
    index.rebuild()
    build = time.perf_counter() - t
    index.close()
    size = sum(f.stat().st_size for f in index_dir.iterdir()) / 1e6
    return {"build_s": build, "items": len(items), "index_mb": size, "rss_mb": peak_rss_mb()}


def phase_whoosh_search(index_dir: Path, profile: bool) -> dict[str, Any]:
    index = WhooshSearchIndex(index_dir, lambda: [], "bench")
    t = time.perf_counter()
    index.ensure()
    opened = time.perf_counter() - t

    def run(q: str) -> None:
        index.search(SearchRequest(q, limit=10))

    if profile:
        prof = cProfile.Profile()
        prof.enable()
        timed(run, QUERIES)
        prof.disable()
        stats = pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative")
        stats.print_stats(r"gcmdesk|searching|collectors", 25)
    first, repeat = timed(run, QUERIES)
    phrases = [ms for q, ms in zip(QUERIES, first, strict=True) if '"' in q]
    return {"open_s": opened, "first": percentiles(first), "repeat": percentiles(repeat),
            "phrase_first": percentiles(phrases), "rss_mb": peak_rss_mb()}


def fts_query(q: str) -> str:
    """The same query in FTS5 syntax: words OR-ed, phrases, prefixes, exclusions."""
    q = re.sub(r"\b\w+:\S+", " ", q)
    parts, neg = [], []
    for m in re.finditer(r'-?"[^"]*"|\S+', q):
        tok = m.group()
        if tok.startswith("-"):
            neg += re.findall(r"\w+", tok)
        elif tok.startswith('"'):
            words = re.findall(r"\w+", tok)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif tok != "OR":
            words = [w for w in re.findall(r"\w+", tok) if w.lower() not in FTS_STOP]
            parts += [f'"{w}"' + ("*" if tok.endswith("*") else "") for w in words]
    expr = " OR ".join(parts) or '"migration"'
    return f"({expr})" + "".join(f' NOT "{w}"' for w in neg)


def phase_fts(items_path: Path, db_path: Path) -> dict[str, Any]:
    items = load_items(items_path)
    db = sqlite3.connect(db_path)
    t = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, doc UNINDEXED, title, section,"
               " citation, text, tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO fts VALUES (?,?,?,?,?,?)",
                   [(i.id, i.doc, i.title, i.section, i.citation, i.text) for i in items])
    db.commit()
    build = time.perf_counter() - t

    def run(q: str) -> None:
        expr = fts_query(q)
        db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expr,)).fetchone()
        db.execute("SELECT doc, count(*) FROM fts WHERE fts MATCH ? GROUP BY doc",
                   (expr,)).fetchall()
        db.execute("SELECT id, snippet(fts, 5, '<span class=\"hit\">', '</span>', '…', 40), "
                   "text, bm25(fts, 1.5, 0.4, 0.4, 1.0) AS s FROM fts WHERE fts MATCH ? "
                   "ORDER BY s LIMIT 10", (expr,)).fetchall()

    first, repeat = timed(run, QUERIES)
    phrases = [ms for q, ms in zip(QUERIES, first, strict=True) if '"' in q]
    return {"build_s": build, "first": percentiles(first), "repeat": percentiles(repeat),
            "phrase_first": percentiles(phrases), "rss_mb": peak_rss_mb()}


def child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], check=True,
                         capture_output=True, text=True)
    sys.stderr.write(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fmt(p: dict[str, float]) -> str:
    return f"p50 {p['p50']:6.1f} ms  p95 {p['p95']:6.1f} ms  max {p['max']:6.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--profile", action="store_true", help="cProfile the big corpus's queries")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "build":
            result = phase_whoosh_build(Path(rest[0]), Path(rest[1]))
        elif name == "search":
            result = phase_whoosh_search(Path(rest[0]), rest[1] == "1")
        else:
            result = phase_fts(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = bundled_items(build_reference_db(work / "ref.sqlite"))
        corpora = {"bundled": base, f"synthetic x{args.scale}": synthetic_items(base, args.scale)}
        print(f"{len(QUERIES)} queries, top 10 with highlights, exact totals and facets\n")
        for n, (name, items) in enumerate(corpora.items()):
            items_path = work / f"items-{n}.json"
            save_items(items, items_path)
            chars = sum(len(i.text) for i in items) / 1e6
            built = child("build", str(items_path), str(work / f"ix-{n}"))
            searched = child("search", str(work / f"ix-{n}"), "1" if args.profile and n else "0")
            fts = child("fts", str(items_path), str(work / f"fts-{n}.sqlite"))
            print(f"== ({'ab'[n]}) {name}: {len(items)} items, {chars:.1f} M characters")
            print(f"  Whoosh build  {built['build_s']:6.2f} s   index {built['index_mb']:.1f} MB"
                  f"   peak RSS {built['rss_mb']:.0f} MB")
            print(f"  Whoosh open   {searched['open_s']:6.2f} s   peak RSS of the search process"
                  f" {searched['rss_mb']:.0f} MB")
            print(f"  Whoosh first  {fmt(searched['first'])}")
            print(f"  Whoosh repeat {fmt(searched['repeat'])}")
            print(f"  Whoosh phrase {fmt(searched['phrase_first'])} (first run)")
            print(f"  FTS5 build    {fts['build_s']:6.2f} s   peak RSS {fts['rss_mb']:.0f} MB")
            print(f"  FTS5 first    {fmt(fts['first'])}")
            print(f"  FTS5 repeat   {fmt(fts['repeat'])}")
            print(f"  FTS5 phrase   {fmt(fts['phrase_first'])}")
            for p in ("p50", "p95"):
                print(f"  ratio Whoosh/FTS5 {p}: first "
                      f"{searched['first'][p] / fts['first'][p]:.1f}x, repeat "
                      f"{searched['repeat'][p] / fts['repeat'][p]:.1f}x")
            print()


if __name__ == "__main__":
    main()
