"""What reaches a display: only player-visible injects, only what players read.

Three secrets are planted in the fixture scenario: CONTROL-SECRET (a control-only
inject), EXPECTED-SECRET (expected actions) and NOTE-SECRET (facilitator notes).
"""

from __future__ import annotations

from dataclasses import asdict

import pytest
from textual.widgets import Static

from tests.tui.conftest import (
    DECISION,
    J_ALERT,
    JCS,
    RELAY_LAG,
    WHITE_TRUTH,
    display,
    wait_until,
)
from tests.tui.conftest import screen_text as terminal_text
from ttx.errors import TtxError
from ttx.session.session import Session
from ttx.tui.display_content import check_display_role, display_content
from ttx.tui.screens.display import BodyView, DisplayScreen

SECRETS = ("CONTROL-SECRET", "EXPECTED-SECRET", "NOTE-SECRET")


def deliver_everything(session: Session) -> None:
    for inject_id in (JCS, J_ALERT, WHITE_TRUTH, DECISION, RELAY_LAG):
        session.deliver(inject_id)


def test_content_holds_no_control_text(session: Session) -> None:
    deliver_everything(session)
    for role in (None, "US", "JPN", "ROK", "WHITE"):
        content = display_content(session.state, role)
        flat = repr(asdict(content))
        for secret in SECRETS:
            assert secret not in flat, (role, secret)
        shown = [content.newest, *content.earlier]
        assert WHITE_TRUTH not in {item.inject_id for item in shown if item}


def test_without_a_role_every_player_visible_inject_newest_first(session: Session) -> None:
    deliver_everything(session)
    content = display_content(session.state)
    assert content.newest is not None and content.newest.inject_id == RELAY_LAG
    assert [item.inject_id for item in content.earlier] == [DECISION, J_ALERT, JCS]
    assert content.role_name == "All delegations"


def test_a_role_sees_only_what_is_addressed_to_it(session: Session) -> None:
    deliver_everything(session)
    japan = display_content(session.state, "JPN")
    assert [i.inject_id for i in [japan.newest, *japan.earlier] if i] == [
        RELAY_LAG, DECISION, J_ALERT]
    korea = display_content(session.state, "ROK")
    assert [i.inject_id for i in [korea.newest, *korea.earlier] if i] == [DECISION, J_ALERT, JCS]


def test_questions_only_for_the_roles_shown(session: Session) -> None:
    session.deliver(JCS)
    for_us = display_content(session.state, "US").newest
    assert for_us is not None
    assert for_us.questions == [("Everyone", ["What do you know for sure?"])]
    for_room = display_content(session.state).newest
    assert for_room is not None
    assert [who for who, _ in for_room.questions] == ["Everyone",
                                                      "Republic of Korea delegation"]
    assert for_room.recipients == ["Republic of Korea delegation (ROK)",
                                   "United States delegation (US)"]


def test_options_show_labels_not_what_they_release(session: Session) -> None:
    session.deliver(DECISION)
    newest = display_content(session.state).newest
    assert newest is not None
    assert newest.options == ["ROK shares directly with Japan",
                              "ROK relays through the United States"]
    assert RELAY_LAG not in repr(newest)


def test_unknown_role_is_refused(session: Session) -> None:
    with pytest.raises(TtxError, match=r"no role 'JAPAN'.*known: US, JPN, ROK, WHITE"):
        check_display_role(session.state.snapshot, "JAPAN")


def screen_text(screen: DisplayScreen) -> str:
    """Everything the display's widgets hold, visible or scrolled out of view."""
    parts = [str(widget.render()) for widget in screen.query(Static)]
    parts += [widget.source for widget in screen.query(BodyView)]
    return "\n".join(parts)


@pytest.mark.parametrize("role", [None, "JPN", "WHITE"])
async def test_rendered_display_holds_no_control_text(session: Session,
                                                      role: str | None) -> None:
    deliver_everything(session)
    app = display(session, role)
    async with app.run_test(size=(120, 40)):
        text = screen_text(app.display_screen)
        svg = app.export_screenshot()
    for secret in SECRETS:
        assert secret not in text
        assert secret not in svg
    assert "White cell ground truth" not in text


async def test_display_follows_deliveries_by_others(session: Session) -> None:
    app = display(session, poll=True)
    async with app.run_test(size=(120, 40)) as pilot:
        title = app.display_screen.query_one("#display-title", Static)
        # STARTEX: the room reads the scenario's road to crisis (issue 21), not "waiting"
        assert session.state.snapshot.scenario.title in str(title.render())
        with Session.open(session.journal.location, seat="cli") as other:
            other.deliver(J_ALERT)
        await wait_until(lambda: "J-Alert issued" in str(title.render()), pilot)
        with Session.open(session.journal.location, seat="cli") as other:
            other.deliver(WHITE_TRUTH)  # control only: the display does not change
            other.pause()
        status = app.display_screen.query_one("#display-status", Static)
        await wait_until(lambda: "PAUSED" in str(status.render()), pilot)
        assert "J-Alert issued" in str(title.render())


def test_a_long_list_of_earlier_injects_is_cut_and_counted(session: Session) -> None:
    deliver_everything(session)  # four that players see
    content = display_content(session.state, earlier=2)
    assert content.newest is not None and content.newest.inject_id == RELAY_LAG
    assert [item.inject_id for item in content.earlier] == [DECISION, J_ALERT]
    assert content.earlier_not_listed == 1


async def test_a_new_announcement_replaces_the_last_without_a_layout_of_the_screen(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    deliver_everything(session)
    app = display(session)
    async with app.run_test(size=(120, 40)) as pilot:
        status = app.display_screen.query_one("#display-status", Static)
        one_line = status.size.height
        session.announce("FIRST WORD")
        app.sync()
        await wait_until(lambda: "FIRST WORD" in str(status.render()), pilot)
        await pilot.pause()
        assert status.size.height == one_line + 1, "the status grew a line: laid out"
        layouts: list[bool] = []
        original = DisplayScreen._refresh_layout

        def counted(screen: DisplayScreen, *args: object, **kwargs: object) -> None:
            layouts.append(True)
            original(screen, *args, **kwargs)  # type: ignore[arg-type]
        monkeypatch.setattr(DisplayScreen, "_refresh_layout", counted)
        session.announce("SECOND WORD")
        app.sync()
        await wait_until(lambda: "SECOND WORD" in str(status.render()), pilot)
        await pilot.pause()
        assert "SECOND WORD" in terminal_text(app), "as a terminal shows it"
        assert layouts == [], "the same two lines: nothing else moved"
