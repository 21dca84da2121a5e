"""The console's pure parts: wording, log rows, seats and the one key table."""

from __future__ import annotations

from datetime import timedelta

from tests.tui.conftest import DECISION, JCS
from ttx.model.wording import duration_clock, game_clock
from ttx.session.seats import AFTER_ENDEX_VERBS, EVALUATOR, FACILITATOR, STEERING
from ttx.session.session import Session
from ttx.tui.formatting import status_word
from ttx.tui.keymap import (
    AFTER_ENDEX_ACTIONS,
    APP_KEYS,
    CONSOLE_KEYS,
    PlayMoment,
    keys_for,
    keys_that_matter,
)
from ttx.tui.log_rows import log_row_for, log_rows
from ttx.tui.screens.help import help_table
from ttx.tui.seats import ACTION_VERBS, seat_allows
from ttx.tui.widgets.key_bar import fit_hints


def test_status_words_never_rely_on_colour() -> None:
    assert [status_word(s) for s in ("pending", "delivered", "skipped", "available",
                                     "unavailable", None)] == [
        "pending", "delivered", "skipped", "available", "—", "—"]


def test_clock_wording(session: Session) -> None:
    assert game_clock(session.state.game_time) == "2027-03-14 05:30 +09:00"
    assert duration_clock(timedelta(hours=1, minutes=2, seconds=3)) == "1:02:03"
    assert duration_clock(timedelta(seconds=-5)) == "0:00:00"


def test_log_rows_show_corrections_in_words(session: Session) -> None:
    session.deliver(DECISION)
    move = session.record_move("ROK", "decision", "relay", rationale="no link", to=["US"],
                               inject=DECISION, option="relay")
    note = session.add_note("tea")
    session.amend(move.seq, "relay via US")
    session.retract(note.seq, "noise")
    rows = [row for row in log_rows(session.state) if row.seq in (move.seq, note.seq)]
    assert [row.seq for row in rows] == [move.seq, note.seq]
    assert rows[0].shown_text == ("relay via US — because no link → US [option relay] "
                                  "(amended)")
    assert rows[0].entry == "move: decision" and rows[0].who == "ROK"
    assert rows[1].shown_text == "RETRACTED: tea"
    assert log_row_for(session.state, 1) is None  # session_started is no row


def test_the_log_tells_deliveries_skips_and_module_starts(session: Session) -> None:
    """Issue 21: the seq column no longer jumps; each delivery names its recipients."""
    delivered = session.deliver(JCS)
    skipped = session.skip(DECISION, "overtaken")
    module = session.start_module()
    rows = {row.seq: row for row in log_rows(session.state)}
    assert sorted(rows) == [2, delivered.seq, skipped.seq, module.seq]
    assert rows[delivered.seq].entry == "delivered"
    assert rows[delivered.seq].text.endswith("ROK JCS launch report → ROK US")
    assert (rows[skipped.seq].entry, rows[skipped.seq].text) == (
        "skipped", "Decision: how to share the track? — overtaken")
    assert (rows[module.seq].entry, rows[module.seq].text) == ("module start",
                                                               "Module 2: Press")


def test_a_joint_move_says_so_in_the_log(session: Session) -> None:
    move = session.record_move("ROK", "statement", "joint investigation", joint=["JPN", "US"])
    row = log_row_for(session.state, move.seq)
    assert row is not None and row.shown_text == "joint investigation (joint with JPN US)"

CONTROL_ACTIONS = {action for action, verb in ACTION_VERBS.items() if verb in STEERING}


def test_every_action_has_one_key_id_and_palette_name() -> None:
    keys = [*CONSOLE_KEYS, *APP_KEYS]
    assert len({key.key for key in keys}) == len(keys)
    assert len({key.binding_id for key in keys}) == len(keys)
    assert all(": " in key.command and key.help for key in keys)


def test_evaluator_keys_leave_out_steering_play() -> None:
    evaluator = {key.action for key in keys_for(EVALUATOR)}
    facilitator = {key.action for key in keys_for(FACILITATOR)}
    assert facilitator - evaluator == CONTROL_ACTIONS & facilitator
    assert {"record_observation", "record_move", "amend_entry"} <= evaluator
    assert not seat_allows(EVALUATOR, "deliver_next")
    assert EVALUATOR.may_correct("evaluator")
    assert not EVALUATOR.may_correct("facilitator")
    assert FACILITATOR.may_correct("cli")


def test_help_lists_every_key_of_the_seat() -> None:
    table = help_table(FACILITATOR)
    assert table.row_count == len(keys_for(FACILITATOR))


ISSUE_KEYS = {"n", "enter", "s", "m", "o", "i", "c", "a", "space", "e", "ctrl+p", "f1", "q"}
"""The keys issue 5 asks for."""


def test_every_key_the_issue_asks_for_has_an_id_and_a_description() -> None:
    keys = {key.key: key for key in [*CONSOLE_KEYS, *APP_KEYS]}
    assert set(keys) >= ISSUE_KEYS
    for name in ISSUE_KEYS:
        binding = keys[name].binding()
        assert binding.id and binding.description and binding.tooltip, name


def _footer(moment: PlayMoment, width: int = 200) -> list[str]:
    hints, _ = fit_hints(keys_that_matter(moment), width)
    return [f"{' '.join(key.key for key in hint.keys)} {hint.label}" for hint in hints]


def test_the_footer_offers_the_keys_that_matter_now() -> None:
    facilitator = FACILITATOR
    assert _footer(PlayMoment(facilitator, contingency=True, entries=True)) == [
        "n next", "s skip", "c contingency", "a module", "space pause", "m o record",
        "e amend", "f1 help", "q quit"]
    # the module's planned injects are out, no contingency, last module, paused, no log
    assert _footer(PlayMoment(facilitator, next_inject=False, next_module=False,
                              paused=True)) == [
        "s skip", "space resume", "m o record", "f1 help", "q quit"]
    assert _footer(PlayMoment(EVALUATOR, contingency=True, entries=True)) == [
        "m o record", "e amend", "f1 help", "q quit"]
    # after ENDEX play is closed; observations and corrections of the record stay open
    assert _footer(PlayMoment(facilitator, ended=True, entries=True)) == [
        "o observe", "e amend", "f1 help", "q quit"]


def test_a_narrow_footer_drops_the_least_needed_keys_first() -> None:
    everything = PlayMoment(FACILITATOR, contingency=True, entries=True)
    assert _footer(everything, 78)[-2:] == ["f1 help", "q quit"]
    narrow = _footer(everything, 50)
    assert "c contingency" not in narrow and narrow[-2:] == ["f1 help", "q quit"]
    assert "n next" in narrow


def test_the_keys_after_endex_are_the_session_s_rule() -> None:
    assert {"record_observation", "add_improvement", "amend_entry", "write_analysis",
            "feedback"} == AFTER_ENDEX_ACTIONS
    assert all(ACTION_VERBS[action] in AFTER_ENDEX_VERBS for action in AFTER_ENDEX_ACTIONS)
