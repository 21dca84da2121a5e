"""Four people on one machine, each in a real terminal: the facilitator, Tokyo, Seoul
and the room's screen. Tokyo messages Seoul directly, Seoul forwards a report it received
to Tokyo, the facilitator sees both arrive, and the journal says which was a relay."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.tui.conftest import WORKSPACE
from tests.tui.tmux import TTX, Tmux, needs_tmux, shell
from ttx.session.sqlite_journal import SqliteJournal

pytestmark = needs_tmux


def type_into_form(tmux: Tmux, seat: str, text: str) -> None:
    """Type `text` once the form's first field has the focus (it may take a frame)."""
    for _ in range(3):
        tmux.keys(seat, "-l", text)
        try:
            tmux.wait_for(seat, text, deadline=3)
            return
        except AssertionError:
            tmux.keys(seat, "C-u")  # clear whatever reached the field, and try again
    raise AssertionError(f"{seat}: the form never took the text")


def tick(tmux: Tmux, seat: str, role: str) -> None:
    """Back from the text to the list of delegations, and tick `role` (the list highlights
    its first line when it takes the focus; each line is tried until it is `role`)."""
    tmux.keys(seat, "BTab")
    for _ in range(4):
        tmux.keys(seat, "Space")
        ticked = poll(lambda: _ticked(tmux.screen(seat)))
        if ticked == role:
            return
        tmux.keys(seat, "Space")  # not this one: untick it and try the next line
        poll(lambda: "" if _ticked(tmux.screen(seat)) else "none")
        tmux.keys(seat, "Down")
    raise AssertionError(f"{seat}: could not tick {role}")


def _ticked(screen: str) -> str:
    """The role whose line in the form's list shows ✓ ('' for none)."""
    for line in screen.splitlines():
        if "✓▌ " in line:
            return line.split("✓▌ ", 1)[1].split()[0]
    return ""


def poll(found: Callable[[], str], deadline: float = 15.0) -> str:
    """`found()` once it is not empty; a loaded machine may take seconds to repaint."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = found()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("the screen never changed as expected")


def test_four_seats_play_and_the_journal_records_a_direct_exchange_and_a_relay(
        tmux: Tmux, tmp_path: Path) -> None:
    session = tmp_path / "play.ttx"
    shell("session", "start", "tui-demo", "-o", str(session), cwd=WORKSPACE)
    tmux.start("console", f"{TTX} run {session}", WORKSPACE)
    tmux.start("jpn", f"{TTX} play {session} JPN", WORKSPACE)
    tmux.start("rok", f"{TTX} play {session} ROK", WORKSPACE)
    tmux.start("room", f"{TTX} display {session}", WORKSPACE)
    tmux.wait_for("console", "MSEL — Module 1: Launch")
    tmux.wait_for("jpn", "Inbox", "JPN delegation")
    tmux.wait_for("rok", "Inbox", "ROK delegation")

    tmux.keys("console", "n")  # the JCS report: to ROK and US, not to Japan
    tmux.wait_for("rok", "ROK JCS launch report")
    assert "ROK JCS launch report" not in tmux.screen("jpn")
    tmux.wait_for("room", "ROK JCS launch report")
    assert "EXPECTED-SECRET" not in tmux.screen("rok") + tmux.screen("room")

    # Seoul acknowledges it, then forwards it to Tokyo with a comment
    tmux.keys("rok", "a")
    tmux.wait_for("console", "1/2✓")
    tmux.keys("rok", "f")
    tmux.wait_for("rok", "Forward #")
    type_into_form(tmux, "rok", "For Tokyo: our launch report")
    tick(tmux, "rok", "JPN")
    tmux.keys("rok", "C-s")
    tmux.wait_for("jpn", "For Tokyo: our launch report")
    tmux.wait_for("console", "For Tokyo: our launch report", "player:ROK")

    # Tokyo answers Seoul directly
    tmux.keys("jpn", "s")
    tmux.wait_for("jpn", "Send a message")
    type_into_form(tmux, "jpn", "Received, thank you, Seoul")
    tick(tmux, "jpn", "ROK")
    tmux.keys("jpn", "C-s")
    tmux.wait_for("rok", "Received, thank you, Seoul")
    tmux.wait_for("console", "Received, thank you, Seoul", "player:JPN")

    for seat in ("console", "jpn", "rok", "room"):
        tmux.keys(seat, "q")
    with SqliteJournal.open(session) as journal:
        moves = [(event.seat, event.payload.as_json()) for event in journal.events()
                 if event.type == "move_recorded"]
    delivery = next(event.seq for event in SqliteJournal.open(session).events()
                    if event.type == "inject_delivered")
    assert moves == [
        ("player:ROK", {"role": "ROK", "kind": "communication",
                        "text": "For Tokyo: our launch report", "to": ["JPN"],
                        "inject": "tui-01-jcs-report", "relays": delivery}),
        ("player:JPN", {"role": "JPN", "kind": "communication",
                        "text": "Received, thank you, Seoul", "to": ["ROK"]}),
    ]
