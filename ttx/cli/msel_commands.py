"""`ttx msel export` and `ttx msel import`: the MSEL as a spreadsheet, out and in."""

from __future__ import annotations

import argparse
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
    load.add_argument("--force", action="store_true", help="replace files that exist")
    load.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from ttx.authoring.msel_export import export_csv, export_xlsx
    from ttx.authoring.resolve import resolve_scenario
    from ttx.cli.output import tell, write_output

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
    from ttx.authoring.msel_cells import slug
    from ttx.authoring.msel_import import plan_import
    from ttx.authoring.msel_read import read_table
    from ttx.authoring.msel_write import write_import
    from ttx.authoring.workspace import find_workspace_root
    from ttx.cli.output import say, tell

    path = Path(args.file)
    if not path.is_file():
        raise TtxError(f"no such file: {path}")
    table = read_table(path)
    scenario_id = args.scenario
    if scenario_id is None and table.exercise is not None:
        scenario_id = table.exercise.fields.get("scenario id") or None
    scenario_id = scenario_id or slug(path.stem, 60)
    tell(*map(str, table.warnings))
    plan = plan_import(table, scenario_id, args.start)
    tell(*map(str, plan.warnings))
    root = Path(args.into) if args.into else find_workspace_root(Path.cwd())
    written = write_import(plan, root, force=args.force)
    cwd = Path.cwd().resolve()
    say(*(str(path.relative_to(cwd) if path.is_relative_to(cwd) else path)
          for path in written))
    tell(f"imported {len(plan.injects)} injects into scenario "
         f"'{plan.scenario.id}' ({len(plan.scenario.modules)} modules)")
    return 0
