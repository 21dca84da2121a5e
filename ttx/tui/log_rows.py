"""Rows of the console's live log: moves, observations, notes and improvement items.

Pure: built from the session state's entries, which already carry amended text; a
retracted entry stays in the log, marked RETRACTED, so the room's record never
silently loses a line. Unit-tested without widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ttx.session.events import AMENDABLE
from ttx.session.fold import Improvement, Move, Note, Observation, SessionState
from ttx.session.records import (
    Announcement,
    Entry,
    Feedback,
    FinalRating,
    Finding,
    SummaryEntry,
)
from ttx.tui.formatting import one_line


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


def log_row_for(state: SessionState, seq: int) -> LogRow | None:
    """The current row of the entry recorded at `seq` (None when `seq` is not an entry)."""
    entry = state.entry(seq)
    if entry is None:
        return None
    return entry_row(entry, retracted=state.retraction_of(seq) is not None)


def entry_seqs(state: SessionState) -> list[int]:
    """The seq of every entry of the session, retracted ones included, oldest first.

    Cheap (no row is built): the log builds a row only when it first draws it."""
    return [seq for seq, event_type in state.event_types.items() if event_type in AMENDABLE]


def log_rows(state: SessionState) -> list[LogRow]:
    """Every entry of the session as a row, retracted ones included, oldest first."""
    return [row for row in (log_row_for(state, seq) for seq in entry_seqs(state)) if row]
