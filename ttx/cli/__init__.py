"""The command line: it parses, calls the domain layers, and prints.

argparse rather than click or typer: it is in the standard library, costs nothing at
start-up, and already exits 2 with a usage line on wrong usage, as DESIGN.md asks.

Start-up stays light: argparse only, and each command imports what it needs when it
runs, so `ttx session move` never loads Textual, WeasyPrint or matplotlib.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from ttx import __version__
from ttx.errors import TtxError

COMMAND_MODULES = (
    "ttx.cli.authoring_commands",
    "ttx.cli.session_commands",
    "ttx.cli.console_commands",
    "ttx.cli.report_command",
    "ttx.cli.msel_commands",
    "ttx.cli.serve_command",
)


class _Parser(argparse.ArgumentParser):
    """argparse with our usage-error format: one `error:` line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ttx", description="Tabletop-exercise facilitation in the terminal.")
    parser.add_argument("--version", action="version", version=f"ttx {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic scans every installed package's entry points for plugins when the first
    # model is built (~0.1 s); the command line uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except TtxError as error:
        for line in error.details:
            sys.stderr.write(f"{line}\n")
        sys.stderr.write(f"error: {error.message}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    return code
