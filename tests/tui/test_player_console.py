"""A delegation's console: every key writes the journal through the session layer, and
nothing meant for control or for other delegations ever reaches its screen."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Input, OptionList, Static

from tests.tui.conftest import (
    DECISION,
    J_ALERT,
    JCS,
    WHITE_TRUTH,
    fixed_clock,
    journal_events,
    player,
    screen_text,
    wait_until,
)
from ttx.session.events import EventType
from ttx.session.inbox import InboxItem, inbox
from ttx.session.seats import Seat
from ttx.session.session import Session
from ttx.tui.app import ConsoleApp
from ttx.tui.keymap import KeyHint
from ttx.tui.screens.player import PlayerScreen, item_detail
from ttx.tui.widgets import key_bar
from ttx.tui.widgets.key_bar import KeyBar, fit_hints
from ttx.tui.widgets.tick_list import TickList

SIZE = (120, 40)
SECRETS = ("EXPECTED-SECRET", "NOTE-SECRET", "CONTROL-SECRET")


def written(session: Session) -> list[tuple[str, str, dict[str, Any]]]:
    return [(event.type, event.seat, event.payload.as_json())
            for event in journal_events(session.journal.location)[2:]]


def inbox_ids(app: Any) -> list[str]:
    box = app.screen.query_one("#inbox", OptionList)
    return [box.get_option_at_index(i).id for i in range(box.option_count)]


def shown_items(app: Any) -> dict[str, InboxItem]:
    """The items the player screen lists, by option id: its seat's inbox."""
    screen = app.screen
    assert isinstance(screen, PlayerScreen)
    return {str(item.seq): item for item in inbox(screen.session.state, screen.seat)}


async def test_the_inbox_holds_what_was_sent_to_the_role_newest_first(
        session: Session) -> None:
    for inject_id in (JCS, J_ALERT, WHITE_TRUTH, DECISION):
        session.deliver(inject_id)
    app = player(session, "JPN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # JCS went to ROK and US only; the White cell's truth is control-only
        seqs = inbox_ids(app)
        titles = [shown_items(app)[seq].inject_id for seq in seqs]
        assert titles == [DECISION, J_ALERT]


async def test_a_acknowledges_m_records_s_sends_f_forwards(session: Session) -> None:
    session.deliver(JCS)  # to ROK and US
    session.deliver(DECISION)  # to every player
    app = player(session, "ROK")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")  # the newest: the decision point
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#move-text", Input).value = "Share directly with Tokyo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#message-to", TickList).select("JPN")
        app.screen.query_one("#message-text", Input).value = "Track follows on the hotline"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("down")  # the JCS report
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#message-to", TickList).select("JPN")
        app.screen.query_one("#message-text", Input).value = "Our JCS report, for you"
        await pilot.press("ctrl+s")
        await pilot.pause()
    events = written(session)
    jcs_delivery = next(e.seq for e in journal_events(session.journal.location)
                        if e.type is EventType.inject_delivered and
                        e.payload.as_json()["inject"] == JCS)
    assert events[2:] == [
        ("inject_acknowledged", "player:ROK", {"inject": DECISION, "role": "ROK"}),
        ("move_recorded", "player:ROK", {"role": "ROK", "kind": "decision",
                                         "text": "Share directly with Tokyo",
                                         "inject": DECISION}),
        ("move_recorded", "player:ROK", {"role": "ROK", "kind": "communication",
                                         "text": "Track follows on the hotline",
                                         "to": ["JPN"], "inject": DECISION}),
        ("move_recorded", "player:ROK", {"role": "ROK", "kind": "communication",
                                         "text": "Our JCS report, for you", "to": ["JPN"],
                                         "inject": JCS, "relays": jcs_delivery}),
    ]


async def test_the_delegation_sees_messages_sent_to_it_live(session: Session) -> None:
    session.deliver(DECISION)
    app = ConsoleApp(Session.open(session.journal.location, seat=Seat.player("JPN")),
                     seat=Seat.player("JPN"), clock=fixed_clock(session), poll=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with Session.open(session.journal.location, seat="player:ROK") as korea:
            korea.record_move("ROK", "communication", "Direct line open", to=["JPN"])
            korea.record_move("ROK", "communication", "For Washington only", to=["US"])
        await wait_until(lambda: len(inbox_ids(app)) == 2, pilot)
        texts = [shown_items(app)[seq].body for seq in inbox_ids(app)]
        assert texts[0] == "Direct line open"
        assert "For Washington only" not in texts


async def test_no_control_text_reaches_the_player_screen(session: Session) -> None:
    for inject_id in (JCS, J_ALERT, WHITE_TRUTH, DECISION):
        session.deliver(inject_id)
    for role in ("US", "JPN", "ROK"):
        app = player(session, role)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for index in range(len(inbox_ids(app))):
                app.screen.query_one("#inbox", OptionList).highlighted = index
                await pilot.pause()
                shown = screen_text(app)
                for secret in SECRETS:
                    assert secret not in shown, (role, index, secret)


async def test_a_player_seat_offers_no_steering_keys(session: Session) -> None:
    app = player(session, "US")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "space", "o", "c")  # console keys: not bound here
        await pilot.pause()
    assert written(session) == []


async def test_the_facilitator_sees_each_delegation_answer_live(session: Session) -> None:
    from tests.tui.conftest import console
    from ttx.tui.widgets.inject_view import InjectView
    from ttx.tui.widgets.msel_table import MselTable

    session.deliver(JCS)  # to ROK and US
    session.deliver(DECISION)
    app = console(session, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with Session.open(session.journal.location, seat="player:ROK") as korea:
            korea.acknowledge(DECISION)
            korea.record_move("ROK", "decision", "Directly", inject=DECISION, option="direct")
        with Session.open(session.journal.location, seat="player:JPN") as japan:
            japan.acknowledge(DECISION)
        table = app.screen.query_one(MselTable)
        await wait_until(lambda: str(table.get_cell(DECISION, "replies")) == "2/3✓ 1↩", pilot)
        table.select(DECISION)
        await pilot.pause()
        view = app.screen.query_one(InjectView)
        assert view.inject_id == DECISION
        recorder = Console(width=100, file=io.StringIO(), record=True)
        recorder.print(view.content)
        detail = recorder.export_text()
        assert "Delegations" in detail  # below the fold of the inject pane
        assert "ROK   received 05:50 (#5) · answered 05:50 (#6) · decision: direct" in detail
        assert "JPN   received" in detail and "US    not received · no answer" in detail
        assert "player:ROK" in screen_text(app)  # the log names the seat that wrote


async def test_b_announces_to_the_delegations_and_the_room(session: Session) -> None:
    from tests.tui.conftest import console, display

    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        app.screen.query_one("#announce-text", Input).value = "Ten minutes left"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert written(session) == [("announcement_made", "facilitator",
                                 {"text": "Ten minutes left"})]
    room = display(Session.open(session.journal.location, seat="display"))
    async with room.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Ten minutes left" in screen_text(room)
    japan = player(session, "JPN")
    async with japan.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Ten minutes left" in screen_text(japan)


async def test_after_endex_the_evaluator_writes_the_analysis_and_japan_its_feedback(
        session: Session) -> None:
    from textual.widgets import Select

    from tests.tui.conftest import console

    session.end()
    evaluator = Session.open(session.journal.location, seat="evaluator:Kim")
    app = console(evaluator, Seat.parse("evaluator:Kim"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#analysis-objective", Select).value = "OBJ-1"
        app.screen.query_one("#analysis-rating", Select).value = "S"
        app.screen.query_one("#analysis-text", Input).value = "Tracks reached Tokyo late"
        await pilot.press("ctrl+s")
        await pilot.pause()
    japan = player(session, "JPN")
    async with japan.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        japan.screen.query_one("#feedback-scenario", Select).value = 4
        japan.screen.query_one("#feedback-strengths", Input).value = "direct line; candour"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert written(session)[-2:] == [
        ("rating_given", "evaluator:Kim", {"objective": "OBJ-1", "rating": "S",
                                           "text": "Tracks reached Tokyo late"}),
        ("feedback_submitted", "player:JPN", {"role": "JPN", "ratings": {"scenario": 4},
                                              "strengths": ["direct line", "candour"]}),
    ]


async def test_a_decision_for_one_delegation_says_who_decides(tmp_path: Path) -> None:
    from ttx.authoring.resolve import resolve_scenario

    repo = Path(__file__).resolve().parents[2]
    started = Session.start(resolve_scenario("slbm-launch", cwd=repo), tmp_path / "s.ttx")
    started.deliver("slbm-04-nhk-j-alert")  # decided_by: [JPN], addressed to all
    started.close()
    opened = Session.open(tmp_path / "s.ttx", seat=Seat.player("JPN"))
    app = ConsoleApp(opened, seat=Seat.player("JPN"), poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen is app.console_screen  # it opened on the decision, no crash
        assert isinstance(screen, PlayerScreen)
        (item,) = screen._items.values()
        shown = Console(width=80, file=io.StringIO(), record=True)
        shown.print(item_detail(opened, item))
        assert "decided by JPN" in shown.export_text()
    opened.close()


async def test_an_entry_arriving_leaves_the_item_being_read_where_it_was(
        session: Session) -> None:
    session.deliver(J_ALERT)
    app = player(session, "JPN")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#item")
        assert pane.max_scroll_y > 0  # the inject is longer than its pane
        pane.scroll_to(y=pane.max_scroll_y, animate=False, immediate=True)
        await pilot.pause()
        read_to = pane.scroll_y
        session.announce("Ten minutes to the ministers' call.")
        app.sync()
        await pilot.pause()
        assert len(inbox_ids(app)) == 2  # the announcement is listed …
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        selected = screen.selected_item
        assert selected is not None and selected.inject_id == J_ALERT  # … the reader stays
        assert pane.scroll_y == read_to > 0


async def test_the_footer_is_worked_out_again_only_when_its_keys_change(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    session.deliver(J_ALERT)
    app = player(session, "JPN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = app.screen.query_one(KeyBar)
        drawn: list[object] = []
        update = keys.update

        def counted(content: Any = "", *, layout: bool = True) -> None:
            drawn.append(content)
            update(content, layout=layout)
        keys.update = counted  # type: ignore[method-assign]
        fitted: list[int] = []

        def fit(hints: list[KeyHint], width: int) -> tuple[list[KeyHint], str]:
            fitted.append(width)
            return fit_hints(hints, width)
        monkeypatch.setattr(key_bar, "fit_hints", fit)
        session.announce("Ten minutes to the ministers' call.")
        app.sync()
        await pilot.pause()
        assert drawn == [], "the same keys: the footer is left as it is"
        assert fitted == [], "… and not even laid out in words again"
        footer = str(keys.render())
        assert "feedback" not in footer
        session.end()
        app.sync()
        await pilot.pause()
        assert len(drawn) == 1, "after ENDEX the keys are others"
        assert "feedback" in str(keys.render())
        assert screen_text(app).splitlines()[-1].strip() != footer.strip()


async def test_an_entry_leaves_the_playing_time_to_the_clocks_tick(session: Session) -> None:
    session.deliver(J_ALERT)
    started = session.state.started_at_wall
    assert started is not None
    now = [started + timedelta(minutes=5)]
    opened = Session.open(session.journal.location, seat=Seat.player("JPN"))
    app = ConsoleApp(opened, seat=Seat.player("JPN"), clock=lambda: now[0], poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        clocks = screen.query_one("#clocks", Static)
        assert "0:05:00" in str(clocks.render())
        now[0] += timedelta(seconds=1)
        session.announce("Ten minutes to the ministers' call.")
        app.sync()
        await pilot.pause()
        assert "0:05:00" in str(clocks.render()), "the tick, not the entry, moves it on"
        screen.refresh_header()  # the tick
        assert "0:05:01" in str(clocks.render())
        session.pause()
        app.sync()
        await pilot.pause()
        assert "PAUSED" in str(clocks.render()), "an entry that changes the header shows"
