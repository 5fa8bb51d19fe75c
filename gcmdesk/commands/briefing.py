"""Briefing commands: compose briefings from passages, recommendations, objectives, annotations."""

from __future__ import annotations

import argparse
import sys

from ..core.briefing import (
    DEFAULT_CLASSIFICATION,
    PAPER_SIZES,
    Briefing,
    BriefingStore,
    Item,
    Layout,
)
from ..core.briefing_content import ResolvedBriefing, load_briefing
from ..core.errors import InvalidInput
from ..core.export.pdf import export_briefing_pdf
from .common import CommandAdder, command_adder, open_library, print_json


def _store(args: argparse.Namespace) -> BriefingStore:
    return open_library(args).briefings


def _cover_fields(args: argparse.Namespace) -> dict[str, str]:
    names = ("meeting", "date", "author", "classification", "introduction", "paper_size")
    return {k: getattr(args, k) for k in names if getattr(args, k, None) is not None}


def cmd_new(args: argparse.Namespace) -> int:
    b = _store(args).create_briefing(args.title, **_cover_fields(args))
    if args.json:
        print_json(b.to_json())
    else:
        print(f"Briefing {b.id} created: {b.title}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    store = _store(args)
    section_id = None
    if args.section:
        found = store.section_by_title(args.briefing_id, args.section)
        section_id = (found or store.add_section(args.briefing_id, args.section)).id
    items = store.add_items(args.briefing_id, args.item_ids, section_id=section_id,
                            comment=args.comment or "")
    if args.json:
        print_json([{"id": i.id, "type": i.item_type, "ref": i.item_ref,
                     "section_id": i.section_id, "comment": i.comment} for i in items])
    else:
        where = f" under '{args.section}'" if args.section else ""
        print(f"Added {len(items)} item(s) to briefing {args.briefing_id}{where}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    briefings = _store(args).list_briefings(include_deleted=args.all)
    if args.json:
        print_json([b.to_json() for b in briefings])
        return 0
    if not briefings:
        print("No briefings yet; create one with `gcmdesk briefing new --title ...`.")
    for b in briefings:
        flag = "  (deleted)" if b.deleted else ""
        print(f"{b.id:4}  {b.modified[:10]}  {b.item_count:3} items  {b.title}{flag}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    rb = _store(args).load(args.briefing_id)
    if args.json:
        print_json({**rb.briefing.to_json(), "sections": [
            {"id": g.section_id, "title": g.title, "items": [
                {"id": i.item.id, "number": i.number, "type": i.item.item_type,
                 "ref": i.item.item_ref, "citation": i.citation, "text": i.text,
                 "objectives": [o.number for o in i.objectives], "comment": i.comment,
                 "missing": i.missing} for i in g.items]} for g in rb.groups]})
        return 0
    b = rb.briefing
    print(f"{b.title}\n{' · '.join(x for x in (b.meeting, b.date, b.author) if x)}")
    for g in rb.groups:
        print(f"\n  {g.title}")
        for i in g.items:
            print(f"  {i.number:3}. [{i.item.id}] {i.citation}"
                  + (f"  — {i.comment.splitlines()[0]}" if i.comment.strip() else ""))
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    old = _store(args).rename_briefing(args.briefing_id, args.title)
    print(f"Briefing {args.briefing_id} renamed (was: {old}).")
    return 0


def cmd_duplicate(args: argparse.Namespace) -> int:
    b = _store(args).duplicate_briefing(args.briefing_id, args.title)
    print(f"Briefing {b.id} created: {b.title}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    _store(args).delete_briefing(args.briefing_id)
    print(f"Briefing {args.briefing_id} deleted; `gcmdesk briefing restore "
          f"{args.briefing_id}` brings it back.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _store(args).restore_briefing(args.briefing_id)
    print(f"Briefing {args.briefing_id} restored.")
    return 0


def cmd_group(args: argparse.Namespace) -> int:
    store = _store(args)
    store.group_by_objective(args.briefing_id)
    print(f"Briefing {args.briefing_id} now has {len(store.layout(args.briefing_id).sections)} "
          "section(s), one per GCM objective.")
    return 0


def _one_shot(args: argparse.Namespace, store: BriefingStore) -> ResolvedBriefing:
    """A briefing that lives only for this export (nothing is saved in the user data)."""
    refs = [r for group in args.item for r in group]
    kinds = [store.resolver.classify(r) for r in refs]
    b = Briefing(0, " ".join(args.title.split()), args.meeting or "", args.date or "",
                 args.author or "", args.classification or DEFAULT_CLASSIFICATION,
                 args.introduction or "", args.paper_size or "A4", "", "", False, len(refs))
    items = tuple(Item(n + 1, 0, None, n, kind, ref, "", "") for n, (kind, ref) in
                  enumerate(kinds))
    return load_briefing(b, Layout(0, (), items), store.resolver)


def cmd_export(args: argparse.Namespace) -> int:
    store = _store(args)
    if (args.briefing_id is None) == (args.title is None):
        raise InvalidInput("Give either a BRIEFING_ID or --title with --item ids.")
    if args.briefing_id is not None:
        rb = store.load(args.briefing_id)
    else:
        if not args.item:
            raise InvalidInput("A one-shot export needs at least one --item ID.")
        rb = _one_shot(args, store)

    def progress(done: int, total: int, message: str) -> None:
        if args.verbose:
            print(f"  {done}/{total} {message}", file=sys.stderr)

    path = export_briefing_pdf(rb, args.output, paper=args.paper_size, progress=progress)
    print(f"Wrote {path} ({len(rb.items)} items).")
    return 0


def _cover_options(p: argparse.ArgumentParser, title_required: bool) -> None:
    p.add_argument("--title", required=title_required, metavar="T")
    p.add_argument("--meeting", metavar="M", help="meeting or consultation")
    p.add_argument("--date", metavar="D", help="date, ISO preferred (2026-05-05)")
    p.add_argument("--author", metavar="A", help="author or delegation")
    p.add_argument("--classification", metavar="C",
                   help=f"classification line (default: {DEFAULT_CLASSIFICATION})")
    p.add_argument("--intro", dest="introduction", metavar="TEXT", help="introduction")
    p.add_argument("--paper", dest="paper_size", choices=PAPER_SIZES)


def register(command: CommandAdder) -> None:
    top = command("briefing", lambda a: a.parser.error("which briefing command? (new, add, "
                                                       "list, show…)"),
                  "create and compose briefings", json_flag=False)
    top.set_defaults(parser=top)
    subcommand = command_adder(top.add_subparsers(dest="briefing_command", metavar="SUBCOMMAND",
                                                  parser_class=type(top)))
    _cover_options(subcommand("new", cmd_new, "create a briefing"), title_required=True)
    p = subcommand("add", cmd_add, "add passages, recommendations, objective:N or annotations")
    p.add_argument("briefing_id", type=int, metavar="BRIEFING_ID")
    p.add_argument("item_ids", nargs="+", metavar="ITEM_ID")
    p.add_argument("--section", metavar="S", help="under this heading (made if new)")
    p.add_argument("--comment", metavar="C", help="talking points for the added item(s)")
    p = subcommand("list", cmd_list, "list briefings")
    p.add_argument("--all", action="store_true", help="include deleted briefings")
    p = subcommand("show", cmd_show, "show a briefing's sections and items")
    p.add_argument("briefing_id", type=int, metavar="BRIEFING_ID")
    for name, handler, help_ in (
            ("duplicate", cmd_duplicate, "copy a briefing"),
            ("delete", cmd_delete, "delete a briefing (restore brings it back)"),
            ("restore", cmd_restore, "bring back a deleted briefing"),
            ("group", cmd_group, "regroup items under one heading per GCM objective"),
            ("rename", cmd_rename, "rename a briefing")):
        p = subcommand(name, handler, help_, json_flag=False)
        p.add_argument("briefing_id", type=int, metavar="BRIEFING_ID")
        if name in ("rename", "duplicate"):
            p.add_argument("title", nargs="?" if name == "duplicate" else None, metavar="TITLE")

    p = command("export-briefing", cmd_export, "export a briefing to PDF (or a one-shot one "
                "from --title and --item)", json_flag=False)
    p.add_argument("briefing_id", nargs="?", type=int, metavar="BRIEFING_ID")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p.add_argument("--item", action="append", nargs="+", metavar="ID",
                   help="one-shot: item ids (passage, recommendation, objective:N, urn:uuid:…)")
    p.add_argument("-v", "--verbose", action="store_true", help="print progress on stderr")
    _cover_options(p, title_required=False)
