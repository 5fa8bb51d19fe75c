"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable
from typing import Any, Protocol

from ..core.library import Library

Handler = Callable[[argparse.Namespace], int]


class CommandAdder(Protocol):
    """Adds a subcommand: ``command(name, handler, help, json_flag=True) -> its parser``."""

    def __call__(self, name: str, handler: Handler, help_: str, json_flag: bool = True
                 ) -> argparse.ArgumentParser: ...


def command_adder(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> CommandAdder:
    """The ``command`` function that adds subcommands to ``sub``: each has its help as its
    description, ``--json`` (unless ``json_flag=False``) and its handler."""

    def command(name: str, handler: Handler, help_: str, json_flag: bool = True
                ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        if json_flag:
            p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(handler=handler)
        return p

    return command


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent)


def open_library(args: argparse.Namespace) -> Library:
    return Library.open(args.data_dir)
