"""The room sees the situation (issue 21, point 1): the road to crisis at STARTEX, each
module's situation when it starts, the facilitator's "show on room screen" (summary,
situation, a hold slide, live), and an inject's questions pinned in view."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Select, Static

from tests.tui.conftest import (
    DECISION,
    J_ALERT,
    JCS,
    SIZES,
    WHITE_TRUTH,
    console,
    display,
    screen_text,
    steady,
)
from ttx.session.session import Session
from ttx.tui.display_content import display_content
from ttx.tui.screens.display import BodyView


def test_startex_shows_the_title_and_road_to_crisis(session: Session) -> None:
    content = display_content(session.state)
    assert content.slide is not None and content.slide.kind == "summary"
    scenario = session.state.snapshot.scenario
    assert content.slide.title == scenario.title
    assert scenario.summary in content.slide.body
    assert "A launch is detected." in content.slide.body  # module 1's situation too


def test_a_delivery_replaces_the_briefing_and_a_module_start_brings_its_own(
        session: Session) -> None:
    session.deliver(JCS)
    assert display_content(session.state).slide is None
    session.start_module("m2-press")
    slide = display_content(session.state).slide
    assert slide is not None and (slide.kind, slide.title) == ("situation", "Module 2: Press")


def test_a_control_only_delivery_leaves_the_briefing(session: Session) -> None:
    session.deliver(WHITE_TRUTH)
    slide = display_content(session.state).slide
    assert slide is not None and slide.kind == "summary"


def test_the_facilitators_choice_stands_until_play_moves(session: Session) -> None:
    session.deliver(JCS)
    session.show_on_screen("hold", "Break — back at 10:40")
    slide = display_content(session.state).slide
    assert slide is not None and (slide.kind, slide.title) == ("hold", "Break — back at 10:40")
    session.show_on_screen("live")
    assert display_content(session.state).slide is None
    session.show_on_screen("situation")
    slide = display_content(session.state).slide
    assert slide is not None and slide.kind == "situation"
    session.deliver(J_ALERT)  # the next delivery takes the room back to play
    content = display_content(session.state)
    assert content.slide is None and content.newest is not None
    assert content.newest.inject_id == J_ALERT


async def test_the_display_follows_the_facilitators_key(session: Session) -> None:
    session.deliver(JCS)
    room = display(session, poll=True)
    facilitator = console(session)
    async with room.run_test(size=(80, 24)) as room_pilot, \
            facilitator.run_test(size=(120, 40)) as pilot:
        title = room.display_screen.query_one("#display-title", Static)
        assert "JCS launch report" in str(title.render())
        await pilot.press("r")
        form = facilitator.screen
        form.query_one("#screen-show", Select).value = "hold"
        form.query_one("#screen-text").focus()
        await pilot.press(*"Break", "enter")
        await pilot.pause()
        assert session.state.screen is not None and session.state.screen.text == "Break"
        for _ in range(100):
            await room_pilot.pause(0.05)
            if "Break" in str(title.render()):
                break
        assert str(title.render()) == "Break"
        assert not room.display_screen.query_one("#display-questions-box").display


async def test_questions_stay_in_view_at_80x24_however_long_the_body(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    session.deliver(JCS)
    inject = session.state.snapshot.injects[JCS]
    long_body = "\n\n".join(f"Paragraph {n} of a long situation report." for n in range(60))
    monkeypatch.setitem(inject.__dict__, "body", long_body)  # a frozen model: its field
    app = display(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.display_screen
        assert "Paragraph 59" in screen.query_one("#display-body", BodyView).source
        box = screen.query_one("#display-questions-box")
        assert box.display and box.region.bottom <= 24 and box.region.height > 2
        svg = app.export_screenshot()
    assert "Whom" in svg and "you" in svg  # "Whom do you tell first?" is on screen


@pytest.mark.parametrize("size", SIZES)
def test_display_situation_snapshot(snap_compare: Any, session: Session,
                                    size: tuple[int, int]) -> None:
    session.deliver(JCS)
    session.show_on_screen("situation")
    assert snap_compare(display(session), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_display_hold_snapshot(snap_compare: Any, session: Session,
                               size: tuple[int, int]) -> None:
    session.deliver(DECISION)
    session.show_on_screen("hold", "Break — back at 10:40 / 休憩 / 휴식")
    assert snap_compare(display(session), terminal_size=size, run_before=steady)


def test_a_role_display_shows_messages_sent_to_it(session: Session) -> None:
    session.deliver(JCS)
    to_jpn = session.record_move("ROK", "communication", "track passed", to=["JPN"])
    session.record_move("ROK", "communication", "for the US only", to=["US"])
    session.record_move("JPN", "communication", "thanks", to=["ROK"])
    messages = display_content(session.state, "JPN").messages
    assert [(m.seq, m.sender, m.to, m.text) for m in messages] == [
        (to_jpn.seq, "ROK", ["JPN"], "track passed")]
    assert display_content(session.state).messages == []  # the room: injects only


async def test_a_role_display_follows_new_messages(session: Session) -> None:
    app = display(session, "JPN", poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.display_screen.query_one("#display-messages-box")
        assert not box.display
        with Session.open(session.journal.location) as other:
            other.record_move("US", "communication", "we see it too", to=["JPN", "ROK"])
        messages = app.display_screen.query_one("#display-messages", Static)
        for _ in range(100):
            await pilot.pause(0.05)
            if "we see it too" in str(messages.render()):
                break
        assert "US → JPN, ROK: we see it too" in str(messages.render())
        assert box.display


@pytest.mark.parametrize(("body", "drawn", "source_marks"), [
    ("At **05:51** the track was *lost*.\n\nA second paragraph.",
     ["At 05:51 the track was lost.", "A second paragraph."], ["**", "*lost*"]),
    ("Reports:\n\n- radar track\n- visual sighting\n\n| item | value |\n|---|---|\n"
     "| apogee | 870 km |",
     ["• radar track", "• visual sighting", "apogee", "870 km"], ["- radar", "|---|"]),
], ids=["plain", "list-and-table"])
async def test_the_display_draws_an_inject_body_as_markdown(
        session: Session, monkeypatch: pytest.MonkeyPatch, body: str, drawn: list[str],
        source_marks: list[str]) -> None:
    """Plain paragraphs and Markdown's other blocks alike: drawn, never shown as source."""
    session.deliver(JCS)
    monkeypatch.setitem(session.state.snapshot.injects[JCS].__dict__, "body", body)
    app = display(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.display_screen.query_one("#display-body", BodyView).source == body
        text = screen_text(app)
    for line in drawn:
        assert line in text, line
    for mark in source_marks:
        assert mark not in text, mark
