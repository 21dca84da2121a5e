"""An inject: one scripted event delivered to some roles during play."""


from datetime import timedelta
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from ttx.model.conditions import ConditionId, When, condition_ids, holds
from ttx.model.ids import ObjectiveId, Recipient, RoleId, Slug
from ttx.model.offsets import Offset

AUTHORED = ConfigDict(
    extra="forbid",
    populate_by_name=True,
    str_strip_whitespace=False,
    frozen=True,
    coerce_numbers_to_str=True,
    defer_build=True,
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
    sets: list[ConditionId] = Field(default_factory=list)
    """Conditions this option sets when it is decided, e.g. `[direct-link-restored]`;
    later injects read them in `when:` to change what players read."""


class Variant(BaseModel):
    """Another text of the same inject, read when its condition holds at delivery."""

    model_config = AUTHORED

    id: Slug | None = None
    """Names the variant in the record and the report; by default `v1`, `v2`, … by
    position."""
    when: When
    """The condition expression that selects it: a condition id, `not` and an id, or a list
    of such terms that must all hold. The first variant whose `when` holds is delivered."""
    title: str | None = Field(default=None, min_length=1)
    """Replaces the inject's title."""
    body: str | None = None
    """Replaces the inject's body (Markdown)."""
    questions: dict[Recipient, list[str]] | None = None
    """Replaces the inject's discussion questions."""
    expected: dict[Recipient, list[str]] | None = None
    """Replaces the inject's expected actions."""


class InjectText(NamedTuple):
    """What an inject says given the conditions set so far."""

    title: str
    body: str
    questions: dict[str, list[str]]
    expected: dict[str, list[str]]
    variant_id: str | None
    """The variant delivered, or None for the inject's own text."""


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
    decided_by: list[RoleId] = Field(default_factory=list)
    """The roles whose pick of an option is the decision; an option picked by any other
    role is recorded as a recommendation. Empty: any player role decides."""
    default_option: Slug | None = None
    """The option that applies when the facilitator closes the decision unanswered."""
    when: When | None = None
    """Play this inject only if the expression holds when it comes due (a condition id,
    `not` and an id, or a list of terms that must all hold); otherwise it is dropped."""
    variants: list[Variant] = Field(default_factory=list)
    """Other texts selected by conditions; the first whose `when` holds replaces the
    title, body, questions or expected actions it gives."""
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

    def applies(self, conditions: frozenset[str]) -> bool:
        """Whether the inject plays given the conditions set so far (its own `when`)."""
        return self.when is None or holds(self.when, conditions)

    def variant_id(self, index: int) -> str:
        """The id of the variant at `index`: its own, or `v1`, `v2`, … by position."""
        return self.variants[index].id or f"v{index + 1}"

    def text_for(self, conditions: frozenset[str]) -> InjectText:
        """The title, body, questions and expected actions delivered given `conditions`:
        the first variant whose `when` holds overrides the fields it gives."""
        for index, variant in enumerate(self.variants):
            if holds(variant.when, conditions):
                return self.delivered_text(self.variant_id(index))
        return InjectText(self.title, self.body, self.questions, self.expected, None)

    def delivered_text(self, variant_id: str | None) -> InjectText:
        """The text as delivered in the variant `variant_id` (None: the inject's own)."""
        for index, variant in enumerate(self.variants):
            if variant_id is not None and self.variant_id(index) == variant_id:
                return InjectText(
                    title=variant.title if variant.title is not None else self.title,
                    body=variant.body if variant.body is not None else self.body,
                    questions=(variant.questions if variant.questions is not None
                               else self.questions),
                    expected=variant.expected if variant.expected is not None else self.expected,
                    variant_id=variant_id)
        return InjectText(self.title, self.body, self.questions, self.expected, None)

    def conditions_read(self) -> list[str]:
        """Every condition id the inject's `when` and its variants read, in order."""
        found: list[str] = list(condition_ids(self.when or []))
        for variant in self.variants:
            found += condition_ids(variant.when)
        return list(dict.fromkeys(found))

    def may_decide(self, role_id: str) -> bool:
        """Whether a pick by `role_id` is the decision rather than a recommendation."""
        return not self.decided_by or role_id in self.decided_by
