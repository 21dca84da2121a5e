"""The log tells the whole story (issue 21, point 6): moments of play and recipients
show, entries from other seats arriving above the selected row are announced ("3 new ↑")
until the user is back on the newest, and `e amend` is offered only when there is
something this seat may amend."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.tui.conftest import JCS, PRESS, console, wait_until
from ttx.model.resolved import ResolvedScenario
from ttx.session.seats import EVALUATOR
from ttx.session.session import Session
from ttx.tui.log_rows import log_rows
from ttx.tui.widgets.log_table import LogTable

SIZE = (120, 40)


def footer(app: object) -> str:
    return str(app.screen.query_one("#keys", Static).render())  # type: ignore[attr-defined]


async def test_new_entries_from_other_seats_above_the_selection_are_announced(
        session: Session) -> None:
    for text in ("first", "second", "third"):
        session.add_note(text)
    app = console(session, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        log = app.screen.query_one(LogTable)
        log.focus()
        await pilot.press("down", "down")
        selected = log.selected_seq
        assert log.unseen == 0 and "new ↑" not in str(log.border_title)
        with Session.open(session.journal.location, seat=EVALUATOR) as other:
            for text in ("from the evaluator 1", "from the evaluator 2",
                         "from the evaluator 3"):
                other.add_note(text)
        await wait_until(lambda: "3 new ↑" in str(log.border_title), pilot)
        assert log.selected_seq == selected  # the selection did not move under the user
        session.add_note("our own")  # the console's own seat: no news
        await wait_until(lambda: log.row_count == 8, pilot)
        assert "3 new ↑" in str(log.border_title)
        await pilot.press("up")
        assert "3 new ↑" in str(log.border_title)  # not yet at the newest
        await pilot.press("home")
        assert log.unseen == 0
        assert str(log.border_title) == "Log — newest first"


async def test_entries_arriving_while_on_the_newest_are_not_counted(
        session: Session) -> None:
    app = console(session, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        log = app.screen.query_one(LogTable)
        with Session.open(session.journal.location, seat=EVALUATOR) as other:
            other.add_note("seen at once")
        await wait_until(lambda: log.row_count == 2, pilot)
        assert log.unseen == 0 and log.cursor_row == 0
        assert "new ↑" not in str(log.border_title)


def test_deliveries_skips_module_starts_and_recipients_are_rows(session: Session) -> None:
    session.deliver(JCS)
    session.skip(PRESS, "no press today")
    session.record_move("JPN", "communication", "we share the track", to=["ROK"])
    rows = {row.entry: row for row in log_rows(session.state)}
    assert rows["module start"].text
    assert rows["delivered"].text.endswith("ROK JCS launch report → ROK US")
    assert rows["skipped"].text.endswith("— no press today")
    assert rows["move: communication"].text == "we share the track → ROK"
    assert [row.seq for row in log_rows(session.state)] == list(range(2, 6))


def test_a_skip_delivered_later_keeps_its_row(session: Session) -> None:
    skipped = session.skip(PRESS, "later, maybe")
    delivered = session.deliver(PRESS)
    row = next(row for row in log_rows(session.state) if row.seq == skipped.seq)
    assert row.entry == "skipped"
    assert row.text.endswith(f"— later, maybe (delivered later, #{delivered.seq})")


async def test_the_console_redraws_a_skip_when_its_inject_is_delivered(
        session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        log = app.screen.query_one(LogTable)
        skipped = session.skip(PRESS, "not now")
        app.sync()
        await pilot.pause()
        assert str(log.get_cell(str(skipped.seq), "text")).endswith("— not now")
        session.deliver(PRESS)
        app.sync()
        await pilot.pause()
        assert "(delivered later" in str(log.get_cell(str(skipped.seq), "text"))


def test_a_delivery_of_an_inject_without_a_body_is_not_an_empty_row(
        resolved: ResolvedScenario, tmp_path: Path) -> None:
    bodiless = resolved.injects[JCS].model_copy(update={"body": ""})
    changed = resolved.model_copy(update={"injects": {**resolved.injects, JCS: bodiless}})
    with Session.start(changed, tmp_path / "bodiless.ttx") as started:
        delivered = started.deliver(JCS)
        row = next(row for row in log_rows(started.state) if row.seq == delivered.seq)
    assert row.entry == "delivered"
    assert row.text.startswith(bodiless.title)


async def test_amend_is_offered_only_when_the_seat_may_amend_something(
        session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        assert "e amend" not in footer(app)  # the log holds only the module's start
        await pilot.press("n")
        await pilot.pause()
        assert "e amend" not in footer(app)  # a delivery is not amended
    session.add_note("a note the facilitator wrote")
    app = console(session)
    async with app.run_test(size=SIZE):
        assert "e amend" in footer(app)
    with Session.open(session.journal.location, seat=EVALUATOR) as evaluating:
        app = console(evaluating, EVALUATOR)
        async with app.run_test(size=SIZE):
            assert "e amend" not in footer(app)  # only the facilitator's entries
        evaluating.add_note("the evaluator's own")
        app = console(evaluating, EVALUATOR)
        async with app.run_test(size=SIZE):
            assert "e amend" in footer(app)
    session.end()
    app = console(session)
    async with app.run_test(size=SIZE):
        assert "e amend" not in footer(app)  # after ENDEX the notes of play are closed
