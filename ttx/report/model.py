"""The after-action report model: everything the templates print, and the JSON format.

One model feeds every format (HTML, PDF, Markdown, JSON), so all of them say the same
thing. It is built from a session file alone (`ttx.report.build`). Times are aware
datetimes: wall times in UTC, game times in the scenario's offset. Durations are
`timedelta`s (ISO 8601 durations in the JSON).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

REPORT = ConfigDict(frozen=True, use_attribute_docstrings=True)


class ObjectiveRef(BaseModel):
    """An exercise objective and the capability it exercises."""

    model_config = REPORT

    id: str
    text: str
    capability: str


class RoleSummary(BaseModel):
    """A participating role with its seats at the table."""

    model_config = REPORT

    id: str
    name: str
    kind: str
    """player, control, adversary or observer."""
    members: list[str] = Field(default_factory=list)


class ModulePlayed(BaseModel):
    """A module of the scenario and when (if) it started."""

    model_config = REPORT

    id: str
    title: str
    planned_game_start: datetime
    started_at_wall: datetime | None = None
    started_at_game: datetime | None = None


class ExerciseOverview(BaseModel):
    """The HSEEP exercise overview table."""

    model_config = REPORT

    name: str
    scenario_id: str
    session_file: str
    """The session file's name (not its path, which says nothing to a reader)."""
    classification: str
    sponsor: str
    scope: str
    wall_start: datetime | None
    wall_end: datetime | None
    """When the session ended, or its last entry if it never did."""
    ended: bool
    game_start: datetime
    """STARTEX in game time."""
    game_end: datetime
    """The game clock at the last entry."""
    capabilities: list[str]
    """The capabilities the objectives exercise, in first-mentioned order."""
    objectives: list[ObjectiveRef]
    scenario_summary: str
    roles: list[RoleSummary]
    modules: list[ModulePlayed]


class CountByKind(BaseModel):
    """How many of one kind."""

    model_config = REPORT

    kind: str
    count: int


class SummaryFigures(BaseModel):
    """The figures a reader looks for first."""

    model_config = REPORT

    duration: timedelta
    """Wall time from start to end (or to the last entry)."""
    playing_time: timedelta
    """Duration less the time the clock was paused."""
    game_time_elapsed: timedelta
    injects_delivered: int
    injects_skipped: int
    injects_not_reached: int
    """Planned injects neither delivered nor skipped."""
    contingencies_unused: int
    """Contingency and follow-up injects that were never delivered."""
    moves: int
    moves_by_kind: list[CountByKind]
    observations: int
    notes: int
    improvement_items: int
    amended_entries: int
    retracted_entries: int


class TimelineEntry(BaseModel):
    """One row of the interleaved timeline, in journal order."""

    model_config = REPORT

    seq: int
    at_wall: datetime
    at_game: datetime
    game_offset: timedelta
    """Game time since STARTEX."""
    category: str
    """module, inject, skip, move, observation or note."""
    actor: str
    """The role of a move, the sender of an inject, or the seat that wrote the entry."""
    kind: str
    """A move's or observation's kind, an inject's method; empty otherwise."""
    text: str
    """The corrected text of an amended entry; an inject's title."""
    to: list[str] = Field(default_factory=list)
    inject: str | None = None
    rating: str | None = None
    amended: bool = False


class DecisionEntry(BaseModel):
    """A decision (or any move that picked an option) in a role's decision log."""

    model_config = REPORT

    seq: int
    role: str
    at_wall: datetime
    at_game: datetime
    kind: str
    inject: str | None
    inject_title: str | None
    option: str | None
    option_label: str | None
    text: str
    rationale: str
    response_time: timedelta | None
    """Playing time (pauses excluded) from the inject's delivery to this move."""
    amended: bool = False


class RoleDecisions(BaseModel):
    """One role's decision log."""

    model_config = REPORT

    role: str
    role_name: str
    decisions: list[DecisionEntry]


class RoleResponseTimes(BaseModel):
    """How fast a role first answered the injects it received."""

    model_config = REPORT

    role: str
    role_name: str
    injects_received: int
    injects_answered: int
    """Delivered injects this role received and later made a move about."""
    median: timedelta | None
    maximum: timedelta | None


class MatrixRow(BaseModel):
    """Communications sent by one role, one count per recipient column."""

    model_config = REPORT

    sender: str
    counts: list[int]


class CoordinationLink(BaseModel):
    """One Japan–ROK exchange: a direct move, or a relay through the United States."""

    model_config = REPORT

    route: str
    """`direct` or `via-us`."""
    path: list[str]
    """Roles in order, e.g. `["JPN", "ROK"]` or `["JPN", "US", "ROK"]`."""
    inject: str | None
    seqs: list[int]
    """The moves that make up the exchange."""
    at_wall: datetime
    """When the exchange completed (its last move)."""
    at_game: datetime
    relay_delay: timedelta | None = None
    """For a relay: playing time between its two legs."""


class CoordinationAnalysis(BaseModel):
    """Who communicated with whom, and whether Japan and the ROK talked directly."""

    model_config = REPORT

    roles: list[str]
    """Row and column order of the matrix."""
    matrix: list[MatrixRow]
    communications: int
    """Moves with recipients (communications, requests, statements, …)."""
    applicable: bool
    """Whether the scenario has US, JPN and ROK roles to analyse."""
    direct: int
    via_us: int
    dominant: str
    """`direct`, `via-us`, `balanced` or `none`."""
    verdict: str
    """One plain sentence answering the "virtual alliance" question."""
    links: list[CoordinationLink]


class ObservationEntry(BaseModel):
    """An evaluator's observation as it now stands."""

    model_config = REPORT

    seq: int
    kind: str
    rating: str | None
    text: str
    author: str
    at_game: datetime
    amended: bool = False


class ObjectiveAssessment(BaseModel):
    """One objective: its latest rating and what evaluators saw."""

    model_config = REPORT

    id: str
    text: str
    capability: str
    rating: str | None
    """The latest P/S/M/U rating given, if any."""
    rating_meaning: str | None
    strengths: list[ObservationEntry]
    improvements: list[ObservationEntry]
    """Areas for improvement."""
    notes: list[ObservationEntry]


class ImprovementRow(BaseModel):
    """One row of the improvement plan."""

    model_config = REPORT

    seq: int
    issue: str
    action: str
    """The corrective action."""
    capability_element: str
    owner: str
    due: str
    amended: bool = False


class Participant(BaseModel):
    """A role at the table and how active it was."""

    model_config = REPORT

    id: str
    name: str
    kind: str
    members: list[str]
    moves: int
    injects_received: int


class MselRow(BaseModel):
    """One inject of the MSEL as it was played."""

    model_config = REPORT

    order: int | None
    """Position in the planned MSEL; None for contingency and follow-up injects."""
    inject: str
    title: str
    module: str
    planned: bool
    planned_game_time: datetime | None
    sender: str
    recipients: list[str]
    method: str
    status: str
    """delivered, skipped, not reached (planned) or not used (contingency)."""
    delivered_at_wall: datetime | None = None
    delivered_at_game: datetime | None = None
    skip_reason: str = ""
    released_by: int | None = None
    """The move whose option released this inject."""


class RetractedEntry(BaseModel):
    """An entry withdrawn from the record, for the appendix."""

    model_config = REPORT

    seq: int
    entry_type: str
    text: str
    reason: str
    retracted_by: int
    retracted_at_wall: datetime | None


class AfterActionReport(BaseModel):
    """The after-action report / improvement plan of one session."""

    model_config = REPORT

    overview: ExerciseOverview
    summary: SummaryFigures
    timeline: list[TimelineEntry]
    decisions: list[RoleDecisions]
    response_times: list[RoleResponseTimes]
    coordination: CoordinationAnalysis
    objectives: list[ObjectiveAssessment]
    improvement_plan: list[ImprovementRow]
    participants: list[Participant]
    msel: list[MselRow]
    retracted: list[RetractedEntry]
