"""The benchmark's generator and harness are code too: they get ordinary tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.first_frame import first_frame
from bench.minimal_app import MARKER
from bench.timing import Paired, alternate, percentile
from bench.workspace_gen import generate_workspace
from ttx.authoring.problems import has_errors
from ttx.authoring.workspace import load_workspace

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_generated_workspace_validates_with_cjk_text(tmp_path: Path) -> None:
    scenario_id = generate_workspace(tmp_path, injects=60, modules=3)
    workspace = load_workspace(tmp_path)
    assert not has_errors(workspace.problems), [str(p) for p in workspace.problems][:5]
    scenario = workspace.scenarios[scenario_id].scenario
    assert len(scenario.modules) == 3
    assert sum(len(module.injects) for module in scenario.modules) == 60
    bodies = " ".join(loaded.inject.body for loaded in workspace.injects.values())
    assert any("\uac00" <= char <= "\ud7a3" for char in bodies), "some Hangul"
    assert any("\u4e00" <= char <= "\u9fff" for char in bodies), "some Kanji"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    generate_workspace(tmp_path / "a", injects=20, modules=2)
    generate_workspace(tmp_path / "b", injects=20, modules=2)
    first = sorted(p.read_text() for p in (tmp_path / "a").rglob("*.yaml"))
    second = sorted(p.read_text() for p in (tmp_path / "b").rglob("*.yaml"))
    assert first == second


def test_alternate_reports_medians_and_ratio() -> None:
    subject = iter([3.0, 1.0, 2.0])
    baseline = iter([1.0, 1.0, 4.0])
    paired = alternate(lambda: next(subject), lambda: next(baseline), 3)
    assert paired == Paired(subject=2.0, baseline=1.0)
    assert paired.ratio == 2.0


@pytest.mark.parametrize(("fraction", "expected"), [(0.5, 50.0), (0.99, 99.0), (1.0, 100.0)])
def test_percentile_nearest_rank(fraction: float, expected: float) -> None:
    assert percentile([float(n) for n in range(100, 0, -1)], fraction) == expected


def test_first_frame_sees_the_marker_in_a_pty() -> None:
    frame = first_frame([sys.executable, str(BENCH / "minimal_app.py")], MARKER, timeout=60)
    assert frame.seconds > 0
    assert frame.peak_rss_mb > 1


def test_first_frame_reports_a_program_that_never_paints() -> None:
    with pytest.raises((TimeoutError, RuntimeError)):
        first_frame([sys.executable, "-c", "print('hello')"], MARKER, timeout=5)


def test_first_frame_times_an_earlier_frame_separately() -> None:
    program = ("import sys, time\n"
               "print('LOADING', flush=True); time.sleep(0.4)\n"
               "print('READY', flush=True); time.sleep(30)\n")
    frame = first_frame([sys.executable, "-c", program], "READY", early="LOADING", timeout=20)
    assert frame.early_seconds is not None
    assert frame.seconds - frame.early_seconds >= 0.35


def test_first_frame_calls_back_with_the_program_still_running() -> None:
    program = "print('READY', flush=True); import time; time.sleep(30)\n"
    seen: list[str] = []

    def painted(pid: int) -> None:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            seen.append(status.readline())

    first_frame([sys.executable, "-c", program], "READY", timeout=20, painted=painted)
    assert len(seen) == 1 and seen[0].startswith("Name:")


def test_seats_bench_follows_an_announcement_on_every_seat(tmp_path: Path) -> None:
    from bench.seats_bench import seat_argv, seats
    from ttx.authoring.resolve import resolve_scenario
    from ttx.session.session import Session

    assert [seat_argv(tmp_path, index)[3] for index in range(3)] == ["run", "run", "display"]
    Session.start(resolve_scenario("slbm-launch", cwd=BENCH.parent),
                  tmp_path / "seats.ttx").close()
    figures = seats(tmp_path / "seats.ttx", (1, 2), announcements=2)
    assert figures["seats_2_rss_mb"] > figures["seats_1_rss_mb"] > figures["console_rss_mb"]
    assert figures["seat_2_adds_mb"] > 1
    assert figures["follow_2_seats_ms"] > 0
