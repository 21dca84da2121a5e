"""Send a message to other delegations, or forward what was received (a relay)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from ttx.model.resolved import ResolvedScenario
from ttx.model.wording import one_line
from ttx.tui.forms.base import FormProblem, FormScreen, required
from ttx.tui.literal import literal
from ttx.tui.widgets.tick_list import TickList


@dataclass(frozen=True)
class MessageDraft:
    """A communication as the form filled it in."""

    to: list[str]
    text: str
    inject: str | None = None
    relays: int | None = None


class MessageForm(FormScreen[MessageDraft]):
    """To whom, what, and (optionally) the inject it is about. As a forward, it names
    the entry it relays and the text is the delegation's comment."""

    form_title = "Send a message"
    submit_label = "Send"
    first_field = "message-text"

    def __init__(self, resolved: ResolvedScenario, sender: str, received: list[str],
                 about: str | None, *, relays: int | None = None,
                 relayed_title: str = "") -> None:
        super().__init__()
        self.resolved = resolved
        self.sender = sender
        self.received = received
        self.about = about
        self.relays = relays
        self.relayed_title = relayed_title
        if relays is not None:
            self.form_title = f"Forward #{relays}"
            self.submit_label = "Forward"

    def preamble(self) -> ComposeResult:
        if self.relays is not None:
            yield Static(literal(one_line(f"Forwarding: {self.relayed_title}", 160)),
                         classes="form-hint")

    def fields(self) -> list[tuple[str, Widget]]:
        scenario = self.resolved.scenario
        others = [role for role in scenario.roles if role.id != self.sender]
        fields: list[tuple[str, Widget]] = [
            ("To", TickList[str](*[(literal(f"{role.id} {role.name}"), role.id)
                                   for role in others], compact=True, id="message-to")),
            ("Comment" if self.relays is not None else "Text",
             Input(placeholder="what you add" if self.relays is not None
                   else "what the delegation says", compact=True, id="message-text")),
        ]
        if self.relays is None:
            about = [(literal(one_line(f"{inject_id} — {self._title(inject_id)}", 140)),
                      inject_id) for inject_id in self.received]
            fields.append(("About", Select(about, value=self.about or Select.NULL,
                                           prompt="no inject", compact=True,
                                           id="message-about")))
        return fields

    def _title(self, inject_id: str) -> str:
        inject = self.resolved.inject(inject_id)
        return inject.title if inject else inject_id

    def draft(self) -> MessageDraft:
        to = list(self.query_one("#message-to", TickList).selected)
        if not to:
            raise FormProblem("tick at least one delegation to send it to")
        text = self.query_one("#message-text", Input).value
        if self.relays is not None:
            return MessageDraft(to=to, text=text.strip() or "Forwarded.",
                                inject=self.about, relays=self.relays)
        about = self.query_one("#message-about", Select).value
        return MessageDraft(to=to, text=required(text, "the message"),
                            inject=about if isinstance(about, str) else None)
