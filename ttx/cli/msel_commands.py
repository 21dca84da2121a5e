"""`ttx msel export` and `ttx msel import`: the MSEL as a spreadsheet, out and in."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ttx.errors import TtxError

FORMATS = ("csv", "xlsx")


def register(commands: Any) -> None:
    msel = commands.add_parser("msel", help="MSEL spreadsheets: export and import CSV or XLSX")
    actions = msel.add_subparsers(dest="msel_command", metavar="ACTION",
                                  parser_class=type(msel))
    actions.required = True

    export = actions.add_parser("export", help="the scenario's MSEL as CSV or XLSX")
    export.add_argument("scenario", metavar="SCENARIO", help="scenario file or id")
    export.add_argument("--format", choices=FORMATS,
                        help="default: from the -o suffix, else csv")
    export.add_argument("-o", "--output", metavar="PATH", help="write it here (an existing file is "
                        "replaced); default: standard output")
    export.set_defaults(handler=run_export)

    load = actions.add_parser("import", help="scenario and injects from a CSV or XLSX MSEL")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--scenario", metavar="ID", help="scenario id (default: from the file "
                      "name, or the Exercise sheet)")
    load.add_argument("--into", metavar="DIR", help="workspace to write into "
                      "(default: the current one)")
    load.add_argument("--start", metavar="DATETIME", help="game time at STARTEX, e.g. "
                      "2027-03-14T05:30+09:00 (default: from the sheet)")
    load.add_argument("--force", action="store_true", help="replace or update files that "
                      "exist")
    load.add_argument("--check", action="store_true", help="list the files the import would "
                      "create or update, and write nothing")
    load.add_argument("--update-shared", action="store_true", help="let the sheet change "
                      "injects that other scenarios play too (default: refused)")
    load.add_argument("--format", choices=("text", "json"), default="text",
                      help="json: the problems and what was written, as `ttx validate "
                      "--format json` prints them")
    load.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from ttx.authoring.resolve import resolve_scenario
    from ttx.cli.output import tell, write_output
    from ttx.msel.export import export_csv, export_xlsx

    output: str | None = args.output if args.output not in (None, "-") else None
    chosen = args.format
    if chosen is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output else ""
        chosen = suffix if suffix in FORMATS else "csv"
    if chosen == "xlsx" and output is None and sys.stdout.isatty():
        raise TtxError("an XLSX is binary: give -o FILE.xlsx, or redirect standard output")
    resolved = resolve_scenario(args.scenario)
    data = export_xlsx(resolved) if chosen == "xlsx" else export_csv(resolved)
    if write_output(data, output):
        tell(f"wrote {output}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ttx.authoring.workspace import find_workspace_root, load_workspace
    from ttx.cli.output import say, tell
    from ttx.msel.importer import plan_import, scenario_id_for
    from ttx.msel.in_place import exercise_from_scenario, plan_changes
    from ttx.msel.problems import MselRefused, shown_lines
    from ttx.msel.read import read_table
    from ttx.msel.write import refuse_if_refused, shown, write_changes

    path = Path(args.file)
    if not path.is_file():
        raise TtxError(f"no such file: {path}")
    cwd = Path.cwd()
    root = Path(args.into) if args.into else find_workspace_root(cwd)
    report = _JsonReport() if args.format == "json" else None
    try:
        table = read_table(path)
        workspace = load_workspace(root)
        existing = workspace.scenarios.get(scenario_id_for(table, args.scenario))
        plan = plan_import(table, args.scenario, args.start,
                           exercise=exercise_from_scenario(existing.scenario)
                           if existing else None)
        changes = plan_changes(plan, workspace, update_shared=args.update_shared)
        refuse_if_refused(changes, path)
    except MselRefused as refused:
        if report is not None:
            report.problems = refused.log
            report.write(cwd)
        raise
    written = [] if args.check else write_changes(changes, workspace, force=args.force)
    if report is not None:
        report.problems = plan.problems
        report.scenario, report.injects = plan.scenario.id, len(plan.injects)
        report.changes = [{"path": str(shown(c.path)), "action": "create" if c.created
                           else "update", "what": c.summary} for c in changes.files]
        report.notes, report.written = changes.notes, [shown(p) for p in written]
        report.write(cwd)
        return 0
    for line in [*shown_lines(plan.problems, cwd), *changes.notes]:
        tell(line)
    if args.check:
        for change in changes.files:
            verb = "create" if change.created else "update"
            say(f"{verb} {shown(change.path)}: {change.summary}")
        tell(f"checked: {len(changes.files)} file(s) would change; nothing written")
        return 0
    for written_path in written:
        say(str(shown(written_path)))
    if not changes.files:
        tell(f"nothing to change: scenario '{plan.scenario.id}' already says what the "
             "sheet says")
    elif changes.in_place:
        tell(f"updated scenario '{plan.scenario.id}' in place: {len(written)} file(s) "
             "written")
    else:
        tell(f"imported {len(plan.injects)} injects into scenario '{plan.scenario.id}' "
             f"({len(plan.scenario.modules)} modules)")
    return 0


class _JsonReport:
    """What `ttx validate --format json` prints, for the spreadsheet and what it makes."""

    def __init__(self) -> None:
        from ttx.msel.problems import ProblemLog

        self.problems = ProblemLog()
        self.scenario: str | None = None
        self.injects = 0
        self.changes: list[dict[str, str]] = []
        self.notes: list[str] = []
        self.written: list[Path] = []

    def write(self, cwd: Path) -> None:
        from ttx.authoring.problems import Severity

        errors = self.problems.count(Severity.error)
        from ttx.cli.output import say_text
        from ttx.terminal_text import visible_json

        say_text(visible_json(json.dumps(
            {"valid": errors == 0, "errors": errors,
             "warnings": self.problems.count(Severity.warning),
             "scenarios": 0 if self.scenario is None else 1, "injects": self.injects,
             "problems": [p.relative_to(cwd).as_json() for p in self.problems.sorted()],
             "omitted": {str(s): n for s, n in self.problems.omitted.items() if n},
             "scenario": self.scenario, "changes": self.changes, "notes": self.notes,
             "written": [str(p) for p in self.written]},
            ensure_ascii=False, indent=2)) + "\n")
