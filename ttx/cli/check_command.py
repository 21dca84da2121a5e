"""`ttx check SCENARIO`: the design review, with its timeline in the terminal or a file.

Problems print as `PATH:LINE:COL: warning: …` on standard output, like `ttx validate`,
then the timeline and coverage as Rich tables (authored text always goes in as `Text`,
never as markup); `-o FILE.svg|html` writes the timeline (and, as HTML, the whole
review) to a file. Exit 1 only when a file has errors; warnings are reported.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttx.cli.output import say, say_text, tell
from ttx.errors import TtxError
from ttx.terminal_text import visible_json

if TYPE_CHECKING:
    from rich.console import Console

    from ttx.authoring.design_check import DesignReview
    from ttx.authoring.design_plan import DesignPlan, ModulePlan

OUTPUT_SUFFIXES = (".svg", ".html", ".htm")


def register(commands: Any) -> None:
    check = commands.add_parser(
        "check", help="review a scenario's design: reachability, coverage, timing, timeline")
    check.add_argument("scenario", metavar="SCENARIO", help="scenario file or id")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("-o", "--output", metavar="FILE.svg|html",
                       help="also write the timeline (SVG) or the whole review (HTML)")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from ttx.authoring.design_check import review_design
    from ttx.authoring.problems import Severity

    output = args.output
    if output is not None and Path(output).suffix.lower() not in OUTPUT_SUFFIXES:
        raise TtxError(f"-o takes a .svg or .html file, not {output}")
    review = review_design(args.scenario)
    cwd = Path.cwd()
    problems = [problem.relative_to(cwd) for problem in review.problems]
    errors = sum(1 for problem in problems if problem.severity is Severity.error)
    warnings = len(problems) - errors
    if args.format == "json":
        say_text(visible_json(json.dumps(
            {"scenario": review.scenario_id, "valid": errors == 0, "errors": errors,
             "warnings": warnings, "problems": [p.as_json() for p in problems],
             **(_plan_json(review.plan) if review.plan else {})},
            ensure_ascii=False, indent=2)) + "\n")
    else:
        say(*(str(problem) for problem in problems))
        if review.plan is not None:
            buffer = io.StringIO()
            _print_plan(review.plan, _console(buffer))
            say_text(buffer.getvalue())
    if output is not None:
        _write(review, output)
    verdict = "ok" if errors == 0 else "failed"
    tell(f"{verdict}: scenario {review.scenario_id}; {errors} errors, {warnings} warnings")
    return 1 if errors else 0


def _write(review: DesignReview, output: str) -> None:
    from ttx.authoring.design_timeline import review_html, timeline_svg
    from ttx.cli.output import emit

    problems = [problem.relative_to(Path.cwd()) for problem in review.problems]
    if Path(output).suffix.lower() == ".svg":
        if review.plan is None:
            raise TtxError(f"no timeline to write to {output}: the scenario's files have "
                           "errors (listed above)")
        emit(timeline_svg(review.plan), output)
        return
    title = review.plan.resolved.scenario.title if review.plan else review.scenario_id
    emit(review_html(title, problems, review.plan), output)


def _console(buffer: io.StringIO) -> Console:
    from rich.console import Console

    # drawn into a buffer, then printed through ttx.cli.output like every other line
    width = shutil.get_terminal_size((100, 24)).columns
    return Console(file=buffer, width=width, highlight=False, emoji=False,
                   markup=False, soft_wrap=False, force_terminal=sys.stdout.isatty())


def _print_plan(plan: DesignPlan, console: Console) -> None:
    from rich.text import Text

    scenario = plan.resolved.scenario
    console.print()
    console.print(Text(f"Timeline of {_line(scenario.title)}", style="bold"))
    for module_plan in plan.modules:
        _print_module(plan, module_plan, console)
    _print_coverage(plan, console)


def _line(text: str, limit: int | None = None) -> str:
    from ttx.authoring.design_timeline import one_line

    return one_line(text, limit)


def _print_module(plan: DesignPlan, module_plan: ModulePlan, console: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ttx.model import format_offset
    from ttx.model.wording import clock

    module, start = module_plan.module, module_plan.start
    times = sorted({entry.offset for entry in module_plan.planned if entry.offset is not None})
    console.print(Text(f"{_line(module.title, 70)} · {module.id} · opens "
                       f"{format_offset(module.at)} ({start:%Y-%m-%d %H:%M})", style="bold"))
    lanes = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    lanes.add_column("to", no_wrap=True)
    for offset in times:
        lanes.add_column(f"{format_offset(offset)}\n{clock(start + offset)}", justify="center")
    for role in plan.lanes:
        cells = []
        for offset in times:
            numbers = [f"{entry.number}{'◆' if entry.inject.options else ''}"
                       for entry in module_plan.planned
                       if entry.offset == offset and role in entry.recipients]
            cells.append(Text(" ".join(numbers)))
        lanes.add_row(Text(role), *cells)
    console.print(lanes)
    legend = Table(box=None, show_header=False, pad_edge=False)
    for name in ("number", "at", "inject", "to"):
        legend.add_column(name, no_wrap=name != "inject")
    for entry in (*module_plan.planned, *module_plan.contingency):
        when = format_offset(entry.offset) if entry.offset is not None else "at will"
        decision = " ◆ " + ", ".join(f"{o.id} → {' '.join(o.leads_to) or 'nothing'}"
                                     for o in entry.inject.options) if entry.inject.options else ""
        legend.add_row(Text(f"#{entry.number}"), Text(when),
                       Text(f"{entry.inject.id}: {_line(entry.inject.title, 80)}{decision}"),
                       Text(" ".join(entry.recipients)))
    console.print(legend)
    console.print()


def _print_coverage(plan: DesignPlan, console: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text("Objectives: the modules and injects that exercise each", style="bold"))
    objectives = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("objective", "modules", "injects"):
        objectives.add_column(name)
    for objective_id, (modules, injects) in plan.objective_coverage().items():
        objectives.add_row(Text(objective_id), Text(", ".join(modules) or "—"),
                           Text(f"{len(injects)}"))
    console.print(objectives)
    module_ids = [module_plan.module.id for module_plan in plan.modules]
    console.print(Text("Delegations: planned injects / questions, per module", style="bold"))
    workload = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    workload.add_column("delegation", no_wrap=True)
    for module_id in module_ids:
        workload.add_column(module_id, justify="center")
    by_role: dict[str, dict[str, str]] = {}
    for load in plan.workload():
        by_role.setdefault(load.role, {})[load.module] = f"{load.injects} / {load.questions}"
    for role, cells in by_role.items():
        workload.add_row(Text(role), *(Text(cells.get(m, "")) for m in module_ids))
    console.print(workload)


def _plan_json(plan: DesignPlan) -> dict[str, Any]:
    from ttx.model import format_offset

    return {
        "timeline": [{
            "module": module_plan.module.id,
            "title": module_plan.module.title,
            "at": format_offset(module_plan.module.at),
            "opens": module_plan.start.isoformat(),
            "injects": [{
                "number": entry.number,
                "id": entry.inject.id,
                "title": entry.inject.title,
                "at": format_offset(entry.offset) if entry.offset is not None else None,
                "game_time": ((module_plan.start + entry.offset).isoformat()
                              if entry.offset is not None else None),
                "contingency": entry.contingency,
                "to": list(entry.recipients),
                "questions": entry.questions,
                "decision": bool(entry.inject.options),
            } for entry in (*module_plan.planned, *module_plan.contingency)],
        } for module_plan in plan.modules],
        "objectives": [{"id": objective_id, "modules": modules, "injects": injects}
                       for objective_id, (modules, injects)
                       in plan.objective_coverage().items()],
        "delegations": [{"role": load.role, "module": load.module, "injects": load.injects,
                         "questions": load.questions} for load in plan.workload()],
    }
