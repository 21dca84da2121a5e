"""Each benchmark figure, measured against its baseline in the same run."""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.first_frame import first_frame
from bench.minimal_app import MARKER as BASELINE_MARKER
from bench.seats_bench import cpu_ms
from bench.timing import alternate, duration, percentile

TTX = [sys.executable, "-m", "ttx"]
MARKING = "UNCLASSIFIED"
OPENING = "opening"
"""Text of the frame `ttx run SESSION` paints while it reads the journal."""


@dataclass
class Fixtures:
    """Files the measurements share, made once per run under `root`."""

    root: Path
    large_workspace: Path
    large_session: Path
    """A session of the 1,000-inject scenario, first module started."""
    small_session: Path
    """A session of the shipped slbm-launch scenario."""
    long_session: Path
    """A 20,000-entry session."""
    seats_session: Path
    """A copy of the slbm-launch session for the seats to follow (it is written to)."""


SEATS = {
    "console": ([], "Sinpo South shipyard"),
    "player": (["--seat", "player", "--role", "JPN"], "Matsue bureau"),
    "display": ([], "Matsue bureau"),
}
"""How each seat is started on the slbm-launch session, and text that only its working
screen holds: the console's inject pane (the next inject's body, as Markdown), the
player's selected inject and the display's inject (the body of the one delivered)."""


def startup(fixtures: Fixtures, runs: int) -> dict[str, float]:
    """Each seat of `ttx` started on a session, until its working screen is painted,
    over a minimal Textual app.

    The figure is the screen a person can work from (for the console, the MSEL and the
    inject pane with the selected inject's body). `ttx run SESSION` reads a session file
    of up to 1 MB, as this one is, before its first frame, which is then the working
    screen; a larger one paints an "opening" frame first and reads the journal behind
    it. The first frame is reported beside the figure as `startup_opening_ratio` (the
    same as `startup_ratio` when there was no opening frame), and the CPU time each
    program had used when it painted (`startup_*_cpu_ratio`: a busy machine stretches
    wall time more than CPU time). One unmeasured run of each first, so every program
    runs from compiled bytecode, as an installed one does.
    """
    baseline_argv = [sys.executable, str(Path(__file__).with_name("minimal_app.py"))]
    session = str(fixtures.small_session)
    subjects = {seat: ([*TTX, "display" if seat == "display" else "run", session, *extra],
                       marker) for seat, (extra, marker) in SEATS.items()}
    for argv, marker in [*subjects.values(), (baseline_argv, BASELINE_MARKER)]:
        first_frame(argv, marker)
    openings: list[float] = []
    times: dict[str, list[float]] = {seat: [] for seat in subjects}
    cpu: dict[str, list[float]] = {seat: [] for seat in [*subjects, "baseline"]}
    baseline_times: list[float] = []
    for _ in range(runs):
        for seat, (argv, marker) in subjects.items():
            baseline_times.append(first_frame(
                baseline_argv, BASELINE_MARKER,
                painted=lambda pid: cpu["baseline"].append(cpu_ms(pid))).seconds)
            frame = first_frame(argv, marker, early=OPENING if seat == "console" else None,
                                painted=lambda pid, seat=seat: cpu[seat].append(cpu_ms(pid)))
            times[seat].append(frame.seconds)
            if seat == "console":
                openings.append(frame.early_seconds or frame.seconds)
    baseline = statistics.median(baseline_times)
    figures = {"startup_baseline_s": baseline}
    for seat, seconds in times.items():
        name = "startup" if seat == "console" else f"startup_{seat}"
        figures[f"{name}_ratio"] = statistics.median(seconds) / baseline
        figures[f"{name}_s"] = statistics.median(seconds)
        figures[f"{name}_cpu_ratio"] = statistics.median(cpu[seat]) / \
            statistics.median(cpu["baseline"])
    figures["startup_opening_ratio"] = statistics.median(openings) / baseline
    return figures


def validate(workspace: Path, label: str, runs: int) -> dict[str, float]:
    """`ttx validate` on `workspace`, over libyaml's CSafeLoader parsing the same files."""
    parse_only = ("import pathlib, yaml\n"
                  "for p in sorted(pathlib.Path('.').rglob('*.yaml')):\n"
                  "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")

    def run(argv: list[str]) -> float:
        return duration(lambda: subprocess.run(argv, cwd=workspace, check=True,
                                               capture_output=True))

    paired = alternate(lambda: run([*TTX, "validate"]),
                       lambda: run([sys.executable, "-c", parse_only]), runs)
    return {f"validate{label}_ratio": paired.ratio, f"validate{label}_s": paired.subject,
            f"validate{label}_baseline_s": paired.baseline}


def check(workspace: Path, scenario: str, label: str, runs: int) -> dict[str, float]:
    """`ttx check SCENARIO` (the design review, JSON and the printed timeline) on
    `workspace`, over `ttx validate` of it."""
    def run(argv: list[str]) -> float:
        # a check that finds problems exits 1 when they are errors; these files have none
        return duration(lambda: subprocess.run(argv, cwd=workspace, check=True,
                                               capture_output=True))

    paired = alternate(lambda: run([*TTX, "check", scenario, "--format", "json"]),
                       lambda: run([*TTX, "validate"]), runs)
    text = statistics.median(run([*TTX, "check", scenario]) for _ in range(max(1, runs // 2)))
    return {f"check{label}_ratio": paired.ratio, f"check{label}_s": paired.subject,
            f"check{label}_text_s": text, f"check{label}_text_ratio": text / paired.baseline}


def append(fixtures: Fixtures, count: int) -> dict[str, float]:
    """A durable move through the session layer, over a bare INSERT + COMMIT."""
    from ttx.session.session import Session

    session = Session.open(fixtures.large_session)
    bare = sqlite3.connect(fixtures.root / "bare.sqlite", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    bare.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, at_wall TEXT, "
                 "at_game TEXT, type TEXT, seat TEXT, payload TEXT)")

    def bare_append() -> float:
        started = time.perf_counter()
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO events (at_wall, at_game, type, seat, payload) "
                     "VALUES (?, ?, ?, ?, ?)",
                     ("2027-03-14T00:00:00+00:00", "2027-03-14T09:00:00+09:00",
                      "move_recorded", "facilitator",
                      '{"role":"JPN","kind":"decision","text":"Share the track now."}'))
        bare.execute("COMMIT")
        return time.perf_counter() - started

    subject_times: list[float] = []

    def session_append() -> float:
        started = time.perf_counter()
        session.record_move("JPN", "decision", "Share the track now.")
        elapsed = time.perf_counter() - started
        subject_times.append(elapsed)
        return elapsed

    paired = alternate(session_append, bare_append, count)
    session.close()
    bare.close()
    return {"append_ratio": paired.ratio, "append_ms": paired.subject * 1000,
            "append_baseline_ms": paired.baseline * 1000,
            "append_p99_ms": percentile(subject_times, 0.99) * 1000}


def fold(fixtures: Fixtures, runs: int) -> dict[str, float]:
    """Opening and folding the 20,000-entry session."""
    from ttx.session.session import Session

    def open_and_fold() -> float:
        started = time.perf_counter()
        Session.open(fixtures.long_session, seat="display").close()
        return time.perf_counter() - started

    return {"fold_20k_ms": statistics.median(open_and_fold() for _ in range(runs)) * 1000}


def reports(fixtures: Fixtures, runs: int, *, pdf: bool) -> dict[str, float]:
    """`ttx report` of the 20,000-entry session, HTML and PDF, as a user runs it."""
    figures: dict[str, float] = {}
    formats = ["html", "pdf"] if pdf else ["html"]
    for report_format in formats:
        argv = [*TTX, "report", str(fixtures.long_session), "--format", report_format,
                "-o", str(fixtures.root / f"long.{report_format}")]
        # The first run compiles the bytecode of what only reports import (Jinja2,
        # matplotlib, WeasyPrint) into the bench's fresh cache, as pip does at install:
        # seconds an installed ttx never spends. It is reported apart.
        figures[f"report_{report_format}_first_s"] = _command_seconds(argv)
        count = runs if report_format == "html" else max(1, runs // 2)
        times = [_command_seconds(argv) for _ in range(count)]
        figures[f"report_{report_format}_s"] = statistics.median(times)
    return figures


def _command_seconds(argv: list[str]) -> float:
    return duration(lambda: subprocess.run(argv, check=True, capture_output=True))


def keys(fixtures: Fixtures, presses: int) -> dict[str, float]:
    """Median keypress-to-repaint in the console on the 1,000-inject scenario (Pilot)."""
    plan = ["n" if index % 4 == 3 else "down" for index in range(presses)]
    latencies = asyncio.run(key_latencies(fixtures.large_session, plan))
    everything = latencies["down"] + latencies["n"]
    return {"key_latency_ms": statistics.median(everything) * 1000,
            "key_move_cursor_ms": statistics.median(latencies["down"]) * 1000,
            "key_deliver_ms": statistics.median(latencies["n"]) * 1000}


SETTLE_SECONDS = 0.08
"""How long after a key is handled a late repaint still counts (a few frames at 60 Hz)."""


async def key_latencies(path: Path, plan: list[str], *,
                        focus: str | None = None) -> dict[str, list[float]]:
    """Seconds from sending each key of `plan` to the last screen update it caused, per
    key, in the facilitator console on `path` (120×40); `focus` is a widget id to focus
    first (the MSEL has the focus otherwise).

    Pilot's own `press` + `pause` waits for the app to go idle and adds its own delays
    (a bare DataTable app measures ~85 ms that way), so the clock is read from the app:
    each compositor update handed to the display is time-stamped, and a key's latency
    runs from sending it to the last update within `SETTLE_SECONDS` of the app settling.
    """
    from ttx.session.session import Session
    from ttx.tui.app import ConsoleApp

    session = Session.open(path)
    app = ConsoleApp(session, poll=False)
    painted: list[float] = []
    display = app._display

    def stamped_display(screen: object, renderable: object) -> None:
        if renderable is not None:
            painted.append(time.perf_counter())
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = stamped_display  # type: ignore[method-assign]
    latencies: dict[str, list[float]] = {key: [] for key in plan}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        if focus is not None:
            app.screen.query_one(f"#{focus}").focus()
            await pilot.pause(0.2)
        for key in plan:
            painted.clear()
            started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause(SETTLE_SECONDS)
            if painted:
                latencies[key].append(max(painted) - started)
    session.close()
    return latencies


def peak_memory(fixtures: Fixtures) -> dict[str, float]:
    """Peak RSS of `ttx run` on the 1,000-inject scenario, a second after its first frame."""
    frame = first_frame([*TTX, "run", str(fixtures.large_session)], MARKING, settle=1.0)
    return {"peak_rss_mb": frame.peak_rss_mb, "startup_large_s": frame.seconds}
