"""`ttx COMMAND` builds only its own module's part of the command line: the table that
says where each command lives must match what the modules register."""

import argparse
import importlib

from ttx.cli import COMMAND_HOMES, COMMAND_MODULES, build_parser


def registered(module: str) -> list[str]:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    importlib.import_module(module).register(commands)
    return list(commands.choices)


def test_each_module_registers_exactly_the_commands_the_table_gives_it() -> None:
    for module in COMMAND_MODULES:
        assert registered(module) == [name for name, home in COMMAND_HOMES.items()
                                      if home == module]


def test_a_known_command_builds_only_its_module_and_help_lists_every_command() -> None:
    only_run = build_parser("run")
    commands = next(action for action in only_run._actions
                    if isinstance(action, argparse._SubParsersAction))
    assert list(commands.choices) == ["run", "play", "display"]
    assert only_run.parse_args(["run", "x.ttx"]).target == "x.ttx"
    everything = build_parser("--help")
    listed = next(action for action in everything._actions
                  if isinstance(action, argparse._SubParsersAction))
    assert list(listed.choices) == list(COMMAND_HOMES)
