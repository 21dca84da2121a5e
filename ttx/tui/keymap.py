"""The console's keys, defined once: bindings, the command palette and the help screen
are all built from this table, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from ttx.tui.seats import ConsoleSeat, seat_allows

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
    ConsoleKey("n", "deliver_next", "next", "inject", "deliver next planned",
               "Deliver the next planned inject of the current module (marked ▶)."),
    ConsoleKey("enter", "deliver_selected", "deliver", "inject", "deliver selected",
               "Deliver the inject selected in the MSEL.", key_display="⏎"),
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
)
"""Console actions in footer order."""

APP_KEYS: tuple[ConsoleKey, ...] = (
    ConsoleKey("f1", "help", "help", "app", "help", "Show every key and what it does."),
    ConsoleKey("ctrl+p", "command_palette", "commands", "app", "command palette",
               "Search every action by name.", show=False),
    ConsoleKey("q", "quit", "quit", "app", "quit",
               "Leave the console. Every entry is already saved; nothing is lost."),
)
"""Keys the whole app answers."""


def keys_for(seat: ConsoleSeat) -> list[ConsoleKey]:
    """The console keys a seat may use, then the app's."""
    return [key for key in CONSOLE_KEYS if seat_allows(seat, key.action)] + list(APP_KEYS)
