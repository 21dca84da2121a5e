"""An inject: one scripted event delivered to some roles during play."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ttx.model.ids import ObjectiveId, Recipient, Slug
from ttx.model.offsets import Offset

AUTHORED = ConfigDict(
    extra="forbid",
    populate_by_name=True,
    str_strip_whitespace=False,
    frozen=True,
    coerce_numbers_to_str=True,
)


class Method(StrEnum):
    """How an inject reaches its recipients."""

    briefing = "briefing"
    intel = "intel"
    news = "news"
    social = "social"
    phone = "phone"
    email = "email"
    cable = "cable"
    orders = "orders"
    other = "other"


class Option(BaseModel):
    """One choice at a decision point; picking it in a move releases its follow-up injects."""

    model_config = AUTHORED

    id: Slug
    """Option id, unique within the inject, e.g. `share-directly`."""
    label: str = Field(min_length=1)
    """What the option says, as the players read it."""
    leads_to: list[Slug] = Field(default_factory=list)
    """Injects made available when a move picks this option; each must be played or a
    contingency in the scenario."""


class Inject(BaseModel):
    """A scripted event: intel report, news flash, phone call, cable, briefing."""

    model_config = AUTHORED

    id: Slug
    """Unique in the workspace; scenarios refer to injects by this id."""
    title: str = Field(min_length=1)
    """Short headline shown in the MSEL."""
    at: Offset = Field(default=timedelta(0), json_schema_extra={"default": "+0:00"})
    """Game-clock offset from the start of the module that plays it, `+H:MM`."""
    sender: str | None = Field(default=None, alias="from")
    """The simulated sender, e.g. `JSDF Joint Staff Office`."""
    to: list[Recipient] | None = None
    """Role ids that receive it, or `[all]`; by default every player role."""
    method: Method = Method.other
    """briefing, intel, news, social, phone, email, cable, orders or other."""
    body: str = ""
    """What the recipients read (Markdown)."""
    questions: dict[Recipient, list[str]] = Field(default_factory=dict)
    """Discussion prompts shown with the inject, by role id or `all`."""
    expected: dict[Recipient, list[str]] = Field(default_factory=dict)
    """Expected actions by role id or `all`: shown to control and evaluators only."""
    objectives: list[ObjectiveId] = Field(default_factory=list)
    """Objective ids this inject exercises."""
    options: list[Option] = Field(default_factory=list)
    """A decision point: the options a move can pick."""
    control_only: bool = False
    """Seen by control roles only; never shown on a display."""
    notes: str = ""
    """Facilitator-only notes."""
    attachments: list[str] = Field(default_factory=list)
    """Files relative to the workspace (they must stay inside it)."""
    tags: list[str] = Field(default_factory=list)
    """Free labels for searching and filtering."""

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if the inject has one."""
        return next((option for option in self.options if option.id == option_id), None)

    @property
    def is_decision_point(self) -> bool:
        return bool(self.options)
