"""Commands on the reference data: documents, passages, objectives, recommendations."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .common import CommandAdder, open_library, print_json, wrap


def cmd_docs(args: argparse.Namespace) -> int:
    lib = open_library(args)
    if args.doc_id is None:
        docs = lib.ref.documents()
        if args.json:
            print_json([d.to_json() for d in docs])
        for d in [] if args.json else docs:
            print(f"{d.id:32} {d.date:10}  {d.type:16} {d.symbol or '':9} {d.short_title}")
        return 0
    doc = lib.ref.document(args.doc_id)
    passages = lib.ref.passages(doc.id)
    sections = {s.id: s for s in lib.ref.sections(doc.id)}
    if args.json:
        out = doc.to_json()
        out["sections"] = [s.__dict__ for s in sections.values()]
        out["passages"] = [
            {**p.to_json(), "section": sections[p.section_id].title if p.section_id else None}
            for p in passages
        ]
        print_json(out)
        return 0
    print(f"{doc.title}\n{doc.cite_name} · {doc.issuing_body} · {doc.date}\n")
    current = None
    for p in passages:
        if p.section_id != current and p.section_id:
            current = p.section_id
            print(f"\n  {sections[current].label}")
        print(f"  [{p.number or '·'}] {p.id}\n{wrap(p.text)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    p = open_library(args).ref.passage(args.passage_id)
    if args.json:
        print_json(p.to_json())
        return 0
    print(f"{p.citation}  ({p.id})\n{wrap(p.text, '  ')}")
    for f in p.footnotes:
        print(f"\n  {f.number}. {f.text}")
    if p.objectives:
        print("\n  Objectives: " + "; ".join(
            f"{o.objective} ({o.method}{'' if o.method != 'thematic' else f' {o.score:.2f}'})"
            for o in p.objectives))
    return 0


def cmd_objectives(args: argparse.Namespace) -> int:
    ref = open_library(args).ref
    if args.number is None:
        objectives = ref.objectives()
        if args.json:
            print_json([o.__dict__ for o in objectives])
        for o in [] if args.json else objectives:
            print(f"{o.number:2}. {o.title}  [{o.passage_count} passages, "
                  f"{o.recommendation_count} recommendations]")
        return 0
    o = ref.objective(args.number)
    passages = ref.passages_for_objective(o.number)
    recs = ref.recommendations(objective=o.number)

    def link(links: Sequence[Any]) -> dict[str, Any]:
        best = max((x for x in links if x.objective == o.number), key=lambda x: x.score)
        return {"method": best.method, "score": best.score, "evidence": best.evidence}

    if args.json:
        print_json({
            **o.__dict__,
            "passages": [{"id": p.id, "doc": p.doc_id, "citation": p.citation, "text": p.text,
                          **link(p.objectives)} for p in passages],
            "recommendations": [{"id": r.id, "doc": r.doc_id, "citation": r.citation,
                                 "text": r.text, **link(r.objectives)} for r in recs],
        })
        return 0
    print(f"Objective {o.number}: {o.title}\n")
    print(f"{len(recs)} recommendations")
    for r in recs:
        print(f"  {r.citation} ({link(r.objectives)['method']})\n{wrap(r.text)}")
    print(f"\n{len(passages)} passages")
    for p in passages:
        print(f"  {p.citation} ({link(p.objectives)['method']})")
    return 0


def cmd_recommendations(args: argparse.Namespace) -> int:
    recs = open_library(args).ref.recommendations(doc_id=args.doc, objective=args.objective)
    if args.json:
        print_json([r.to_json() for r in recs])
        return 0
    heading = None
    for r in recs:
        if (r.doc_id, r.list_id) != heading:
            heading = (r.doc_id, r.list_id)
            print(f"\n{r.doc_id} {r.list_id}: {r.list_heading}")
        objs = ",".join(str(o.objective) for o in r.objectives)
        print(f"  {r.number:>3}. {(r.title or r.text)[:80]}  [{objs}]")
    return 0


def cmd_build_db(args: argparse.Namespace) -> int:
    from ..core.paths import shipped_reference_db, shipped_search_index
    from ..core.refdb import ReferenceDB
    from ..core.refdb_build import build_reference_db
    from ..core.search import build_index

    def progress(done: int, total: int, message: str) -> None:
        if not args.quiet:
            print(f"  {message}", file=sys.stderr)

    out = build_reference_db(Path(args.output) if args.output else shipped_reference_db(),
                             progress=progress)
    if not args.output:  # the shipped DB gets its prebuilt search index beside it
        ref = ReferenceDB(out)
        try:
            build_index(shipped_search_index(), ref)
        finally:
            ref.close()
        progress(1, 1, f"Search index built in {shipped_search_index()}")
    print(out)
    return 0


def register(command: CommandAdder) -> None:
    p = command("docs", cmd_docs, "list the documents, or show one with its passages")
    p.add_argument("doc_id", nargs="?", metavar="DOC_ID")
    p = command("show", cmd_show, "show a passage with its citation, footnotes and objectives")
    p.add_argument("passage_id", metavar="PASSAGE_ID")
    p = command("objectives", cmd_objectives, "list the 23 objectives, or what links to one")
    p.add_argument("number", nargs="?", type=int, metavar="N")
    p = command("recommendations", cmd_recommendations, "list the recommendations")
    p.add_argument("--doc", metavar="DOC_ID")
    p.add_argument("--objective", type=int, metavar="N")
    p = command("build-db", cmd_build_db, "rebuild the reference database from resources/",
                json_flag=False)
    p.add_argument("-o", "--output", help="where to write it (default: db/gcmdesk.sqlite)")
    p.add_argument("-q", "--quiet", action="store_true")
