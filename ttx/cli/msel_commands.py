"""`ttx msel export` and `ttx msel import`: the MSEL as a spreadsheet, out and in."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttx.errors import TtxError

if TYPE_CHECKING:
    from ttx.msel.problems import ProblemLog

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
    export.add_argument("-o", "--output", metavar="PATH", help="default: standard output")
    export.set_defaults(handler=run_export)

    load = actions.add_parser("import", help="scenario and injects from a CSV or XLSX MSEL")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--scenario", metavar="ID", help="scenario id (default: from the file "
                      "name, or the Exercise sheet)")
    load.add_argument("--into", metavar="DIR", help="workspace to write into "
                      "(default: the current one)")
    load.add_argument("--start", metavar="DATETIME", help="game time at STARTEX, e.g. "
                      "2027-03-14T05:30+09:00 (default: from the sheet)")
    load.add_argument("--force", action="store_true", help="replace files that exist")
    load.add_argument("--format", choices=("text", "json"), default="text",
                      help="json: the problems and what was written, as `ttx validate "
                      "--format json` prints them")
    load.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from ttx.authoring.resolve import resolve_scenario
    from ttx.cli.output import write_atomically
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
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    write_atomically(Path(output), data)
    sys.stderr.write(f"wrote {output}\n")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ttx.authoring.workspace import find_workspace_root
    from ttx.msel.importer import plan_import
    from ttx.msel.problems import MselRefused, shown_lines
    from ttx.msel.read import read_table
    from ttx.msel.write import write_import

    path = Path(args.file)
    if not path.is_file():
        raise TtxError(f"no such file: {path}")
    cwd = Path.cwd()
    try:
        table = read_table(path)
        plan = plan_import(table, args.scenario, args.start)
    except MselRefused as refused:
        if args.format == "json":
            _json_report(refused.log, cwd, scenario=None, injects=0, written=[])
        raise
    root = Path(args.into) if args.into else find_workspace_root(cwd)
    written = write_import(plan, root, force=args.force)
    shown = [p.relative_to(cwd.resolve()) if p.is_relative_to(cwd.resolve()) else p
             for p in written]
    if args.format == "json":
        _json_report(plan.problems, cwd, scenario=plan.scenario.id,
                     injects=len(plan.injects), written=shown)
        return 0
    for line in shown_lines(plan.problems, cwd):
        sys.stderr.write(f"{line}\n")
    for written_path in shown:
        sys.stdout.write(f"{written_path}\n")
    sys.stderr.write(f"imported {len(plan.injects)} injects into scenario "
                     f"'{plan.scenario.id}' ({len(plan.scenario.modules)} modules)\n")
    return 0


def _json_report(log: ProblemLog, cwd: Path, *, scenario: str | None, injects: int,
                 written: list[Path]) -> None:
    """What `ttx validate --format json` prints, for the spreadsheet and what it made."""
    from ttx.authoring.problems import Severity

    problems = [p.relative_to(cwd) for p in log.sorted()]
    errors = log.count(Severity.error)
    json.dump({"valid": errors == 0, "errors": errors,
               "warnings": log.count(Severity.warning),
               "scenarios": 0 if scenario is None else 1, "injects": injects,
               "problems": [p.as_json() for p in problems],
               "omitted": {str(s): n for s, n in log.omitted.items() if n},
               "scenario": scenario, "written": [str(p) for p in written]},
              sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
