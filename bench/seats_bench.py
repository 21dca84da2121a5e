"""What seats cost the host: memory of one console plus N seats, and follow latency.

Every seat is the real `ttx` command in its own pseudo-terminal of 120×40, as people
start them: one facilitator console (`ttx run SESSION`), then N seats on the same
session, two delegation consoles (`--seat player --role R`, the roles in turn) for each
room display (`ttx display SESSION`). Memory is the sum of the seats' resident sets once
all are up and idle; a seat's cost is the growth from the previous N, per seat. Follow
latency: the bench process announces a text through the session layer (what the
facilitator's `b` key does), and the clock stops when the last seat has painted it;
median over several announcements. CPU time, which the machine's other load does not
inflate as it does wall time: what an idle seat spends per second (its timers, its
clock), and what all seats together spend on one announcement until the last painted
it; and for each kind of seat (console, player, display) the mean of its seats, idle
per second and per announcement (the latter until the seats finished, 0.3 s after it
was appended, so it holds that much idle time too).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

TTX = [sys.executable, "-m", "ttx"]
ROLES = ("US", "JPN", "ROK")
READY = b"UNCLASSIFIED"
"""The marking: every seat's working screen shows it in its header."""
SETTLE_SECONDS = 2.0
"""After the last seat is up, before memory is read: openings finish, timers start."""
PAUSE_SECONDS = 0.3
"""Between announcements, so each is painted on its own."""
IDLE_SECONDS = 10.0
"""How long the idle seats' CPU time is measured."""
TIMEOUT = 120.0


@dataclass
class SeatProcess:
    argv: list[str]
    pid: int
    fd: int
    seen: bytes = b""
    found: dict[bytes, float] = field(default_factory=dict)

    def read(self, wanted: list[bytes]) -> None:
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            raise RuntimeError(f"{self.argv[3:]} ended: {self.seen[-300:]!r}") from None
        self.seen = self.seen[-4096:] + chunk
        now = time.monotonic()
        for text in wanted:
            if text not in self.found and text in self.seen:
                self.found[text] = now

    def memory_mb(self) -> tuple[float, float]:
        """(resident now, peak resident) in MB."""
        values = {}
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) / 1024
        return values["VmRSS"], values["VmHWM"]

    def cpu_ms(self) -> float:
        """CPU time the seat has used so far, all its threads, in ms."""
        return cpu_ms(self.pid)

    @property
    def kind(self) -> str:
        """console, player or display: what the seat is, for its CPU time apart."""
        if "display" in self.argv:
            return "display"
        return "player" if "player" in self.argv else "console"

    def stop(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def spawn(argv: list[str]) -> SeatProcess:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40",
                           "TEXTUAL_ANIMATIONS": "none"})
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return SeatProcess(argv, pid, fd)


def drain(seats: list[SeatProcess], wanted: list[bytes], until: float) -> None:
    """Read every seat's output until `until` (monotonic) or until each has all `wanted`."""
    by_fd = {seat.fd: seat for seat in seats}
    while time.monotonic() < until:
        if wanted and all(all(text in seat.found for text in wanted) for seat in seats):
            return
        ready, _, _ = select.select(list(by_fd), [], [], 0.02)
        for fd in ready:
            by_fd[fd].read(wanted)


def seat_argv(session: Path, index: int) -> list[str]:
    """The index-th seat after the console: player, player, display, player, …"""
    if index % 3 == 2:
        return [*TTX, "display", str(session)]
    return [*TTX, "run", str(session), "--seat", "player", "--role", ROLES[index % 3]]


def start(seats: list[SeatProcess], argvs: list[list[str]]) -> None:
    """Start `argvs` one after another (as people do), each up before the next."""
    for argv in argvs:
        seat = spawn(argv)
        seats.append(seat)
        drain(seats, [READY], time.monotonic() + TIMEOUT)
        if READY not in seat.found:
            raise TimeoutError(f"{argv[3:]} painted no marking in {TIMEOUT} s")


def by_kind(running: list[SeatProcess], values: list[float], name: str
            ) -> dict[str, float]:
    """The mean of `values` (one per seat) over each kind of seat, named by `name`."""
    kinds: dict[str, list[float]] = {}
    for seat, value in zip(running, values, strict=True):
        kinds.setdefault(seat.kind, []).append(value)
    return {name.format(kind): sum(each) / len(each) for kind, each in kinds.items()}


def seats(session: Path, counts: tuple[int, ...], announcements: int) -> dict[str, float]:
    """Memory at each N of `counts` (grown in place), follow latency at the largest N."""
    from ttx.session.session import Session

    figures: dict[str, float] = {}
    running: list[SeatProcess] = []
    previous: tuple[int, float] | None = None
    try:
        start(running, [[*TTX, "run", str(session)]])
        for count in sorted(counts):
            start(running, [seat_argv(session, index) for index in range(len(running) - 1,
                                                                          count)])
            drain(running, [], time.monotonic() + SETTLE_SECONDS)
            resident = [seat.memory_mb()[0] for seat in running]
            figures[f"seats_{count}_rss_mb"] = sum(resident)
            if previous is not None:
                grown = (sum(resident) - previous[1]) / (count - previous[0])
                figures[f"seat_{count}_adds_mb"] = grown
            previous = (count, sum(resident))
        figures["console_rss_mb"] = running[0].memory_mb()[0]
        seats_n = max(counts)
        before_each = [seat.cpu_ms() for seat in running]
        idle_started = time.monotonic()
        drain(running, [], idle_started + IDLE_SECONDS)
        idle_each = [(seat.cpu_ms() - ms) / (time.monotonic() - idle_started)
                     for seat, ms in zip(running, before_each, strict=True)]
        figures[f"idle_seat_{seats_n}_cpu_ms_per_s"] = sum(idle_each) / len(running)
        figures.update(by_kind(running, idle_each, "idle_{}_cpu_ms_per_s"))
        latencies, cpu = [], []
        per_kind: dict[str, list[float]] = {}
        with Session.open(session) as writer:
            for number in range(announcements):
                drain(running, [], time.monotonic() + PAUSE_SECONDS)
                text = f"ANNOUNCE{number:03d}X"
                before_each = [seat.cpu_ms() for seat in running]
                started = time.monotonic()
                writer.announce(text)
                drain(running, [text.encode()], started + TIMEOUT)
                seen = [seat.found.get(text.encode()) for seat in running]
                if any(at is None for at in seen):
                    raise TimeoutError(f"not every seat painted {text} in {TIMEOUT} s")
                latencies.append(max(at for at in seen if at is not None) - started)
                cpu.append(sum(seat.cpu_ms() for seat in running) - sum(before_each))
                drain(running, [], time.monotonic() + PAUSE_SECONDS)  # the seats finish
                spent = [seat.cpu_ms() - ms for seat, ms in zip(running, before_each,
                                                                 strict=True)]
                for name, value in by_kind(running, spent, "{}").items():
                    per_kind.setdefault(name, []).append(value)
        figures[f"follow_{seats_n}_seats_ms"] = statistics.median(latencies) * 1000
        figures[f"follow_{seats_n}_seats_cpu_ms"] = statistics.median(cpu)
        figures.update({f"announce_{name}_cpu_ms": statistics.median(values)
                        for name, values in per_kind.items()})
    finally:
        for seat in running:
            seat.stop()
    return figures


def cpu_ms(pid: int) -> float:
    """CPU time process `pid` has used so far, all its threads, in ms (from the
    scheduler's nanosecond counts, finer than the 10 ms ticks of /proc/PID/stat)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e6
