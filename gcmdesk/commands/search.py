"""``gcmdesk search``: full-text search over passages, recommendations and objectives."""

from __future__ import annotations

import argparse
import re
import sys
from html import unescape

from ..core.search import KINDS, SearchRequest
from .common import CommandAdder, open_library, print_json, wrap

_TAG = re.compile(r"<[^>]+>")


def _plain(snippet: str) -> str:
    """The snippet for a terminal: matched words in [brackets] instead of HTML."""
    marked = snippet.replace('<span class="hit">', "[").replace("</span>", "]")
    return unescape(_TAG.sub("", marked))


def cmd_search(args: argparse.Namespace) -> int:
    lib = open_library(args)

    def progress(done: int, total: int, message: str) -> None:
        if not args.json and done == 0:
            print(f"  {message}…", file=sys.stderr)

    lib.ensure_index(progress)
    result = lib.search(SearchRequest(
        args.query, limit=args.limit, offset=args.offset, doc=args.doc,
        objective=args.objective, kind=args.kind))
    if args.json:
        print_json(result.to_json())
        return 0
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}")
    if result.message:
        print(result.message)
    shown = f"{result.offset + 1}–{result.offset + len(result.hits)} of " if result.hits else ""
    print(f"{shown}{result.total} results")
    for hit in result.hits:
        print(f"\n  {hit.citation}  ({hit.id}, {hit.kind}, score {hit.score:.2f})")
        print(wrap(_plain(hit.snippet)))
    if result.total:
        print("\n  By document: " + ", ".join(f"{k} {v}" for k, v in result.facets["doc"].items()))
    return 0


def _limit(value: str) -> int:
    n = int(value)
    if not 0 <= n <= 1000:
        raise argparse.ArgumentTypeError("must be between 0 and 1000")
    return n


def register(command: CommandAdder) -> None:
    p = command("search", cmd_search, "search passages, recommendations and objectives")
    p.add_argument("query", metavar="QUERY", help='words, "a phrase", -word, a OR b, prefix*, '
                   "doc:ID, objective:N, kind:K, year:YYYY")
    p.add_argument("--limit", type=_limit, default=10, metavar="N", help="hits to show (10)")
    p.add_argument("--offset", type=_limit, default=0, metavar="N", help="hits to skip (0)")
    p.add_argument("--doc", metavar="ID", help="only this document (id, symbol or its start)")
    p.add_argument("--objective", type=int, metavar="N", help="only items linked to objective N")
    p.add_argument("--kind", choices=KINDS, help="only this kind of item")
