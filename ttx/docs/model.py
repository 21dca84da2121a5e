"""The documents before play, as models the templates print: one per kind.

Each model holds only what its readers may read. The Situation Manual is built from
`player_view` injects, which have no field for expected actions, notes or control
material, so no template (the built-in one or a workspace's) can print them: what the
players must not see is never handed to it. The guide and the EEGs are control
material and carry everything.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from ttx.report.model import RoleSummary

DOCUMENT = ConfigDict(frozen=True)


class Prompts(BaseModel):
    """Discussion questions (or expected actions) for one role, or for `all`."""

    model_config = DOCUMENT

    role: str
    items: list[str]


class PlayerInject(BaseModel):
    """An inject as the players read it: no expected actions, notes or options' effects."""

    model_config = DOCUMENT

    id: str
    title: str
    game_time: datetime | None
    """When it plays (None for a contingency, released at will)."""
    sender: str
    recipients: list[str]
    method: str
    body: str
    questions: list[Prompts] = Field(default_factory=list)
    options: list[str] = Field(default_factory=list)
    """A decision point's options, as the players read them."""


class ControlOption(BaseModel):
    """A decision point's option and where it leads."""

    model_config = DOCUMENT

    id: str
    label: str
    leads_to: list[str]


class ControlInject(PlayerInject):
    """An inject as control and evaluators read it: everything."""

    expected: list[Prompts] = Field(default_factory=list)
    notes: str = ""
    control_only: bool = False
    objectives: list[str] = Field(default_factory=list)
    decision: list[ControlOption] = Field(default_factory=list)
    offset: timedelta = timedelta(0)
    """From the start of its module."""
    contingency: bool = False


class ModuleView(BaseModel):
    """A module: its situation and its injects (player or control view)."""

    model_config = DOCUMENT

    id: str
    title: str
    game_time: datetime
    situation: str
    injects: list[PlayerInject] | list[ControlInject]
    contingency: list[ControlInject] = Field(default_factory=list)
    """Contingency injects: the guide's only; the SitMan never lists them."""


class CriticalTask(BaseModel):
    model_config = DOCUMENT

    id: str
    text: str


class ObjectiveView(BaseModel):
    """An objective with what evaluators rate it against."""

    model_config = DOCUMENT

    id: str
    text: str
    capability: str
    core_capability: str
    mission_area: str = ""
    critical_tasks: list[CriticalTask] = Field(default_factory=list)
    within: timedelta | None = None
    injects: list[str] = Field(default_factory=list)
    """Titles of the injects that exercise it (EEGs)."""


class ExerciseDocument(BaseModel):
    """One document before play: a Situation Manual, a guide, or the EEGs."""

    model_config = DOCUMENT

    kind: str
    """sitman, guide or eeg."""
    kind_title: str
    """`Situation Manual`, `Facilitator and Evaluator Guide`, `Exercise Evaluation Guides`."""
    scenario_id: str
    title: str
    classification: str
    summary: str
    start: datetime
    scope: str = ""
    sponsor: str = ""
    threat_hazard: str = ""
    point_of_contact: str = ""
    roles: list[RoleSummary] = Field(default_factory=list)
    objectives: list[ObjectiveView] = Field(default_factory=list)
    modules: list[ModuleView] = Field(default_factory=list)
