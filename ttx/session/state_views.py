"""What a session's state answers: the derived views the faces and the report read.

`StateViews` holds the fields of a `SessionState` (`ttx.session.fold` folds events
into them) and answers from them: the next inject and module, deliveries and
acknowledgements, decisions and the conditions they set, the branches a decision
released or left aside, and the entries as they now stand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ttx.model.resolved import ResolvedScenario
from ttx.session.clock import PauseInterval, playing_time
from ttx.session.events import EventType, SummaryPart
from ttx.session.records import (
    Acknowledgement,
    Amendment,
    Announcement,
    Delivery,
    Entry,
    Feedback,
    FinalRating,
    Finding,
    Improvement,
    InjectStatus,
    ModuleStart,
    Move,
    Note,
    Observation,
    Retraction,
    ScreenChange,
    Skip,
    Startex,
    SummaryEntry,
)


@dataclass
class StateViews:
    """Everything a session has come to, as of event `last_seq`, and the questions it
    answers."""

    snapshot: ResolvedScenario
    last_seq: int = 0
    started_at_wall: datetime | None = None
    """When the session was created (`session_started`)."""
    ready: bool = False
    """The session opened ready and STARTEX has not been called: play waits for it."""
    startex: Startex | None = None
    """When play started (None while ready, or before `session_started` is applied)."""
    ended_at_wall: datetime | None = None
    ended: bool = False
    ended_seq: int | None = None
    current_module: str | None = None
    modules_started: list[str] = field(default_factory=list)
    module_starts: list[ModuleStart] = field(default_factory=list)
    game_time: datetime = field(default=datetime.min)
    paused: bool = False
    pauses: list[PauseInterval] = field(default_factory=list)
    inject_status: dict[str, InjectStatus] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    improvements: list[Improvement] = field(default_factory=list)
    retractions: list[Retraction] = field(default_factory=list)
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    summaries: list[SummaryEntry] = field(default_factory=list)
    """Every live summary part written, in order: the latest of each part stands."""
    ratings_given: list[FinalRating] = field(default_factory=list)
    """Every live final rating given, in order: the latest per objective stands."""
    findings: list[Finding] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    """The scenario's condition flags the facilitator set (and did not clear)."""
    closed_decisions: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    """Decision points the facilitator closed → the (default) option that applied, and
    the seq of the closing."""
    amendments: list[Amendment] = field(default_factory=list)
    screen: ScreenChange | None = None
    """The facilitator's latest choice of what the room display shows (None: never chosen;
    the display then follows play: briefings at module starts, injects as delivered)."""
    released: dict[str, int] = field(default_factory=dict)
    """Injects released by a picked option → the seq of the (first live) move that did."""
    event_types: dict[int, EventType] = field(default_factory=dict)
    """The type of every event applied, by seq."""
    _entries: dict[int, Entry] = field(default_factory=dict, repr=False)
    _not_taken: tuple[tuple[int, int], dict[str, Move]] | None = field(default=None,
                                                                        repr=False)
    """`branches_not_taken` as of (last seq, moves)."""
    _moves_about: tuple[tuple[int, int], dict[str, list[Move]]] | None = field(
        default=None, repr=False)
    """`moves_about` as of (last seq, moves)."""
    _entries_by_seat: dict[str, list[int]] = field(default_factory=dict, repr=False)
    """The seqs of each seat's entries, oldest first, by the seat as the journal wrote it."""
    _roots: dict[int, int] = field(default_factory=dict, repr=False)
    _retracted: dict[int, Retraction] = field(default_factory=dict, repr=False)
    _planned: set[str] = field(default_factory=set, init=False, repr=False)
    _delivered: dict[str, Delivery] = field(default_factory=dict, init=False, repr=False)
    _skips_by_seq: dict[int, Skip] = field(default_factory=dict, init=False, repr=False)


    # -- questions ---------------------------------------------------------------

    def playing_time(self, now: datetime) -> timedelta:
        """Wall time since STARTEX, excluding pauses (up to the end); none while ready."""
        started = self.startex.at_wall if self.startex is not None else None
        return playing_time(started, self.ended_at_wall, self.pauses, now)

    @property
    def startex_at_wall(self) -> datetime | None:
        """The wall moment of STARTEX: the session's start for a session that did not
        open ready; None while ready."""
        return self.startex.at_wall if self.startex is not None else None

    def next_planned(self) -> str | None:
        """The first pending planned inject of the current module, in MSEL order."""
        module = self.snapshot.scenario.module(self.current_module or "")
        if module is None:
            return None
        for ref in module.injects:
            if self.inject_status.get(ref.id) is InjectStatus.pending:
                return ref.id
        return None

    def next_module(self) -> str | None:
        """The first module after the current one (in scenario order) not yet started."""
        modules = self.snapshot.scenario.modules
        ids = [module.id for module in modules]
        after = ids.index(self.current_module) + 1 if self.current_module in ids else 0
        return next((m for m in ids[after:] if m not in self.modules_started), None)

    def injects_with(self, status: InjectStatus) -> list[str]:
        """Inject ids with `status`, in snapshot (MSEL) order."""
        return [inject_id for inject_id, s in self.inject_status.items() if s is status]

    def delivery_of(self, inject_id: str) -> Delivery | None:
        return self._delivered.get(inject_id)

    def skip_at(self, seq: int) -> Skip | None:
        """The skip recorded at `seq`, also when the inject was delivered since (then
        it is no longer in `skips`)."""
        return self._skips_by_seq.get(seq)

    def skips_of(self, inject_id: str) -> list[Skip]:
        """Every skip of `inject_id` recorded, also those a later delivery overruled."""
        return [skip for skip in self._skips_by_seq.values() if skip.inject_id == inject_id]

    def acknowledgement(self, inject_id: str, role: str) -> Acknowledgement | None:
        """The first acknowledgement of `inject_id` by `role`, if any."""
        return next((a for a in self.acknowledgements
                     if a.inject_id == inject_id and a.role == role), None)

    def released_by(self, inject_id: str) -> Move | None:
        """The live move whose picked option released `inject_id`, if one did."""
        seq = self.released.get(inject_id)
        move = self._entries.get(seq) if seq is not None else None
        return move if isinstance(move, Move) else None

    def moves_about(self, inject_id: str) -> list[Move]:
        """The live moves that answer `inject_id`, in journal order. The index is made
        once per journal entry: the MSEL asks on every cursor move."""
        key = (self.last_seq, len(self.moves))
        if self._moves_about is None or self._moves_about[0] != key:
            index: dict[str, list[Move]] = {}
            for move in self.moves:
                if move.inject:
                    index.setdefault(move.inject, []).append(move)
            self._moves_about = (key, index)
        return list(self._moves_about[1].get(inject_id, ()))

    def branches_not_taken(self) -> dict[str, Move]:
        """Injects an option of a decided decision point leads to that no live decision
        released, each with the (first) decision that went another way."""
        key = (self.last_seq, len(self.moves))
        if self._not_taken is not None and self._not_taken[0] == key:
            return dict(self._not_taken[1])  # asked on every cursor move: once per entry
        not_taken: dict[str, Move] = {}
        for move in self.moves:
            inject = self.snapshot.inject(move.inject or "") if move.option else None
            if inject is None:
                continue
            for option in inject.options:
                if option.id == move.option:
                    continue
                for target in option.leads_to:
                    if target not in self.released:
                        not_taken.setdefault(target, move)
        self._not_taken = (key, not_taken)
        return dict(not_taken)

    @property
    def summary(self) -> dict[SummaryPart, SummaryEntry]:
        """The executive summary as it stands: the latest live text of each part."""
        return {entry.part: entry for entry in self.summaries}

    @property
    def final_ratings(self) -> dict[str, FinalRating]:
        """The final rating of each objective that has one: the latest given stands."""
        return {rating.objective: rating for rating in self.ratings_given}

    @property
    def decisions(self) -> list[tuple[str, str]]:
        """(inject, option) of every live decision: picks by a deciding role, then the
        defaults of decision points the facilitator closed."""
        picked = [(move.inject, move.option) for move in self.moves
                  if move.inject and move.option and not move.recommendation]
        return picked + [(inject, option) for inject, (option, _) in
                         self.closed_decisions.items() if option]

    @property
    def conditions(self) -> frozenset[str]:
        """The conditions that hold now: set by decisions and by the facilitator's flags."""
        return self.snapshot.conditions_after(self.decisions, self.flags)

    def seat_of(self, seq: int) -> str:
        """The seat that wrote the entry at `seq` ('' when it is not an entry)."""
        entry = self._entries.get(seq)
        return entry.seat if entry is not None else ""

    def entry(self, seq: int) -> Entry | None:
        """The move, observation, note or improvement item recorded at `seq` (amended as it
        now stands), also when it was retracted; None for any other seq."""
        return self._entries.get(seq)

    def entry_seqs_newest_first(self, seat: str | None = None) -> Iterator[int]:
        """The seq of every entry (moves, observations, notes, …, retracted ones too),
        newest first; with `seat`, only those written from that seat (as written)."""
        if seat is None:
            return reversed(self._entries)
        return reversed(self._entries_by_seat.get(seat, []))

    def seats_with_entries(self) -> list[str]:
        """Every seat, as the journal wrote it, that wrote an entry."""
        return list(self._entries_by_seat)

    def _keep(self, seq: int, entry: Entry) -> None:
        self._entries[seq] = entry
        seqs = self._entries_by_seat.get(entry.seat)
        if seqs is None:
            self._entries_by_seat[entry.seat] = [seq]
        else:
            seqs.append(seq)

    def root_of(self, seq: int) -> int:
        """The entry an amendment or retraction at `seq` corrects; `seq` itself otherwise."""
        return self._roots.get(seq, seq)

    def retraction_of(self, seq: int) -> Retraction | None:
        """The retraction of the entry at `seq` (chains resolved), if it was retracted."""
        return self._retracted.get(self.root_of(seq))


    def _leads_to(self, move: Move) -> list[str]:
        if move.recommendation:
            return []
        return self._option_leads_to(move.inject, move.option)

    def _option_leads_to(self, inject_id: str | None,
                         option_id: str | None) -> list[str]:
        if not option_id:  # most moves pick no option: no inject to look up
            return []
        inject = self.snapshot.inject(inject_id or "")
        option = inject.option(option_id) if inject else None
        return list(option.leads_to) if option else []
