"""Process start to first painted frame, read from a real pseudo-terminal.

The program runs in a pty of 120×40, as in a terminal; the clock stops when the text
that only a painted frame holds (a marker) has come out of the pty. No hook inside the
program under test, so `ttx run` and the baseline app are measured the same way.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FirstFrame:
    seconds: float
    """Until `marker` was painted."""
    peak_rss_mb: float
    early_seconds: float | None = None
    """Until `early` was painted, when one was asked for and came first."""


def first_frame(argv: list[str], marker: str, *, early: str | None = None,
                cwd: str | None = None, settle: float = 0.0, timeout: float = 60.0,
                painted: Callable[[int], None] | None = None) -> FirstFrame:
    """Start `argv` in a pty; time until `marker` is painted; peak RSS after `settle` s.

    With `early`, also the time until that text was painted (a frame shown before the
    one holding `marker`, such as a loading screen). `painted` is called with the
    program's pid once `marker` is painted, before the program is stopped.
    """
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        if cwd:
            os.chdir(cwd)
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40",
                           "TEXTUAL_ANIMATIONS": "none"})
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = time.perf_counter()
    seen = b""
    wanted = marker.encode()
    early_wanted = early.encode() if early else None
    early_seconds: float | None = None
    try:
        while True:
            if time.perf_counter() - started > timeout:
                raise TimeoutError(f"{argv[1:]} painted no {marker!r} in {timeout} s: "
                                   f"{seen[-300:]!r}")
            ready, _, _ = select.select([fd], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError as error:
                raise RuntimeError(f"{argv[1:]} ended before painting: {seen[-300:]!r}") \
                    from error
            seen = seen[-4096:] + chunk
            if early_wanted and early_seconds is None and early_wanted in seen:
                early_seconds = time.perf_counter() - started
            if wanted in seen:
                elapsed = time.perf_counter() - started
                break
        deadline = time.perf_counter() + settle
        while time.perf_counter() < deadline:  # keep draining so the app never blocks
            if select.select([fd], [], [], 0.02)[0]:
                os.read(fd, 1 << 16)
        if painted is not None:
            painted(pid)
        return FirstFrame(elapsed, _peak_rss_mb(pid), early_seconds)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def _peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")
