"""Appendix: participant feedback, after HSEEP's participant feedback form.

Each delegation's forms (`feedback_submitted`, the latest of an amended one stands as the
fold keeps it) summarised per question (how many answered and the median 1–5, by role and
overall) and its strengths, areas for improvement and comments listed by role.
"""

from __future__ import annotations

from statistics import median

from pydantic import BaseModel, Field

from ttx.report.model_config import REPORT
from ttx.session.feedback import FEEDBACK_QUESTIONS
from ttx.session.fold import SessionState


class RoleRating(BaseModel):
    """One role's answers to one question."""

    model_config = REPORT

    role: str
    count: int
    median: float | None


class QuestionSummary(BaseModel):
    """One question of the form: answers by role and overall (1 strongly disagree – 5
    strongly agree)."""

    model_config = REPORT

    id: str
    statement: str
    count: int
    median: float | None
    by_role: list[RoleRating]


class RoleComments(BaseModel):
    """What one delegation wrote on its forms."""

    model_config = REPORT

    role: str
    role_name: str
    forms: int
    strengths: list[str]
    improvements: list[str]
    comments: list[str]


class FeedbackAppendix(BaseModel):
    """The participant feedback appendix."""

    model_config = REPORT

    forms: int = 0
    questions: list[QuestionSummary] = Field(default_factory=list)
    roles: list[RoleComments] = Field(default_factory=list)


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def feedback_appendix(state: SessionState) -> FeedbackAppendix:
    """The appendix of the session's feedback forms (empty when none was submitted)."""
    forms = list(getattr(state, "feedback", []) or [])
    if not forms:
        return FeedbackAppendix()
    order = {role.id: index for index, role in enumerate(state.snapshot.scenario.roles)}
    names = {role.id: role.name for role in state.snapshot.scenario.roles}
    roles = sorted({form.role for form in forms}, key=lambda r: (order.get(r, len(order)), r))
    questions = []
    for question_id, statement in FEEDBACK_QUESTIONS:
        by_role = []
        for role in roles:
            values = [form.ratings[question_id] for form in forms
                      if form.role == role and question_id in form.ratings]
            by_role.append(RoleRating(role=role, count=len(values), median=_median(values)))
        every = [form.ratings[question_id] for form in forms if question_id in form.ratings]
        questions.append(QuestionSummary(id=question_id, statement=statement,
                                         count=len(every), median=_median(every),
                                         by_role=by_role))
    comments = []
    for role in roles:
        own = [form for form in forms if form.role == role]
        comments.append(RoleComments(
            role=role, role_name=names.get(role, role), forms=len(own),
            strengths=[text for form in own for text in form.strengths if text.strip()],
            improvements=[text for form in own for text in form.improvements if text.strip()],
            comments=[form.text for form in own if form.text.strip()]))
    return FeedbackAppendix(forms=len(forms), questions=questions, roles=comments)
