"""The command line: it parses, calls the domain layers, and prints.

argparse rather than click or typer: it is in the standard library, costs nothing at
start-up, and already exits 2 with a usage line on wrong usage, as docs/design.md says.

Start-up stays light: argparse only, and each command imports what it needs when it
runs, so `ttx session move` never loads Textual, WeasyPrint or matplotlib.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import types
from collections.abc import Sequence

from ttx import __version__
from ttx.cli.output import output_failed, tell
from ttx.errors import TtxError
from ttx.gc_pause import collect_rarely, keep_for_good

COMMAND_HOMES = {
    "init": "ttx.cli.authoring_commands",
    "validate": "ttx.cli.authoring_commands",
    "schema": "ttx.cli.authoring_commands",
    "new": "ttx.cli.authoring_commands",
    "check": "ttx.cli.check_command",
    "session": "ttx.cli.session_commands",
    "run": "ttx.cli.console_commands",
    "play": "ttx.cli.console_commands",
    "display": "ttx.cli.console_commands",
    "sessions": "ttx.cli.sessions_command",
    "report": "ttx.cli.report_command",
    "docs": "ttx.cli.docs_command",
    "msel": "ttx.cli.msel_commands",
    "serve": "ttx.cli.serve_command",
}
"""The module that registers each command, in the order `ttx --help` lists them."""
LONG_RUNNING = frozenset({"run", "play", "display", "serve"})
"""Commands that run until someone stops them; every other one ends when done."""
COMMAND_MODULES = tuple(dict.fromkeys(COMMAND_HOMES.values()))


class _Parser(argparse.ArgumentParser):
    """argparse with our usage-error format: one `error:` line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        with contextlib.suppress(OSError):
            self.print_usage(sys.stderr)
        tell(f"error: {message}")  # it may quote an argument: control characters shown
        raise SystemExit(2)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or, given a command it knows, only that command's module:
    a console starts without importing and building the other dozen commands (a tenth
    of a bare Textual app's start-up)."""
    parser = _Parser(prog="ttx", description="Tabletop-exercise facilitation in the terminal.")
    parser.add_argument("--version", action="version", version=f"ttx {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    home = COMMAND_HOMES.get(command or "")
    for name in (home,) if home else COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic scans every installed package's entry points for plugins when the first
    # model is built (~0.1 s); the command line uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_discovery()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if argv is None and arguments and arguments[0] not in LONG_RUNNING:
        keep_for_good()  # the program run from a shell: it ends after this command
        collect_rarely()
    for argument in arguments:
        if not _is_text(argument):  # a raw byte that is not UTF-8: no journal could hold it
            tell(f"error: this argument is not UTF-8 text: {argument}")
            return 1
    parser = build_parser(arguments[0] if arguments else None)
    args = parser.parse_args(arguments)
    try:
        code: int = args.handler(args)
        sys.stdout.flush()  # a full disk is found here, not in an error at exit
    except TtxError as error:
        tell(*error.details, f"error: {error.message}")
        return 1
    except KeyboardInterrupt:
        tell("error: interrupted")
        return 130
    except BrokenPipeError:  # the reader left (`ttx … | head`): nothing more to say
        output_failed(BrokenPipeError())
        return 0
    except OSError as error:
        if error.filename is not None:  # the handlers name their files; this is the last net
            tell(f"error: {error.filename}: {error.strerror or error}")
        else:  # standard output that cannot be written, say on a full disk
            tell(f"error: {output_failed(error).message}")
        return 1
    return code


PLUGIN_LOADER = "pydantic.plugin._loader"
"""The module pydantic imports to look for plugins when it builds its first validator."""


def skip_plugin_discovery() -> None:
    """With every pydantic plugin disabled, stand in for pydantic's plugin loader.

    Disabled, the loader finds no plugins, but importing it still imports
    `importlib.metadata` (with `email`, `zipfile`, `csv`: ~14 ms, a tenth of what a seat
    adds to a bare Textual app's start-up) when a seat reads its first journal row. The
    stand-in answers what the loader would: no plugins. A plugin that is not disabled
    (`PYDANTIC_DISABLE_PLUGINS` naming some) keeps the real loader."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true") \
            or PLUGIN_LOADER in sys.modules:
        return
    loader = types.ModuleType(PLUGIN_LOADER, "pydantic's plugin loader, plugins disabled")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = _from_the_real_loader  # type: ignore[method-assign]
    sys.modules[PLUGIN_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()


def _from_the_real_loader(name: str) -> object:
    """Anything else a pydantic release asks of its loader comes from the real one (which
    then replaces the stand-in), so a newer pydantic is never broken by it."""
    if name.startswith("__"):  # what the import system looks up: the stand-in has none
        raise AttributeError(name)
    sys.modules.pop(PLUGIN_LOADER, None)
    return getattr(importlib.import_module(PLUGIN_LOADER), name)


def _is_text(argument: str) -> bool:
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
