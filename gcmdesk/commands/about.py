"""``gcmdesk about``: version, data version and the licences of bundled components."""

from __future__ import annotations

import argparse

from ..core.about import about_info
from .common import CommandAdder, open_library, print_json


def cmd_about(args: argparse.Namespace) -> int:
    info = about_info(open_library(args).ref)
    if args.json:
        print_json(info)
        return 0
    data = info["data"]
    print(f"gcmdesk {info['version']} (MIT licence)")
    print(f"data version {data['content_hash'][:12]}, built {data['built_at']}, "
          f"{info['documents']} documents")
    print("\nBundled components:")
    for c in info["components"]:
        print(f"  {c['name']} {c['version']}  ·  {c['license']}  ·  {c['role']}")
    return 0


def register(command: CommandAdder) -> None:
    command("about", cmd_about, "version, data version and licences of bundled components")
