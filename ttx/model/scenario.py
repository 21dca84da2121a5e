"""A scenario: one exercise design with its roles, objectives and modules."""


from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
)

from ttx.model.capabilities import MissionArea
from ttx.model.conditions import ConditionId
from ttx.model.ids import (
    SLUG_PATTERN,
    CriticalTaskId,
    ModuleId,
    ObjectiveId,
    Recipient,
    RoleId,
    Slug,
)
from ttx.model.inject import AUTHORED
from ttx.model.offsets import OFFSET_PATTERN, Offset

DEFAULT_CLASSIFICATION = "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY"


class RoleKind(StrEnum):
    """What a role does in the exercise."""

    player = "player"
    control = "control"
    adversary = "adversary"
    observer = "observer"


class Role(BaseModel):
    """A cell or delegation."""

    model_config = AUTHORED

    id: RoleId
    """Upper-case id, e.g. `US`, `JPN`, `ROK`, `WHITE`, `DPRK`."""
    name: str = Field(min_length=1)
    """Full name, e.g. `Republic of Korea delegation`."""
    kind: RoleKind
    """player, control, adversary or observer."""
    members: list[str] = Field(default_factory=list)
    """Seats at the table, e.g. `Deputy National Security Advisor`."""


class CriticalTask(BaseModel):
    """A task evaluators rate on the way to an objective (HSEEP EEG critical task)."""

    model_config = AUTHORED

    id: CriticalTaskId
    """The objective's id, a dot and a number, e.g. `OBJ-1.2`; unique in the scenario."""
    text: str = Field(min_length=1)
    """What is done, observably, e.g. `ROK passes its launch track to the U.S. relay`."""


class Objective(BaseModel):
    """What the exercise tests, linked to a capability."""

    model_config = AUTHORED

    id: ObjectiveId
    """Id like `OBJ-1`."""
    text: str = Field(min_length=1)
    """Specific and measurable, e.g. `Share missile-track data among all three delegations
    within 15 minutes`."""
    capability: str = Field(min_length=1)
    """The capability it exercises, e.g. `Intelligence and Information Sharing`."""
    core_capability: str | None = Field(default=None, min_length=1)
    """The HSEEP core capability evaluators rate it under: one of the 32 of the National
    Preparedness Goal, e.g. `Operational Coordination`."""
    mission_area: MissionArea | None = None
    """Prevention, Protection, Mitigation, Response or Recovery."""
    critical_tasks: list[CriticalTask] = Field(default_factory=list)
    """The tasks evaluators rate (P/S/M/U) on the way to the objective; 2–4 is usual."""
    within: Offset | None = None
    """Time standard in game time, `+H:MM`: the objective is met if it is achieved within
    this long of the delivery of `measured_from` (by default the first inject in MSEL
    order that lists the objective)."""
    measured_from: Slug | None = None
    """The inject whose delivery starts the `within` clock, if not the first inject that
    lists the objective."""

    def task(self, task_id: str) -> CriticalTask | None:
        """The critical task with this id, if the objective has one."""
        return next((task for task in self.critical_tasks if task.id == task_id), None)


class ModuleInject(BaseModel):
    """An inject played by a module, with an optional offset that overrides the inject's own."""

    model_config = AUTHORED

    id: Slug
    """The inject's id."""
    at: Offset | None = None
    """Offset from the module start, overriding the inject's own `at`."""

    @model_serializer(mode="wrap")
    def _plain_id_when_no_override(self, handler: SerializerFunctionWrapHandler) -> Any:
        return self.id if self.at is None else handler(self)


def _reference_from_id(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


PlannedInject = Annotated[
    ModuleInject,
    BeforeValidator(_reference_from_id),
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "pattern": SLUG_PATTERN, "description": "An inject id."},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "pattern": SLUG_PATTERN},
                    "at": {"type": "string", "pattern": OFFSET_PATTERN},
                },
                "description": "An inject id with an offset that overrides the inject's own.",
            },
        ]
    }),
]
"""A planned inject: its id alone, or `{id, at}`."""


class Module(BaseModel):
    """A segment of the scenario with its own situation and game-clock jump."""

    model_config = AUTHORED

    id: ModuleId
    """Module id, unique in the scenario: letters, digits and hyphens, e.g. `M1` or
    `m1-detection`."""
    title: str = Field(min_length=1)
    """E.g. `Module 1: Detection and launch`."""
    at: Offset = Field(default=timedelta(0), json_schema_extra={"default": "+0:00"})
    """Game-clock offset of the module start from STARTEX, `+H:MM`."""
    situation: str = ""
    """Situation update read when the module starts (Markdown)."""
    injects: list[PlannedInject] = Field(default_factory=list)
    """Injects in planned order: an id, or `{id, at}` to override the inject's offset."""
    contingency: list[Slug] = Field(default_factory=list)
    """Injects the facilitator may release at will during this module."""


class Contact(BaseModel):
    """A point of contact for the exercise (HSEEP overview, improvement plan)."""

    model_config = AUTHORED

    name: str = Field(min_length=1)
    """The person, or the office, e.g. `Exercise Director`."""
    organisation: str = ""
    """Who they work for, e.g. `U.S. Department of State, Office of Korean Affairs`."""
    title: str = ""
    """Their position, e.g. `Exercise Director`."""
    role: RoleId | None = None
    """The delegation or cell they speak for, if one."""
    email: str = ""
    """How to reach them."""
    phone: str = ""
    """How to reach them by telephone."""


class Condition(BaseModel):
    """A named condition the facilitator may set or clear during play."""

    model_config = AUTHORED

    id: ConditionId
    """Condition id read by `when:`, e.g. `assembly-hearing-called`."""
    description: str = Field(min_length=1)
    """What it means, as the facilitator reads it before setting it."""


class HandoutKind(StrEnum):
    """What a handout is."""

    role_card = "role-card"
    red_cell = "red-cell"
    map = "map"
    read_ahead = "read-ahead"
    other = "other"


class Handout(BaseModel):
    """An authored file handed to some roles: role card, red-cell playbook, map,
    read-ahead."""

    model_config = AUTHORED

    id: Slug
    """Unique in the scenario, e.g. `jpn-role-card`."""
    title: str = Field(min_length=1)
    """As printed on the handout list."""
    kind: HandoutKind = HandoutKind.other
    """role-card, red-cell, map, read-ahead or other."""
    path: str = Field(min_length=1)
    """The file, relative to the workspace (Markdown, SVG, PNG or PDF)."""
    visible_to: list[Recipient] = Field(default_factory=lambda: ["all"])
    """Roles that may open it, or `all` for every player role; control roles always may."""


class Scenario(BaseModel):
    """One exercise design."""

    model_config = AUTHORED

    id: Slug
    """Unique in the workspace; also the file name, `scenarios/<id>.yaml`."""
    title: str = Field(min_length=1)
    """The exercise name printed on the report cover."""
    classification: str = DEFAULT_CLASSIFICATION
    """The marking printed on every screen header and report page."""
    summary: str = ""
    """Road to crisis (Markdown), shown at STARTEX."""
    start: AwareDatetime
    """Game time at STARTEX, ISO 8601 with offset, e.g. `2027-03-14T05:30:00+09:00`."""
    sponsor: str = ""
    """The organisation that sponsors the exercise (report overview)."""
    scope: str = ""
    """Scope of play for the report overview, e.g. `Discussion-based, strategic level`."""
    threat_hazard: str = ""
    """The threat or hazard the exercise plays (report overview)."""
    point_of_contact: list[Contact] = Field(default_factory=list)
    """Exercise points of contact, each `{name, organisation?, title?, role?, email?,
    phone?}`; the first is the overview's POC."""
    mission_areas: list[MissionArea] = Field(default_factory=list)
    """Mission areas played; by default those of the objectives."""
    glossary: dict[str, str] = Field(default_factory=dict)
    """Acronyms and terms with their expansions (report Appendix C); merged over the
    workspace's `glossary.yaml`."""
    conditions: list[Condition] = Field(default_factory=list)
    """Flags the facilitator may set during play; options set others with `sets`."""
    handouts: list[Handout] = Field(default_factory=list)
    """Role cards, red-cell playbooks, maps and read-aheads, with who may see each."""
    roles: list[Role] = Field(min_length=1)
    """Cells and delegations."""
    objectives: list[Objective] = Field(default_factory=list)
    """What the exercise tests."""
    modules: list[Module] = Field(min_length=1)
    """Segments of play, in order."""

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

    def objective(self, objective_id: str) -> Objective | None:
        return next((obj for obj in self.objectives if obj.id == objective_id), None)

    def module(self, module_id: str) -> Module | None:
        return next((module for module in self.modules if module.id == module_id), None)

    def handout(self, handout_id: str) -> Handout | None:
        return next((item for item in self.handouts if item.id == handout_id), None)

    def critical_task(self, task_id: str) -> tuple[Objective, CriticalTask] | None:
        """The objective and critical task with this id, if any."""
        for objective in self.objectives:
            task = objective.task(task_id)
            if task is not None:
                return objective, task
        return None

    def played_mission_areas(self) -> list[MissionArea]:
        """`mission_areas` if given, otherwise those of the objectives, in canonical order."""
        named = set(self.mission_areas) or {objective.mission_area
                                            for objective in self.objectives
                                            if objective.mission_area is not None}
        return [area for area in MissionArea if area in named]

    @property
    def player_roles(self) -> list[Role]:
        return [role for role in self.roles if role.kind is RoleKind.player]

    def game_time(self, offset: timedelta) -> datetime:
        """Game time at an offset from STARTEX."""
        return self.start + offset
