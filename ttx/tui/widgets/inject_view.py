"""The selected inject in full: body, sender, method, recipients, questions, and for
control seats its expected actions, facilitator notes and decision options."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from ttx.model.ids import ALL_RECIPIENTS
from ttx.model.inject import Inject
from ttx.model.resolved import ResolvedScenario
from ttx.tui.formatting import role_names, status_word


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
        table.add_row(label, value)
    return table


def prompts_text(resolved: ResolvedScenario, heading: str,
                 prompts: dict[str, list[str]]) -> Text:
    """A heading, then each role's prompts as bullets (empty when there are none)."""
    text = Text()
    if not prompts:
        return text
    text.append(heading, style="bold underline")
    for role_id, lines in prompts.items():
        text.append(f"\n{_role_label(resolved, role_id)}", style="bold")
        for line in lines:
            text.append(f"\n  • {line}")
    return text


def control_text(inject: Inject) -> Text:
    """Decision options and facilitator notes: for control seats only."""
    text = Text()
    if inject.options:
        text.append("Decision point — options", style="bold underline")
        for option in inject.options:
            text.append(f"\n  [{option.id}] {option.label}")
            if option.leads_to:
                text.append(f"\n      releases: {', '.join(option.leads_to)}", style="dim")
    if inject.notes:
        if text:
            text.append("\n\n")
        text.append("Facilitator notes", style="bold underline")
        text.append(f"\n{inject.notes.strip()}")
    return text


class InjectView(VerticalScroll):
    """Scrollable detail of one inject, updated when the MSEL cursor moves."""

    can_focus = True

    def __init__(self, *, show_control: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_control = show_control
        self.inject_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("No inject selected.", id="inject-title")
        yield Static(id="inject-meta")
        yield Markdown(id="inject-body")
        yield Static(id="inject-questions", classes="section")
        yield Static(id="inject-expected", classes="section")
        yield Static(id="inject-control", classes="section")

    def show(self, resolved: ResolvedScenario, inject_id: str | None,
             status: str | None) -> None:
        """Show `inject_id` (or nothing) with its current status."""
        inject = resolved.inject(inject_id) if inject_id else None
        self.inject_id = inject_id
        title = self.query_one("#inject-title", Static)
        body = self.query_one("#inject-body", Markdown)
        if inject is None:
            title.update("No inject selected.")
            for part in ("meta", "questions", "expected", "control"):
                self.query_one(f"#inject-{part}", Static).update("")
            body.update("")
            return
        title.update(Text(inject.title, style="bold"))
        self.query_one("#inject-meta", Static).update(meta_table(resolved, inject, status))
        body.update(inject.body)
        sections = {
            "questions": prompts_text(resolved, "Questions", inject.questions),
            "expected": prompts_text(resolved, "Expected actions (control and evaluators only)",
                                     inject.expected) if self.show_control else Text(),
            "control": control_text(inject) if self.show_control else Text(),
        }
        for part, text in sections.items():
            section = self.query_one(f"#inject-{part}", Static)
            section.update(text)
            section.display = bool(text.plain)
        self.scroll_home(animate=False)

    def update_status(self, resolved: ResolvedScenario, status: str | None) -> None:
        """Refresh the status line after the shown inject was delivered or skipped."""
        inject = resolved.inject(self.inject_id) if self.inject_id else None
        if inject is not None:
            self.query_one("#inject-meta", Static).update(meta_table(resolved, inject, status))
