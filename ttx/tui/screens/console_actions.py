"""What the console's keys do: every change is one checked action of the session layer.

A refusal (or a session file that cannot be written) is a notification and leaves the
journal unchanged. A form stays open when what it recorded was refused, showing why,
so a bad date does not cost the facilitator the rest of what they typed.

Each form is imported when it is first opened, not with the console: the console
starts without the dozen forms and the widgets only they use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ttx.model.wording import game_time_of_day
from ttx.session.fold import InjectStatus
from ttx.session.records import entry_text
from ttx.tui.formatting import asking, branch_note
from ttx.tui.log_rows import log_row_for
from ttx.tui.screens.recording import RecordingScreen, SessionCall
from ttx.tui.seats import seat_allows
from ttx.tui.widgets.log_table import LogTable
from ttx.tui.widgets.msel_table import MselTable

if TYPE_CHECKING:
    from ttx.tui.forms.amend import CorrectionDraft
    from ttx.tui.forms.analysis import AnalysisDraft
    from ttx.tui.forms.announce import AnnouncementDraft
    from ttx.tui.forms.improvement import ImprovementDraft
    from ttx.tui.forms.move import MoveDraft
    from ttx.tui.forms.observation import ObservationDraft
    from ttx.tui.forms.room_screen import ScreenDraft


class ConsoleActions(RecordingScreen):
    """The console screen's actions; `ConsoleScreen` adds the layout and the following."""

    last_move_role: str | None = None
    """The role of the last move recorded here: the move form opens on it."""
    last_author: str | None = None
    """The author last typed in the observation form: it opens with it."""

    # -- injects and modules ----------------------------------------------------------

    def _selected_inject(self, verb: str) -> str | None:
        inject_id = self.query_one(MselTable).selected_inject
        if inject_id is None:
            self.notify(f"Select an inject in the MSEL to {verb}.", severity="warning")
        return inject_id

    def _title(self, inject_id: str) -> str:
        inject = self.state.snapshot.inject(inject_id)
        return inject.title if inject else inject_id

    def _deliver(self, inject_id: str) -> None:
        """Deliver; an inject out of the planned order timed later than the game clock
        asks first whether to move the clock (it never jumps silently)."""
        from ttx.tui.forms.clock_choice import KEEP, ClockChoice

        state = self.state
        if inject_id != state.next_planned() and state.inject_status.get(inject_id) in (
                InjectStatus.available, InjectStatus.pending, InjectStatus.skipped):
            later = self.session.clock_after_delivering(inject_id)
            if later > state.game_time:
                def chosen(answer: str | None) -> None:
                    if answer is not None:
                        self._write_delivery(inject_id, keep_clock=answer == KEEP)

                startex = state.snapshot.scenario.start  # D+1 09:20 once past midnight
                self.app.push_screen(ClockChoice(self._title(inject_id),
                                                 game_time_of_day(later, startex),
                                                 game_time_of_day(state.game_time, startex)),
                                     chosen)
                return
        self._write_delivery(inject_id, keep_clock=False)

    def _write_delivery(self, inject_id: str, *, keep_clock: bool) -> None:
        if self.perform("delivered",
                        lambda: self.session.deliver(inject_id, keep_clock=keep_clock)):
            self.query_one(MselTable).select(inject_id)
            self.notify(f"Delivered {self._title(inject_id)}", timeout=3)

    def _startex_first(self, then: Callable[[], None]) -> bool:
        """While the session waits for STARTEX, offer to call it and then do `then`
        (the session would refuse play before it); True when it was offered."""
        from ttx.tui.forms.confirm import ConfirmScreen

        if not self.state.ready or self.state.ended:
            return False
        if not seat_allows(self.seat, "startex"):
            return self.play_waits()

        def chosen(yes: bool | None) -> None:
            if yes and self._call_startex():
                then()

        self.app.push_screen(ConfirmScreen(
            "STARTEX now?", "Play has not started: deliveries, modules, moves and the "
            "playing clock wait for STARTEX. Start play now, then go on?"), chosen)
        return True

    def _call_startex(self) -> bool:
        if self.perform("started", self.session.startex):
            self.notify("STARTEX: play has started.", timeout=5)
            return True
        return False

    def action_startex(self) -> None:
        self._call_startex()

    def action_deliver_next(self) -> None:
        if self._startex_first(self.action_deliver_next):
            return
        next_inject = self.state.next_planned()
        if next_inject is None:
            self.notify("No planned inject is left in this module; press a to start the "
                        "next module.", severity="warning")
            return
        self._deliver(next_inject)

    def action_deliver_selected(self) -> None:
        if self._startex_first(self.action_deliver_selected):
            return
        inject_id = self._selected_inject("deliver")
        if inject_id is not None:
            self._deliver(inject_id)

    def action_skip(self) -> None:
        from ttx.tui.forms.skip import SkipForm

        inject_id = self._selected_inject("skip")
        if inject_id is None:
            return

        def skip(reason: str) -> SessionCall:
            return lambda: self.session.skip(inject_id, reason)

        self.open_form(SkipForm(inject_id, self._title(inject_id)), "skipped", skip)

    def action_contingency(self) -> None:
        from ttx.tui.forms.confirm import ConfirmScreen
        from ttx.tui.forms.contingency import ContingencyPicker

        if self._startex_first(self.action_contingency):
            return
        state = self.state
        ids = state.injects_with(InjectStatus.available)
        # the branches decisions released first: the one the room's choice opened
        ids.sort(key=lambda inject_id: inject_id not in state.released)
        available = [(inject_id, self._title(inject_id)) for inject_id in ids]
        notes = {inject_id: note for inject_id in ids
                 if (note := branch_note(state, inject_id))}
        not_taken = frozenset(state.branches_not_taken()) & set(ids)

        def deliver(inject_id: str | None) -> None:
            if inject_id is None:
                return
            if inject_id not in not_taken:
                self._deliver(inject_id)
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._deliver(inject_id)

            self.app.push_screen(ConfirmScreen(
                asking(f"Deliver {self._title(inject_id)}"),
                f"A branch the decision did not take ({notes.get(inject_id, '')})."),
                confirmed)

        self.app.push_screen(ContingencyPicker(available, notes, not_taken), deliver)

    def action_next_module(self) -> None:
        from ttx.tui.forms.confirm import ConfirmScreen

        if self._startex_first(self.action_next_module):
            return
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

        self.app.push_screen(ConfirmScreen(asking(f"Start {module.title}"), detail), start)

    def action_toggle_pause(self) -> None:
        if self._startex_first(lambda: None):  # STARTEX starts the clock: nothing to toggle
            return
        if self.state.paused:
            self.perform("resumed", self.session.resume)
        else:
            self.perform("paused", self.session.pause)

    # -- entries --------------------------------------------------------------------------

    def _play_closed(self, what: str) -> bool:
        """Say so (before a form is filled in vain) when play ended and `what` is play."""
        if self.state.ended:
            self.notify(f"Play ended at #{self.state.ended_seq}: {what} can no longer be "
                        "recorded (observations, improvement items and the analysis can).",
                        severity="warning")
        return self.state.ended

    def action_record_move(self) -> None:
        from ttx.tui.forms.move import MoveForm

        if self._play_closed("moves") or self._startex_first(self.action_record_move):
            return
        state = self.state
        delivered = [delivery.inject_id for delivery in state.deliveries]
        selected = self.query_one(MselTable).selected_inject
        selected_inject = state.snapshot.inject(selected) if selected else None
        # what the delegations answer: the selected decision point, else the newest
        # inject players saw (never a control-only one)
        seen = [inject_id for inject_id in delivered
                if (inject := state.snapshot.inject(inject_id)) is not None
                and state.snapshot.visible_to_players(inject)]
        answering = (selected if selected in delivered and selected_inject is not None
                     and selected_inject.is_decision_point
                     else (seen[-1] if seen else None))

        def record(draft: MoveDraft) -> SessionCall:
            self.last_move_role = draft.role
            return lambda: self.session.record_move(
                draft.role, draft.kind, draft.text, rationale=draft.rationale,
                to=draft.to, inject=draft.inject, option=draft.option, joint=draft.joint)

        self.open_form(MoveForm(state.snapshot, delivered, answering,
                                role=self.last_move_role), "recorded", record)

    def action_record_observation(self) -> None:
        from ttx.tui.forms.observation import ObservationForm

        if not self.state.snapshot.scenario.objectives:
            self.notify("This scenario has no objectives to observe; add a note (t) instead.",
                        severity="warning")
            return

        def record(draft: ObservationDraft) -> SessionCall:
            self.last_author = draft.author
            return lambda: self.session.record_observation(
                draft.objective, draft.kind, draft.text, rating=draft.rating,
                author=draft.author, task=draft.task)

        author = self.last_author if self.last_author is not None else self.seat.name
        self.open_form(ObservationForm(self.state.snapshot, author), "recorded", record)

    def action_add_improvement(self) -> None:
        from ttx.tui.forms.improvement import ImprovementForm

        def add(draft: ImprovementDraft) -> SessionCall:
            return lambda: self.session.add_improvement(
                draft.issue, draft.action, capability_element=draft.capability_element,
                owner=draft.owner, due=draft.due)

        self.open_form(ImprovementForm(self.state.snapshot), "added", add)

    def action_add_note(self) -> None:
        from ttx.tui.forms.note import NoteForm

        if self._play_closed("notes"):
            return

        def add(text: str) -> SessionCall:
            return lambda: self.session.add_note(text)

        self.open_form(NoteForm(), "added", add)

    def action_amend_entry(self) -> None:
        from ttx.tui.forms.amend import AmendForm

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
        if not self.seat.may_correct(entry.seat):
            self.notify(f"#{seq} was written from the {entry.seat} seat; an evaluator may "
                        "correct only evaluators' entries.", severity="error")
            return
        row = log_row_for(self.state, seq)
        summary = (f"{row.entry} {row.who}".strip()
                   + f" · {row.when} · {row.seat} seat") if row else ""

        def correct(draft: CorrectionDraft) -> SessionCall:
            if draft.action == "amend":
                return lambda: self.session.amend(draft.seq, draft.text)
            return lambda: self.session.retract(draft.seq, draft.text)

        self.open_form(AmendForm(seq, summary, entry_text(entry)), "corrected", correct)

    def action_announce(self) -> None:
        from ttx.tui.forms.announce import AnnounceForm

        def announce(draft: AnnouncementDraft) -> SessionCall:
            return lambda: self.session.announce(draft.text, draft.to)

        self.open_form(AnnounceForm(self.state.snapshot), "announced", announce)

    def action_write_analysis(self) -> None:
        from ttx.tui.forms.analysis import AnalysisForm

        def write(draft: AnalysisDraft) -> SessionCall:
            if draft.kind.startswith("summary:"):
                return lambda: self.session.write_summary(draft.kind.split(":", 1)[1],
                                                          draft.text)
            if draft.kind == "rating":
                return lambda: self.session.give_rating(draft.objective or "",
                                                        draft.rating or "", draft.text)
            return lambda: self.session.record_finding(
                draft.objective or "", draft.kind.split(":", 1)[1], draft.text,
                reference=draft.reference, analysis=draft.analysis,
                recommendations=draft.recommendations)

        self.open_form(AnalysisForm(self.state.snapshot), "recorded", write)

    def action_room_screen(self) -> None:
        from ttx.tui.forms.room_screen import RoomScreenForm

        def show(draft: ScreenDraft) -> SessionCall:
            return lambda: self.session.show_on_screen(draft.show, draft.text)

        self.open_form(RoomScreenForm(), "shown", show)

    def action_end_session(self) -> None:
        from ttx.tui.forms.confirm import ConfirmScreen

        state = self.state
        if state.ended:
            self.notify(f"Play ended at #{state.ended_seq} already.", severity="warning")
            return
        pending = len(state.injects_with(InjectStatus.pending))
        detail = (f"{pending} planned inject(s) were not played. " if pending else "") + \
            "Deliveries, moves and the clock close; observations, improvement items and " \
            "the analysis may still be added."

        def end(confirmed: bool | None) -> None:
            if confirmed and self.perform("ended", self.session.end):
                self.notify("ENDEX: play has ended.", timeout=5)

        self.app.push_screen(ConfirmScreen("ENDEX: end play now?", detail), end)
