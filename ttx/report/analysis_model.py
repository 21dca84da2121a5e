"""The HSEEP analysis parts of the report model: what evaluators wrote and rated after
ENDEX, what the report computes and labels as computed, and the evaluators' views.

Every field has a default, so a report of a session without an analysis layer (or of
a scenario without core capabilities, time standards or a glossary) still builds, and
a `--draft` report can mark each missing piece.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from ttx.report.model_config import REPORT, Duration


class WrittenPart(BaseModel):
    """One part of the executive summary as the evaluators wrote it."""

    model_config = REPORT

    part: str
    """overview, strengths, improvements or coordination."""
    text: str
    seq: int | None = None
    """The journal entry that holds it."""
    seat: str = ""


class ComputedFinding(BaseModel):
    """A sentence the report either computed from the record or took from the evaluators."""

    model_config = REPORT

    text: str
    source: str
    """`computed` (from the record) or `evaluators` (their own finding replaced it)."""
    evidence: int = 0
    """How many entries of the record the computed sentence rests on."""
    label: str = ""
    """How the report labels it, e.g. `computed from the record (12 exchanges)`."""


class ExecutiveSummary(BaseModel):
    """HSEEP's executive summary: overview, major strengths, primary areas for improvement."""

    model_config = REPORT

    parts: list[WrittenPart] = Field(default_factory=list)
    coordination: ComputedFinding | None = None
    """How Tokyo and Seoul coordinated: the evaluators' finding, else the computed one."""
    missing: list[str] = Field(default_factory=list)
    """Parts no one has written yet (a draft marks them)."""


class TaskRating(BaseModel):
    """A critical task of an objective and the target ratings evaluators gave it."""

    model_config = REPORT

    id: str
    text: str
    ratings: list[str] = Field(default_factory=list)


class Finding(BaseModel):
    """A strength or an area for improvement as the evaluators analysed it."""

    model_config = REPORT

    seq: int
    kind: str
    """strength or improvement."""
    title: str = ""
    reference: str = ""
    analysis: str = ""
    recommendations: list[str] = Field(default_factory=list)
    seat: str = ""


class TimeStandard(BaseModel):
    """An objective's game-time standard (`within`) and whether play met it."""

    model_config = REPORT

    within: Duration
    verdict: str
    """met, missed or not measured."""
    evidence: list[str] = Field(default_factory=list)
    """One sentence per measurement, in game time."""


class CapabilityRow(BaseModel):
    """One row of HSEEP's Table 1: objective, core capability, final rating."""

    model_config = REPORT

    objective: str
    objective_text: str
    core_capability: str
    rating: str | None
    """The lead evaluator's final rating; None when none has been given."""
    rating_meaning: str


class DecisionAnswer(BaseModel):
    """A delegation's answer to a decision point."""

    model_config = REPORT

    role: str
    seq: int | None = None
    option: str | None = None
    option_label: str | None = None
    text: str = ""
    rationale: str = ""
    at_game: datetime | None = None
    after: Duration | None = None
    """Game time from the inject's delivery to the answer."""


class DecisionPoint(BaseModel):
    """One decision point with every player delegation's answer side by side."""

    model_config = REPORT

    inject: str
    title: str
    delivered_at_game: datetime | None
    options: list[str] = Field(default_factory=list)
    """The options' labels, in authored order."""
    answers: list[DecisionAnswer] = Field(default_factory=list)


class ExpectedResponse(BaseModel):
    """What one role was expected to do on an inject and what it did."""

    model_config = REPORT

    role: str
    expected: list[str] = Field(default_factory=list)
    moves: list[str] = Field(default_factory=list)
    """The role's moves on the inject, `#seq kind: text`."""


class InjectReview(BaseModel):
    """An inject's expected actions beside the moves that answered it (evaluators' view)."""

    model_config = REPORT

    inject: str
    title: str
    status: str
    responses: list[ExpectedResponse] = Field(default_factory=list)


class Acronym(BaseModel):
    """An entry of Appendix C."""

    model_config = REPORT

    term: str
    meaning: str
    """Empty when the text uses the term and nothing defines it."""
