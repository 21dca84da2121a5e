"""The real `ttx run` and `ttx display` in a terminal (tmux), following each other and
`ttx session …` typed in a shell. Polls the panes with a deadline; never sleeps blindly."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.tui.conftest import JCS, WORKSPACE
from tests.tui.tmux import TTX, Tmux, needs_tmux, shell

pytestmark = needs_tmux


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
