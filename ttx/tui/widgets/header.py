"""The console header: classification marking, scenario, module, game clock, playing time."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ttx.model.wording import duration_clock, game_clock
from ttx.tui.literal import literal


@dataclass(frozen=True)
class HeaderFacts:
    """What the header shows; compared so the header redraws only when something changed."""

    classification: str
    scenario_title: str
    module_title: str
    game_time: datetime
    playing_time: timedelta
    paused: bool
    ended: bool
    seat: str
    session_name: str
    file_problem: bool = False
    """The session file cannot be read or written (the notification says why)."""
    ready: bool = False
    """The session waits for STARTEX: the clocks do not run."""
    ready_hint: str = "waiting for STARTEX"
    """What the header says beside READY: how this seat starts play, or that it waits."""


def clock_state_word(facts: HeaderFacts) -> str:
    """READY, RUNNING, PAUSED or ENDED: the clock's state in words, not only colour."""
    if facts.ended:
        return "ENDED"
    if facts.ready:
        return "READY"
    return "PAUSED" if facts.paused else "RUNNING"


class ConsoleHeader(Vertical):
    """Three short lines: the marking, the exercise, the clocks."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._facts: HeaderFacts | None = None
        self._waiting: HeaderFacts | None = None
        """Facts given before the three lines were composed: drawn when they are."""

    def compose(self) -> ComposeResult:
        yield Static(id="marking")
        yield Static(id="exercise")
        yield Static(id="clocks")

    def shows_all_but_the_playing_time(self, facts: HeaderFacts) -> bool:
        """Whether the header shows `facts` already, but for the playing time (which
        its seat's one-second tick brings up to date)."""
        return self._facts is not None \
            and replace(self._facts, playing_time=facts.playing_time) == facts

    def on_mount(self) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.show(waiting)

    def show(self, facts: HeaderFacts) -> None:
        """Redraw with `facts` (a no-op when nothing changed); kept for the mount when
        the header is not composed yet (a seat's first tick can come first)."""
        if facts == self._facts:
            return
        if not self.children:
            self._waiting = facts
            return
        previous, self._facts = self._facts, facts
        if previous is None or previous.classification != facts.classification:
            self.query_one("#marking", Static).update(literal(facts.classification,
                                                              justify="center"))
        if previous is None or (previous.module_title, previous.scenario_title) != (
                facts.module_title, facts.scenario_title):
            # module first: at 80 columns the scenario title is what gets cut, not the module
            exercise = Text(no_wrap=True, overflow="ellipsis")
            exercise.append(literal(facts.module_title, style="bold"))
            exercise.append("  ·  ")
            exercise.append(literal(facts.scenario_title))
            # one line each, always: no layout of the screen for a clock tick
            self.query_one("#exercise", Static).update(exercise, layout=False)
        state = clock_state_word(facts)
        clocks = Text(no_wrap=True, overflow="ellipsis")
        if facts.file_problem:  # first, so 80 columns never cut it off
            clocks.append(" ⚠ NOT SAVING ", style="reverse bold")
            clocks.append("  ")
        clocks.append("game ")
        clocks.append(game_clock(facts.game_time), style="bold")
        clocks.append("  playing ")
        clocks.append(duration_clock(facts.playing_time), style="bold")
        clocks.append("  ")
        if facts.ready and not facts.ended:
            state = f"{state} — {facts.ready_hint}"
        clocks.append(f" {state} ", style="reverse bold" if state != "RUNNING" else "bold")
        clocks.append(literal(f"  {facts.seat} seat · {facts.session_name}", style="dim"))
        self.query_one("#clocks", Static).update(clocks, layout=False)
        self.set_class(facts.paused, "-paused")
