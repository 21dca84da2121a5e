"""Record an evaluator's observation: objective, kind, P/S/M/U rating, text."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select

from ttx.model.resolved import ResolvedScenario
from ttx.model.wording import one_line
from ttx.session.events import ObservationKind, Rating
from ttx.terminal_text import visible
from ttx.tui.forms.base import FormProblem, FormScreen, required
from ttx.tui.literal import literal


@dataclass(frozen=True)
class ObservationDraft:
    """The arguments of `Session.record_observation`."""

    objective: str
    kind: str
    text: str
    rating: str | None = None
    author: str = ""
    task: str | None = None
    """The objective's critical task rated, if any."""


class ObservationForm(FormScreen[ObservationDraft]):
    """Objective, kind, rating (optional) and what was seen."""

    form_title = "Record an observation"
    first_field = "obs-text"

    def __init__(self, resolved: ResolvedScenario, author: str = "") -> None:
        super().__init__()
        self.resolved = resolved
        self.author = author

    def fields(self) -> list[tuple[str, Widget]]:
        objectives = [(literal(one_line(f"{obj.id} — {obj.text}", 140)), obj.id)
                      for obj in self.resolved.scenario.objectives]
        ratings = [(f"{rating.value} — {rating.meaning}", rating.value) for rating in Rating]
        return [
            ("Objective", Select(objectives, value=objectives[0][1] if objectives else Select.NULL,
                                 prompt="choose an objective", compact=True,
                                 id="obs-objective")),
            ("Kind", Select([(kind.value, kind.value) for kind in ObservationKind],
                            value=ObservationKind.strength.value, allow_blank=False,
                            compact=True, id="obs-kind")),
            ("Task", Select(self._tasks(objectives[0][1] if objectives else None),
                            prompt="the objective as a whole", compact=True, id="obs-task")),
            ("Rating", Select(ratings, prompt="no rating", compact=True, id="obs-rating")),
            ("Text", Input(placeholder="what you observed", compact=True, id="obs-text")),
            ("Author", Input(value=visible(self.author), placeholder="your name (optional)",
                             compact=True, id="obs-author")),
        ]


    def _tasks(self, objective_id: str | None) -> list[tuple[Text, str]]:
        """The critical tasks of `objective_id`, which an observation may rate one by one."""
        objective = next((o for o in self.resolved.scenario.objectives
                          if o.id == objective_id), None)
        return [(literal(one_line(f"{task.id} — {task.text}", 140)), task.id)
                for task in (objective.critical_tasks if objective else [])]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "obs-objective":
            objective = event.value if isinstance(event.value, str) else None
            tasks = self.query_one("#obs-task", Select)
            tasks.set_options(self._tasks(objective))

    def draft(self) -> ObservationDraft:
        objective = self.query_one("#obs-objective", Select).value
        kind = self.query_one("#obs-kind", Select).value
        rating = self.query_one("#obs-rating", Select).value
        if not isinstance(objective, str):
            raise FormProblem("choose the objective observed")
        return ObservationDraft(
            objective=objective,
            kind=str(kind),
            text=required(self.query_one("#obs-text", Input).value, "the observation's text"),
            rating=rating if isinstance(rating, str) else None,
            author=self.query_one("#obs-author", Input).value.strip(),
            task=task if isinstance(task := self.query_one("#obs-task", Select).value, str)
            else None,
        )
