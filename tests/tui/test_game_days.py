"""Issue 21 item 6: game times show their day once play crosses midnight (log, displays,
`ttx session show`), and analysis written after ENDEX says so instead of a wall time."""

from __future__ import annotations

from datetime import timedelta

from tests.tui.conftest import DECISION, JCS, console
from ttx.session.describe import event_line
from ttx.session.inbox import inbox, outbox
from ttx.session.seats import Seat
from ttx.session.session import Session
from ttx.tui.display_content import display_content
from ttx.tui.log_rows import game_column_widths, log_row_for
from ttx.tui.screens.player import inbox_line, outbox_line
from ttx.tui.widgets.log_table import LogTable


def _overnight(session: Session) -> tuple[int, int, int]:
    """JCS at 05:35, the clock past midnight, then the decision and a note."""
    first = session.deliver(JCS)
    session.set_clock(session.state.game_time + timedelta(hours=20))
    second = session.deliver(DECISION)
    note = session.add_note("the night shift takes over")
    return first.seq, second.seq, note.seq


def test_the_log_shows_the_day_after_midnight(session: Session) -> None:
    first, second, note = _overnight(session)
    whens = [row.when for row in map(lambda seq: log_row_for(session.state, seq),
                                     (first, second, note)) if row]
    assert whens == ["05:35", "D+1 01:35", "D+1 01:35"]
    assert "D+1 01:35" in game_column_widths(session.state)


def test_a_day_of_play_shows_plain_times(session: Session) -> None:
    delivered = session.deliver(JCS)
    row = log_row_for(session.state, delivered.seq)
    assert row is not None and row.when == "05:35"
    assert game_column_widths(session.state) == ["05:35"]


def test_analysis_reads_after_endex_not_a_wall_time(session: Session) -> None:
    before = session.write_summary("overview", "written during play")
    session.end()
    after = session.write_summary("strengths", "written at the hotwash")
    rows = [log_row_for(session.state, seq) for seq in (before.seq, after.seq)]
    assert [row.when for row in rows if row] == ["—", "after ENDEX"]
    assert "after ENDEX" in game_column_widths(session.state)


def test_the_display_lists_earlier_injects_with_their_day(session: Session) -> None:
    _overnight(session)
    content = display_content(session.state)
    assert content.newest is not None and content.newest.delivered_at_text == "D+1 01:35"
    assert [shown.delivered_at_text for shown in content.earlier] == ["05:35"]


def test_a_role_display_dates_its_messages(session: Session) -> None:
    session.set_clock(session.state.game_time + timedelta(days=1))
    session.record_move("ROK", "communication", "a hotline call", to=["JPN"])
    content = display_content(session.state, "JPN")
    assert [message.at_text for message in content.messages] == ["D+1 05:30"]


def test_session_show_lines_show_the_day(session: Session) -> None:
    first, second, _ = _overnight(session)
    start = session.snapshot.scenario.start
    lines = {event.seq: event_line(event, start) for event in session.journal.events()}
    assert lines[first].split()[1] == "05:35"
    assert lines[second].split()[1:3] == ["D+1", "01:35"]


def test_a_delegation_s_inbox_and_outbox_show_the_day(session: Session) -> None:
    _overnight(session)
    session.record_move("ROK", "communication", "dawn call", to=["JPN"])
    seat = Seat.player("ROK")
    start = session.snapshot.scenario.start
    lines = [inbox_line(item, start).plain for item in inbox(session.state, seat)]
    assert lines[0].startswith("D+1 01:35 INJECT") and lines[-1].startswith("05:35 INJECT")
    (sent,) = outbox(session.state, seat)
    assert outbox_line(sent, start).plain.startswith(f"D+1 01:35 #{sent.seq} communication")


async def test_the_console_log_widens_its_game_column_for_the_day(session: Session) -> None:
    """At load (the clock already past midnight) and for an entry added live."""
    first = session.deliver(JCS)
    session.set_clock(session.state.game_time + timedelta(hours=20))
    app = console(session)
    async with app.run_test(size=(120, 40)) as pilot:
        log = app.console_screen.query_one(LogTable)
        game = next(column for column in log.columns if column.key == "game")
        assert game.width >= len("D+1 01:35")
        assert str(log.get_cell(str(first.seq), "game")) == "05:35"
        await pilot.press("n")
        await pilot.pause()
        newest = log.key_at(0)
        assert newest != str(first.seq)
        assert str(log.get_cell(newest, "game")) == "D+1 01:35"
