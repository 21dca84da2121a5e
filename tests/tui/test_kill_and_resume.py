"""Kill the console or the display with SIGKILL mid-exercise, start it again, and it is
where it was: the same module, delivered injects, log and clock state. Nothing is held
unsaved, so there is nothing to lose; these tests check that promise in a terminal."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

from tests.tui.conftest import J_ALERT, JCS, WORKSPACE, journal_events
from tests.tui.tmux import TTX, Tmux, needs_tmux, shell
from ttx.session.events import EventType

pytestmark = needs_tmux

MODULE_1 = "MSEL — Module 1: Launch"


def msel_statuses(screen: str) -> dict[str, str]:
    """The status word of each MSEL row on screen, by row number (`c` for contingency)."""
    rows = re.findall(r"^[│┃\s]*▶?(\d+|c)\s+\+\d+:\d\d \d\d:\d\d\s+(\S+)", screen,
                      flags=re.MULTILINE)
    return dict(rows)


def start_console(tmux: Tmux, name: str, session: Path) -> str:
    tmux.start(name, f"{TTX} run {session}", WORKSPACE, keep=False)
    return tmux.wait_for(name, "MSEL —")


def test_a_killed_console_resumes_where_it_stood(tmux: Tmux, tmp_path: Path) -> None:
    session = tmp_path / "play.ttx"
    shell("session", "start", "tui-demo", "-o", str(session), cwd=WORKSPACE)
    start_console(tmux, "first", session)
    tmux.keys("first", "n")
    tmux.wait_for("first", "pending (next)", "delivered")
    tmux.keys("first", "n")
    tmux.keys("first", "t")
    tmux.wait_for("first", "Add a note")  # as a person would: the form first, then type
    tmux.keys("first", "kept after a kill", "Enter")
    tmux.wait_for("first", "facilitator  kept after a kill")  # a note row
    tmux.keys("first", "Space")
    before = tmux.wait_for("first", "PAUSED", "kept after a kill")
    assert msel_statuses(before)["2"] == "delivered"
    tmux.kill("first")

    after = start_console(tmux, "second", session)
    after = tmux.wait_for("second", MODULE_1, "PAUSED", "kept after a kill")
    assert msel_statuses(after) == msel_statuses(before) == {
        "1": "delivered", "2": "delivered", "3": "pending", "4": "pending", "c": "available"}
    assert "▶3" in after  # the next planned inject is marked again

    tmux.keys("second", "Space")
    tmux.wait_for("second", "RUNNING")
    tmux.keys("second", "a")
    tmux.wait_for("second", "Start Module 2")
    tmux.keys("second", "y")
    tmux.wait_for("second", "MSEL — Module 2: Press", "RUNNING")
    tmux.kill("second")

    start_console(tmux, "third", session)
    third = tmux.wait_for("third", "MSEL — Module 2: Press", "RUNNING", "kept after a kill")
    assert "pending (next)" in third
    types = [event.type for event in journal_events(session)]
    assert types == [EventType.session_started, EventType.module_started,
                     EventType.inject_delivered, EventType.inject_delivered,
                     EventType.note_added, EventType.clock_paused, EventType.clock_resumed,
                     EventType.module_started]
    assert [getattr(event.payload, "inject", None) for event in journal_events(session)[2:4]] == [
        JCS, J_ALERT]


def test_a_killed_display_shows_the_same_again(tmux: Tmux, tmp_path: Path) -> None:
    session = tmp_path / "play.ttx"
    shell("session", "start", "tui-demo", "-o", str(session), cwd=WORKSPACE)
    tmux.start("room", f"{TTX} display {session} --role JPN", WORKSPACE, keep=False)
    tmux.wait_for("room", "A small fixed scenario")  # STARTEX: the road to crisis
    shell("session", "deliver", str(session), J_ALERT, cwd=WORKSPACE)
    shell("session", "pause", str(session), cwd=WORKSPACE)
    before = tmux.wait_for("room", "J-Alert issued", "PAUSED", "for: Japan delegation")
    tmux.kill("room")

    tmux.start("again", f"{TTX} display {session} --role JPN", WORKSPACE, keep=False)
    after = tmux.wait_for("again", "J-Alert issued", "PAUSED", "for: Japan delegation")
    assert after == before
    shell("session", "deliver", str(session), "tui-04-share-decision", cwd=WORKSPACE)
    tmux.wait_for("again", "Decision: how to share the track?", "Earlier")


def test_running_the_same_command_after_a_kill_offers_to_resume(tmux: Tmux,
                                                                tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    shutil.copytree(WORKSPACE, workspace)
    tmux.start("first", f"{TTX} run tui-demo", workspace, keep=False)
    tmux.wait_for("first", "MSEL —", "READY")
    tmux.keys("first", "x")
    tmux.wait_for("first", "RUNNING")
    tmux.keys("first", "n")
    tmux.wait_for("first", "pending (next)", "delivered")
    tmux.keys("first", "t")
    tmux.wait_for("first", "Add a note")
    tmux.keys("first", "before the crash", "Enter")
    sessions = list((workspace / "sessions").glob("*.ttx"))
    _wait_until_written(sessions[0], "before the crash")  # the typed text shows at once
    before = tmux.wait_for("first", "before the crash")
    tmux.kill("first")
    assert len(sessions) == 1

    tmux.start("second", f"{TTX} run tui-demo", workspace, keep=False)
    offer = tmux.wait_for("second", "An unfinished session of tui-demo exists", "[r]esume")
    assert f"sessions/{sessions[0].name}" in offer
    assert "running, last entry #5 note_added" in offer
    tmux.keys("second", "Enter")  # resuming is the default
    after = tmux.wait_for("second", "MSEL —", "before the crash")
    assert msel_statuses(after) == msel_statuses(before)
    assert list((workspace / "sessions").glob("*.ttx")) == sessions  # no new file


def _wait_until_written(path: Path, text: str, deadline: float = 15.0) -> None:
    """Until an entry holding `text` is in the journal at `path` (read-only)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if any(text in json.dumps(event.payload.as_json(), ensure_ascii=False)
               for event in journal_events(path)):
            return
        time.sleep(0.1)
    raise AssertionError(f"no entry with {text!r} in {path}")
