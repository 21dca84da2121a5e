"""The facilitator's (or an evaluator's) console: header, MSEL, selected inject, live log.

Every change goes through the session layer; the screen shows an entry only after
the session returned it committed, and applies new events to its widgets one by
one (`apply_events`) instead of reloading.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen

from ttx.errors import TtxError
from ttx.session.events import AMENDABLE, Event, EventType
from ttx.session.fold import InjectStatus, SessionState
from ttx.session.records import entry_text
from ttx.tui.formatting import clock_text
from ttx.tui.forms.amend import AmendForm, CorrectionDraft
from ttx.tui.forms.confirm import ConfirmScreen
from ttx.tui.forms.contingency import ContingencyPicker
from ttx.tui.forms.improvement import ImprovementDraft, ImprovementForm
from ttx.tui.forms.move import MoveDraft, MoveForm
from ttx.tui.forms.note import NoteForm
from ttx.tui.forms.observation import ObservationDraft, ObservationForm
from ttx.tui.forms.skip import SkipForm
from ttx.tui.keymap import CONSOLE_KEYS, KeyHint, PlayMoment, keys_that_matter
from ttx.tui.log_rows import entry_label, entry_seqs, log_row_for
from ttx.tui.seats import ConsoleSeat, may_correct, seat_allows
from ttx.tui.widgets.header import ConsoleHeader, HeaderFacts
from ttx.tui.widgets.inject_view import InjectView
from ttx.tui.widgets.key_bar import KeyBar
from ttx.tui.widgets.log_table import LogTable
from ttx.tui.widgets.msel_table import MselTable, module_rows
from ttx.tui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from ttx.session.actions import Session

CORRECTIONS = frozenset({EventType.entry_amended, EventType.entry_retracted})


class ConsoleScreen(Screen[None]):
    """The console; `seat` decides which keys work (see `ttx.tui.seats`)."""

    BINDINGS: ClassVar[list[BindingType]] = [key.binding() for key in CONSOLE_KEYS]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    def __init__(self, session: Session, seat: ConsoleSeat,
                 clock: Callable[[], datetime]) -> None:
        super().__init__(id="console")
        self.session = session
        self.seat = seat
        self.clock = clock
        self._module: str | None = None

    @property
    def state(self) -> SessionState:
        return self.session.state

    # -- layout and first fill ---------------------------------------------------

    def compose(self) -> ComposeResult:
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
        self.add_class(f"-seat-{self.seat.value}")
        self._show_module()
        self._load_log()
        self.refresh_header()
        self.query_one(MselTable).focus()
        self.set_interval(1.0, self.refresh_header, name="tick-playing-time")

    def _load_log(self) -> None:
        state = self.state
        seqs = entry_seqs(state)
        labels = {entry_label(entry) for entry in map(state.entry, seqs) if entry is not None}
        scenario = state.snapshot.scenario
        whos = [role.id for role in scenario.roles] + [obj.id for obj in scenario.objectives]
        self.query_one(LogTable).load(seqs, labels, whos)

    def _show_module(self) -> None:
        state = self.state
        self._module = state.current_module
        msel = self.query_one(MselTable)
        rows = module_rows(state.snapshot, state.current_module or "")
        msel.show_module(rows, state.inject_status, state.next_planned())
        module = state.snapshot.scenario.module(state.current_module or "")
        msel.border_title = f"MSEL — {module.title}" if module else "MSEL"
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
            if event.type in AMENDABLE:
                row = log_row_for(state, event.seq)
                if row is not None:
                    new_rows.append(row)
            elif event.type in CORRECTIONS:
                row = log_row_for(state, state.root_of(event.seq))
                if row is not None:
                    log.update_entry(row)
        if new_rows:
            log.add_entries(new_rows)
        if state.current_module != self._module:
            self._show_module()
        else:
            msel = self.query_one(MselTable)
            msel.set_statuses(state.inject_status)
            msel.set_next(state.next_planned())
            view = self.query_one(InjectView)
            if view.inject_id:
                view.update_status(state.snapshot, str(state.inject_status.get(view.inject_id)))
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
            seat=self.seat.value,
            session_name=self.session.journal.path.name,
            file_problem=getattr(self.app, "problem", None) is not None,
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
            entries=self.query_one(LogTable).row_count > 0,
            ended=state.ended,
        ))

    def on_virtual_table_row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        if event.table.id == "msel":
            self._show_inject(event.key)

    def _show_inject(self, inject_id: str | None) -> None:
        status = self.state.inject_status.get(inject_id) if inject_id else None
        self.query_one(InjectView).show(self.state.snapshot, inject_id,
                                        str(status) if status else None)

    # -- doing things through the session -----------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide (and refuse) the keys this seat may not use."""
        return seat_allows(self.seat, action)

    def perform(self, what: str, call: Callable[[], Event]) -> Event | None:
        """Run one session action; a refusal, or a file that cannot be written, becomes
        an error notification (the journal is unchanged either way)."""
        check_file = getattr(self.app, "check_file", None)
        if check_file is not None and check_file() is not None:
            self.refresh_header()
            return None
        try:
            event = call()
        except TtxError as error:
            self.notify(error.message, title=f"Not {what}", severity="error", timeout=8)
            return None
        except (sqlite3.Error, OSError) as error:
            self.notify(f"Cannot write {self.session.journal.path}: {error}",
                        title=f"Not {what}", severity="error", timeout=15)
            return None
        self._after_write()
        return event

    def _after_write(self) -> None:
        sync = getattr(self.app, "sync", None)
        if sync is not None:
            sync()

    def _selected_inject(self, verb: str) -> str | None:
        inject_id = self.query_one(MselTable).selected_inject
        if inject_id is None:
            self.notify(f"Select an inject in the MSEL to {verb}.", severity="warning")
        return inject_id

    def _deliver(self, inject_id: str) -> None:
        if self.perform("delivered", lambda: self.session.deliver(inject_id)):
            self.query_one(MselTable).select(inject_id)
            self.notify(f"Delivered {self._title(inject_id)}", timeout=3)

    def _title(self, inject_id: str) -> str:
        inject = self.state.snapshot.inject(inject_id)
        return inject.title if inject else inject_id

    def action_deliver_next(self) -> None:
        next_inject = self.state.next_planned()
        if next_inject is None:
            self.notify("No planned inject is left in this module; press a to start the "
                        "next module.", severity="warning")
            return
        self._deliver(next_inject)

    def action_deliver_selected(self) -> None:
        inject_id = self._selected_inject("deliver")
        if inject_id is not None:
            self._deliver(inject_id)

    def action_skip(self) -> None:
        inject_id = self._selected_inject("skip")
        if inject_id is None:
            return

        def skip(reason: str | None) -> None:
            if reason is not None and self.perform(
                    "skipped", lambda: self.session.skip(inject_id, reason)):
                self.notify(f"Skipped {self._title(inject_id)}", timeout=3)

        self.app.push_screen(SkipForm(inject_id, self._title(inject_id)), skip)

    def action_contingency(self) -> None:
        available = [(inject_id, self._title(inject_id))
                     for inject_id in self.state.injects_with(InjectStatus.available)]

        def deliver(inject_id: str | None) -> None:
            if inject_id is not None:
                self._deliver(inject_id)

        self.app.push_screen(ContingencyPicker(available), deliver)

    def action_next_module(self) -> None:
        next_module = self.state.next_module()
        module = self.state.snapshot.scenario.module(next_module or "")
        if module is None:
            self.notify("This is the last module; end the session with 'ttx session end'.",
                        severity="warning")
            return
        pending = len([1 for inject_id in self.query_one(MselTable).inject_ids
                       if self.state.inject_status.get(inject_id) is InjectStatus.pending])
        detail = (f"{pending} planned inject(s) of this module are still pending."
                  if pending else "Every planned inject of this module was played.")

        def start(confirmed: bool | None) -> None:
            if confirmed and self.perform(
                    "started", lambda: self.session.start_module(module.id)):
                self.notify(f"Started {module.title}", timeout=3)

        self.app.push_screen(ConfirmScreen(f"Start {module.title}?", detail), start)

    def action_toggle_pause(self) -> None:
        if self.state.paused:
            self.perform("resumed", self.session.resume)
        else:
            self.perform("paused", self.session.pause)

    def action_record_move(self) -> None:
        state = self.state
        delivered = [delivery.inject_id for delivery in state.deliveries]
        selected = self.query_one(MselTable).selected_inject
        selected_inject = state.snapshot.inject(selected) if selected else None
        answering = (selected if selected in delivered and selected_inject is not None
                     and selected_inject.is_decision_point
                     else (delivered[-1] if delivered else None))

        def record(draft: MoveDraft | None) -> None:
            if draft is not None:
                self.perform("recorded", lambda: self.session.record_move(
                    draft.role, draft.kind, draft.text, rationale=draft.rationale,
                    to=draft.to, inject=draft.inject, option=draft.option))

        self.app.push_screen(MoveForm(state.snapshot, delivered, answering), record)

    def action_record_observation(self) -> None:
        if not self.state.snapshot.scenario.objectives:
            self.notify("This scenario has no objectives to observe; add a note (t) instead.",
                        severity="warning")
            return

        def record(draft: ObservationDraft | None) -> None:
            if draft is not None:
                self.perform("recorded", lambda: self.session.record_observation(
                    draft.objective, draft.kind, draft.text, rating=draft.rating,
                    author=draft.author))

        self.app.push_screen(ObservationForm(self.state.snapshot), record)

    def action_add_improvement(self) -> None:
        def add(draft: ImprovementDraft | None) -> None:
            if draft is not None:
                self.perform("added", lambda: self.session.add_improvement(
                    draft.issue, draft.action, capability_element=draft.capability_element,
                    owner=draft.owner, due=draft.due))

        self.app.push_screen(ImprovementForm(self.state.snapshot), add)

    def action_add_note(self) -> None:
        def add(text: str | None) -> None:
            if text is not None:
                self.perform("added", lambda: self.session.add_note(text))

        self.app.push_screen(NoteForm(), add)

    def action_amend_entry(self) -> None:
        log = self.query_one(LogTable)
        seq = log.selected_seq
        entry = self.state.entry(seq) if seq is not None else None
        if seq is None or entry is None:
            self.notify("Select an entry in the log (tab to it) to amend or retract.",
                        severity="warning")
            return
        if self.state.retraction_of(seq) is not None:
            self.notify(f"#{seq} was retracted; it can no longer be changed.",
                        severity="warning")
            return
        if not may_correct(self.seat, entry.seat):
            self.notify(f"#{seq} was written from the {entry.seat} seat; an evaluator may "
                        "correct only evaluators' entries.", severity="error")
            return
        row = log_row_for(self.state, seq)
        summary = (f"{row.entry} {row.who}".strip()
                   + f" · {clock_text(row.game_time)} · {row.seat} seat") if row else ""

        def correct(draft: CorrectionDraft | None) -> None:
            if draft is None:
                return
            if draft.action == "amend":
                self.perform("amended", lambda: self.session.amend(draft.seq, draft.text))
            else:
                self.perform("retracted", lambda: self.session.retract(draft.seq, draft.text))

        self.app.push_screen(AmendForm(seq, summary, entry_text(entry)), correct)
