"""How long a report of a long session takes: build, HTML, Markdown, PDF.

    .venv/bin/python -m bench.report_bench [--entries 20000] [--pdf] [--cli RUNS]
                                           [--profile build|html|pdf]

Makes a session of `--entries` journal events through the Journal API (one write
transaction, so it takes seconds, not the minutes that 20,000 fsyncs would), then
times each stage of `ttx report` in this process, and with `--cli` the command as a
user runs it, in a fresh process each time (what the targets are about), in wall and
CPU time, after one untimed run. Targets on the reference machine: HTML ≤ 2 s and
PDF ≤ 20 s for 20,000 entries. `--profile` runs one stage under pyinstrument.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ttx.model.inject import Inject, Option
from ttx.model.resolved import ResolvedScenario
from ttx.model.scenario import Module, ModuleInject, Objective, Role, RoleKind, Scenario
from ttx.session.events import EventType, payload_of
from ttx.session.sqlite_journal import SqliteJournal as Journal

PLAYERS = ("US", "JPN", "ROK")
KINDS = ("decision", "action", "request", "statement", "communication", "question")
WORDS = ("track sharing missile defense trilateral coordination submarine launch aegis "
         "destroyer sonar contact minesweeper evacuation consultation statement alliance "
         "readiness liaison assessment warning intelligence channel hotline minister").split()
CJK = ("북한 잠수함에서 탄도미사일 발사", "한미일 정보 공유", "弾道ミサイル発射情報",
       "日米韓の連携を確認")


def bench_scenario(*, modules: int = 5, injects_per_module: int = 40) -> ResolvedScenario:
    """A scenario built in memory: five roles, three objectives, a decision point per module."""
    injects: dict[str, Inject] = {}
    module_list = []
    for m in range(modules):
        ids = [f"m{m + 1}-inject-{n + 1:02d}" for n in range(injects_per_module)]
        contingency = f"m{m + 1}-contingency"
        for n, inject_id in enumerate(ids):
            options = [Option(id="direct", label="Share directly", leads_to=[contingency])] \
                if n == 1 else []
            injects[inject_id] = Inject(id=inject_id, title=f"Inject {n + 1} of module {m + 1}",
                                        at=timedelta(minutes=5 * n), body="Body text.",
                                        options=options, objectives=[f"OBJ-{n % 3 + 1}"])
        injects[contingency] = Inject(id=contingency, title="A contingency inject")
        module_list.append(Module(id=f"m{m + 1}", title=f"Module {m + 1}",
                                  at=timedelta(hours=4 * m),
                                  injects=[ModuleInject(id=i) for i in ids],
                                  contingency=[contingency]))
    roles = [Role(id=r, name=f"{r} delegation", kind=RoleKind.player) for r in PLAYERS]
    roles += [Role(id="WHITE", name="White cell", kind=RoleKind.control),
              Role(id="DPRK", name="North Korea cell", kind=RoleKind.adversary)]
    scenario = Scenario(id="bench-long", title="Benchmark: a very long exercise",
                        start=datetime(2027, 3, 14, 5, 30, tzinfo=UTC), roles=roles,
                        objectives=[Objective(id=f"OBJ-{n}", text=f"Objective {n}",
                                              capability="Operational Coordination")
                                    for n in (1, 2, 3)],
                        modules=module_list)
    return ResolvedScenario(scenario=scenario, injects=injects)


def _text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 20))]
    if rng.random() < 0.1:
        words.insert(rng.randint(0, len(words)), rng.choice(CJK))
    return " ".join(words).capitalize() + "."


def make_session(path: Path, entries: int, *, seed: int = 7) -> Path:
    """A session file of `entries` events: deliveries, moves, observations, corrections."""
    rng = random.Random(seed)
    resolved = bench_scenario()
    scenario = resolved.scenario
    journal = Journal.create(path, resolved)
    game = scenario.start
    planned = [(module.id, ref.id) for module in scenario.modules for ref in module.injects]
    delivered: list[str] = []
    entry_seqs: list[int] = []
    retracted: set[int] = set()

    def append(type: EventType, payload: dict[str, Any]) -> int:
        return journal.append(payload_of(type, payload), seat="facilitator", at_game=game).seq

    with journal.write_transaction():
        append(EventType.session_started, {"scenario": scenario.id, "title": scenario.title})
        count = 1
        current_module = ""
        every = max(1, entries // (len(planned) + 1))
        while count < entries:
            game += timedelta(seconds=20)
            if count % every == 0 and planned:
                module_id, inject_id = planned.pop(0)
                if module_id != current_module:
                    current_module = module_id
                    append(EventType.module_started, {"module": module_id})
                    count += 1
                append(EventType.inject_delivered, {"inject": inject_id, "module": module_id})
                delivered.append(inject_id)
            elif rng.random() < 0.75 or not entry_seqs:
                role = rng.choice(PLAYERS)
                kind = rng.choice(KINDS)
                payload: dict[str, Any] = {"role": role, "kind": kind, "text": _text(rng)}
                if delivered:
                    payload["inject"] = rng.choice(delivered[-5:])
                if kind == "communication":
                    payload["to"] = [rng.choice([r for r in PLAYERS if r != role])]
                if kind == "decision":
                    payload["rationale"] = _text(rng)
                entry_seqs.append(append(EventType.move_recorded, payload))
            elif rng.random() < 0.6:
                entry_seqs.append(append(EventType.observation_recorded, {
                    "objective": f"OBJ-{rng.randint(1, 3)}",
                    "kind": rng.choice(("strength", "improvement", "note")),
                    "rating": rng.choice("PSMU"), "text": _text(rng)}))
            elif rng.random() < 0.5:
                entry_seqs.append(append(EventType.note_added, {"text": _text(rng)}))
            elif rng.random() < 0.7:
                target = rng.choice(entry_seqs)
                if target not in retracted:
                    append(EventType.entry_amended, {"seq": target, "text": _text(rng)})
            else:
                target = rng.choice(entry_seqs)
                if target not in retracted:
                    retracted.add(target)
                    append(EventType.entry_retracted, {"seq": target, "reason": "duplicate"})
            count += 1
        append(EventType.improvement_added, {
            "issue": "Slow relay", "action": "Open a direct channel",
            "capability_element": "Planning", "owner": "MOFA", "due": "2027-06-30"})
        append(EventType.session_ended, {})
    journal.close()
    return path


def timed(label: str, run: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = run()
    sys.stdout.write(f"{label:<32} {time.perf_counter() - started:7.2f} s\n")
    return result


def command_seconds(session: Path, report_format: str,
                    runs: int) -> list[tuple[float, float]]:
    """`ttx report` as a user runs it, in a fresh process each time: per run the wall
    time and the CPU time of the command and its chart process (on a shared machine the
    wall time is mostly waiting for a core). One run first, untimed, so that every
    timed one finds its bytecode compiled, as an installed ttx does."""
    argv = [sys.executable, "-m", "ttx", "report", str(session), "--format", report_format,
            "-o", str(session.with_suffix(f".{report_format}"))]
    subprocess.run(argv, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started, cpu_before = time.perf_counter(), _children_cpu()
        subprocess.run(argv, check=True, capture_output=True)
        times.append((time.perf_counter() - started, _children_cpu() - cpu_before))
    return times


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _pages(pdf: bytes, folder: Path) -> str:
    """The page count `pdfinfo` reads, or `?` without poppler."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return "?"
    path = folder / "bench.pdf"
    path.write_bytes(pdf)
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")),
                "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF")
    parser.add_argument("--cli", type=int, default=0, metavar="RUNS",
                        help="also time `ttx report` in a fresh process, RUNS times (median)")
    parser.add_argument("--profile", choices=("build", "html", "pdf"))
    args = parser.parse_args()

    from ttx.report.build import build_report_from_file
    from ttx.report.chart_process import ChartDrawer
    from ttx.report.printed import printed_report
    from ttx.report.render import render_html, render_markdown

    with tempfile.TemporaryDirectory() as folder:
        session = timed(f"make {args.entries} entries",
                        lambda: make_session(Path(folder) / "bench.ttx", args.entries))
        report = timed("open + fold + build", lambda: build_report_from_file(session))
        timed("markdown", lambda: render_markdown(report))

        def html_with_drawer() -> str:
            with ChartDrawer() as drawer:
                return render_html(build_report_from_file(session), drawer=drawer)

        html = timed("html end to end (in process)", html_with_drawer)
        sys.stdout.write(f"{'html size':<32} {len(html) / 1e6:7.2f} MB\n")
        printed = printed_report(report)
        rows = sum(len(log.decisions) for log in printed.report.decisions)
        sys.stdout.write(f"{'printed timeline / decisions':<32} "
                         f"{len(printed.report.timeline):>7} / {rows} rows\n")
        if args.pdf or args.profile == "pdf":
            from ttx.report.pdf import render_pdf

            pdf = timed("pdf end to end (in process)",
                        lambda: render_pdf(build_report_from_file(session)))
            sys.stdout.write(f"{'pdf size, pages':<32} {len(pdf) / 1e6:7.2f} MB, "
                             f"{_pages(pdf, Path(folder))} pages\n")
        for report_format in (("html", "pdf") if args.pdf else ("html",)) if args.cli else ():
            times = command_seconds(session, report_format, args.cli)
            walls, cpus = [wall for wall, _ in times], [cpu for _, cpu in times]
            sys.stdout.write(f"{f'ttx report --format {report_format}':<32} "
                             f"{statistics.median(walls):7.2f} s median of {len(times)} "
                             f"({', '.join(f'{t:.2f}' for t in walls)}); CPU "
                             f"{statistics.median(cpus):.2f} s\n")
        if args.profile:
            from pyinstrument import Profiler

            stage: dict[str, Callable[[], Any]] = {
                "build": lambda: build_report_from_file(session),
                "html": html_with_drawer,
                "pdf": lambda: __import__("ttx.report.pdf", fromlist=["render_pdf"])
                .render_pdf(build_report_from_file(session)),
            }
            profiler = Profiler()
            profiler.start()
            stage[args.profile]()
            profiler.stop()
            sys.stdout.write(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
