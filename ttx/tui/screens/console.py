"""The facilitator's (or an evaluator's) console: header, MSEL, selected inject, live log.

Every change goes through the session layer (`console_actions`); the screen shows an
entry only after the session returned it committed, and applies new events to its
widgets one by one (`apply_events`) instead of reloading.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from ttx.session.events import Event, EventType, InjectDelivered
from ttx.session.fold import InjectStatus
from ttx.session.responses import RoleResponse, responses, summary
from ttx.session.seats import Seat
from ttx.tui.formatting import branch_note, msel_status, msel_statuses
from ttx.tui.keymap import CONSOLE_KEYS, STARTEX_KEY, KeyHint, PlayMoment, keys_that_matter
from ttx.tui.literal import literal_content
from ttx.tui.log_rows import (
    LOGGED,
    PLAY_LABELS,
    entry_label,
    entry_seqs,
    game_column_widths,
    log_row_for,
)
from ttx.tui.screens.console_actions import ConsoleActions
from ttx.tui.screens.width_classes import WIDTH_BREAKPOINTS, take_width_class
from ttx.tui.seats import seat_allows
from ttx.tui.widgets.header import ConsoleHeader, HeaderFacts
from ttx.tui.widgets.inject_view import InjectView
from ttx.tui.widgets.key_bar import KeyBar
from ttx.tui.widgets.log_table import LogTable
from ttx.tui.widgets.msel_table import MselTable, module_rows
from ttx.tui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from ttx.session.session import Session

CORRECTIONS = frozenset({EventType.entry_amended, EventType.entry_retracted})


class ConsoleScreen(ConsoleActions):
    """The console; `seat` decides which keys work (see `ttx.tui.seats`)."""

    BINDINGS: ClassVar[list[BindingType]] = [key.binding() for key in CONSOLE_KEYS]
    HORIZONTAL_BREAKPOINTS = WIDTH_BREAKPOINTS

    def __init__(self, session: Session, seat: Seat,
                 clock: Callable[[], datetime]) -> None:
        # the seat's class is there before the first styling: added in on_mount, it would
        # have every widget's style worked out again (a tenth of the first frame's work)
        super().__init__(id="console", classes=f"-seat-{seat.kind}")
        self.session = session
        self.seat = seat
        self.clock = clock
        self._module: str | None = None

    # -- layout and first fill ---------------------------------------------------

    def compose(self) -> ComposeResult:
        take_width_class(self)
        yield ConsoleHeader(id="header")
        msel = MselTable(id="msel")
        msel.border_title = "MSEL"
        yield msel
        inject_view = InjectView(show_control=True, id="inject")
        inject_view.border_title = "Inject"
        yield inject_view
        log = LogTable(lambda seq: log_row_for(self.state, seq), id="log")
        log.border_title = "Log — newest first"
        log.border_subtitle = "⏎ amend or retract"
        yield log
        yield KeyBar(self.keys_that_matter, id="keys")

    def on_mount(self) -> None:
        self._show_module()
        self._load_log()
        self.refresh_header()
        self.query_one(MselTable).focus()
        self.set_interval(1.0, self.refresh_header, name="tick-playing-time")

    def _load_log(self) -> None:
        state = self.state
        seqs = entry_seqs(state)
        labels = {entry_label(entry) for entry in map(state.entry, seqs) if entry is not None}
        labels.update(PLAY_LABELS)
        scenario = state.snapshot.scenario
        whos = [role.id for role in scenario.roles] + [obj.id for obj in scenario.objectives]
        self.query_one(LogTable).load(seqs, labels, whos,
                                      {state.seat_of(seq) for seq in seqs},
                                      game_column_widths(state))

    def _show_module(self) -> None:
        state = self.state
        self._module = state.current_module
        msel = self.query_one(MselTable)
        rows = module_rows(state.snapshot, state.current_module or "")
        msel.show_module(rows, msel_statuses(state), state.next_planned())
        msel.set_replies({row.inject_id: summary(responses(state, row.inject_id))
                          for row in rows if state.delivery_of(row.inject_id)})
        module = state.snapshot.scenario.module(state.current_module or "")
        msel.border_title = literal_content(f"MSEL — {module.title}") if module else "MSEL"
        msel.border_subtitle = "⏎ deliver selected" if seat_allows(self.seat, "deliver_selected") \
            else ""
        self._show_inject(msel.selected_inject)

    # -- following the session ----------------------------------------------------

    def apply_events(self, events: list[Event]) -> None:
        """Show what `events` (already folded into the state) changed: new log rows,
        corrected rows, statuses, the next-inject mark, the header."""
        state = self.state
        log = self.query_one(LogTable)
        new_rows = []
        for event in events:
            if event.type in LOGGED:
                row = log_row_for(state, event.seq)
                if row is not None:
                    new_rows.append(row)
                if isinstance(event.payload, InjectDelivered):  # its skips now say so
                    for skip in state.skips_of(event.payload.inject):
                        skipped = log_row_for(state, skip.seq)
                        if skipped is not None:
                            log.update_entry(skipped)
            elif event.type in CORRECTIONS:
                row = log_row_for(state, state.root_of(event.seq))
                if row is not None:
                    log.update_entry(row)
        if new_rows:
            log.add_entries(new_rows, own_seat=str(self.seat))
        if state.current_module != self._module:
            self._show_module()
        else:
            msel = self.query_one(MselTable)
            msel.set_statuses(msel_statuses(state))
            msel.set_next(state.next_planned())
            answered = {inject_id for inject_id in map(_answered_inject, events) if inject_id}
            if answered:
                msel.set_replies({inject_id: summary(responses(state, inject_id))
                                  for inject_id in answered})
            view = self.query_one(InjectView)
            if view.inject_id:  # its status or its delegations' answers may have changed
                self._show_inject(view.inject_id)
        self.refresh_header()
        self.query_one(KeyBar).refresh_hints()

    def refresh_header(self) -> None:
        state = self.state
        scenario = state.snapshot.scenario
        module = scenario.module(state.current_module or "")
        self.query_one(ConsoleHeader).show(HeaderFacts(
            classification=scenario.classification,
            scenario_title=scenario.title,
            module_title=module.title if module else "no module started",
            game_time=state.game_time,
            playing_time=state.playing_time(self.clock()),
            paused=state.paused,
            ended=state.ended,
            seat=str(self.seat),
            session_name=self.session.short_name,
            file_problem=self.host is not None and self.host.problem is not None,
            ready=state.ready,
            ready_hint=f"press {STARTEX_KEY} for STARTEX" if seat_allows(self.seat, "startex")
            else "waiting for STARTEX",
        ))

    def keys_that_matter(self) -> list[KeyHint]:
        """The footer's keys for this seat at this moment of play."""
        state = self.state
        return keys_that_matter(PlayMoment(
            seat=self.seat,
            next_inject=state.next_planned() is not None,
            contingency=any(status is InjectStatus.available
                            for status in state.inject_status.values()),
            next_module=state.next_module() is not None,
            paused=state.paused,
            entries=self.session.may_correct_something(),
            ended=state.ended,
            ready=state.ready,
        ))

    def on_virtual_table_row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        if event.table.id == "msel":
            self._show_inject(event.key)

    def on_inject_view_resized(self) -> None:
        self.call_after_refresh(self._prepare_neighbours)

    def _show_inject(self, inject_id: str | None) -> None:
        status, answers = self._inject_detail(inject_id) if inject_id else (None, [])
        self.query_one(InjectView).show(self.state.snapshot, inject_id, status, answers)
        self.call_after_refresh(self._prepare_neighbours)

    def _inject_detail(self, inject_id: str) -> tuple[str | None, list[RoleResponse]]:
        """The status line and the delegations' answers the inject panel shows."""
        status: str | None = msel_status(self.state, inject_id)
        note = branch_note(self.state, inject_id)
        if note:
            status = f"{status} · {note}"
        answers = responses(self.state, inject_id) if self.state.delivery_of(inject_id) else []
        return status, answers

    def _prepare_neighbours(self) -> None:
        """After a paint: render the injects above and below the MSEL cursor, so the next
        arrow key shows one without rendering it (browsing costs a copy, not a render)."""
        msel = self.query_one(MselTable)
        view = self.query_one(InjectView)
        for row in (msel.cursor_row + 1, msel.cursor_row - 1):
            if 0 <= row < msel.row_count:
                inject_id = msel.key_at(row)
                view.prepare(self.state.snapshot, inject_id, *self._inject_detail(inject_id))


def _answered_inject(event: Event) -> str | None:
    """The inject an acknowledgement, a move or a delivery is about, if any."""
    return getattr(event.payload, "inject", None)
