"""``gcmdesk``: no arguments opens the app; subcommands give the same core on the command line.

Every listing command takes ``--json``; those JSON shapes are a contract (keys may be added,
never renamed). Errors print one line on stderr and exit with status 1 (2 for bad usage).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import __version__
from .commands import MODULES
from .commands.common import command_adder
from .core.errors import GcmdeskError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, no usage dump
        self.exit(2, f"gcmdesk: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gcmdesk", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"gcmdesk {__version__}")
    parser.add_argument("--data-dir", help="keep user data, caches and logs under DIR "
                        "(default: the platform's user dirs; env GCMDESK_DATA_DIR)")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works end to end, then exit")
    command = command_adder(
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser))
    for module in MODULES:
        module.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test(args.data_dir)
    if args.command is None:
        from .ui.app import run_app

        return run_app(args.data_dir)
    try:
        return int(args.handler(args))
    except GcmdeskError as exc:
        print(f"gcmdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
