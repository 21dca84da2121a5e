"""A long exercise stays cheap to show: the log builds rows only for the lines on screen,
and a new entry costs one row, not a reload. Counted, not timed (timings are bench/'s)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.tui.conftest import console, wait_until
from ttx.session.events import NoteAdded
from ttx.session.session import Session
from ttx.tui.log_rows import LogRow
from ttx.tui.screens import console as console_screen
from ttx.tui.widgets.log_table import LogTable

ENTRIES = 3000
SIZE = (120, 40)


@pytest.fixture
def long_session(session: Session) -> Iterator[Session]:
    """`session`'s file with ENTRIES notes more, written in one transaction (fast)."""
    journal = session.journal
    at_game = session.state.game_time
    with journal.write_transaction():
        for number in range(ENTRIES):
            journal.append(NoteAdded(text=f"note {number}"),
                           seat="facilitator", at_game=at_game)
    with Session.open(journal.location) as reopened:
        yield reopened


@pytest.fixture
def built_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The seqs the console built a log row for."""
    built: list[int] = []
    original: Callable[..., LogRow | None] = console_screen.log_row_for

    def counting(state: object, seq: int) -> LogRow | None:
        built.append(seq)
        return original(state, seq)

    monkeypatch.setattr(console_screen, "log_row_for", counting)
    return built


async def test_the_log_builds_only_the_rows_on_screen(long_session: Session,
                                                      built_rows: list[int]) -> None:
    app = console(long_session, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        log = app.screen.query_one(LogTable)
        assert log.row_count == ENTRIES + 1  # and the first module's start
        await pilot.pause()
        on_screen = log.size.height
        assert 0 < len(set(built_rows)) <= on_screen
        assert str(log.get_cell_at((0, 5))) == f"note {ENTRIES - 1}"

        built_rows.clear()
        with Session.open(long_session.journal.location, seat="cli") as other:
            other.add_note("from a shell")
        await wait_until(lambda: log.row_count == ENTRIES + 2, pilot)
        await pilot.pause()
        assert str(log.get_cell_at((0, 5))) == "from a shell"
        assert len(set(built_rows)) <= 2  # the new row (and the old top redrawn), no reload

        built_rows.clear()
        await pilot.press("tab", "tab", "end")  # to the oldest entry, 3,000 lines down
        await pilot.pause()
        assert log.selected_seq is not None and log.selected_seq < 10
        assert len(set(built_rows)) <= on_screen
