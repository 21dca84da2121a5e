"""`ttx run` as `make run` uses it: a scenario id or path starts a session under the
workspace's sessions/ and says where; a session file resumes. In a real 80×24 terminal."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tui.conftest import WORKSPACE
from tests.tui.tmux import TTX, Tmux, needs_tmux

pytestmark = needs_tmux


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the test workspace, so started sessions land in a tmp dir."""
    copy = tmp_path / "ws"
    shutil.copytree(WORKSPACE, copy)
    return copy


@pytest.mark.parametrize("target", ["tui-demo", "scenarios/tui-demo.yaml"])
def test_a_scenario_starts_a_session_in_the_workspace(tmux: Tmux, workspace: Path,
                                                      target: str) -> None:
    tmux.start("run", f"{TTX} run {target}", workspace, size=(80, 24))
    shown = tmux.wait_for("run", "MSEL — Module 1: Launch", "New session")
    assert "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY" in shown
    assert "q quit" in shown and "f1 help" in shown  # the footer fits 80 columns
    assert "READY — press x for STARTEX" in shown and "x STARTEX" in shown  # it waits
    created = list((workspace / "sessions").glob("tui-demo-*.ttx"))
    assert len(created) == 1
    tmux.keys("run", "q")  # nothing runs before STARTEX: it leaves without asking
    ended = tmux.wait_for("run", "EXITED 0").replace("\n", "")
    assert f"started session {created[0]}" in ended
    assert f"resume: ttx run {created[0]}" in ended

    tmux.start("again", f"{TTX} run {created[0]}", workspace, size=(80, 24))
    tmux.wait_for("again", "MSEL — Module 1: Launch", "READY")
    tmux.keys("again", "x")
    tmux.wait_for("again", "RUNNING", "STARTEX")
    tmux.keys("again", "q")
    tmux.wait_for("again", "Leave the facilitator console")
    tmux.keys("again", "y")
    tmux.wait_for("again", "EXITED 0")
    assert list((workspace / "sessions").glob("*.ttx")) == created  # resumed, not new


def test_an_unknown_scenario_or_session_is_one_error_line(tmux: Tmux, workspace: Path) -> None:
    tmux.start("bad", f"{TTX} run no-such-scenario", workspace, size=(80, 24))
    shown = tmux.wait_for("bad", "EXITED 1")
    assert "error:" in shown and "Traceback" not in shown
    tmux.start("gone", f"{TTX} run sessions/gone.ttx", workspace, size=(80, 24))
    shown = tmux.wait_for("gone", "EXITED 1")
    assert "error: no session file at sessions/gone.ttx" in shown


def test_the_console_needs_a_terminal(workspace: Path) -> None:
    result = subprocess.run([TTX, "run", "tui-demo"], cwd=workspace, capture_output=True,
                            text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "needs a terminal" in result.stderr
    assert not (workspace / "sessions").exists()


def test_a_session_file_that_cannot_be_read_is_one_error_line(tmux: Tmux,
                                                             workspace: Path) -> None:
    """A small session file opens before the first frame: what cannot be read there is
    the same one error line as behind the opening frame."""
    (workspace / "sessions").mkdir()
    (workspace / "sessions" / "junk.ttx").write_text("not a session\n", encoding="utf-8")
    tmux.start("junk", f"{TTX} run sessions/junk.ttx", workspace, size=(80, 24))
    shown = tmux.wait_for("junk", "EXITED 1")
    assert "error: sessions/junk.ttx is not a ttx session file" in shown.replace("\n", "")
    assert "Traceback" not in shown
    shell_ok = subprocess.run([TTX, "session", "start", "tui-demo", "-o", "sessions/s.ttx"],
                              cwd=workspace, capture_output=True, text=True)
    assert shell_ok.returncode == 0, shell_ok.stderr
    tmux.start("role", f"{TTX} run sessions/s.ttx --seat player --role NOPE", workspace,
               size=(80, 24))
    shown = tmux.wait_for("role", "EXITED 1")
    assert "error: no role 'NOPE' in this scenario" in shown.replace("\n", "")
    assert "Traceback" not in shown
