"""The header draws what it is given, even when a seat's first tick comes before the
header's lines are composed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.app import App
from textual.widgets import Static

from ttx.tui.widgets.header import ConsoleHeader, HeaderFacts

FACTS = HeaderFacts(classification="EXERCISE EXERCISE EXERCISE", scenario_title="SLBM launch",
                    module_title="Module 1", game_time=datetime(2027, 3, 1, 9, 20, tzinfo=UTC),
                    playing_time=timedelta(minutes=5), paused=False, ended=False,
                    seat="facilitator", session_name="s.ttx")


async def test_facts_given_before_the_lines_are_composed_are_drawn_at_mount() -> None:
    header = ConsoleHeader()
    header.show(FACTS)  # no lines yet: kept, not a NoMatches
    app = App[None]()
    async with app.run_test(size=(100, 10)) as pilot:
        await app.mount(header)
        await pilot.pause()
        marking = str(header.query_one("#marking", Static).render())
        clocks = str(header.query_one("#clocks", Static).render())
    assert "EXERCISE EXERCISE EXERCISE" in marking
    assert "RUNNING" in clocks and "facilitator seat" in clocks
