"""`ttx init`, `ttx validate`, `ttx schema`, `ttx new`: the author's commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ttx.cli.output import say, say_text, tell
from ttx.errors import TtxError
from ttx.terminal_text import visible_json


def register(commands: Any) -> None:
    init = commands.add_parser("init", help="new workspace with a small example scenario")
    init.add_argument("directory", metavar="DIR")
    init.set_defaults(handler=run_init)

    validate = commands.add_parser("validate", help="check scenarios and injects")
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help="files or folders (default: the current workspace)")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(handler=run_validate)

    schema = commands.add_parser("schema", help="JSON Schema for editors")
    schema.add_argument("kind", choices=("scenario", "inject"))
    schema.add_argument("-o", "--output", metavar="FILE",
                        help="write it here (an existing file is replaced); default: "
                             "standard output")
    schema.set_defaults(handler=run_schema)

    new = commands.add_parser("new", help="scaffold a file that validates")
    new.add_argument("kind", choices=("scenario", "inject"))
    new.add_argument("id", metavar="ID")
    new.set_defaults(handler=run_new)


def run_init(args: argparse.Namespace) -> int:
    from ttx.authoring.scaffold import init_workspace

    target = Path(args.directory)
    created = init_workspace(target)
    say(f"created workspace {target} with {len(created)} files",
        f"next: cd {target} && ttx validate && ttx run example-port-outage")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from ttx.authoring.problems import Severity, sort_problems
    from ttx.authoring.workspace import find_workspace_root, load_workspace, real_location

    cwd = Path.cwd()
    targets = [Path(p) for p in args.paths] or [find_workspace_root(cwd)]
    for target in targets:
        if not (target.exists() or target.is_symlink()):
            raise TtxError(f"no such file or folder: {target}")
    workspaces = {}
    for target in targets:
        root = find_workspace_root(target)
        if root not in workspaces:
            workspaces[root] = load_workspace(root)
    problems = []
    scenario_count = inject_count = 0
    for root, workspace in workspaces.items():
        scenario_count += len(workspace.scenario_drafts)
        inject_count += len(workspace.inject_drafts)
        chosen = [real_location(t) for t in targets if find_workspace_root(t) == root]
        problems += [p for p in workspace.problems
                     if any(real_location(p.path).is_relative_to(t) for t in chosen)]
    problems = [p.relative_to(cwd) for p in sort_problems(problems)]
    errors = sum(1 for p in problems if p.severity is Severity.error)
    warnings = len(problems) - errors
    if args.format == "json":
        document = json.dumps({"valid": errors == 0, "errors": errors, "warnings": warnings,
                               "scenarios": scenario_count, "injects": inject_count,
                               "problems": [p.as_json() for p in problems]},
                              ensure_ascii=False, indent=2)
        say_text(visible_json(document) + "\n")
    else:
        say(*map(str, problems))
        verdict = "valid" if errors == 0 else "invalid"
        tell(f"{verdict}: {scenario_count} scenarios, {inject_count} injects; "
             f"{errors} errors, {warnings} warnings")
    return 1 if errors else 0


def run_schema(args: argparse.Namespace) -> int:
    from ttx.authoring.schema import schema_text
    from ttx.cli.output import emit

    emit(schema_text(args.kind), args.output)
    return 0


def run_new(args: argparse.Namespace) -> int:
    from ttx.authoring.scaffold import new_file
    from ttx.authoring.workspace import find_workspace_root

    path = new_file(args.kind, args.id, find_workspace_root(Path.cwd()))
    say(str(path))
    return 0
