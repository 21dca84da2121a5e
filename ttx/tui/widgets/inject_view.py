"""The selected inject in full: body, sender, method, recipients, questions, and for
control seats its expected actions, facilitator notes and decision options."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.message import Message

from ttx.model.ids import ALL_RECIPIENTS
from ttx.model.inject import Inject
from ttx.model.resolved import ResolvedScenario
from ttx.model.wording import clock
from ttx.session.responses import RoleResponse
from ttx.terminal_text import visible
from ttx.tui.formatting import role_names, status_word
from ttx.tui.literal import literal
from ttx.tui.widgets.markdown_body import markdown_body
from ttx.tui.widgets.text_pane import TextPane

NOTHING_SELECTED = "No inject selected."


def _role_label(resolved: ResolvedScenario, role_id: str) -> str:
    if role_id == ALL_RECIPIENTS:
        return "Everyone"
    role = resolved.scenario.role(role_id)
    return f"{role.name} ({role_id})" if role else role_id


def meta_table(resolved: ResolvedScenario, inject: Inject, status: str | None) -> Table:
    """Sender, method, recipients and status, one fact per row, wrapped values aligned."""
    facts = [
        ("from", inject.sender or "—"),
        ("method", str(inject.method)),
        ("to", role_names(resolved, resolved.recipients(inject))),
        ("status", status_word(status)),
    ]
    if inject.control_only:
        facts.append(("seen by", "CONTROL ONLY — never on a display"))
    if inject.objectives:
        facts.append(("objectives", ", ".join(inject.objectives)))
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", justify="right", no_wrap=True)
    table.add_column(ratio=1)
    for label, value in facts:
        table.add_row(label, literal(value))  # a str cell would be read as markup
    return table


def prompts_text(resolved: ResolvedScenario, heading: str,
                 prompts: dict[str, list[str]]) -> Text:
    """A heading, then each role's prompts as bullets (empty when there are none)."""
    text = Text()
    if not prompts:
        return text
    text.append(heading, style="bold underline")
    for role_id, lines in prompts.items():
        text.append(literal(f"\n{_role_label(resolved, role_id)}", style="bold"))
        for line in lines:
            text.append(literal(f"\n  • {line}"))
    return text


def control_text(inject: Inject) -> Text:
    """Decision options and facilitator notes: for control seats only."""
    text = Text()
    if inject.options:
        text.append("Decision point — options", style="bold underline")
        for option in inject.options:
            text.append(literal(f"\n  [{option.id}] {option.label}"))
            if option.leads_to:
                text.append(f"\n      releases: {', '.join(option.leads_to)}", style="dim")
    if inject.notes:
        if text:
            text.append("\n\n")
        text.append("Facilitator notes", style="bold underline")
        text.append(literal(f"\n{inject.notes.strip()}"))
    return text


def responses_text(answers: list[RoleResponse]) -> Text:
    """Per recipient delegation: received when, first move when, options picked."""
    text = Text()
    if not answers:
        return text
    text.append("Delegations", style="bold underline")
    for answer in answers:
        text.append(f"\n  {answer.role:<5}", style="bold")
        text.append(f" received {clock(answer.acknowledged.at_game)} "
                    f"(#{answer.acknowledged.seq})" if answer.acknowledged else " not received")
        text.append(f" · answered {clock(answer.first_move.at_game)} "
                    f"(#{answer.first_move.seq})" if answer.first_move else " · no answer")
        for option, standing in answer.options:
            text.append(literal(f" · {standing}: {option}"))
    return text


def inject_detail(resolved: ResolvedScenario, inject: Inject, status: str | None, *,
                  show_control: bool, answers: list[RoleResponse] | None = None) -> Group:
    """Everything the inject panel shows, as one renderable: one widget to lay out and
    draw per cursor move, not a tree of them."""
    parts: list[RenderableType] = [literal(inject.title, style="bold"), Text(),
                                   meta_table(resolved, inject, status)]
    if inject.body.strip():
        parts += [Text(), markdown_body(visible(inject.body))]
    sections = [prompts_text(resolved, "Questions", inject.questions)]
    if show_control:
        sections += [prompts_text(resolved, "Expected actions (control and evaluators only)",
                                  inject.expected),
                     control_text(inject)]
    if show_control and answers:
        sections.append(responses_text(answers))
    for section in sections:
        if section.plain:
            parts += [Text(), section]
    return Group(*parts)


def _detail_key(inject: Inject, status: str | None,
                answers: list[RoleResponse] | None) -> tuple[object, ...]:
    """What an inject's detail depends on besides the inject itself."""
    return (inject.id, status, _answers_key(answers))


def _answers_key(answers: list[RoleResponse] | None) -> tuple[object, ...]:
    return tuple((a.role, a.acknowledged.seq if a.acknowledged else None,
                  a.first_move.seq if a.first_move else None, tuple(a.options))
                 for a in answers or ())


class InjectView(TextPane):
    """Scrollable detail of one inject, updated when the MSEL cursor moves."""

    class Resized(Message):
        """The pane's width changed: what was rendered ahead is at the old width."""

    def __init__(self, *, show_control: bool = True, id: str | None = None) -> None:
        super().__init__(Text(NOTHING_SELECTED), id=id)
        self.show_control = show_control
        self.inject_id: str | None = None
        self._status: str | None = None

    def show(self, resolved: ResolvedScenario, inject_id: str | None,
             status: str | None, answers: list[RoleResponse] | None = None) -> None:
        """Show `inject_id` (or nothing) with its current status and, for a delivered
        inject, what each delegation did about it."""
        inject = resolved.inject(inject_id) if inject_id else None
        self.inject_id = inject_id
        self._status = status
        if inject is None:
            self.update(Text(NOTHING_SELECTED))
        elif (key := _detail_key(inject, status, answers)) != self.shown_key:
            # the same detail again (another seat wrote) stays as it is, where it was read
            self.update(inject_detail(resolved, inject, status, show_control=self.show_control,
                                      answers=answers), key=key)

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        self.post_message(self.Resized())

    def prepare(self, resolved: ResolvedScenario, inject_id: str, status: str | None,
                answers: list[RoleResponse] | None = None) -> None:
        """Render what `show` would show for these, and keep it (see `prerender`)."""
        inject = resolved.inject(inject_id)
        key = _detail_key(inject, status, answers) if inject is not None else None
        if inject is not None and not self.is_rendered(key):
            self.prerender(inject_detail(resolved, inject, status,
                                         show_control=self.show_control, answers=answers), key)

    def update_status(self, resolved: ResolvedScenario, status: str | None) -> None:
        """Redraw after the shown inject was delivered or skipped (only if it was)."""
        if status != self._status:
            self.show(resolved, self.inject_id, status)
