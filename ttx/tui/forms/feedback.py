"""A delegation's participant feedback at ENDEX: six 1–5 ratings, strengths, areas for
improvement and comments."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.widget import Widget
from textual.widgets import Input, Select

from ttx.session.feedback import FEEDBACK_QUESTIONS
from ttx.tui.forms.base import FormProblem, FormScreen

SCALE = [("5 — strongly agree", 5), ("4 — agree", 4), ("3 — neutral", 3),
         ("2 — disagree", 2), ("1 — strongly disagree", 1)]


@dataclass(frozen=True)
class FeedbackDraft:
    ratings: dict[str, int]
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    text: str = ""


def _items(text: str) -> list[str]:
    """Items typed on one line, separated by ';'."""
    return [item.strip() for item in text.split(";") if item.strip()]


class FeedbackForm(FormScreen[FeedbackDraft]):
    form_title = "Participant feedback"
    submit_label = "Submit"
    first_field = "feedback-strengths"

    def fields(self) -> list[tuple[str, Widget]]:
        rows: list[tuple[str, Widget]] = [
            (statement, Select(SCALE, prompt="not rated", compact=True,
                               id=f"feedback-{question}"))
            for question, statement in FEEDBACK_QUESTIONS]
        rows += [
            ("Strengths", Input(placeholder="top strengths, separated by ;", compact=True,
                                id="feedback-strengths")),
            ("To improve", Input(placeholder="areas for improvement, separated by ;",
                                 compact=True, id="feedback-improvements")),
            ("Comments", Input(placeholder="anything else (optional)", compact=True,
                               id="feedback-text")),
        ]
        return rows

    def draft(self) -> FeedbackDraft:
        ratings: dict[str, int] = {}
        for question, _ in FEEDBACK_QUESTIONS:
            value = self.query_one(f"#feedback-{question}", Select).value
            if isinstance(value, int):
                ratings[question] = value
        strengths = _items(self.query_one("#feedback-strengths", Input).value)
        improvements = _items(self.query_one("#feedback-improvements", Input).value)
        text = self.query_one("#feedback-text", Input).value.strip()
        if not (ratings or strengths or improvements or text):
            raise FormProblem("rate at least one statement or write something")
        return FeedbackDraft(ratings, strengths, improvements, text)
