"""The after-action report model: everything the templates print, and the JSON format.

One model feeds every format (HTML, PDF, Markdown, JSON), so all of them say the same
thing. It is built from a session file alone (`ttx.report.build`). Times are aware
datetimes: wall times in UTC, game times in the scenario's offset. Durations are
whole-second `timedelta`s, ISO 8601 durations (`PT11M`) in the JSON. Game time is the
measure wherever the exercise's own clock matters (response and relay times, time
standards); wall time is labelled "room time".
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from ttx.model.scenario import Role
from ttx.report.analysis_model import (
    Acronym,
    CapabilityRow,
    DecisionPoint,
    ExecutiveSummary,
    Finding,
    InjectReview,
    TaskRating,
    TimeStandard,
)
from ttx.report.coordination_model import CoordinationAnalysis
from ttx.report.edition_model import Edition
from ttx.report.feedback import FeedbackAppendix
from ttx.report.model_config import FORMAT_VERSION, REPORT, Duration
from ttx.report.responses_model import InjectResponse


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

    @classmethod
    def of(cls, role: Role) -> RoleSummary:
        """The summary of a scenario's role (the exercise documents list roles so too)."""
        return cls(id=role.id, name=role.name, kind=str(role.kind), members=list(role.members))


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
    mission_areas: list[str] = Field(default_factory=list)
    """HSEEP mission areas of the objectives (Prevention, Protection, Mitigation,
    Response, Recovery), in first-mentioned order."""
    threat_hazard: str = ""
    point_of_contact: str = ""
    publication_date: date | None = None
    """The day this edition of the report was made."""
    version: str = ""
    """This edition: the journal entry it was made to, e.g. `1.0 (entry 90)`."""


class CountByKind(BaseModel):
    """How many of one kind."""

    model_config = REPORT

    kind: str
    count: int


class SummaryFigures(BaseModel):
    """The figures a reader looks for first."""

    model_config = REPORT

    duration: Duration
    """Wall time from start to end (or to the last entry)."""
    playing_time: Duration
    """The duration less the time the clock was paused."""
    game_time_elapsed: Duration
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
    game_offset: Duration
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
    rationale: str = ""
    """A move's rationale, as the delegation gave it."""
    objective: str | None = None
    """The objective an observation is about."""
    seat: str = ""
    """Who wrote the entry: facilitator, evaluator:NAME, player:ROLE (legacy `cli` is
    shown as `facilitator (cli)`)."""


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
    response_time: Duration | None
    """Game time from the inject's delivery to this move."""
    room_time: Duration | None = None
    """Room (wall) time from the delivery to this move, pauses excluded."""
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
    median: Duration | None
    """In game time."""
    maximum: Duration | None


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
    """The lead evaluator's final P/S/M/U rating; None ("not rated") until one is given.
    Never computed from the observations' own ratings."""
    rating_meaning: str | None
    strengths: list[ObservationEntry]
    improvements: list[ObservationEntry]
    """Areas for improvement."""
    notes: list[ObservationEntry]
    rating_explanation: str = ""
    observation_ratings: list[str] = Field(default_factory=list)
    """The observations' own ratings, in journal order: evidence, not the rating."""
    core_capability: str = ""
    mission_area: str = ""
    critical_tasks: list[TaskRating] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    time_standard: TimeStandard | None = None


class ImprovementRow(BaseModel):
    """One row of the improvement plan, in HSEEP's eight columns."""

    model_config = REPORT

    seq: int
    """The journal entry (the rows are numbered 1–n by `number`)."""
    issue: str
    action: str
    """The corrective action."""
    capability_element: str
    owner: str
    """The owner as first recorded (before organisation and POC were separate)."""
    due: str
    """Completion date."""
    amended: bool = False
    number: int = 0
    """1–n, in plan order."""
    capability: str = ""
    """Core capability."""
    objective: str = ""
    organisation: str = ""
    """Primary responsible organisation."""
    poc: str = ""
    """Organisation point of contact."""
    start: str = ""
    """Start date."""
    role: str = ""
    """The government (role) the row belongs to, when it belongs to one."""
    observation: int | None = None
    """The observation it answers."""


class Participant(BaseModel):
    """A role at the table and how active it was."""

    model_config = REPORT

    id: str
    name: str
    kind: str
    members: list[str]
    moves: int | None
    """None in a delegation's edition, for every role but its own."""
    injects_received: int | None


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

    format_version: str = FORMAT_VERSION
    generated_at: datetime | None = None
    """When this report was made (UTC)."""
    overview: ExerciseOverview
    summary: SummaryFigures
    timeline: list[TimelineEntry]
    decisions: list[RoleDecisions]
    response_times: list[RoleResponseTimes]
    inject_responses: list[InjectResponse] = Field(default_factory=list)
    """Delivery → acknowledgement → first move per delegation (sessions whose seats
    acknowledged injects)."""
    coordination: CoordinationAnalysis
    objectives: list[ObjectiveAssessment]
    improvement_plan: list[ImprovementRow]
    participants: list[Participant]
    msel: list[MselRow]
    retracted: list[RetractedEntry]
    executive_summary: ExecutiveSummary = Field(default_factory=ExecutiveSummary)
    capability_table: list[CapabilityRow] = Field(default_factory=list)
    """HSEEP Table 1."""
    decision_points: list[DecisionPoint] = Field(default_factory=list)
    inject_reviews: list[InjectReview] = Field(default_factory=list)
    """Expected actions beside what was done: an evaluators' view."""
    acronyms: list[Acronym] = Field(default_factory=list)
    feedback: FeedbackAppendix = Field(default_factory=FeedbackAppendix)
    """Appendix: participant feedback forms."""
    edition: Edition | None = None
    """Set in one delegation's edition (`ttx report --for ROLE`); None in the full report."""
