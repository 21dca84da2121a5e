"""ttx benchmarks: each figure against a baseline measured in the same run.

    python bench/run.py [--quick] [--no-scale] [--json] [--no-pdf] [--only STEP,...]

A run measures every figure with a target, the largest sizes included: validate and
check on 10,000 injects, the scale curves up to 100,000 entries, and 3, 10 and 30 seats
on one session. --no-scale leaves those largest sizes out (several minutes less).
--only runs the named steps alone (e.g. `--only startup`), as a change to one
figure is checked without the whole run.

Prints a table; with --json, one JSON object of every figure as the last line.
Nothing here asserts a time: targets are printed beside the figures for a reader.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import follow_bench, measures, scale_bench, seats_bench
from bench.fixtures import make_fixtures
from bench.workspace_gen import generate_workspace
from ttx.session.disk_cache import CACHE_DIR_VARIABLE

TARGETS = {
    "startup_ratio": ("≤", 1.5), "startup_player_ratio": ("≤", 1.5),
    "startup_display_ratio": ("≤", 1.5), "validate_ratio": ("≤", 2.0),
    "validate_10k_ratio": ("≤", 2.0), "check_10k_ratio": ("≤", 2.0),
    "append_ratio": ("≤", 1.5), "append_p99_ms": ("≤", 10.0), "fold_20k_ms": ("≤", 500.0),
    "fold_100k_ms": ("≤", 1000.0), "report_html_s": ("≤", 2.0), "report_pdf_s": ("≤", 20.0),
    "key_latency_ms": ("≤", 50.0), "key_100k_ms": ("≤", 50.0), "peak_rss_mb": ("", 0.0),
    "follow_sqlite_ms": ("≤", 100.0), "follow_pg_ms": ("≤", 100.0),
    "seat_30_adds_mb": ("≤", 60.0), "follow_30_seats_ms": ("≤", 200.0),
}

STEPS = ("validate", "validate 10k", "append", "fold", "startup", "memory", "keys", "reports",
         "follow", "scale", "seats")
"""The steps of a run, in order (`validate 10k` not with --no-scale)."""


def run(quick: bool, pdf: bool, large: bool,
        only: frozenset[str] = frozenset()) -> dict[str, float]:
    runs = 3 if quick else 7
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ttx-bench-") as folder:
        root = Path(folder)
        as_installed(root)
        started = time.perf_counter()
        fixtures = make_fixtures(root, long_entries=20_000)
        figures["fixtures_s"] = time.perf_counter() - started
        steps = [
            ("validate", lambda: measures.validate(fixtures.large_workspace, "", runs)),
            ("append", lambda: measures.append(fixtures, 60 if quick else 300)),
            ("fold", lambda: measures.fold(fixtures, runs)),
            ("startup", lambda: measures.startup(fixtures, runs)),
            ("memory", lambda: measures.peak_memory(fixtures)),
            ("keys", lambda: measures.keys(fixtures, 12 if quick else 40)),
            ("reports", lambda: measures.reports(fixtures, 1 if quick else 3, pdf=pdf)),
            ("follow", lambda: follow_bench.follow(root, 20 if quick else 60)),
            ("scale", lambda: scale_bench.scale(
                root, scale_bench.SIZES if large else scale_bench.SIZES[:2],
                2 if quick else 3)),
            ("seats", lambda: seats_bench.seats(
                fixtures.seats_session, (3, 10, 30) if large else (3,), 5 if quick else 15)),
        ]
        if large:
            steps.insert(1, ("validate 10k", lambda: large_workspace(root, 3)))
        for name, step in steps:
            if only and name not in only:
                continue
            sys.stderr.write(f"measuring {name}…\n")
            figures.update(step())
    return figures


def large_workspace(root: Path, runs: int) -> dict[str, float]:
    """Validate and check on a generated workspace of 10,000 injects in 20 modules."""
    workspace = root / "large-10k"
    scenario = generate_workspace(workspace, injects=10_000, modules=20)
    return {**measures.validate(workspace, "_10k", runs),
            **measures.check(workspace, scenario, "_10k", runs)}


def as_installed(folder: Path) -> None:
    """Programs the bench starts run from compiled bytecode, as an installed ttx (and the
    baseline's Textual, installed by pip) does, even where the environment says not to
    write any (PYTHONDONTWRITEBYTECODE): kept under `folder`, out of the source tree."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    os.environ[CACHE_DIR_VARIABLE] = str(folder / "cache")  # its own, as a user's is kept


def table(figures: dict[str, float]) -> str:
    lines = ["| figure | value | target |", "|---|---|---|"]
    for name, value in figures.items():
        sign, target = TARGETS.get(name, ("", 0.0))
        shown_target = f"{sign} {target:g}" if sign else ""
        lines.append(f"| `{name}` | {value:.3g} | {shown_target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="ttx benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--no-scale", dest="scale", action="store_false",
                        help="leave out 10,000 injects, 100,000 entries and 30 seats")
    parser.add_argument("--scale", action="store_true", help=argparse.SUPPRESS)
    # --scale: the default now, still accepted so earlier notes' commands run
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF report")
    parser.add_argument("--only", metavar="STEP,...", default="",
                        help=f"run only these steps: {', '.join(STEPS)}")
    args = parser.parse_args()
    only = frozenset(filter(None, args.only.split(",")))
    if only - set(STEPS):
        parser.error(f"no step {', '.join(sorted(only - set(STEPS)))}; steps: "
                     f"{', '.join(STEPS)}")
    figures = run(args.quick, pdf=not args.no_pdf, large=args.scale, only=only)
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, {platform.system()} {platform.release()}")
    print(f"machine: {machine}")
    print(table(figures))
    if args.json:
        print(json.dumps({name: round(value, 4) for name, value in figures.items()}))


if __name__ == "__main__":
    main()
