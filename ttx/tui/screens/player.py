"""A delegation's console: its inbox, the selected item in full, and its own moves.

Everything shown comes from `ttx.session.inbox`, which applies the session layer's
rule of what this role may see; the screen never reads an inject's expected actions
or notes. Every key is one checked action of the session (`RecordingScreen`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ttx.model.wording import game_time_of_day, one_line
from ttx.session.events import Event
from ttx.session.inbox import InboxItem, ItemKind, inbox, outbox
from ttx.session.records import Move, entry_text
from ttx.session.seats import Seat
from ttx.terminal_text import visible
from ttx.tui.formatting import role_names
from ttx.tui.keymap import PLAYER_KEYS, KeyHint
from ttx.tui.literal import literal
from ttx.tui.screens.recording import RecordingScreen, SessionCall
from ttx.tui.screens.width_classes import WIDTH_BREAKPOINTS, take_width_class
from ttx.tui.widgets.follow_list import FollowList
from ttx.tui.widgets.header import ConsoleHeader, HeaderFacts
from ttx.tui.widgets.key_bar import KeyBar
from ttx.tui.widgets.markdown_body import markdown_body
from ttx.tui.widgets.text_pane import TextPane

if TYPE_CHECKING:
    from ttx.session.session import Session
    from ttx.tui.forms.amend import CorrectionDraft
    from ttx.tui.forms.feedback import FeedbackDraft
    from ttx.tui.forms.message import MessageDraft
    from ttx.tui.forms.move import MoveDraft

T = TypeVar("T")

KIND_MARK = {ItemKind.inject: "INJECT", ItemKind.message: "MSG", ItemKind.announcement: "CTRL"}


def inbox_line(item: InboxItem, startex: datetime) -> Text:
    """One inbox row: time (with its day after midnight), kind, sender, title, and
    whether it was acknowledged."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{game_time_of_day(item.at_game, startex)} ", style="dim")
    text.append(f"{KIND_MARK[item.kind]:<6} ", style="bold")
    if item.kind is ItemKind.inject:
        text.append("✓ " if item.acknowledged_seq else "● ",
                    style="green" if item.acknowledged_seq else "yellow")
    text.append(literal(one_line(f"{item.sender}: {item.title}" if item.sender
                                 else item.title, 160)))
    return text


def outbox_line(move: Move, startex: datetime) -> Text:
    """One row of what the delegation sent: time, seq, kind, recipients, text."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{game_time_of_day(move.at_game, startex)} #{move.seq} ", style="dim")
    text.append(f"{move.kind} ", style="bold")
    if move.to:
        text.append(literal(f"→ {','.join(move.to)} "))
    if move.relays is not None:
        text.append(f"(forwarding #{move.relays}) ", style="dim")
    text.append(literal(one_line(move.text, 160)))
    return text


def item_detail(session: Session, item: InboxItem) -> RenderableType:
    """The selected item in full: never more than the role may read."""
    resolved = session.snapshot
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="dim", justify="right", no_wrap=True)
    facts.add_column(ratio=1)
    facts.add_row("from", literal(item.sender or "—"))
    if item.method:
        facts.add_row("kind" if item.kind is ItemKind.message else "method",
                      literal(item.method))
    facts.add_row("to", literal(role_names(resolved, list(item.recipients)) or "all players"))
    facts.add_row("game time", literal(game_time_of_day(item.at_game,
                                                        resolved.scenario.start)))
    if item.kind is ItemKind.inject:
        facts.add_row("received", literal(f"acknowledged (#{item.acknowledged_seq})"
                                          if item.acknowledged_seq else "not acknowledged "
                                          "yet — press a"))
    if item.relays is not None:
        facts.add_row("forwards", literal(f"#{item.relays}"))
    if item.inject_id and item.kind is ItemKind.message:
        facts.add_row("about", literal(item.inject_id))
    parts: list[RenderableType] = [literal(item.title, style="bold"), Text(), facts]
    if item.body.strip():
        body: RenderableType = markdown_body(visible(item.body)) \
            if item.kind is ItemKind.inject else literal(item.body)
        parts += [Text(), body]
    if item.questions:
        questions = Text("Questions for your delegation", style="bold underline")
        for question in item.questions:
            questions.append(literal(f"\n  • {question}"))
        parts += [Text(), questions]
    if item.options:
        options = Text("Decision point — options", style="bold underline")
        if item.decided_by:
            options.append(literal(f"\n  decided by {', '.join(item.decided_by)}",
                                   style="dim"))
        for option_id, label in item.options:
            options.append(literal(f"\n  [{option_id}] {label}"))
        parts += [Text(), options]
    return Group(*parts)


def _rows(rows: dict[str, Option], shown: Mapping[str, T], fresh: dict[str, T],
          line: Callable[[T], RenderableType]) -> dict[str, Option]:
    """An option for each of `fresh`: the one in `rows` where its value is the one
    `shown`, a new one (its `line`) otherwise."""
    return {key: rows[key] if shown.get(key) == value else Option(line(value), id=key)
            for key, value in fresh.items()}


class PlayerScreen(RecordingScreen):
    """Inbox on the left (newest first), the selected item on the right, our moves below."""

    BINDINGS: ClassVar[list[BindingType]] = [key.binding() for key in PLAYER_KEYS]
    HORIZONTAL_BREAKPOINTS = WIDTH_BREAKPOINTS

    def __init__(self, session: Session, seat: Seat, clock: Callable[[], datetime]) -> None:
        super().__init__(id="player")
        self.session = session
        self.seat = seat
        self.clock = clock
        self.role = seat.role or ""
        self._items: dict[str, InboxItem] = {}
        self._moves: dict[str, Move] = {}
        self._item_rows: dict[str, Option] = {}
        self._move_rows: dict[str, Option] = {}
        """The option shown for each item and move (kept while it is unchanged: its text
        is drawn already)."""

    def compose(self) -> ComposeResult:
        take_width_class(self)
        yield ConsoleHeader(id="header")
        box = FollowList(id="inbox")
        box.border_title = "Inbox — newest first"
        box.border_subtitle = "a received · m move · s send · f forward"
        yield box
        detail = TextPane(Text("Nothing received yet."), id="item")
        detail.border_title = "Selected"
        yield detail
        sent = FollowList(id="outbox")
        sent.border_title = "Our moves — newest first"
        sent.border_subtitle = "⏎ amend or retract"
        yield sent
        yield KeyBar(self.keys_that_matter, id="keys")

    def on_mount(self) -> None:
        self._fill()
        self.refresh_header()
        self.query_one("#inbox", OptionList).focus()
        self.set_interval(1.0, self.refresh_header, name="tick-playing-time")

    # -- following ------------------------------------------------------------------

    def apply_events(self, events: list[Event]) -> None:
        """New entries arrived (ours or others'): the lists are rebuilt from the state,
        the header redrawn if they changed it (the playing time is the tick's)."""
        if events:
            self._fill()
        self.refresh_header(tick=False)

    def _fill(self) -> None:
        items = inbox(self.state, self.seat)
        moves = outbox(self.state, self.seat)
        startex = self.state.snapshot.scenario.start
        # a list is replaced only when something in it changed, each unchanged row by
        # the option already drawn: with thirty seats on one host, what a new entry
        # costs each of them is what the room waits for
        fresh_items = {str(item.seq): item for item in items}
        if fresh_items != self._items:
            self._item_rows = _rows(self._item_rows, self._items, fresh_items,
                                    lambda item: inbox_line(item, startex))
            self._items = fresh_items
            self.query_one("#inbox", FollowList).replace_options(
                list(self._item_rows.values()), highlight_first=True)
        fresh_moves = {str(move.seq): move for move in moves}
        if fresh_moves != self._moves:
            self._move_rows = _rows(self._move_rows, self._moves, fresh_moves,
                                    lambda move: outbox_line(move, startex))
            self._moves = fresh_moves
            self.query_one("#outbox", FollowList).replace_options(
                list(self._move_rows.values()), highlight_first=False)
        self._show_selected()
        keys = self.query_one(KeyBar)
        keys.refresh_hints()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "inbox":
            self._show_selected()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "outbox":
            self.action_amend_entry()

    def _show_selected(self) -> None:
        item = self.selected_item
        pane = self.query_one("#item", TextPane)
        if item is None:
            pane.update(Text("Nothing received yet."))
        elif pane.shown_key != item:
            # the same item again (another entry arrived) is left as it is, where the
            # reader had scrolled to
            pane.update(item_detail(self.session, item), key=item)

    @property
    def selected_item(self) -> InboxItem | None:
        option = self.query_one("#inbox", OptionList).highlighted_option
        return self._items.get(option.id or "") if option is not None else None

    def refresh_header(self, *, tick: bool = True) -> None:
        """Show the session's state in the header; unless `tick`, only if more than the
        playing time changed (thirty seats redrawing their clocks at every entry cost the
        room's host more than the entry)."""
        state = self.state
        scenario = state.snapshot.scenario
        module = scenario.module(state.current_module or "")
        header = self.query_one(ConsoleHeader)
        facts = HeaderFacts(
            classification=scenario.classification,
            scenario_title=scenario.title,
            module_title=module.title if module else "",
            game_time=state.game_time,
            playing_time=state.playing_time(self.clock()),
            paused=state.paused,
            ended=state.ended,
            ready=state.ready,
            seat=f"{self.role} delegation ({self.seat})",
            session_name=self.session.short_name,
            file_problem=self.host is not None and self.host.problem is not None,
        )
        if tick or not header.shows_all_but_the_playing_time(facts):
            header.show(facts)

    def keys_that_matter(self) -> list[KeyHint]:
        """What the footer offers now: nothing to acknowledge, no `a`; no play after ENDEX."""
        item = self.selected_item
        wanted = {key.action for key in PLAYER_KEYS if key.show}
        if item is None or item.kind is not ItemKind.inject or item.acknowledged_seq:
            wanted.discard("acknowledge")
        if item is None:
            wanted.discard("forward")
        if self.state.ended:  # play is closed: feedback and corrections remain
            wanted &= {"feedback", "amend_entry"}
        else:
            wanted.discard("feedback")
        if self.state.ready:  # before STARTEX the delegation reads and waits
            wanted -= {"record_move", "send_message", "forward"}
        from ttx.tui.keymap import APP_KEYS

        return [KeyHint((key,), key.footer) for key in (*PLAYER_KEYS, *APP_KEYS)
                if key.action in wanted or (key.group == "app" and key.show)]

    # -- actions ----------------------------------------------------------------------

    def _visible_injects(self) -> list[str]:
        """Delivered injects this role received, oldest first (for the forms' pickers)."""
        return [item.inject_id for item in reversed(list(self._items.values()))
                if item.kind is ItemKind.inject and item.inject_id]

    def action_acknowledge(self) -> None:
        item = self.selected_item
        if item is None or item.kind is not ItemKind.inject or item.inject_id is None:
            self.notify("Select a delivered inject in the inbox to acknowledge it.",
                        severity="warning")
            return
        inject_id = item.inject_id
        if self.perform("acknowledged", lambda: self.session.acknowledge(inject_id)):
            self.notify(f"Acknowledged: {item.title}", timeout=3)

    def action_record_move(self) -> None:
        from ttx.tui.forms.move import MoveForm

        if self.play_waits():
            return
        item = self.selected_item
        answering = item.inject_id if item is not None else None

        def record(draft: MoveDraft) -> SessionCall:
            return lambda: self.session.record_move(
                draft.role, draft.kind, draft.text, rationale=draft.rationale, to=draft.to,
                inject=draft.inject, option=draft.option)

        self.open_form(MoveForm(self.state.snapshot, self._visible_injects(), answering,
                                roles=[self.role]), "recorded", record)

    def action_send_message(self) -> None:
        from ttx.tui.forms.message import MessageForm

        if self.play_waits():
            return
        item = self.selected_item
        about = item.inject_id if item is not None and item.kind is ItemKind.inject else None

        def send(draft: MessageDraft) -> SessionCall:
            return lambda: self.session.record_move(
                self.role, "communication", draft.text, to=draft.to, inject=draft.inject)

        self.open_form(MessageForm(self.state.snapshot, self.role, self._visible_injects(),
                                   about), "sent", send)

    def action_forward(self) -> None:
        from ttx.tui.forms.message import MessageForm

        if self.play_waits():
            return
        item = self.selected_item
        if item is None:
            self.notify("Select what to forward in the inbox.", severity="warning")
            return

        def forward(draft: MessageDraft) -> SessionCall:
            return lambda: self.session.record_move(
                self.role, "communication", draft.text, to=draft.to, inject=item.inject_id,
                relays=item.seq)

        self.open_form(MessageForm(self.state.snapshot, self.role, [], item.inject_id,
                                   relays=item.seq, relayed_title=item.title),
                       "forwarded", forward)

    def action_amend_entry(self) -> None:
        from ttx.tui.forms.amend import AmendForm

        option = self.query_one("#outbox", OptionList).highlighted_option
        move = self._moves.get(option.id or "") if option is not None else None
        if move is None:
            self.notify("Select one of our moves (tab to 'Our moves') to amend or retract.",
                        severity="warning")
            return

        def correct(draft: CorrectionDraft) -> SessionCall:
            if draft.action == "amend":
                return lambda: self.session.amend(draft.seq, draft.text)
            return lambda: self.session.retract(draft.seq, draft.text)

        when = game_time_of_day(move.at_game, self.state.snapshot.scenario.start)
        summary = f"{move.kind} · {when}"
        self.open_form(AmendForm(move.seq, summary, entry_text(move)), "corrected", correct)

    def action_feedback(self) -> None:
        from ttx.tui.forms.feedback import FeedbackForm

        if not self.state.ended:
            self.notify("Feedback opens at ENDEX, when the facilitator ends play.",
                        severity="warning")
            return

        def submit(draft: FeedbackDraft) -> SessionCall:
            return lambda: self.session.submit_feedback(
                self.role, draft.ratings, strengths=draft.strengths,
                improvements=draft.improvements, text=draft.text)

        self.open_form(FeedbackForm(), "submitted", submit)
