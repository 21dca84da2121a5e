"""Drive real terminals: a private tmux server per test, polled with deadlines."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TTX = str(Path(sys.executable).parent / "ttx")


class Tmux:
    """A private tmux server (its own socket), killed at the end: nothing else is touched."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                                text=True, check=True)
        return result.stdout

    def start(self, name: str, command: str, cwd: Path, *, size: tuple[int, int] = (120, 40),
              keep: bool = True) -> None:
        """Run `command` in a new window; with `keep`, the window stays after it exits
        (showing `EXITED <code>`), else the program is the window's process itself."""
        # COLUMNS and LINES from the test's environment would override the window's size
        command = f"unset COLUMNS LINES; {'' if keep else 'exec '}{command}"
        shell = f"{command}; echo EXITED $?; sleep 60" if keep else command
        # the window gets its size first and the program second: a program started with
        # the window may read tmux's default 80x24 and miss the resize that follows
        self.run("new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]),
                 "-c", str(cwd), "sleep 600")
        self.run("respawn-pane", "-k", "-t", name, "-c", str(cwd), shell)

    def pid(self, name: str) -> int:
        return int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def kill(self, name: str) -> None:
        """SIGKILL the program of a window started with `keep=False`, and wait for it."""
        pid = self.pid(name)
        os.kill(pid, signal.SIGKILL)
        end = time.monotonic() + 10
        while name in self.sessions():
            if time.monotonic() > end:
                raise AssertionError(f"{name} survived SIGKILL")
            time.sleep(0.05)

    def sessions(self) -> list[str]:
        result = subprocess.run(["tmux", "-L", self.socket, "list-sessions", "-F",
                                 "#{session_name}"], capture_output=True, text=True)
        return result.stdout.split()

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    def wait_for(self, name: str, *texts: str, deadline: float = 15.0) -> str:
        """The screen, once every one of `texts` is on it."""
        end = time.monotonic() + deadline
        while True:
            shown = self.screen(name)
            if all(text in shown for text in texts):
                return shown
            if time.monotonic() > end:
                raise AssertionError(f"{texts!r} never all appeared in {name}:\n{shown}")
            time.sleep(0.1)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"ttx-test-{os.getpid()}")
    try:
        yield server
    finally:
        subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True)


def shell(*args: str, cwd: Path) -> str:
    """Run `ttx ARGS` as from a shell; its stdout."""
    return subprocess.run([TTX, *args], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout
