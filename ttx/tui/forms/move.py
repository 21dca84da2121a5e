"""Record a move: who did what, why, to whom, and which inject (and option) it answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Select

from ttx.model.resolved import ResolvedScenario
from ttx.model.wording import one_line
from ttx.session.events import MoveKind
from ttx.tui.forms.base import FormProblem, FormScreen, required
from ttx.tui.literal import literal
from ttx.tui.widgets.tick_list import TickList


@dataclass(frozen=True)
class MoveDraft:
    """A move as the form filled it in: the arguments of `Session.record_move`."""

    role: str
    kind: str
    text: str
    rationale: str = ""
    to: list[str] = field(default_factory=list)
    inject: str | None = None
    option: str | None = None
    joint: list[str] = field(default_factory=list)
    """Other roles making the move together with `role` (a joint move)."""


class MoveForm(FormScreen[MoveDraft]):
    """Role, kind, text, rationale, recipients, the inject answered and the option picked."""

    form_title = "Record a move"
    first_field = "move-text"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "next_role", "next role", id="move.next_role", priority=True)]

    def __init__(self, resolved: ResolvedScenario, delivered: list[str],
                 answering: str | None, *, roles: list[str] | None = None,
                 role: str | None = None) -> None:
        super().__init__()
        self.resolved = resolved
        self.delivered = delivered
        self.answering = answering
        self.roles = roles
        """The roles this seat may record for (None: every role)."""
        self.role = role
        """The role the form opens on (the last one recorded), if it may still be chosen."""

    def fields(self) -> list[tuple[str, Widget]]:
        scenario = self.resolved.scenario
        roles = [(literal(f"{role.id} — {role.name}"), role.id) for role in scenario.roles
                 if self.roles is None or role.id in self.roles]
        players = [role.id for role in scenario.player_roles
                   if self.roles is None or role.id in self.roles]
        answers = [(literal(one_line(f"{inject_id} — {self._title(inject_id)}", 140)), inject_id)
                   for inject_id in reversed(self.delivered)]
        choices = self._role_values = [value for _, value in roles]
        first = self.role if self.role in choices else \
            (players[0] if players else roles[0][1])
        joint: list[tuple[str, Widget]] = [] if self.roles is not None else [
            ("Joint with", TickList[str](*[(literal(f"{role.id} {role.name}"), role.id)
                                           for role in scenario.player_roles], compact=True,
                                         id="move-joint"))]
        return [
            ("Role (^r)", Select(roles, value=first, allow_blank=False, compact=True,
                                 id="move-role")),
            ("Kind", Select([(kind.value, kind.value) for kind in MoveKind],
                            value=MoveKind.decision.value, allow_blank=False, compact=True,
                            id="move-kind")),
            ("Text", Input(placeholder="what the role decided, did, asked or said",
                           compact=True, id="move-text")),
            ("Rationale", Input(placeholder="why (optional)", compact=True,
                                id="move-rationale")),
            ("To", TickList[str](*[(literal(f"{role.id} {role.name}"), role.id)
                                        for role in scenario.roles], compact=True,
                                      id="move-to")),
            ("Answers", Select(answers, value=self.answering or Select.NULL,
                               prompt="no inject", compact=True, id="move-inject")),
            ("Option", Select(self._options(self.answering), prompt="no option",
                              compact=True, id="move-option")),
            *joint,
        ]

    def on_mount(self) -> None:
        super().on_mount()
        self._show_options(self.answering)

    def action_next_role(self) -> None:
        """One key steps the role to the next one (the form keeps the rest)."""
        picker = self.query_one("#move-role", Select)
        values = self._role_values
        if values:
            current = picker.value if picker.value in values else values[-1]
            picker.value = values[(values.index(current) + 1) % len(values)]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "move-inject":
            inject_id = event.value if isinstance(event.value, str) else None
            self.query_one("#move-option", Select).set_options(self._options(inject_id))
            self._show_options(inject_id)

    def _title(self, inject_id: str) -> str:
        inject = self.resolved.inject(inject_id)
        return inject.title if inject else inject_id

    def _options(self, inject_id: str | None) -> list[tuple[Text, str]]:
        inject = self.resolved.inject(inject_id) if inject_id else None
        if inject is None:
            return []
        return [(literal(one_line(f"{option.id} — {option.label}", 140)), option.id)
                for option in inject.options]

    def _show_options(self, inject_id: str | None) -> None:
        """The option picker appears only when the answered inject is a decision point."""
        shown = bool(self._options(inject_id))
        picker = self.query_one("#move-option", Select)
        picker.display = shown
        self.query_one("#label-move-option").display = shown

    def draft(self) -> MoveDraft:
        role = self.query_one("#move-role", Select).value
        kind = self.query_one("#move-kind", Select).value
        if not isinstance(role, str) or not isinstance(kind, str):
            raise FormProblem("choose a role and a kind")
        inject = self.query_one("#move-inject", Select).value
        option = self.query_one("#move-option", Select).value
        answered = inject if isinstance(inject, str) else None
        picked = option if isinstance(option, str) and answered else None
        return MoveDraft(
            role=role,
            kind=kind,
            text=required(self.query_one("#move-text", Input).value, "the move's text"),
            rationale=self.query_one("#move-rationale", Input).value.strip(),
            to=list(self.query_one("#move-to", TickList).selected),
            inject=answered,
            option=picked,
            joint=[r for r in self.query_one("#move-joint", TickList).selected if r != role]
            if self.query("#move-joint") else [],
        )
