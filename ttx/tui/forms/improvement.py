"""Add an improvement-plan item: issue, corrective action, capability element, owner, due."""

from __future__ import annotations

from dataclasses import dataclass

from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input

from ttx.model.resolved import ResolvedScenario
from ttx.tui.forms.base import FormScreen, required

CAPABILITY_ELEMENTS = ("Planning", "Organization", "Equipment", "Training", "Exercises")
"""HSEEP's POETE capability elements, offered as suggestions."""


@dataclass(frozen=True)
class ImprovementDraft:
    """The arguments of `Session.add_improvement`."""

    issue: str
    action: str
    capability_element: str = ""
    owner: str = ""
    due: str = ""


class ImprovementForm(FormScreen[ImprovementDraft]):
    """One row of the improvement plan; the date is checked by the session layer."""

    form_title = "Add an improvement item"
    first_field = "imp-issue"

    def __init__(self, resolved: ResolvedScenario) -> None:
        super().__init__()
        self.resolved = resolved

    def fields(self) -> list[tuple[str, Widget]]:
        capabilities = sorted({obj.capability for obj in self.resolved.scenario.objectives})
        return [
            ("Issue", Input(placeholder="what went wrong or was missing", compact=True,
                            id="imp-issue")),
            ("Action", Input(placeholder="the corrective action", compact=True,
                             id="imp-action")),
            ("Element", Input(placeholder="Planning, Organization, Equipment, Training, …",
                              suggester=SuggestFromList([*CAPABILITY_ELEMENTS, *capabilities],
                                                        case_sensitive=False),
                              compact=True, id="imp-element")),
            ("Owner", Input(placeholder="who does it", compact=True, id="imp-owner")),
            ("Due", Input(placeholder="YYYY-MM-DD", compact=True, id="imp-due")),
        ]


    def draft(self) -> ImprovementDraft:
        def value(name: str) -> str:
            return self.query_one(f"#imp-{name}", Input).value.strip()

        return ImprovementDraft(
            issue=required(value("issue"), "the issue"),
            action=required(value("action"), "the corrective action"),
            capability_element=value("element"),
            owner=value("owner"),
            due=value("due"),
        )
