"""The real `ttx run` and `ttx display` in a terminal (tmux), following each other and
`ttx session …` typed in a shell. Polls the panes with a deadline; never sleeps blindly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.conftest import JCS, WORKSPACE

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TTX = str(Path(sys.executable).parent / "ttx")


class Tmux:
    """A private tmux server (its own socket), killed at the end: nothing else is touched."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                                text=True, check=True)
        return result.stdout

    def start(self, name: str, command: str, cwd: Path) -> None:
        self.run("new-session", "-d", "-s", name, "-x", "120", "-y", "40", "-c", str(cwd),
                 f"{command}; echo EXITED $?; sleep 30")

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, text: str, deadline: float = 15.0) -> str:
        end = time.monotonic() + deadline
        while True:
            shown = self.screen(name)
            if text in shown:
                return shown
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never appeared in {name}:\n{shown}")
            time.sleep(0.1)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"ttx-test-{os.getpid()}")
    try:
        yield server
    finally:
        subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True)


def shell(*args: str, cwd: Path) -> str:
    return subprocess.run([TTX, *args], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout


def test_console_and_display_follow_each_other_and_the_shell(tmux: Tmux,
                                                             tmp_path: Path) -> None:
    session = tmp_path / "play.ttx"
    shell("session", "start", "tui-demo", "-o", str(session), cwd=WORKSPACE)
    tmux.start("console", f"{TTX} run {session}", WORKSPACE)
    tmux.start("display", f"{TTX} display {session}", WORKSPACE)
    tmux.wait_for("console", "MSEL — Module 1: Launch")
    tmux.wait_for("display", "Waiting for the first inject")

    tmux.run("send-keys", "-t", "console", "n")
    shown = tmux.wait_for("display", "ROK JCS launch report")
    assert "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY" in shown
    assert "EXPECTED-SECRET" not in shown and "NOTE-SECRET" not in shown
    tmux.wait_for("console", "delivered")

    shell("session", "move", str(session), "--role", "JPN", "--kind", "statement",
          "--inject", JCS, "we see it too", cwd=WORKSPACE)
    console = tmux.wait_for("console", "we see it too")
    assert "JPN" in console

    shell("session", "deliver", str(session), "tui-02-j-alert", cwd=WORKSPACE)
    display = tmux.wait_for("display", "J-Alert issued")
    assert "Earlier" in display

    tmux.run("send-keys", "-t", "console", "q")
    ended = tmux.wait_for("console", "EXITED 0")
    assert f"resume: ttx run {session}" in ended.replace("\n", "")


def test_display_refuses_an_unknown_role(tmp_path: Path) -> None:
    session = tmp_path / "play.ttx"
    shell("session", "start", "tui-demo", "-o", str(session), cwd=WORKSPACE)
    result = subprocess.run([TTX, "display", str(session), "--role", "JAPAN"], cwd=WORKSPACE,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "no role 'JAPAN'" in result.stderr
