"""The real `ttx run` and `ttx display` in a terminal (tmux), following each other and
`ttx session …` typed in a shell. Polls the panes with a deadline; never sleeps blindly."""

from __future__ import annotations

import subprocess
from pathlib import Path

from rich.cells import cell_len

from tests.tui.conftest import JCS, WORKSPACE
from tests.tui.tmux import TTX, Tmux, needs_tmux, shell

pytestmark = needs_tmux


def test_console_and_display_follow_each_other_and_the_shell(tmux: Tmux,
                                                             tmp_path: Path) -> None:
    session = tmp_path / "play.ttx"
    shell("session", "start", "tui-demo", "-o", str(session), cwd=WORKSPACE)
    tmux.start("console", f"{TTX} run {session}", WORKSPACE)
    tmux.start("display", f"{TTX} display {session}", WORKSPACE)
    # the rows whose alignment is checked, not only the title above them, must be painted
    first = tmux.wait_for("console", "MSEL — Module 1: Launch", "ROK US", "Jアラート")
    assert_columns_aligned(first)
    tmux.wait_for("display", "A small fixed scenario")  # STARTEX: the road to crisis

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
    # both parts of the display paint in one refresh, but a capture may fall between them
    display = tmux.wait_for("display", "J-Alert issued", "Earlier")
    assert "Earlier" in display

    tmux.run("send-keys", "-t", "console", "q")
    tmux.wait_for("console", "Leave the facilitator console")  # play runs: it asks
    tmux.run("send-keys", "-t", "console", "y")
    ended = tmux.wait_for("console", "EXITED 0")
    assert f"resume: ttx run {session}" in ended.replace("\n", "")


def cell_column(line: str, text: str) -> int:
    """Where `text` starts on a terminal line, in cells (Hangul and Kanji take two)."""
    return cell_len(line[:line.index(text)])


def assert_columns_aligned(screen: str) -> None:
    """The MSEL's `to` column starts at the same cell on the header line and on the row
    whose title is Hangul and Kanji, in what the terminal really shows."""
    lines = screen.splitlines()
    header = next(line for line in lines if "at (game)" in line)
    # the MSEL rows, not the inject pane beside them, which may show the same title
    korean = next(line for line in lines if "합참" in line and "ROK US" in line)
    japanese = next(line for line in lines if "Jアラート" in line and " all " in line)
    assert cell_column(korean, "ROK US") == cell_column(header, " to ") + 1
    assert cell_column(japanese, " all ") == cell_column(header, " to ")


def test_display_refuses_an_unknown_role(tmp_path: Path) -> None:
    session = tmp_path / "play.ttx"
    shell("session", "start", "tui-demo", "-o", str(session), cwd=WORKSPACE)
    result = subprocess.run([TTX, "display", str(session), "--role", "JAPAN"], cwd=WORKSPACE,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "no role 'JAPAN'" in result.stderr
