"""A decision shows its branch (issue 21, point 3): the inject an option released is
marked with the decision that released it; the branches not taken are set apart and
delivered only after a confirmation."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.tui.conftest import DECISION, RELAY_LAG, console
from ttx.session.fold import InjectStatus
from ttx.session.session import Session
from ttx.tui.formatting import branch_note, msel_statuses
from ttx.tui.forms.confirm import ConfirmScreen
from ttx.tui.widgets.inject_view import InjectView
from ttx.tui.widgets.msel_table import MselTable


def decided(session: Session, option: str) -> int:
    session.deliver(DECISION)
    return session.record_move("ROK", "decision", "we choose", inject=DECISION,
                               option=option).seq


def test_a_released_branch_names_the_decision(session: Session) -> None:
    seq = decided(session, "relay")
    assert msel_statuses(session.state)[RELAY_LAG] == "released"
    assert branch_note(session.state, RELAY_LAG) == f"released by ROK's decision #{seq} (relay)"
    assert session.state.branches_not_taken() == {}


def test_a_branch_not_taken_is_marked_and_stays_releasable(session: Session) -> None:
    seq = decided(session, "direct")
    state = session.state
    assert state.inject_status[RELAY_LAG] is InjectStatus.available  # a contingency still
    assert msel_statuses(state)[RELAY_LAG] == "not taken"
    assert branch_note(state, RELAY_LAG) == \
        f"branch not taken: ROK's decision #{seq} picked direct"
    session.retract(seq)  # no decision any more: an ordinary contingency again
    assert msel_statuses(session.state)[RELAY_LAG] == "available"
    assert branch_note(session.state, RELAY_LAG) == ""


async def test_the_inject_pane_says_which_decision_released_it(session: Session) -> None:
    seq = decided(session, "relay")
    app = console(session)
    async with app.run_test(size=(120, 40)) as pilot:
        app.console_screen.query_one("#msel", MselTable).select(RELAY_LAG)
        await pilot.pause()
        pane = app.console_screen.query_one(InjectView)
        shown = " ".join(" ".join(line.text for line in pane.lines).split())
        assert f"released by ROK's decision #{seq} (relay)" in shown


async def test_a_branch_not_taken_asks_before_it_is_delivered(session: Session) -> None:
    decided(session, "direct")
    app = console(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        options = app.screen.query_one("#contingency-list", OptionList)
        assert options.get_option_at_index(0).id == RELAY_LAG
        assert "branch not taken" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert session.state.delivery_of(RELAY_LAG) is None
        await pilot.press("c", "enter", "y", "d")  # yes; at the clock's time
        await pilot.pause()
        assert session.state.delivery_of(RELAY_LAG) is not None
