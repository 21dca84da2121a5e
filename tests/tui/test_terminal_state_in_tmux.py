"""Hostile text shown by the real programs in a real terminal (tmux) leaves the terminal
as it was: the window title is not set (OSC 0) and nothing reaches the clipboard or the
paste buffers (OSC 52, which `set-clipboard on` lets programs write)."""

from __future__ import annotations

import time
from pathlib import Path

from tests.hostile import HOSTILE_WORKSPACE, PASTED, SCENARIO_ID, SHARE
from tests.tui.tmux import TTX, Tmux, needs_tmux, shell

pytestmark = needs_tmux


def terminal_state(tmux: Tmux, window: str) -> tuple[str, str]:
    """The window's title, and every paste buffer (the clipboard's copy in tmux)."""
    title = tmux.run("display-message", "-p", "-t", window, "#{pane_title}").strip()
    return title, tmux.run("list-buffers")


def test_the_title_and_clipboard_stay_as_they_were(tmux: Tmux, tmp_path: Path) -> None:
    session = tmp_path / "hostile.ttx"
    shell("session", "start", SCENARIO_ID, "-o", str(session), cwd=HOSTILE_WORKSPACE)
    shell("session", "note", str(session), PASTED, cwd=HOSTILE_WORKSPACE)
    tmux.start("baseline", "true", tmp_path)
    tmux.run("set-option", "-g", "set-clipboard", "on")
    tmux.wait_for("baseline", "EXITED 0")
    untouched = terminal_state(tmux, "baseline")
    assert untouched[1] == ""

    tmux.start("shell", f"{TTX} session show {session} && {TTX} session deliver {session} "
                        f"{SHARE} && {TTX} session show {session} --json",
               HOSTILE_WORKSPACE)
    assert "PASTED-TITLE" in tmux.wait_for("shell", "EXITED 0")
    assert terminal_state(tmux, "shell") == untouched

    tmux.start("console", f"{TTX} run {session}", HOSTILE_WORKSPACE)
    tmux.wait_for("console", "Module [/] one", "PASTED-TITLE")
    tmux.keys("console", "n")  # delivers the [@click=app.quit] inject: a toast names it
    tmux.wait_for("console", "Delivered [@click=app.quit]Quit[/]")
    tmux.keys("console", "c")
    tmux.wait_for("console", "Contingency [/] \\x1b]0;CONTINGENCY")
    tmux.keys("console", "Escape")
    gone_by = time.monotonic() + 15  # ESC and q sent together would read as alt+q
    while "Deliver a contingency inject" in tmux.screen("console"):
        assert time.monotonic() < gone_by, "the contingency list never closed"
        time.sleep(0.1)
    tmux.keys("console", "q")
    tmux.wait_for("console", "Leave the facilitator console")  # play runs: it asks
    tmux.keys("console", "y")
    tmux.wait_for("console", "EXITED 0")
    assert terminal_state(tmux, "console") == untouched

    tmux.start("display", f"{TTX} display {session}", HOSTILE_WORKSPACE)
    tmux.wait_for("display", "[@click=app.quit]click[/]", "UNCLASS [bold]x")
    tmux.keys("display", "q")
    tmux.wait_for("display", "EXITED 0")
    assert terminal_state(tmux, "display") == untouched

    # the same text printed raw does change both: the checks above could fail
    tmux.start("raw", f"printf '%s' {shell_quote(PASTED)}", tmp_path)
    tmux.wait_for("raw", "EXITED 0")
    title, buffers = terminal_state(tmux, "raw")
    assert title == "PASTED-TITLE"
    assert "PASTED" in buffers


def shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
