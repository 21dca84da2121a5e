"""The analysis an evaluator or facilitator writes (also after ENDEX): a part of the
executive summary, an objective's final rating with why, or a finding."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.widget import Widget
from textual.widgets import Input, Select

from ttx.model.resolved import ResolvedScenario
from ttx.model.wording import one_line
from ttx.session.events import Rating, SummaryPart
from ttx.tui.forms.base import FormProblem, FormScreen, required
from ttx.tui.literal import literal

KINDS = [
    *((f"summary: {part}", f"summary:{part}") for part in SummaryPart),
    ("final rating of an objective", "rating"),
    ("finding: strength", "finding:strength"),
    ("finding: area for improvement", "finding:improvement"),
]


@dataclass(frozen=True)
class AnalysisDraft:
    kind: str
    """`summary:PART`, `rating` or `finding:KIND`."""
    text: str
    objective: str | None = None
    rating: str | None = None
    reference: str = ""
    analysis: str = ""
    recommendations: list[str] = field(default_factory=list)


class AnalysisForm(FormScreen[AnalysisDraft]):
    form_title = "Write the analysis"
    first_field = "analysis-text"

    def __init__(self, resolved: ResolvedScenario) -> None:
        super().__init__()
        self.resolved = resolved

    def fields(self) -> list[tuple[str, Widget]]:
        objectives = [(literal(one_line(f"{o.id} — {o.text}", 140)), o.id)
                      for o in self.resolved.scenario.objectives]
        return [
            ("Write", Select(KINDS, value="rating" if objectives else "summary:overview",
                             allow_blank=False, compact=True, id="analysis-kind")),
            ("Objective", Select(objectives, prompt="(summary: none)", compact=True,
                                 id="analysis-objective")),
            ("Rating", Select([(f"{r.value} — {r.meaning}", r.value) for r in Rating],
                              prompt="(final rating only)", compact=True,
                              id="analysis-rating")),
            ("Text", Input(placeholder="the summary, why the rating, or the finding's title",
                           compact=True, id="analysis-text")),
            ("Reference", Input(placeholder="finding: plan or doctrine it is measured against",
                                compact=True, id="analysis-reference")),
            ("Analysis", Input(placeholder="finding: what happened and why", compact=True,
                               id="analysis-analysis")),
            ("Recommend", Input(placeholder="finding: recommendations, separated by ;",
                                compact=True, id="analysis-recommend")),
        ]

    def draft(self) -> AnalysisDraft:
        kind = str(self.query_one("#analysis-kind", Select).value)
        objective = self.query_one("#analysis-objective", Select).value
        rating = self.query_one("#analysis-rating", Select).value
        chosen = objective if isinstance(objective, str) else None
        if kind != "rating" and not kind.startswith("finding"):
            return AnalysisDraft(kind, required(
                self.query_one("#analysis-text", Input).value, "the summary"))
        if chosen is None:
            raise FormProblem("choose the objective")
        if kind == "rating":
            if not isinstance(rating, str):
                raise FormProblem("choose the final rating")
            return AnalysisDraft(kind, self.query_one("#analysis-text", Input).value.strip(),
                                 objective=chosen, rating=rating)
        recommendations = [r.strip() for r in
                           self.query_one("#analysis-recommend", Input).value.split(";")
                           if r.strip()]
        return AnalysisDraft(
            kind, required(self.query_one("#analysis-text", Input).value, "the finding"),
            objective=chosen,
            reference=self.query_one("#analysis-reference", Input).value.strip(),
            analysis=self.query_one("#analysis-analysis", Input).value.strip(),
            recommendations=recommendations)
