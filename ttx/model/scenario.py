"""A scenario: one exercise design with its roles, objectives and modules."""

from __future__ import annotations

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

from ttx.model.ids import SLUG_PATTERN, ModuleId, ObjectiveId, RoleId, Slug
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

    @property
    def player_roles(self) -> list[Role]:
        return [role for role in self.roles if role.kind is RoleKind.player]

    def game_time(self, offset: timedelta) -> datetime:
        """Game time at an offset from STARTEX."""
        return self.start + offset
