"""Rows of the console's live log: every entry, and the moments of play (STARTEX,
module starts, deliveries and skips) between them.

Pure: built from the session state's entries, which already carry amended text; a
retracted entry stays in the log, marked RETRACTED, so the room's record never
silently loses a line. Unit-tested without widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ttx.model.wording import game_time_of_day, one_line
from ttx.session.events import AMENDABLE, EventType
from ttx.session.fold import Improvement, Move, Note, Observation, SessionState
from ttx.session.records import (
    Announcement,
    Entry,
    Feedback,
    FinalRating,
    Finding,
    SummaryEntry,
)


@dataclass(frozen=True)
class LogRow:
    """One entry of the log as the console shows it."""

    seq: int
    game_time: datetime
    seat: str
    entry: str
    """What kind of entry, in words: `move: decision`, `observation: strength P`."""
    who: str
    """The role of a move, the objective of an observation, the owner of an item."""
    text: str
    amended: bool = False
    retracted: bool = False
    when: str = ""
    """The game column: `10:40`, `D+1 09:20` once play has crossed midnight, `after ENDEX`
    for analysis and feedback written after play ended (they have no game time)."""

    @property
    def shown_text(self) -> str:
        """The text with its correction state in words, never by colour alone."""
        if self.retracted:
            return f"RETRACTED: {self.text}"
        return f"{self.text} (amended)" if self.amended else self.text


def entry_label(entry: Entry) -> str:
    """What kind of entry, in words: `move: decision`, `observation: strength P`, `note`."""
    if isinstance(entry, Move):
        return f"move: {entry.kind}"
    if isinstance(entry, Observation):
        rating = f" {entry.rating}" if entry.rating else ""
        return f"observation: {entry.kind}{rating}"
    if isinstance(entry, Note):
        return "note"
    if isinstance(entry, Improvement):
        return "improvement"
    if isinstance(entry, Announcement):
        return "announcement"
    if isinstance(entry, SummaryEntry):
        return f"summary: {entry.part}"
    if isinstance(entry, FinalRating):
        return f"final rating {entry.rating}"
    if isinstance(entry, Finding):
        return f"finding: {entry.kind}"
    return "feedback"


def entry_row(entry: Entry, *, retracted: bool = False) -> LogRow:
    """The log row of one entry as it now stands."""
    label = entry_label(entry)
    if isinstance(entry, Move):
        text = entry.text
        if entry.rationale:
            text += f" — because {entry.rationale}"
        if entry.joint:
            text += f" (joint with {' '.join(entry.joint)})"
        if entry.to:
            text += f" → {' '.join(entry.to)}"
        if entry.option:
            text += f" [option {entry.option}]"
        return LogRow(entry.seq, entry.at_game, entry.seat, label, entry.role,
                      one_line(text), entry.amended, retracted)
    if isinstance(entry, Observation):
        return LogRow(entry.seq, entry.at_game, entry.seat, label, entry.objective,
                      one_line(entry.text), entry.amended, retracted)
    if isinstance(entry, Note):
        return LogRow(entry.seq, entry.at_game, entry.seat, label, "", one_line(entry.text),
                      entry.amended, retracted)
    if isinstance(entry, Improvement):
        text = f"{entry.issue} — action: {entry.action}"
        if entry.capability_element:
            text += f" [{entry.capability_element}]"
        if entry.due:
            text += f" (due {entry.due})"
        return LogRow(entry.seq, entry.at_game, entry.seat, label, entry.owner,
                      one_line(text), entry.amended, retracted)
    if isinstance(entry, Announcement):
        return LogRow(entry.seq, entry.at_game, entry.seat, label, " ".join(entry.to) or "all",
                      one_line(entry.text), entry.amended, retracted)
    who = entry.role if isinstance(entry, Feedback) else \
        "" if isinstance(entry, SummaryEntry) else entry.objective
    return LogRow(entry.seq, entry.at_wall, entry.seat, label, who, one_line(entry.text),
                  entry.amended, retracted)


PLAY_EVENTS = frozenset({EventType.inject_delivered, EventType.inject_skipped,
                         EventType.module_started, EventType.exercise_started})
"""Moments of play the log shows beside the entries, so its story has no gaps."""

LOGGED = AMENDABLE | PLAY_EVENTS
"""Every event type that is a row of the log."""

PLAY_LABELS = ("delivered", "skipped", "module start", "STARTEX")


def log_row_for(state: SessionState, seq: int) -> LogRow | None:
    """The current row of the entry or moment of play at `seq` (None for other events)."""
    entry = state.entry(seq)
    row = play_row(state, seq) if entry is None else \
        entry_row(entry, retracted=state.retraction_of(seq) is not None)
    return None if row is None else replace(row, when=game_column(state, row, entry))


WALL_TIME_ONLY = (SummaryEntry, FinalRating, Finding, Feedback)
"""Entries written about play rather than in it: they carry a wall time only."""


def game_column(state: SessionState, row: LogRow, entry: Entry | None) -> str:
    """What the log's game column says for `row` (see `LogRow.when`)."""
    if isinstance(entry, WALL_TIME_ONLY):
        ended = state.ended_at_wall
        return "after ENDEX" if ended is not None and entry.at_wall >= ended else "—"
    return game_time_of_day(row.game_time, state.snapshot.scenario.start)


def game_column_widths(state: SessionState) -> list[str]:
    """Texts as wide as the game column needs for the session so far, without building a
    row: the game clock's day as it stands, and `after ENDEX` once analysis followed it."""
    texts = [game_time_of_day(state.game_time, state.snapshot.scenario.start)]
    if state.ended and (state.summaries or state.ratings_given or state.findings
                        or state.feedback):
        texts.append("after ENDEX")
    return texts


def play_row(state: SessionState, seq: int) -> LogRow | None:
    """The row of a delivery, a skip or a module start: what went out, to whom."""
    kind = state.event_types.get(seq)
    snapshot = state.snapshot
    if kind is EventType.inject_delivered:
        delivery = next((d for d in state.deliveries if d.seq == seq), None)
        if delivery is None:
            return None
        inject = snapshot.inject(delivery.inject_id)
        # the title of the text delivered; an inject's id when that reads as nothing
        title = one_line(inject.delivered_text(delivery.variant).title) if inject else ""
        title = title or delivery.inject_id
        to = " ".join(snapshot.recipients(inject)) if inject else ""
        return LogRow(seq, delivery.at_game, delivery.seat, "delivered", "",
                      one_line(f"{title} → {to}" if to else title))
    if kind is EventType.inject_skipped:
        skip = state.skip_at(seq)
        if skip is None:
            return None
        inject = snapshot.inject(skip.inject_id)
        reason = f" — {skip.reason}" if skip.reason else ""
        delivery = state.delivery_of(skip.inject_id)
        later = f" (delivered later, #{delivery.seq})" if delivery is not None else ""
        return LogRow(seq, skip.at_game, skip.seat, "skipped", "",
                      one_line(f"{inject.title if inject else skip.inject_id}{reason}{later}"))
    if kind is EventType.exercise_started:
        startex = state.startex
        if startex is None or startex.seq != seq:  # a second one changed nothing
            return None
        return LogRow(seq, startex.at_game, startex.seat, "STARTEX", "", "play started")
    if kind is EventType.module_started:
        start = next((m for m in state.module_starts if m.seq == seq), None)
        if start is None:
            return None
        module = snapshot.scenario.module(start.module_id)
        return LogRow(seq, start.at_game, start.seat, "module start", "",
                      one_line(module.title if module else start.module_id))
    return None


def entry_seqs(state: SessionState) -> list[int]:
    """The seq of every entry and moment of play of the session, retracted ones
    included, oldest first.

    Cheap (no row is built): the log builds a row only when it first draws it."""
    return [seq for seq, event_type in state.event_types.items() if event_type in LOGGED]


def log_rows(state: SessionState) -> list[LogRow]:
    """Every entry of the session as a row, retracted ones included, oldest first."""
    return [row for row in (log_row_for(state, seq) for seq in entry_seqs(state)) if row]
