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


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent)


def open_library(args: argparse.Namespace) -> Library:
    return Library.open(args.data_dir)
