"""Commands on the user's annotations: ``annotate``, ``annotations list|export|import``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.anchoring import STATUSES, find_quote
from ..core.annotation_io import FORMATS, export_file, import_file
from ..core.annotations import Annotation, AnnotationFilter, AnnotationStore
from .common import CommandAdder, open_library, print_json, wrap


def cmd_annotate(args: argparse.Namespace) -> int:
    store = open_library(args).annotations
    start = end = None
    if args.quote is not None:
        passage = store.ref.passage(args.passage_id)
        start, end = find_quote(passage.text, args.quote, args.occurrence)
    change = store.create(args.passage_id, start, end,
                          color=None if args.no_color else args.color,
                          note=args.note.replace("\\n", "\n"), tags=args.tag)
    if args.json:
        print_json(change.after.to_json())
    else:
        print(change.after.id)
    return 0


def _filter(store: AnnotationStore, args: argparse.Namespace) -> AnnotationFilter:
    return AnnotationFilter(
        color=store.color_key(args.color) if args.color else None, tag=args.tag,
        doc_id=args.doc, text=args.text or "",
        creators=frozenset(args.creator) if args.creator else None,
        hidden_creators=frozenset(args.hide_creator or ()), status=args.status,
        order="document" if args.by_document else "newest")


def cmd_list(args: argparse.Namespace) -> int:
    store = open_library(args).annotations
    anns = store.find(_filter(store, args))
    names = {c.key: c.name for c in store.colors()}
    if args.json:
        print_json([{**a.to_json(), "color_name": names.get(a.color or "")} for a in anns])
        return 0
    for a in anns:
        print(_describe(a, names.get(a.color or "", "note")))
    if not anns:
        print("No annotations.")
    return 0


def _describe(a: Annotation, color_name: str) -> str:
    status = "" if a.anchor_status == "anchored" else f"  [{a.anchor_status}]"
    lines = [f"{a.citation or a.passage_id} · {color_name} · {a.creator} · "
             f"{a.modified[:10]}{status}\n  {a.id}"]
    lines.append(wrap(f"“{a.quote}”") if a.quote else "    (whole passage)")
    if a.note:
        lines.append(wrap(a.note.replace("\n", " ⏎ ")))
    if a.tags:
        lines.append("    tags: " + ", ".join(a.tags))
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    store = open_library(args).annotations
    anns = store.find(_filter(store, args))
    out = Path(args.output)
    export_file(store, anns, args.format, out)
    print(f"Exported {len(anns)} annotation(s) to {out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    report = import_file(open_library(args).annotations, Path(args.file))
    if args.json:
        print_json({"added": report.added, "updated": report.updated,
                    "unchanged": report.unchanged})
    else:
        print(f"Imported {report.total} annotation(s): {report.added} new, "
              f"{report.updated} updated, {report.unchanged} already up to date.")
    return 0


def _filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--color", metavar="NAME", help="only this colour (key or name)")
    p.add_argument("--tag", metavar="TAG", help="only annotations with this tag")
    p.add_argument("--doc", metavar="DOC_ID", help="only annotations in this document")
    p.add_argument("--text", metavar="WORDS", help="only annotations containing these words")
    p.add_argument("--creator", action="append", metavar="NAME", help="only by this author")
    p.add_argument("--hide-creator", action="append", metavar="NAME",
                   help="leave out this author's annotations")
    p.add_argument("--status", choices=STATUSES, help="e.g. orphaned: the review list")
    p.add_argument("--by-document", action="store_true", help="reading order, not newest first")


def register(command: CommandAdder) -> None:
    p = command("annotate", cmd_annotate, "highlight a quote in a passage (or the whole "
                "passage), with an optional note and tags")
    p.add_argument("passage_id", metavar="PASSAGE_ID")
    p.add_argument("--quote", metavar="TEXT", help="the words to highlight (default: the whole "
                   "passage)")
    p.add_argument("--occurrence", type=int, metavar="N",
                   help="which occurrence of the quote, if it appears more than once")
    p.add_argument("--note", default="", metavar="TEXT", help="a note (\\n for a line break)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeat)")
    colour = p.add_mutually_exclusive_group()
    colour.add_argument("--color", default="yellow", metavar="NAME",
                        help="highlight colour, by key or name (default: yellow)")
    colour.add_argument("--no-color", action="store_true", help="a note without a highlight")

    p = command("annotations", _usage, "list, export or import your annotations",
                json_flag=False)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = sub.add_parser("list", help="list annotations (filters narrow the list)")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    _filter_args(q)
    q.set_defaults(handler=cmd_list)
    q = sub.add_parser("export", help="export annotations to a file")
    q.add_argument("--format", choices=FORMATS, default="w3c",
                   help="w3c: W3C Web Annotation JSON-LD (to share); md, csv: to read")
    q.add_argument("-o", "--output", required=True, metavar="FILE")
    _filter_args(q)
    q.set_defaults(handler=cmd_export)
    q = sub.add_parser("import", help="import a W3C Web Annotation file (all or nothing)")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(handler=cmd_import)


def _usage(args: argparse.Namespace) -> int:  # unreachable: argparse requires an action
    return 2
