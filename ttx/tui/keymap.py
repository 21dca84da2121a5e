"""The console's keys, defined once: bindings, the command palette and the help screen
are all built from this table, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from ttx.session.seats import AFTER_ENDEX_VERBS, Seat, SeatKind
from ttx.tui.seats import ACTION_VERBS, seat_allows

RECORD_GROUP = Binding.Group("record")
"""m and o share one footer label, so the footer fits 80 columns."""


@dataclass(frozen=True)
class ConsoleKey:
    """One console action: its key, footer word, palette `group: verb`, and help line."""

    key: str
    action: str
    footer: str
    group: str
    verb: str
    help: str
    show: bool = True
    key_display: str | None = None
    footer_group: Binding.Group | None = None

    @property
    def binding_id(self) -> str:
        return f"console.{self.action}"

    @property
    def command(self) -> str:
        """The palette entry, `group: verb`."""
        return f"{self.group}: {self.verb}"

    def binding(self) -> Binding:
        return Binding(self.key, self.action, self.footer, show=self.show,
                       key_display=self.key_display, id=self.binding_id, tooltip=self.help,
                       group=self.footer_group)


CONSOLE_KEYS: tuple[ConsoleKey, ...] = (
    ConsoleKey("x", "startex", "STARTEX", "session", "STARTEX — start play",
               "Start play in a session that opened ready: the playing clock counts from "
               "now, and deliveries, modules, moves and the clock open."),
    ConsoleKey("n", "deliver_next", "next", "inject", "deliver next planned",
               "Deliver the next planned inject of the current module (marked ▶)."),
    ConsoleKey("enter", "deliver_selected", "deliver", "inject", "deliver selected",
               "Deliver the inject selected in the MSEL.", key_display="⏎", show=False),
    ConsoleKey("s", "skip", "skip", "inject", "skip selected",
               "Skip the selected inject, with a reason (it can still be delivered later)."),
    ConsoleKey("c", "contingency", "contingency", "inject", "deliver contingency",
               "Pick a contingency or released inject available now; enter delivers it."),
    ConsoleKey("a", "next_module", "module", "module", "start next",
               "Start the next module (asks first): its situation and game clock jump."),
    ConsoleKey("space", "toggle_pause", "pause", "clock", "pause or resume",
               "Pause or resume the playing-time clock.", key_display="␣"),
    ConsoleKey("m", "record_move", "move", "record", "move",
               "Record a move: role, kind, text, rationale, recipients, the inject it "
               "answers and the option picked at a decision point.",
               footer_group=RECORD_GROUP),
    ConsoleKey("o", "record_observation", "observe", "record", "observation",
               "Record an observation on an objective with a P/S/M/U rating.",
               footer_group=RECORD_GROUP),
    ConsoleKey("i", "add_improvement", "improve", "record", "improvement item",
               "Add an improvement-plan item: issue, action, capability element, owner, due.",
               show=False),
    ConsoleKey("t", "add_note", "note", "record", "note",
               "Add a free note to the journal.", show=False),
    ConsoleKey("e", "amend_entry", "amend", "log", "amend or retract entry",
               "Amend or retract the entry selected in the log (the journal keeps both)."),
    ConsoleKey("w", "write_analysis", "analysis", "record", "analysis",
               "Write the analysis (also after ENDEX): an executive-summary part, an "
               "objective's final P/S/M/U rating with why, or a strength or area for "
               "improvement with its analysis and recommendations.", show=False),
    ConsoleKey("b", "announce", "announce", "room", "announce to delegations",
               "Broadcast a short announcement to the delegations' seats and the room "
               "display (e.g. 'Ten minutes left in this module').", show=False),
    ConsoleKey("ctrl+e", "end_session", "ENDEX", "session", "ENDEX — end play",
               "End play (asks first): deliveries, moves and the clock close; observations, "
               "improvement items and the analysis may still be added.", show=False,
               key_display="^e"),
    ConsoleKey("r", "room_screen", "room", "room", "show on room screen",
               "Put the scenario summary, the module's situation or a hold slide (e.g. "
               "'Break — back at 10:40') on the room display, or back to live; the next "
               "delivery or module start takes it back to play.", show=False),
)
"""Console actions in footer order."""

STARTEX_KEY = next(key.key for key in CONSOLE_KEYS if key.action == "startex")
"""The key the header names while a session waits for STARTEX."""

PLAYER_KEYS: tuple[ConsoleKey, ...] = (
    ConsoleKey("a", "acknowledge", "received", "inbox", "acknowledge inject",
               "Tell control the selected inject was received (recorded once, with the "
               "time)."),
    ConsoleKey("m", "record_move", "move", "record", "our move",
               "Record the delegation's move: kind, text, rationale, and the option "
               "picked when the selected inject is a decision point."),
    ConsoleKey("s", "send_message", "send", "message", "send message",
               "Send a message to one or more delegations, optionally about the selected "
               "inject."),
    ConsoleKey("f", "forward", "forward", "message", "forward selected",
               "Forward the selected inject or message to other delegations, with a "
               "comment: recorded as a relay."),
    ConsoleKey("e", "amend_entry", "amend", "log", "amend or retract our entry",
               "Amend or retract the delegation's own entry selected in 'Our moves'.",
               show=False),
    ConsoleKey("g", "feedback", "feedback", "record", "participant feedback",
               "After ENDEX: the delegation's feedback on the exercise (ratings, strengths, "
               "areas for improvement)."),
)
"""A delegation's console actions in footer order."""

APP_KEYS: tuple[ConsoleKey, ...] = (
    ConsoleKey("f1", "help", "help", "app", "help", "Show every key and what it does."),
    ConsoleKey("ctrl+p", "command_palette", "commands", "app", "command palette",
               "Search every action by name.", show=False),
    ConsoleKey("q", "quit", "quit", "app", "quit",
               "Leave the console. Every entry is already saved; nothing is lost."),
)
"""Keys the whole app answers."""


def keys_for(seat: Seat) -> list[ConsoleKey]:
    """The console keys a seat may use, then the app's."""
    table = PLAYER_KEYS if seat.kind is SeatKind.player else CONSOLE_KEYS
    return [key for key in table if seat_allows(seat, key.action)] + list(APP_KEYS)


@dataclass(frozen=True)
class PlayMoment:
    """What the footer needs to know to offer the keys that matter at this moment."""

    seat: Seat
    next_inject: bool = True
    """A planned inject of the current module is pending."""
    contingency: bool = False
    """A contingency or released inject can be delivered now."""
    next_module: bool = True
    paused: bool = False
    entries: bool = False
    """The log has an entry this seat may still amend or retract."""
    ended: bool = False
    ready: bool = False
    """The session opened ready and waits for STARTEX."""


@dataclass(frozen=True)
class KeyHint:
    """One footer entry: the keys (several when grouped), their word, the action."""

    keys: tuple[ConsoleKey, ...]
    label: str

    @property
    def action(self) -> str:
        return self.keys[0].action


AFTER_ENDEX_ACTIONS = frozenset(action for action, verb in ACTION_VERBS.items()
                                if verb in AFTER_ENDEX_VERBS)
"""Console actions that still matter once play has ended: the session's rule."""

WAITING_FOR_STARTEX = frozenset({"deliver_next", "deliver_selected", "contingency",
                                 "next_module", "toggle_pause", "record_move"})
"""Console actions that wait for STARTEX (`ttx.session.session_core.WAITS_FOR_STARTEX`):
the footer offers STARTEX instead, and the key asks to call it first."""

FOOTER_DROP_ORDER = ("contingency", "next_module", "skip", "amend_entry", "toggle_pause",
                     "forward", "send_message", "record_move", "deliver_next")
"""When the footer is too narrow, hints go in this order (help and quit always stay;
`n next` goes last: it is the key a facilitator presses most)."""


def keys_that_matter(moment: PlayMoment) -> list[KeyHint]:
    """The footer's keys now, in footer order: only what this seat may do and what would
    do something (no `n` once the module's planned injects are out, no `c` without a
    contingency); the clock key says `resume` while paused."""
    wanted = {key.action for key in CONSOLE_KEYS if key.show and seat_allows(moment.seat,
                                                                              key.action)}
    if moment.ended:  # play is closed; the record and the analysis stay open
        wanted &= AFTER_ENDEX_ACTIONS
    if moment.ready and not moment.ended:
        wanted -= WAITING_FOR_STARTEX
    else:
        wanted.discard("startex")
    if not moment.next_inject:
        wanted.discard("deliver_next")
    if not moment.contingency:
        wanted.discard("contingency")
    if not moment.next_module:
        wanted.discard("next_module")
    if not moment.entries:
        wanted.discard("amend_entry")
    hints: list[KeyHint] = []
    for key in [*CONSOLE_KEYS, *APP_KEYS]:
        if (key.group != "app" and key.action not in wanted) or not key.show:
            continue
        label = "resume" if key.action == "toggle_pause" and moment.paused else key.footer
        if key.footer_group is not None and hints and hints[-1].keys[0].footer_group \
                is key.footer_group:
            hints[-1] = KeyHint((*hints[-1].keys, key), key.footer_group.description)
        else:
            hints.append(KeyHint((key,), label))
    return hints
