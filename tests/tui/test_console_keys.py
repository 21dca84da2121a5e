"""Every console key, pressed for real; the journal on disk is checked afterwards."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.app import App
from textual.widgets import Input, Select, SelectionList

from tests.tui.conftest import (
    DECISION,
    J_ALERT,
    JCS,
    PRESS,
    RELAY_LAG,
    WHITE_TRUTH,
    console,
    journal_events,
    wait_until,
)
from ttx.session.events import EventType
from ttx.session.seats import EVALUATOR, FACILITATOR, Seat
from ttx.session.session import Session
from ttx.tui.forms.amend import AmendForm
from ttx.tui.forms.clock_choice import ClockChoice
from ttx.tui.forms.confirm import ConfirmScreen
from ttx.tui.forms.contingency import ContingencyPicker
from ttx.tui.forms.improvement import ImprovementForm
from ttx.tui.forms.move import MoveForm
from ttx.tui.screens.help import HelpScreen
from ttx.tui.widgets.log_table import LogTable
from ttx.tui.widgets.msel_table import MselTable

SIZE = (120, 40)


def written(session: Session) -> list[tuple[EventType, dict[str, object]]]:
    """Events after the two that start a session, as (type, payload), read from disk."""
    return [(event.type, event.payload.as_json())
            for event in journal_events(session.journal.location)[2:]]


def msel_status(app: App[Any], inject_id: str) -> str:
    table = app.screen.query_one(MselTable)
    return str(table.get_cell(inject_id, "status"))


async def test_n_delivers_the_next_planned_inject(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")
        assert msel_status(app, JCS) == "delivered"
        assert msel_status(app, J_ALERT) == "delivered"
    assert written(session) == [
        (EventType.inject_delivered, {"inject": JCS, "module": "m1-launch"}),
        (EventType.inject_delivered, {"inject": J_ALERT, "module": "m1-launch"}),
    ]


async def test_enter_delivers_the_selected_inject(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        # out of the planned order and timed later than the clock: it asks (issue 21)
        await pilot.press("down", "down", "down", "enter", "a")
        assert msel_status(app, DECISION) == "delivered"
    assert written(session) == [
        (EventType.inject_delivered, {"inject": DECISION, "module": "m1-launch"})]


async def test_a_later_inject_can_go_out_at_the_clocks_time(session: Session) -> None:
    start = session.state.game_time
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "enter")
        assert isinstance(app.screen, ClockChoice)
        await pilot.press("d")
        assert msel_status(app, DECISION) == "delivered"
        assert session.state.game_time == start  # the clock did not jump
        await pilot.press("n")  # the next planned inject keeps its own time
    assert written(session) == [
        (EventType.inject_delivered, {"inject": DECISION, "module": "m1-launch",
                                      "keep_clock": True}),
        (EventType.inject_delivered, {"inject": JCS, "module": "m1-launch"})]
    jcs = session.state.delivery_of(JCS)
    assert jcs is not None and jcs.at_game == start + timedelta(minutes=5)


async def test_escape_at_the_clock_question_delivers_nothing(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "enter", "escape")
        await pilot.pause()
    assert written(session) == []


async def test_the_next_planned_inject_never_asks(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert not isinstance(app.screen, ClockChoice)
        assert msel_status(app, JCS) == "delivered"


async def test_a_refusal_is_a_notification_and_writes_nothing(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "up", "enter")  # the first inject again
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("already delivered" in message for message in messages)
    assert written(session) == [
        (EventType.inject_delivered, {"inject": JCS, "module": "m1-launch"})]


async def test_s_skips_with_a_reason(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.press(*"overtaken by play", "enter")
        await pilot.pause()
        assert msel_status(app, JCS) == "skipped"
    assert written(session) == [(EventType.inject_skipped,
                                 {"inject": JCS, "module": "m1-launch",
                                  "reason": "overtaken by play"})]


async def test_escape_cancels_a_form_without_writing(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "x", "escape", "m", "y", "escape")
        assert isinstance(app.screen, type(app.console_screen))
    assert written(session) == []


async def test_m_records_a_move_answering_the_last_delivered_decision(session: Session) -> None:
    session.deliver(DECISION)
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, MoveForm)
        assert form.query_one("#move-inject", Select).value == DECISION
        assert form.query_one("#move-option", Select).display
        await pilot.press(*"relay via Washington")
        form.query_one("#move-option", Select).value = "relay"
        form.query_one("#move-kind", Select).value = "decision"
        form.query_one("#move-role", Select).value = "ROK"
        form.query_one("#move-rationale", Input).value = "no GSOMIA link"
        recipients = form.query_one("#move-to", SelectionList)
        recipients.select("US")
        await pilot.pause()
        assert recipients.render_line(0).text.startswith("▐✓▌ US")  # ticked in words
        assert recipients.render_line(1).text.startswith("▐ ▌ JPN")
        await pilot.press("ctrl+s")
        await pilot.pause()
        log = app.screen.query_one(LogTable)
        assert log.row_count == 3  # the module start and the delivery are rows too
        assert "relay via Washington" in str(log.get_cell_at((0, 5)))
        assert msel_status(app, RELAY_LAG) == "released"  # the branch the decision opened
    assert written(session)[-1] == (EventType.move_recorded, {
        "role": "ROK", "kind": "decision", "text": "relay via Washington",
        "rationale": "no GSOMIA link", "to": ["US"], "inject": DECISION, "option": "relay"})


async def test_move_form_refuses_an_empty_text_and_stays_open(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "ctrl+s")
        assert isinstance(app.screen, MoveForm)
        assert not app.screen.query_one("#move-option", Select).display
    assert written(session) == []


async def test_o_records_an_observation_with_a_rating(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        app.screen.query_one("#obs-rating", Select).value = "S"
        await pilot.press(*"track shared late", "ctrl+s")
        await pilot.pause()
    assert written(session) == [(EventType.observation_recorded, {
        "objective": "OBJ-1", "kind": "strength", "text": "track shared late", "rating": "S"})]


async def test_i_adds_an_improvement_item(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", *"no direct link", "tab", *"restore GSOMIA channel", "tab",
                          *"Equipment", "tab", *"MND", "tab", *"2027-06-30", "ctrl+s")
        await pilot.pause()
    assert written(session) == [(EventType.improvement_added, {
        "issue": "no direct link", "action": "restore GSOMIA channel",
        "capability_element": "Equipment", "owner": "MND", "due": "2027-06-30"})]


async def test_a_bad_due_date_keeps_the_form_open_saying_why(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", *"issue", "tab", *"action", "tab", "tab", "tab", *"soon",
                          "ctrl+s")
        await pilot.pause()
        assert any("not a date" in n.message for n in app._notifications)
        assert isinstance(app.screen, ImprovementForm)
        assert "not a date" in str(app.screen.query_one(".form-problem").render())
        assert written(session) == []
        app.screen.query_one("#imp-due", Input).value = "2027-06-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.console_screen
    assert written(session) == [(EventType.improvement_added, {
        "issue": "issue", "action": "action", "capability_element": "", "owner": "",
        "due": "2027-06-30"})]


async def test_t_adds_a_note(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"coffee at 10", "enter")
        await pilot.pause()
    assert written(session) == [(EventType.note_added, {"text": "coffee at 10"})]


async def test_c_delivers_an_available_contingency(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, ContingencyPicker)
        await pilot.press("enter", "a")  # timed later than the clock: advance it
        await pilot.pause()
        assert msel_status(app, RELAY_LAG) == "delivered"
    assert written(session) == [
        (EventType.inject_delivered, {"inject": RELAY_LAG, "module": "m1-launch"})]


async def test_a_starts_the_next_module_after_confirming(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # declined: nothing happens
        await pilot.press("a", "y")
        await pilot.pause()
        table = app.screen.query_one(MselTable)
        assert table.inject_ids == [PRESS]
        assert "Module 2" in str(table.border_title)
    assert written(session) == [(EventType.module_started, {"module": "m2-press"})]


async def test_space_pauses_and_resumes(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert "PAUSED" in str(app.screen.query_one("#clocks").render())
        await pilot.press("space")
        await pilot.pause()
        assert "RUNNING" in str(app.screen.query_one("#clocks").render())
    assert [t for t, _ in written(session)] == [EventType.clock_paused, EventType.clock_resumed]


async def test_e_amends_then_retracts_the_selected_entry(session: Session) -> None:
    note = session.add_note("first draft")
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")  # MSEL → inject → log
        assert isinstance(app.focused, LogTable)
        await pilot.press("e")
        assert isinstance(app.screen, AmendForm)
        app.screen.query_one("#amend-text", Input).value = "second draft"
        await pilot.press("ctrl+s")
        await pilot.pause()
        log = app.screen.query_one(LogTable)
        assert "second draft (amended)" in str(log.get_cell(str(note.seq), "text"))
        await pilot.press("enter")  # enter in the log opens the same form
        assert isinstance(app.screen, AmendForm)
        app.screen.query_one("#amend-reason", Input).value = "duplicate"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "RETRACTED" in str(log.get_cell(str(note.seq), "text"))
    assert written(session)[-2:] == [
        (EventType.entry_amended, {"seq": note.seq, "text": "second draft"}),
        (EventType.entry_retracted, {"seq": note.seq, "reason": "duplicate"})]


async def test_evaluator_cannot_steer_play_but_records(session: Session) -> None:
    session.add_note("facilitator's note")
    evaluator = Session.open(session.journal.location, seat="evaluator")
    app = console(evaluator, EVALUATOR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "s", "c", "a", "space", "enter")
        assert app.screen is app.console_screen
        shown = {active.binding.action for active in app.screen.active_bindings.values()}
        assert "record_observation" in shown
        assert not shown & {"deliver_next", "deliver_selected", "skip", "next_module"}
        await pilot.press("tab", "tab", "e")  # another seat's entry: refused
        assert app.screen is app.console_screen
        assert any("evaluator may correct only" in n.message for n in app._notifications)
        await pilot.press("o", *"good call", "ctrl+s")
        await pilot.pause()
    assert [(t, p.get("text")) for t, p in written(session)] == [
        (EventType.note_added, "facilitator's note"),
        (EventType.observation_recorded, "good call")]
    assert journal_events(session.journal.location)[-1].seat == "evaluator"
    evaluator.close()


async def test_ctrl_p_palette_runs_group_verb_commands(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"inject: deliver next")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
    assert written(session) == [
        (EventType.inject_delivered, {"inject": JCS, "module": "m1-launch"})]


async def test_f1_lists_every_key_and_q_quits(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.console_screen
        await pilot.press("q")  # play runs: the facilitator's seat asks first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.is_running and app.screen is app.console_screen
        await pilot.press("q", "y")
        await pilot.pause()
        assert not app.is_running


async def test_after_endex_and_at_an_evaluators_seat_q_quits_at_once(
        session: Session) -> None:
    session.end()
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_endex_asks_and_ends_play(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert not session.state.ended
        await pilot.press("ctrl+e", "y")
        await pilot.pause()
        assert session.state.ended
    assert written(session) == [(EventType.session_ended, {})]


async def test_endex_is_in_the_palette(session: Session) -> None:
    from ttx.tui.commands import ConsoleCommands

    app = console(session)
    async with app.run_test(size=SIZE):
        provider = ConsoleCommands(app.screen)
        commands = [hit.text async for hit in provider.discover()]
    assert "session: ENDEX — end play" in commands


async def test_others_entries_appear_without_reload(session: Session) -> None:
    from tests.tui.conftest import wait_until

    app = console(session, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        log = app.screen.query_one(LogTable)
        with Session.open(session.journal.location, seat="cli") as other:
            other.deliver(JCS)
            move = other.record_move("JPN", "statement", "we see it too", inject=JCS)
        await wait_until(lambda: log.row_count == 1, pilot)
        await wait_until(lambda: msel_status(app, JCS) == "delivered", pilot)
        assert str(log.get_cell(str(move.seq), "who")) == "JPN"


async def test_the_palette_lists_every_action_of_the_seat(session: Session) -> None:
    from textual.command import CommandList

    from ttx.tui.keymap import keys_for

    for seat in (FACILITATOR, EVALUATOR):
        opened = session if seat is FACILITATOR else Session.open(
            session.journal.location, seat=seat)
        app = console(opened, seat)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            commands = app.screen.query_one(CommandList)
            def listed_some(commands: CommandList = commands) -> bool:
                return commands.option_count > 0

            await wait_until(listed_some, pilot)
            await pilot.pause(0.2)
            listed = {str(commands.get_option_at_index(index).prompt).splitlines()[0]
                      for index in range(commands.option_count)}
        wanted = {key.command for key in keys_for(seat) if key.action != "command_palette"}
        assert listed == wanted, seat
        if opened is not session:
            opened.close()


async def test_the_move_form_keeps_the_last_role_and_ctrl_r_switches_it(
        session: Session) -> None:
    session.deliver(JCS)
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, MoveForm)
        assert form.query_one("#move-role", Select).value == "US"
        await pilot.press("ctrl+r")
        assert form.query_one("#move-role", Select).value == "JPN"
        await pilot.press(*"we agree", "ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        assert app.screen.query_one("#move-role", Select).value == "JPN"  # kept


async def test_answers_defaults_to_the_newest_inject_players_saw(session: Session) -> None:
    session.deliver(J_ALERT)
    session.deliver(WHITE_TRUTH)  # control only: never what a delegation answers
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert app.screen.query_one("#move-inject", Select).value == J_ALERT


async def test_a_joint_move_is_recorded_for_several_roles(session: Session) -> None:
    session.deliver(JCS)
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        form = app.screen
        form.query_one("#move-role", Select).value = "ROK"
        form.query_one("#move-joint", SelectionList).select("JPN")
        form.query_one("#move-joint", SelectionList).select("US")
        form.query_one("#move-text", Input).focus()
        await pilot.press(*"joint investigation", "ctrl+s")
        await pilot.pause()
    move = session.state.moves[-1]
    assert (move.role, move.joint) == ("ROK", ["JPN", "US"])


async def test_tabbing_into_a_filled_field_keeps_its_text_and_a_warning_clears(
        session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "ctrl+s")  # empty: refused, warned
        await pilot.pause()
        problem = app.screen.query_one(".form-problem")
        assert "empty" in str(problem.render())
        await pilot.press(*"統合幕僚監部")
        await pilot.pause()
        assert str(problem.render()) == ""
        field = app.screen.query_one(Input)
        await pilot.press("tab", "shift+tab", "x")  # away and back: typing appends
        assert field.value == "統合幕僚監部x"


async def test_after_endex_the_move_form_does_not_open_but_observations_do(
        session: Session) -> None:
    session.end()
    kim = Seat.parse("evaluator:Kim")
    evaluator = Session.open(session.journal.location, seat=kim)
    app = console(evaluator, kim)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert app.screen is app.console_screen
        await pilot.press("o", *"seen after ENDEX", "ctrl+s")
        await pilot.pause()
        await pilot.press("o")
        assert app.screen.query_one("#obs-author", Input).value == "Kim"
    evaluator.close()
    assert evaluator.state.observations[-1].text == "seen after ENDEX"
